"""Plain records the collaboration network is built from, and the filters applied to them.

They are frozen dataclasses holding ids and years only, so a service can fill them from the
database, a notebook from a CSV, and the graph code never sees a session. Organisation ids
are whatever the caller uses (database ids, data-set ids); alliances are known by their code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..validators import N_, ValidationError

#: Edge types of the multi-type network (``kind`` attribute of its edges).
CO_OWNERSHIP = "co_ownership"
LICENCE = "licence"
AGREEMENT = "agreement"
MEMBERSHIP = "membership"
EDGE_TYPES = (CO_OWNERSHIP, LICENCE, AGREEMENT, MEMBERSHIP)
#: Edge types that join two organisations (membership joins an organisation to an alliance).
ORG_EDGE_TYPES = (CO_OWNERSHIP, LICENCE, AGREEMENT)

MSG_YEARS_BACKWARDS = N_("The first year (%(start)s) is after the last year (%(end)s).")
MSG_EDGE_TYPE = N_('"%(kind)s" is not an edge type (choose from %(choices)s).')
MSG_MIN_WEIGHT = N_("The minimum weight must be at least 1, not %(weight)s.")
MSG_DEPTH = N_("An ego network reaches 1 or 2 steps, not %(depth)s.")
MSG_UNKNOWN_ORG = N_("Organisation %(org)s is not in this network.")


@dataclass(frozen=True)
class OrgRecord:
    """An organisation as a node: ``sector`` is its sector code (or a data set's type label),
    ``alliances`` the codes of the alliances it belongs to, ``patent_count`` its patents."""

    id: int
    name: str
    sector: str
    alliances: tuple[str, ...] = ()
    patent_count: int = 0


@dataclass(frozen=True)
class TieRecord:
    """Two organisations that co-applied; ``weight`` counts joint patents, ``year`` is the
    first year of the tie (an already aggregated tie, as in the co-applicant data set)."""

    a: int
    b: int
    weight: int
    year: int | None = None


@dataclass(frozen=True)
class PatentRecord:
    """A patent and the organisations owning it together (filing year)."""

    id: str
    owners: tuple[int, ...]
    year: int | None = None


@dataclass(frozen=True)
class LicenceRecord:
    """A licence of ``patent`` granted by ``licensor`` to ``licensee`` in ``year``."""

    licensor: int
    licensee: int
    year: int | None = None
    patent: str | None = None


@dataclass(frozen=True)
class AgreementRecord:
    """A benefit-sharing or cooperation agreement signed by ``parties`` in ``year``."""

    parties: tuple[int, ...]
    year: int | None = None


@dataclass(frozen=True)
class MembershipRecord:
    """``org`` is a member of the alliance with code ``alliance``."""

    org: int
    alliance: str


@dataclass(frozen=True)
class NetworkFilter:
    """What to keep: ``alliance`` (members of that alliance only), ``years`` (inclusive
    first and last year; records without a year are dropped when it is set), ``sectors``,
    ``edge_types`` (of :data:`EDGE_TYPES`) and ``min_weight`` (ties between organisations
    lighter than this, after aggregation over the kept records, are dropped; memberships
    are not weighed). ``None`` keeps everything."""

    alliance: str | None = None
    years: tuple[int, int] | None = None
    sectors: frozenset[str] | None = None
    edge_types: frozenset[str] = field(default_factory=lambda: frozenset(EDGE_TYPES))
    min_weight: int = 1

    def __post_init__(self) -> None:
        if self.years is not None and self.years[0] > self.years[1]:
            raise ValidationError(MSG_YEARS_BACKWARDS,
                                  {"start": self.years[0], "end": self.years[1]})
        for kind in sorted(self.edge_types):
            if kind not in EDGE_TYPES:
                raise ValidationError(MSG_EDGE_TYPE,
                                      {"kind": kind, "choices": ", ".join(EDGE_TYPES)})
        if self.min_weight < 1:
            raise ValidationError(MSG_MIN_WEIGHT, {"weight": self.min_weight})
        object.__setattr__(self, "edge_types", frozenset(self.edge_types))
        if self.sectors is not None:
            object.__setattr__(self, "sectors", frozenset(self.sectors))

    def keeps_year(self, year: int | None) -> bool:
        """Whether a record of ``year`` falls in the year range."""
        if self.years is None:
            return True
        return year is not None and self.years[0] <= year <= self.years[1]
