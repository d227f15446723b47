"""The classification mapping: which alliances each strategic-emerging-industry category and
WIPO technology field serves (the basis of patents' suggested alliance tags)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...extensions import db
from ...models import Alliance
from ...permissions import platform_admin_required
from ...services import classification_mapping as mapping
from ..shared_forms import CleanForm
from ..views_util import fail, run_service
from .views import bp


@bp.route("/classification/<any(sei, wipo):scheme>", methods=["GET", "POST"])
@platform_admin_required
def classification(scheme: str):
    alliances = db.session.scalars(db.select(Alliance).order_by(Alliance.position)).all()
    form = CleanForm()
    if request.method == "POST":
        if not form.validate():
            abort(400)
        chosen = {line.key: set(request.form.getlist(f"map-{line.key}"))
                  for line in mapping.lines(scheme)}
        changed, error = run_service(mapping.save, current_user, scheme, chosen)
        if error is not None:
            return fail(error, "admin/classification.html", form=form, scheme=scheme,
                        lines=mapping.lines(scheme), alliances=alliances)
        flash(_("The mapping is saved. Run “flask --app wsgi patents retag” to suggest "
                "alliances again for patents whose owners have not confirmed theirs.")
              if changed else _("Nothing changed."), "success" if changed else "info")
        return redirect(url_for("admin.classification", scheme=scheme))
    return render_template("admin/classification.html", form=form, scheme=scheme,
                           lines=mapping.lines(scheme), alliances=alliances)
