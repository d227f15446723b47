"""Form classes used by several blueprints: the base of every form (``CleanForm``),
decisions, and the small forms behind one-button posts (a role, an on/off switch)."""

from functools import partial

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from ..models import Role
from ..text import clean_text


class CleanForm(FlaskForm):
    """The base of every form of the app: each text field (not a password) is cleaned by
    ``alliance.text.clean_text`` before its own filters and validators run, so lengths,
    uniqueness and "required" are checked on what will be stored."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field_class = unbound_field.field_class
            if issubclass(field_class, StringField) and \
                    not issubclass(field_class, PasswordField):
                cleaner = partial(clean_text, multiline=issubclass(field_class, TextAreaField))
                options["filters"] = (cleaner, *unbound_field.kwargs.get("filters", ()))
            return unbound_field.bind(form=form, **options)


class DecisionForm(CleanForm):
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


class RoleForm(CleanForm):
    """The role an organisation admin gives a colleague."""

    role = RadioField(
        _l("Role"),
        choices=lambda: Role.choices([Role.MEMBER, Role.ORG_ADMIN]),
        validators=[InputRequired(message=_l("Choose a role for the person."))],
    )

    @property
    def chosen(self) -> Role:
        return Role(self.role.data)


class ActiveForm(CleanForm):
    """Deactivate (0) or reactivate (1) an account."""

    active = RadioField(
        _l("Access"), choices=lambda: [("1", _l("Reactivate")), ("0", _l("Deactivate"))],
        validators=[InputRequired(message=_l("Choose to deactivate or reactivate."))],
    )

    @property
    def chosen(self) -> bool:
        return self.active.data == "1"


class ConfirmForm(CleanForm):
    """The second step of a destructive action: posted only from its confirmation page."""

    confirm = HiddenField(validators=[AnyOf(["yes"], message=_l(
        "Confirm this on its confirmation page first."))])
