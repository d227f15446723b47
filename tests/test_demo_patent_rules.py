"""The rules that generate demo patents (no database needed): product terms from the SEI
keyword texts, application numbers, histories, IPC symbols, designs; and demo mail."""

from __future__ import annotations

import datetime
import random
from types import SimpleNamespace

from flask_mailman import EmailMessage

from alliance.classification import suggest_alliances
from alliance.classification.mappings import load_sei_alliance_map, load_wipo_alliance_map
from alliance.demo.licensing import Story, _drop_demo_mail
from alliance.demo.patent_rules import (
    AS_OF,
    Topic,
    application_number,
    history,
    inventor_names,
    ipc_symbols,
    patent_row,
    product_terms,
    topics,
)
from alliance.demo.patents import topics_for
from alliance.mailer import OUTBOX, Outgoing
from alliance.patent_io.records import parse_patent
from alliance.validators import parse_ipc

DAY = datetime.date


def test_product_terms_are_cut_from_the_keyword_text():
    text = ("高端路由器、单槽位处理路由器等其他计算机制造；新一代移动通信基站设备、数字程控交换机"
            "等通信系统设备制造。互联网接入及相关服务")
    assert product_terms(text) == ["高端路由器", "单槽位处理路由器", "新一代移动通信基站设备",
                                   "数字程控交换机"]
    assert all(t.terms for t in topics()) and len(topics()) == 40


def test_application_number_has_the_check_character():
    assert application_number(DAY(2017, 5, 2), "1", 601862) == "201710601862.3"
    assert application_number(DAY(2016, 1, 1), "1", 311380) == "201610311380.X"


def test_histories_follow_the_kind():
    rng = random.Random(1)
    for _ in range(300):
        filing = DAY(2004, 1, 1) + datetime.timedelta(days=rng.randint(0, 8000))
        invention = history("invention", filing, rng)
        if invention["publication_date"] is None:
            assert invention["status"] == "实质审查" and invention["grant_date"] is None
        else:
            assert (invention["publication_date"] - filing).days == 548
        if invention["grant_date"]:
            assert 730 <= (invention["grant_date"] - filing).days <= 1460
        utility = history("utility_model", filing, rng)
        if utility["grant_date"]:
            assert utility["publication_date"] == utility["grant_date"] <= AS_OF
            assert 180 <= (utility["grant_date"] - filing).days <= 365
    assert history("utility_model", DAY(2010, 3, 1), rng)["status"] == "期限届满"
    assert history("invention", DAY(2025, 6, 1), rng) == {
        "publication_date": None, "grant_date": None, "status": "实质审查"}


def test_ipc_symbols_parse_and_serve_the_topics_alliance():
    sei_map, wipo_map = load_sei_alliance_map(), load_wipo_alliance_map()
    rng = random.Random(3)
    for code, alliance in (("5.2", "nev"), ("4.1", "biomedicine"), ("2.4", "advanced-equipment"),
                           ("7.2", "energy-saving")):
        symbols = ipc_symbols(code, rng, 3)
        assert len(set(symbols)) == 3 and all(parse_ipc(s).symbol == s for s in symbols)
        found = suggest_alliances(symbols[:1], "", "", sei_map, wipo_map, min_score=0.1)
        assert alliance in {s.alliance for s in found}, (code, symbols)


def test_rows_pass_the_import_rules_and_designs_name_a_product():
    rng, used = random.Random(5), set()
    owners = [("甲大学", 60), ("乙有限公司", 40)]
    for topic in topics():
        for _ in range(10):
            record = parse_patent(patent_row(owners, topic, 2008, rng, used), today=AS_OF)
            assert [o.share for o in record.owners] == [60, 40]
            assert record.filing_date >= DAY(2008, 1, 1)
            assert (record.kind == "design") == (not record.ipc)
    assert len(used) == 400
    services_only = Topic("9.9", "服务", ("咨询服务平台",))
    kinds = {patent_row(owners, services_only, 2010, rng, used)["kind"] for _ in range(60)}
    assert kinds == {"invention", "utility_model"}


def test_topics_follow_the_alliances_and_names_are_distinct():
    assert {t.code for t in topics_for(["nev"])} == {"5.1", "5.2", "5.3", "5.4"}
    assert all(not t.code.startswith("9") for t in topics_for([]))
    names = inventor_names(random.Random(7), 5)
    assert len(set(names)) == 5 and all(2 <= len(n) <= 3 for n in names)


def test_mail_to_demo_accounts_is_dropped(db):
    def outgoing(address):
        return Outgoing(EmailMessage("s", "b", to=[address]), address)

    db.session.info[OUTBOX] = [outgoing("firm-admin@example.org"), outgoing("real@school.cn")]
    _drop_demo_mail({"f": SimpleNamespace(email="firm-admin@example.org")})
    assert [item.address for item in db.session.info[OUTBOX]] == ["real@school.cn"]
    db.session.info.pop(OUTBOX)


def test_licensing_story_needs_enough_patents_of_the_university(db):
    nobody = SimpleNamespace(id=-1)
    story = Story(None, None, nobody, nobody, summary=None)
    assert story.solo == [] and not story.enough()
