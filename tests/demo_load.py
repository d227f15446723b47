"""Fixtures for tests that share one demo load per module (the load takes seconds): import
``loaded`` and ``db`` into the test module; ``db`` replaces conftest's per-test emptying."""

from __future__ import annotations

import pytest

from alliance.demo import load
from alliance.extensions import cache, limiter
from alliance.extensions import db as _db

from .conftest import _empty_tables


@pytest.fixture(scope="module")
def loaded(app):
    """Load the demo data once for the module; empty the database afterwards."""
    with app.app_context():
        limiter.reset()
        summary = load()
        _db.session.commit()
        yield summary
        _db.session.rollback()
        _empty_tables()
        _db.session.remove()
        cache.clear()


@pytest.fixture
def db(app, loaded):
    """The database holding the module's demo load (tests read it, or add nothing new)."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        _db.session.remove()
