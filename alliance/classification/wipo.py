"""IPC symbols → WIPO's 35 technology fields (Schmoch 2008 concordance, WIPO updates).

The concordance gives each field as SQL ``LIKE`` patterns over IPC symbols written in the
fixed-width layout of WIPO's data: the subclass (4 characters), the main group right-aligned
in 4 characters, ``/`` and the subgroup: ``H04N   3/%`` is main group H04N 3/00 with every
subgroup, and it must not match ``H04N  13/...`` or ``H04N 103/...``. Symbols are therefore
padded the same way before matching (``H04N 3/08`` → ``H04N   3/08``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from alliance.classification.mappings import ipc_wipo_rows
from alliance.validators import IpcSymbol, parse_ipc


@dataclass(frozen=True)
class WipoField:
    """A WIPO technology field matched by an IPC symbol."""

    number: int  # 1..35
    name: str  # English field name, e.g. "Pharmaceuticals"
    sector: str  # English sector name, e.g. "Chemistry"
    symbol: str  # the matched IPC symbol, canonical ("A61K 31/505")
    pattern: str  # the LIKE pattern that matched ("A61K  31/%")


def fixed_width(symbol: IpcSymbol) -> str:
    """Return ``symbol`` in WIPO's 4+4 layout: ``H04N 3/08`` → ``H04N   3/08``."""
    return f"{symbol.subclass}{symbol.group:>4}/{symbol.subgroup}"


def like_to_regex(pattern: str) -> re.Pattern[str]:
    """Compile a SQL ``LIKE`` pattern (``%`` any run, ``_`` one character) to a regex that
    must match the whole string; every other character, spaces included, is literal."""
    parts = []
    for char in pattern:
        parts.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
    return re.compile("".join(parts), re.DOTALL)


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    pattern: str
    number: int
    name: str
    sector: str


class WipoConcordance:
    """Concordance rows indexed by subclass so a symbol is tested against few patterns."""

    def __init__(self, rows: Iterable[Mapping[str, str]]) -> None:
        self._by_subclass: dict[str, list[_Rule]] = defaultdict(list)
        self._general: list[_Rule] = []
        for row in rows:
            pattern = row["IPC_code"]
            rule = _Rule(
                like_to_regex(pattern),
                pattern,
                int(row["Field_number"]),
                row["Field_en"],
                row["Sector_en"],
            )
            head = pattern[:4]
            if len(head) == 4 and not set(head) & {"%", "_"}:
                self._by_subclass[head].append(rule)
            else:
                self._general.append(rule)

    def fields(self, symbol: IpcSymbol) -> list[WipoField]:
        """Return the fields whose patterns match ``symbol`` (normally exactly one)."""
        padded = fixed_width(symbol)
        found = {}
        for rule in (*self._by_subclass.get(symbol.subclass, ()), *self._general):
            if rule.number not in found and rule.regex.fullmatch(padded):
                found[rule.number] = WipoField(
                    rule.number, rule.name, rule.sector, symbol.symbol, rule.pattern
                )
        return sorted(found.values(), key=lambda f: f.number)


@lru_cache(maxsize=1)
def default_concordance() -> WipoConcordance:
    """Return the concordance of alliance/data/ipc_wipo_technology.csv (built once)."""
    return WipoConcordance(ipc_wipo_rows())


def wipo_fields(
    ipc_symbols: Iterable[str | IpcSymbol], concordance: WipoConcordance | None = None
) -> list[WipoField]:
    """Return the WIPO fields of the given IPC symbols, in the order of the symbols.

    Symbols may be strings in any spacing accepted by :func:`alliance.validators.parse_ipc`
    or parsed :class:`IpcSymbol` values; an invalid string raises ``ValidationError``. A
    symbol outside the concordance (e.g. subclasses created after its last update, such as
    G06V of 2022) yields no field.
    """
    concordance = concordance or default_concordance()
    out: list[WipoField] = []
    seen = set()
    for raw in ipc_symbols:
        symbol = raw if isinstance(raw, IpcSymbol) else parse_ipc(raw)
        for field in concordance.fields(symbol):
            if (field.number, field.symbol) not in seen:
                seen.add((field.number, field.symbol))
                out.append(field)
    return out
