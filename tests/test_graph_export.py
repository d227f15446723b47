"""Exports: networkx reads GraphML, GEXF and JSON back with the same measures; CSV is
Excel-safe."""

import csv
import io
import json
import zipfile

import networkx as nx
import pytest

from alliance.graph.build import build_network, coapplication_graph
from alliance.graph.export import FORMATS, export, export_graph, safe_cell
from alliance.graph.panel import measures_panel
from alliance.graph.records import MembershipRecord, OrgRecord, PatentRecord, TieRecord
from alliance.validators import ValidationError

ORGS = [OrgRecord(1, "吉林大学", "university", ("nev",)),
        OrgRecord(2, "=HYPERLINK(1)", "enterprise"),
        OrgRecord(3, "<script>alert(1)</script>", "research_institute"),
        OrgRecord(4, "-某公司", "enterprise"), OrgRecord(5, "@长春", "government")]
TIES = [TieRecord(1, 2, 3, 2019), TieRecord(2, 4, 1, 2020), TieRecord(1, 3, 6, 2018),
        TieRecord(3, 4, 2, 2021), TieRecord(1, 4, 1, 2022)]
MEASURES = ("degree", "strength", "betweenness", "pagerank", "community")


@pytest.fixture(scope="module")
def graph():
    return coapplication_graph(ORGS, TIES)


@pytest.fixture(scope="module")
def panel(graph):
    return {row["id"]: row for row in measures_panel(graph)["nodes"]}


def same_measures(read_back, panel):
    for node, row in panel.items():
        data = read_back.nodes[node]
        assert data["sector"] == row["sector"] and data["label"] == row["name"]
        for key in MEASURES:
            assert data[key] == pytest.approx(row[key], rel=1e-9), key


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_read_back_with_the_same_measures(graph, panel, fmt):
    content = export(graph, fmt)
    assert isinstance(content, bytes)
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    read_back = reader(io.BytesIO(content), node_type=int)
    assert set(read_back.edges) == set(graph.edges)
    assert read_back.edges[1, 3]["weight"] == 6
    same_measures(read_back, panel)


def test_json_node_link_reads_back(graph, panel):
    read_back = nx.node_link_graph(json.loads(export(graph, "json")), edges="edges")
    same_measures(read_back, panel)
    assert read_back.edges[1, 2] == {"weight": 3, "year": 2019}


def test_csv_is_excel_safe_utf8_with_bom(graph, panel):
    archive = zipfile.ZipFile(io.BytesIO(export(graph, "csv")))
    assert archive.namelist() == ["nodes.csv", "edges.csv"]
    raw = archive.read("nodes.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0])[:8] == ["id", "label", "sector", *MEASURES]
    labels = {int(row["id"]): row["label"] for row in rows}
    assert labels == {1: "吉林大学", 2: "'=HYPERLINK(1)", 3: "<script>alert(1)</script>",
                      4: "'-某公司", 5: "'@长春"}
    assert float(rows[0]["betweenness"]) == pytest.approx(panel[1]["betweenness"])
    edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8-sig"))))
    assert edges[0] == {"source": "1", "target": "2", "weight": "3", "year": "2019"}


def test_formula_guard_leaves_numbers_alone():
    assert safe_cell(-0.5) == -0.5 and safe_cell("+86 431") == "'+86 431"
    assert safe_cell("\t=1") == "'\t=1" and safe_cell("吉林") == "吉林"


def test_multi_type_network_exports_plain_attributes():
    network = build_network(ORGS, [PatentRecord("P1", (1, 2), 2020),
                                   PatentRecord("P2", (1, 2), 2021)],
                            memberships=[MembershipRecord(2, "nev")])
    exported = export_graph(network)
    assert exported.nodes[1]["alliances"] == "nev" and exported.nodes[1]["degree"] == 1
    assert exported.nodes["alliance:nev"] == {"node_type": "alliance", "name": "nev",
                                              "sector": "alliance", "label": "nev"}
    edge = exported.edges[1, 2, "co_ownership"]
    assert edge["years"] == '{"2020": 1, "2021": 1}' and edge["patents"] == "P1; P2"
    for fmt in FORMATS:
        assert export(network, fmt)
    read_back = nx.read_graphml(io.BytesIO(export(network, "graphml")))
    assert read_back.number_of_edges() == 3
    assert read_back.edges["1", "2"]["kind"] == "co_ownership"


def test_unknown_format_is_refused(graph):
    with pytest.raises(ValidationError) as error:
        export(graph, "xlsx")
    assert error.value.params == {"format": "xlsx", "choices": "graphml, gexf, csv, json"}
