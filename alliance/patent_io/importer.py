"""Parse a whole patent file into validated records and every row error (no Flask, no db).

The caller imports all or nothing: it persists ``records`` only when ``errors`` is empty.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from alliance.validators import N_, ValidationError, normalize_cn_application_number

from .errors import FieldError, RowErrors
from .fields import cell_text
from .reader import Table, read_rows
from .records import PatentRecord, parse_patent

#: Largest number of rows one file may hold.
MAX_ROWS = 20_000

MSG_DUPLICATE_NUMBER = N_(
    "The application number %(number)s appears in rows %(first)d and %(row)d."
)


@dataclass
class ParseResult:
    """``records``: ``(row number, record)`` of the good rows; ``errors``: ``(row number,
    error)``, one entry per problem, in row order. ``columns`` maps fields to the file's
    headers."""

    records: list[tuple[int, PatentRecord]] = field(default_factory=list)
    errors: list[tuple[int, ValidationError]] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no row has an error (the file may be imported)."""
        return not self.errors


def _canonical_number(value: object) -> str | None:
    try:
        return normalize_cn_application_number(cell_text(value))
    except ValidationError:
        return None


def parse_table(table: Table, *, today: datetime.date | None = None) -> ParseResult:
    """Validate every row of ``table``; the same application number twice is an error on
    the later row naming both rows."""
    result = ParseResult(columns=dict(table.columns))
    first_row: dict[str, int] = {}
    for number, raw in table.rows:
        errors: list[ValidationError] = []
        try:
            record = parse_patent(raw, today=today)
        except RowErrors as problems:
            record, errors = None, list(problems.errors)
        canonical = _canonical_number(raw.get("application_number"))
        seen = first_row.setdefault(canonical, number) if canonical else number
        if seen != number:
            errors.append(FieldError("application_number", MSG_DUPLICATE_NUMBER,
                                     {"number": canonical, "first": seen, "row": number}))
        if errors:
            result.errors.extend((number, error) for error in errors)
        else:
            result.records.append((number, record))
    return result


def parse_file(data: bytes, filename: str, *, max_rows: int = MAX_ROWS,
               today: datetime.date | None = None) -> ParseResult:
    """Read a .csv or .xlsx file (bytes) and validate every row.

    Raises FileError when the file as a whole is unusable (encoding, headers, no rows, more
    than ``max_rows`` rows); otherwise returns the good records and every row error.
    """
    return parse_table(read_rows(data, filename, max_rows=max_rows), today=today)
