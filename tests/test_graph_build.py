"""Building the multi-type network from records: edge types, weights, years, filters, egos."""

import networkx as nx
import pytest

from alliance.graph.build import (
    alliance_node,
    build_network,
    collaboration_graph,
    ego_network,
    licence_graph,
)
from alliance.graph.records import (
    AgreementRecord,
    LicenceRecord,
    MembershipRecord,
    NetworkFilter,
    OrgRecord,
    PatentRecord,
)
from alliance.validators import ValidationError

ORGS = [OrgRecord(1, "吉林大学", "university", ("nev",), 40),
        OrgRecord(2, "一汽", "enterprise", patent_count=12),
        OrgRecord(3, "长光所", "research_institute"),
        OrgRecord(4, "某公司", "enterprise"),
        OrgRecord(5, "省知识产权局", "government")]
PATENTS = [PatentRecord("P1", (1, 2), 2019), PatentRecord("P2", (2, 1), 2020),
           PatentRecord("P3", (1, 2, 3), 2021), PatentRecord("P4", (4,), 2020),
           PatentRecord("P5", (2, 4), 2015)]
LICENCES = [LicenceRecord(1, 2, 2020, "P1"), LicenceRecord(1, 4, 2021, "P3"),
            LicenceRecord(1, 2, 2022, "P2")]
AGREEMENTS = [AgreementRecord((1, 2, 3), 2021), AgreementRecord((2, 4), 2022)]
MEMBERSHIPS = [MembershipRecord(2, "nev"), MembershipRecord(3, "electronics"),
               MembershipRecord(4, "nev")]


def network(**filters):
    return build_network(ORGS, PATENTS, LICENCES, AGREEMENTS, MEMBERSHIPS,
                         NetworkFilter(**filters) if filters else None)


def edges(graph, kind):
    return {(u, v): d for u, v, k, d in graph.edges(keys=True, data=True) if k == kind}


def test_each_edge_type_is_aggregated_with_weights_and_years():
    graph = network()
    co = edges(graph, "co_ownership")
    assert set(co) == {(1, 2), (1, 3), (2, 3), (2, 4)}  # P4 has one owner: no tie
    assert co[1, 2]["weight"] == 3 and co[1, 2]["patents"] == ("P1", "P2", "P3")
    assert co[1, 2]["years"] == {2019: 1, 2020: 1, 2021: 1}
    assert co[1, 2]["directed"] is False
    licences = edges(graph, "licence")
    assert set(licences) == {(1, 2), (1, 4)}  # licensor -> licensee only
    assert licences[1, 2]["weight"] == 2 and licences[1, 2]["directed"] is True
    assert licences[1, 2]["years"] == {2020: 1, 2022: 1}
    assert set(edges(graph, "agreement")) == {(1, 2), (1, 3), (2, 3), (2, 4)}
    members = edges(graph, "membership")
    assert set(members) == {(1, alliance_node("nev")), (2, alliance_node("nev")),
                            (4, alliance_node("nev")), (3, alliance_node("electronics"))}
    assert graph.nodes[alliance_node("nev")]["node_type"] == "alliance"
    assert graph.nodes[1] == {"node_type": "organisation", "name": "吉林大学",
                              "sector": "university", "alliances": ("nev",),
                              "patent_count": 40}
    assert graph.nodes[5]["alliances"] == () and graph.degree(5) == 0


def test_projection_sums_the_ties_of_a_pair():
    graph = collaboration_graph(network())
    assert not graph.is_directed() and alliance_node("nev") not in graph
    assert graph.edges[1, 2] == {"weight": 3 + 2 + 1, "kinds": "agreement,co_ownership,licence",
                                 "year": 2019}
    assert graph.edges[1, 4] == {"weight": 1, "kinds": "licence", "year": 2021}
    assert graph.edges[2, 4]["weight"] == 2 and graph.edges[2, 4]["year"] == 2015
    only_patents = collaboration_graph(network(), edge_types=["co_ownership"])
    assert only_patents.edges[1, 2]["weight"] == 3 and not only_patents.has_edge(1, 4)
    licences = licence_graph(network())
    assert licences.is_directed() and set(licences.edges) == {(1, 2), (1, 4)}


def test_year_range_recounts_weights():
    graph = network(years=(2020, 2021))
    assert edges(graph, "co_ownership")[1, 2]["weight"] == 2  # P2, P3
    assert (2, 4) not in edges(graph, "co_ownership")  # 2015
    assert edges(graph, "licence")[1, 2]["weight"] == 1
    assert set(edges(graph, "agreement")) == {(1, 2), (1, 3), (2, 3)}  # 2022 dropped
    undated = build_network(ORGS, [PatentRecord("P9", (1, 2))], filters=NetworkFilter(
        years=(2000, 2030)))
    assert not edges(undated, "co_ownership")


def test_alliance_sector_type_and_weight_filters():
    nev = network(alliance="nev")
    assert {n for n, d in nev.nodes(data="node_type") if d == "organisation"} == {1, 2, 4}
    assert set(nev) - {1, 2, 4} == {alliance_node("nev")}
    firms = network(sectors={"enterprise"})
    assert set(firms) == {2, 4, alliance_node("nev")}
    assert set(edges(firms, "co_ownership")) == {(2, 4)}
    licences_only = network(edge_types={"licence"})
    assert {k for *_, k in licences_only.edges(keys=True)} == {"licence"}
    heavy = network(min_weight=2)
    assert {(u, v, k) for u, v, k in heavy.edges(keys=True) if k != "membership"} == {
        (1, 2, "co_ownership"), (1, 2, "licence")}
    assert len(edges(heavy, "membership")) == 4  # memberships have no weight to filter on
    assert 5 in heavy  # organisations stay, even without ties


@pytest.mark.parametrize(("filters", "template"), [
    ({"years": (2022, 2020)}, "The first year (%(start)s) is after the last year (%(end)s)."),
    ({"edge_types": {"friendship"}}, '"%(kind)s" is not an edge type (choose from %(choices)s).'),
    ({"min_weight": 0}, "The minimum weight must be at least 1, not %(weight)s."),
])
def test_bad_filters_are_refused_with_a_message(filters, template):
    with pytest.raises(ValidationError) as error:
        NetworkFilter(**filters)
    assert error.value.template == template


def test_records_naming_unknown_organisations_are_refused():
    with pytest.raises(ValueError, match="not in the list"):
        build_network(ORGS, [PatentRecord("P9", (1, 99))])
    with pytest.raises(ValueError, match="not in the list"):
        build_network(ORGS, memberships=[MembershipRecord(99, "nev")])
    with pytest.raises(ValueError, match="licensee"):
        build_network(ORGS, licences=[LicenceRecord(1, 1, 2020, "P1")])


def test_ego_networks():
    graph = collaboration_graph(network())
    assert set(ego_network(graph, 3)) == {1, 2, 3}
    assert set(ego_network(graph, 3, depth=2)) == {1, 2, 3, 4}
    assert set(ego_network(graph, 5)) == {5}
    ego = ego_network(graph, 3)
    assert ego.edges[1, 2]["weight"] == 6 and isinstance(ego, nx.Graph)
    # Directed ties count in both directions: the licensee sees its licensor.
    assert set(ego_network(licence_graph(network()), 4)) == {1, 4}
    with pytest.raises(ValidationError) as error:
        ego_network(graph, 3, depth=3)
    assert error.value.params == {"depth": 3}
    with pytest.raises(ValidationError) as error:
        ego_network(graph, 99)
    assert error.value.params == {"org": 99}
