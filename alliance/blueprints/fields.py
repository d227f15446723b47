"""Form pieces shared by several blueprints."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, SubmitField, TextAreaField
from wtforms.validators import URL, DataRequired, Email, Length, Optional, ValidationError

from ..validators import ValidationError as RuleError
from ..validators import normalize_uscc


def translated_rule_error(error: RuleError):
    """A validators.ValidationError rendered in the current language."""
    from flask_babel import gettext

    return gettext(error.template, **error.params)


class USCC:
    """WTForms validator: a valid Unified Social Credit Code (GB 32100-2015)."""

    def __call__(self, form, field):
        if not field.data:
            return
        try:
            field.data = normalize_uscc(field.data)
        except RuleError as error:
            raise ValidationError(translated_rule_error(error)) from error
        except ValueError as error:
            raise ValidationError(_l("This is not a valid USCC.")) from error


PASSWORD_MIN = 10


def _with_scheme(value):
    """People type www.example.cn; store https://www.example.cn."""
    if value and isinstance(value, str):
        value = value.strip()
        if value and "://" not in value:
            value = "https://" + value
    return value


def website_field():
    return StringField(
        _l("Website"), filters=[_with_scheme],
        validators=[Optional(), Length(max=300),
                    URL(message=_l("Enter a web address such as https://www.example.cn."))],
    )


def email_field(label=None, **kwargs):
    return EmailField(label or _l("Email"), validators=[
        DataRequired(), Email(message=_l("Enter a valid email address.")), Length(max=254),
    ], **kwargs)


def new_password_field(label):
    return PasswordField(
        label,
        validators=[DataRequired(), Length(min=PASSWORD_MIN, max=200, message=_l(
            "Use at least %(min)d characters (at most %(max)d).", min=PASSWORD_MIN, max=200))],
        description=_l("At least %(n)d characters.", n=PASSWORD_MIN),
    )


class DecisionForm(FlaskForm):
    """Approve, or reject with a reason: the base of every decision form."""

    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=2000)],
                           description=_l("Required when rejecting; shown to the applicant."))
    approve = SubmitField(_l("Approve"))
    reject = SubmitField(_l("Reject"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if bool(self.approve.data) == bool(self.reject.data):
            self.form_errors.append(_l("Choose approve or reject."))
            return False
        if self.reject.data and not (self.reason.data or "").strip():
            self.reason.errors.append(_l("Give a reason for the rejection."))
            return False
        return valid

    @property
    def approved(self) -> bool:
        return bool(self.approve.data)
