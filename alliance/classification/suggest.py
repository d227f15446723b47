"""Suggest the alliances a patent serves, with reasons a person can check.

Two kinds of evidence, each mapped to alliances by an editable table:

* IPC symbols → WIPO technology fields (:mod:`.wipo`) → ``wipo_map`` ``{field: (code, ...)}``.
  The main (first) symbol weighs ``IPC_MAIN_WEIGHT``, every further symbol
  ``IPC_OTHER_WEIGHT``, divided among the alliances of the field: a field is coarse (field 1
  holds batteries, motors and switches alike), so a field shared by several alliances says
  less about each of them.
* Title and abstract → SEI categories (:mod:`.sei`) → ``sei_map`` ``{"4.1": (code, ...)}``,
  where a sub code overrides its top-level code. A category's cosine score ``s`` weighs
  ``TEXT_WEIGHT * min(1, s / TEXT_FULL_SCORE)``.

An alliance's score combines its pieces of evidence ``e_i`` like independent signals,
``1 - Π(1 - e_i)``, so it stays in 0..1 and grows with agreeing evidence. Alliances below
``MIN_SCORE`` are not suggested: a secondary IPC symbol, the main symbol in a field shared
by several alliances, or a weak text match alone is not enough; the main IPC symbol in a
field of its own, or a clear text match, is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from alliance.classification.sei import SeiIndex, SeiMatch, sei_matches
from alliance.classification.wipo import WipoConcordance, wipo_fields
from alliance.validators import N_, IpcSymbol, parse_ipc

IPC_MAIN_WEIGHT = 0.5
IPC_OTHER_WEIGHT = 0.25
TEXT_WEIGHT = 0.8
TEXT_FULL_SCORE = 0.2
MIN_SCORE = 0.3

REASON_IPC = N_("IPC %(symbol)s is in WIPO technology field %(field)d %(name)s")
REASON_SEI = N_("Text matches SEI category %(code)s %(name)s (%(terms)s)")
REASON_SEI_IPC = N_("IPC %(symbols)s is in SEI category %(code)s %(name)s")


@dataclass(frozen=True)
class AllianceSuggestion:
    """An alliance suggested for a patent: ``score`` in 0..1 and its reasons as
    ``(template, params)`` pairs, templates marked for translation."""

    alliance: str
    score: float
    reasons: list[tuple[str, dict]] = field(default_factory=list)


def alliances_for_sei(code: str, sei_map: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """Return the alliances of SEI ``code`` (``4.1``): its own rows if it has any, otherwise
    those of its top-level code (``4``); () when neither is mapped."""
    if code in sei_map:
        return tuple(sei_map[code])
    return tuple(sei_map.get(code.split(".")[0], ()))


def _sei_reason(match: SeiMatch) -> tuple[str, dict]:
    if match.terms:
        terms = "、".join(match.terms)
        return REASON_SEI, {"code": match.code, "name": match.name, "terms": terms}
    symbols = ", ".join(match.symbols)
    return REASON_SEI_IPC, {"code": match.code, "name": match.name, "symbols": symbols}


def suggest_alliances(
    ipc_symbols: Iterable[str | IpcSymbol],
    title: str,
    abstract: str,
    sei_map: Mapping[str, Sequence[str]],
    wipo_map: Mapping[int, Sequence[str]],
    *,
    min_score: float = MIN_SCORE,
    concordance: WipoConcordance | None = None,
    sei_index: SeiIndex | None = None,
    ipc_sei: Mapping[str, Sequence[str]] | None = None,
) -> list[AllianceSuggestion]:
    """Return the alliances the patent serves, best first (ties by code), each with a score
    in 0..1 and its reasons; alliances scoring below ``min_score`` are left out.

    ``ipc_symbols`` are full IPC symbols, the main one first (strings are parsed and an
    invalid one raises ``ValidationError``). ``sei_map`` and ``wipo_map`` are the editable
    mappings (see :mod:`alliance.classification.mappings` for the defaults).
    """
    symbols = [s if isinstance(s, IpcSymbol) else parse_ipc(s) for s in ipc_symbols]
    evidence: dict[str, list[float]] = {}
    reasons: dict[str, list[tuple[str, dict]]] = {}

    def add(alliance: str, weight: float, reason: tuple[str, dict]) -> None:
        evidence.setdefault(alliance, []).append(weight)
        if reason not in reasons.setdefault(alliance, []):
            reasons[alliance].append(reason)

    main = symbols[0].symbol if symbols else None
    for wipo in wipo_fields(symbols, concordance):
        weight = IPC_MAIN_WEIGHT if wipo.symbol == main else IPC_OTHER_WEIGHT
        params = {"symbol": wipo.symbol, "field": wipo.number, "name": wipo.name}
        alliances = tuple(wipo_map.get(wipo.number, ()))
        for alliance in alliances:
            add(alliance, weight / len(alliances), (REASON_IPC, params))
    matches = sei_matches(title, abstract, symbols, ipc_sei=ipc_sei, index=sei_index)
    for match in matches:
        weight = TEXT_WEIGHT * min(1.0, match.score / TEXT_FULL_SCORE)
        for alliance in alliances_for_sei(match.code, sei_map):
            add(alliance, weight, _sei_reason(match))
    suggestions = []
    for alliance, weights in evidence.items():
        remaining = 1.0
        for weight in weights:
            remaining *= 1.0 - weight
        score = round(1.0 - remaining, 4)
        if score >= min_score:
            suggestions.append(AllianceSuggestion(alliance, score, reasons[alliance]))
    return sorted(suggestions, key=lambda s: (-s.score, s.alliance))

