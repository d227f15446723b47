"""Write patent records to CSV (Excel-friendly UTF-8) and XLSX files that import again unchanged.

Columns carry CNIPA's Chinese headers (:data:`.columns.EXPORT_HEADERS`). Owners are written
with their shares (``吉林大学:60.00; 某公司:40.00``), IPC symbols and inventors joined by
``; ``. Text that a spreadsheet would run as a formula (starting with = + - @) is protected:
in CSV by a leading apostrophe that the reader removes again, in XLSX by storing the cell as a
string.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable

from .columns import EXPORT_HEADERS
from .reader import FORMULA_CHARS
from .records import PatentRecord

KIND_LABELS = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}
#: Column widths in the XLSX file, in characters.
XLSX_WIDTHS = {"application_number": 17, "title": 40, "abstract": 60, "kind": 10,
               "status": 12, "filing_date": 12, "publication_date": 13, "grant_date": 12,
               "ipc": 28, "owners": 36, "inventors": 24}


def _values(record: PatentRecord) -> dict[str, object]:
    return {
        "application_number": record.application_number,
        "title": record.title,
        "abstract": record.abstract,
        "kind": KIND_LABELS[record.kind],
        "status": record.legal_status or record.status,
        "filing_date": record.filing_date,
        "publication_date": record.publication_date,
        "grant_date": record.grant_date,
        "ipc": "; ".join(record.ipc),
        "owners": "; ".join(f"{owner.name}:{owner.share:.2f}" for owner in record.owners),
        "inventors": "; ".join(record.inventors),
    }


def guard_formula(text: str) -> str:
    """``text`` with an apostrophe in front if a spreadsheet would read it as a formula.

    Text already starting with apostrophes before such a character gets one more, so the
    reader's removal of one apostrophe always gives back the original.
    """
    if text.lstrip("'").startswith(FORMULA_CHARS):
        return "'" + text
    return text


def to_csv(records: Iterable[PatentRecord]) -> bytes:
    """The records as CSV bytes: UTF-8 with BOM, CRLF line ends, ISO dates, Chinese headers."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADERS.values())
    for record in records:
        row = []
        for value in _values(record).values():
            if isinstance(value, datetime.date):
                row.append(value.isoformat())
            else:
                row.append(guard_formula(value) if value else "")
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(records: Iterable[PatentRecord]) -> bytes:
    """The records as an XLSX workbook: bold frozen header row, real date cells
    (yyyy-mm-dd), text cells stored as strings (never formulas), fitted column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "专利"
    bold = Font(bold=True)
    for column, (field, header) in enumerate(EXPORT_HEADERS.items(), start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font = bold
        sheet.column_dimensions[get_column_letter(column)].width = XLSX_WIDTHS[field]
    sheet.freeze_panes = "A2"
    for row, record in enumerate(records, start=2):
        for column, value in enumerate(_values(record).values(), start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=row, column=column, value=value)
            if isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            else:
                cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
                cell.quotePrefix = value.startswith(FORMULA_CHARS)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
