"""View data for vis-network: nodes, edges and options, built directly (pyvis'
``Network.from_nx`` grows quadratically and rewrites the graph it is given).

Nodes carry ``id``, ``label`` (the name), ``group`` (the sector, for colours and the
legend), ``value`` (the measure chosen to size them) and ``title`` (plain text: the page
sets it with ``textContent``, so an organisation named ``<script>`` stays text). Above
:data:`PHYSICS_LIMIT` nodes physics is off and every node has ``x``/``y`` from a seeded
Fruchterman–Reingold layout computed here (about 0.2 s for 11,630 nodes); the view can be
cut to the ``top_k`` nodes by a measure.
"""

from __future__ import annotations

import json
import math

import networkx as nx

from ..validators import N_, ValidationError
from .engine import Engine
from .panel import measures_panel

PHYSICS_LIMIT = 300
LAYOUT_ITERATIONS = 50
#: Measures a view may size nodes by (keys of the measures panel).
SIZE_MEASURES = ("degree", "strength", "betweenness", "eigenvector", "pagerank", "clustering",
                 "core", "constraint", "effective_size", "brokerage")
#: Default tooltip: name and sector (the size already shows the measure, and each repeated
#: value costs payload; a caller's template may also use %(measure)s and %(value)s).
MSG_TITLE = N_("%(name)s\n%(sector)s")
MSG_MEASURE = N_('"%(measure)s" is not a measure to size nodes by (choose from %(choices)s).')
MSG_TOP_K = N_("The number of nodes to show must be at least 1, not %(top_k)s.")


def _raw(value):
    return 0 if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _number(value):
    """A measure as sent: ints as they are, floats to 3 significant digits (enough to size
    a node, and a third smaller once compressed than full precision)."""
    value = _raw(value)
    return value if isinstance(value, int) else float(f"{value:.3g}")


def top_nodes(rows: dict, measure: str, k: int) -> list:
    """The ``k`` node ids with the highest ``measure`` in panel ``rows`` (ties by id)."""
    ranked = sorted(rows.values(), key=lambda r: (-_raw(r[measure]), str(r["id"])))
    return [row["id"] for row in ranked[:k]]


def _positions(graph: nx.Graph, seed: int, iterations: int) -> dict:
    """Seeded layout scaled to about 40 px per node along each axis of a square."""
    coords = Engine(graph).layout(seed=seed, iterations=iterations)
    if not coords:
        return {}
    xs = [x for x, _ in coords.values()]
    ys = [y for _, y in coords.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = 40 * math.sqrt(len(coords)) / span
    return {n: (round((x - cx) * scale), round((y - cy) * scale)) for n, (x, y) in coords.items()}


def vis_data(graph: nx.Graph, panel: dict | None = None, *, size_by: str = "degree",
             top_k: int | None = None, physics_limit: int = PHYSICS_LIMIT, seed: int = 0,
             iterations: int = LAYOUT_ITERATIONS, title_template: str = MSG_TITLE,
             sector_labels: dict | None = None, measure_label: str | None = None) -> dict:
    """The vis-network data of an undirected collaboration ``graph``:
    ``{"nodes", "edges", "physics", "directed", "groups", "size_by", "shown", "total"}``.

    ``panel`` is the graph's measures panel (computed when omitted); ``title_template``
    (translated by the caller) gets ``name``, ``sector`` (through ``sector_labels``),
    ``measure`` (``measure_label`` or ``size_by``) and ``value``. Edges carry ``from``,
    ``to`` and ``value`` (the tie weight)."""
    if size_by not in SIZE_MEASURES:
        raise ValidationError(MSG_MEASURE, {"measure": size_by,
                                            "choices": ", ".join(SIZE_MEASURES)})
    if top_k is not None and top_k < 1:
        raise ValidationError(MSG_TOP_K, {"top_k": top_k})
    if panel is None:
        panel = measures_panel(graph)
    rows = {row["id"]: row for row in panel["nodes"]}
    shown = graph
    if top_k is not None and top_k < len(graph):
        shown = graph.subgraph(top_nodes(rows, size_by, top_k))
    physics = len(shown) <= physics_limit
    positions = {} if physics else _positions(shown, seed, iterations)
    labels = sector_labels or {}
    measure = measure_label or size_by
    nodes = []
    for node, data in shown.nodes(data=True):
        name = str(data.get("name", node))
        sector = data.get("sector")
        value = _number(rows[node][size_by])
        item = {"id": node, "label": name, "group": sector, "value": value,
                "title": title_template % {"name": name, "sector": labels.get(sector, sector),
                                           "measure": measure, "value": value}}
        if not physics:
            item["x"], item["y"] = positions[node]
        nodes.append(item)
    edges = [{"from": u, "to": v, "value": w}
             for u, v, w in shown.edges(data="weight", default=1)]
    return {"nodes": nodes, "edges": edges, "physics": physics,
            "directed": graph.is_directed(),
            "groups": sorted({str(n["group"]) for n in nodes}), "size_by": size_by,
            "shown": len(shown), "total": len(graph)}


def payload_bytes(data: dict) -> bytes:
    """Compact UTF-8 JSON of view data; ``<`` is written ``\\u003c`` so no HTML parser
    can ever read a tag in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").encode("utf-8")
