"""When licences on the same patent conflict (DOMAIN.md, "Licences"), as pure functions.

A field of use and a territory are sets of names separated by ";" (full-width ；, commas and
、 also separate); an empty set means every field, or all of China. Two licences overlap when
their fields, territories and terms (inclusive date ranges) all overlap. A new licence
conflicts with one in force if either of the two is exclusive or sole and they overlap; and
while an open licence is declared on the patent, no exclusive or sole licence may be granted
on it (Patent Law 2020 Art. 51(3)).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .text import clean_text
from .validators import N_

EVERYWHERE = frozenset()
_SEPARATORS = re.compile(r"[;；,，、]")

EXCLUSIVE_KINDS = ("exclusive", "sole")

MSG_OVERLAP = N_(
    "It conflicts with the %(kind)s licence %(licence)s to %(licensee)s on patent %(patent)s, "
    "in force from %(start)s to %(end)s: their fields of use, territories and terms overlap, "
    "and an exclusive or sole licence admits no other licence there."
)
MSG_OPEN_LICENCE = N_(
    "Patent %(patent)s is under an open licence declaration: while it is declared, only "
    "non-exclusive licences may be granted (Patent Law 2020, Art. 51(3))."
)


def name_set(text: str | None) -> frozenset[str]:
    """The names in a field-of-use or territory text, cleaned and case-folded; an empty
    set means "all"."""
    cleaned = clean_text(text or "") or ""
    return frozenset(part.strip().casefold() for part in _SEPARATORS.split(cleaned)
                     if part.strip())


def sets_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two field or territory sets share anything; an empty set is everything."""
    return not a or not b or bool(a & b)


@dataclass(frozen=True)
class Terms:
    """The parts of a licence that decide conflicts."""

    kind: str  # "exclusive", "sole" or "non_exclusive"
    field_of_use: str
    territory: str
    start: date
    end: date

    def overlaps(self, other: Terms) -> bool:
        """Same field, territory and time, at least in part."""
        return (self.start <= other.end and other.start <= self.end
                and sets_overlap(name_set(self.field_of_use), name_set(other.field_of_use))
                and sets_overlap(name_set(self.territory), name_set(other.territory)))


@dataclass(frozen=True)
class Existing:
    """A licence in force on the patent, with what a message about it needs."""

    terms: Terms
    licence: str  # its reference, e.g. the number shown to users
    licensee: str
    patent: str  # application number


def conflicts(new: Terms, patent: str, in_force: Iterable[Existing],
              open_licence_declared: bool) -> list[tuple[str, dict]]:
    """The reasons (message template, params) why ``new`` cannot be granted on ``patent``;
    empty when it can."""
    reasons: list[tuple[str, dict]] = []
    if open_licence_declared and new.kind in EXCLUSIVE_KINDS:
        reasons.append((MSG_OPEN_LICENCE, {"patent": patent}))
    for other in in_force:
        exclusive = new.kind in EXCLUSIVE_KINDS or other.terms.kind in EXCLUSIVE_KINDS
        if exclusive and new.overlaps(other.terms):
            reasons.append((MSG_OVERLAP, {
                "kind": other.terms.kind, "licence": other.licence,
                "licensee": other.licensee, "patent": other.patent,
                "start": other.terms.start.isoformat(), "end": other.terms.end.isoformat()}))
    return reasons
