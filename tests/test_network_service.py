"""The network service: records from database rows (one query per type), the version token,
the graph, summary and access levels."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from alliance.extensions import db as _db
from alliance.graph.records import CO_OWNERSHIP, LICENCE, LicenceRecord, NetworkFilter
from alliance.models import CoApplicationTie, Organization
from alliance.services import network
from alliance.services.network_records import graph_version, ipc_profiles, load_records

from .factories import AdminFactory, MembershipFactory, OrgAdminFactory, UserFactory
from .network_helpers import make_network
from .patent_helpers import make_listing, make_patent, make_request


def test_records_from_rows(db):
    net = make_network()
    ids = net["ids"]
    found = load_records()
    orgs = {org.id: org for org in found.orgs}
    assert set(orgs) == set(ids.values())
    assert orgs[ids["uni"]].sector == "university"
    assert orgs[ids["odd"]].name == net["names"][ids["odd"]]
    # one own patent + the two co-application ties (weight 2) + one with the institute
    assert orgs[ids["odd"]].patent_count == 4
    assert sorted(p.owners for p in found.patents) == sorted(
        [(ids["uni"], ids["firm"]), (ids["uni"], ids["inst"])])
    assert {p.year for p in found.patents} == {2019, 2020}
    assert sorted((t.a, t.b, t.weight, t.year) for t in found.ties) == sorted(
        [(*sorted((ids["firm"], ids["odd"])), 2, 2021),
         (*sorted((ids["inst"], ids["odd"])), 1, 2018)])
    helix = {(year, owners): (sectors, count) for year, sectors, owners, count in found.helix}
    assert helix[(2021, frozenset((ids["firm"], ids["odd"])))] == (frozenset("I"), 2)
    assert helix[(2019, frozenset((ids["uni"], ids["firm"])))] == (frozenset("UI"), 1)
    assert found.licences == (LicenceRecord(ids["inst"], ids["firm"], date.today().year,
                                            found.licences[0].patent),)
    assert found.licences[0].patent
    members = {(m.org, m.alliance) for m in found.memberships}
    assert (ids["outsider"], "nev") not in members and (ids["uni"], "nev") in members
    assert ipc_profiles()[ids["uni"]] == {"H01M": 2}


def _count_queries():
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(_db.engine, "before_cursor_execute", count)
    try:
        load_records()
    finally:
        event.remove(_db.engine, "before_cursor_execute", count)
    return len(statements)


def test_records_take_one_query_per_type_whatever_the_size(db):
    make_network()
    few = _count_queries()
    for _ in range(4):
        admin = OrgAdminFactory()
        other = OrgAdminFactory()
        make_patent(admin, owners=f"{admin.organization.name_zh};{other.organization.name_zh}")
        db.session.add(CoApplicationTie(organization_a_id=admin.organization_id,
                                        organization_b_id=other.organization_id, weight=1))
    db.session.commit()
    assert _count_queries() == few <= 5


def test_version_changes_with_a_new_patent_licence_or_organisation(db):
    net = make_network()
    first = graph_version()
    assert graph_version() == first  # nothing changed, same token
    make_patent(net["uni"], "一种新型电池隔膜", ipc="H01M 50/40")
    second = graph_version()
    assert second != first
    listing = make_listing(net["uni"], [make_patent(net["uni"], "一种电池回收方法")])
    third = graph_version()
    from alliance.services.licence_requests import accept

    request, _ = make_request(listing, firm_admin=net["odd"])
    assert graph_version() == third  # a request is no tie
    accept(net["uni"], request)
    db.session.commit()
    fourth = graph_version()
    assert fourth != third
    org = db.session.get(Organization, net["ids"]["odd"])
    org.name_zh = "改名后的公司"
    db.session.commit()
    assert graph_version() != fourth


def test_graph_summary_and_filters(db):
    net = make_network()
    ids = net["ids"]
    version = graph_version()
    graph = network.graph("nev", version)
    assert set(graph) == {ids["uni"], ids["firm"], ids["inst"], ids["odd"]}  # members only
    assert graph.edges[ids["firm"], ids["odd"]]["weight"] == 2
    assert graph.edges[ids["inst"], ids["firm"]]["kinds"] == LICENCE
    province = network.graph(None, version)
    assert ids["outsider"] in province
    licences = network.build("nev", version, NetworkFilter(edge_types=frozenset([LICENCE])))
    assert list(licences.edges) == [(ids["firm"], ids["inst"])] or \
        list(licences.edges) == [(ids["inst"], ids["firm"])]
    old = network.build("nev", version, NetworkFilter(years=(2018, 2019),
                                                      edge_types=frozenset([CO_OWNERSHIP])))
    assert old.number_of_edges() == 2
    summary = network.summary("nev", version)
    assert summary["nodes"] == 4 and summary["ties"] == 5
    assert summary["density"] == 5 / 6
    assert summary["cross_sector_share"] == 4 / 5  # firm-odd is the only same-sector tie
    assert summary["sectors"] == {"enterprise": 2, "research_institute": 1, "university": 1}
    # 2019: four patents (U+I joint, two I alone, G alone) -> a known T, worked by hand
    assert summary["helix"][2019]["patents"] == 4
    assert abs(summary["helix"][2019]["t"] - 0.1225562489) < 1e-9
    assert "names" not in summary and all(isinstance(k, int) for k in summary["helix"])


def test_measures_are_stored_per_version(db):
    net = make_network()
    version = graph_version()
    assert network.measures("nev", version) is None
    result = network.compute("nev")
    assert result["version"] == version
    assert network.measures("nev", version)["panel"]["network"]["nodes"] == 4
    make_patent(net["inst"], "一种电池热管理方法")
    newer = graph_version()
    assert network.measures("nev", newer) is None
    assert network.latest_measures("nev")["version"] == version


def test_access_levels(db):
    net = make_network()
    nev = net["nev"]
    from flask_login import AnonymousUserMixin

    assert network.access(net["coordinator"], nev) == network.FULL
    assert network.access(AdminFactory(), nev) == network.FULL
    assert network.access(net["member"], nev) == network.EGO
    assert network.access(net["other"], nev) == network.SUMMARY
    assert network.access(net["outsider"], nev) == network.SUMMARY
    assert network.access(AnonymousUserMixin(), nev) == network.SUMMARY
    pending = UserFactory(organization=OrgAdminFactory().organization)
    MembershipFactory(organization=pending.organization, alliance=nev)  # pending: no access
    assert network.access(pending, nev) == network.SUMMARY
    assert network.can_see_node(net["member"], network.EGO, net["ids"]["uni"])
    assert not network.can_see_node(net["member"], network.EGO, net["ids"]["odd"])
    assert network.can_see_node(net["coordinator"], network.FULL, net["ids"]["odd"])


def test_aggregated_ties_add_to_co_owned_patents_of_the_same_pair(db):
    net = make_network()
    ids, names = net["ids"], net["names"]
    make_patent(net["firm"], "一种电池模组", owners=f"{names[ids['firm']]};{names[ids['odd']]}")
    version = graph_version()
    pair = (ids["firm"], ids["odd"])
    assert network.graph("nev", version).edges[pair]["weight"] == 3  # 1 patent + tie of 2
    assert network.graph("nev", version).edges[pair]["year"] == 2019
    later = network.build("nev", version, NetworkFilter(years=(2021, 2021)))
    assert later.edges[pair]["weight"] == 2 and later.number_of_edges() == 1
    heavy = network.build("nev", version, NetworkFilter(min_weight=3))
    assert list(heavy.edges) in ([pair], [pair[::-1]])
    licences_only = network.build("nev", version, NetworkFilter(edge_types=frozenset([LICENCE])))
    assert not licences_only.has_edge(*pair)


def test_the_version_is_remembered_until_a_change_commits(db):
    make_network()
    first = graph_version()
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(_db.engine, "before_cursor_execute", count)
    try:
        assert graph_version() == first
    finally:
        event.remove(_db.engine, "before_cursor_execute", count)
    assert statements == []  # asked again: no aggregate query
    make_patent(OrgAdminFactory())  # saved through the app: the token is dropped at commit
    assert graph_version() != first
