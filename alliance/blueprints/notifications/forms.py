"""The email preferences form: one checkbox per registered event."""

from __future__ import annotations

from flask import request
from wtforms import BooleanField

from ...services.notification_events import EVENTS
from ..shared_forms import CleanForm


def field_name(key: str) -> str:
    """The form field of event ``key`` (dots are not welcome in attribute names)."""
    return "email_" + key.replace(".", "_")


class PreferencesForm(CleanForm):
    """Which events reach the user by email (built from the registry: a new event gets its
    checkbox with no change here)."""

    @classmethod
    def for_events(cls, current: dict[str, bool], **kwargs) -> PreferencesForm:
        """A form with a checkbox per registered event, ticked as in ``current``."""
        form_class = type("EventPreferencesForm", (cls,), {
            field_name(key): BooleanField(event.label) for key, event in EVENTS.items()})
        if request.method == "POST":  # all boxes cleared still counts as a submission
            kwargs.setdefault("formdata", request.form)
        return form_class(data={field_name(key): on for key, on in current.items()},
                          **kwargs)

    def event_fields(self):
        """(event key, field) pairs in the registry's order."""
        return [(key, self[field_name(key)]) for key in EVENTS]

    @property
    def choices(self) -> dict[str, bool]:
        """{event key: email on} as submitted."""
        return {key: bool(field.data) for key, field in self.event_fields()}
