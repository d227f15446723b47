from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, SubmitField
from wtforms.validators import DataRequired

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
