"""The igraph engine gives networkx's results (definitions and scaling) on small graphs."""

import math

import networkx as nx
import pytest

from alliance.graph.engine import Engine


def graphs():
    karate = nx.karate_club_graph()
    florentine = nx.florentine_families_graph()
    nx.set_edge_attributes(florentine, {e: 1 + i % 3 for i, e in enumerate(florentine.edges)},
                           "weight")
    lonely = nx.Graph([(1, 2, {"weight": 2}), (2, 3, {"weight": 1})])
    lonely.add_node(9)  # an isolated node
    return {"karate": karate, "florentine": florentine, "lonely": lonely,
            "les miserables": nx.les_miserables_graph()}


def close(ours: dict, theirs: dict, tol: float = 1e-6) -> bool:
    assert ours.keys() == theirs.keys()
    return all((math.isnan(a) and math.isnan(theirs[n])) or a == pytest.approx(theirs[n], abs=tol)
               for n, a in ours.items())


@pytest.mark.parametrize("name", ["karate", "florentine", "lonely", "les miserables"])
def test_engine_agrees_with_networkx(name):
    graph = graphs()[name]
    engine = Engine(graph)
    assert close(engine.betweenness().values, nx.betweenness_centrality(graph))
    assert close(engine.pagerank(), nx.pagerank(graph, weight="weight", tol=1e-12,
                                                       max_iter=10_000))
    assert close(engine.clustering(), nx.clustering(graph))
    assert engine.core_number() == nx.core_number(graph)
    assert close(engine.constraint(), nx.constraint(graph, weight="weight"))
    assert close(engine.effective_size(), nx.effective_size(graph))
    assert sorted(map(sorted, engine.components())) == sorted(
        map(sorted, nx.connected_components(graph)))


def test_eigenvector_agrees_on_connected_graphs():
    for name in ("karate", "florentine"):
        graph = graphs()[name]
        theirs = nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-10)
        assert close(Engine(graph).eigenvector(), theirs, tol=1e-5)


def test_sampled_betweenness_is_networkx_estimate_with_same_seed():
    graph = nx.les_miserables_graph()
    result = Engine(graph).betweenness(exact_limit=50, k=20, seed=7)
    assert (result.method, result.sample_size) == ("sampled", 20)
    assert close(result.values, nx.betweenness_centrality(graph, k=20, seed=7))
    exact = Engine(graph).betweenness()
    assert (exact.method, exact.sample_size) == ("exact", None)


def test_karate_betweenness_known_values():
    values = Engine(nx.karate_club_graph()).betweenness().values
    # Published normalised betweenness of Zachary's karate club (node 0 = the instructor,
    # node 33 = the administrator).
    assert values[0] == pytest.approx(0.437635, abs=1e-6)
    assert values[33] == pytest.approx(0.304075, abs=1e-6)
    assert max(values, key=values.get) == 0


def test_modularity_of_the_karate_club_split():
    graph = nx.karate_club_graph()
    clubs = [{n for n, club in graph.nodes(data="club") if club == name}
             for name in ("Mr. Hi", "Officer")]
    engine = Engine(graph)
    # The observed split of the unweighted network: Q = 0.358 (as cited since Newman and
    # Girvan 2004).
    assert engine.modularity(clubs, weighted=False) == pytest.approx(0.3582, abs=1e-4)
    assert engine.modularity(clubs, weighted=False) == pytest.approx(
        nx.community.modularity(graph, clubs, weight=None))
    assert engine.modularity(clubs) == pytest.approx(
        nx.community.modularity(graph, clubs, weight="weight"))


def test_louvain_is_seeded_and_finds_a_good_partition():
    graph = nx.karate_club_graph()
    first, again = Engine(graph).louvain(seed=3), Engine(graph).louvain(seed=3)
    assert first == again
    assert sorted(n for c in first for n in c) == sorted(graph)
    assert Engine(graph).modularity(first) > 0.40


def test_layout_is_seeded():
    graph = nx.karate_club_graph()
    assert Engine(graph).layout(seed=1) == Engine(graph).layout(seed=1)
    assert Engine(graph).layout(seed=1) != Engine(graph).layout(seed=2)


def test_directed_graphs_are_refused():
    with pytest.raises(nx.NetworkXNotImplemented):
        Engine(nx.DiGraph([(1, 2)]))
