"""Pure validators for identifiers used by forms and imports (no Flask imports).

* USCC - Unified Social Credit Code (GB 32100-2015)
* CN patent application numbers (and the derived ZL patent number)
* IPC symbols (International Patent Classification)

Errors are raised as :class:`ValidationError` (a ``ValueError``) whose ``template`` is
an English message marked with ``N_`` for extraction and whose ``params`` fill it in,
so the web layer can translate ``template`` and then apply ``params``.
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple


def N_(text: str) -> str:
    """Mark ``text`` for message extraction; returns it unchanged."""
    return text


class ValidationError(ValueError):
    """A ``ValueError`` carrying an untranslated ``template`` and its ``params``."""

    def __init__(self, template: str, params: dict | None = None) -> None:
        self.template = template
        self.params = dict(params or {})
        super().__init__(template % self.params)

    def __str__(self) -> str:
        return self.template % self.params

    def __reduce__(self):
        return (self.__class__, (self.template, self.params))


MSG_NOT_TEXT = N_("The value must be text.")
MSG_USCC_LENGTH = N_("A USCC has 18 characters, not %(length)d.")
MSG_USCC_CHAR = N_('The character "%(char)s" is not allowed in a USCC.')
MSG_USCC_DIVISION = N_(
    "Characters 3 to 8 of a USCC (the administrative division code) must be digits."
)
MSG_USCC_CHECK = N_("The USCC check character should be %(expected)s, not %(found)s.")
MSG_USCC_FIRST17 = N_("The check character is computed from the first 17 characters of a USCC.")
MSG_APP_FORMAT = N_(
    "This is not a CN patent application number (expected e.g. 201710601862.3 or 95115608.X)."
)
MSG_APP_KIND = N_("The application kind digit must be 1, 2, 3, 8 or 9, not %(kind)s.")
MSG_APP_YEAR = N_("The application year %(year)s is not plausible.")
MSG_APP_OLD_YEAR = N_(
    "Eight-digit application numbers date from 1985 to 2003 and cannot start with %(yy)s."
)
MSG_APP_CHECK_MISSING = N_("The check character of the application number is missing.")
MSG_APP_CHECK_UNEXPECTED = N_("Application numbers from 1985 to 1988 have no check character.")
MSG_APP_CHECK = N_("The check character should be %(expected)s, not %(found)s.")
MSG_APP_DIGITS = N_("A check character is computed from 8 or 12 digits.")
MSG_IPC_CHARS = N_("An IPC symbol may only contain Latin letters, digits, spaces and /.")
MSG_IPC_SECTION = N_("The IPC section must be a letter from A to H.")
MSG_IPC_CLASS = N_("The IPC class must be two digits after the section letter.")
MSG_IPC_SUBCLASS = N_("The IPC subclass must be a letter after the two-digit class.")
MSG_IPC_SLASH = N_(
    "An IPC symbol needs a main group and a subgroup separated by /, e.g. H01M 10/0525."
)
MSG_IPC_MAIN_GROUP = N_("The IPC main group must be a number of 1 to 4 digits, not zero.")
MSG_IPC_SUBGROUP = N_("The IPC subgroup must have at least two digits.")
MSG_IPC_SUBCLASS_ONLY = N_("An IPC subclass looks like H01M: a letter A-H, two digits, a letter.")

# --- USCC -------------------------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}


def _require_str(value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError(MSG_NOT_TEXT)
    return value


def uscc_check_char(first17: str) -> str:
    """Return the check character (18th) for the first 17 USCC characters."""
    s = _require_str(first17)
    s = s.upper() if s.isascii() else s
    if len(s) != 17 or any(c not in _USCC_VALUE for c in s):
        raise ValidationError(MSG_USCC_FIRST17)
    total = sum(_USCC_VALUE[c] * w for c, w in zip(s, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def normalize_uscc(code: str) -> str:
    """Strip and upper-case a USCC; raise ValidationError if it is invalid."""
    s = _require_str(code).strip()
    if len(s) != 18:
        raise ValidationError(MSG_USCC_LENGTH, {"length": len(s)})
    for c in s:
        if (c.upper() if c.isascii() else c) not in _USCC_VALUE:
            raise ValidationError(MSG_USCC_CHAR, {"char": c})
    s = s.upper()
    if not s[2:8].isdigit():
        raise ValidationError(MSG_USCC_DIVISION)
    expected = uscc_check_char(s[:17])
    if s[17] != expected:
        raise ValidationError(MSG_USCC_CHECK, {"expected": expected, "found": s[17]})
    return s


def is_valid_uscc(code: object) -> bool:
    """True if ``code`` is a valid USCC; never raises."""
    try:
        normalize_uscc(code)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return False
    return True


# --- CN patent application numbers ---------------------------------------------

APPLICATION_KINDS = {
    "1": "invention",
    "2": "utility_model",
    "3": "design",
    "8": "pct_invention",
    "9": "pct_utility_model",
}
_APP_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_APP_RE = re.compile(r"([0-9]{12}|[0-9]{8})(?:\.?([0-9X]))?")


def cn_check_char(digits: str) -> str:
    """Return the check character ("0"-"9" or "X") for 8 or 12 application digits."""
    if not (isinstance(digits, str) and re.fullmatch(r"[0-9]{8}|[0-9]{12}", digits)):
        raise ValidationError(MSG_APP_DIGITS)
    remainder = sum(int(d) * w for d, w in zip(digits, _APP_WEIGHTS, strict=False)) % 11
    return "X" if remainder == 10 else str(remainder)


def normalize_cn_application_number(text: str) -> str:
    """Return the canonical form (``201710601862.3``, ``95115608.X``, ``88100001``).

    Accepts a ``CN``/``ZL`` prefix, spaces anywhere, lower-case ``x`` and a missing dot.
    """
    s = "".join(_require_str(text).split()).upper()
    if s[:2] in ("CN", "ZL"):
        s = s[2:]
    match = _APP_RE.fullmatch(s) if s.isascii() else None
    if match is None:
        raise ValidationError(MSG_APP_FORMAT)
    digits, check = match.groups()
    kind = digits[4] if len(digits) == 12 else digits[2]
    if kind not in APPLICATION_KINDS:
        raise ValidationError(MSG_APP_KIND, {"kind": kind})
    if len(digits) == 12:
        year = int(digits[:4])
        if not 2003 <= year <= datetime.date.today().year + 1:
            raise ValidationError(MSG_APP_YEAR, {"year": year})
    else:
        yy = int(digits[:2])
        if 85 <= yy <= 88:
            if check is not None:
                raise ValidationError(MSG_APP_CHECK_UNEXPECTED)
            return digits
        if 4 <= yy <= 84:
            raise ValidationError(MSG_APP_OLD_YEAR, {"yy": digits[:2]})
    if check is None:
        raise ValidationError(MSG_APP_CHECK_MISSING)
    expected = cn_check_char(digits)
    if check != expected:
        raise ValidationError(MSG_APP_CHECK, {"expected": expected, "found": check})
    return f"{digits}.{check}"


def is_valid_cn_application_number(text: object) -> bool:
    """True if ``text`` is a valid CN application number; never raises."""
    try:
        normalize_cn_application_number(text)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return False
    return True


def application_kind(number: str) -> str:
    """Return the kind ("invention", "utility_model", "design", "pct_...") of a number."""
    canonical = normalize_cn_application_number(number)
    return APPLICATION_KINDS[canonical[4] if len(canonical) > 10 else canonical[2]]


def patent_number(app_number: str) -> str:
    """Return the patent number ``ZL`` + canonical application number."""
    return "ZL" + normalize_cn_application_number(app_number)


# --- IPC -------------------------------------------------------------------------


class IpcSymbol(NamedTuple):
    """A parsed full IPC symbol such as ``H01M 10/0525``.

    Unpacks as ``(symbol, subclass, main_group)``; the other parts are properties.
    """

    symbol: str  # "H01M 10/0525"
    subclass: str  # "H01M"
    main_group: str  # "H01M 10/00"

    @property
    def section(self) -> str:  # "H"
        return self.subclass[0]

    @property
    def ipc_class(self) -> str:  # "H01"
        return self.subclass[:3]

    @property
    def group(self) -> int:  # 10
        return int(self.symbol.split()[1].split("/")[0])

    @property
    def subgroup(self) -> str:  # "0525"
        return self.symbol.split("/")[1]


def _compact_ipc(text: str) -> str:
    s = "".join(_require_str(text).split())
    if not s.isascii():
        raise ValidationError(MSG_IPC_CHARS)
    return s.upper()


def parse_ipc(symbol: str) -> IpcSymbol:
    """Parse a full IPC symbol, tolerating case, spacing and fixed-width padding."""
    s = _compact_ipc(symbol)
    if not s or s[0] not in "ABCDEFGH":
        raise ValidationError(MSG_IPC_SECTION)
    if not re.fullmatch(r"[0-9]{2}", s[1:3]):
        raise ValidationError(MSG_IPC_CLASS)
    if not re.fullmatch(r"[A-Z]", s[3:4]):
        raise ValidationError(MSG_IPC_SUBCLASS)
    main, slash, sub = s[4:].partition("/")
    if not slash:
        raise ValidationError(MSG_IPC_SLASH)
    if not re.fullmatch(r"[0-9]{1,4}", main) or int(main) == 0:
        raise ValidationError(MSG_IPC_MAIN_GROUP)
    if not re.fullmatch(r"[0-9]{2,}", sub):
        raise ValidationError(MSG_IPC_SUBGROUP)
    subclass, group = s[:4], int(main)
    return IpcSymbol(
        symbol=f"{subclass} {group}/{sub}",
        subclass=subclass,
        main_group=f"{subclass} {group}/00",
    )


def parse_ipc_subclass(text: str) -> str:
    """Return a normalised IPC subclass such as ``H01M`` from ``" h01m "``."""
    s = _compact_ipc(text)
    if not re.fullmatch(r"[A-H][0-9]{2}[A-Z]", s):
        raise ValidationError(MSG_IPC_SUBCLASS_ONLY)
    return s


def is_valid_ipc(symbol: object) -> bool:
    """True if ``symbol`` is a valid full IPC symbol; never raises."""
    try:
        parse_ipc(symbol)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return False
    return True
