"""Bulk import and export of patents as CSV or XLSX files: the pure file layer.

No Flask and no database: :func:`parse_file` turns an uploaded file into validated
:class:`PatentRecord` objects and row errors; :func:`to_csv` and :func:`to_xlsx` write records
back into files that import again unchanged. The caller persists what it gets.
"""

from .errors import FieldError, FileError, RowErrors
from .exporter import to_csv, to_xlsx
from .importer import MAX_ROWS, ParseResult, parse_file
from .reader import Table, read_rows
from .records import OwnerShare, PatentRecord, parse_patent

__all__ = [
    "MAX_ROWS", "FieldError", "FileError", "OwnerShare", "ParseResult", "PatentRecord",
    "RowErrors", "Table", "parse_file", "parse_patent", "read_rows", "to_csv", "to_xlsx",
]
