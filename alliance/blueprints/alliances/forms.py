from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ...models import MembershipRole
from ..shared_forms import CleanForm


class JoinRequestForm(CleanForm):
    role = SelectField(
        _l("Role in the alliance"),
        choices=lambda: [(r.value, r.label) for r in MembershipRole],
        default=MembershipRole.MEMBER.value, validators=[DataRequired()],
    )
    message = TextAreaField(_l("Message to the coordinator"),
                            validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Ask to join"))
