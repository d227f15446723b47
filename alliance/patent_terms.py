"""Pure date and fee arithmetic for CN patents, and legal-status words (no Flask imports).

* Term (Patent Law 2020, Art. 42): invention 20 years, utility model 10 years, design 15
  years when filed on or after 2021-06-01 (10 years before), counted from the filing date.
  An invention's term may be extended by recorded term compensation (days).
* Annual fees fall due every year on the filing anniversary; a late fee may still be paid
  within six months with a surcharge (CNIPA fee schedule).
* Legal status: the platform's statuses and the words CNIPA search exports use.

Dates are ``datetime.date``; money is ``Decimal`` in yuan.
"""

from __future__ import annotations

import calendar
import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from alliance.validators import N_, ValidationError

INVENTION = "invention"
UTILITY_MODEL = "utility_model"
DESIGN = "design"
KINDS = (INVENTION, UTILITY_MODEL, DESIGN)

DESIGN_15_YEARS_FROM = datetime.date(2021, 6, 1)
GRACE_MONTHS = 6
SURCHARGE_RATE_PER_MONTH = Decimal("0.05")

MSG_KIND = N_("Unknown patent kind %(kind)s (expected invention, utility_model or design).")
MSG_EXTENSION_KIND = N_("Only an invention's term can be extended.")
MSG_EXTENSION_NEGATIVE = N_("A term extension cannot be negative (%(days)d days).")
MSG_PAID_BEFORE_DUE = N_("The payment date %(paid)s is before the due date %(due)s.")
MSG_GRACE_OVER = N_("The six-month grace period ended on %(end)s; the patent has lapsed.")
MSG_STATUS_UNKNOWN = N_('Unknown legal status "%(text)s".')
MSG_STATUS_CONFLICT = N_('The legal status "%(text)s" contradicts itself.')


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValidationError(MSG_KIND, {"kind": kind})


def add_years(day: datetime.date, years: int) -> datetime.date:
    """Return ``day`` moved by whole years (same month and day; 29 February → 28 February)."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 2, 28)
    return day.replace(year=year)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return ``day`` moved by whole months, clamped to the last day of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def term_years(kind: str, filing_date: datetime.date) -> int:
    """Return the statutory term in years of a patent of ``kind`` filed on ``filing_date``."""
    _check_kind(kind)
    if kind == INVENTION:
        return 20
    if kind == UTILITY_MODEL:
        return 10
    return 15 if filing_date >= DESIGN_15_YEARS_FROM else 10


def expiry_date(kind: str, filing_date: datetime.date, extension_days: int = 0) -> datetime.date:
    """Return the expiry date: filing date + term years + recorded extension (days).

    Only inventions can carry an extension (term compensation); a negative extension or an
    extension on another kind raises ``ValidationError`` (a ``ValueError``).
    """
    _check_kind(kind)
    if extension_days < 0:
        raise ValidationError(MSG_EXTENSION_NEGATIVE, {"days": extension_days})
    if extension_days and kind != INVENTION:
        raise ValidationError(MSG_EXTENSION_KIND)
    end = add_years(filing_date, term_years(kind, filing_date))
    return end + datetime.timedelta(days=extension_days)


def next_annual_fee_date(
    filing_date: datetime.date, kind: str, on: datetime.date, extension_days: int = 0
) -> datetime.date | None:
    """Return the first filing anniversary on or after ``on``, or None from expiry on.

    Anniversaries are filing date + n years (n ≥ 1); a due date on or after the expiry
    date gives None because no further annual fee is owed.
    """
    expiry = expiry_date(kind, filing_date, extension_days)
    years = max(1, on.year - filing_date.year)
    due = add_years(filing_date, years)
    if due < on:
        due = add_years(filing_date, years + 1)
    return None if due >= expiry else due


def annual_fee_grace_end(due: datetime.date) -> datetime.date:
    """Return the last day a late annual fee may be paid: six months after ``due``."""
    return add_months(due, GRACE_MONTHS)


def annual_fee_surcharge(
    annual_fee: Decimal, due: datetime.date, paid_on: datetime.date
) -> Decimal:
    """Return the late-payment surcharge in yuan (Decimal, to the fen) for a fee paid late.

    CNIPA fee schedule (滞纳金): no surcharge within one month after the due date, then 5%
    of that year's full fee for each further month begun: 5% up to two months late, 10% up
    to three, ... 25% up to six. Paying after the grace period raises ``ValidationError``.
    """
    if paid_on < due:
        raise ValidationError(MSG_PAID_BEFORE_DUE, {"paid": paid_on, "due": due})
    end = annual_fee_grace_end(due)
    if paid_on > end:
        raise ValidationError(MSG_GRACE_OVER, {"end": end})
    months_begun = next(m for m in range(1, GRACE_MONTHS + 1) if paid_on <= add_months(due, m))
    rate = SURCHARGE_RATE_PER_MONTH * (months_begun - 1)
    return (Decimal(annual_fee) * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- legal status ---------------------------------------------------------------------

PENDING, GRANTED, LAPSED, EXPIRED = "pending", "granted", "lapsed", "expired"
INVALIDATED, REJECTED, WITHDRAWN = "invalidated", "rejected", "withdrawn"
STATUSES = (PENDING, GRANTED, LAPSED, EXPIRED, INVALIDATED, REJECTED, WITHDRAWN)
IN_FORCE = frozenset({GRANTED})

# Summary words (CNIPA's 当前状态 and the aggregators' 有权/无权/在审): they say whether the
# right is in force but not why; a more specific word in the same value wins over them.
_GENERIC = {
    "有效": GRANTED, "有权": GRANTED, "授权有效": GRANTED,
    "审中": PENDING, "在审": PENDING, "待审": PENDING, "审查中": PENDING, "未决": PENDING,
    "失效": LAPSED, "无权": LAPSED, "无效专利": LAPSED,
    "active": GRANTED, "alive": GRANTED, "in force": GRANTED, "valid": GRANTED,
    "inactive": LAPSED, "dead": LAPSED,
}
_SPECIFIC = {
    PENDING: (
        "pending", "published", "filed", "under examination", "examination",
        "substantive examination", "公开", "公布", "受理", "申请中", "实质审查", "实审",
        "进入实审", "实质审查的生效", "实质审查请求的生效", "等年登印费", "复审", "驳回复审",
    ),
    GRANTED: (
        "granted", "grant", "授权", "专利权维持", "维持", "授权公告",
        "部分无效", "专利权部分无效", "权利恢复", "恢复", "专利权的恢复",
    ),
    LAPSED: (
        "lapsed", "ceased", "fee not paid", "未缴年费", "未缴年费专利权终止",
        "专利权终止", "专利权的终止", "终止", "放弃专利权", "避重放弃", "专利权的放弃",
    ),
    EXPIRED: (
        "expired", "期限届满", "届满", "届满终止", "期满终止", "专利权届满",
        "有效期届满", "专利权有效期届满",
    ),
    INVALIDATED: (
        "invalidated", "invalid", "revoked", "无效", "全部无效", "宣告无效", "无效宣告",
        "专利权全部无效", "宣告专利权全部无效",
    ),
    REJECTED: ("rejected", "refused", "驳回", "被驳回", "申请驳回", "发明专利申请公布后的驳回"),
    WITHDRAWN: (
        "withdrawn", "deemed withdrawn", "abandoned", "撤回", "视为撤回", "主动撤回",
        "撤回申请", "视撤", "放弃", "视为放弃", "视为放弃取得专利权",
        "发明专利申请公布后的视为撤回", "发明专利申请公布后的撤回",
    ),
}
_WORDS = {word: status for status, words in _SPECIFIC.items() for word in words}
_SPLIT = re.compile(r"\s*[-–—:：;；,，/、|()（）\[\]【】]+\s*")


def _status_of_part(part: str) -> tuple[str, bool] | None:
    """Return (status, is_specific) for one word, or None if the word is unknown."""
    key = " ".join(part.lower().replace("_", " ").split())
    if key in _WORDS:
        return _WORDS[key], True
    if key.replace(" ", "_") in _WORDS:
        return _WORDS[key.replace(" ", "_")], True
    if key in _GENERIC:
        return _GENERIC[key], False
    return None


def status_from_legal_text(text: str) -> str:
    """Return the platform status for a legal-status value of a CNIPA or English export.

    Accepts single words (``授权``, ``granted``) and combined values such as
    ``失效-未缴年费`` or ``有效;授权``: the last specific word decides; a summary word
    (有效, 失效, 审中, ...) is used only alone and must agree with the specific word
    (in force / not in force / pending). Unknown words raise ``ValidationError``.
    """
    cleaned = (text or "").strip()
    parts = [p for p in _SPLIT.split(cleaned) if p]
    if not parts:
        raise ValidationError(MSG_STATUS_UNKNOWN, {"text": cleaned})
    whole = _status_of_part(cleaned)
    if whole is not None:
        return whole[0]
    found = []
    for part in parts:
        status = _status_of_part(part)
        if status is None:
            raise ValidationError(MSG_STATUS_UNKNOWN, {"text": part})
        found.append(status)
    specific = [s for s, is_specific in found if is_specific]
    result = specific[-1] if specific else found[-1][0]
    for status, is_specific in found:
        if not is_specific and _family(status) != _family(result):
            raise ValidationError(MSG_STATUS_CONFLICT, {"text": cleaned})
    return result


def _family(status: str) -> str:
    if status == PENDING:
        return PENDING
    return "in_force" if status in IN_FORCE else "not_in_force"
