"""Bulk import of patents, all or nothing: every row is checked (the file's own rules in
alliance.patent_io, then the platform's: owners, numbers recorded by others), and only a
file without a bad row is saved, in one transaction. Saving the same file again changes
nothing (rows equal to what is stored are left alone)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext

from ..models import Organization
from ..patent_io.importer import parse_file
from ..patent_io.records import PatentRecord
from ..validators import ValidationError
from . import ServiceError
from .patents import check_may_record, existing_patents, owner_organisations, record_of


@dataclass
class RowCheck:
    """One data row of the file: its spreadsheet row number (the header is row 1), the
    record if it parsed, what saving it would do, and every problem found."""

    row: int
    record: PatentRecord | None
    action: str = ""  # "new", "changed", "unchanged"
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportCheck:
    rows: list[RowCheck]
    file_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors and all(not r.errors for r in self.rows)

    @property
    def bad_rows(self) -> list[RowCheck]:
        return [r for r in self.rows if r.errors]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action and not r.errors)


def _text(error: ValidationError) -> str:
    return gettext(error.template) % error.params


def check_file(actor, org: Organization, data: bytes, filename: str) -> ImportCheck:
    """Parse and check every row of the file against the platform; nothing is saved."""
    try:
        parsed = parse_file(data, filename)
    except ValidationError as error:
        return ImportCheck(rows=[], file_errors=[_text(error)])
    rows: dict[int, RowCheck] = {n: RowCheck(n, rec) for n, rec in parsed.records}
    for number, error in parsed.errors:
        rows.setdefault(number, RowCheck(number, None)).errors.append(_text(error))
    records = [r.record for r in rows.values() if r.record is not None]
    owners = owner_organisations(sorted({o.name for rec in records for o in rec.owners}))
    stored = existing_patents([rec.application_number for rec in records])
    for row in rows.values():
        if row.record is None:
            continue
        current = stored.get(row.record.application_number)
        try:
            check_may_record(actor, org, row.record, owners, current)
        except ServiceError as error:
            row.errors.append(str(error.message))
            continue
        row.action = "new" if current is None else \
            "unchanged" if record_of(current) == row.record else "changed"
    return ImportCheck(rows=sorted(rows.values(), key=lambda r: r.row))


def import_file(actor, org: Organization, data: bytes, filename: str) -> ImportCheck:
    """Check the file and, if no row is bad, save every row; raises ImportRefused (and
    saves nothing) otherwise. The caller commits."""
    from .patents import save_patent

    check = check_file(actor, org, data, filename)
    if not check.ok:
        raise ImportRefused(check)
    for row in check.rows:
        try:
            save_patent(actor, org, row.record)
        except ServiceError as error:  # changed since the check: refuse the whole file
            row.errors.append(str(error.message))
            raise ImportRefused(check) from error
    return check


class ImportRefused(ServiceError):
    """The file has bad rows; ``check`` lists them. Nothing was saved."""

    def __init__(self, check: ImportCheck):
        super().__init__(gettext("Nothing was imported: the file has problems."), status=400)
        self.check = check
