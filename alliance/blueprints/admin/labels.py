"""Readable, translated names for audit actions and object types."""

import json

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "coordinator.appointed": _l("Coordinator appointed"),
    "coordinator.revoked": _l("Coordinator appointment ended"),
    "demo.loaded": _l("Demo data loaded"),
    "invitation.accepted": _l("Invitation accepted"),
    "invitation.created": _l("Invitation created"),
    "invitation.revoked": _l("Invitation revoked"),
    "membership.approved": _l("Join request approved"),
    "membership.left": _l("Left the alliance or withdrew the request"),
    "membership.rejected": _l("Join request rejected"),
    "membership.requested": _l("Asked to join an alliance"),
    "organization.approved": _l("Registration approved"),
    "organization.registered": _l("Organisation registered"),
    "organization.resubmitted": _l("Registration resubmitted"),
    "organization.rejected": _l("Registration rejected"),
    "organization.updated": _l("Organisation edited"),
    "user.activated": _l("Account reactivated"),
    "user.created_admin": _l("Platform administrator created"),
    "user.deactivated": _l("Account deactivated"),
    "user.language_changed": _l("Language changed"),
    "user.logged_in": _l("Logged in"),
    "user.password_changed": _l("Password changed"),
    "user.promoted_admin": _l("Made platform administrator"),
    "user.registered": _l("Account created"),
    "user.role_changed": _l("Role changed"),
}

OBJECT_LABELS = {
    "alliance": _l("Alliance"),
    "coordinatorship": _l("Coordinator appointment"),
    "invitation": _l("Invitation"),
    "membership": _l("Membership"),
    "organization": _l("Organisation"),
    "user": _l("Account"),
}


def action_label(action: str):
    return ACTION_LABELS.get(action, action)


def object_label(object_type: str):
    return OBJECT_LABELS.get(object_type, object_type)


def readable_json(value) -> str:
    """Before/after values as JSON that shows Chinese as Chinese (Jinja escapes the result)."""
    if not value:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
