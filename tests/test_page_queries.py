"""Public pages run a fixed number of queries, however many rows they show (no N+1)."""

import pytest
from sqlalchemy import event

from alliance.models import MembershipStatus
from alliance.services.directory import alliance_by_code

from .factories import MembershipFactory, OrganizationFactory


def _queries(db, client, path) -> int:
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def _members(n):
    nev = alliance_by_code("nev")
    orgs = [OrganizationFactory() for _ in range(n)]
    for org in orgs:
        MembershipFactory(organization=org, alliance=nev, status=MembershipStatus.ACTIVE)
        MembershipFactory(organization=org, alliance=alliance_by_code("culture"),
                          status=MembershipStatus.ACTIVE)
    return orgs


@pytest.mark.parametrize("path", ["/", "/alliances/", "/alliances/nev", "/organisations/",
                                  "/organisations/{org}"])
def test_query_count_does_not_grow_with_rows(client, db, path):
    few = _members(2)
    small = _queries(db, client, path.format(org=few[0].id))
    _members(30)
    large = _queries(db, client, path.format(org=few[0].id))
    assert large <= small <= 4, (small, large)
