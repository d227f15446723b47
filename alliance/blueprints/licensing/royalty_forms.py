"""Forms of royalty reports and payments. Amounts are read from text as exact decimals
(never a float) and checked by alliance.services.royalties.as_amount: negative amounts and
fractions of a cent are refused with its message."""

import re
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import DateField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ...royalty_calc import MSG_UNITS_NEGATIVE, MSG_UNITS_NOT_WHOLE, Milestone
from ...services.royalties import as_amount
from ...validators import ValidationError as RuleError
from ..shared_forms import CleanForm

NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
NOT_A_NUMBER = _l("Write an amount in yuan with digits, such as 12500.00.")
MILESTONE_LINE = _l("Write each milestone on its own line as name: amount, such as "
                    "首次量产: 50000.00.")


def _number(text: str) -> Decimal | None:
    """``text`` as an exact Decimal (¥, spaces and thousands separators ignored); None when
    empty; ValueError when it is not a plain decimal number."""
    cleaned = re.sub(r"[\s,，¥￥]", "", text or "")
    if not cleaned:
        return None
    if not NUMBER.fullmatch(cleaned):
        raise ValueError(cleaned)
    return Decimal(cleaned)


def parse_amount(text: str) -> Decimal | None:
    """An amount of yuan from a form: None when empty; ValidationError (WTForms) with a
    translated message when not a number, negative, beyond the limit or finer than a
    cent."""
    try:
        value = _number(text)
    except ValueError:
        raise ValidationError(NOT_A_NUMBER) from None
    if value is None:
        return None
    try:
        return as_amount(value)
    except RuleError as error:
        raise ValidationError(_l(error.template, **error.params)) from None


class AmountField(StringField):
    """Yuan as text, checked to the cent; ``amount`` is the Decimal (None when empty)."""

    amount: Decimal | None = None

    def pre_validate(self, form) -> None:
        self.amount = parse_amount(self.data)


def parse_milestones(text: str) -> list[Milestone]:
    """Milestones from "name: amount" lines (a full-width colon works too)."""
    milestones = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        name, sep, amount = line.replace("：", ":").rpartition(":")
        if not sep or not name.strip() or not amount.strip():
            raise ValidationError(MILESTONE_LINE)
        value = parse_amount(amount)
        milestones.append(Milestone(name.strip(), value))
    return milestones


class ReportForm(CleanForm):
    """The licensee's royalty report for a period (dates inclusive)."""

    period_start = DateField(_l("Period from"), validators=[
        DataRequired(message=_l("Give the first day of the period."))])
    period_end = DateField(_l("Period to (inclusive)"), validators=[
        DataRequired(message=_l("Give the last day of the period."))])
    net_sales = AmountField(_l("Net sales (yuan)"), validators=[Length(max=30)],
                            description=_l("Leave empty when the royalty is not a "
                                           "percentage of sales."))
    units = StringField(_l("Units sold"), validators=[Optional(), Length(max=20)])
    milestones = TextAreaField(_l("Milestones reached in the period"),
                               validators=[Optional(), Length(max=2000)],
                               description=_l("One per line: name: amount in yuan."))
    file_report = SubmitField(_l("File the report"))

    def validate_period_end(self, field) -> None:
        if self.period_start.data and field.data and field.data < self.period_start.data:
            raise ValidationError(_l("The period ends before it starts."))

    def validate_units(self, field) -> None:
        text = (field.data or "").strip()
        if text and not re.fullmatch(r"[0-9]+", text):
            template = MSG_UNITS_NEGATIVE if re.fullmatch(r"-[0-9]+", text) \
                else MSG_UNITS_NOT_WHOLE
            raise ValidationError(_l(template, units=text))

    def validate_milestones(self, field) -> None:
        parse_milestones(field.data)

    @property
    def reached(self) -> list[Milestone]:
        return parse_milestones(self.milestones.data)

    @property
    def unit_count(self) -> int | None:
        text = (self.units.data or "").strip()
        return int(text) if text else None


class PaymentForm(CleanForm):
    """A payment the licensor received."""

    amount = AmountField(_l("Amount received (yuan)"), validators=[
        DataRequired(message=_l("Give the amount received.")), Length(max=30)])
    received_on = DateField(_l("Received on"), validators=[
        DataRequired(message=_l("Give the day the payment was received."))])
    reference = StringField(_l("Reference (bank slip, invoice)"),
                            validators=[Optional(), Length(max=100)])
    record_payment = SubmitField(_l("Record the payment"))
