"""Suggest listings and organisations for a need (scores from alliance.need_matching) and
tell the owners of the best matching listings when the need is posted.

Candidates are the listed offers whose organisation may see the need, and for
organisations also the published patents owned by approved organisations that share an
IPC subclass with the need or contain one of its keywords. The need's own organisation is
never suggested.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Organization, OrgStatus, Patent, PatentIpc, PatentOwner
from ..models.listings import Listing, ListingStatus
from ..models.needs import Need
from ..need_matching import Candidate, Match, NeedText, best_per_owner, parse_symbols, rank
from .catalogue import _term_clause, search_terms
from .notifications import in_languages, link_to, notify

NOTIFY_TOP = 3  # owners of this many best listings hear of a new need
PATENT_CANDIDATES = 500  # at most this many patents are scored for organisations


@dataclass(frozen=True)
class Suggestion:
    """A match with the record it points to and its reasons in the reader's language."""

    record: object
    match: Match
    reasons: list[str]

    @property
    def percent(self) -> int:
        return round(self.match.score * 100)


def need_text(need: Need) -> NeedText:
    lines = [need.title, need.description, *need.keywords.split()]
    return NeedText(text="\n".join(lines), symbols=parse_symbols(need.symbols))


def _patent_text(patent: Patent) -> str:
    return f"{patent.title} {patent.abstract}"


def listing_candidates(need: Need) -> dict[int, Listing]:
    """Listed offers of other organisations that may see the need, by id."""
    rows = db.session.scalars(select(Listing).where(
        Listing.status == ListingStatus.LISTED, Listing.organization_id != need.organization_id)
        .options(selectinload(Listing.organization),
                 selectinload(Listing.patents).selectinload(Patent.ipc_symbols))).all()
    seeing = need.visible_to_orgs({row.organization_id for row in rows})
    return {row.id: row for row in rows if row.organization_id in seeing}


def _listing_candidate(listing: Listing) -> Candidate:
    text = " ".join([listing.title, listing.description,
                     *(_patent_text(p) for p in listing.patents)])
    symbols = tuple(dict.fromkeys(s for p in listing.patents for s in p.ipc))
    return Candidate(listing.id, listing.organization_id, text, symbols)


def match_listings(need: Need, limit: int = 10) -> list[tuple[Listing, Match]]:
    listings = listing_candidates(need)
    matches = rank(need_text(need), [_listing_candidate(x) for x in listings.values()],
                   limit=limit)
    return [(listings[m.key], m) for m in matches]


def _patent_rows(need: Need, subclasses: set[str]) -> list[Patent]:
    dialect = db.engine.dialect.name
    clauses = [Patent.id.in_(select(PatentIpc.patent_id).where(
        PatentIpc.subclass.in_(subclasses)))] if subclasses else []
    clauses += [_term_clause(term, dialect) for term in search_terms(need.keywords)]
    if not clauses:
        return []
    owned = select(PatentOwner.patent_id).join(
        Organization, Organization.id == PatentOwner.organization_id).where(
        Organization.status == OrgStatus.APPROVED,
        Organization.id != need.organization_id)
    return list(db.session.scalars(select(Patent).where(
        Patent.is_published, Patent.id.in_(owned), or_(*clauses))
        .options(selectinload(Patent.ipc_symbols), selectinload(Patent.owners))
        .order_by(Patent.id.desc()).limit(PATENT_CANDIDATES)))


def match_organisations(need: Need, listing_matches: list[tuple[Listing, Match]],
                        limit: int = 5) -> list[tuple[Organization, Match]]:
    """Organisations whose listings or patents match best (their best match each)."""
    text = need_text(need)
    patents = _patent_rows(need, {s.subclass for s in text.symbols})
    seeing = need.visible_to_orgs({o for p in patents for o in p.owner_org_ids}) \
        - {need.organization_id}
    candidates = [Candidate(("patent", p.id), org_id, _patent_text(p), tuple(p.ipc))
                  for p in patents for org_id in p.owner_org_ids if org_id in seeing]
    matches = rank(text, candidates, limit=len(candidates) or 1)
    best = best_per_owner([m for _listing, m in listing_matches] + matches, limit)
    orgs = {o.id: o for o in db.session.scalars(select(Organization).where(
        Organization.id.in_([m.owner for m in best])))}
    return [(orgs[m.owner], m) for m in best if m.owner in orgs]


def reasons(match: Match) -> list[str]:
    """The match's reasons in the current language."""
    return [gettext(r.template) % r.params for r in match.reasons]


def suggestions(need: Need) -> tuple[list[Suggestion], list[Suggestion]]:
    """(listings, organisations) suggested for ``need``, best first, with reasons."""
    listed = match_listings(need)
    orgs = match_organisations(need, listed)
    return ([Suggestion(x, m, reasons(m)) for x, m in listed],
            [Suggestion(o, m, reasons(m)) for o, m in orgs])


def tell_owners(need: Need) -> list:
    """Tell the administrators of the organisations behind the NOTIFY_TOP best listings."""
    told = []
    org = need.organization
    for listing, _match in match_listings(need, limit=NOTIFY_TOP):
        told += notify(listing.organization.active_admins(), "need_matched",
                       link_to("needs.detail", need_id=need.id), need=need.title,
                       listing=listing.title, org=in_languages(lambda: org.name))
    return told
