"""Forms of listings, licence requests, open licences and licences. Rules beyond the shape
of a field live in the services (alliance/services/listings.py, licence_requests.py, ...)."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ...models.listings import LicenceKind, RoyaltyKind, Visibility
from ...services.royalty_terms import Royalty
from ..shared_forms import CleanForm

MONEY_MAX = 10 ** 11


def money_field(label, description=None):
    return DecimalField(label, places=2, description=description,
                        validators=[Optional(), NumberRange(min=0, max=MONEY_MAX)])


def royalty_choices(blank):
    def choices():
        head = [("", blank)] if blank else []
        return head + RoyaltyKind.choices()
    return choices


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RoyaltyFields(CleanForm):
    """The royalty structure and its amounts (yuan; the rate in percent of net sales)."""

    royalty_kind = SelectField(_l("Royalty structure"),
                               choices=royalty_choices(_l("On request / to negotiate")),
                               validators=[Optional()])
    lump_sum = money_field(_l("Lump sum (yuan)"))
    entry_fee = money_field(_l("Entry fee (yuan)"))
    running_rate = DecimalField(_l("Running royalty (percentage of net sales)"), places=4,
                                validators=[Optional(), NumberRange(min=0, max=100)])
    per_unit = money_field(_l("Royalty per unit (yuan)"))
    minimum_annual = money_field(_l("Minimum annual royalty (yuan)"))
    milestones = TextAreaField(_l("Milestones and their payments"),
                               validators=[Optional(), Length(max=2000)])

    def royalty(self) -> Royalty:
        return Royalty(
            kind=RoyaltyKind(self.royalty_kind.data) if self.royalty_kind.data else None,
            lump_sum=self.lump_sum.data, entry_fee=self.entry_fee.data,
            running_rate=self.running_rate.data, per_unit=self.per_unit.data,
            minimum_annual=self.minimum_annual.data, milestones=self.milestones.data or "")


class ListingForm(RoyaltyFields):
    patents = CheckboxesField(_l("Patents"), coerce=int, validators=[DataRequired()],
                              description=_l("One patent, or several as a portfolio."))
    title = StringField(_l("Title of the offer"), validators=[DataRequired(), Length(max=300)])
    description = TextAreaField(_l("What the patents do and what is offered"),
                                validators=[Optional(), Length(max=5000)])
    kinds = CheckboxesField(_l("Licence kinds offered"), choices=LicenceKind.choices,
                            validators=[DataRequired()])
    sublicensing_allowed = BooleanField(_l("Sublicensing allowed"))
    fields_of_use = StringField(
        _l("Fields of use"), validators=[Optional(), Length(max=1000)],
        description=_l("Separated by ;. Leave empty for every field."))
    territory = StringField(
        _l("Territory"), validators=[Optional(), Length(max=1000)],
        description=_l("Regions separated by ;, e.g. 吉林省;辽宁省. Leave empty for all of "
                       "China."))
    term_months = IntegerField(_l("Term (months)"),
                               validators=[Optional(), NumberRange(min=1, max=600)])
    price_shown = BooleanField(_l("Show the price"), default=True)
    visibility = SelectField(_l("Who sees the listing"), choices=Visibility.choices,
                             default=Visibility.PUBLIC.value)
    contact = StringField(_l("Contact"), validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("List"))


class ProposalForm(RoyaltyFields):
    """A request, a counter-offer or a revision: the terms and a message."""

    royalty_kind = SelectField(_l("Royalty structure"), choices=royalty_choices(None),
                               validators=[DataRequired()])
    kind = SelectField(_l("Licence kind"), choices=LicenceKind.choices,
                       validators=[DataRequired()])
    sublicensing = BooleanField(_l("With the right to sublicense"))
    field_of_use = StringField(_l("Field of use"), validators=[Optional(), Length(max=1000)],
                               description=_l("Separated by ;. Empty means every field."))
    territory = StringField(_l("Territory"), validators=[Optional(), Length(max=1000)],
                            description=_l("Regions separated by ;. Empty means all of "
                                           "China."))
    start_date = DateField(_l("From"), validators=[DataRequired()])
    end_date = DateField(_l("Until"), validators=[DataRequired()])
    intended_use = TextAreaField(_l("Intended use"), validators=[Optional(), Length(max=3000)])
    message = TextAreaField(_l("Message"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Send"))


class MessageForm(CleanForm):
    message = TextAreaField(_l("Message"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Send"))


class OpenLicenceForm(RoyaltyFields):
    royalty_kind = SelectField(_l("Royalty structure"), choices=royalty_choices(None),
                               validators=[DataRequired()])
    fee_method = StringField(_l("Fee method"), validators=[DataRequired(), Length(max=500)],
                             description=_l("How the fee is paid, as it will be published."))
    fee_standard = TextAreaField(_l("Fee standard"),
                                 validators=[DataRequired(), Length(max=2000)],
                                 description=_l("The amounts or rates, as published."))
    term_start = DateField(_l("Licence term from"), validators=[DataRequired()])
    term_end = DateField(_l("Licence term until"), validators=[DataRequired()])
    submit = SubmitField(_l("Declare the open licence"))


class RegistrationForm(CleanForm):
    number = StringField(_l("Registration number"), validators=[DataRequired(),
                                                                 Length(max=60)])
    registered_on = DateField(_l("Registered on"), validators=[DataRequired()])
    submit = SubmitField(_l("Record the registration"))
