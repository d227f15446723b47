"""Benefit-sharing agreements (利益分享协议): versions with their terms, signatures, the
statutory-floor policy table and the acknowledgements of agreeing below a floor.

An agreement's terms live in its versions. A draft version is edited; once sent for
signature its rows and its canonical content (``content``, hashed in ``content_sha256``)
never change: an amendment is a new version that every party signs again.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..sharing_rules import PolicyRule as Rule
from ..sharing_rules import TextRule
from .types import Money, RichEnum, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .licensing import Licence
    from .organisations import Organization
    from .patents import Patent
    from .users import User

#: Percentages: up to three digits before the point and ten after (see royalties.as_share).
Percent = Numeric(13, 10)


class AgreementStatus(RichEnum):
    __labels__ = {
        "draft": _l("Draft"),
        "sent": _l("Sent for signature"),
        "in_force": _l("In force"),
        "superseded": _l("Superseded"),
        "cancelled": _l("Cancelled"),
    }

    DRAFT = "draft"
    SENT = "sent"
    IN_FORCE = "in_force"
    SUPERSEDED = "superseded"
    CANCELLED = "cancelled"


class VersionStatus(RichEnum):
    __labels__ = {
        "draft": _l("Draft"),
        "sent": _l("Sent for signature"),
        "signed": _l("Signed by all parties"),
        "superseded": _l("Superseded"),
    }

    DRAFT = "draft"
    SENT = "sent"
    SIGNED = "signed"
    SUPERSEDED = "superseded"


class Agreement(db.Model):
    """A benefit-sharing agreement; ``current_version`` is the version in force (None until
    the first is signed by every party)."""

    __tablename__ = "agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[AgreementStatus] = mapped_column(enum_column(AgreementStatus), index=True)
    created_by_org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreement_version.id", use_alter=True, ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    is_demo: Mapped[bool] = mapped_column(default=False)

    created_by_org: Mapped[Organization] = relationship()
    created_by: Mapped[User | None] = relationship()
    versions: Mapped[list[AgreementVersion]] = relationship(
        back_populates="agreement", order_by="AgreementVersion.number",
        foreign_keys="AgreementVersion.agreement_id", cascade="all, delete-orphan")
    current_version: Mapped[AgreementVersion | None] = relationship(
        foreign_keys=[current_version_id], post_update=True)

    @property
    def latest_version(self) -> AgreementVersion:
        """The newest version (an amendment under way, or the one in force)."""
        return self.versions[-1]

    def party_org_ids(self) -> set[int]:
        """The organisations that are parties to any version."""
        return {p.organization_id for v in self.versions for p in v.parties}

    def is_party_admin(self, user) -> bool:
        """An active admin of an organisation that is a party."""
        return bool(getattr(user, "is_org_admin", False)) and getattr(user, "active", False) \
            and user.organization_id in self.party_org_ids()

    def can_view(self, user) -> bool:
        """The parties' people and platform admins."""
        if getattr(user, "is_platform_admin", False):
            return True
        org_id = getattr(user, "organization_id", None)
        return org_id is not None and (org_id in self.party_org_ids()
                                       or org_id == self.created_by_org_id)

    def can_edit(self, user) -> bool:
        """Who may edit a draft version, send it, sign or amend: a party's active admin
        (whether the version's state allows it is the workflow's check)."""
        return self.is_party_admin(user)


class AgreementVersion(db.Model):
    """One version of an agreement's terms; immutable once sent."""

    __tablename__ = "agreement_version"
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"),
                                              index=True)
    number: Mapped[int]
    status: Mapped[VersionStatus] = mapped_column(enum_column(VersionStatus), index=True)
    #: The canonical terms (see services.agreements.canonical_content) and their SHA-256.
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    agreement: Mapped[Agreement] = relationship(back_populates="versions",
                                                foreign_keys=[agreement_id])
    created_by: Mapped[User | None] = relationship()
    parties: Mapped[list[AgreementParty]] = relationship(
        back_populates="version", order_by="AgreementParty.position",
        cascade="all, delete-orphan")
    patents: Mapped[list[Patent]] = relationship(secondary="agreement_version_patent",
                                                 order_by="Patent.application_number")
    licences: Mapped[list[Licence]] = relationship(secondary="agreement_version_licence",
                                                   order_by="Licence.id")
    signatures: Mapped[list[Signature]] = relationship(
        back_populates="version", order_by="Signature.id", cascade="all, delete-orphan")

    def unsigned_parties(self) -> list[AgreementParty]:
        signed = {s.organization_id for s in self.signatures}
        return [p for p in self.parties if p.organization_id not in signed]


class AgreementParty(db.Model):
    """A party of a version with its ``share`` (percent; a version's shares sum to 100), the
    costs agreed before its internal split (patent fees in yuan, a transfer-office
    percentage), its internal split (percentages summing to 100, all None when it keeps
    its net) and its inventors by contribution."""

    __tablename__ = "agreement_party"
    __table_args__ = (
        UniqueConstraint("version_id", "organization_id", name="uq_agreement_party_org"),
        UniqueConstraint("version_id", "position", name="uq_agreement_party_position"))

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("agreement_version.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    share: Mapped[Decimal] = mapped_column(Percent)
    patent_fees: Mapped[Decimal | None] = mapped_column(Money)
    office_percent: Mapped[Decimal | None] = mapped_column(Percent)
    split_inventors: Mapped[Decimal | None] = mapped_column(Percent)
    split_school: Mapped[Decimal | None] = mapped_column(Percent)
    split_office: Mapped[Decimal | None] = mapped_column(Percent)
    split_institution: Mapped[Decimal | None] = mapped_column(Percent)

    version: Mapped[AgreementVersion] = relationship(back_populates="parties")
    organization: Mapped[Organization] = relationship()
    inventors: Mapped[list[AgreementInventor]] = relationship(
        back_populates="party", order_by="AgreementInventor.position",
        cascade="all, delete-orphan")


class AgreementInventor(db.Model):
    """An inventor (or other contributor) inside a party, with a contribution ``share``
    (percent; a party's inventors' shares sum to 100)."""

    __tablename__ = "agreement_inventor"
    __table_args__ = (UniqueConstraint("party_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("agreement_party.id", ondelete="CASCADE"),
                                          index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    share: Mapped[Decimal] = mapped_column(Percent)

    party: Mapped[AgreementParty] = relationship(back_populates="inventors")
    user: Mapped[User | None] = relationship()


class Signature(db.Model):
    """A party's signature of a version: who, when, and the SHA-256 of the content signed."""

    __tablename__ = "agreement_signature"
    __table_args__ = (UniqueConstraint("version_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("agreement_version.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    content_sha256: Mapped[str] = mapped_column(String(64))

    version: Mapped[AgreementVersion] = relationship(back_populates="signatures")
    organization: Mapped[Organization] = relationship()
    user: Mapped[User] = relationship()


class FloorAcknowledgement(db.Model):
    """A party's explicit acknowledgement, when the version was sent, that it agrees below
    a statutory floor; ``shortfalls`` lists the rules, articles and amounts."""

    __tablename__ = "agreement_floor_acknowledgement"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("agreement_version.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    example_amount: Mapped[Decimal] = mapped_column(Money)
    shortfalls: Mapped[list] = mapped_column(JSON, default=list)
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PolicyRule(db.Model):
    """A row of the statutory-floor policy table (seeded from sharing_rules.DEFAULT_POLICY,
    editable by a platform admin); ``applies_to`` lists patent kinds separated by ","."""

    __tablename__ = "policy_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    rule: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(200))
    article: Mapped[str] = mapped_column(String(40))
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))
    value: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))
    basis: Mapped[str] = mapped_column(String(40))
    applies_to: Mapped[str] = mapped_column(String(100))
    text_version: Mapped[str | None] = mapped_column(String(10))
    refers_to: Mapped[str] = mapped_column(String(60), default="")
    #: Who changed a row is in the audit trail (no user key here: the table is reference
    #: data, kept when users are removed).
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def as_rule(self) -> Rule:
        """The row as the pure sharing_rules.PolicyRule the checks take."""
        value = None if self.value is None else _plain_number(Decimal(self.value))
        return Rule(key=self.key, rule=self.rule, source=self.source, article=self.article,
                    effective_from=self.effective_from, effective_to=self.effective_to,
                    kind=self.kind, value=value, basis=self.basis,
                    applies_to=frozenset(filter(None, self.applies_to.split(","))),
                    text_version=self.text_version, refers_to=self.refers_to)


class PolicyTextRule(db.Model):
    """The configurable rule for which text of the Implementing Regulations applies (one
    row, set by a platform admin; without it sharing_rules.DEFAULT_TEXT_RULE): the 2023
    text when a patent's ``basis`` date is on or after ``switch``."""

    __tablename__ = "policy_text_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    basis: Mapped[str] = mapped_column(String(20))
    switch: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def as_rule(self) -> TextRule:
        return TextRule(basis=self.basis, switch=self.switch)


def _plain_number(value: Decimal) -> Decimal:
    """``value`` without trailing zeros, never in exponent form (50.0000 → 50)."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


agreement_version_patent = db.Table(
    "agreement_version_patent",
    db.Column("version_id", ForeignKey("agreement_version.id", ondelete="CASCADE"),
              primary_key=True),
    db.Column("patent_id", ForeignKey("patent.id"), primary_key=True, index=True),
)

agreement_version_licence = db.Table(
    "agreement_version_licence",
    db.Column("version_id", ForeignKey("agreement_version.id", ondelete="CASCADE"),
              primary_key=True),
    db.Column("licence_id", ForeignKey("licence.id"), primary_key=True, index=True),
)
