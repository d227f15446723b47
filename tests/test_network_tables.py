"""Rows of the tables beside the network view, and the Triple Helix chart geometry."""

from __future__ import annotations

from alliance.blueprints.network import tables


def _panel():
    rows = [
        {"id": 1, "name": "乙", "sector": "university", "degree": 3, "betweenness": 0.5,
         "brokerage": 4, "community": 0, "constraint": 0.4},
        {"id": 2, "name": "甲", "sector": "enterprise", "degree": 1, "betweenness": 0.0,
         "brokerage": 0, "community": 1, "constraint": None},
        {"id": 3, "name": "丙", "sector": "enterprise", "degree": 2, "betweenness": 0.7,
         "brokerage": 4, "community": 0, "constraint": 0.9},
    ]
    return {"nodes": rows, "network": {}}


def test_measure_rows_sort_with_missing_values_last_and_keep_a_subset():
    panel = _panel()
    assert [r["id"] for r in tables.measure_rows(panel, "degree", True)] == [1, 3, 2]
    assert [r["id"] for r in tables.measure_rows(panel, "constraint", False)] == [1, 3, 2]
    assert [r["id"] for r in tables.measure_rows(panel, "constraint", True)] == [3, 1, 2]
    assert [r["id"] for r in tables.measure_rows(panel, "degree", True, keep={2, 3})] == [3, 2]
    assert len(tables.measure_rows(panel, "degree", True, limit=1)) == 1


def test_brokers_rank_by_paths_then_betweenness_and_skip_non_brokers():
    assert [r["id"] for r in tables.broker_rows(_panel())] == [3, 1]
    assert [r["id"] for r in tables.broker_rows(_panel(), keep={1, 2})] == [1]


def test_communities_largest_first_with_their_best_connected():
    rows = tables.community_rows(_panel())
    assert [(c["index"], c["size"]) for c in rows] == [(1, 2), (2, 1)]
    assert rows[0]["leaders"] == ["乙", "丙"]
    assert rows[0]["sectors"] == [("university", 1), ("enterprise", 1)]


def test_helix_chart_puts_zero_and_values_on_the_y_axis():
    assert tables.helix_chart({}) is None
    chart = tables.helix_chart({2019: {"t": -0.5, "patents": 3}, 2020: {"t": 0.25,
                                                                      "patents": 2}})
    low, high = chart["points"][0], chart["points"][1]
    assert chart["low"] == -0.5 and chart["high"] == 0.25
    assert low["y"] == chart["height"] - chart["pad"] / 2  # the lowest value at the bottom
    assert high["y"] == chart["pad"] / 2  # the highest at the top
    assert low["y"] > chart["zero_y"] > high["y"]
    assert low["x"] == chart["pad"] and high["x"] == chart["width"] - chart["pad"]
    flat = tables.helix_chart({2019: {"t": 0.0, "patents": 1}})
    assert flat["points"][0]["y"] == flat["zero_y"]
