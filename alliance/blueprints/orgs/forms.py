from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ...models import Role
from ..auth.forms import sector_choices
from ..fields import USCC, email_field, website_field
from ..shared_forms import CleanForm


class OrganisationForm(CleanForm):
    name_zh = StringField(_l("Organisation name (Chinese)"),
                          validators=[DataRequired(), Length(max=200)])
    name_en = StringField(_l("Organisation name (English)"),
                          validators=[Optional(), Length(max=300)])
    uscc = StringField(_l("Unified Social Credit Code"), validators=[Optional(), USCC()])
    sector = SelectField(_l("Sector"), choices=sector_choices, validators=[DataRequired()])
    region = StringField(_l("Region"), validators=[Optional(), Length(max=100)])
    website = website_field()
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Save"))


class InvitationForm(CleanForm):
    email = email_field(_l("Email (optional)"), required=False,
                        description=_l("If given, only this address can use the link."))
    role = SelectField(
        _l("Role"),
        choices=lambda: [(Role.MEMBER.value, Role.MEMBER.label),
                         (Role.ORG_ADMIN.value, Role.ORG_ADMIN.label)],
        default=Role.MEMBER.value, validators=[DataRequired()],
    )
    submit = SubmitField(_l("Create invitation link"))
