"""Property test on real ledger rows: after any sequence of distributions (random amounts,
random agreements or co-ownership shares) and reversals, the ledger balances to zero over
all accounts, every run's licensors' step sums to its payment, and each reversed entry
nets to zero with its reversal."""

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from alliance.extensions import db
from alliance.models import DistributionRun, LedgerEntry
from alliance.services import distribution
from alliance.services.agreement_terms import Contributor, InternalSplit

from .royalty_helpers import make_agreement, make_deal, pay

D = Decimal
ZERO = D("0.00")

AMOUNTS = st.decimals(min_value=D("0.01"), max_value=D("1000000.00"), places=2)


def parts(count: int, minimum_first: int = 1):
    """``count`` positive whole percentages summing to 100, the first at least
    ``minimum_first``."""
    cuts = st.lists(st.integers(minimum_first, 99), unique=True, min_size=count - 1,
                    max_size=count - 1).map(sorted)
    return cuts.filter(lambda c: not c or c[0] >= minimum_first).map(
        lambda c: [b - a for a, b in zip([0, *c], [*c, 100], strict=True)])


AGREEMENTS = st.one_of(
    st.none(),  # the co-ownership shares decide
    st.fixed_dictionaries({
        "uni_share": st.integers(1, 99),
        # the inventors' part of a state-founded university stays at the statutory floor
        "split": st.tuples(st.integers(50, 100), parts(3)).map(
            lambda t: [t[0], *[(100 - t[0]) * p // 100 for p in t[1][:2]]]),
        "inventors": st.integers(1, 3).flatmap(parts),
        "office": st.integers(0, 20),
        "patent_fees": st.decimals(min_value=ZERO, max_value=D("5000.00"), places=2),
    }))

SCENARIOS = st.fixed_dictionaries({
    "co_owned": st.integers(1, 99),
    "agreement": AGREEMENTS,
    "payments": st.lists(AMOUNTS, min_size=1, max_size=3),
    "reversals": st.lists(st.integers(0, 10_000), max_size=4),
})


def _agreement(deal, terms) -> None:
    uni, firm, _licensee, patent, _licence = deal
    inventors_part, school, office = terms["split"]
    split = InternalSplit(D(inventors_part), D(school), D(office),
                          D(100 - inventors_part - school - office))
    names = ("张三", "李四", "王五")
    make_agreement(uni, firm, patent, uni_share=terms["uni_share"], split=split,
                   inventors=tuple(Contributor(name, D(share)) for name, share in
                                   zip(names, terms["inventors"], strict=False)),
                   office=terms["office"], patent_fees=terms["patent_fees"])


def _check_ledger() -> None:
    entries = db.session.scalars(select(LedgerEntry)).all()
    assert sum(distribution.balances(entries).values(), ZERO) == ZERO
    for run in db.session.scalars(select(DistributionRun)):
        licensors = [e.amount for e in run.entries if e.step == "licensors"]
        assert sum(licensors, ZERO) == run.payment.amount
    by_id = {e.id: e for e in entries}
    for entry in entries:
        if entry.reverses_id is not None:
            pair = distribution.balances([by_id[entry.reverses_id], entry])
            assert set(pair.values()) == {ZERO}


def test_the_ledger_balances_after_distributions_and_reversals(db):
    @settings(max_examples=15, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(SCENARIOS)
    def check(scenario):
        deal = make_deal(uni_share=scenario["co_owned"])
        uni, _firm, _licensee, _patent, licence = deal
        if scenario["agreement"] is not None:
            _agreement(deal, scenario["agreement"])
        for number, amount in enumerate(scenario["payments"]):
            payment = pay(uni, licence, str(amount), date(2026, 1, 1 + number))
            distribution.run_distribution(uni, payment)
        for pick in scenario["reversals"]:
            open_entries = db.session.scalars(select(LedgerEntry).where(
                LedgerEntry.reverses_id.is_(None),
                ~LedgerEntry.id.in_(select(LedgerEntry.reverses_id).where(
                    LedgerEntry.reverses_id.is_not(None))),
                LedgerEntry.payment_id.in_([p.id for p in licence_payments(licence)]))
                .order_by(LedgerEntry.id)).all()
            if open_entries:
                distribution.reverse(uni, open_entries[pick % len(open_entries)])
        db.session.commit()
        _check_ledger()

    check()


def licence_payments(licence):
    from alliance.services.royalty_reports import payments_of

    return payments_of(licence)
