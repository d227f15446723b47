"""factory_boy factories for the models; each commits, so requests see the rows."""

from __future__ import annotations

import factory
from factory.alchemy import SQLAlchemyModelFactory
from werkzeug.security import generate_password_hash

from alliance.extensions import db
from alliance.models import (
    Coordinatorship,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organization,
    OrgStatus,
    Role,
    Sector,
    User,
)
from alliance.validators import uscc_check_char

PASSWORD = "correct-horse-battery"


def make_uscc(n: int) -> str:
    """A valid USCC unique for ``n``: 91 + division 220100 + organisation code + check."""
    first17 = f"91220100{n:08d}" + "X"
    first17 = first17[:17]
    return first17 + uscc_check_char(first17)


class Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class OrganizationFactory(Base):
    class Meta:
        model = Organization

    name_zh = factory.Sequence(lambda n: f"吉林测试机构{n}")
    name_en = factory.Sequence(lambda n: f"Test Organisation {n}")
    uscc = factory.Sequence(make_uscc)
    sector = Sector.ENTERPRISE
    region = "长春市"
    status = OrgStatus.APPROVED


class UserFactory(Base):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.MEMBER
    organization = None
    active = True

    password_hash = factory.LazyFunction(
        lambda: generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
    )


class OrgAdminFactory(UserFactory):
    role = Role.ORG_ADMIN
    organization = factory.SubFactory(OrganizationFactory)


class AdminFactory(UserFactory):
    role = Role.PLATFORM_ADMIN


class MembershipFactory(Base):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    alliance = None
    role = MembershipRole.MEMBER
    status = MembershipStatus.PENDING


def make_coordinator(alliance, **kwargs) -> User:
    user = UserFactory(role=Role.MEMBER, **kwargs)
    db.session.add(Coordinatorship(user=user, alliance=alliance))
    db.session.commit()
    return user
