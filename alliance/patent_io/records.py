"""One patent as read from (or written to) an import file, and the validation of one row.

``parse_patent`` takes a row keyed by canonical field names and returns a
:class:`PatentRecord` or raises :class:`RowErrors` with every problem of the row, each a
:class:`FieldError` naming its field. No Flask, no database: the caller persists the record.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from alliance.validators import (
    N_,
    ValidationError,
    normalize_cn_application_number,
)

from .errors import FieldError, RowErrors
from .fields import (
    KIND_BY_DIGIT,
    cell_text,
    parse_date,
    parse_inventors,
    parse_ipc_list,
    parse_kind,
    parse_main_ipc,
    parse_owners,
    parse_status,
)

FIELDS = ("application_number", "title", "abstract", "kind", "status", "filing_date",
          "publication_date", "grant_date", "ipc", "owners", "inventors")
DATE_FIELDS = ("filing_date", "publication_date", "grant_date")
TITLE_MAX = 500

MSG_NUMBER_REQUIRED = N_("The application number is required.")
MSG_TITLE_REQUIRED = N_("The title is required.")
MSG_TITLE_LONG = N_("The title has %(length)d characters; at most %(max)d are allowed.")
MSG_KIND_DIGIT = N_(
    'The patent type "%(kind)s" does not agree with the kind digit %(digit)s of the '
    "application number (1 or 8: invention, 2 or 9: utility model, 3: design)."
)
MSG_DATE_FUTURE = N_("The date %(date)s is in the future.")
MSG_DATE_BEFORE_FILING = N_("The date %(date)s is before the filing date %(filing)s.")
MSG_IPC_DESIGN = N_(
    "A design has no IPC symbols (its Locarno class is not recorded here); "
    "leave the classification empty."
)


@dataclass(frozen=True)
class OwnerShare:
    """An owner (applicant or patentee) by name and its share in percent (two decimals)."""

    name: str
    share: Decimal


@dataclass(frozen=True)
class PatentRecord:
    """A validated patent row; ``ipc[0]`` is the main symbol, shares sum to 100."""

    application_number: str  # canonical, e.g. "201710601862.3"
    title: str
    abstract: str
    kind: str  # "invention" | "utility_model" | "design"
    status: str  # "pending" | "granted" | "lapsed" | "expired" | "invalidated" | ...
    legal_status: str  # the original legal-status text (e.g. 实质审查) or ""
    filing_date: datetime.date | None
    publication_date: datetime.date | None
    grant_date: datetime.date | None
    ipc: tuple[str, ...]
    owners: tuple[OwnerShare, ...]
    inventors: tuple[str, ...]

    @property
    def main_ipc(self) -> str | None:
        """The main IPC symbol, None for a patent without classification."""
        return self.ipc[0] if self.ipc else None


class _Collector:
    """Runs cell parsers and keeps every error they raise."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def __call__(self, parser: Callable, *args):
        try:
            return parser(*args)
        except FieldError as error:
            self.errors.append(error)
        except RowErrors as error:
            self.errors.extend(error.errors)
        return None


def _application_number(value: object) -> str:
    text = cell_text(value)
    if not text:
        raise FieldError("application_number", MSG_NUMBER_REQUIRED)
    try:
        return normalize_cn_application_number(text)
    except ValidationError as error:
        raise FieldError.wrap("application_number", error) from error


def _title(value: object) -> str:
    title = cell_text(value)
    if not title:
        raise FieldError("title", MSG_TITLE_REQUIRED)
    if len(title) > TITLE_MAX:
        raise FieldError("title", MSG_TITLE_LONG, {"length": len(title), "max": TITLE_MAX})
    return title


def kind_digit(number: str) -> str:
    """The kind digit of a canonical application number ("1", "2", "3", "8" or "9")."""
    return number[4] if len(number) > 10 else number[2]


def _kind(value: object, number: str | None) -> str | None:
    given = parse_kind(value)
    if number is None:
        return given
    digit = kind_digit(number)
    derived = KIND_BY_DIGIT[digit]
    if given is not None and given != derived:
        raise FieldError("kind", MSG_KIND_DIGIT, {"kind": cell_text(value), "digit": digit})
    return derived


def _check_dates(dates: dict, today: datetime.date, errors: list) -> None:
    for field in DATE_FIELDS:
        day = dates.get(field)
        if day is not None and day > today:
            errors.append(FieldError(field, MSG_DATE_FUTURE, {"date": day.isoformat()}))
    filing = dates.get("filing_date")
    for field in ("publication_date", "grant_date"):
        day = dates.get(field)
        if filing is not None and day is not None and day < filing:
            errors.append(FieldError(field, MSG_DATE_BEFORE_FILING,
                                     {"date": day.isoformat(), "filing": filing.isoformat()}))


def _ipc(value: object, main_value: object, kind: str | None) -> tuple[str, ...]:
    symbols = parse_ipc_list(value)
    main = parse_main_ipc(main_value)
    if main is not None:
        symbols = [main, *(s for s in symbols if s != main)]
    if symbols and kind == "design":
        raise FieldError("ipc", MSG_IPC_DESIGN)
    return tuple(symbols)


def parse_patent(raw: Mapping[str, object], *,
                 today: datetime.date | None = None) -> PatentRecord:
    """Validate one row keyed by canonical field names (see ``FIELDS``; ``main_ipc`` is an
    optional extra column whose single symbol becomes the main one) into a PatentRecord.

    Dates must not lie after ``today`` (default: the current date). Raises RowErrors with
    every problem of the row.
    """
    today = today or datetime.date.today()
    run = _Collector()
    number = run(_application_number, raw.get("application_number"))
    title = run(_title, raw.get("title"))
    abstract = cell_text(raw.get("abstract"), multiline=True)
    kind = run(_kind, raw.get("kind"), number)
    dates = {field: run(parse_date, field, raw.get(field)) for field in DATE_FIELDS}
    _check_dates(dates, today, run.errors)
    status = run(parse_status, raw.get("status"), dates["grant_date"] is not None)
    ipc = run(_ipc, raw.get("ipc"), raw.get("main_ipc"), kind)
    owners = run(parse_owners, raw.get("owners"))
    inventors = run(parse_inventors, raw.get("inventors"))
    if run.errors:
        raise RowErrors(run.errors)
    return PatentRecord(
        application_number=number, title=title, abstract=abstract, kind=kind,
        status=status[0], legal_status=status[1], ipc=ipc,
        owners=tuple(OwnerShare(name, share) for name, share in owners),
        inventors=tuple(inventors), **dates,
    )
