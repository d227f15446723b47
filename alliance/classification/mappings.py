"""Reference tables shipped in alliance/data and the default alliance mappings.

The mappings from strategic-emerging-industry (SEI) codes and WIPO technology fields to the
ten alliances are defaults: the platform admin edits them in the database later, and the
classification functions take them as plain dicts (``{source: (alliance_code, ...)}``).
The loaders here read the default CSV files, check them and return those dicts; the
``*_rows`` loaders keep the comment of every row for seeding an editable table.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from alliance.validators import N_, ValidationError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
IPC_WIPO_CSV = DATA_DIR / "ipc_wipo_technology.csv"
SEI_CATEGORIES_CSV = DATA_DIR / "sei_categories.csv"
SEI_EXTRA_KEYWORDS_CSV = DATA_DIR / "sei_extra_keywords.csv"
SEI_ALLIANCE_CSV = DATA_DIR / "sei_alliance_map.csv"
WIPO_ALLIANCE_CSV = DATA_DIR / "wipo_alliance_map.csv"

# The ten alliances seeded by migration 0002 (code → Chinese name).
ALLIANCE_NAMES = {
    "biochemical": "生物化工",
    "nev": "新能源汽车",
    "biomedicine": "生物医药",
    "electronics": "电子信息",
    "new-materials": "新材料",
    "new-energy": "新能源",
    "advanced-equipment": "先进装备制造",
    "energy-saving": "节能环保",
    "tourism": "旅游",
    "culture": "文化",
}
ALLIANCE_CODES = frozenset(ALLIANCE_NAMES)
WIPO_FIELD_NUMBERS = range(1, 36)

MSG_MAP_HEADER = N_("The mapping file %(file)s lacks the column %(column)s.")
MSG_MAP_ALLIANCE = N_('Row %(row)d: "%(code)s" is not an alliance code.')
MSG_MAP_SEI_CODE = N_('Row %(row)d: "%(code)s" is not an SEI code such as 4 or 4.1.')
MSG_MAP_FIELD = N_('Row %(row)d: "%(field)s" is not a WIPO technology field from 1 to 35.')
MSG_MAP_DUPLICATE = N_("Row %(row)d repeats the mapping %(source)s → %(code)s.")

_SEI_CODE = re.compile(r"[1-9](\.[1-9][0-9]?)?")


@dataclass(frozen=True)
class MappingRow:
    """One editable mapping row: ``source`` (SEI code or WIPO field number) → alliance."""

    source: str | int
    alliance: str
    comment: str = ""


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _rows(path: Path, source_column: str, parse_source, known: Iterable[str]) -> list[MappingRow]:
    records = _read_csv(path)
    for column in (source_column, "alliance_code"):
        if records and column not in records[0]:
            raise ValidationError(MSG_MAP_HEADER, {"file": path.name, "column": column})
    known = frozenset(known)
    rows: list[MappingRow] = []
    seen = set()
    for number, record in enumerate(records, start=2):  # the header is row 1
        source = parse_source(record[source_column].strip(), number)
        code = record["alliance_code"].strip()
        if code not in known:
            raise ValidationError(MSG_MAP_ALLIANCE, {"row": number, "code": code})
        if (source, code) in seen:
            params = {"row": number, "source": source, "code": code}
            raise ValidationError(MSG_MAP_DUPLICATE, params)
        seen.add((source, code))
        rows.append(MappingRow(source, code, (record.get("comment") or "").strip()))
    return rows


def _sei_code(text: str, row: int) -> str:
    if not _SEI_CODE.fullmatch(text):
        raise ValidationError(MSG_MAP_SEI_CODE, {"row": row, "code": text})
    return text


def _field_number(text: str, row: int) -> int:
    if not text.isdigit() or int(text) not in WIPO_FIELD_NUMBERS:
        raise ValidationError(MSG_MAP_FIELD, {"row": row, "field": text})
    return int(text)


def mapping_from_rows(rows: Iterable[MappingRow]) -> dict:
    """Return ``{source: (alliance_code, ...)}`` from mapping rows, keeping row order."""
    mapping: dict = {}
    for row in rows:
        mapping.setdefault(row.source, ())
        if row.alliance not in mapping[row.source]:
            mapping[row.source] += (row.alliance,)
    return mapping


def load_sei_alliance_rows(
    path: Path | str | None = None, known=ALLIANCE_CODES
) -> list[MappingRow]:
    """Read SEI code → alliance rows (``sei_code,alliance_code,comment``), checked."""
    return _rows(Path(path or SEI_ALLIANCE_CSV), "sei_code", _sei_code, known)


def load_wipo_alliance_rows(
    path: Path | str | None = None, known=ALLIANCE_CODES
) -> list[MappingRow]:
    """Read WIPO field → alliance rows (``field_number,...,alliance_code,comment``), checked."""
    return _rows(Path(path or WIPO_ALLIANCE_CSV), "field_number", _field_number, known)


def load_sei_alliance_map(path: Path | str | None = None) -> dict[str, tuple[str, ...]]:
    """Return the SEI mapping ``{"4.1": ("biomedicine",), "5": ("nev",), ...}``.

    A sub code (``4.1``) overrides its top-level code (``4``) in
    :func:`alliance.classification.suggest.alliances_for_sei`.
    """
    return mapping_from_rows(load_sei_alliance_rows(path))


def load_wipo_alliance_map(path: Path | str | None = None) -> dict[int, tuple[str, ...]]:
    """Return the WIPO mapping ``{16: ("biomedicine",), ...}`` (fields 1-35; absent = none)."""
    return mapping_from_rows(load_wipo_alliance_rows(path))


@dataclass(frozen=True)
class SeiCategory:
    """A CNIPA strategic-emerging-industry category: code, name and its scope texts."""

    code: str
    name: str
    texts: tuple[str, ...]


@lru_cache(maxsize=1)
def sei_categories() -> tuple[SeiCategory, ...]:
    """Return the 40 SEI categories of sei_categories.csv with their keyword rule texts and
    the project's added vocabulary from sei_extra_keywords.csv (see alliance/data/README.md)."""
    names: dict[str, str] = {}
    texts: dict[str, list[str]] = {}
    for record in _read_csv(SEI_CATEGORIES_CSV):
        code = record["seiCode"]
        names.setdefault(code, record["seiName"])
        texts.setdefault(code, [])
        if record["keywords"]:
            texts[code].append(record["keywords"])
    for record in _read_csv(SEI_EXTRA_KEYWORDS_CSV):
        texts[record["seiCode"]].append(record["terms"])
    return tuple(SeiCategory(code, names[code], tuple(texts[code])) for code in names)


@lru_cache(maxsize=1)
def ipc_wipo_rows() -> tuple[dict[str, str], ...]:
    """Return the rows of WIPO's IPC → technology-field concordance (ipc_wipo_technology.csv)."""
    return tuple(_read_csv(IPC_WIPO_CSV))
