"""Registration, login, logout, password change, invitations."""

from alliance.models import AuditEvent, Invitation, Organization, OrgStatus, Role, User

from .factories import PASSWORD, OrgAdminFactory, UserFactory, make_uscc

VALID_USCC = "91330100799655058B"


def registration(**overrides):
    data = {
        "org_name_zh": "长春光学精密机械研究所测试", "org_name_en": "Test Institute",
        "uscc": " 91330100799655058b ", "sector": "research_institute", "region": "长春市",
        "website": "", "name": "王老师", "email": "Wang@Example.org",
        "password": "long-enough-password", "confirm": "long-enough-password",
    }
    data.update(overrides)
    return data


def count(db, model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_register_creates_pending_organisation_and_admin(client, db):
    response = client.post("/auth/register", data=registration())
    assert response.status_code == 302
    org = db.session.scalar(db.select(Organization))
    assert org.status is OrgStatus.PENDING
    assert org.uscc == VALID_USCC
    user = User.find_by_email("wang@example.org")
    assert user.role is Role.ORG_ADMIN and user.organization_id == org.id
    actions = set(db.session.scalars(db.select(AuditEvent.action)))
    assert {"organization.registered", "user.registered"} <= actions


def test_register_rejects_invalid_uscc(client, db):
    response = client.post("/auth/register", data=registration(uscc="91330100799655058A"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "invalid-feedback" in page and "uscc" in page
    assert count(db, Organization) == 0 and count(db, User) == 0


def test_register_rejects_duplicate_email_ignoring_case(client, db):
    UserFactory(email="wang@example.org")
    response = client.post("/auth/register", data=registration(email="WANG@example.ORG"))
    assert response.status_code == 400
    assert count(db, Organization) == 0


def test_register_rejects_duplicate_uscc(client, db):
    OrgAdminFactory(organization__uscc=VALID_USCC)
    response = client.post("/auth/register", data=registration())
    assert response.status_code == 400
    assert count(db, Organization) == 1


def test_register_rejects_mismatched_passwords(client, db):
    response = client.post("/auth/register", data=registration(confirm="something-else-1"))
    assert response.status_code == 400
    assert count(db, User) == 0


def test_login_and_logout(client, db):
    user = UserFactory()
    response = client.post("/auth/login", data={"email": user.email.upper(),
                                                "password": PASSWORD})
    assert response.status_code == 302
    assert user.name in client.get("/").get_data(as_text=True)
    assert client.post("/auth/logout").status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert user.name not in home and 'href="/auth/login' in home


def test_login_wrong_password_is_refused(client, db):
    user = UserFactory()
    response = client.post("/auth/login", data={"email": user.email, "password": "wrong-one"})
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "电子邮箱或密码错误。" in page and 'name="password"' in page
    assert "/auth/logout" not in page


def test_deactivated_account_with_the_right_password_is_told_so(client, db):
    user = UserFactory(active=False, organization=OrgAdminFactory().organization)
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "该账号已停用" in page and "请联系本机构管理员" in page
    assert "/auth/logout" not in page


def test_deactivated_by_the_platform_is_sent_to_the_platform_admins(client, db):
    user = UserFactory(active=False, locked_by_platform=True)
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "平台管理员" in response.get_data(as_text=True)


def test_deactivated_account_with_a_wrong_password_learns_nothing(client, db):
    user = UserFactory(active=False)
    response = client.post("/auth/login", data={"email": user.email, "password": "wrong-one"})
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "电子邮箱或密码错误。" in page and "停用" not in page


def test_login_is_rate_limited(app, client, db):
    user = UserFactory()
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    for _ in range(limit):
        client.post("/auth/login", data={"email": user.email, "password": "wrong-one"})
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429


def test_login_next_only_goes_to_this_site(client, db):
    user = UserFactory()
    response = client.post("/auth/login?next=https://evil.example/", data={
        "email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]


def test_change_password(client, db, login):
    user = UserFactory()
    login(user)
    response = client.post("/auth/password", data={
        "current": PASSWORD, "password": "a-brand-new-password", "confirm": "a-brand-new-password"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.check_password("a-brand-new-password")


def test_change_password_wrong_current(client, db, login):
    user = UserFactory()
    login(user)
    response = client.post("/auth/password", data={
        "current": "not-my-password", "password": "a-brand-new-password",
        "confirm": "a-brand-new-password"})
    assert response.status_code == 400
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_invitation_journey(client, db, login):
    admin = OrgAdminFactory()
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/invitations",
                           data={"email": "", "role": "member"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    link = page.split('id="new-link" class="form-control" readonly value="')[1].split('"')[0]
    token = link.rsplit("/", 1)[1]
    client.post("/auth/logout")
    response = client.post(f"/auth/join/{token}", data={
        "name": "李研究员", "email": "li@example.org",
        "password": "invited-password", "confirm": "invited-password"})
    assert response.status_code == 302
    user = User.find_by_email("li@example.org")
    assert user.organization_id == admin.organization_id and user.role is Role.MEMBER
    client.post("/auth/logout")
    # the link is spent
    response = client.post(f"/auth/join/{token}", data={
        "name": "Someone", "email": "other@example.org",
        "password": "invited-password", "confirm": "invited-password"})
    assert response.status_code == 410
    assert User.find_by_email("other@example.org") is None


def test_invitation_bound_to_email(client, db, login):
    admin = OrgAdminFactory()
    from alliance.services.invitations import invite

    _invitation, token = invite(admin, admin.organization, Role.MEMBER, "only@example.org", 7)
    db.session.commit()
    page = client.get(f"/auth/join/{token}").get_data(as_text=True)
    # the address is shown, fixed, with a note saying so
    assert 'value="only@example.org"' in page and "readonly" in page
    assert "该邀请发送至此地址" in page
    # a posted address is ignored: the account gets the invited one
    response = client.post(f"/auth/join/{token}", data={
        "name": "X", "email": "intruder@example.org",
        "password": "invited-password", "confirm": "invited-password"})
    assert response.status_code == 302
    assert User.find_by_email("intruder@example.org") is None
    assert User.find_by_email("only@example.org").organization_id == admin.organization_id


def test_unknown_invitation_token(client, db):
    response = client.get("/auth/join/not-a-token")
    assert response.status_code == 410
    assert "该邀请链接已失效。" in response.get_data(as_text=True)


def test_member_cannot_invite(client, db, login):
    admin = OrgAdminFactory()
    member = UserFactory(organization=admin.organization)
    login(member)
    response = client.post(f"/organisations/{admin.organization_id}/invitations",
                           data={"role": "member"})
    assert response.status_code == 403
    assert count(db, Invitation) == 0


def test_pending_organisation_cannot_invite(client, db, login):
    admin = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/invitations",
                           data={"role": "member"})
    assert response.status_code == 403
    assert "只有已通过审核的机构的管理员才能邀请人员。" in response.get_data(as_text=True)
    assert count(db, Invitation) == 0


def test_uscc_fixture_is_valid():
    from alliance.validators import is_valid_uscc

    assert is_valid_uscc(make_uscc(42))


def test_invitation_spent_concurrently_creates_no_user(db):
    """Another request accepted the link after this one loaded it: no second account."""
    from alliance.services import Conflict
    from alliance.services.invitations import accept_invitation, invite

    admin = OrgAdminFactory()
    invitation, _token = invite(admin, admin.organization, Role.MEMBER, "", 7)
    db.session.commit()
    assert invitation.is_usable
    with db.engine.begin() as other_request:
        other_request.execute(db.update(Invitation).where(Invitation.id == invitation.id)
                              .values(accepted_at=db.func.now()))
    try:
        accept_invitation(invitation, email="late@example.org", name="Late",
                          password="late-password-1")
    except Conflict as error:
        assert error.status == 410
    else:
        raise AssertionError("a spent invitation was accepted twice")
    db.session.rollback()
    assert User.find_by_email("late@example.org") is None


def test_password_change_ends_other_sessions(app, client, db, login):
    user = UserFactory()
    other_browser = app.test_client()
    other_browser.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert other_browser.get("/auth/password").status_code == 200
    login(user)
    client.post("/auth/password", data={"current": PASSWORD, "password": "a-new-password-1",
                                         "confirm": "a-new-password-1"})
    assert client.get("/auth/password").status_code == 200  # this session carries on
    assert other_browser.get("/auth/password").status_code == 302  # the other is logged out


def test_invitation_dies_with_its_creators_rights(client, db):
    from alliance.services.invitations import invite

    admin = OrgAdminFactory()
    _invitation, token = invite(admin, admin.organization, Role.ORG_ADMIN, "", 7)
    admin.active = False
    db.session.commit()
    response = client.post(f"/auth/join/{token}", data={
        "name": "X", "email": "late@example.org",
        "password": "invited-password", "confirm": "invited-password"})
    assert response.status_code == 410
    assert User.find_by_email("late@example.org") is None


def test_inviting_an_existing_account_is_refused(client, db, login):
    admin = OrgAdminFactory()
    existing = UserFactory()
    login(admin)
    response = client.post(f"/organisations/{admin.organization_id}/invitations",
                           data={"email": existing.email, "role": "member"})
    assert response.status_code == 409
    assert count(db, Invitation) == 0


def test_nul_bytes_are_refused(client, db):
    assert client.get("/organisations/?q=a%00b").status_code == 400
    response = client.post("/auth/register", data=registration(org_name_zh="机构\x00X"))
    assert response.status_code == 400
    assert count(db, Organization) == 0


def test_rate_limit_page_is_in_chinese(app, client, db):
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    for _ in range(limit + 1):
        response = client.post("/auth/login", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "per 1 minute" not in page
    assert "尝试次数过多" in page


def test_anonymous_login_prompt_is_translated(client):
    response = client.get("/organisations/mine", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "请先登录后再访问此页面。" in page and 'name="password"' in page
    assert "Please log in" not in page


def test_second_open_invitation_for_same_email_is_refused(client, db, login):
    admin = OrgAdminFactory()
    login(admin)
    url = f"/organisations/{admin.organization_id}/invitations"
    assert client.post(url, data={"email": "new@example.org", "role": "member"}).status_code == 200
    response = client.post(url, data={"email": "NEW@example.org", "role": "member"})
    assert response.status_code == 409
    assert "new@example.org" in response.get_data(as_text=True)  # the list is still shown
    assert count(db, Invitation) == 1


def test_successful_logins_do_not_use_up_the_limit(app, client, db):
    user = UserFactory()
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    for _ in range(limit + 2):
        other = app.test_client()
        response = other.post("/auth/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302


def test_login_attempts_have_a_hard_ceiling(app, db):
    user = UserFactory()
    app.config["LOGIN_ATTEMPT_CEILING"] = "3 per minute"
    try:
        codes = [app.test_client().post("/auth/login", data={
            "email": user.email, "password": PASSWORD}).status_code for _ in range(4)]
    finally:
        app.config["LOGIN_ATTEMPT_CEILING"] = "60 per minute"
    assert codes == [302, 302, 302, 429]
