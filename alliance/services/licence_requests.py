"""The licence-request negotiation, as one table of moves (REQUEST_WORKFLOW):

draft → submitted → under review → countered ⇄ revised → accepted → licensed, or rejected,
withdrawn, or expired when the side whose turn it is does not answer within
LICENCE_REQUEST_ANSWER_DAYS. Every move checks who may make it, compare-and-sets the state,
writes an audit event and a message in the request's history, and tells the other side.
Acceptance grants the licence in the same transaction, under the conflict rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models.licensing import LicenceRequest, RequestMessage, RequestStatus
from ..models.listings import LicenceKind, Listing
from ..models.types import utcnow
from . import ServiceError
from .audit import record, snapshot
from .licences import grant_licence
from .royalty_terms import Royalty, check_royalty
from .transitions import Move, Workflow

S = RequestStatus
REQUEST_FIELDS = ("status", "kind", "field_of_use", "territory", "start_date", "end_date",
                  "royalty_kind", "lump_sum", "entry_fee", "running_rate", "per_unit",
                  "minimum_annual", "last_move_by")
OPEN = (S.SUBMITTED, S.UNDER_REVIEW, S.COUNTERED, S.REVISED)
OWNER_TURN = (S.SUBMITTED, S.UNDER_REVIEW, S.REVISED)


@dataclass(frozen=True)
class Proposal:
    """Terms proposed by either side."""

    kind: LicenceKind
    field_of_use: str
    territory: str
    start_date: date
    end_date: date
    royalty: Royalty
    sublicensing: bool = False

    def columns(self) -> dict:
        r = self.royalty
        return dict(kind=self.kind, field_of_use=self.field_of_use, territory=self.territory,
                    start_date=self.start_date, end_date=self.end_date,
                    sublicensing=self.sublicensing, royalty_kind=r.kind, lump_sum=r.lump_sum,
                    entry_fee=r.entry_fee, running_rate=r.running_rate, per_unit=r.per_unit,
                    minimum_annual=r.minimum_annual, milestones=r.milestones)

    def as_dict(self) -> dict:
        return {"kind": self.kind.value, "field_of_use": self.field_of_use,
                "territory": self.territory, "start_date": self.start_date.isoformat(),
                "end_date": self.end_date.isoformat(), "sublicensing": self.sublicensing,
                "royalty": self.royalty.as_dict()}

    @classmethod
    def of(cls, req: LicenceRequest) -> Proposal:
        return cls(kind=req.kind, field_of_use=req.field_of_use, territory=req.territory,
                   start_date=req.start_date, end_date=req.end_date,
                   royalty=Royalty.of(req), sublicensing=req.sublicensing)


def is_requester(req, actor) -> bool:
    return req.side_of(actor) == "requester"


def is_owner(req, actor) -> bool:
    return req.side_of(actor) == "owner"


def _nobody(req, actor) -> bool:  # the system move (expiry) has no human actor
    return actor is None


def _move(action, sources, target, rule, refused, conflict) -> Move:
    return Move(action=action, sources=tuple(sources), target=target, rule=rule,
                refused=refused, conflict=conflict)


OWNER_ONLY = _l("Only an administrator of the listing organisation may do this.")
REQUESTER_ONLY = _l("Only an administrator of the requesting organisation may do this.")
MOVED = _l("The request has moved on meanwhile: reload the page to see its state.")

REQUEST_WORKFLOW = Workflow(column=LicenceRequest.status, fields=REQUEST_FIELDS, moves={
    "submit": _move("licence_request.submitted", [S.DRAFT], S.SUBMITTED, is_requester,
                    REQUESTER_ONLY, MOVED),
    "review": _move("licence_request.under_review", [S.SUBMITTED], S.UNDER_REVIEW, is_owner,
                    OWNER_ONLY, MOVED),
    "counter": _move("licence_request.countered", OWNER_TURN, S.COUNTERED, is_owner,
                     OWNER_ONLY, MOVED),
    "revise": _move("licence_request.revised", [S.COUNTERED], S.REVISED, is_requester,
                    REQUESTER_ONLY, MOVED),
    "accept": _move("licence_request.accepted", OWNER_TURN, S.ACCEPTED, is_owner,
                    OWNER_ONLY, MOVED),
    "accept_counter": _move("licence_request.accepted", [S.COUNTERED], S.ACCEPTED,
                            is_requester, REQUESTER_ONLY, MOVED),
    "grant": _move("licence_request.licensed", [S.ACCEPTED], S.LICENSED,
                   lambda req, actor: req.side_of(actor) is not None, OWNER_ONLY, MOVED),
    "reject": _move("licence_request.rejected", OWNER_TURN, S.REJECTED, is_owner,
                    OWNER_ONLY, MOVED),
    "withdraw": _move("licence_request.withdrawn", [S.DRAFT, *OPEN], S.WITHDRAWN,
                      is_requester, REQUESTER_ONLY, MOVED),
    "expire": _move("licence_request.expired", OPEN, S.EXPIRED, _nobody,
                    _l("Only the platform expires a request, once its answer is overdue."), MOVED),
})


def answer_days() -> int:
    return int(current_app.config.get("LICENCE_REQUEST_ANSWER_DAYS", 30))


def _due() -> datetime:
    return utcnow() + timedelta(days=answer_days())


def check_proposal(listing: Listing, proposal: Proposal) -> None:
    """The rules of any proposal on ``listing`` (raise ServiceError with the field)."""
    if proposal.kind not in listing.offered_kinds:
        raise ServiceError(_l("The listing does not offer this licence kind."), field="kind")
    if proposal.sublicensing and not listing.sublicensing_allowed:
        raise ServiceError(_l("The listing does not allow sublicensing."),
                           field="sublicensing")
    if proposal.end_date <= proposal.start_date:
        raise ServiceError(_l("The term must end after it starts."), field="end_date")
    check_royalty(proposal.royalty, required=True)


def _note(req: LicenceRequest, actor, action: str, body: str, proposal=None) -> None:
    req.messages.append(RequestMessage(author_id=getattr(actor, "id", None), action=action,
                                       body=body or "", terms=proposal.as_dict()
                                       if proposal else None))
    db.session.flush()


def _tell(req: LicenceRequest, event: str) -> None:
    from . import licensing_notices

    licensing_notices.request_moved(req, event)


def create_request(actor, listing: Listing, proposal: Proposal, intended_use: str,
                   message: str, submit: bool = True) -> LicenceRequest:
    """A firm's request on a listing, saved as a draft or submitted at once."""
    if getattr(actor, "organization_id", None) in listing.owner_org_ids():
        raise ServiceError(_l("Your organisation owns this patent: it needs no licence on "
                              "it."), 403)
    if not listing.can_request(actor):
        raise ServiceError(_l("Only an administrator of an organisation on the platform may "
                              "request a licence on this listing."), 403)
    check_proposal(listing, proposal)
    req = LicenceRequest(listing=listing, requester_id=actor.organization_id,
                         created_by_id=actor.id, status=S.DRAFT, intended_use=intended_use,
                         last_move_by="requester", **proposal.columns())
    db.session.add(req)
    db.session.flush()
    record(actor, "licence_request.created", req, None, snapshot(req, REQUEST_FIELDS))
    _note(req, actor, "created", message, proposal)
    if submit:
        submit_request(actor, req)
    return req


def submit_request(actor, req: LicenceRequest) -> LicenceRequest:
    REQUEST_WORKFLOW.run("submit", req, actor, submitted_at=utcnow(), answer_due=_due())
    _tell(req, "licence_request_submitted")
    return req


def start_review(actor, req: LicenceRequest) -> LicenceRequest:
    REQUEST_WORKFLOW.run("review", req, actor)
    _note(req, actor, "under_review", "")
    _tell(req, "licence_request_under_review")
    return req


def _propose(move: str, side: str, actor, req: LicenceRequest, proposal: Proposal,
             message: str) -> LicenceRequest:
    REQUEST_WORKFLOW.permit(move, req, actor)
    check_proposal(req.listing, proposal)
    REQUEST_WORKFLOW.run(move, req, actor, last_move_by=side, answer_due=_due(),
                         **proposal.columns())
    _note(req, actor, REQUEST_WORKFLOW.moves[move].target.value, message, proposal)
    _tell(req, f"licence_request_{REQUEST_WORKFLOW.moves[move].target.value}")
    return req


def counter(actor, req: LicenceRequest, proposal: Proposal, message: str) -> LicenceRequest:
    """The owner proposes other terms."""
    return _propose("counter", "owner", actor, req, proposal, message)


def revise(actor, req: LicenceRequest, proposal: Proposal, message: str) -> LicenceRequest:
    """The requester answers a counter-offer with revised terms."""
    return _propose("revise", "requester", actor, req, proposal, message)


def accept(actor, req: LicenceRequest, message: str = ""):
    """Accept the other side's latest terms; the licence is granted at once (refused, with
    nothing changed, if it conflicts with a licence in force)."""
    move = "accept_counter" if req.status is S.COUNTERED else "accept"
    REQUEST_WORKFLOW.run(move, req, actor, decided_at=utcnow(), answer_due=None)
    _note(req, actor, "accepted", message)
    listing = req.listing
    terms = Proposal.of(req)
    licence = grant_licence(
        actor, licensor=listing.organization, licensee=req.requester,
        patents=list(listing.patents), kind=terms.kind, field_of_use=terms.field_of_use,
        territory=terms.territory, start=terms.start_date, end=terms.end_date,
        royalty=terms.royalty, effective=max(terms.start_date, date.today()),
        sublicensing=terms.sublicensing, request=req)
    REQUEST_WORKFLOW.run("grant", req, actor)
    _tell(req, "licence_granted")
    return licence


def reject(actor, req: LicenceRequest, message: str) -> LicenceRequest:
    if not (message or "").strip():
        raise ServiceError(_l("Say why the request is rejected."), field="message")
    REQUEST_WORKFLOW.run("reject", req, actor, decided_at=utcnow(), answer_due=None)
    _note(req, actor, "rejected", message)
    _tell(req, "licence_request_rejected")
    return req


def withdraw(actor, req: LicenceRequest, message: str = "") -> LicenceRequest:
    REQUEST_WORKFLOW.run("withdraw", req, actor, decided_at=utcnow(), answer_due=None)
    _note(req, actor, "withdrawn", message)
    _tell(req, "licence_request_withdrawn")
    return req


def expire_overdue(now: datetime | None = None) -> int:
    """Expire every open request whose answer is overdue; returns how many. Safe to run
    again (a request already moved is skipped)."""
    now = now or utcnow()
    overdue = db.session.scalars(select(LicenceRequest).where(
        LicenceRequest.status.in_(OPEN), LicenceRequest.answer_due < now)).all()
    count = 0
    for req in overdue:
        try:
            REQUEST_WORKFLOW.run("expire", req, None, decided_at=now, answer_due=None)
        except ServiceError:
            continue
        _note(req, None, "expired", "")
        _tell(req, "licence_request_expired")
        count += 1
    return count

