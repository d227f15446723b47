from flask_babel import lazy_gettext as _l
from wtforms import DateField, DecimalField, HiddenField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from ...services.directory import all_alliances
from ..fields import email_field
from ..shared_forms import CleanForm, DecisionForm


class RegistrationDecisionForm(DecisionForm):
    """A platform admin's decision on a new organisation, bound to the name and USCC that
    were on the admin's screen (the applicant may edit them meanwhile)."""

    reviewed_name = HiddenField()
    reviewed_uscc = HiddenField()

    def matches(self, org) -> bool:
        return (self.reviewed_name.data or "") == org.name_zh \
            and (self.reviewed_uscc.data or "") == (org.uscc or "")


class AppointCoordinatorForm(CleanForm):
    email = email_field(
        _l("Email of the person to appoint"),
        description=_l("An account with this email is appointed at once. Without one, an "
                       "invitation to create it is sent to this address."))
    alliance = SelectField(
        _l("Alliance"), validators=[DataRequired()],
        choices=lambda: [(a.code, a.name) for a in all_alliances()],
    )
    submit = SubmitField(_l("Appoint or invite"))


def _alliance_choices():
    return [("", _l("All alliances"))] + [(a.code, a.name) for a in all_alliances()]


def _type_choices():
    from .labels import OBJECT_LABELS

    return [("", _l("Everything"))] + [(key, label) for key, label in OBJECT_LABELS.items()]


class AuditFilterForm(CleanForm):
    """The audit trail's filters, read from the query string (a GET form: no CSRF)."""

    class Meta:
        csrf = False

    who = StringField(_l("Who"), validators=[Optional(), Length(max=100)],
                      description=_l("Part of a name or email address."))
    since = DateField(_l("From"), validators=[Optional()],
                      render_kw={"placeholder": "2026-01-31"})
    until = DateField(_l("To"), validators=[Optional()],
                      render_kw={"placeholder": "2026-12-31"})
    alliance = SelectField(_l("Alliance"), choices=_alliance_choices,
                           validators=[Optional()])
    type = SelectField(_l("Object"), choices=_type_choices, validators=[Optional()])
    submit = SubmitField(_l("Filter"))

    def validate_until(self, field):
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end date comes before the start date."))


class PolicyRuleForm(CleanForm):
    """A row of the statutory-floor policy table (the rules live in services/policy.py)."""

    value = DecimalField(_l("Value"), places=None, validators=[Optional()],
                         description=_l("A percentage from 0 to 100, or yuan per patent for a "
                                        "grant bonus."))
    source = StringField(_l("Source"), validators=[DataRequired(), Length(max=200)])
    article = StringField(_l("Article"), validators=[DataRequired(), Length(max=40)])
    effective_from = DateField(_l("In effect from"), validators=[InputRequired()])
    effective_to = DateField(_l("In effect until"), validators=[Optional()],
                             description=_l("Blank: still in effect."))
    submit = SubmitField(_l("Save the rule"))

    def validate_effective_to(self, field):
        if field.data and self.effective_from.data and field.data < self.effective_from.data:
            raise ValidationError(_l("The rule cannot end before it takes effect."))


#: the dates that may decide which text of the Regulations applies
TEXT_BASES = {"filing_date": _l("filing date"), "grant_date": _l("grant date"),
              "payment_date": _l("payment date")}


class TextRuleForm(CleanForm):
    """Which text of the Implementing Regulations applies to a patent."""

    basis = SelectField(_l("Decided by the patent's"), choices=lambda: list(TEXT_BASES.items()),
                        validators=[DataRequired()])
    switch = DateField(_l("2023 text from"), validators=[DataRequired()],
                       description=_l("On or after this date the 2023 text applies, before "
                                      "it the 2010 text."))
    submit = SubmitField(_l("Save the text rule"))
