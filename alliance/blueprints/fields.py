"""Form fields and field validators shared by several blueprints (the shared form classes
are in ``shared_forms``)."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import URL, DataRequired, Email, Length, Optional, ValidationError

from ..services.accounts import LOOKALIKE_EMAIL, PASSWORD_MAX, PASSWORD_MIN
from ..text import compact, is_lookalike_email
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
            field.data = normalize_uscc(compact(field.data))  # "9144 0300 ..." is fine
        except RuleError as error:
            raise ValidationError(translated_rule_error(error)) from error
        except ValueError as error:
            raise ValidationError(_l("This is not a valid USCC.")) from error




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


class NoLookalike:
    """WTForms validator: refuse an email address that imitates another with letters of
    another script (see ``alliance.text.is_lookalike_email``)."""

    def __call__(self, form, field):
        if field.data and is_lookalike_email(field.data):
            raise ValidationError(LOOKALIKE_EMAIL)


def email_field(label=None, required: bool = True, **kwargs):
    return EmailField(label or _l("Email"), validators=[
        DataRequired() if required else Optional(),
        Email(message=_l("Enter a valid email address.")), Length(max=254), NoLookalike(),
    ], **kwargs)


def new_password_field(label):
    return PasswordField(
        label,
        validators=[DataRequired(), Length(min=PASSWORD_MIN, max=PASSWORD_MAX, message=_l(
            "Use at least %(min)d characters (at most %(max)d).", min=PASSWORD_MIN,
            max=PASSWORD_MAX))],
        description=_l("At least %(n)d characters.", n=PASSWORD_MIN),
    )
