"""The royalty due for a report period from a licence's terms, line by line (DOMAIN.md,
"Licences": lump sum, running royalty as a percentage of net sales or an amount per unit,
entry fee plus running royalty, milestones, minimum annual royalty). Pure functions.

Choices, shown to the user through the lines of the calculation:

* A running royalty of ``rate`` percent of net sales is rounded half up to the cent.
* The entry fee (or the lump sum) is due in the first report that finds it unpaid.
* A milestone reached in the period adds its agreed amount.
* The minimum annual royalty is pro-rated by day and trued up in every period, with no
  carry-over between periods: the period's minimum is Σ over the calendar years it touches of
  minimum × (days of the period in that year) / (days in that year), rounded half up to the
  cent, so a whole calendar year gives exactly the minimum (leap years included). When the
  period's running royalties (percentage and per unit) fall short of it, a top-up line adds
  the difference. Lump sums, entry fees and milestones do not count towards the minimum.

Which parts apply follows the licence's structure (``royalty_kind``); without one, every
amount the terms give applies. Amounts are ``Decimal`` yuan with two decimals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .services.royalties import as_amount, as_share
from .validators import N_, ValidationError

ZERO = Decimal("0.00")

MSG_PERIOD_BACKWARDS = N_("The period ends on %(end)s, before it starts on %(start)s.")
MSG_SALES_NEGATIVE = N_("Net sales cannot be negative (¥%(net_sales)s).")
MSG_SALES_NEEDED = N_("Give the net sales of the period: the royalty is a percentage of them.")
MSG_UNITS_NOT_WHOLE = N_("The number of units must be a whole number, not %(units)s.")
MSG_UNITS_NEGATIVE = N_("The number of units cannot be negative (%(units)s).")
MSG_UNITS_NEEDED = N_("Give the number of units sold in the period: the royalty is per unit.")

LINE_RUNNING = N_("Running royalty: %(rate)s%% of net sales of ¥%(net_sales)s = ¥%(amount)s "
                  "(rounded to the cent)")
LINE_PER_UNIT = N_("Royalty per unit: %(units)s units × ¥%(per_unit)s = ¥%(amount)s")
LINE_ENTRY_FEE = N_("Entry fee, not yet paid: ¥%(amount)s")
LINE_LUMP_SUM = N_("Lump sum, not yet paid: ¥%(amount)s")
LINE_MILESTONE = N_("Milestone reached, %(name)s: ¥%(amount)s")
LINE_MINIMUM_TOP_UP = N_(
    "Minimum annual royalty ¥%(minimum)s, pro rata for the %(days)s days of the period: "
    "¥%(pro_rata)s; the running royalties of ¥%(running)s fall short, top-up ¥%(amount)s")
LINE_MINIMUM_MET = N_(
    "Minimum annual royalty ¥%(minimum)s, pro rata for the %(days)s days of the period: "
    "¥%(pro_rata)s; the running royalties of ¥%(running)s meet it")

#: The parts of the calculation each royalty structure uses (None: whatever is given).
PARTS = {
    "lump_sum": {"lump_sum"},
    "running_percent": {"running", "minimum"},
    "running_per_unit": {"per_unit", "minimum"},
    "entry_plus_running": {"entry_fee", "running", "per_unit", "minimum"},
    "milestones": set(),
    None: {"lump_sum", "entry_fee", "running", "per_unit", "minimum"},
}


@dataclass(frozen=True)
class Milestone:
    """A milestone reached in the period and its agreed payment in yuan."""

    name: str
    amount: Decimal


@dataclass(frozen=True)
class Line:
    """One step of a calculation: ``template`` (marked for translation) filled with
    ``params`` (amounts as Decimal yuan) gives its text; ``amount`` is what it adds."""

    key: str
    template: str
    params: dict
    amount: Decimal

    def text(self) -> str:
        """The English text; the web layer translates ``template`` and applies ``params``."""
        return self.template % self.params


@dataclass(frozen=True)
class Calculation:
    """The royalty due for one period (dates inclusive): its lines and their total."""

    period_start: date
    period_end: date
    lines: tuple[Line, ...] = field(default_factory=tuple)

    @property
    def total(self) -> Decimal:
        """The amount due for the period, in yuan."""
        return sum((line.amount for line in self.lines), ZERO)


def _half_up(value: Fraction) -> Decimal:
    """A non-negative exact amount of yuan rounded half up to the cent."""
    cents = value * 100
    whole, rest = divmod(cents.numerator, cents.denominator)
    if 2 * rest >= cents.denominator:
        whole += 1
    return Decimal(whole).scaleb(-2)


def pro_rata_minimum(minimum: Decimal, start: date, end: date) -> tuple[Decimal, int]:
    """The minimum annual royalty for the days ``start``..``end`` (inclusive), pro-rated by
    day within each calendar year and rounded half up to the cent; and the number of days."""
    share = Fraction(0)
    for year in range(start.year, end.year + 1):
        first = max(start, date(year, 1, 1))
        last = min(end, date(year, 12, 31))
        share += Fraction((last - first).days + 1, (date(year, 12, 31) - date(year, 1, 1)).days
                          + 1)
    return _half_up(Fraction(minimum) * share), (end - start).days + 1


def _units(units) -> int:
    if isinstance(units, bool) or not isinstance(units, int | Decimal) \
            or (isinstance(units, Decimal) and
                (not units.is_finite() or units != units.to_integral_value())):
        raise ValidationError(MSG_UNITS_NOT_WHOLE, {"units": units})
    if units < 0:
        raise ValidationError(MSG_UNITS_NEGATIVE, {"units": units})
    return int(units)


def _kind(terms) -> str | None:
    kind = getattr(terms, "royalty_kind", None)
    return getattr(kind, "value", kind)


def royalty_due(terms, period_start: date, period_end: date, net_sales: Decimal | None,
                units: int | None, paid_entry_fee: bool,
                milestones_reached: Sequence[Milestone | tuple[str, Decimal]] = ()
                ) -> Calculation:
    """The royalty due for the period ``period_start``..``period_end`` (inclusive) under
    ``terms`` (a licence, or anything with its royalty columns: ``royalty_kind``,
    ``lump_sum``, ``entry_fee``, ``running_rate`` in percent, ``per_unit``,
    ``minimum_annual``), given the licensee's net sales (yuan) and units sold, whether the
    entry fee or lump sum was already paid, and the milestones reached in the period.

    Returns a :class:`Calculation` whose lines show each step (amounts in yuan). Raises
    ValidationError for a backwards period, negative or inexact sales, units that are not
    a whole number ≥ 0, or figures the terms need but the report lacks.
    """
    if period_end < period_start:
        raise ValidationError(MSG_PERIOD_BACKWARDS, {"start": period_start, "end": period_end})
    parts = {part for part in PARTS[_kind(terms)]
             if getattr(terms, "running_rate" if part == "running" else
                        "minimum_annual" if part == "minimum" else part, None) is not None}
    lines: list[Line] = []
    if net_sales is not None:
        if isinstance(net_sales, Decimal | int) and not isinstance(net_sales, bool) \
                and Decimal(net_sales).is_finite() and net_sales < 0:
            raise ValidationError(MSG_SALES_NEGATIVE, {"net_sales": net_sales})
        net_sales = as_amount(net_sales)
    if units is not None:
        units = _units(units)
    for key, template in (("lump_sum", LINE_LUMP_SUM), ("entry_fee", LINE_ENTRY_FEE)):
        if key in parts and not paid_entry_fee:
            amount = as_amount(getattr(terms, key))
            lines.append(Line(key, template, {"amount": amount}, amount))
    running = ZERO
    if "running" in parts:
        if net_sales is None:
            raise ValidationError(MSG_SALES_NEEDED)
        rate = as_share(terms.running_rate)
        amount = _half_up(Fraction(net_sales) * Fraction(rate) / 100)
        lines.append(Line("running", LINE_RUNNING,
                          {"rate": rate, "net_sales": net_sales, "amount": amount}, amount))
        running += amount
    if "per_unit" in parts:
        if units is None:
            raise ValidationError(MSG_UNITS_NEEDED)
        per_unit = as_amount(terms.per_unit)
        amount = per_unit * units
        lines.append(Line("per_unit", LINE_PER_UNIT,
                          {"units": units, "per_unit": per_unit, "amount": amount}, amount))
        running += amount
    if "minimum" in parts and parts & {"running", "per_unit"}:
        minimum = as_amount(terms.minimum_annual)
        pro_rata, days = pro_rata_minimum(minimum, period_start, period_end)
        top_up = max(ZERO, pro_rata - running)
        params = {"minimum": minimum, "days": days, "pro_rata": pro_rata,
                  "running": running, "amount": top_up}
        lines.append(Line("minimum", LINE_MINIMUM_TOP_UP if top_up else LINE_MINIMUM_MET,
                          params, top_up))
    for milestone in milestones_reached:
        name, amount = (milestone.name, milestone.amount) \
            if isinstance(milestone, Milestone) else milestone
        amount = as_amount(amount)
        lines.append(Line("milestone", LINE_MILESTONE, {"name": name, "amount": amount},
                          amount))
    return Calculation(period_start, period_end, tuple(lines))


def underpaid(calculation: Calculation, paid: Decimal | Iterable[Decimal]) -> Decimal:
    """How much of the calculation's total the payments received (one amount or several,
    yuan) leave unpaid: 0.00 when paid in full or more."""
    amounts = list(paid) if isinstance(paid, Iterable) and not isinstance(paid, str) \
        else [paid]
    received = sum((as_amount(amount) for amount in amounts), ZERO)
    return max(ZERO, calculation.total - received)
