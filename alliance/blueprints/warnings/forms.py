"""The IPC watch form and the one-button posts of the warnings pages."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from ..shared_forms import CleanForm


class WatchForm(CleanForm):
    """An IPC subclass to watch; whether it parses is the service's check."""

    subclass = StringField(_l("IPC subclass"), validators=[
        InputRequired(message=_l("Give an IPC subclass, e.g. H01M.")), Length(max=20)],
        description=_l("A letter A-H, two digits and a letter, e.g. H01M (batteries)."))


class PostForm(CleanForm):
    """A one-button post (acknowledge, remove): only the CSRF token."""
