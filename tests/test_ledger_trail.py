"""Who sees which ledger entries of a payment, and account names as people read them."""

from decimal import Decimal

import pytest
from flask_babel import force_locale

from alliance.extensions import db
from alliance.services import distribution
from alliance.services.ledger_accounts import describe, org_of, parse
from alliance.services.ledger_trail import entries_of, scope_for, trail, visible

from .factories import AdminFactory, OrgAdminFactory, UserFactory
from .royalty_helpers import make_agreement, make_deal, pay

D = Decimal


@pytest.fixture
def run(db):
    """A payment of ¥10,000 distributed under an agreement where both the university and
    the co-owning firm have inventors."""
    uni, firm, licensee, patent, licence = make_deal()
    make_agreement(uni, firm, patent, firm_inventors=True)
    payment = pay(uni, licence)
    distribution.run_distribution(uni, payment)
    db.session.commit()
    return uni, firm, licensee, payment


def _orgs(entries):
    return {org_of(name) for e in entries for name in (e.debit, e.credit)} - {None}


def test_a_platform_admin_sees_every_entry(run):
    *_, payment = run
    scope = scope_for(AdminFactory(), payment)
    assert visible(scope, entries_of(payment)) == entries_of(payment)


def test_each_co_licensor_sees_the_licensors_step_and_its_own_inside_only(run):
    uni, firm, _licensee, payment = run
    entries = entries_of(payment)
    for me, other in ((uni, firm), (firm, uni)):
        seen = visible(scope_for(me, payment), entries)
        assert {e.id for e in entries if e.step == "licensors"} <= {e.id for e in seen}
        inside = [e for e in seen if e.step != "licensors"]
        assert inside and _orgs(inside) == {me.organization_id}
        hidden = [e for e in entries if e not in seen]
        assert hidden and all(other.organization_id in _orgs([e]) for e in hidden)
    assert not any(e.credit.startswith(f"inventor:{uni.organization_id}/")
                   for e in visible(scope_for(firm, payment), entries))


def test_the_licensee_sees_no_entry(run):
    *_, licensee, payment = run
    scope = scope_for(licensee, payment)
    assert scope is not None and not scope.entries
    assert visible(scope, entries_of(payment)) == []
    assert trail(payment, scope) == []


def test_members_outsiders_and_inactive_admins_see_nothing(run):
    uni, _firm, _licensee, payment = run
    assert scope_for(UserFactory(organization=uni.organization), payment) is None
    assert scope_for(OrgAdminFactory(), payment) is None
    uni.active = False
    assert scope_for(uni, payment) is None


def test_a_reversal_goes_with_the_entry_it_reverses(run):
    uni, firm, _licensee, payment = run
    entry = next(e for e in entries_of(payment)
                 if e.credit.startswith(f"inventor:{uni.organization_id}/"))
    distribution.reverse(uni, entry)
    db.session.commit()
    entries = entries_of(payment)
    reversal = entries[-1]
    assert reversal.reverses_id == entry.id
    assert reversal in visible(scope_for(uni, payment), entries)
    assert reversal not in visible(scope_for(firm, payment), entries)
    steps = {s.name: s for s in trail(payment, scope_for(uni, payment))}
    assert steps["reversal"].total == entry.amount
    assert next(r for r in steps["inventors"].rows if r.entry.id == entry.id).reversed_by \
        == reversal


def test_the_trail_totals_and_shares(run):
    uni, _firm, _licensee, payment = run
    steps = {s.name: s for s in trail(payment, scope_for(AdminFactory(), payment))}
    assert steps["licensors"].total == payment.amount
    assert [r.share for r in steps["licensors"].rows] == [D("60"), D("40")]
    inventors = {r.credit: (r.share, r.entry.amount) for r in steps["inventors"].rows}
    name = uni.organization.name
    assert inventors[f"张三（发明人，{name}）"] == (D("70"), D("1890.00"))
    assert steps["costs"].rows[0].share == D("5")  # the office's percentage
    assert steps["costs"].rows[1].share is None  # fixed patent fees


def test_parse_account_names():
    assert parse("payment:7").payment_id == 7
    assert (parse("org:3").kind, parse("org:3").org_id) == ("org", 3)
    assert (parse("org:3/school").kind, parse("org:3/school").part) == ("bucket", "school")
    assert (parse("inventor:3/张 三").kind, parse("inventor:3/张 三").part) == ("inventor",
                                                                               "张 三")
    assert parse("inventor:3").kind == parse("org:x").kind == parse("what").kind == "other"


def test_describe_names_every_kind_of_account(app, run):
    uni, firm, _licensee, payment = run
    u, f = uni.organization_id, firm.organization_id
    with app.test_request_context("/"), force_locale("en"):
        labels = describe([f"payment:{payment.id}", f"org:{f}", f"org:{u}/inventors",
                           f"org:{u}/patent_fees", f"inventor:{u}/李四", "org:2000000000",
                           "odd"])
    assert labels[f"payment:{payment.id}"] == "Payment of ¥10,000.00 received on 2026-01-15"
    assert labels[f"org:{f}"] == firm.organization.name_en
    assert labels[f"org:{u}/inventors"] == f"{uni.organization.name_en} · Inventors' part"
    assert labels[f"org:{u}/patent_fees"].endswith("Patent fees reimbursed")
    assert labels[f"inventor:{u}/李四"] == f"李四 (inventor, {uni.organization.name_en})"
    assert labels["org:2000000000"] == "Organisation 2000000000"
    assert labels["odd"] == "odd"


def test_describe_loads_organisations_in_one_query(app, run):
    from sqlalchemy import event

    uni, firm, _licensee, payment = run
    names = [e.credit for e in entries_of(payment)] + [e.debit for e in entries_of(payment)]
    statements = []

    def count(*_args):
        statements.append(1)

    db.session.expire_all()
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with app.test_request_context("/"), force_locale("zh_Hans_CN"):
            describe(names)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 2  # organisations, payments
