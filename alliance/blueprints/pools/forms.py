"""Forms of patent pools. The rules (members, ownership, markets, amounts, periods) live in
alliance/services/pools.py and pool_runs.py."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, DecimalField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..licensing.forms import CheckboxesField
from ..shared_forms import CleanForm


class PoolForm(CleanForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)])
    markets = TextAreaField(_l("Products or countries licensed"),
                            validators=[DataRequired(), Length(max=3200)],
                            description=_l("One a line, e.g. 动力电池 or 越南."),
                            render_kw={"rows": 4})
    submit = SubmitField(_l("Create the pool"))


class DeclarationForm(CleanForm):
    patent = SelectField(_l("Patent"), coerce=int, validate_choice=False,
                         validators=[InputRequired(message=_l("Choose a patent."))])
    markets = CheckboxesField(_l("Essential to"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Declare essential"))


class IncomeForm(CleanForm):
    market = SelectField(_l("Product or country"), coerce=int, validate_choice=False,
                         validators=[InputRequired(message=_l("Choose a market."))])
    period = StringField(_l("Period"), validators=[DataRequired(), Length(max=20)],
                         description=_l("A year (2026), a half (2026-H1), a quarter "
                                        "(2026-Q1) or a month (2026-03)."))
    amount = DecimalField(_l("Amount (yuan)"), places=None,
                          validators=[InputRequired(message=_l("Give the amount."))])
    received_on = DateField(_l("Received on"), validators=[InputRequired(
        message=_l("Give the date the income was received."))])
    reference = StringField(_l("Reference"), validators=[Optional(), Length(max=100)],
                            description=_l("A bank slip or invoice number."))
    submit = SubmitField(_l("Record the income"))
