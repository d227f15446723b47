"""The public patent catalogue: which patents a person may see, and substring search over
title, abstract, owners, number and IPC that works for Chinese without word segmentation.

Terms of three characters or more go through the trigram index (SQLite FTS5 ``trigram``,
PostgreSQL ``pg_trgm``); shorter terms (电池, 锂) fall back to a plain LIKE on the same text,
which is correct though it reads more rows. Every term must match (AND).

A text search counts its matches only up to COUNT_CAP: a common short term (电池) matches
thousands of patents, and counting them all reads the whole table, while the first page in
filing order is found after a few rows of the filing-date index. Above the cap the result
says "more than COUNT_CAP" (``Results.exact`` is False). Filters alone are counted exactly:
their counts come from indexes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import Select, exists, func, literal_column, or_, select, text

from ..extensions import db
from ..models import (
    Organization,
    Patent,
    PatentIpc,
    PatentKind,
    PatentOwner,
    PatentStatus,
    PatentTag,
    Sector,
)
from ..models.listings import (
    LicenceKind,
    Listing,
    ListingStatus,
    OpenLicence,
    OpenLicenceStatus,
    Visibility,
    listing_patent,
)
from ..text import clean_text
from ..validators import parse_ipc, parse_ipc_subclass
from .directory import all_alliances
from .patent_cards import PatentCard, load_cards

SORTS = ("newest", "oldest", "title", "filing")
MAX_TERMS = 8
COUNT_CAP = 2000  # a text search counts up to this many matches (100 pages of 20)


@dataclass(frozen=True)
class CatalogueQuery:
    """What the catalogue is narrowed to; every part optional, all parts combine."""

    q: str = ""
    alliance: str = ""  # alliance code
    ipc: str = ""  # subclass (H01M) or main group (H01M 10/00)
    kind: PatentKind | None = None
    status: PatentStatus | None = None
    sector: Sector | None = None  # any owner's sector
    licensable: bool = False  # listed for licensing (publicly)
    licence_kind: LicenceKind | None = None  # a public listing offers this kind
    open_licence: bool = False  # under an open licence declaration
    sort: str = "newest"

    def is_blank(self) -> bool:
        return all(getattr(self, f.name) in ("", None, False, "newest") for f in fields(self))


def search_terms(q: str) -> list[str]:
    """The query's terms: cleaned, lower-cased, split on spaces, at most MAX_TERMS."""
    return [t for t in (clean_text(q or "") or "").lower().split()][:MAX_TERMS]


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _term_clause(term: str, dialect: str):
    if dialect == "sqlite" and len(term) >= 3:
        phrase = '"' + term.replace('"', '""') + '"'
        matches = text("SELECT rowid FROM patent_fts WHERE patent_fts MATCH :phrase") \
            .bindparams(phrase=phrase).columns(literal_column("rowid"))
        return Patent.id.in_(matches)
    return Patent.search_text.like(_like_pattern(term), escape="\\")


def visible_clause(user):
    """Published patents, and the unpublished applications of the user's organisation."""
    org_id = getattr(user, "organization_id", None)
    if not getattr(user, "is_authenticated", False) or org_id is None:
        return Patent.is_published
    own = exists().where(PatentOwner.patent_id == Patent.id,
                         PatentOwner.organization_id == org_id)
    return or_(Patent.is_published, own)


def parse_ipc_filter(value: str) -> tuple[str, str]:
    """("subclass", "H01M"), ("main_group", "H01M 10/00") or ("symbol", "H01M 10/0525")
    from what a person types; raises alliance.validators.ValidationError."""
    compact = "".join((clean_text(value) or "").split()).upper()
    if len(compact) <= 4:
        return "subclass", parse_ipc_subclass(compact)
    if "/" not in compact:
        compact += "/00"
    symbol = parse_ipc(compact)
    if symbol.subgroup == "00":
        return "main_group", symbol.main_group
    return "symbol", symbol.symbol


def _ipc_clause(ipc: str):
    column, value = parse_ipc_filter(ipc)
    return exists().where(PatentIpc.patent_id == Patent.id,
                          getattr(PatentIpc, column) == value)


OFFERS = {LicenceKind.EXCLUSIVE: Listing.offers_exclusive, LicenceKind.SOLE: Listing.offers_sole,
          LicenceKind.NON_EXCLUSIVE: Listing.offers_non_exclusive}


def _listed_clause(kind: LicenceKind | None):
    """The patent is in a public listing (offering ``kind``, when given)."""
    conditions = [listing_patent.c.patent_id == Patent.id,
                  listing_patent.c.listing_id == Listing.id,
                  Listing.status == ListingStatus.LISTED,
                  Listing.visibility == Visibility.PUBLIC]
    if kind is not None:
        conditions.append(OFFERS[kind].is_(True))
    return exists().where(*conditions)


def filtered(query: CatalogueQuery, user) -> Select:
    """SELECT of the patent ids the query finds among those ``user`` may see."""
    dialect = db.engine.dialect.name
    stmt = select(Patent.id).where(visible_clause(user))
    for term in search_terms(query.q):
        stmt = stmt.where(_term_clause(term, dialect))
    if query.kind is not None:
        stmt = stmt.where(Patent.kind == query.kind)
    if query.status is not None:
        stmt = stmt.where(Patent.status == query.status)
    if query.ipc:
        stmt = stmt.where(_ipc_clause(query.ipc))
    if query.alliance:
        alliance_id = next((a.id for a in all_alliances() if a.code == query.alliance), None)
        stmt = stmt.where(Patent.id.in_(
            select(PatentTag.patent_id).where(PatentTag.alliance_id == alliance_id)))
    if query.licensable or query.licence_kind is not None:
        stmt = stmt.where(_listed_clause(query.licence_kind))
    if query.open_licence:
        stmt = stmt.where(exists().where(OpenLicence.patent_id == Patent.id,
                                         OpenLicence.status == OpenLicenceStatus.DECLARED))
    if query.sector is not None:
        stmt = stmt.where(exists().where(
            PatentOwner.patent_id == Patent.id,
            PatentOwner.organization_id == Organization.id,
            Organization.sector == query.sector))
    return stmt


def _ordered(stmt: Select, sort: str) -> Select:
    if sort == "oldest":
        return stmt.order_by(Patent.filing_date.asc(), Patent.id.asc())
    if sort == "title":
        return stmt.order_by(Patent.title.asc(), Patent.id.asc())
    return stmt.order_by(Patent.filing_date.desc(), Patent.id.desc())


@dataclass(frozen=True)
class Results:
    """One page of the catalogue: ``total`` matches (a lower bound when not ``exact``)."""

    total: int
    exact: bool
    items: list[PatentCard]


def count_matches(ids: Select, cap: int | None) -> tuple[int, bool]:
    """(how many rows ``ids`` selects, exact?): with a ``cap``, counting stops after cap + 1
    rows and a larger result answers (cap, False)."""
    connection = db.session.connection()  # Core: no ORM work for a plain count
    if cap is None:
        return connection.scalar(select(func.count()).select_from(ids.subquery())), True
    found = connection.scalar(select(func.count()).select_from(ids.limit(cap + 1).subquery()))
    return (found, True) if found <= cap else (cap, False)


def search(query: CatalogueQuery, user, page: int, per_page: int,
           with_ipc: bool = False) -> Results:
    """The matches of the query on ``page`` (from 1) in the chosen order, as PatentCards
    (every IPC symbol with ``with_ipc``), and their count (capped at COUNT_CAP for a text
    search)."""
    ids = filtered(query, user)
    total, exact = count_matches(ids, COUNT_CAP if search_terms(query.q) else None)
    if total == 0:
        return Results(0, True, [])
    page_ids = db.session.connection().execute(
        _ordered(ids, query.sort).limit(per_page).offset((page - 1) * per_page)).scalars().all()
    return Results(total, exact, load_cards(page_ids, with_ipc))
