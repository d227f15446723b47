"""Patents as lists show them: plain rows read with three or four Core queries for a whole
page (no ORM objects), for the catalogue, its API and an organisation's list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import bindparam, select

from ..extensions import db
from ..models import Patent, PatentIpc, PatentOwner, PatentTag, TagSource
from ..models.alliances import AllianceView
from .directory import all_alliances


@dataclass(frozen=True)
class OwnerLine:
    name: str
    share: Decimal
    organization_id: int | None


@dataclass
class PatentCard:
    """What a list shows of a patent; ``kind`` and ``status`` are the enum values."""

    id: int
    application_number: str
    title: str
    kind: str
    status: str
    legal_status: str
    filing_date: date | None
    publication_date: date | None
    grant_date: date | None
    main_ipc: str
    is_demo: bool
    owners: list[OwnerLine] = field(default_factory=list)
    alliances: list[AllianceView] = field(default_factory=list)  # confirmed tags
    ipc: list[str] = field(default_factory=list)  # only with_ipc=True


IDS = bindparam("ids", expanding=True)
#: built once: the catalogue reads a page of cards on every request
CARDS_SQL = select(Patent.id, Patent.application_number, Patent.title, Patent.kind,
                   Patent.status, Patent.legal_status, Patent.filing_date,
                   Patent.publication_date, Patent.grant_date, Patent.main_ipc,
                   Patent.is_demo).where(Patent.id.in_(IDS))
OWNERS_SQL = select(PatentOwner.patent_id, PatentOwner.name, PatentOwner.share,
                    PatentOwner.organization_id).where(PatentOwner.patent_id.in_(IDS)) \
    .order_by(PatentOwner.patent_id, PatentOwner.position)
TAGS_SQL = select(PatentTag.patent_id, PatentTag.alliance_id).where(
    PatentTag.patent_id.in_(IDS), PatentTag.source == TagSource.CONFIRMED)
IPC_SQL = select(PatentIpc.patent_id, PatentIpc.symbol).where(PatentIpc.patent_id.in_(IDS)) \
    .order_by(PatentIpc.patent_id, PatentIpc.position)


def load_cards(ids: list[int], with_ipc: bool = False) -> list[PatentCard]:
    """The cards of the patents with these ids, in this order (unknown ids are skipped)."""
    if not ids:
        return []
    connection = db.session.connection()
    params = {"ids": list(ids)}
    cards = {}
    for row in connection.execute(CARDS_SQL, params):
        values = row._asdict()
        values["kind"], values["status"] = row.kind.value, row.status.value
        cards[row.id] = PatentCard(**values)
    for patent_id, name, share, org_id in connection.execute(OWNERS_SQL, params):
        cards[patent_id].owners.append(OwnerLine(name, share, org_id))
    alliances = {a.id: a for a in all_alliances()}
    for patent_id, alliance_id in connection.execute(TAGS_SQL, params):
        if alliance_id in alliances:
            cards[patent_id].alliances.append(alliances[alliance_id])
    if with_ipc:
        for patent_id, symbol in connection.execute(IPC_SQL, params):
            cards[patent_id].ipc.append(symbol)
    return [cards[i] for i in ids if i in cards]
