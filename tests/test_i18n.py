"""Chinese by default, English on request, remembered per user; the catalogue is complete."""

import re
from pathlib import Path

from babel.messages.pofile import read_po

from .factories import UserFactory

CATALOG = Path(__file__).parent.parent / "translations/zh_Hans_CN/LC_MESSAGES/messages.po"


def test_default_is_chinese(client):
    page = client.get("/alliances/").get_data(as_text=True)
    assert 'lang="zh-Hans-CN"' in page and "联盟" in page


def test_switch_to_english_for_anonymous_session(client):
    response = client.post("/language", data={"language": "en"})
    assert response.status_code == 302
    page = client.get("/alliances/").get_data(as_text=True)
    assert 'lang="en"' in page and "The ten alliances" in page


def test_unknown_language_is_refused(client):
    assert client.post("/language", data={"language": "klingon"}).status_code == 400
    assert 'lang="zh-Hans-CN"' in client.get("/").get_data(as_text=True)  # still Chinese


def test_language_choice_persists_for_user(client, db, login):
    user = UserFactory()
    login(user)
    client.post("/language", data={"language": "en"})
    db.session.refresh(user)
    assert user.preferred_language == "en"
    client.post("/auth/logout")
    other_browser = client.application.test_client()
    other_browser.post("/auth/login", data={"email": user.email,
                                            "password": "correct-horse-battery"})
    assert 'lang="en"' in other_browser.get("/").get_data(as_text=True)


def test_numbers_and_dates_follow_language(app):
    from datetime import UTC, datetime

    from flask_babel import format_datetime, format_decimal

    moment = datetime(2026, 3, 1, 4, 5, tzinfo=UTC)
    with app.app_context(), app.test_request_context("/?lang=en"):
        assert format_decimal(12345) == "12,345"
        assert "Mar" in format_datetime(moment, "medium")
    with app.app_context(), app.test_request_context("/"):
        assert "2026年3月1日" in format_datetime(moment, "medium")


def _forms(value) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def test_catalog_translates_every_message():
    with CATALOG.open(encoding="utf-8") as handle:
        catalog = read_po(handle)
    placeholder = re.compile(r"%\(\w+\)[sd]")
    messages = [m for m in catalog if m.id]
    assert len(messages) > 200
    missing = [m.id for m in messages if not all(_forms(m.string))]
    assert missing == []
    mismatched = [m.id for m in messages
                  if any(sorted(placeholder.findall(_forms(m.id)[-1])) !=
                         sorted(placeholder.findall(form)) for form in _forms(m.string))]
    assert mismatched == []
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert fuzzy == []


def test_validator_messages_are_translated(client, db):
    response = client.post("/auth/register", data={"uscc": "91330100799655058A",
                                                   "org_name_zh": "某机构"})
    assert "校验码" in response.get_data(as_text=True)


def test_catalog_covers_every_string_in_the_source(tmp_path):
    """A fresh extraction from the code and templates finds nothing the catalogue lacks."""
    import subprocess
    import sys

    root = CATALOG.parents[3]
    pot = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "N_", "--no-location", "-o", str(pot), "."],
        cwd=root, check=True, capture_output=True,
    )
    with pot.open(encoding="utf-8") as handle:
        fresh = {_forms(m.id)[0] for m in read_po(handle) if m.id}
    with CATALOG.open(encoding="utf-8") as handle:
        known = {_forms(m.id)[0] for m in read_po(handle) if m.id and all(_forms(m.string))}
    assert len(fresh) > 200
    assert sorted(fresh - known) == []
