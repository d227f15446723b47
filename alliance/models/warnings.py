"""Early warnings (预警): dates an organisation must not miss (annual fees, expiries, 备案,
royalty reports, open-licence terms) and new patents of outsiders in a watched IPC field.

A warning is computed by ``flask --app wsgi warnings run`` (alliance/services/warnings.py)
and stored once: its key is kind + subject + due date + the organisation (or alliance) it
is for, held by two unique constraints, so computing twice, or twice at once, adds nothing.
A warning whose condition has gone (the fee paid, the licence registered) is not deleted:
it gets ``resolved_at`` and leaves the pages. Acknowledging hides nothing from the record:
it only moves the warning out of the list of open ones.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import RichEnum, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .alliances import Alliance
    from .organisations import Organization
    from .users import User

ONE_RECIPIENT = "(organization_id IS NULL) <> (alliance_id IS NULL)"


class WarningKind(RichEnum):
    __labels__ = {
        "annual_fee": _l("Annual fees due"),
        "patent_expiry": _l("Patents expiring"),
        "licence_expiry": _l("Licences expiring"),
        "registration": _l("备案 registration due"),
        "royalty_report": _l("Royalty reports overdue"),
        "open_licence": _l("Open-licence declarations lapsing"),
        "ipc_watch": _l("New patents of non-members in watched fields"),
    }

    ANNUAL_FEE = "annual_fee"
    PATENT_EXPIRY = "patent_expiry"
    LICENCE_EXPIRY = "licence_expiry"
    REGISTRATION = "registration"
    ROYALTY_REPORT = "royalty_report"
    OPEN_LICENCE = "open_licence"
    IPC_WATCH = "ipc_watch"


#: the page each kind of subject links to: (endpoint, URL value name)
SUBJECT_ENDPOINTS = {
    "patent": ("patents.detail", "patent_id"),
    "licence": ("licensing.licence", "licence_id"),
    "open_licence": ("licensing.open_licence", "offer_id"),
}
#: subjects anyone who may see the warning may open (published patents, declarations)
PUBLIC_SUBJECTS = {"patent", "open_licence"}


class EarlyWarning(db.Model):
    """One warning for one organisation (or, for an alliance's IPC watch, one alliance)."""

    __tablename__ = "early_warning"
    __table_args__ = (
        UniqueConstraint("kind", "subject_type", "subject_id", "due_date", "organization_id",
                         name="uq_early_warning_org_key"),
        UniqueConstraint("kind", "subject_type", "subject_id", "due_date", "alliance_id",
                         name="uq_early_warning_alliance_key"),
        CheckConstraint(ONE_RECIPIENT, name="one_recipient"),
        Index("ix_early_warning_org_open", "organization_id", "resolved_at"),
        Index("ix_early_warning_alliance_open", "alliance_id", "resolved_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[WarningKind] = mapped_column(enum_column(WarningKind))
    subject_type: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int]
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
    alliance_id: Mapped[int | None] = mapped_column(ForeignKey("alliance.id"))
    due_date: Mapped[date] = mapped_column(Date)
    #: what the page shows: the subject's title or reference, the watched subclass
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: set by a run that no longer finds the condition (kept, not deleted)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization | None] = relationship()
    alliance: Mapped[Alliance | None] = relationship()
    acknowledged_by: Mapped[User | None] = relationship()

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    def _coordinates_member(self, user) -> bool:
        """Whether ``user`` coordinates an alliance the warning's organisation is an active
        member of."""
        if self.organization is None:
            return False
        coordinated = {a.id for a in user.coordinated_alliances()}
        return any(m.alliance_id in coordinated for m in self.organization.active_memberships())

    def can_view(self, user) -> bool:
        """People of the organisation; for an alliance's warning its coordinators; the
        coordinators of the organisation's alliances; platform admins."""
        if not getattr(user, "is_authenticated", False) or not user.active:
            return False
        if user.is_platform_admin:
            return True
        if self.organization_id is not None:
            return user.organization_id == self.organization_id \
                or self._coordinates_member(user)
        return self.alliance.is_coordinated_by(user)

    def can_acknowledge(self, user) -> bool:
        """People of the organisation (admins and members); an alliance's warning its
        coordinators. Coordinators only read their members' warnings."""
        if not getattr(user, "is_authenticated", False) or not user.active:
            return False
        if self.organization_id is not None:
            return user.organization_id == self.organization_id
        return self.alliance.is_coordinated_by(user)

    def subject_link(self, user) -> tuple[str, dict] | None:
        """(endpoint, values) of the subject's page when ``user`` may open it, else None."""
        endpoint, name = SUBJECT_ENDPOINTS[self.subject_type]
        if self.subject_type in PUBLIC_SUBJECTS or user.is_platform_admin \
                or user.organization_id == self.organization_id:
            return endpoint, {name: self.subject_id}
        return None


class IpcWatch(db.Model):
    """An IPC subclass watched by an organisation, or by an alliance's coordinators: runs
    flag new published patents in it whose owners are all outside (see
    ``services.warnings``). ``checked_at``: patents recorded or published after it are new."""

    __tablename__ = "ipc_watch"
    __table_args__ = (
        UniqueConstraint("organization_id", "subclass", name="uq_ipc_watch_org_subclass"),
        UniqueConstraint("alliance_id", "subclass", name="uq_ipc_watch_alliance_subclass"),
        CheckConstraint(ONE_RECIPIENT, name="one_watcher"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"),
                                                        index=True)
    alliance_id: Mapped[int | None] = mapped_column(ForeignKey("alliance.id"), index=True)
    subclass: Mapped[str] = mapped_column(String(4))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization: Mapped[Organization | None] = relationship()
    alliance: Mapped[Alliance | None] = relationship()

    def can_view(self, user) -> bool:
        return self.can_manage(user) or (
            self.organization_id is not None
            and getattr(user, "organization_id", None) == self.organization_id)

    def can_manage(self, user) -> bool:
        """An organisation's watches: its admins; an alliance's: its coordinators and
        platform admins."""
        if not getattr(user, "is_authenticated", False) or not user.active:
            return False
        if self.organization_id is not None:
            return user.is_org_admin and user.organization_id == self.organization_id
        return self.alliance.can_manage(user)
