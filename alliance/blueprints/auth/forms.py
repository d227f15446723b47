from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from ...models import Sector
from ...services.accounts import email_taken
from ...services.organisations import org_name_taken, uscc_taken
from ..fields import USCC, email_field, new_password_field, website_field
from ..shared_forms import CleanForm


class LoginForm(CleanForm):
    email = email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Log in"))


class PersonFields(CleanForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=100)])
    email = email_field()
    password = new_password_field(_l("Password"))
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )

    def validate_email(self, field):
        if email_taken(field.data):
            raise ValidationError(_l("An account with this email already exists."))


def sector_choices():
    return [(s.value, s.label) for s in Sector]


class RegisterForm(PersonFields):
    org_name_zh = StringField(_l("Organisation name (Chinese)"),
                              validators=[DataRequired(), Length(max=200)])
    org_name_en = StringField(_l("Organisation name (English)"),
                              validators=[Optional(), Length(max=300)])
    uscc = StringField(
        _l("Unified Social Credit Code"), validators=[DataRequired(), USCC()],
        description=_l("18 characters, as on the business licence or registration certificate."),
    )
    sector = SelectField(_l("Sector"), choices=lambda: [("", _l("— choose —"))] + sector_choices(),
                         validators=[DataRequired(message=_l("Choose a sector."))])
    region = StringField(_l("Region"), validators=[Optional(), Length(max=100)])
    website = website_field()
    submit = SubmitField(_l("Register"))

    def validate_uscc(self, field):
        if field.data and uscc_taken(field.data):
            raise ValidationError(_l("An organisation with this USCC is already registered."))

    def validate_org_name_zh(self, field):
        if org_name_taken(field.data):
            raise ValidationError(_l("An organisation with this name is already registered."))


class AcceptInvitationForm(PersonFields):
    submit = SubmitField(_l("Create account"))


class ChangePasswordForm(CleanForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = new_password_field(_l("New password"))
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )
    submit = SubmitField(_l("Change password"))


class ForgotPasswordForm(CleanForm):
    email = email_field(description=_l("The email address of your account."))
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(CleanForm):
    password = new_password_field(_l("New password"))
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )
    submit = SubmitField(_l("Set new password"))
