"""Patent pools: an alliance's pools, a pool with its counts n_ic, declarations, incomes and
runs; creating a pool, declaring and withdrawing essential patents, recording income,
running an allocation, and a run with its formula. Seen by the alliance's member
organisations, its coordinators and platform admins; 404 to anyone else."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from ...extensions import db
from ...formatting import format_money
from ...models import Patent
from ...models.pools import PatentPool, PoolDeclaration, PoolRun, may_see_pools
from ...models.sharing import AgreementVersion
from ...permissions import ensure, get_visible_or_404
from ...services import patents as patent_service
from ...services import pool_report as report
from ...services import pool_runs, pools
from ...services.directory import alliance_by_code
from ..views_util import confirmation_step, fail, form_status, run_service
from .forms import DeclarationForm, IncomeForm, PoolForm

bp = Blueprint("pools", __name__)

BUCKETS = {"inventors": _l("Inventors"), "school": _l("School or department"),
           "office": _l("Transfer office"), "institution": _l("Institution"),
           "office_fee": _l("Transfer-office fee"), "patent_fees": _l("Patent fees")}


@bp.app_template_filter("pool_account")
def pool_account(name: str, names: dict | None = None) -> str:
    """A ledger account of a member's chain in words: the organisation, one of its
    buckets, an inventor."""
    kind, _sep, rest = name.partition(":")
    org, _sep, part = rest.partition("/")
    org_name = (names or {}).get(int(org), org) if org.isdigit() else org
    if kind == "inventor":
        return part
    if kind == "org" and part:
        return str(BUCKETS.get(part, part))
    return str(org_name) if kind == "org" else name


@bp.app_template_filter("pool_shares")
def pool_shares(run: PoolRun) -> list:
    """Each member's allocation in a run (organisation level only)."""
    return report.run_shares(run)


def _visible_alliance(code: str):
    """The alliance whose pools the current user may see (members, coordinators, platform
    admins); 404 otherwise."""
    alliance = alliance_by_code(code)
    if alliance is None or not may_see_pools(alliance, current_user):
        abort(404)
    return alliance


@bp.route("/alliances/<code>")
@login_required
def index(code: str):
    alliance = _visible_alliance(code)
    items = db.session.scalars(select(PatentPool).where(PatentPool.alliance_id == alliance.id)
                               .order_by(PatentPool.id.desc())).all()
    return render_template("pools/index.html", alliance=alliance, pools=items,
                           can_create=alliance.can_manage(current_user))


@bp.route("/alliances/<code>/new", methods=["GET", "POST"])
@login_required
def create(code: str):
    alliance = _visible_alliance(code)
    ensure(alliance.can_manage(current_user))
    form = PoolForm()
    if form.validate_on_submit():
        pool, error = run_service(pools.create_pool, current_user, alliance, form.name.data,
                                  form.description.data or "", form.markets.data)
        if error is not None:
            return fail(error, "pools/form.html", form=form, alliance=alliance)
        flash(_("The pool %(name)s is created.", name=pool.name), "success")
        return redirect(url_for("pools.pool", pool_id=pool.id))
    return render_template("pools/form.html", form=form, alliance=alliance), form_status(form)


@bp.route("/<int:pool_id>")
@login_required
def pool(pool_id: int):
    item = get_visible_or_404(PatentPool, pool_id)
    return render_template(
        "pools/pool.html", pool=item, table=report.count_table(item),
        declarations=report.declarations(item), incomes=report.incomes(item),
        runs=report.runs(item), periods=report.open_periods(item),
        can_manage=item.can_manage(current_user), can_declare=item.can_declare(current_user))


def _own_patents() -> list[Patent]:
    """The organisation's patents that may be declared (published, granted or pending)."""
    return patent_service.owned_by(current_user.organization_id, Patent.is_published.is_(True),
                                   Patent.status.in_(pools.DECLARABLE))


@bp.route("/<int:pool_id>/declare", methods=["GET", "POST"])
@login_required
def declare(pool_id: int):
    item = get_visible_or_404(PatentPool, pool_id)
    ensure(item.can_declare(current_user), pools.MEMBERS_ONLY)
    form = DeclarationForm()
    form.patent.choices = [(p.id, f"{p.application_number} {p.title}") for p in _own_patents()]
    form.markets.choices = [(m.id, m.name) for m in item.markets]
    if form.validate_on_submit():
        patent = db.session.get(Patent, form.patent.data)
        _rows, error = run_service(pools.declare, current_user, item, patent,
                                   form.markets.data or [])
        if error is not None:
            return fail(error, "pools/declare.html", form=form, pool=item)
        flash(_("The patent is declared essential."), "success")
        return redirect(url_for("pools.pool", pool_id=item.id))
    return render_template("pools/declare.html", form=form, pool=item), form_status(form)


@bp.route("/declarations/<int:declaration_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(declaration_id: int):
    row = get_visible_or_404(PoolDeclaration, declaration_id)
    ensure(row.can_withdraw(current_user))
    back = url_for("pools.pool", pool_id=row.pool_id)
    page = confirmation_step(
        title=_("Withdraw the declaration"),
        question=_("Withdraw %(patent)s as essential to %(market)s?",
                   patent=row.patent.application_number, market=row.market.name),
        consequence=_("It no longer counts in allocations run from now on; runs already "
                      "made stay as they are."),
        confirm_label=_("Withdraw"), cancel_url=back)
    if page is not None:
        return page
    _result, error = run_service(pools.withdraw, current_user, row)
    if error is not None:
        return fail(error)
    flash(_("The declaration is withdrawn."), "success")
    return redirect(back)


@bp.route("/<int:pool_id>/incomes/new", methods=["GET", "POST"])
@login_required
def income(pool_id: int):
    item = get_visible_or_404(PatentPool, pool_id)
    ensure(item.can_manage(current_user))
    form = IncomeForm()
    form.market.choices = [(m.id, m.name) for m in item.markets]
    if form.validate_on_submit():
        _row, error = run_service(pools.record_income, current_user, item, form.market.data,
                                  form.period.data, form.amount.data, form.received_on.data,
                                  form.reference.data or "")
        if error is not None:
            return fail(error, "pools/income.html", form=form, pool=item)
        flash(_("The income is recorded."), "success")
        return redirect(url_for("pools.pool", pool_id=item.id))
    return render_template("pools/income.html", form=form, pool=item), form_status(form)


@bp.route("/<int:pool_id>/allocate", methods=["GET", "POST"])
@login_required
def allocate(pool_id: int):
    item = get_visible_or_404(PatentPool, pool_id)
    ensure(item.can_manage(current_user))
    period = (request.values.get("period") or "")[:20]
    if request.method == "GET" and period not in report.open_periods(item):
        abort(400, description=_("No income of %(period)s waits to be allocated.",
                                 period=period))
    back = url_for("pools.pool", pool_id=item.id)
    total = sum((i.amount for i in report.incomes(item)
                 if i.period == period and i.run_id is None), start=0)
    page = confirmation_step(
        title=_("Allocate the income"),
        question=_("Allocate the income of %(period)s (%(amount)s) to the members now?",
                   period=period, amount=format_money(total)),
        consequence=_("Each member's share is posted to the ledger by its essential patents "
                      "in force today and flows on through its own agreement. This cannot be "
                      "run twice for the same period."),
        confirm_label=_("Allocate"), cancel_url=back, fields={"period": period})
    if page is not None:
        return page
    run, error = run_service(pool_runs.run_allocation, current_user, item, period)
    if error is not None:
        return fail(error)
    flash(_("The income of %(period)s is allocated.", period=run.period), "success")
    return redirect(url_for("pools.run", run_id=run.id))


@bp.route("/runs/<int:run_id>")
@login_required
def run(run_id: int):
    item = get_visible_or_404(PoolRun, run_id)
    org_id = current_user.organization_id
    shares = report.run_shares(item)
    own = next((s for s in shares if s.org_id == org_id), None)
    version = db.session.get(AgreementVersion, own.version_id) \
        if own is not None and own.version_id else None
    return render_template("pools/run.html", run=item, pool=item.pool, shares=shares,
                           total=report.run_total(item), own=own, version=version,
                           chain=report.own_chain(item, org_id),
                           names=report.org_names([org_id] if org_id else []))
