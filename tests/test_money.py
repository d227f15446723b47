"""The Money column type and the money filter: exact to the cent, never a float."""

from decimal import Decimal

import pytest
from flask_babel import force_locale
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, insert, select
from sqlalchemy.exc import StatementError

from alliance.formatting import format_money
from alliance.models.types import Money, to_money

LARGEST = Decimal("999999999999.99")


@pytest.fixture
def ledger(db):
    """A scratch table with a Money column, created and dropped around the test."""
    metadata = MetaData()
    table = Table("money_probe", metadata, Column("id", Integer, primary_key=True),
                  Column("amount", Money))
    metadata.create_all(db.engine)
    yield table
    db.session.rollback()
    metadata.drop_all(db.engine)


def _round_trip(db, table, value):
    row_id = db.session.execute(insert(table).values(amount=value)).inserted_primary_key[0]
    db.session.commit()
    return db.session.scalar(select(table.c.amount).where(table.c.id == row_id))


@pytest.mark.parametrize("value", [Decimal("1234.50"), Decimal("0.01"), Decimal("-0.05"),
                                   LARGEST, -LARGEST, Decimal("0"), 7, "12.3"])
def test_amounts_come_back_as_exact_decimals(db, ledger, value):
    stored = _round_trip(db, ledger, value)
    assert isinstance(stored, Decimal)
    assert stored == Decimal(str(value))
    assert stored.as_tuple().exponent == -2  # always two decimals


def test_none_stays_none(db, ledger):
    assert _round_trip(db, ledger, None) is None


@pytest.mark.parametrize("value", [1.5, 0.1, float("nan"), True])
def test_floats_are_refused(db, ledger, value):
    with pytest.raises(StatementError) as caught:
        db.session.execute(insert(ledger).values(amount=value))
    assert isinstance(caught.value.orig, TypeError)


@pytest.mark.parametrize("value", [Decimal("0.001"), Decimal("12.345"), "1.005",
                                   Decimal("NaN"), Decimal("Infinity"),
                                   Decimal("1000000000000.00"), "abc"])
def test_fractions_of_a_cent_and_non_amounts_are_refused(db, ledger, value):
    with pytest.raises(StatementError) as caught:
        db.session.execute(insert(ledger).values(amount=value))
    assert isinstance(caught.value.orig, ValueError)


@given(st.integers(min_value=-99999999999999, max_value=99999999999999))
def test_every_amount_in_cents_is_kept_exactly(cents):
    amount = Decimal(cents).scaleb(-2)
    assert to_money(amount) == amount
    assert to_money(str(amount)) == amount


def test_cents_survive_sums_in_the_database(db, ledger):
    """Ten thousand 0.01 rows add up to exactly 100.00, which floats would not promise."""
    db.session.execute(insert(ledger), [{"amount": Decimal("0.01")}] * 10_000)
    db.session.commit()
    amounts = db.session.scalars(select(ledger.c.amount)).all()
    assert sum(amounts) == Decimal("100.00")


@pytest.mark.parametrize("locale", ["zh_Hans_CN", "en"])
@pytest.mark.parametrize(("value", "shown"), [
    (Decimal("1234.5"), "¥1,234.50"), (Decimal("0.05"), "¥0.05"), (0, "¥0.00"),
    (Decimal("-1234567.89"), "-¥1,234,567.89"), (LARGEST, "¥999,999,999,999.99"),
])
def test_money_filter_formats_per_language(app, locale, value, shown):
    with app.test_request_context(), force_locale(locale):
        assert format_money(value) == shown
        rendered = app.jinja_env.from_string("{{ amount|money }}").render(amount=value)
        assert rendered == shown


def test_money_filter_refuses_floats_and_shows_nothing_for_none(app):
    with app.test_request_context():
        assert format_money(None) == ""
        with pytest.raises(TypeError):
            format_money(12.5)
