from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from ...models import User
from ...services.directory import all_alliances


class RegistrationDecisionForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=2000)],
                           description=_l("Required when rejecting; shown to the applicant."))
    approve = SubmitField(_l("Approve"))
    reject = SubmitField(_l("Reject"))


class AppointCoordinatorForm(FlaskForm):
    email = EmailField(_l("Email of the person"), validators=[DataRequired(), Email()])
    alliance = SelectField(
        _l("Alliance"), validators=[DataRequired()],
        choices=lambda: [(a.code, a.name) for a in all_alliances()],
    )
    submit = SubmitField(_l("Appoint coordinator"))

    def validate_email(self, field):
        self.user = User.find_by_email(field.data)
        if self.user is None:
            raise ValidationError(_l("No account has this email. The person must register or "
                                     "be invited first."))
