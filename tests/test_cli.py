"""``flask create-admin``: the account service's rules, and no silent password reset."""

import pytest

from alliance.models import AuditEvent, Role, User
from alliance.services.accounts import PASSWORD_MIN

from .factories import PASSWORD, OrgAdminFactory, UserFactory


@pytest.fixture
def create_admin(app):
    runner = app.test_cli_runner()

    def run(*args):
        return runner.invoke(args=["create-admin", *args])

    return run


def test_creates_a_platform_admin_and_audits_it(create_admin, db):
    result = create_admin("--email", "boss@example.org", "--name", "Boss",
                          "--password", "a-long-password")
    assert result.exit_code == 0, result.output
    assert "Created platform administrator boss@example.org" in result.output
    user = User.find_by_email("boss@example.org")
    assert user.is_platform_admin and user.check_password("a-long-password")
    event = db.session.scalar(db.select(AuditEvent).filter_by(action="user.created_admin"))
    assert event.object_id == user.id and event.after["role"] == "platform_admin"


def test_password_rule_is_the_registration_rule(create_admin, db):
    too_short = "x" * (PASSWORD_MIN - 1)
    result = create_admin("--email", "x@example.org", "--name", "X", "--password", too_short)
    assert result.exit_code != 0
    assert f"at least {PASSWORD_MIN} characters" in result.output
    assert User.find_by_email("x@example.org") is None
    just_enough = create_admin("--email", "y@example.org", "--name", "Y",
                               "--password", "y" * PASSWORD_MIN)
    assert just_enough.exit_code == 0, just_enough.output


def test_invalid_email_is_refused(create_admin, db):
    result = create_admin("--email", "not-an-address", "--name", "X",
                          "--password", "a-long-password")
    assert result.exit_code != 0 and "--email" in result.output
    assert db.session.scalar(db.select(User)) is None


def test_existing_account_keeps_its_password_unless_asked(create_admin, db):
    person = OrgAdminFactory(email="it@example.org")
    refused = create_admin("--email", "IT@example.org", "--name", "X",
                           "--password", "another-password")
    assert refused.exit_code != 0 and "--reset-password" in refused.output
    db.session.refresh(person)
    assert person.role is Role.ORG_ADMIN and person.check_password(PASSWORD)

    reset = create_admin("--email", "it@example.org", "--name", "X",
                         "--password", "another-password", "--reset-password")
    assert reset.exit_code == 0, reset.output
    assert "password reset" in reset.output
    db.session.refresh(person)
    assert person.is_platform_admin and person.check_password("another-password")
    event = db.session.scalar(db.select(AuditEvent).filter_by(action="user.promoted_admin"))
    assert event.before["role"] == "org_admin" and event.after["role"] == "platform_admin"


def test_promotion_with_the_accounts_own_password_needs_no_reset(create_admin, db):
    person = UserFactory(email="member@example.org")
    result = create_admin("--email", "member@example.org", "--name", "X", "--password", PASSWORD)
    assert result.exit_code == 0, result.output
    db.session.refresh(person)
    assert person.is_platform_admin and person.check_password(PASSWORD)


def test_reset_password_still_checks_the_rule(create_admin, db):
    person = UserFactory(email="member@example.org")
    result = create_admin("--email", "member@example.org", "--name", "X", "--password", "short",
                          "--reset-password")
    assert result.exit_code != 0
    db.session.refresh(person)
    assert person.role is Role.MEMBER and person.check_password(PASSWORD)
