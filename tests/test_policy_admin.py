"""The statutory-floor policy table as a platform admin edits it: every rule listed, edits
validated and audited, the rule for which text of the Regulations applies, and the floor
checks of drafts following the table at once."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from alliance.extensions import db
from alliance.models import AuditEvent, PolicyRule, Sector
from alliance.models.sharing import PolicyTextRule
from alliance.services import ServiceError, policy
from alliance.services import agreements as flow
from alliance.services.agreement_terms import (
    Contributor,
    InternalSplit,
    PartyTerms,
    Terms,
    check_floors,
)
from alliance.sharing_rules import DEFAULT_POLICY

from .factories import AdminFactory, OrgAdminFactory, OrganizationFactory
from .patent_helpers import make_patent

D = Decimal


@pytest.fixture(autouse=True)
def english(app, monkeypatch):
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_LOCALE", "en")


FIELDS = ("value", "source", "article", "effective_from", "effective_to")


@pytest.fixture(autouse=True)
def restore_policy(db):
    """The policy table outlives each test (conftest.KEPT_TABLES): put its rows back."""
    saved = {row.id: {f: getattr(row, f) for f in FIELDS}
             for row in db.session.scalars(select(PolicyRule))}
    yield
    db.session.rollback()
    for row in db.session.scalars(select(PolicyRule)):
        for field, value in saved[row.id].items():
            setattr(row, field, value)
    db.session.commit()


def _row(key: str) -> PolicyRule:
    return db.session.scalars(select(PolicyRule).where(PolicyRule.key == key)).one()


def _form(row: PolicyRule, **changes) -> dict:
    data = {"value": str(row.as_rule().value), "source": row.source, "article": row.article,
            "effective_from": row.effective_from.isoformat(),
            "effective_to": row.effective_to.isoformat() if row.effective_to else "",
            "submit": "1"}
    return {**data, **changes}


@pytest.fixture
def draft(db):
    """A draft of a private university (below a floor it may still send, acknowledging)
    whose inventors get 40% of the net income, over a patent filed in 2019."""
    uni = OrgAdminFactory(organization=OrganizationFactory(sector=Sector.UNIVERSITY))
    patent = make_patent(uni)
    agreement = flow.create_draft(uni, "协议", [patent])
    version = agreement.latest_version
    split = InternalSplit(D(40), D(20), D(20), D(20))
    flow.edit_draft(uni, version, Terms((PartyTerms(uni.organization_id, D(100), split=split,
                                                    inventors=(Contributor("张三", D(100)),)),),
                                        patent_ids=(patent.id,)))
    db.session.commit()
    return uni, agreement


def test_the_admin_sees_every_rule_with_its_source_article_and_dates(client, login):
    login(AdminFactory())
    page = client.get("/admin/policy").get_data(as_text=True)
    assert page.count("/admin/policy/") == len(DEFAULT_POLICY) + 1  # + the text rule's form
    assert "Art. 45" in page and "Art. 93" in page and "Art. 78" in page
    assert "Patent Law Implementing Regulations (2010)" in page
    assert "¥4,000.00" in page and "0.2%" in page
    assert "Statutory floors" in page  # the tab of the Administration area
    assert "filing date" in page


def test_editing_a_rule_is_saved_and_audited(client, login):
    admin = AdminFactory()
    login(admin)
    row = _row("law2015_art45_licence")
    page = client.get(f"/admin/policy/{row.id}").get_data(as_text=True)
    assert 'value="50"' in page
    response = client.post(f"/admin/policy/{row.id}", data=_form(
        row, value="60", article="Art. 45(1)", effective_to="2030-12-31"))
    assert response.status_code == 302
    row = _row("law2015_art45_licence")
    assert row.value == 60 and row.article == "Art. 45(1)"
    assert row.effective_to == date(2030, 12, 31)
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "policy_rule.updated")).one()
    assert event.actor_id == admin.id and event.object_id == row.id
    assert event.before["value"] == "50" and event.after["value"] == "60"
    assert event.before["effective_to"] is None and event.after["effective_to"] == "2030-12-31"
    assert "Statutory floor rule changed" in client.get("/admin/audit").get_data(as_text=True)


@pytest.mark.parametrize("key, changes, message", [
    ("law2015_art45_licence", {"value": "100.5"}, "cannot exceed 100"),
    ("law2015_art45_licence", {"value": "-1"}, "cannot be negative"),
    ("law2015_art45_licence", {"value": "fifty"}, "Not a valid decimal value"),
    ("law2015_art45_licence", {"value": ""}, "This rule needs a value"),
    ("law2015_art45_licence", {"effective_to": "2015-09-30"},
     "cannot end before it takes effect"),
    ("law2015_art45_licence", {"effective_from": "2015-13-01"}, "Not a valid date value"),
    ("law2015_art45_licence", {"source": " "}, "This field is required"),
    ("regs2023_art93_invention", {"value": "4000.001"}, "fraction of a cent"),
])
def test_bad_input_is_refused_next_to_its_field(client, login, key, changes,
                                                message):
    login(AdminFactory())
    row = _row(key)
    before = (row.value, row.source, row.effective_from, row.effective_to)
    response = client.post(f"/admin/policy/{row.id}", data=_form(row, **changes))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and "is-invalid" in page
    row = _row(key)
    assert (row.value, row.source, row.effective_from, row.effective_to) == before
    assert db.session.scalars(select(AuditEvent)).all() == []


def test_the_service_refuses_the_same(db):
    admin = AdminFactory()
    row = _row("law2015_art45_equity")
    with pytest.raises(ServiceError) as refused:
        policy.update_rule(admin, row, value=D(101), source="x", article="y",
                           effective_from=date(2015, 10, 1), effective_to=None)
    assert refused.value.status == 400 and refused.value.field == "value"
    with pytest.raises(ServiceError) as refused:
        policy.update_rule(admin, row, value=D(50), source="x", article="y",
                           effective_from=date(2015, 10, 1), effective_to=date(2015, 1, 1))
    assert refused.value.field == "effective_to"
    with pytest.raises(ServiceError) as refused:
        policy.update_rule(OrgAdminFactory(), row, value=D(50), source="x", article="y",
                           effective_from=date(2015, 10, 1), effective_to=None)
    assert refused.value.status == 403
    db.session.rollback()
    assert _row("law2015_art45_equity").value == 50


def test_others_get_403_and_nothing_changes(client, login):
    row = _row("law2015_art45_licence")
    for user in (OrgAdminFactory(), None):
        if user is None:
            client.post("/auth/logout")
        else:
            login(user)
        expected = (403,) if user else (302, 401)
        assert client.get("/admin/policy").status_code in expected
        assert client.get(f"/admin/policy/{row.id}").status_code in expected
        assert client.post(f"/admin/policy/{row.id}", data=_form(row, value="10")) \
            .status_code in expected
        assert client.post("/admin/policy/text-rule", data={
            "basis": "grant_date", "switch": "2000-01-01"}).status_code in expected
    assert _row("law2015_art45_licence").value == 50
    assert db.session.scalars(select(PolicyTextRule)).all() == []
    assert "/admin/policy" not in client.get("/").get_data(as_text=True)


def test_a_changed_rule_changes_the_floor_checks_of_drafts(client, login, draft):
    uni, agreement = draft
    assert [s.rule.key for c in check_floors(agreement.latest_version)
            for s in c.shortfalls] == ["law2015_art45_licence"]
    login(AdminFactory())
    row = _row("law2015_art45_licence")
    assert client.post(f"/admin/policy/{row.id}", data=_form(row, value="40")).status_code \
        == 302
    assert check_floors(agreement.latest_version) == []
    login(uni)
    page = client.get(f"/sharing/{agreement.id}").get_data(as_text=True)
    assert "part is below a statutory floor." in page and "Acknowledge" not in page


def test_a_rule_out_of_effect_no_longer_binds(client, login, draft):
    _uni, agreement = draft
    login(AdminFactory())
    row = _row("law2015_art45_licence")
    client.post(f"/admin/policy/{row.id}", data=_form(row, effective_to="2020-12-31"))
    assert check_floors(agreement.latest_version) == []


def test_the_text_rule_decides_which_text_binds(client, login, draft):
    """Filed in 2019: the 2010 text applies by filing date; moving the switch before the
    filing date brings the 2023 text, whose rows replace the 2010 text's."""
    _uni, agreement = draft
    admin = AdminFactory()
    login(admin)
    art78 = _row("regs2010_art78_royalties")
    client.post(f"/admin/policy/{art78.id}", data=_form(art78, value="45"))
    law = _row("law2015_art45_licence")
    client.post(f"/admin/policy/{law.id}", data=_form(law, value="30"))
    keys = [s.rule.key for c in check_floors(agreement.latest_version) for s in c.shortfalls]
    assert keys == ["regs2010_art78_royalties"]
    response = client.post("/admin/policy/text-rule", data={
        "basis": "filing_date", "switch": "2019-01-01", "submit": "1"})
    assert response.status_code == 302
    assert policy.text_rule().switch == date(2019, 1, 1)
    assert check_floors(agreement.latest_version) == []
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "policy_text_rule.updated")).one()
    assert event.actor_id == admin.id
    assert event.before == {"basis": "filing_date", "switch": "2024-01-20"}
    assert event.after == {"basis": "filing_date", "switch": "2019-01-01"}
    page = client.get("/admin/policy").get_data(as_text=True)
    assert "filing date is on or after" in page


@pytest.mark.parametrize("data, message", [
    ({"basis": "signing_date", "switch": "2024-01-20"}, "Not a valid choice"),
    ({"basis": "grant_date", "switch": ""}, "This field is required"),
])
def test_a_bad_text_rule_is_refused(client, login, data, message):
    login(AdminFactory())
    response = client.post("/admin/policy/text-rule", data={**data, "submit": "1"})
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert db.session.scalars(select(PolicyTextRule)).all() == []


def test_the_service_refuses_a_basis_that_is_no_date(db):
    with pytest.raises(ServiceError) as refused:
        policy.set_text_rule(AdminFactory(), "signing_date", date(2024, 1, 20))
    assert refused.value.field == "basis"
    with pytest.raises(ServiceError) as refused:
        policy.set_text_rule(OrgAdminFactory(), "grant_date", date(2024, 1, 20))
    assert refused.value.status == 403
