"""Benefit-sharing agreements: draft → sent for signature → signed by every party → in force;
an amendment is a new version, copied from the one in force, that every party signs again
(the old version is superseded when the new one comes into force).

Two tables of moves: AGREEMENT_WORKFLOW on the agreement's status and VERSION_WORKFLOW on a
version's. A version's rows and content never change once it has left the draft state: the
"edit" move compare-and-sets the draft state, so an edit of a sent or signed version (or one
racing the sending) answers 409 with nothing changed. Every change writes an audit event.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models.sharing import (
    Agreement,
    AgreementStatus,
    AgreementVersion,
    FloorAcknowledgement,
    Signature,
    VersionStatus,
)
from ..models.types import utcnow
from . import Conflict, ServiceError
from .agreement_links import link_inventors, subject
from .agreement_terms import (
    EXAMPLE_AMOUNT,
    PartyCheck,
    PartyTerms,
    Terms,
    apply_terms,
    canonical_content,
    check_floors,
    check_terms,
    content_hash,
    default_shares,
)
from .audit import record, snapshot
from .transitions import Move, Workflow

A = AgreementStatus
V = VersionStatus
AGREEMENT_FIELDS = ("status", "current_version_id")
VERSION_FIELDS = ("status", "content_sha256")

PARTY_ONLY = _l("Only an administrator of an organisation that is a party may do this.")
MOVED = _l("The agreement has moved on meanwhile: reload the page to see its state.")
FROZEN = _l("This version has been sent for signature and can no longer be changed: amend "
            "the agreement instead.")


def may_act_on_version(version: AgreementVersion, actor) -> bool:
    """An active admin of one of the version's party organisations."""
    return bool(getattr(actor, "is_org_admin", False)) and getattr(actor, "active", False) \
        and actor.organization_id in {p.organization_id for p in version.parties}


def _party_admin(agreement: Agreement, actor) -> bool:
    return agreement.is_party_admin(actor)


def _move(action, sources, target, rule, conflict=MOVED, refused=PARTY_ONLY) -> Move:
    return Move(action=action, sources=tuple(sources), target=target, rule=rule,
                refused=refused, conflict=conflict)


AGREEMENT_WORKFLOW = Workflow(column=Agreement.status, fields=AGREEMENT_FIELDS, moves={
    "send": _move("agreement.sent", [A.DRAFT], A.SENT, _party_admin),
    "in_force": _move("agreement.in_force", [A.SENT], A.IN_FORCE, _party_admin),
    "amend": _move("agreement.amended", [A.IN_FORCE], A.IN_FORCE, _party_admin,
                   _l("Only an agreement in force can be amended.")),
    "amendment_in_force": _move("agreement.amendment_in_force", [A.IN_FORCE], A.IN_FORCE,
                                _party_admin),
    "cancel": _move("agreement.cancelled", [A.DRAFT, A.SENT], A.CANCELLED, _party_admin,
                    _l("Only an agreement not yet in force can be cancelled.")),
})

VERSION_WORKFLOW = Workflow(column=AgreementVersion.status, fields=VERSION_FIELDS, moves={
    "edit": _move("agreement_version.edited", [V.DRAFT], V.DRAFT, may_act_on_version, FROZEN),
    "send": _move("agreement_version.sent", [V.DRAFT], V.SENT, may_act_on_version),
    "sign": _move("agreement_version.signed_by_party", [V.SENT], V.SENT, may_act_on_version,
                  _l("Only a version sent for signature can be signed.")),
    "complete": _move("agreement_version.signed", [V.SENT], V.SIGNED, may_act_on_version),
    "supersede": _move("agreement_version.superseded", [V.SIGNED], V.SUPERSEDED,
                       may_act_on_version),
})


CLOSED = _l("The agreement has been cancelled or superseded: nothing more can be done on it.")


def _check_open(version: AgreementVersion) -> None:
    if version.agreement.status in (A.CANCELLED, A.SUPERSEDED):
        raise Conflict(CLOSED)


def _refresh_content(version: AgreementVersion) -> dict:
    db.session.flush()
    db.session.refresh(version)
    return canonical_content(version, version.agreement.title)


def _save_terms(actor, version: AgreementVersion, terms: Terms,
                previous: AgreementVersion | None = None) -> None:
    """Check ``terms``, resolve their subject and inventors' accounts, and write them into
    ``version``; ``previous`` is the draft as it stood (its licences and links may stay)."""
    check_terms(terms)
    patents, licences = subject(actor, terms, previous)
    if actor.organization_id not in {p.organization_id for p in terms.parties}:
        raise ServiceError(_l("Your organisation must be one of the parties."), 403,
                           field="parties")
    apply_terms(version, link_inventors(terms, previous), patents, licences)


def create_draft(actor, title: str, patents: Sequence = (), licences: Sequence = (),
                 parties: Sequence[PartyTerms] | None = None) -> Agreement:
    """A new agreement with a draft version 1 over ``patents`` and ``licences``. Without
    ``parties`` they default to the co-owners with their ownership shares (see
    agreement_terms.default_shares). The actor's organisation must be a party."""
    if not (getattr(actor, "is_org_admin", False) and getattr(actor, "active", False)):
        raise ServiceError(_l("Only an organisation administrator may draw up an agreement."),
                           403)
    if not (title or "").strip():
        raise ServiceError(_l("Give the agreement a title."), field="title")
    if parties is None:
        owned = list(patents) + [p for lic in licences for p in lic.patents]
        parties = [PartyTerms(org_id, share) for org_id, share in default_shares(owned)]
    terms = Terms(tuple(parties), tuple(p.id for p in patents), tuple(lic.id for lic in licences))
    agreement = Agreement(title=title.strip(), status=A.DRAFT, created_by_id=actor.id,
                          created_by_org_id=actor.organization_id)
    version = AgreementVersion(agreement=agreement, number=1, status=V.DRAFT,
                               created_by_id=actor.id)
    db.session.add(agreement)
    _save_terms(actor, version, terms)
    content = _refresh_content(version)
    version.content, version.content_sha256 = content, content_hash(content)
    db.session.flush()
    record(actor, "agreement.created", agreement, None, snapshot(agreement, AGREEMENT_FIELDS))
    record(actor, "agreement_version.created", version, None, snapshot(version, VERSION_FIELDS))
    return agreement


def edit_draft(actor, version: AgreementVersion, terms: Terms,
               title: str | None = None) -> AgreementVersion:
    """Replace a draft version's terms (and the agreement's title while it is a draft).
    403 for someone not a party's admin, 409 once the version has been sent."""
    VERSION_WORKFLOW.permit("edit", version, actor)
    _check_open(version)
    if version.status is not V.DRAFT:
        raise Conflict(FROZEN)
    if title is not None and version.agreement.status is A.DRAFT:
        if not title.strip():
            raise ServiceError(_l("Give the agreement a title."), field="title")
        version.agreement.title = title.strip()
    _save_terms(actor, version, terms, version)
    content = _refresh_content(version)
    VERSION_WORKFLOW.run("edit", version, actor, content=content,
                         content_sha256=content_hash(content))
    return version


def _shortfall_texts(check: PartyCheck) -> list[str]:
    return [str(_l(s.template, **s.params)) for s in check.shortfalls]


def send_for_signature(actor, version: AgreementVersion, *, acknowledge: bool = False,
                       example_amount: Decimal = EXAMPLE_AMOUNT) -> list[PartyCheck]:
    """Send a draft version for signature; returns the floor checks (parties below a floor).

    Refused (400) when a party the floors bind against its own agreement (a state-founded
    university or research institute) gives its inventors less than a floor; when another
    party does, allowed only with ``acknowledge``, recorded for each such party
    (FloorAcknowledgement and the audit event "agreement.floor_acknowledged")."""
    VERSION_WORKFLOW.permit("send", version, actor)
    _check_open(version)
    if version.status is not V.DRAFT:
        raise Conflict(FROZEN)
    checks = check_floors(version, example_amount)
    for check in checks:
        if check.binding:
            raise ServiceError(_l(
                "%(org)s is a university or research institute set up by the state: the "
                "statutory floor binds it even against its own agreement, so this version "
                "cannot be signed. %(detail)s", org=check.party.organization.name_zh,
                detail=" ".join(_shortfall_texts(check))), field="internal_split")
    if checks and not acknowledge:
        raise ServiceError(_l(
            "The inventors' part is below a statutory floor: %(detail)s Acknowledge this "
            "explicitly to send the version for signature.",
            detail=" ".join(t for c in checks for t in _shortfall_texts(c))),
            field="acknowledge")
    for check in checks:
        ack = FloorAcknowledgement(
            version_id=version.id, organization_id=check.party.organization_id,
            user_id=actor.id, example_amount=example_amount, shortfalls=[
                {"rule": s.rule.key, "source": s.rule.source, "article": s.rule.article,
                 "floor": str(s.floor), "agreed": str(s.agreed), "shortfall": str(s.amount)}
                for s in check.shortfalls])
        db.session.add(ack)
        db.session.flush()
        record(actor, "agreement.floor_acknowledged", ack, None,
               {"version_id": version.id, "organization_id": ack.organization_id,
                "example_amount": str(example_amount), "shortfalls": ack.shortfalls})
    VERSION_WORKFLOW.run("send", version, actor, sent_at=utcnow())
    if version.agreement.status is A.DRAFT:
        AGREEMENT_WORKFLOW.run("send", version.agreement, actor)
    return checks


def sign(actor, version: AgreementVersion) -> Signature:
    """The actor signs ``version`` for their organisation (time, user and the SHA-256 of
    the canonical content). 403 for someone not an admin of a party, 409 for a version not
    sent, or already signed by that party. The last signature puts the version in force."""
    VERSION_WORKFLOW.permit("sign", version, actor)
    _check_open(version)
    if any(s.organization_id == actor.organization_id for s in version.signatures):
        raise Conflict(_l("Your organisation has already signed this version."))
    if version.status is V.SENT \
            and content_hash(canonical_content(version, version.agreement.title)) \
            != version.content_sha256:
        raise Conflict(_l("The terms no longer match what was sent for signature."))
    # The compare-and-set locks the version's row until commit, so of two parties signing
    # at once the second sees the first's signature and brings the version into force.
    VERSION_WORKFLOW.run("sign", version, actor)
    signature = Signature(version=version, organization_id=actor.organization_id,
                          user_id=actor.id, signed_at=utcnow(),
                          content_sha256=version.content_sha256)
    db.session.add(signature)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise Conflict(_l("Your organisation has already signed this version.")) from None
    record(actor, "agreement.signed", signature, None,
           {"version_id": version.id, "organization_id": signature.organization_id,
            "content_sha256": signature.content_sha256})
    if not version.unsigned_parties():
        _bring_into_force(actor, version)
    return signature


def _bring_into_force(actor, version: AgreementVersion) -> None:
    agreement = version.agreement
    old = agreement.current_version
    VERSION_WORKFLOW.run("complete", version, actor, signed_at=utcnow())
    if old is None:
        AGREEMENT_WORKFLOW.run("in_force", agreement, actor, current_version_id=version.id)
        return
    VERSION_WORKFLOW.run("supersede", old, actor)
    AGREEMENT_WORKFLOW.run("amendment_in_force", agreement, actor,
                           current_version_id=version.id)


def amend(actor, agreement: Agreement) -> AgreementVersion:
    """A new draft version copied from the one in force (every party signs it again).
    409 when the agreement is not in force or an amendment is already under way."""
    AGREEMENT_WORKFLOW.permit("amend", agreement, actor)
    current = agreement.current_version
    if agreement.status is not A.IN_FORCE or current is None:
        raise Conflict(_l("Only an agreement in force can be amended."))
    if agreement.latest_version is not current:
        raise Conflict(_l("An amendment of this agreement is already under way."))
    terms = Terms.of(current)
    version = AgreementVersion(agreement=agreement, number=current.number + 1, status=V.DRAFT,
                               created_by_id=actor.id)
    db.session.add(version)
    AGREEMENT_WORKFLOW.run("amend", agreement, actor)
    apply_terms(version, terms, list(current.patents), list(current.licences))
    content = _refresh_content(version)
    version.content, version.content_sha256 = content, content_hash(content)
    db.session.flush()
    record(actor, "agreement_version.created", version, None, snapshot(version, VERSION_FIELDS))
    return version


def cancel(actor, agreement: Agreement) -> Agreement:
    """Cancel an agreement never in force (draft or sent); 409 once it is in force."""
    return AGREEMENT_WORKFLOW.run("cancel", agreement, actor)
