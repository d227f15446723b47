"""CSRF, headers, cookies, escaping, offline assets."""

import re

from alliance.models import Organization

from .factories import OrgAdminFactory, OrganizationFactory


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_load_nothing_from_another_host(client, db):
    for path in ("/", "/alliances/", "/alliances/nev", "/auth/login", "/auth/register",
                 "/organisations/"):
        response = client.get(path)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, path
        # the page does load its assets, from this app
        assert re.search(r'<link[^>]+href="/static/[^"]+\.css"', page), path
        assert re.search(r'<script[^>]+src="/static/[^"]+\.js"', page), path
        assert not re.search(r'(src|href)=["\']?(https?:)?//', page), path


def test_no_inline_scripts_or_styles(client, db):
    for path in ("/", "/alliances/nev", "/auth/login", "/auth/register"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page and " style=" not in page and "<style" not in page
        assert not re.search(r"\son[a-z]+=", page), path  # no inline event handlers
        sources = re.findall(r'<script[^>]* src="([^"]+)"', page)
        assert sources, path  # the scripts the page needs come as files
        for src in sources:
            with client.get(src) as asset:
                assert asset.status_code == 200, src


def test_forged_or_missing_csrf_token_is_refused(client, db, login, csrf_enabled):
    admin = OrgAdminFactory()
    login_page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    response = client.post("/auth/login", data={"email": admin.email, "password": "x",
                                                "csrf_token": "forged"})
    assert response.status_code == 400
    response = client.post("/auth/login", data={
        "email": admin.email, "password": "correct-horse-battery", "csrf_token": token})
    assert response.status_code == 302
    response = client.post("/alliances/nev/join", data={"role": "member"})
    assert response.status_code == 400
    response = client.post(f"/organisations/{admin.organization_id}/edit",
                           data={"name_zh": "x", "sector": "enterprise", "csrf_token": "forged"})
    assert response.status_code == 400
    db.session.refresh(admin.organization)
    assert admin.organization.name_zh != "x"


def test_session_cookie_flags(client, db, login):
    admin = OrgAdminFactory()
    response = client.post("/auth/login", data={"email": admin.email,
                                                "password": "correct-horse-battery"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_user_content_is_escaped(client, db):
    org = OrganizationFactory(name_zh="<script>alert(1)</script>机构")
    page = client.get(f"/organisations/{org.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;机构" in page


def test_error_pages_are_translated(client):
    zh = client.get("/no-such-page")
    assert zh.status_code == 404 and "页面不存在" in zh.get_data(as_text=True)
    en = client.get("/no-such-page?lang=en")
    assert "Not found" in en.get_data(as_text=True)


def test_api_errors_are_json(client):
    response = client.get("/api/alliances/atlantis")
    assert response.status_code == 404 and response.json["status"] == 404


def test_bootstrap_served_locally(client):
    page = client.get("/").get_data(as_text=True)
    href = re.search(r'<link rel="stylesheet" href="([^"]+bootstrap[^"]+)"', page).group(1)
    assert href.startswith("/")
    with client.get(href) as asset:
        assert asset.status_code == 200


def test_nothing_saved_on_bad_registration(client, db):
    client.post("/auth/register", data={"org_name_zh": "X", "uscc": "bad"})
    assert db.session.scalar(db.select(db.func.count(Organization.id))) == 0


def test_server_error_page_is_translated_and_rolls_back(app, db):
    from alliance import create_app

    broken = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                         "SECRET_KEY": "k", "TESTING": False})

    @broken.route("/boom")
    def boom():
        raise RuntimeError("boom")

    response = broken.test_client().get("/boom")
    assert response.status_code == 500
    assert "服务器错误" in response.get_data(as_text=True)
    with broken.app_context():
        from alliance.extensions import db as broken_db

        for engine in broken_db.engines.values():
            engine.dispose()


def test_huge_ids_are_404_not_errors(client, db, login):
    from .factories import AdminFactory

    login(AdminFactory())
    for path in ("/organisations/99999999999999999999", "/organisations/2147483648",
                 "/admin/users/2147483648/active"):
        method = client.post if path.endswith("active") else client.get
        assert method(path, data={"active": "0"}).status_code == 404, path
