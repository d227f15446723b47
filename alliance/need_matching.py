"""Match a technology need (需求) to candidates (listings, or an organisation's patents).

No Flask, no database: candidates come in as plain records, results go out as plain values.

score = 0.6 · ipc + 0.4 · text when the need names IPC symbols, else score = text; 0..1.
* ipc: for each of the need's symbols, the best level it shares with any of the candidate's
  symbols (the same symbol 1.0 > the same main group 0.6 > the same subclass 0.3), averaged
  over the need's symbols;
* text: cosine of the sets of terms (character bigrams for Chinese, which needs no word
  segmenter; words and word pairs for English; see alliance.classification.textindex)
  of the need's title, description and keywords against the candidate's titles and
  abstracts: |A ∩ B| / sqrt(|A| · |B|).
Each match carries its reasons as untranslated templates with parameters (the ``N_``
pattern of alliance.validators), so the page translates them.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from .classification.textindex import matched_phrases, normalise, terms
from .validators import N_, IpcSymbol, ValidationError, parse_ipc

WEIGHT_IPC, WEIGHT_TEXT = 0.6, 0.4
LEVELS = {"symbol": 1.0, "group": 0.6, "subclass": 0.3}
MIN_SCORE = 0.05

MSG_SAME_SYMBOL = N_("Same IPC symbol: %(symbol)s.")
MSG_SAME_GROUP = N_("Same IPC main group: %(group)s (%(theirs)s).")
MSG_SAME_SUBCLASS = N_("Same IPC subclass: %(subclass)s (%(theirs)s).")
MSG_TERMS = N_("Shared terms: %(terms)s.")


@dataclass(frozen=True)
class Reason:
    """Why a candidate matches: an English ``template`` marked for translation and its
    ``params``."""

    template: str
    params: dict

    def __str__(self) -> str:
        return self.template % self.params


@dataclass(frozen=True)
class NeedText:
    """What a need asks for: its text (title, description, keywords; one per line, so a
    quoted phrase never runs from one into the next) and IPC symbols."""

    text: str
    symbols: tuple[IpcSymbol, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A listing (or an organisation's patent): ``key`` identifies it, ``owner`` its
    organisation; ``text`` its titles and abstracts; ``symbols`` full IPC symbols."""

    key: Hashable
    owner: Hashable
    text: str
    symbols: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """A scored candidate: ``score``, ``ipc`` and ``text`` in 0..1, best reasons first."""

    key: Hashable
    owner: Hashable
    score: float
    ipc: float
    text: float
    reasons: tuple[Reason, ...] = field(default=())


def parse_symbols(values: Iterable[str]) -> tuple[IpcSymbol, ...]:
    """Parse IPC symbols (ValidationError for the first that does not parse), dropping
    repeats and keeping their order."""
    parsed: dict[str, IpcSymbol] = {}
    for value in values:
        if value and value.strip():
            symbol = parse_ipc(value)
            parsed.setdefault(symbol.symbol, symbol)
    return tuple(parsed.values())


def split_symbols(text: str) -> list[str]:
    """IPC symbols typed in one field, separated by ``;``, ``,``, ``；``, ``，`` or new
    lines."""
    for separator in ("；", "，", ",", "\n"):
        text = (text or "").replace(separator, ";")
    return [part.strip() for part in text.split(";") if part.strip()]


def _parsed(symbols: Iterable[str]) -> list[IpcSymbol]:
    out = []
    for value in symbols:
        try:
            out.append(parse_ipc(value))
        except ValidationError:
            continue  # a stored symbol that no longer parses counts for nothing
    return out


def ipc_overlap(wanted: Sequence[IpcSymbol], offered: Iterable[str]) -> tuple[float,
                                                                                list[Reason]]:
    """The IPC part of the score (0..1) and its reasons, one per need symbol that found
    something."""
    theirs = _parsed(offered)
    if not wanted or not theirs:
        return 0.0, []
    total, reasons = 0.0, []
    for symbol in wanted:
        if any(other.symbol == symbol.symbol for other in theirs):
            total += LEVELS["symbol"]
            reasons.append(Reason(MSG_SAME_SYMBOL, {"symbol": symbol.symbol}))
            continue
        same_group = [o.symbol for o in theirs if o.main_group == symbol.main_group]
        if same_group:
            total += LEVELS["group"]
            reasons.append(Reason(MSG_SAME_GROUP, {"group": symbol.main_group,
                                                   "theirs": same_group[0]}))
            continue
        same_subclass = [o.symbol for o in theirs if o.subclass == symbol.subclass]
        if same_subclass:
            total += LEVELS["subclass"]
            reasons.append(Reason(MSG_SAME_SUBCLASS, {"subclass": symbol.subclass,
                                                      "theirs": same_subclass[0]}))
    return total / len(wanted), reasons


def term_set(text: str) -> set[str]:
    """The distinct terms of ``text`` (bigrams for Chinese, words and pairs for English)."""
    return {term.text for term in terms(normalise(text))}


def text_similarity(need_terms: set[str], other_terms: set[str]) -> float:
    """Cosine (0..1) of two term sets."""
    if not need_terms or not other_terms:
        return 0.0
    return len(need_terms & other_terms) / math.sqrt(len(need_terms) * len(other_terms))


def _shared_phrases(text: str, shared: set[str], top: int = 5) -> list[str]:
    """The need's own words that the candidate shares (bigrams merged back into words),
    line by line, longest first, leaving out those inside a longer one."""
    found: list[str] = []
    for line in normalise(text).splitlines():
        found += matched_phrases(line, terms(line), shared)
    kept: list[str] = []
    for phrase in sorted(dict.fromkeys(found), key=lambda p: -len(p)):
        if not any(phrase.replace(" ", "") in longer.replace(" ", "") for longer in kept):
            kept.append(phrase)
    return kept[:top]


def score_candidate(need: NeedText, candidate: Candidate,
                    need_terms: set[str] | None = None) -> Match:
    """Score one candidate against the need (see the module doc)."""
    need_terms = term_set(need.text) if need_terms is None else need_terms
    ipc, reasons = ipc_overlap(need.symbols, candidate.symbols)
    other = term_set(candidate.text)
    text = text_similarity(need_terms, other)
    shared = need_terms & other
    if shared:
        reasons.append(Reason(MSG_TERMS, {"terms": "、".join(_shared_phrases(need.text,
                                                                              shared))}))
    score = WEIGHT_IPC * ipc + WEIGHT_TEXT * text if need.symbols else text
    return Match(candidate.key, candidate.owner, round(score, 4), round(ipc, 4),
                 round(text, 4), tuple(reasons))


def rank(need: NeedText, candidates: Iterable[Candidate], *, limit: int = 10,
         min_score: float = MIN_SCORE) -> list[Match]:
    """The candidates scoring at least ``min_score``, best first (ties by key as text)."""
    need_terms = term_set(need.text)
    matches = [score_candidate(need, c, need_terms) for c in candidates]
    kept = [m for m in matches if m.score >= min_score]
    return sorted(kept, key=lambda m: (-m.score, str(m.key)))[:limit]


def best_per_owner(matches: Iterable[Match], limit: int = 10) -> list[Match]:
    """The best match of each owner, best first: how organisations are suggested from their
    listings' or patents' matches."""
    best: dict[Hashable, Match] = {}
    for match in matches:
        if match.owner not in best or match.score > best[match.owner].score:
            best[match.owner] = match
    return sorted(best.values(), key=lambda m: (-m.score, str(m.owner)))[:limit]
