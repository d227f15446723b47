"""Partner suggestions: technology similarity, network proximity, structural holes."""

import networkx as nx
import pytest

from alliance.graph.recommend import (
    MSG_BRIDGE,
    MSG_COMMON,
    MSG_NEAR,
    MSG_SIMILAR,
    ipc_similarity,
    suggest_partners,
)
from alliance.validators import ValidationError

#   A - B - D - E - F      H (alone)
#    \- C -/     \ /
#                 G
EDGES = [("A", "B"), ("A", "C"), ("B", "D"), ("C", "D"), ("D", "E"), ("E", "F"), ("F", "G"),
         ("G", "E")]
COMMUNITIES = {"A": 0, "B": 0, "C": 0, "D": 0, "E": 1, "F": 1, "G": 1, "H": 2}
PROFILES = {"A": {"H01M": 5, "B60L": 2}, "D": {"C07K": 1}, "F": {"H01M": 3, "B60L": 1},
            "H": {"H01M": 1}, "G": {"A61K": 4}}


def graph():
    network = nx.Graph(EDGES)
    network.add_node("H")
    nx.set_node_attributes(network, {n: f"机构{n}" for n in network}, "name")
    network.edges["A", "C"]["weight"] = 5
    return network


def test_ipc_similarity_is_the_cosine_of_profiles():
    assert ipc_similarity({"H01M": 1}, {"H01M": 7}) == pytest.approx(1.0)
    assert ipc_similarity({"H01M": 1}, {"A61K": 7}) == 0.0
    assert ipc_similarity({"H01M": 3, "B60L": 4}, {"H01M": 1}) == pytest.approx(3 / 5)
    assert ipc_similarity({}, {"H01M": 1}) == 0.0


def test_suggestions_are_ranked_with_their_reasons():
    found = suggest_partners(graph(), "A", PROFILES, communities=COMMUNITIES)
    assert [s.org for s in found] == ["F", "H", "D"]
    assert not {"B", "C", "A"} & {s.org for s in found}  # already tied, or itself
    far, alone, near = found
    similarity = (5 * 3 + 2 * 1) / ((5 * 5 + 2 * 2) ** 0.5 * (3 * 3 + 1) ** 0.5)
    assert far.score == pytest.approx(0.5 * similarity + 0.2)  # similar, other community
    assert far.distance is None
    assert [r.template for r in far.reasons] == [MSG_SIMILAR, MSG_BRIDGE]
    assert far.reasons[0].params == {"shared": "H01M, B60L", "similarity": far.similarity}
    assert far.reasons[1].params == {"size": 3}
    assert alone.score == pytest.approx(0.5 * 5 / 29 ** 0.5 + 0.2)
    assert near.score == pytest.approx(0.3)  # a partner's partner, same community
    assert near.distance == 2 and [r.template for r in near.reasons] == [MSG_COMMON]
    # Both B and C lead to D; C is the stronger tie of A, so it is the example.
    assert str(near.reasons[0]) == "Partners in common: 2, for example 机构C."


def test_three_steps_and_limit_and_computed_communities():
    profiles = {"A": {"H01M": 1}, "E": {"H01M": 2}}
    found = suggest_partners(graph(), "A", profiles, communities=COMMUNITIES, limit=1)
    assert [s.org for s in found] == ["E"]
    assert found[0].distance == 3 and found[0].score == pytest.approx(0.5 + 0.3 * 0.5 + 0.2)
    assert MSG_NEAR in [r.template for r in found[0].reasons]
    # Without profiles, a partner's partner is still suggested; communities are computed.
    assert [s.org for s in suggest_partners(graph(), "A", {})] == ["D"]


def test_unknown_organisation_is_refused():
    with pytest.raises(ValidationError) as error:
        suggest_partners(graph(), "Z", PROFILES)
    assert error.value.params == {"org": "Z"}
