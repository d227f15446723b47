"""Match a patent's title and abstract against CNIPA's strategic-emerging-industry categories.

Each of the 40 SEI categories (seiCode 1.1 … 9.2) becomes one document: its name, the scope
texts of its keyword rules (exclusion clauses such as 不包含非机动车 removed) and the
project's added vocabulary (alliance/data/sei_extra_keywords.csv: the technical words patents
in that industry use, Chinese and English, since the official scope texts describe industries
rather than inventions). The documents are indexed once per process
(:mod:`alliance.classification.textindex`: character bigrams and English words, TF-IDF,
cosine); a patent is scored against all of them at once.

CNIPA's IPC → SEI concordance is not available offline; when it is, pass it as ``ipc_sei``
(LIKE patterns in the 4+4 layout of :mod:`alliance.classification.wipo` → SEI codes) and the
IPC symbols count as evidence too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from alliance.classification.mappings import SeiCategory, sei_categories
from alliance.classification.textindex import (
    TfidfIndex,
    matched_phrases,
    normalise,
    terms,
)
from alliance.classification.wipo import fixed_width, like_to_regex
from alliance.validators import IpcSymbol, parse_ipc

# A category matches when its cosine score reaches MIN_SCORE and the shared terms carry at
# least MIN_EVIDENCE times the IDF of a term found in one category only (so about two
# specific terms), so that one common bigram shared by chance is not a match.
MIN_SCORE = 0.05
MIN_EVIDENCE = 1.1
TITLE_WEIGHT = 2  # a title term counts as often as this many abstract terms
IPC_SEI_SCORE = 0.5  # score of a category reached through an IPC → SEI concordance

_EXCLUSION = re.compile(r"^(不包括|不包含|不含)")
_EXCEPT = re.compile(r"除[^；。]*?以外的?")
_KEYWORD_NOTE = re.compile(r"(相关)?关键词")
_CLAUSE = re.compile(r"[；;。|]")


@dataclass(frozen=True)
class SeiMatch:
    """An SEI category matched by a patent: score 0..1 and the evidence for a reason."""

    code: str  # "4.1"
    name: str  # "生物医药产业"
    score: float
    terms: tuple[str, ...] = ()  # passages of the patent text found in the category scope
    symbols: tuple[str, ...] = ()  # IPC symbols mapped to the category (``ipc_sei``)


def scope_text(category: SeiCategory) -> str:
    """Return the text indexed for ``category``: its name and scope texts, without the
    clauses that exclude things (不包括…, 除…以外) and without "相关关键词" notes."""
    clauses = [category.name]
    for text in category.texts:
        for clause in _CLAUSE.split(text):
            clause = _KEYWORD_NOTE.sub("", _EXCEPT.sub("", clause)).strip()
            if clause and not _EXCLUSION.match(clause):
                clauses.append(clause)
    return "；".join(clauses)


@dataclass(frozen=True)
class SeiIndex:
    """The SEI categories by code and their TF-IDF index."""

    categories: Mapping[str, SeiCategory]
    index: TfidfIndex


def build_index(categories: Iterable[SeiCategory]) -> SeiIndex:
    """Index the scope texts of ``categories``."""
    by_code = {c.code: c for c in categories}
    return SeiIndex(by_code, TfidfIndex({code: scope_text(c) for code, c in by_code.items()}))


@lru_cache(maxsize=1)
def default_index() -> SeiIndex:
    """Return the index of the shipped SEI categories, built on first use."""
    return build_index(sei_categories())


def _ipc_categories(
    ipc_symbols: Iterable[str | IpcSymbol], ipc_sei: Mapping[str, Sequence[str]]
) -> dict[str, list[str]]:
    compiled = [(like_to_regex(p), codes) for p, codes in ipc_sei.items()]
    found: dict[str, list[str]] = {}
    for raw in ipc_symbols:
        symbol = raw if isinstance(raw, IpcSymbol) else parse_ipc(raw)
        padded = fixed_width(symbol)
        for regex, codes in compiled:
            if regex.fullmatch(padded):
                for code in codes:
                    found.setdefault(code, [])
                    if symbol.symbol not in found[code]:
                        found[code].append(symbol.symbol)
    return found


def sei_matches(
    title: str,
    abstract: str = "",
    ipc_symbols: Iterable[str | IpcSymbol] = (),
    *,
    ipc_sei: Mapping[str, Sequence[str]] | None = None,
    index: SeiIndex | None = None,
    limit: int = 5,
) -> list[SeiMatch]:
    """Return up to ``limit`` SEI categories matching the patent, best first.

    ``score`` is the cosine similarity (0..1) between the patent's TF-IDF vector (title terms
    weighted ``TITLE_WEIGHT`` times) and the category's scope text; ``terms`` quotes the
    patent's words found in the scope, longest first. ``ipc_symbols`` count only with an
    ``ipc_sei`` concordance (see the module docstring). Empty or unrelated text gives [].
    """
    index = index or default_index()
    title_text, abstract_text = normalise(title), normalise(abstract)
    title_terms, abstract_terms = terms(title_text), terms(abstract_text)
    weights = index.index.query_weights(title_terms * TITLE_WEIGHT + abstract_terms)
    matches: dict[str, SeiMatch] = {}
    needed = MIN_EVIDENCE * index.index.max_idf
    for hit in index.index.search(weights):
        evidence = sum(index.index.idf[t] for t in hit.matched)
        if hit.score < MIN_SCORE or evidence < needed:
            continue
        phrases = matched_phrases(title_text, title_terms, hit.matched)
        for phrase in matched_phrases(abstract_text, abstract_terms, hit.matched):
            if not any(phrase in p for p in phrases):
                phrases.append(phrase)
        category = index.categories[hit.key]
        matches[hit.key] = SeiMatch(category.code, category.name, round(hit.score, 4),
                                    tuple(phrases[:6]))
    for code, symbols in _ipc_categories(ipc_symbols, ipc_sei or {}).items():
        if code not in index.categories:
            continue
        known = matches.get(code)
        score = max(IPC_SEI_SCORE, known.score if known else 0.0)
        category = index.categories[code]
        matches[code] = SeiMatch(code, category.name, score, known.terms if known else (),
                                 tuple(symbols))
    return sorted(matches.values(), key=lambda m: (-m.score, m.code))[:limit]
