"""Parsers for the cells of one patent row: text, dates, kind, status, IPC, owners, inventors.

Each parser takes a raw cell (``str``, ``date``/``datetime`` or a number from XLSX, or
``None``) and returns the parsed value or raises :class:`FieldError` naming its field
(:class:`RowErrors` when one cell has several problems).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from alliance.shares import HUNDRED, HUNDREDTH, equal_shares
from alliance.text import clean_text
from alliance.validators import N_, ValidationError, parse_ipc

from .errors import FieldError, RowErrors

MSG_DATE = N_("%(value)s is not a date (expected e.g. 2021-06-01, 2021.06.01 or 20210601).")
MSG_KIND_UNKNOWN = N_(
    'The patent type "%(value)s" is unknown (expected 发明, 实用新型 or 外观设计).'
)
MSG_STATUS_UNKNOWN = N_('The legal status "%(value)s" is unknown.')
MSG_IPC_INVALID = N_('The IPC symbol "%(symbol)s" does not parse (expected e.g. H01M 10/0525).')
MSG_IPC_MAIN_ONE = N_("The main classification must be a single IPC symbol.")
MSG_OWNERS_REQUIRED = N_("At least one owner (applicant or patentee) is required.")
MSG_OWNER_NAME = N_('An owner name is missing before ":%(share)s".')
MSG_SHARE_INVALID = N_(
    'The share "%(share)s" of %(owner)s is not a percentage with at most two decimals.'
)
MSG_SHARE_POSITIVE = N_("The share of %(owner)s must be more than 0.")
MSG_OWNER_DUPLICATE = N_("The owner %(owner)s is named twice.")
MSG_SHARES_MIXED = N_("Give a share to every owner or to none (then the shares are equal).")
MSG_SHARES_SUM = N_("The owners' shares add up to %(total)s%%, not 100%%.")
MSG_TOO_LONG = N_('"%(value)s" is longer than %(max)d characters.')

#: Longest texts kept (the columns that store them are as wide).
LEGAL_STATUS_MAX = 60
OWNER_NAME_MAX = 200
INVENTOR_NAME_MAX = 100
IPC_SYMBOL_MAX = 20
#: Longest part of a cell quoted in a message.
SHOWN_MAX = 40

KINDS = ("invention", "utility_model", "design")
#: Application-number kind digit → kind (PCT entries count as their kind).
KIND_BY_DIGIT = {"1": "invention", "8": "invention", "2": "utility_model",
                 "9": "utility_model", "3": "design"}
KIND_WORDS = {
    "发明": "invention", "发明专利": "invention", "发明申请": "invention",
    "实用新型": "utility_model", "实用新型专利": "utility_model",
    "外观设计": "design", "外观设计专利": "design",
    "invention": "invention", "utility_model": "utility_model",
    "utility model": "utility_model", "design": "design",
}
STATUSES = ("pending", "granted", "lapsed", "expired", "invalidated", "rejected", "withdrawn")
#: CNIPA legal-status words → status.
STATUS_WORDS = {
    **dict.fromkeys(("有效", "授权", "专利权维持", "有效专利"), "granted"),
    **dict.fromkeys(("实质审查", "实审", "公开", "审中", "待审"), "pending"),
    **dict.fromkeys(("失效", "未缴年费", "专利权终止", "终止"), "lapsed"),
    **dict.fromkeys(("期限届满", "届满"), "expired"),
    **dict.fromkeys(("无效", "全部无效", "宣告无效"), "invalidated"),
    "驳回": "rejected",
    **dict.fromkeys(("撤回", "视为撤回", "放弃"), "withdrawn"),
}

_STATUS_SPLIT = re.compile(r"[-–—_/\\|,;、()\s]+")
_DATE_FORMS = (
    re.compile(r"(?P<y>\d{4})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日?"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
)
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_IPC_SPLIT = re.compile(r"[;,]")
_IPC_VERSION = re.compile(r"\(\d{4}\.\d{2}\)[A-Z]?$")  # "(2010.01)I" after a symbol
_SHARE = re.compile(r"\d{1,3}(?:\.\d{1,2})?")
_INVENTOR_SPLIT = re.compile(r"[;,]")


def cell_text(value: object, multiline: bool = False) -> str:
    """The cell as cleaned text ("" for an empty cell); numbers without a spurious ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, datetime.datetime):
        value = value.date().isoformat()
    elif isinstance(value, datetime.date):
        value = value.isoformat()
    elif not isinstance(value, str):
        value = str(value)
    return clean_text(value, multiline=multiline)


def shown(text: str, limit: int = SHOWN_MAX) -> str:
    """``text`` cut to ``limit`` characters (with …) for quoting in a message."""
    return text if len(text) <= limit else text[:limit] + "…"


def _check_length(field: str, text: str, limit: int) -> None:
    if len(text) > limit:
        raise FieldError(field, MSG_TOO_LONG, {"value": shown(text), "max": limit})


def parse_date(field: str, value: object) -> datetime.date | None:
    """The date of a cell (date cell or text in one of the accepted forms), None if empty."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _TIME_SUFFIX.sub("", cell_text(value))
    if not text:
        return None
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            try:
                return datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                break
    raise FieldError(field, MSG_DATE, {"value": shown(text)})


def parse_kind(value: object) -> str | None:
    """The kind ("invention", "utility_model", "design") named by the cell, None if empty."""
    text = cell_text(value)
    if not text:
        return None
    kind = KIND_WORDS.get(text.casefold())
    if kind is None:
        raise FieldError("kind", MSG_KIND_UNKNOWN, {"value": shown(text)})
    return kind


def parse_status(value: object, has_grant_date: bool) -> tuple[str, str]:
    """``(status, legal_status)``: the status and the original legal-status text.

    An English status name keeps no legal-status text; an empty cell means granted when a
    grant date is given, else pending; a combined value uses its first recognised word.
    """
    text = cell_text(value)
    if not text:
        return ("granted" if has_grant_date else "pending"), ""
    name = text.casefold().replace(" ", "_")
    _check_length("status", text, LEGAL_STATUS_MAX)
    if name in STATUSES:
        return name, ""
    for word in (text, *_STATUS_SPLIT.split(text)):
        if word in STATUS_WORDS:
            return STATUS_WORDS[word], text
    raise FieldError("status", MSG_STATUS_UNKNOWN, {"value": shown(text)})


def parse_ipc_list(value: object, field: str = "ipc") -> list[str]:
    """Normalised IPC symbols of a cell separated by ``;`` or ``,``, in order, without repeats."""
    symbols: list[str] = []
    errors: list[ValidationError] = []
    for part in _IPC_SPLIT.split(cell_text(value)):
        part = _IPC_VERSION.sub("", part.strip()).strip()
        if not part:
            continue
        try:
            symbol = parse_ipc(part).symbol
        except ValidationError:
            symbol = None
        if symbol is None or len(symbol) > IPC_SYMBOL_MAX:
            errors.append(FieldError(field, MSG_IPC_INVALID, {"symbol": shown(part)}))
            continue
        if symbol not in symbols:
            symbols.append(symbol)
    if errors:
        raise RowErrors(errors)
    return symbols


def parse_main_ipc(value: object) -> str | None:
    """The single IPC symbol of a main-classification cell, None if empty."""
    symbols = parse_ipc_list(value, field="ipc")
    if len(symbols) > 1:
        raise FieldError("ipc", MSG_IPC_MAIN_ONE)
    return symbols[0] if symbols else None


def _owner_entry(entry: str, errors: list) -> tuple[str, Decimal | None]:
    if ":" not in entry:
        return entry, None
    name, _, share_text = entry.rpartition(":")
    name, share_text = name.strip(), share_text.strip().removesuffix("%").strip()
    if not name:
        errors.append(FieldError("owners", MSG_OWNER_NAME, {"share": shown(share_text)}))
    if not _SHARE.fullmatch(share_text):
        errors.append(FieldError("owners", MSG_SHARE_INVALID,
                                 {"owner": shown(name), "share": shown(share_text)}))
        return name, None
    share = Decimal(share_text).quantize(HUNDREDTH)
    if share <= 0:
        errors.append(FieldError("owners", MSG_SHARE_POSITIVE, {"owner": shown(name)}))
    return name, share


def parse_owners(value: object) -> list[tuple[str, Decimal]]:
    """``[(name, share in percent)]`` of an owners cell ``name[:share]; ...``.

    Shares are given for all owners or for none; given shares are > 0 with at most two
    decimals and sum to exactly 100; none given → equal shares (largest remainder).
    """
    entries = [e.strip() for e in cell_text(value).split(";")]
    entries = [e for e in entries if e]
    if not entries:
        raise FieldError("owners", MSG_OWNERS_REQUIRED)
    errors: list[ValidationError] = []
    owners = [_owner_entry(entry, errors) for entry in entries]
    seen: set[str] = set()
    for name, _share in owners:
        try:
            _check_length("owners", name, OWNER_NAME_MAX)
        except FieldError as error:
            errors.append(error)
        if name and name.casefold() in seen:
            errors.append(FieldError("owners", MSG_OWNER_DUPLICATE, {"owner": shown(name)}))
        seen.add(name.casefold())
    given = [":" in entry for entry in entries]
    if any(given) and not all(given):
        errors.append(FieldError("owners", MSG_SHARES_MIXED))
    elif all(given) and not errors:
        total = sum((share for _name, share in owners), Decimal(0))
        if total != HUNDRED:
            errors.append(FieldError("owners", MSG_SHARES_SUM, {"total": f"{total:f}"}))
    if errors:
        raise RowErrors(errors)
    if all(given):
        return [(name, share) for name, share in owners]
    return [(name, share) for (name, _), share in zip(owners, equal_shares(len(owners)),
                                                     strict=True)]


def parse_inventors(value: object) -> list[str]:
    """Inventor names of a cell separated by ``;`` or ``,``, blanks dropped, repeats removed;
    raises FieldError for a name longer than INVENTOR_NAME_MAX."""
    names: list[str] = []
    seen: set[str] = set()
    for part in _INVENTOR_SPLIT.split(cell_text(value)):
        name = part.strip()
        if name and name.casefold() not in seen:
            _check_length("inventors", name, INVENTOR_NAME_MAX)
            seen.add(name.casefold())
            names.append(name)
    return names
