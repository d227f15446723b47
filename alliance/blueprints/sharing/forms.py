"""Forms of benefit-sharing agreements. The rules of the terms (shares summing to 100,
internal splits, floors) live in alliance/services/agreement_terms.py and agreements.py."""

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DecimalField,
    FieldList,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ...services.agreement_terms import Contributor, InternalSplit, PartyTerms
from ..shared_forms import CleanForm

#: party rows shown on the form (unused rows stay blank)
PARTY_ROWS = 4


def _percent_field(label):
    return DecimalField(label, places=None, validators=[Optional(), NumberRange(min=0)])


def parse_inventors(text: str) -> tuple[Contributor, ...]:
    """Inventors from "name:share" lines (share in percent; a full-width colon works too).
    Raises ValueError on a line without a name or a numeric share."""
    inventors = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        name, sep, share = line.replace("：", ":").rpartition(":")
        try:
            value = Decimal(share.strip())
        except InvalidOperation:
            raise ValueError(line) from None
        if not sep or not name.strip() or not value.is_finite():
            raise ValueError(line)
        inventors.append(Contributor(name.strip(), value))
    return tuple(inventors)


class PartyForm(CleanForm):
    """One party: organisation, share (percent), inventors' part of its internal split
    (percent; the rest goes to the institution) and its inventors."""

    class Meta:
        csrf = False

    organization = SelectField(_l("Organisation"), coerce=int, validators=[Optional()])
    share = _percent_field(_l("Share (%)"))
    inventors_part = _percent_field(_l("Inventors' part of the internal split (%)"))
    inventors = TextAreaField(_l("Inventors (one \"name:share\" a line)"),
                              validators=[Optional(), Length(max=2000)])

    def validate_inventors(self, field) -> None:
        try:
            parse_inventors(field.data)
        except ValueError as error:
            raise ValidationError(_l("Write each inventor as \"name:share\": %(line)s",
                                     line=str(error))) from None

    def terms(self) -> PartyTerms | None:
        """The row as PartyTerms, None for a blank row."""
        if not self.organization.data:
            return None
        inventors = parse_inventors(self.inventors.data)
        part = self.inventors_part.data
        split = None
        if part is not None:
            split = InternalSplit(part, Decimal(0), Decimal(0), Decimal(100) - part)
        return PartyTerms(self.organization.data, self.share.data
                          if self.share.data is not None else Decimal(0),
                          split=split, inventors=inventors)


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AgreementForm(CleanForm):
    """A draft agreement over some of the organisation's patents."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    patents = CheckboxesField(_l("Patents"), coerce=int,
                              validators=[DataRequired(_l("Choose at least one patent."))])
    parties = FieldList(FormField(PartyForm), min_entries=PARTY_ROWS, max_entries=PARTY_ROWS)
    defaults = SubmitField(_l("Fill in shares from co-ownership"))
    submit = SubmitField(_l("Save draft"))

    def set_org_choices(self, choices) -> None:
        """The organisations a row may name: [(id, name)]."""
        for entry in self.parties:
            entry.organization.choices = [(0, "—"), *choices]

    def fill(self, parties) -> None:
        """Show ``parties`` (PartyTerms, in order) in the rows; a split shows its inventors'
        part only (saving puts the rest to the institution)."""
        for entry, party in zip(self.parties, parties, strict=False):
            row = entry.form
            row.organization.data, row.share.data = party.organization_id, party.share
            row.inventors_part.data = party.split.inventors if party.split else None
            row.inventors.data = "\n".join(
                f"{i.name}:{format(Decimal(i.share).normalize(), 'f')}"
                for i in party.inventors)

    def party_terms(self) -> list[PartyTerms]:
        """The filled rows, in order."""
        return [t for t in (entry.form.terms() for entry in self.parties) if t is not None]


class SendForm(CleanForm):
    """Send a draft for signature, acknowledging a shortfall below a floor when there is one."""

    acknowledge = BooleanField(_l("We acknowledge that the inventors' part is below a "
                                  "statutory floor"))
    submit = SubmitField(_l("Send for signature"))


class ActionForm(CleanForm):
    """A one-button post (sign, amend)."""

    submit = SubmitField(_l("Confirm"))
