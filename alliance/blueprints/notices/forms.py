"""The form of a notice."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from ...models.notices import NoticeKind
from ..shared_forms import CleanForm


class NoticeForm(CleanForm):
    alliance = SelectField(_l("Alliance"), coerce=int, validators=[DataRequired()])
    kind = SelectField(_l("Kind"), choices=NoticeKind.choices, validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    body = TextAreaField(_l("Text"), validators=[Length(max=20000)],
                         description=_l("Markdown: **bold**, *italic*, lists, links "
                                        "[text](https://...). HTML is shown as text."))
    submit = SubmitField(_l("Publish"))
