"""Technology needs: post and edit, answer, solve, withdraw and expire (NEED_WORKFLOW).

open → solved | withdrawn | expired. An administrator of the posting organisation posts,
edits, solves and withdraws; the platform expires a need the day after its deadline
(``expire_due``, run by ``flask --app wsgi needs expire``). Administrators of other
organisations answer an open need with one of their listings or a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import Alliance, Membership, MembershipStatus, Organization
from ..models.listings import Listing, ListingStatus
from ..models.needs import Need, NeedAnswer, NeedStatus, NeedVisibility, today
from ..models.types import utcnow
from ..need_matching import parse_symbols, split_symbols
from ..validators import ValidationError
from . import ServiceError
from .audit import record, snapshot
from .notifications import in_languages, link_to, notify
from .transitions import Move, Workflow

S = NeedStatus
NEED_FIELDS = ("status", "title", "ipc", "keywords", "budget_min", "budget_max", "deadline",
               "visibility")
OWNER_ONLY = _l("Only an administrator of the organisation that posted the need may do "
                "this.")
MOVED = _l("The need is no longer open: reload the page to see its state.")


def _is_manager(need, actor) -> bool:
    return need.can_manage(actor)


def _nobody(need, actor) -> bool:
    return actor is None


NEED_WORKFLOW = Workflow(column=Need.status, fields=NEED_FIELDS, moves={
    "solve": Move("need.solved", (S.OPEN,), S.SOLVED, _is_manager, OWNER_ONLY, MOVED),
    "withdraw": Move("need.withdrawn", (S.OPEN,), S.WITHDRAWN, _is_manager, OWNER_ONLY,
                     MOVED),
    "expire": Move("need.expired", (S.OPEN,), S.EXPIRED, _nobody,
                   _l("Only the platform expires a need, once its deadline has passed."),
                   MOVED),
})


@dataclass(frozen=True)
class NeedInput:
    """A need as typed: ``ipc`` symbols separated by ``;``; budget in yuan."""

    title: str
    description: str = ""
    ipc: str = ""
    keywords: str = ""
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    deadline: date | None = None
    visibility: NeedVisibility = NeedVisibility.PUBLIC
    alliance_ids: tuple[int, ...] = ()


def member_alliances(org: Organization) -> list[Alliance]:
    """The alliances ``org`` is an active member of (a need may be shown to these)."""
    return list(db.session.scalars(select(Alliance).join(
        Membership, Membership.alliance_id == Alliance.id).where(
        Membership.organization_id == org.id, Membership.status == MembershipStatus.ACTIVE)
        .order_by(Alliance.position)))


def _checked(org: Organization, data: NeedInput) -> dict:
    """The columns of a need from ``data``; ServiceError (400, with its field) on bad
    input."""
    if not data.title or not data.title.strip():
        raise ServiceError(_l("Give the need a title."), field="title")
    try:
        symbols = parse_symbols(split_symbols(data.ipc))
    except ValidationError as error:
        raise ServiceError(_l("IPC symbol not understood: %(problem)s",
                              problem=_l(error.template, **error.params)), field="ipc") \
            from error
    if not symbols and not (data.keywords or "").strip() and not data.description.strip():
        raise ServiceError(_l("Give IPC symbols, keywords or a description, so the need can "
                              "be matched."), field="keywords")
    low, high = data.budget_min, data.budget_max
    if (low is not None and low < 0) or (high is not None and high < 0):
        raise ServiceError(_l("A budget cannot be negative."), field="budget_min")
    if low is not None and high is not None and low > high:
        raise ServiceError(_l("The lowest budget is above the highest one."),
                           field="budget_max")
    if data.deadline is None:
        raise ServiceError(_l("Give the last day for answers."), field="deadline")
    if data.deadline < today():
        raise ServiceError(_l("The deadline is in the past: give today or a later day."),
                           field="deadline")
    alliances: list[Alliance] = []
    if data.visibility is NeedVisibility.ALLIANCES:
        mine = {a.id: a for a in member_alliances(org)}
        if not data.alliance_ids:
            raise ServiceError(_l("Choose at least one alliance of your organisation."),
                               field="alliances")
        if any(i not in mine for i in data.alliance_ids):
            raise ServiceError(_l("Your organisation is not a member of that alliance."),
                               field="alliances", status=403)
        alliances = [mine[i] for i in dict.fromkeys(data.alliance_ids)]
    return {"title": data.title.strip(), "description": (data.description or "").strip(),
            "ipc": ";".join(s.symbol for s in symbols),
            "keywords": (data.keywords or "").strip(), "budget_min": low,
            "budget_max": high, "deadline": data.deadline, "visibility": data.visibility,
            "alliances": alliances}


def _may_post(actor, org: Organization) -> None:
    if not (actor.is_org_admin and actor.organization_id == org.id and org.is_approved):
        raise ServiceError(_l("Only an administrator of an approved organisation may post "
                              "its needs."), 403)


def post_need(actor, org: Organization, data: NeedInput) -> Need:
    """Post a need of ``org``, audit it and tell the owners of the best matching
    listings."""
    _may_post(actor, org)
    columns = _checked(org, data)
    need = Need(organization_id=org.id, created_by_id=actor.id, status=S.OPEN, **columns)
    db.session.add(need)
    db.session.flush()
    record(actor, "need.posted", need, None, snapshot(need, list(NEED_FIELDS)))
    from .need_matches import tell_owners

    tell_owners(need)
    return need


def edit_need(actor, need: Need, data: NeedInput) -> Need:
    """Change an open need (its administrators only)."""
    if not need.can_manage(actor):
        raise ServiceError(OWNER_ONLY, 403)
    if not need.is_open:
        raise ServiceError(MOVED, 409)
    columns = _checked(need.organization, data)
    before = snapshot(need, list(NEED_FIELDS))
    for name, value in columns.items():
        setattr(need, name, value)
    db.session.flush()
    record(actor, "need.edited", need, before, snapshot(need, list(NEED_FIELDS)))
    return need


def _refuse_past_deadline(need: Need) -> None:
    if need.status is S.OPEN and need.is_past_deadline:
        raise ServiceError(_l("The deadline has passed: the need has expired."), 409)


def solve(actor, need: Need, answer: NeedAnswer | None = None) -> Need:
    """Mark the need solved, by ``answer`` (one of its answers) or without saying which."""
    NEED_WORKFLOW.permit("solve", need, actor)
    _refuse_past_deadline(need)
    if answer is not None and answer.need_id != need.id:
        raise ServiceError(_l("Choose one of the answers to this need."), field="answer")
    NEED_WORKFLOW.run("solve", need, actor, closed_at=utcnow())
    if answer is not None:
        answer.chosen = True
        db.session.flush()
    people = {u.id: u for a in need.answers for u in a.organization.active_admins()}
    if people:
        notify(people.values(), "need_solved", link_to("needs.detail", need_id=need.id),
               need=need.title, org=in_languages(lambda: need.organization.name))
    return need


def withdraw(actor, need: Need) -> Need:
    NEED_WORKFLOW.permit("withdraw", need, actor)
    _refuse_past_deadline(need)
    return NEED_WORKFLOW.run("withdraw", need, actor, closed_at=utcnow())


def expire_due(on: date | None = None) -> int:
    """Expire every open need whose deadline is before ``on`` (today); returns how many.
    Safe to run again: a need already moved is skipped."""
    on = on or today()
    due = db.session.scalars(select(Need).where(Need.status == S.OPEN, Need.deadline < on)
                             .order_by(Need.id)).all()
    count = 0
    for need in due:
        try:
            NEED_WORKFLOW.run("expire", need, None, closed_at=utcnow())
        except ServiceError:
            continue
        count += 1
    return count


def answerable_listings(org_id: int) -> list[Listing]:
    """The organisation's listed listings, to answer with."""
    return list(db.session.scalars(select(Listing).where(
        Listing.organization_id == org_id, Listing.status == ListingStatus.LISTED)
        .order_by(Listing.title)))


def answer(actor, need: Need, listing: Listing | None, message: str) -> NeedAnswer:
    """Answer an open need with one of the actor's organisation's listings and/or a
    message; the need's administrators are told."""
    if not need.can_answer(actor):
        if need.can_view(actor) and not need.is_open:
            raise ServiceError(MOVED, 409)
        raise ServiceError(_l("Only an administrator of another organisation may answer "
                              "this need."), 403)
    message = (message or "").strip()
    if listing is not None and (listing.organization_id != actor.organization_id
                                or listing.status is not ListingStatus.LISTED):
        raise ServiceError(_l("Choose one of your organisation's listed offers."),
                           field="listing")
    if listing is None and not message:
        raise ServiceError(_l("Choose a listing or write a message."), field="message")
    item = NeedAnswer(need_id=need.id, organization_id=actor.organization_id,
                      listing_id=listing.id if listing else None, message=message,
                      created_by_id=actor.id)
    db.session.add(item)
    db.session.flush()
    record(actor, "need.answered", item, None,
           {"need_id": need.id, "listing_id": item.listing_id})
    org = actor.organization
    notify(need.organization.active_admins(), "need_answered",
           link_to("needs.detail", need_id=need.id), need=need.title,
           org=in_languages(lambda: org.name))
    return item


def open_needs_query(user):
    """Open needs (deadline not passed) that ``user`` may see, newest first: public ones,
    those shown to an alliance the user's organisation is active in, and their own."""
    from ..models.needs import need_alliance

    org_id = getattr(user, "organization_id", None)
    shown = Need.visibility == NeedVisibility.PUBLIC
    if getattr(user, "is_platform_admin", False):
        shown = Need.id.isnot(None)
    elif org_id is not None:
        mine = select(Membership.alliance_id).where(
            Membership.organization_id == org_id, Membership.status == MembershipStatus.ACTIVE)
        shared = Need.id.in_(select(need_alliance.c.need_id).where(
            need_alliance.c.alliance_id.in_(mine)))
        shown = shown | shared | (Need.organization_id == org_id)
    return select(Need).where(Need.status == S.OPEN, Need.deadline >= today(), shown) \
        .order_by(Need.created_at.desc(), Need.id.desc())


def own_needs(org_id: int) -> list[Need]:
    """Every need of the organisation, newest first."""
    return list(db.session.scalars(select(Need).where(Need.organization_id == org_id)
                                   .order_by(Need.created_at.desc(), Need.id.desc())))
