"""Read the rows of a patent file (CSV or XLSX) into dictionaries keyed by canonical fields.

CSV: UTF-8 with or without BOM, or GBK/GB18030; comma-separated with RFC 4180 quoting.
XLSX: the first worksheet, values (not formulas), date cells as ``datetime``.
The first row holds the headers; every header must be known (:mod:`.columns`). In CSV, a
leading apostrophe that protects a cell starting with = + - @ from formula evaluation is
removed (in XLSX such cells are plain strings and need no protection).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from alliance.validators import N_

from .columns import EXPORT_HEADERS, REQUIRED, field_for_header
from .errors import FileError
from .fields import cell_text

MSG_EMPTY = N_("The file is empty.")
MSG_FILE_TYPE = N_("%(filename)s is neither a .csv nor an .xlsx file.")
MSG_ENCODING = N_(
    "The file's encoding is unknown: save it as CSV in UTF-8 (or GBK), or as an Excel .xlsx file."
)
MSG_CSV_BROKEN = N_("The CSV file is malformed near line %(line)d (check the quotation marks).")
MSG_XLSX_BROKEN = N_("The file cannot be read as an Excel .xlsx workbook.")
MSG_NO_HEADER = N_("The first row must hold the column headers.")
MSG_UNKNOWN_HEADERS = N_("Unknown column headers: %(headers)s. Rename or delete these columns.")
MSG_DUPLICATE_HEADERS = N_("These column headers name the same field: %(headers)s. Keep one.")
MSG_MISSING_HEADERS = N_("Required columns are missing: %(headers)s.")
MSG_NO_ROWS = N_("The file has a header row but no rows.")
MSG_TOO_MANY_ROWS = N_("The file has more than %(max)d rows; split it into smaller files.")
MSG_EXTRA_CELL = N_("Row %(row)d has a value in a column without a header.")

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Cc but tab, CR, LF
#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    """The rows of a file: ``columns`` maps each canonical field to its header in the file;
    ``rows`` holds ``(spreadsheet row number, {field: raw value})`` (header = row 1)."""

    columns: dict[str, str] = field(default_factory=dict)
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)


def unguard(value: object) -> object:
    """A CSV cell with one protective apostrophe removed from apostrophes before = + - @
    (``'=A1`` → ``=A1``, ``''=A1`` → ``'=A1``); other cells unchanged."""
    if isinstance(value, str) and value[:1] == "'" and value.lstrip("'").startswith(
            FORMULA_CHARS):
        return value[1:]
    return value


def _looks_chinese(text: str) -> bool:
    """Whether at least 90% of the non-ASCII characters are in GB 2312 (common Chinese)."""
    others = Counter(_NON_ASCII.findall(text))
    common = 0
    for char, count in others.items():
        with contextlib.suppress(UnicodeEncodeError):
            char.encode("gb2312")
            common += count
    return common >= 0.9 * others.total()


def decode_csv(data: bytes) -> str:
    """The text of CSV bytes: UTF-8 (BOM or not), else GB18030 if it reads as Chinese."""
    candidates = (["utf-8-sig"] if data.startswith(codecs.BOM_UTF8) else ["utf-8", "gb18030"])
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and not _looks_chinese(text):
            break
        if _CONTROL.search(text):
            break
        return text
    raise FileError(MSG_ENCODING)


def _csv_grid(data: bytes) -> Iterator[list[object]]:
    reader = csv.reader(io.StringIO(decode_csv(data), newline=""), strict=True)
    try:
        for row in reader:
            yield [unguard(cell) for cell in row]
    except csv.Error as error:
        raise FileError(MSG_CSV_BROKEN, {"line": reader.line_num}) from error


def _xlsx_grid(data: bytes) -> Iterator[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a broken upload can fail anywhere in the zip or the XML
        raise FileError(MSG_XLSX_BROKEN) from error
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # do not trust the stored size; read every row
        yield from (list(row) for row in sheet.iter_rows(values_only=True))
    except FileError:
        raise
    except Exception as error:
        raise FileError(MSG_XLSX_BROKEN) from error
    finally:
        workbook.close()


def _header_label(field_name: str) -> str:
    return f"{EXPORT_HEADERS.get(field_name, field_name)} ({field_name})"


def _columns(header: list[object]) -> dict[int, str]:
    """Column index → canonical field; raises FileError naming every bad header."""
    by_index: dict[int, str] = {}
    unknown: list[str] = []
    seen: dict[str, list[str]] = {}
    for index, cell in enumerate(header):
        text = cell_text(cell)
        if not text:
            continue
        field_name = field_for_header(text)
        if field_name is None:
            unknown.append(text)
            continue
        by_index[index] = field_name
        seen.setdefault(field_name, []).append(text)
    if not by_index and not unknown:
        raise FileError(MSG_NO_HEADER)
    if unknown:
        raise FileError(MSG_UNKNOWN_HEADERS, {"headers": ", ".join(unknown)})
    duplicates = [", ".join(texts) for texts in seen.values() if len(texts) > 1]
    if duplicates:
        raise FileError(MSG_DUPLICATE_HEADERS, {"headers": "; ".join(duplicates)})
    missing = [_header_label(name) for name in REQUIRED if name not in seen]
    if missing:
        raise FileError(MSG_MISSING_HEADERS, {"headers": ", ".join(missing)})
    return by_index


def _table(grid: Iterable[list[object]], max_rows: int | None) -> Table:
    rows = iter(grid)
    header = next(rows, None)
    if header is None:
        raise FileError(MSG_EMPTY)
    by_index = _columns(header)
    table = Table(columns={name: cell_text(header[i]) for i, name in by_index.items()})
    for number, cells in enumerate(rows, start=2):
        if all(cell_text(cell) == "" for cell in cells):
            continue
        if any(cell_text(cell) != "" for i, cell in enumerate(cells) if i not in by_index):
            raise FileError(MSG_EXTRA_CELL, {"row": number})
        if max_rows is not None and len(table.rows) >= max_rows:
            raise FileError(MSG_TOO_MANY_ROWS, {"max": max_rows})
        raw = {name: cells[i] if i < len(cells) else None for i, name in by_index.items()}
        table.rows.append((number, raw))
    if not table.rows:
        raise FileError(MSG_NO_ROWS)
    return table


def read_rows(data: bytes, filename: str, *, max_rows: int | None = None) -> Table:
    """The headers and non-empty rows of a .csv or .xlsx file given as bytes.

    Raises FileError for an empty or unreadable file, an unknown encoding, unknown, duplicate
    or missing required headers, no rows, or more than ``max_rows`` rows.
    """
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    if extension not in ("csv", "xlsx"):
        raise FileError(MSG_FILE_TYPE, {"filename": filename})
    if not data:
        raise FileError(MSG_EMPTY)
    grid = _csv_grid(data) if extension == "csv" else _xlsx_grid(data)
    with contextlib.closing(grid):
        return _table(grid, max_rows)
