"""The statutory-floor policy table and the rule for which text of the Implementing
Regulations applies, as a platform admin edits them. Every change is audited with the row
before and after; the floor checks of drafts read the table afresh (agreement_terms)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import sharing_rules
from ..extensions import db
from ..models.sharing import PolicyRule, PolicyTextRule
from ..validators import ValidationError
from . import ServiceError
from .audit import record, snapshot
from .royalties import HUNDRED, as_amount, as_share

RULE_FIELDS = ("value", "source", "article", "effective_from", "effective_to")
TEXT_FIELDS = ("basis", "switch")
TEXT_BASES = ("filing_date", "grant_date", "payment_date")

ADMIN_ONLY = _l("Only a platform administrator may change the policy table.")


def _admin(actor) -> None:
    if not getattr(actor, "can_administer_platform", lambda: False)():
        raise ServiceError(ADMIN_ONLY, 403)


def rules() -> list[PolicyRule]:
    """Every row of the policy table, in table order."""
    return list(db.session.scalars(select(PolicyRule).order_by(PolicyRule.id)))


def text_rule() -> sharing_rules.TextRule:
    """The rule in force for which text of the Regulations applies: the admin's setting, else
    the configured basis (POLICY_TEXT_BASIS, default the filing date) and the 2023 text's
    date of effect."""
    row = db.session.scalars(select(PolicyTextRule).order_by(PolicyTextRule.id)).first()
    if row is not None:
        return row.as_rule()
    return sharing_rules.TextRule(basis=current_app.config.get("POLICY_TEXT_BASIS",
                                                               "filing_date"))


def _value(row: PolicyRule, value) -> Decimal | None:
    if value is None or value == "":
        if row.refers_to:
            return None
        raise ServiceError(_l("This rule needs a value."), field="value")
    try:
        if row.basis in sharing_rules.PERCENT_BASES:
            value = as_share(value)
            if value > HUNDRED:
                raise ServiceError(_l("A percentage cannot exceed 100: %(share)s.",
                                      share=value), field="value")
            return value
        return as_amount(value)
    except ValidationError as error:
        raise ServiceError(_l(error.template, **error.params), field="value") from None


def _text(value, field: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError(_l("This field is required."), field=field)
    if len(value) > limit:
        raise ServiceError(_l("At most %(n)d characters.", n=limit), field=field)
    return value


def _rule_snapshot(row: PolicyRule) -> dict:
    """The editable fields as JSON values; the value as plain text (50.0000 → "50")."""
    shot = snapshot(row, RULE_FIELDS)
    if row.value is not None:
        shot["value"] = format(Decimal(row.value).normalize(), "f")
    return shot


def update_rule(actor, row: PolicyRule, *, value, source: str, article: str,
                effective_from: date | None, effective_to: date | None) -> PolicyRule:
    """Change a row's value (a percentage 0..100, or yuan for a grant bonus), source,
    article and dates of effect (the end, if any, not before the start). 403 for anyone but
    a platform admin, 400 with the field for bad input; nothing changes on a refusal."""
    _admin(actor)
    new_value = _value(row, value)
    source = _text(source, "source", 200)
    article = _text(article, "article", 40)
    if effective_from is None:
        raise ServiceError(_l("Give the date the rule takes effect."), field="effective_from")
    if effective_to is not None and effective_to < effective_from:
        raise ServiceError(_l("The rule cannot end before it takes effect."),
                           field="effective_to")
    before = _rule_snapshot(row)
    row.value, row.source, row.article = new_value, source, article
    row.effective_from, row.effective_to = effective_from, effective_to
    db.session.flush()
    after = _rule_snapshot(row)
    if after != before:
        record(actor, "policy_rule.updated", row, before, after)
    return row


def set_text_rule(actor, basis: str, switch: date | None) -> PolicyTextRule:
    """Set which text of the Regulations applies: the 2023 text when a patent's ``basis``
    date (filing, grant or payment) is on or after ``switch``, else the 2010 text."""
    _admin(actor)
    if basis not in TEXT_BASES:
        raise ServiceError(_l(sharing_rules.MSG_TEXT_BASIS, basis=basis), field="basis")
    if switch is None:
        raise ServiceError(_l("Give the date from which the 2023 text applies."),
                           field="switch")
    row = db.session.scalars(select(PolicyTextRule).order_by(PolicyTextRule.id)).first()
    current = text_rule()
    before = {"basis": current.basis, "switch": current.switch.isoformat()}
    if row is None:
        row = PolicyTextRule(basis=basis, switch=switch)
        db.session.add(row)
    row.basis, row.switch = basis, switch
    db.session.flush()
    after = snapshot(row, TEXT_FIELDS)
    if after != before:
        record(actor, "policy_text_rule.updated", row, before, after)
    return row
