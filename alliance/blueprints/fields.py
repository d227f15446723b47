"""Form pieces shared by several blueprints."""

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

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
