"""My statements, an account's statement for a period (page and CSV), and an alliance's
income per member and year for its coordinators (page and CSV). Whatever a user may not
see answers 404, like something missing."""

from __future__ import annotations

import io
import re

from flask import Blueprint, abort, g, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from ...extensions import db
from ...models import Organization
from ...services import ServiceError
from ...services import statement_access as access
from ...services import statements as service
from ...services.directory import alliance_by_code
from ...services.ledger_accounts import BUCKETS, describe, parse
from ...services.statement_csv import kind_label, statement_csv, totals_csv

bp = Blueprint("statements", __name__)


@bp.app_template_global()
def statements_visible() -> bool:
    """Whether the navigation shows "My statements" to the current user (once a request)."""
    if "statements_visible" not in g:
        g.statements_visible = access.has_statements(current_user)
    return g.statements_visible


@bp.route("/")
@login_required
def index():
    visible = access.visible_statements(current_user)
    accounts = {org.id: access.organisation_accounts(org.id) for org in visible.organisations}
    names = [a for listed in accounts.values() for a in listed] + visible.inventor_accounts
    return render_template("statements/index.html", visible=visible, accounts=accounts,
                           labels=describe(names), parse=parse,
                           balances=service.balances_of(names))


def _account_or_404(org_id: int) -> str:
    """The account the query names in organisation ``org_id`` (its own, ``?bucket=`` or
    ``?inventor=``), if the user may see it; else 404."""
    if db.session.get(Organization, org_id) is None:
        abort(404)
    bucket, inventor = request.args.get("bucket", ""), request.args.get("inventor", "")
    if bucket and inventor or bucket and bucket not in BUCKETS or len(inventor) > 100:
        abort(404)
    account = f"org:{org_id}/{bucket}" if bucket else \
        f"inventor:{org_id}/{inventor}" if inventor else f"org:{org_id}"
    if not access.may_view_account(current_user, account):
        abort(404)
    return account


def _account_args(account: str) -> dict:
    parsed = parse(account)
    if parsed.kind == "bucket":
        return {"bucket": parsed.part}
    return {"inventor": parsed.part} if parsed.kind == "inventor" else {}


def _years(account: str, period) -> list[int]:
    years = set(service.entry_years([account])) | {service.local_today().year}
    return sorted(years | ({period.year} if period and period.year else set()), reverse=True)


@bp.route("/organisations/<int:org_id>")
@login_required
def statement(org_id: int):
    account = _account_or_404(org_id)
    context = {"account": account, "org_id": org_id, "account_args": _account_args(account),
               "query": request.args, "kind_label": kind_label}
    try:
        period = service.parse_period(request.args)
    except ServiceError as error:
        labels = describe([account])
        return render_template("statements/statement.html", item=None, labels=labels,
                               years=_years(account, None), period=None,
                               error=error, **context), error.status
    item = service.statement(account, period)
    labels = describe([account, *(a for line in item.lines for a in line.counterparts)])
    period_args = {"year": period.year} if period.year else {
        "from": period.start.isoformat(), "to": period.end.isoformat()}
    export_url = url_for("statements.statement_export", org_id=org_id,
                         **context["account_args"], **period_args)
    return render_template("statements/statement.html", item=item, labels=labels,
                           years=_years(account, period), period=period, error=None,
                           export_url=export_url, **context)


def _csv_response(data: bytes, name: str):
    return send_file(io.BytesIO(data), mimetype="text/csv; charset=utf-8", as_attachment=True,
                     download_name=name)


@bp.route("/organisations/<int:org_id>/statement.csv")
@login_required
def statement_export(org_id: int):
    account = _account_or_404(org_id)
    try:
        period = service.parse_period(request.args)
    except ServiceError as error:
        abort(400, description=error.message)
    item = service.statement(account, period)
    labels = describe([account, *(a for line in item.lines for a in line.counterparts)])
    part = re.sub(r'[\\/:*?"<>|\s]+', "_", parse(account).part)
    suffix = f"-{part}" if part else ""
    return _csv_response(statement_csv(item, labels),
                         f"statement-{org_id}{suffix}-{period.start}-{period.end}.csv")


def _alliance_or_404(code: str):
    alliance = alliance_by_code(code)
    if alliance is None or not access.may_view_alliance_totals(current_user, alliance):
        abort(404)
    return alliance


@bp.route("/alliances/<code>")
@login_required
def alliance_totals(code: str):
    alliance = _alliance_or_404(code)
    return render_template("statements/alliance.html", alliance=alliance,
                           totals=service.alliance_totals(alliance))


@bp.route("/alliances/<code>/totals.csv")
@login_required
def alliance_totals_export(code: str):
    alliance = _alliance_or_404(code)
    return _csv_response(totals_csv(service.alliance_totals(alliance)),
                         f"alliance-{alliance.code}-income.csv")

