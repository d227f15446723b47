"""The public catalogue and its JSON API: Chinese substring search (trigram index for three
characters or more, LIKE below), filters, visibility, bad parameters."""

import pytest

from alliance.models import Sector
from alliance.services.catalogue import CatalogueQuery, search

from .factories import OrgAdminFactory, OrganizationFactory, UserFactory
from .patent_helpers import make_patent


@pytest.fixture
def patents(db):
    uni = OrgAdminFactory(organization=OrganizationFactory(sector=Sector.UNIVERSITY,
                                                          name_zh="吉林理工大学"))
    firm = OrgAdminFactory()
    made = {
        "battery": make_patent(uni, "一种锂电池正极材料及其制备方法"),
        "image": make_patent(firm, "基于深度学习的图像识别方法", ipc="G06V 10/82"),
        "drone": make_patent(firm, "Unmanned aerial vehicle with Lithium battery pack",
                             ipc="B64C 39/02"),
        "secret": make_patent(uni, "一种未公开的电池隔膜", published=False, granted=False),
        "design": make_patent(firm, "电动汽车外观", kind_digit="3"),
    }
    return made, uni, firm


def _titles(query, user=None):
    from flask_login import AnonymousUserMixin

    found = search(query, user or AnonymousUserMixin(), 1, 50)
    assert found.total == len(found.items) and found.exact
    return {p.title for p in found.items}


@pytest.mark.parametrize("q, expected", [
    ("锂电池正极", {"一种锂电池正极材料及其制备方法"}),
    ("电池", {"一种锂电池正极材料及其制备方法"}),
    ("锂", {"一种锂电池正极材料及其制备方法"}),
    ("图像识别", {"基于深度学习的图像识别方法"}),
    ("lithium", {"Unmanned aerial vehicle with Lithium battery pack",
                 "一种锂电池正极材料及其制备方法"} - {"一种锂电池正极材料及其制备方法"}),
    ("LITHIUM BATTERY", {"Unmanned aerial vehicle with Lithium battery pack"}),
    ("吉林理工", {"一种锂电池正极材料及其制备方法"}),
    ("H01M", {"一种锂电池正极材料及其制备方法"}),
    ("钠离子", set()),
    ("50%_", set()),
])
def test_search_finds_substrings_in_chinese_and_english(patents, q, expected):
    assert _titles(CatalogueQuery(q=q)) == expected


def test_an_unpublished_application_is_found_only_by_its_owners(patents):
    made, uni, firm = patents
    assert "一种未公开的电池隔膜" not in _titles(CatalogueQuery(q="电池"), firm)
    member = UserFactory(organization=uni.organization)
    assert "一种未公开的电池隔膜" in _titles(CatalogueQuery(q="电池"), member)


def test_filters_combine(patents):
    from alliance.models import PatentKind

    assert _titles(CatalogueQuery(kind=PatentKind.DESIGN)) == {"电动汽车外观"}
    assert _titles(CatalogueQuery(ipc="G06V")) == {"基于深度学习的图像识别方法"}
    assert _titles(CatalogueQuery(ipc="G06V 10")) == {"基于深度学习的图像识别方法"}
    assert _titles(CatalogueQuery(ipc="G06V 10/82")) == {"基于深度学习的图像识别方法"}
    assert _titles(CatalogueQuery(sector=Sector.UNIVERSITY)) == {"一种锂电池正极材料及其制备方法"}
    assert _titles(CatalogueQuery(q="方法", sector=Sector.ENTERPRISE)) \
        == {"基于深度学习的图像识别方法"}


def test_the_alliance_filter_follows_confirmed_tags_else_suggestions(patents, db):
    from alliance.services.directory import alliance_by_code
    from alliance.services.patent_tags import confirm_tags

    made, uni, firm = patents
    battery = "一种锂电池正极材料及其制备方法"
    suggested = {t.alliance.code for t in made["battery"].tags}
    assert suggested and all(battery in _titles(CatalogueQuery(alliance=code))
                             for code in suggested)
    confirm_tags(uni, made["battery"], {alliance_by_code("culture").id})
    db.session.commit()
    assert battery in _titles(CatalogueQuery(alliance="culture"))
    assert all(battery not in _titles(CatalogueQuery(alliance=code))
               for code in suggested - {"culture"})


def test_the_page_lists_and_pages(client, patents):
    page = client.get("/patents/?q=电池").get_data(as_text=True)
    assert "一种锂电池正极材料及其制备方法" in page and "一种未公开的电池隔膜" not in page
    assert client.get("/patents/?q=钠离子").status_code == 200


@pytest.mark.parametrize("query", ["kind=plant", "status=alive", "sector=bank", "ipc=X99",
                                   "alliance=nope", "per_page=101", "page=0", "page=abc",
                                   "sort=random"])
def test_bad_parameters_answer_400(client, db, query):
    for url in ("/patents/", "/api/patents"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400, (url, query)
    assert "message" in client.get(f"/api/patents?{query}").get_json()


def test_the_api_answers_json_with_the_same_visibility(client, patents):
    data = client.get("/api/patents?q=电池&per_page=100").get_json()
    assert data["total"] == 1 and data["page"] == 1
    item = data["items"][0]
    assert set(item) >= {"application_number", "title", "kind", "status", "ipc", "owners",
                         "alliances", "listing"}
    assert item["ipc"] == ["H01M 4/13"] and item["owners"][0]["name"] == "吉林理工大学"
    assert item["listing"] is None
    assert client.get("/api/patents?q=隔膜").get_json()["total"] == 0


def test_a_text_search_counts_up_to_the_cap(patents, monkeypatch, client):
    from flask_login import AnonymousUserMixin

    from alliance.services import catalogue

    monkeypatch.setattr(catalogue, "COUNT_CAP", 1)
    found = search(CatalogueQuery(q="方法"), AnonymousUserMixin(), 1, 50)
    assert (found.total, found.exact) == (1, False) and len(found.items) == 2
    one = search(CatalogueQuery(q="锂电池"), AnonymousUserMixin(), 1, 50)
    assert (one.total, one.exact) == (1, True)
    everything = search(CatalogueQuery(), AnonymousUserMixin(), 1, 50)
    assert everything.exact and everything.total == 4 == len(everything.items)
    data = client.get("/api/patents?q=方法").get_json()
    assert (data["total"], data["total_exact"], len(data["items"])) == (1, False, 2)
    assert client.get("/api/patents").get_json()["total_exact"] is True
    page = client.get("/patents/?q=方法&lang=en")
    assert "More than 1 patents found" in page.get_data(as_text=True)


def test_search_text_from_matches_the_service(patents):
    from alliance.services.patents import search_text_from, search_text_of

    made, uni, firm = patents
    patent = made["battery"]
    assert patent.search_text == search_text_of(patent) == search_text_from(
        patent.application_number, patent.title, patent.abstract,
        [o.name for o in patent.owners], [uni.organization.name_en], patent.ipc)
    assert "zl" + patent.application_number.lower() in patent.search_text


def test_the_filter_form_keeps_the_visitors_choices(client, patents):
    page = client.get("/patents/?kind=design&sort=title&alliance=nev&licensable=1&lang=en")
    html = page.get_data(as_text=True)
    assert '<option value="design" selected>' in html
    assert '<option value="title" selected>' in html
    assert '<option value="nev" selected>' in html
    assert 'name="licensable" value="1" checked' in html
    assert html.count(" selected>") == 3
    chinese = client.get("/patents/?kind=design").get_data(as_text=True)
    assert '<option value="design" selected>外观设计</option>' in chinese
