"""Every text field is cleaned before it is validated or stored: NFKC, no invisible
characters, no look-alikes; lengths are checked by the form, never by the database."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance.models import Invitation, Organization, OrgStatus, Role, User
from alliance.services import ServiceError
from alliance.services.accounts import create_user
from alliance.text import clean_text, compact, is_lookalike_email

from .factories import OrgAdminFactory, OrganizationFactory
from .test_auth import VALID_USCC, count, registration

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u202d", "\u202e", "\u2060"]
BLANKS = [" " * 5, "\u3000" * 5, "\u00a0" * 5, "\u200b\u3000 \ufeff"]
CYRILLIC_ADMIN = "\u0430dmin@example.org"  # а (U+0430) for a


@pytest.mark.parametrize(("raw", "clean"), [
    ("  吉林\u200b大学 ", "吉林大学"), ("ＡＢＣ科技　有限公司", "ABC科技 有限公司"),
    ("a\u00a0\u00a0b", "a b"), ("soft\u00adhyphen", "softhyphen"), ("x\u202ey", "xy"),
    ("bell\x07", "bell"), ("two\nlines", "two lines"), ("\u3000" * 300, ""),
])
def test_clean_text_single_line(raw, clean):
    assert clean_text(raw) == clean


def test_clean_text_multiline_keeps_line_breaks_and_drops_blank_runs():
    assert clean_text(" 第一段\r\n\r\n\r\n\r\n第二段 \u200b\n  第三行 ", multiline=True) == \
        "第一段\n\n第二段\n第三行"


def test_compact_removes_the_spaces_people_type_in_codes():
    assert compact(" 9133 0100 7996 5505 8B ") == "91330100799655058B"
    assert compact("９１３３０１００７９９６５５０５８Ｂ") == "91330100799655058B"


@given(st.text())
def test_clean_text_is_idempotent_and_leaves_nothing_invisible(raw):
    once = clean_text(raw)
    assert clean_text(once) == once
    assert not any(unicodedata.category(char) in ("Cf", "Cc") for char in once)
    assert once == once.strip()


@given(st.text())
def test_multiline_cleaning_is_idempotent(raw):
    once = clean_text(raw, multiline=True)
    assert clean_text(once, multiline=True) == once
    assert "\r" not in once and "\n\n\n" not in once


@pytest.mark.parametrize("blank", BLANKS)
def test_a_blank_uscc_is_refused_on_registration_and_nothing_is_stored(client, db, blank):
    response = client.post("/auth/register", data=registration(uscc=blank))
    assert response.status_code == 400
    assert "统一社会信用代码" in response.get_data(as_text=True)
    assert count(db, Organization) == 0 and count(db, User) == 0


@pytest.mark.parametrize("blank", BLANKS)
def test_a_registration_under_review_keeps_its_uscc(client, db, login, blank):
    admin = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    uscc = admin.organization.uscc
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/edit", data={
        "name_zh": admin.organization.name_zh, "uscc": blank, "sector": "enterprise"})
    assert response.status_code == 400
    assert "注册申请必须填写统一社会信用代码。" in response.get_data(as_text=True)
    db.session.refresh(admin.organization)
    assert admin.organization.uscc == uscc


@pytest.mark.parametrize("typed", [
    " 9133 0100 7996 5505 8b ", "９１３３０１００７９９６５５０５８ｂ", "91330100\u200b799655058B",
])
def test_a_uscc_typed_with_spaces_or_full_width_is_cleaned(client, db, typed):
    response = client.post("/auth/register", data=registration(uscc=typed))
    assert response.status_code == 302
    assert db.session.scalar(db.select(Organization.uscc)) == VALID_USCC


def test_lengths_are_checked_on_the_cleaned_text_by_the_form(client, db):
    # 200 characters plus invisible ones: fits once cleaned
    name = "研" * 190 + "\u200b" * 50 + "究所" * 5
    assert client.post("/auth/register", data=registration(org_name_zh=name)).status_code == 302
    stored = db.session.scalar(db.select(Organization.name_zh))
    assert stored == "研" * 190 + "究所" * 5


@pytest.mark.parametrize("field", ["org_name_zh", "region", "name"])
def test_a_long_run_of_ideographic_spaces_is_a_400_not_a_500(client, db, field):
    response = client.post("/auth/register", data=registration(**{field: "\u3000" * 5000}))
    assert response.status_code in (302, 400)
    if field in ("org_name_zh", "name"):  # required: blank once cleaned
        assert response.status_code == 400
        assert count(db, Organization) == 0
    else:
        assert db.session.scalar(db.select(Organization.region)) == ""


def test_too_long_is_a_form_error_not_a_database_error(client, db):
    too_long = client.post("/auth/register", data=registration(org_name_zh="长" * 201))
    assert too_long.status_code == 400
    assert "200" in too_long.get_data(as_text=True)
    assert count(db, Organization) == 0


@pytest.mark.parametrize("lookalike", ["吉林大\u200b学", "吉林大学\ufeff", "吉林大学\u2060",
                                       "\u3000吉林大学 "])
def test_an_invisible_character_does_not_make_a_new_name(client, db, lookalike):
    OrganizationFactory(name_zh="吉林大学")
    response = client.post("/auth/register", data=registration(org_name_zh=lookalike))
    assert response.status_code in (400, 409)
    assert "同名机构已经注册。" in response.get_data(as_text=True)
    assert count(db, Organization) == 1


def test_full_width_letters_do_not_make_a_new_name(client, db):
    OrganizationFactory(name_zh="ABC科技有限公司")
    response = client.post("/auth/register", data=registration(org_name_zh="ＡＢＣ科技有限公司"))
    assert response.status_code in (400, 409)
    assert count(db, Organization) == 1


@pytest.mark.parametrize(("address", "lookalike"), [
    (CYRILLIC_ADMIN, True), ("p\u0430yp\u0430l@example.org", True),
    ("\u0430\u0441\u0441\u0435@example.org", True), ("admin@ex\u0430mple.org", True),
    ("admin@example.org", False), ("张三@例子.中国", False), ("олег@example.org", False),
    ("müller@example.de", False),
])
def test_lookalike_rule(address, lookalike):
    assert is_lookalike_email(address) is lookalike


def test_a_cyrillic_lookalike_email_is_refused_on_registration(client, db):
    response = client.post("/auth/register", data=registration(email=CYRILLIC_ADMIN))
    assert response.status_code == 400
    assert "混用了不同文字的字母" in response.get_data(as_text=True)
    assert count(db, User) == 0


def test_a_cyrillic_lookalike_email_is_refused_on_invitation(client, db, login):
    admin = OrgAdminFactory()
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/invitations",
                           data={"email": CYRILLIC_ADMIN, "role": "member"})
    assert response.status_code == 400
    assert "混用了不同文字的字母" in response.get_data(as_text=True)
    assert count(db, Invitation) == 0


def test_a_cyrillic_lookalike_email_is_refused_on_accepting_an_open_invitation(client, db):
    from alliance.services.invitations import invite

    admin = OrgAdminFactory()
    _invitation, token = invite(admin, admin.organization, Role.MEMBER, "", 7)
    db.session.commit()
    response = client.post(f"/auth/join/{token}", data={
        "name": "X", "email": CYRILLIC_ADMIN, "password": "invited-password",
        "confirm": "invited-password"})
    assert response.status_code == 400
    assert "混用了不同文字的字母" in response.get_data(as_text=True)
    assert User.find_by_email(CYRILLIC_ADMIN) is None


def test_services_refuse_lookalikes_without_a_form(db):
    with pytest.raises(ServiceError) as caught:
        create_user(CYRILLIC_ADMIN, "X", "long-enough-password", Role.MEMBER)
    assert caught.value.field == "email"


def test_services_clean_names_without_a_form(db):
    user = create_user("plain@example.org", " 王\u200b老师 ", "long-enough-password",
                       Role.MEMBER)
    assert user.name == "王老师"
