"""Exports of a collaboration graph as bytes: GraphML and GEXF (Gephi), CSV of nodes and
edges (a zip of ``nodes.csv`` and ``edges.csv``, UTF-8 with a BOM so Excel shows Chinese,
guarded against formula injection) and JSON node-link.

Exported nodes carry ``label`` (the name), ``sector`` and the measures degree, strength,
betweenness, pagerank and community of :func:`alliance.graph.panel.measures_panel`.
Attributes are turned into types both XML formats accept: str, int, float and bool;
tuples become ``"a; b"``, dicts (years) JSON text, and None or NaN are left out.
"""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile

import networkx as nx

from ..validators import N_, ValidationError
from .build import collaboration_graph
from .panel import measures_panel

FORMATS = ("graphml", "gexf", "csv", "json")
EXPORTED_MEASURES = ("degree", "strength", "betweenness", "pagerank", "community")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MSG_FORMAT = N_('"%(format)s" is not an export format (choose from %(choices)s).')
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def _scalar(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return json.dumps({str(k): v for k, v in value.items()}, ensure_ascii=False)
    if isinstance(value, tuple | list | set | frozenset):
        return "; ".join(map(str, value))
    return str(value)


def _clean(data: dict) -> dict:
    return {key: value for key, value in ((k, _scalar(v)) for k, v in data.items())
            if value is not None}


def export_graph(graph: nx.Graph, panel: dict | None = None) -> nx.Graph:
    """A copy of ``graph`` ready to write: plain attribute types, ``label`` and the exported
    measures on every node that has them (``panel`` from measures_panel, computed on the
    graph, or on its projection for a multi-type network, when omitted)."""
    if panel is None:
        if graph.is_multigraph():
            measured = collaboration_graph(graph)
        elif graph.is_directed():
            measured = graph.to_undirected()
        else:
            measured = graph
        panel = measures_panel(measured)
    rows = {row["id"]: row for row in panel["nodes"]}
    copy = graph.__class__()
    for node, data in graph.nodes(data=True):
        attrs = _clean(data)
        attrs["label"] = str(data.get("name", node))
        if node in rows:
            attrs.update((key, rows[node][key]) for key in EXPORTED_MEASURES)
        copy.add_node(node, **attrs)
    if graph.is_multigraph():
        copy.add_edges_from((u, v, k, _clean(d))
                            for u, v, k, d in graph.edges(keys=True, data=True))
    else:
        copy.add_edges_from((u, v, _clean(d)) for u, v, d in graph.edges(data=True))
    return copy


def to_graphml(graph: nx.Graph) -> bytes:
    """GraphML of an exported graph (see :func:`export_graph`)."""
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", infer_numeric_types=True)
    return buffer.getvalue()


def to_gexf(graph: nx.Graph) -> bytes:
    """GEXF 1.2 of an exported graph."""
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def to_json(graph: nx.Graph) -> bytes:
    """JSON node-link data (``nodes``, ``edges``) of an exported graph, UTF-8."""
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def safe_cell(value):
    """A CSV cell that a spreadsheet will not run: text starting with = + - @ (or a tab or
    carriage return) gets a leading apostrophe; numbers are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(header: list, rows) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(row.get(key, "")) for key in header])
    return text.getvalue().encode("utf-8-sig")


def _columns(first: list, dicts) -> list:
    rest = sorted({key for data in dicts for key in data} - set(first))
    return first + rest


def nodes_csv(graph: nx.Graph) -> bytes:
    """CSV of the nodes of an exported graph: id, label, sector, the measures, then the
    other attributes in name order."""
    first = ["id", "label", "sector", *EXPORTED_MEASURES]
    header = _columns(first, (d for _, d in graph.nodes(data=True)))
    return _csv(header, ({"id": n, **d} for n, d in graph.nodes(data=True)))


def edges_csv(graph: nx.Graph) -> bytes:
    """CSV of the edges of an exported graph: source, target (key for a multi-type
    network), weight, then the other attributes in name order."""
    first = ["source", "target", *(["key"] if graph.is_multigraph() else []), "weight"]
    if graph.is_multigraph():
        rows = [{"source": u, "target": v, "key": k, **d}
                for u, v, k, d in graph.edges(keys=True, data=True)]
    else:
        rows = [{"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)]
    return _csv(_columns(first, rows), rows)


def to_csv_zip(graph: nx.Graph) -> bytes:
    """A zip holding ``nodes.csv`` and ``edges.csv`` of an exported graph."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (("nodes.csv", nodes_csv(graph)), ("edges.csv", edges_csv(graph))):
            archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), content,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


WRITERS = {"graphml": to_graphml, "gexf": to_gexf, "csv": to_csv_zip, "json": to_json}


def export(graph: nx.Graph, fmt: str, panel: dict | None = None) -> bytes:
    """``graph`` with its measures in format ``fmt`` (of :data:`FORMATS`), as bytes."""
    if fmt not in WRITERS:
        raise ValidationError(MSG_FORMAT, {"format": fmt, "choices": ", ".join(FORMATS)})
    return WRITERS[fmt](export_graph(graph, panel))
