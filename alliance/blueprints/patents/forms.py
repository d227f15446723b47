"""Forms of the patent pages. The rules of a patent record are not repeated here: the view
hands the fields to alliance.patent_io.records.parse_patent, as the bulk import does."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ...models import PatentKind, PatentStatus
from ..shared_forms import CleanForm

RECORD_FIELDS = ("application_number", "title", "abstract", "kind", "status", "filing_date",
                 "publication_date", "grant_date", "ipc", "owners", "inventors")


def kind_choices():
    return [("", _l("From the application number")), *PatentKind.choices()]


def status_choices():
    return [("", _l("Pending, or granted when a grant date is given")),
            *PatentStatus.choices()]


class PatentForm(CleanForm):
    application_number = StringField(
        _l("Application number"), validators=[DataRequired(), Length(max=30)],
        description=_l("For example 201710601862.3; a CN or ZL prefix and spaces are fine."))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    abstract = TextAreaField(_l("Abstract"), validators=[Optional(), Length(max=10000)])
    kind = SelectField(_l("Kind"), choices=kind_choices, validators=[Optional()])
    status = SelectField(_l("Status"), choices=status_choices, validators=[Optional()])
    legal_status = StringField(
        _l("Legal status as CNIPA shows it"), validators=[Optional(), Length(max=60)],
        description=_l("Optional, e.g. 实质审查 or 有效; it sets the status when that is left "
                       "blank."))
    filing_date = DateField(_l("Filing date"), validators=[DataRequired()])
    publication_date = DateField(_l("Publication date"), validators=[Optional()])
    grant_date = DateField(_l("Grant date"), validators=[Optional()])
    ipc = StringField(_l("IPC symbols"), validators=[Optional(), Length(max=1000)],
                      description=_l("Separated by ;, the main symbol first, e.g. "
                                     "H01M 10/0525; H01M 4/13. A design has none."))
    owners = TextAreaField(
        _l("Owners"), validators=[DataRequired(), Length(max=3000)],
        description=_l("One per line, with the share in percent after a colon when they "
                       "are not equal, e.g. 吉林大学:60. Your organisation must be one."))
    inventors = StringField(_l("Inventors"), validators=[Optional(), Length(max=2000)],
                            description=_l("Names separated by ;"))
    term_extension_days = IntegerField(
        _l("Recorded term extension (days)"), default=0,
        validators=[Optional(), NumberRange(min=0, max=5 * 366)],
        description=_l("Patent term compensation recorded for an invention; usually 0."))
    fees_paid_until = DateField(_l("Annual fees paid until"), validators=[Optional()])
    pledgee = StringField(_l("Pledged to"), validators=[Optional(), Length(max=200)])
    pledgee_consents = BooleanField(_l("The pledgee consents to licensing"))
    evaluation_report = StringField(
        _l("Patent evaluation report number"), validators=[Optional(), Length(max=100)],
        description=_l("Needed for an open licence on a utility model or design."))
    submit = SubmitField(_l("Save"))

    def raw_record(self) -> dict:
        """The record fields as the shared parser takes them."""
        raw = {name: getattr(self, name).data for name in RECORD_FIELDS}
        raw["owners"] = ";".join(line for line in (raw["owners"] or "").splitlines() if line)
        if not raw["status"] and self.legal_status.data:
            raw["status"] = self.legal_status.data
        return raw


class TagsForm(CleanForm):
    alliances = SelectMultipleField(_l("Alliances this patent serves"), coerce=int,
                                    validators=[Optional()])
    submit = SubmitField(_l("Confirm"))


class ImportForm(CleanForm):
    file = FileField(_l("CSV or Excel file"), validators=[
        FileRequired(), FileAllowed(["csv", "xlsx"], _l("Choose a .csv or .xlsx file."))])
    submit = SubmitField(_l("Check the file"))
