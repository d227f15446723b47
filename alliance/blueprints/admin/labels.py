"""Readable, translated names for audit actions and object types."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from ...services.audit_names import ID_FIELDS

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
    "policy_rule.updated": _l("Statutory floor rule changed"),
    "policy_text_rule.updated": _l("Rule for the Regulations' text changed"),
    "province_target.updated": _l("Province targets changed"),
    "user.activated": _l("Account reactivated"),
    "user.created_admin": _l("Platform administrator created"),
    "user.deactivated": _l("Account deactivated"),
    "user.language_changed": _l("Language changed"),
    "user.logged_in": _l("Logged in"),
    "user.password_changed": _l("Password changed"),
    "user.password_reset": _l("Password reset by email"),
    "user.promoted_admin": _l("Made platform administrator"),
    "user.registered": _l("Account created"),
    "user.role_changed": _l("Role changed"),
    "user.session_ended": _l("Session ended"),
}

SYSTEM = _l("system")
CSV_COLUMNS = ("time", "who", "action", "object_type", "object", "changes")
CSV_HEADERS = {"time": _l("Time"), "who": _l("Who"), "action": _l("Action"),
               "object_type": _l("Object type"), "object": _l("Object"),
               "changes": _l("Changes")}

OBJECT_LABELS = {
    "alliance": _l("Alliance"),
    "coordinatorship": _l("Coordinator appointment"),
    "invitation": _l("Invitation"),
    "membership": _l("Membership"),
    "organization": _l("Organisation"),
    "policy_rule": _l("Statutory floor rule"),
    "policy_text_rule": _l("Rule for the Regulations' text"),
    "province_target": _l("Province targets"),
    "user": _l("Account"),
}


def action_label(action: str):
    return ACTION_LABELS.get(action, action)


def object_label(object_type: str):
    return OBJECT_LABELS.get(object_type, object_type)



FIELD_LABELS = {
    "alliance_id": _l("Alliance"),
    "baseline_year": _l("Baseline year"),
    "multiplier": _l("Multiplier"),
    "target_year": _l("Target year"),
    "decision_reason": _l("Reason"),
    "description": _l("Description"),
    "email": _l("Email"),
    "locked_by_platform": _l("Deactivated by a platform administrator"),
    "memberships": _l("Memberships"),
    "organizations": _l("Organisations"),
    "pending_requests": _l("Join requests"),
    "ties": _l("Co-application ties"),
    "users": _l("Accounts"),
    "name": _l("Name"),
    "name_en": _l("Organisation name (English)"),
    "name_zh": _l("Organisation name (Chinese)"),
    "organization_id": _l("Organisation"),
    "preferred_language": _l("Language"),
    "reason": _l("Reason"),
    "region": _l("Region"),
    "revoked": _l("Revoked"),
    "role": _l("Role"),
    "sector": _l("Sector"),
    "status": _l("Status"),
    "user_id": _l("Account"),
    "uscc": _l("Unified Social Credit Code"),
    "website": _l("Website"),
}


#: fields whose meaning depends on the record ("active" of an account is not a membership's)
FIELD_LABELS_BY_OBJECT = {
    ("user", "active"): _l("Account can log in"),
    ("coordinatorship", "active"): _l("Appointment in force"),
    ("policy_rule", "value"): _l("Value"),
    ("policy_rule", "source"): _l("Source"),
    ("policy_rule", "article"): _l("Article"),
    ("policy_rule", "effective_from"): _l("In effect from"),
    ("policy_rule", "effective_to"): _l("In effect until"),
    ("policy_text_rule", "basis"): _l("Decided by the patent's"),
    ("policy_text_rule", "switch"): _l("2023 text from"),
}


def field_label(object_type: str, field: str):
    return FIELD_LABELS_BY_OBJECT.get((object_type, field)) or FIELD_LABELS.get(field, field)


def _enum_labels(object_type: str, field: str) -> dict:
    from ...models import MembershipRole, MembershipStatus, OrgStatus, Role, Sector

    enums = {
        ("membership", "status"): MembershipStatus, ("membership", "role"): MembershipRole,
        ("organization", "status"): OrgStatus, ("organization", "sector"): Sector,
    }
    enum_cls = enums.get((object_type, field)) or {"role": Role, "sector": Sector}.get(field)
    return {member.value: member.label for member in enum_cls} if enum_cls else {}


def _value(object_type: str, field: str, value, names=None):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _l("yes") if value else _l("no")
    if field in ID_FIELDS and names is not None:
        return names.name(ID_FIELDS[field], value) or _l("deleted record #%(id)s", id=value)
    if field.endswith("_id"):
        return f"#{value}"
    if field == "preferred_language":
        return current_app.config["LANGUAGES"].get(value, value)
    return _enum_labels(object_type, field).get(value, value)


def readable_changes(event, names=None) -> list[tuple]:
    """(field label, value before, value after) for each field the event recorded, in
    words (ids as names when ``names``, a NameBook, knows them): changed fields only when
    there is a before, every field of a new record."""
    before, after = event.before or {}, event.after or {}
    fields = sorted(set(before) | set(after))
    rows = []
    for field in fields:
        old, new = before.get(field), after.get(field)
        if before and old == new:
            continue
        rows.append((field_label(event.object_type, field),
                     _value(event.object_type, field, old, names) if field in before
                     else None,
                     _value(event.object_type, field, new, names)))
    return rows
