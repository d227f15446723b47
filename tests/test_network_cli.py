"""flask graph compute and flask graph export."""

from __future__ import annotations

import io
import json
import zipfile

import networkx as nx

from alliance.services import network
from alliance.services.network_records import graph_version

from .network_helpers import SCRIPT_NAME, make_network


def test_export_writes_a_graphml_that_networkx_reads_with_the_measures(app, db, tmp_path):
    make_network()
    out = tmp_path / "nev.graphml"
    result = app.test_cli_runner().invoke(
        args=["graph", "export", "--alliance", "nev", "--format", "graphml", "--out", str(out)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 5
    panel = {str(row["id"]): row for row in network.measures(
        "nev", graph_version())["panel"]["nodes"]}
    for node, data in graph.nodes(data=True):
        assert {"sector", "degree", "strength", "betweenness", "pagerank",
                "community"} <= set(data)
        assert data["degree"] == panel[node]["degree"]
        assert abs(data["betweenness"] - panel[node]["betweenness"]) < 1e-12
    assert SCRIPT_NAME in {data["label"] for _n, data in graph.nodes(data=True)}


def test_export_other_formats_and_the_province(app, db, tmp_path):
    make_network()
    runner = app.test_cli_runner()
    for fmt in ("gexf", "json", "csv"):
        out = tmp_path / f"net.{fmt}"
        result = runner.invoke(args=["graph", "export", "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
    assert nx.read_gexf(tmp_path / "net.gexf").number_of_nodes() == 5  # with the outsider
    data = json.loads((tmp_path / "net.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 5
    archive = zipfile.ZipFile(io.BytesIO((tmp_path / "net.csv").read_bytes()))
    assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]


def test_bad_alliance_or_format_is_refused(app, db, tmp_path):
    runner = app.test_cli_runner()
    out = tmp_path / "x"
    unknown = runner.invoke(args=["graph", "export", "--alliance", "atlantis", "--format",
                                  "graphml", "--out", str(out)])
    assert unknown.exit_code != 0 and 'no alliance "atlantis"' in unknown.output
    bad = runner.invoke(args=["graph", "export", "--format", "xlsx", "--out", str(out)])
    assert bad.exit_code != 0 and "xlsx" in bad.output
    assert not out.exists()


def test_compute_stores_the_measures_for_the_current_version(app, db):
    make_network()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["graph", "compute", "--alliance", "nev"])
    assert result.exit_code == 0, result.output
    assert "nev: 4 organisations, 5 ties" in result.output
    assert network.measures("nev", graph_version()) is not None
    everything = runner.invoke(args=["graph", "compute"])
    assert everything.exit_code == 0
    assert everything.output.splitlines()[0].startswith("province: 5 organisations")
    assert len(everything.output.splitlines()) == 11
