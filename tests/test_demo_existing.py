"""The demo load next to real records: an organisation or account that exists already is
left alone, gets no demo membership, and owns no generated patent or licensing record."""

from __future__ import annotations

from sqlalchemy import func, select

from alliance.demo import load
from alliance.models import (
    Membership,
    Organization,
    Patent,
    PatentOwner,
    Role,
    Sector,
    User,
)
from alliance.models.licensing import Licence, LicenceRequest
from alliance.models.listings import Listing

from . import factories


def test_existing_organisation_and_user_are_left_alone(db):
    real = factories.OrganizationFactory(name_zh="华南理工大学", sector=Sector.UNIVERSITY)
    factories.UserFactory(email="admin@example.org", role=Role.PLATFORM_ADMIN)

    summary = load()

    assert summary.organizations == 599 and summary.users == 5
    assert db.session.scalar(select(func.count()).where(
        Organization.name_zh == "华南理工大学")) == 1
    db.session.refresh(real)
    assert not real.is_demo and real.uscc is not None
    assert not db.session.scalars(select(Membership).filter_by(organization_id=real.id)).all()
    admin = User.find_by_email("admin@example.org")
    assert admin.check_password(factories.PASSWORD) and not admin.is_demo
    # generated patents only between demo organisations; the demo's licensing story is the
    # real organisation's, so it is not played at all
    assert summary.patents > 1000
    assert not db.session.scalars(select(PatentOwner).filter_by(organization_id=real.id)).all()
    assert db.session.scalar(select(func.count()).select_from(Patent)) == summary.patents
    for model in (Listing, LicenceRequest, Licence):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0
    assert (summary.listings, summary.licence_requests, summary.licences) == (0, 0, 0)
