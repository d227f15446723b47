"""Plain rows for the tables and the chart beside the network view, from a measures panel
and the summary (no Flask here but translated labels passed in)."""

from __future__ import annotations

from collections import Counter

MEASURE_ROWS = 50
BROKER_ROWS = 15
COMMUNITY_ROWS = 20

#: Sector colours of the view, the legend and the tables (colour-blind safe palette).
SECTOR_COLOURS = {"university": "#0072B2", "research_institute": "#009E73",
                  "enterprise": "#E69F00", "government": "#CC79A7",
                  "service_agency": "#56B4E9", "financial_institution": "#D55E00"}
OTHER_COLOUR = "#999999"


def _key(value):
    return (value is None, value if value is not None else 0)


def measure_rows(panel: dict, column: str, descending: bool, keep=None,
                 limit: int = MEASURE_ROWS) -> list[dict]:
    """The panel's node rows sorted by ``column`` (missing values last), at most ``limit``;
    only the nodes in ``keep`` when given."""
    rows = [row for row in panel["nodes"] if keep is None or row["id"] in keep]
    rows.sort(key=lambda row: str(row["name"]))
    present = [row for row in rows if row.get(column) is not None]
    missing = [row for row in rows if row.get(column) is None]
    present.sort(key=lambda row: row[column], reverse=descending)
    return (present + missing)[:limit]


def broker_rows(panel: dict, keep=None, limit: int = BROKER_ROWS) -> list[dict]:
    """Organisations brokering the most open two-step paths (Gould–Fernandez, all roles),
    then by betweenness; organisations brokering nothing are left out."""
    rows = [row for row in panel["nodes"]
            if row.get("brokerage") and (keep is None or row["id"] in keep)]
    rows.sort(key=lambda row: (-row["brokerage"], -(row["betweenness"] or 0), str(row["name"])))
    return rows[:limit]


def community_rows(panel: dict, limit: int = COMMUNITY_ROWS, members: int = 3) -> list[dict]:
    """Louvain communities, largest first: index, size, sectors (code -> organisations)
    and the ``members`` best connected organisations by degree."""
    groups: dict[int, list] = {}
    for row in panel["nodes"]:
        groups.setdefault(row["community"], []).append(row)
    result = []
    for index in sorted(groups, key=lambda i: (-len(groups[i]), i))[:limit]:
        rows = sorted(groups[index], key=lambda r: (-r["degree"], str(r["name"])))
        result.append({"index": index + 1, "size": len(rows),
                       "sectors": Counter(r["sector"] for r in rows).most_common(),
                       "leaders": [r["name"] for r in rows[:members]]})
    return result


def helix_chart(helix: dict, width: int = 560, height: int = 200, pad: int = 36) -> dict | None:
    """Geometry of the Triple Helix line chart (SVG units): ``points`` (x, y, year, T),
    the zero line ``zero_y`` and the y-axis range ``low``/``high`` in bits; None without
    at least one year."""
    if not helix:
        return None
    years = sorted(helix)
    values = [helix[year]["t"] for year in years]
    low, high = min(min(values), 0.0), max(max(values), 0.0)
    if high - low < 1e-9:
        low, high = low - 0.1, high + 0.1
    span_x = max(len(years) - 1, 1)

    def y_of(value: float) -> float:
        return round(pad / 2 + (high - value) / (high - low) * (height - pad), 1)

    points = [{"x": round(pad + i * (width - 2 * pad) / span_x, 1), "y": y_of(helix[year]["t"]),
               "year": year, "t": helix[year]["t"]} for i, year in enumerate(years)]
    return {"width": width, "height": height, "points": points, "zero_y": y_of(0.0),
            "low": low, "high": high, "pad": pad,
            "line": " ".join(f"{p['x']},{p['y']}" for p in points)}
