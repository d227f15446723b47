"""The royalty structure of an offer, a proposal or a licence: which amounts each structure
needs, checked in one place for listings, requests and licences."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from ..models.listings import RoyaltyKind
from . import ServiceError


@dataclass(frozen=True)
class Royalty:
    """Amounts in yuan (Decimal), ``running_rate`` in percent of net sales."""

    kind: RoyaltyKind | None = None
    lump_sum: Decimal | None = None
    entry_fee: Decimal | None = None
    running_rate: Decimal | None = None
    per_unit: Decimal | None = None
    minimum_annual: Decimal | None = None
    milestones: str = ""

    def as_dict(self) -> dict:
        """JSON-ready (amounts as strings), for audit events and negotiation history."""
        return {k: (v.value if isinstance(v, RoyaltyKind) else
                    str(v) if isinstance(v, Decimal) else v)
                for k, v in asdict(self).items()}

    def apply_to(self, obj) -> None:
        """Copy onto a model with the RoyaltyTerms columns."""
        obj.royalty_kind = self.kind
        for name in ("lump_sum", "entry_fee", "running_rate", "per_unit", "minimum_annual"):
            setattr(obj, name, getattr(self, name))
        obj.milestones = self.milestones or ""

    @classmethod
    def of(cls, obj) -> Royalty:
        return cls(kind=obj.royalty_kind, lump_sum=obj.lump_sum, entry_fee=obj.entry_fee,
                   running_rate=obj.running_rate, per_unit=obj.per_unit,
                   minimum_annual=obj.minimum_annual, milestones=obj.milestones or "")


NEEDS = {
    RoyaltyKind.LUMP_SUM: (("lump_sum", _l("Give the lump sum.")),),
    RoyaltyKind.RUNNING_PERCENT: (("running_rate", _l("Give the royalty rate in percent.")),),
    RoyaltyKind.RUNNING_PER_UNIT: (("per_unit", _l("Give the royalty per unit.")),),
    RoyaltyKind.ENTRY_PLUS_RUNNING: (("entry_fee", _l("Give the entry fee.")),),
    RoyaltyKind.MILESTONES: (("milestones", _l("Describe the milestones and their "
                                               "payments.")),),
}


def check_royalty(royalty: Royalty, required: bool) -> None:
    """Raise ServiceError (with the field) when the structure lacks an amount it needs, an
    amount is negative, or the rate is not between 0 and 100 percent. ``required``: a
    structure must be chosen (a licence or a request; a listing may say "on request")."""
    if royalty.kind is None:
        if required:
            raise ServiceError(_l("Choose a royalty structure."), field="royalty_kind")
        return
    for name, message in NEEDS[royalty.kind]:
        if getattr(royalty, name) in (None, ""):
            raise ServiceError(message, field=name)
    if royalty.kind is RoyaltyKind.ENTRY_PLUS_RUNNING \
            and royalty.running_rate is None and royalty.per_unit is None:
        raise ServiceError(_l("Give the running royalty: a rate or an amount per unit."),
                           field="running_rate")
    for name in ("lump_sum", "entry_fee", "per_unit", "minimum_annual"):
        value = getattr(royalty, name)
        if value is not None and value < 0:
            raise ServiceError(_l("Amounts cannot be negative."), field=name)
    rate = royalty.running_rate
    if rate is not None and not (Decimal(0) < rate <= Decimal(100)):
        raise ServiceError(_l("The royalty rate is a percentage above 0 and at most 100."),
                           field="running_rate")
