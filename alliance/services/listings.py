"""List patents as licensable: one patent or a portfolio, with the licence kinds, field,
territory, term and price offered. A patent that other organisations on the platform co-own
is listed only once each of them consents."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select

from ..extensions import db
from ..models import Organization, Patent, PatentStatus
from ..models.listings import (
    ConsentStatus,
    LicenceKind,
    Listing,
    ListingConsent,
    ListingStatus,
    OpenLicence,
    OpenLicenceStatus,
    Visibility,
    listing_patent,
)
from ..models.types import utcnow
from . import ServiceError
from .audit import record, snapshot
from .royalty_terms import Royalty, check_royalty
from .transitions import Move, Workflow, transition

LISTING_FIELDS = ["status", "title", "offers_exclusive", "offers_sole", "offers_non_exclusive",
                  "sublicensing_allowed", "fields_of_use", "territory", "term_months",
                  "visibility", "price_shown"]
LISTABLE = (PatentStatus.PENDING, PatentStatus.GRANTED)


@dataclass(frozen=True)
class Offer:
    """What a listing offers (everything but the patents and the royalty)."""

    title: str
    description: str = ""
    kinds: frozenset[LicenceKind] = frozenset({LicenceKind.NON_EXCLUSIVE})
    sublicensing_allowed: bool = False
    fields_of_use: str = ""
    territory: str = ""
    term_months: int | None = None
    price_shown: bool = True
    visibility: Visibility = Visibility.PUBLIC
    contact: str = ""


def declared_open_licence(patent: Patent) -> OpenLicence | None:
    return db.session.scalar(select(OpenLicence).where(
        OpenLicence.patent_id == patent.id, OpenLicence.status == OpenLicenceStatus.DECLARED))


def _check_patents(org: Organization, patents: list[Patent], offer: Offer) -> None:
    if not patents:
        raise ServiceError(_l("Choose at least one patent."), field="patents")
    for patent in patents:
        if org.id not in patent.owner_org_ids:
            raise ServiceError(_l("%(number)s is not your organisation's patent.",
                                  number=patent.application_number), 403, field="patents")
        if not patent.is_published:
            raise ServiceError(_l("%(number)s is not published yet: an application is listed "
                                  "once its contents are public.",
                                  number=patent.application_number), field="patents")
        if patent.status not in LISTABLE:
            raise ServiceError(_l("%(number)s is %(status)s and cannot be licensed.",
                                  number=patent.application_number,
                                  status=patent.status.label), field="patents")
        exclusive = offer.kinds & {LicenceKind.EXCLUSIVE, LicenceKind.SOLE}
        if exclusive and declared_open_licence(patent) is not None:
            raise ServiceError(_l("%(number)s is under an open licence declaration, so only "
                                  "non-exclusive licences may be offered (Patent Law 2020, "
                                  "Art. 51(3)).", number=patent.application_number),
                               field="kinds")


def create_listing(actor, org: Organization, patents: list[Patent], offer: Offer,
                   royalty: Royalty) -> Listing:
    """List ``patents`` of ``org``. Co-owners on the platform are asked for consent; until
    all have given it the listing waits (``awaiting_consent``) and nobody else sees it."""
    if not (actor.is_platform_admin or
            (actor.is_org_admin and actor.organization_id == org.id)):
        raise ServiceError(_l("Only an administrator of the organisation lists its "
                              "patents."), 403)
    if not offer.kinds:
        raise ServiceError(_l("Offer at least one licence kind."), field="kinds")
    _check_patents(org, patents, offer)
    check_royalty(royalty, required=False)
    co_owners = sorted(set().union(*(p.owner_org_ids for p in patents)) - {org.id})
    listing = Listing(
        organization_id=org.id, patents=patents, created_by_id=actor.id,
        status=ListingStatus.AWAITING_CONSENT if co_owners else ListingStatus.LISTED,
        listed_at=None if co_owners else utcnow(), **_offer_columns(offer))
    royalty.apply_to(listing)
    listing.consents = [ListingConsent(organization_id=o) for o in co_owners]
    db.session.add(listing)
    db.session.flush()
    record(actor, "listing.created", listing, None, snapshot(listing, LISTING_FIELDS))
    if co_owners:
        from .licensing_notices import consent_asked

        consent_asked(listing, [c.organization for c in listing.consents])
    return listing


def _offer_columns(offer: Offer) -> dict:
    return dict(
        title=offer.title, description=offer.description,
        offers_exclusive=LicenceKind.EXCLUSIVE in offer.kinds,
        offers_sole=LicenceKind.SOLE in offer.kinds,
        offers_non_exclusive=LicenceKind.NON_EXCLUSIVE in offer.kinds,
        sublicensing_allowed=offer.sublicensing_allowed, fields_of_use=offer.fields_of_use,
        territory=offer.territory, term_months=offer.term_months,
        price_shown=offer.price_shown, visibility=offer.visibility, contact=offer.contact)


def pending_consent(listing: Listing, actor) -> ListingConsent | None:
    """The consent the actor's organisation still owes the listing, if any."""
    for consent in listing.consents:
        if consent.organization_id == getattr(actor, "organization_id", None):
            return consent
    return None


def decide_consent(actor, listing: Listing, give: bool) -> ListingConsent:
    """A co-owner's admin gives or refuses consent; the last consent lists the listing."""
    consent = pending_consent(listing, actor)
    if consent is None or not actor.is_org_admin:
        raise ServiceError(_l("Only an administrator of a co-owning organisation decides "
                              "this consent."), 403)
    target = ConsentStatus.GIVEN if give else ConsentStatus.REFUSED
    transition(consent, ListingConsent.status, ConsentStatus.PENDING, target, actor,
               action="listing.consent_" + target.value, fields=["status", "organization_id"],
               conflict=_l("This consent has already been decided."),
               decided_by_id=actor.id, decided_at=utcnow())
    db.session.refresh(listing)
    if give and all(c.status is ConsentStatus.GIVEN for c in listing.consents):
        transition(listing, Listing.status, ListingStatus.AWAITING_CONSENT,
                   ListingStatus.LISTED, actor, action="listing.listed",
                   fields=LISTING_FIELDS, conflict=_l("The listing has changed meanwhile."),
                   listed_at=utcnow())
    return consent


LISTING_WORKFLOW = Workflow(
    column=Listing.status, fields=tuple(LISTING_FIELDS),
    moves={"withdraw": Move(
        action="listing.withdrawn",
        sources=(ListingStatus.AWAITING_CONSENT, ListingStatus.LISTED),
        target=ListingStatus.WITHDRAWN, rule=Listing.can_manage,
        refused=_l("Only an administrator of the listing organisation may withdraw it."),
        conflict=_l("The listing is already withdrawn."))},
)


def withdraw_listing(actor, listing: Listing) -> Listing:
    """Take the listing down; open requests on it stay until their parties end them."""
    return LISTING_WORKFLOW.run("withdraw", listing, actor)


def listing_of(patent: Patent, user) -> Listing | None:
    """The newest live listing of the patent that ``user`` may see."""
    rows = db.session.scalars(select(Listing).where(
        Listing.patents.any(Patent.id == patent.id),
        Listing.status != ListingStatus.WITHDRAWN).order_by(Listing.id.desc()))
    return next((row for row in rows if row.can_view(user)), None)



_LISTED_IDS = select(listing_patent.c.patent_id).join(
    Listing, Listing.id == listing_patent.c.listing_id).where(
    listing_patent.c.patent_id.in_(bindparam("ids", expanding=True)),
    Listing.status != ListingStatus.WITHDRAWN)


def listings_for(patent_ids: list[int], user) -> dict[int, Listing]:
    """For each patent id, the newest live listing ``user`` may see (a cheap check first,
    then one query for the patents that have one)."""
    if not patent_ids:
        return {}
    listed = list(set(db.session.connection().execute(
        _LISTED_IDS, {"ids": list(patent_ids)}).scalars()))
    if not listed:
        return {}
    rows = db.session.execute(select(listing_patent.c.patent_id, Listing).join(
        Listing, Listing.id == listing_patent.c.listing_id).where(
        listing_patent.c.patent_id.in_(listed),
        Listing.status != ListingStatus.WITHDRAWN).order_by(Listing.id.desc())).all()
    found: dict[int, Listing] = {}
    for patent_id, listing in rows:
        if patent_id not in found and listing.can_view(user):
            found[patent_id] = listing
    return found


def listing_json(listing: Listing) -> dict:
    """A listing as the API gives it (amounts only when the price is shown)."""
    data = {"id": listing.id, "title": listing.title, "status": listing.status.value,
            "kinds": [k.value for k in listing.offered_kinds],
            "sublicensing_allowed": listing.sublicensing_allowed,
            "fields_of_use": listing.fields_of_use, "territory": listing.territory,
            "term_months": listing.term_months, "price_shown": listing.price_shown,
            "visibility": listing.visibility.value,
            "royalty_kind": listing.royalty_kind.value if listing.royalty_kind else None}
    if listing.price_shown:
        for name in ("lump_sum", "entry_fee", "running_rate", "per_unit", "minimum_annual"):
            value = getattr(listing, name)
            data[name] = str(value) if value is not None else None
    return data
