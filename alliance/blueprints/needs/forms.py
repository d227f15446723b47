"""Forms of technology needs and their answers. Rules beyond a field's shape live in
alliance/services/needs.py."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ...models.needs import NeedVisibility
from ..licensing.forms import CheckboxesField, money_field
from ..shared_forms import CleanForm


class NeedForm(CleanForm):
    title = StringField(_l("What technology do you need?"),
                        validators=[DataRequired(), Length(max=300)])
    description = TextAreaField(_l("Description of the need"),
                                validators=[Optional(), Length(max=5000)],
                                description=_l("The problem, the product it is for, what a "
                                               "solution must achieve."))
    ipc = StringField(_l("IPC symbols"), validators=[Optional(), Length(max=500)],
                      description=_l("Full symbols separated by ;, e.g. H01M 4/13; H01M 10/0525."))
    keywords = StringField(_l("Keywords"), validators=[Optional(), Length(max=500)],
                           description=_l("Separated by spaces, e.g. 锂电池 正极材料."))
    budget_min = money_field(_l("Budget from (yuan)"))
    budget_max = money_field(_l("Budget up to (yuan)"))
    deadline = DateField(_l("Answers until (last day)"), validators=[DataRequired()])
    visibility = RadioField(_l("Who sees the need"), choices=NeedVisibility.choices,
                            default=NeedVisibility.PUBLIC.value, validators=[DataRequired()])
    alliances = CheckboxesField(_l("Alliances"), coerce=int, validators=[Optional()],
                                description=_l("For a need shown to alliances only: those of "
                                               "your organisation's alliances that see it."))
    submit = SubmitField(_l("Save"))


class AnswerForm(CleanForm):
    listing = SelectField(_l("Offer one of your listings"), coerce=int,
                          validators=[Optional()])
    message = TextAreaField(_l("Message"), validators=[Optional(), Length(max=5000)],
                            description=_l("How you can help; required without a listing."))
    submit = SubmitField(_l("Send the answer"))


class SolveForm(CleanForm):
    answer = SelectField(_l("Solved by"), coerce=int, validators=[Optional()])
    submit = SubmitField(_l("Mark solved"))
