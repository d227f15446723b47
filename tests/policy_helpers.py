"""The policy table outlives each test (conftest.KEPT_TABLES): tests that edit it put the
rows back as they were."""

import pytest
from sqlalchemy import select

from alliance.extensions import db as _db
from alliance.models import PolicyRule

FIELDS = ("value", "source", "article", "effective_from", "effective_to")


@pytest.fixture
def restore_policy(db):
    """Put every policy row back as it was before the test."""
    rows = _db.session.scalars(select(PolicyRule)).all()
    saved = {row.id: {f: getattr(row, f) for f in FIELDS} for row in rows}
    yield
    _db.session.rollback()
    for row in _db.session.scalars(select(PolicyRule)):
        for field, value in saved[row.id].items():
            setattr(row, field, value)
    _db.session.commit()
