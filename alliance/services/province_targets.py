"""The settings of the province's targets: read (defaults when never saved) and changed by
a platform administrator, validated and audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models.targets import (
    DEFAULT_BASELINE_YEAR,
    DEFAULT_MULTIPLIER,
    DEFAULT_TARGET_YEAR,
    ProvinceTarget,
)
from . import ServiceError
from .audit import record as audit

FIRST_YEAR = 1985  # the Chinese patent system's first year
MAX_SPAN = 50
MAX_MULTIPLIER = Decimal("100")


@dataclass(frozen=True)
class Targets:
    baseline_year: int = DEFAULT_BASELINE_YEAR
    multiplier: Decimal = DEFAULT_MULTIPLIER
    target_year: int = DEFAULT_TARGET_YEAR


def _row() -> ProvinceTarget | None:
    return db.session.scalar(select(ProvinceTarget).order_by(ProvinceTarget.id).limit(1))


def current_targets() -> Targets:
    row = _row()
    if row is None:
        return Targets()
    return Targets(row.baseline_year, Decimal(row.multiplier), row.target_year)


def check_targets(baseline_year, multiplier, target_year) -> Targets:
    """The settings as Targets, or ServiceError naming the field that is wrong."""
    last = date.today().year
    if not isinstance(baseline_year, int) or not FIRST_YEAR <= baseline_year <= last:
        raise ServiceError(_l("The baseline year must be a year from %(first)s to %(last)s.",
                              first=FIRST_YEAR, last=last), field="baseline_year")
    if not isinstance(target_year, int) or \
            not baseline_year < target_year <= baseline_year + MAX_SPAN:
        raise ServiceError(_l("The target year must come after the baseline year, at most "
                              "%(span)s years later.", span=MAX_SPAN), field="target_year")
    try:
        value = Decimal(str(multiplier))
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or not 0 < value <= MAX_MULTIPLIER \
            or value != value.quantize(Decimal("0.01")):
        raise ServiceError(_l("The multiplier must be a number above 0 and at most "
                              "%(max)s, with at most two decimals.", max=MAX_MULTIPLIER),
                           field="multiplier")
    return Targets(baseline_year, value.quantize(Decimal("0.01")), target_year)


def save_targets(actor, baseline_year, multiplier, target_year) -> bool:
    """Store the settings (platform administrators only); False when nothing changed."""
    if not getattr(actor, "is_platform_admin", False):
        raise ServiceError(_l("Only a platform administrator may do this."), status=403)
    wanted = check_targets(baseline_year, multiplier, target_year)
    before = current_targets()
    if before == wanted:
        return False
    row = _row()
    if row is None:
        row = ProvinceTarget()
        db.session.add(row)
    row.baseline_year, row.multiplier, row.target_year = \
        wanted.baseline_year, wanted.multiplier, wanted.target_year
    row.updated_by_id = actor.id
    db.session.flush()
    audit(actor, "province_target.updated", row,
          before={"baseline_year": before.baseline_year, "multiplier": str(before.multiplier),
                  "target_year": before.target_year},
          after={"baseline_year": wanted.baseline_year, "multiplier": str(wanted.multiplier),
                 "target_year": wanted.target_year})
    return True
