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


def _number_field(label):
    """A non-negative decimal (percent or yuan; the services check precision and sums)."""
    return DecimalField(label, places=None, validators=[Optional(), NumberRange(min=0)])


def _number(value) -> str:
    return format(Decimal(value).normalize(), "f")


def _plain(value) -> Decimal | None:
    """A percentage as stored (60.0000000000) without its trailing zeros (60)."""
    return None if value is None else Decimal(_number(value))


def parse_inventors(text: str) -> tuple[Contributor, ...]:
    """Inventors from "name:share" lines (share in percent; a full-width colon works too),
    optionally "name:share:email" naming which account an ambiguous name is. Raises
    ValueError on a line without a name or a numeric share."""
    inventors = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        rest, sep, email = line.replace("：", ":").rpartition(":")
        if not sep or "@" not in email:
            rest, email = line.replace("：", ":"), ""
        name, sep, share = rest.rpartition(":")
        try:
            value = Decimal(share.strip())
        except InvalidOperation:
            raise ValueError(line) from None
        if not sep or not name.strip() or not value.is_finite():
            raise ValueError(line)
        inventors.append(Contributor(name.strip(), value, email=email.strip() or None))
    return tuple(inventors)


class PartyForm(CleanForm):
    """One party: organisation, share (percent), the costs agreed before its internal split
    (patent fees in yuan, a transfer-office percentage), its internal split (percentages;
    a blank institution part takes the rest) and its inventors by contribution."""

    class Meta:
        csrf = False

    organization = SelectField(_l("Organisation"), coerce=int, validators=[Optional()])
    share = _number_field(_l("Share (%)"))
    patent_fees = _number_field(_l("Patent fees (¥)"))
    office_percent = _number_field(_l("Transfer office's fee (%)"))
    inventors_part = _number_field(_l("Inventors (%)"))
    school_part = _number_field(_l("School or department (%)"))
    office_part = _number_field(_l("Transfer office (%)"))
    institution_part = _number_field(_l("Institution (%)"))
    inventors = TextAreaField(_l("Inventors (one \"name:share\" a line)"),
                              validators=[Optional(), Length(max=2000)])

    SPLIT = ("inventors_part", "school_part", "office_part", "institution_part")
    #: the service's message on the internal split as a whole
    split_errors: list = []

    def validate_inventors(self, field) -> None:
        try:
            parse_inventors(field.data)
        except ValueError as error:
            raise ValidationError(_l("Write each inventor as \"name:share\": %(line)s",
                                     line=str(error))) from None

    def split(self) -> InternalSplit | None:
        """The internal split, None when no part is given; blank parts are 0 but a blank
        institution part takes what the others leave (when they leave anything)."""
        parts = [getattr(self, name).data for name in self.SPLIT]
        if all(part is None for part in parts):
            return None
        given = [part if part is not None else Decimal(0) for part in parts[:3]]
        institution = parts[3]
        if institution is None:
            institution = max(Decimal(100) - sum(given, Decimal(0)), Decimal(0))
        return InternalSplit(*given, institution)

    def terms(self) -> PartyTerms | None:
        """The row as PartyTerms, None for a blank row."""
        if not self.organization.data:
            return None
        return PartyTerms(self.organization.data, self.share.data
                          if self.share.data is not None else Decimal(0),
                          patent_fees=self.patent_fees.data,
                          office_percent=self.office_percent.data,
                          split=self.split(), inventors=parse_inventors(self.inventors.data))

    def fill(self, party: PartyTerms) -> None:
        """Show ``party`` in the row."""
        self.organization.data, self.share.data = party.organization_id, _plain(party.share)
        self.patent_fees.data = party.patent_fees
        self.office_percent.data = _plain(party.office_percent)
        values = party.split.values() if party.split else (None,) * 4
        for name, value in zip(self.SPLIT, values, strict=True):
            getattr(self, name).data = _plain(value)
        self.inventors.data = "\n".join(f"{i.name}:{_number(i.share)}"
                                        for i in party.inventors)


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AgreementForm(CleanForm):
    """A draft agreement over some of the organisation's patents."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    patents = CheckboxesField(_l("Patents"), coerce=int, validators=[Optional()])
    licences = CheckboxesField(_l("Licences my organisation grants"), coerce=int,
                               validators=[Optional()])
    parties = FieldList(FormField(PartyForm), min_entries=PARTY_ROWS, max_entries=PARTY_ROWS)
    defaults = SubmitField(_l("Fill in shares from co-ownership"))
    submit = SubmitField(_l("Save draft"))

    def set_org_choices(self, choices) -> None:
        """The organisations a row may name: [(id, name)]."""
        for entry in self.parties:
            entry.organization.choices = [(0, "—"), *choices]

    def fill(self, parties) -> None:
        """Show ``parties`` (PartyTerms, in order) in the rows."""
        for entry, party in zip(self.parties, parties, strict=False):
            entry.form.fill(party)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not self.patents.data and not self.licences.data:
            self.patents.errors = [*self.patents.errors,
                                   _l("Choose at least one patent or licence.")]
            return False
        return ok

    def party_terms(self) -> list[PartyTerms]:
        """The filled rows, in order."""
        return [t for t in (entry.form.terms() for entry in self.parties) if t is not None]

    def place_error(self, error) -> bool:
        """Put a service error next to its field: a party's own term at that party's row
        (``error.party`` counts filled rows), the parties' shares above the rows. False when
        the error has no field on this form."""
        index = getattr(error, "party", None)
        message = str(error.message)
        if index is not None:
            rows = [entry.form for entry in self.parties if entry.form.organization.data]
            if index < len(rows):
                row = rows[index]
                if error.field == "internal_split":
                    row.split_errors = [message]
                    return True
                field = getattr(row, error.field or "", None)
                if field is not None:
                    field.errors = [*field.errors, message]
                    return True
        if error.field in ("parties", "internal_split", "inventors", "patent_fees",
                           "office_percent"):
            self.parties.errors = [message]
            return True
        field = getattr(self, error.field or "", None)
        if field is not None and error.field not in ("submit", "defaults"):
            field.errors = [*field.errors, message]
            return True
        return False


class SendForm(CleanForm):
    """Send a draft for signature, acknowledging a shortfall below a floor when there is one."""

    acknowledge = BooleanField(_l("We acknowledge that the inventors' part is below a "
                                  "statutory floor"))
    submit = SubmitField(_l("Send for signature"))


class ActionForm(CleanForm):
    """A one-button post (sign, amend)."""

    submit = SubmitField(_l("Confirm"))
