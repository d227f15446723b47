"""The form of the province's target settings."""

from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, IntegerField, SubmitField
from wtforms.validators import InputRequired

from ..shared_forms import CleanForm


class TargetsForm(CleanForm):
    baseline_year = IntegerField(_l("Baseline year"), validators=[InputRequired()])
    multiplier = DecimalField(_l("Multiplier"), places=2, validators=[InputRequired()],
                              description=_l("增长两倍 (grow by two times) is usually read as 3."))
    target_year = IntegerField(_l("Target year"), validators=[InputRequired()])
    submit = SubmitField(_l("Save"))
