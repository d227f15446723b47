"""Who hears of each move in licensing: the other side's administrators (both sides when a
licence is granted or a request expires), on the platform and by mail as they chose."""

from __future__ import annotations

from ..models import Organization
from ..models.licensing import Licence, LicenceRequest
from ..models.listings import Listing
from .notification_events import in_languages
from .notifications import link_to, notify

#: events the owner's side hears of; the requester hears of the others
TO_OWNER = {"licence_request_submitted", "licence_request_revised",
            "licence_request_withdrawn"}
TO_BOTH = {"licence_granted", "licence_request_expired"}


def _names(req: LicenceRequest) -> dict:
    owner, requester = req.listing.organization, req.requester
    return {"owner": in_languages(lambda: owner.name), "org": in_languages(lambda: requester.name),
            "listing": req.listing.title}


def request_moved(req: LicenceRequest, event: str) -> None:
    """Tell the side that must answer (or both sides) that ``req`` moved."""
    owner, requester = req.listing.organization, req.requester
    if event in TO_BOTH:
        people = owner.active_admins() + requester.active_admins()
    elif event in TO_OWNER:
        people = owner.active_admins()
    else:
        people = requester.active_admins()
    params = _names(req)
    if event == "licence_granted" and req.licence is not None:
        params["due"] = req.licence.registration_due.isoformat()
    notify(people, event, link_to("licensing.request", request_id=req.id), **params)


def consent_asked(listing: Listing, co_owners: list[Organization]) -> None:
    owner = listing.organization
    people = [admin for org in co_owners for admin in org.active_admins()]
    notify(people, "listing_consent_asked", link_to("licensing.listing", listing_id=listing.id),
           owner=in_languages(lambda: owner.name), listing=listing.title)


def open_licence_obtained(licence: Licence) -> None:
    licensee = licence.licensee
    notify(licence.licensor.active_admins(), "open_licence_obtained",
           link_to("licensing.licence", licence_id=licence.id),
           org=in_languages(lambda: licensee.name),
           listing=", ".join(p.application_number for p in licence.patents),
           due=licence.registration_due.isoformat())
