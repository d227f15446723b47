"""The statutory-floor policy table: every rule with its value, source, article and dates
of effect; editing a rule; the rule for which text of the Implementing Regulations applies."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...models.sharing import PolicyRule
from ...permissions import get_or_404, platform_admin_required
from ...services import policy
from ..views_util import fail, form_status, run_service
from .forms import TEXT_BASES, PolicyRuleForm, TextRuleForm
from .views import bp


def _table(text_form: TextRuleForm, status: int = 200):
    rule = policy.text_rule()
    return render_template("admin/policy.html", rules=policy.rules(), text_rule=rule,
                           basis_label=TEXT_BASES.get(rule.basis, rule.basis),
                           text_form=text_form), status


@bp.route("/policy")
@platform_admin_required
def policy_table():
    rule = policy.text_rule()
    return _table(TextRuleForm(basis=rule.basis, switch=rule.switch))


def _with_error(error, form: TextRuleForm):
    field = getattr(form, error.field or "", None)
    if field is not None:
        field.errors = [*field.errors, str(error.message)]
    else:
        flash(str(error.message), "danger")
    return _table(form, error.status)


@bp.route("/policy/text-rule", methods=["POST"])
@platform_admin_required
def policy_text_rule():
    form = TextRuleForm()
    if not form.validate_on_submit():
        return _table(form, 400)
    _row, error = run_service(policy.set_text_rule, current_user, form.basis.data,
                              form.switch.data)
    if error is not None:
        return _with_error(error, form)
    flash(_("The rule for which text of the Implementing Regulations applies is saved."),
          "success")
    return redirect(url_for("admin.policy_table"))


@bp.route("/policy/<int:rule_id>", methods=["GET", "POST"])
@platform_admin_required
def policy_rule(rule_id: int):
    row = get_or_404(PolicyRule, rule_id)
    form = PolicyRuleForm(obj=row)
    form.value.label.text = _("Value (¥ per patent)") if row.basis == "grant_bonus" \
        else _("Value (%)")
    if not form.is_submitted() and row.value is not None:
        form.value.data = row.as_rule().value  # 50, not 50.0000
    if form.validate_on_submit():
        _row, error = run_service(
            policy.update_rule, current_user, row, value=form.value.data,
            source=form.source.data, article=form.article.data,
            effective_from=form.effective_from.data, effective_to=form.effective_to.data)
        if error is not None:
            return fail(error, "admin/policy_rule.html", form=form,
                        row=get_or_404(PolicyRule, rule_id))
        flash(_("The rule is saved; the floor checks of drafts follow it at once."), "success")
        return redirect(url_for("admin.policy_table"))
    return render_template("admin/policy_rule.html", form=form, row=row), form_status(form)
