"""Partner suggestions: organisations an organisation is not yet tied to, ranked by how
alike their technology is (IPC subclass profiles) and where they sit in the network.

score = 0.5 · similarity + 0.3 · proximity + 0.2 · bridge, from 0 to 1, where
* similarity is the cosine of the two IPC subclass count vectors (0..1);
* proximity is 1 for a partner's partner (two steps), 0.5 at three steps, else 0;
* bridge is 1 when the candidate's community (Louvain) is neither the organisation's nor
  that of any of its partners: the tie would span a structural hole.
A candidate needs some technological similarity (at least ``min_similarity``) or a partner
in common; bridging alone suggests nobody. Each suggestion carries its reasons as
untranslated templates with parameters (the ``N_`` pattern of alliance.validators).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import networkx as nx

from ..validators import N_, ValidationError
from .engine import Engine
from .records import MSG_UNKNOWN_ORG

WEIGHT_SIMILARITY, WEIGHT_PROXIMITY, WEIGHT_BRIDGE = 0.5, 0.3, 0.2
PROXIMITY = {2: 1.0, 3: 0.5}

MSG_SIMILAR = N_("Similar technology: %(shared)s (profile similarity %(similarity).2f).")
MSG_COMMON = N_("Partners in common: %(count)d, for example %(via)s.")
MSG_NEAR = N_("Close in the network: %(steps)d steps away.")
MSG_BRIDGE = N_("Belongs to a community that none of your partners reaches "
                "(%(size)d organisations).")


@dataclass(frozen=True)
class Reason:
    """Why a partner is suggested: an English ``template`` marked for translation and the
    ``params`` that fill it in once translated."""

    template: str
    params: dict

    def __str__(self) -> str:
        return self.template % self.params


@dataclass(frozen=True)
class Suggestion:
    """A suggested partner: ``score`` 0..1 (see the module doc), IPC ``similarity`` 0..1,
    network ``distance`` in steps (None when beyond three steps or unreachable)."""

    org: Hashable
    score: float
    similarity: float
    distance: int | None
    reasons: tuple[Reason, ...]


def ipc_similarity(first: Mapping[str, int], second: Mapping[str, int]) -> float:
    """Cosine similarity (0..1) of two IPC subclass profiles (subclass -> patent count)."""
    dot = sum(count * second.get(code, 0) for code, count in first.items())
    norm = math.sqrt(sum(c * c for c in first.values()) * sum(c * c for c in second.values()))
    return dot / norm if norm else 0.0


def _shared(first: Mapping[str, int], second: Mapping[str, int], top: int = 3) -> str:
    common = sorted((code for code in first if second.get(code)),
                    key=lambda code: (-min(first[code], second[code]), code))
    return ", ".join(common[:top])


def suggest_partners(graph: nx.Graph, org: Hashable,
                     ipc_profiles: Mapping[Hashable, Mapping[str, int]], *,
                     communities: Mapping[Hashable, int] | None = None, limit: int = 10,
                     min_similarity: float = 0.1, seed: int = 0) -> list[Suggestion]:
    """Up to ``limit`` partners for ``org`` in the undirected collaboration ``graph``, best
    first (ties by node id). ``ipc_profiles`` maps organisations to IPC subclass counts;
    ``communities`` maps nodes to community labels (computed with seeded Louvain when
    omitted)."""
    if org not in graph:
        raise ValidationError(MSG_UNKNOWN_ORG, {"org": org})
    if communities is None:
        found = Engine(graph).louvain(seed=seed)
        communities = {node: i for i, group in enumerate(found) for node in group}
    sizes: dict = {}
    for label in communities.values():
        sizes[label] = sizes.get(label, 0) + 1
    partners = set(graph[org])
    reached = {communities.get(n) for n in partners | {org}}
    distance = nx.single_source_shortest_path_length(graph, org, cutoff=max(PROXIMITY))
    own = ipc_profiles.get(org, {})
    suggestions = []
    for candidate in graph:
        if candidate == org or candidate in partners:
            continue
        similarity = ipc_similarity(own, ipc_profiles.get(candidate, {})) if own else 0.0
        steps = distance.get(candidate)
        if similarity < min_similarity and steps != 2:
            continue
        reasons = []
        if similarity >= min_similarity:
            reasons.append(Reason(MSG_SIMILAR, {
                "shared": _shared(own, ipc_profiles[candidate]), "similarity": similarity}))
        if steps == 2:
            common = sorted(partners & set(graph[candidate]),
                            key=lambda n: (-graph[org][n].get("weight", 1), str(n)))
            reasons.append(Reason(MSG_COMMON, {
                "count": len(common), "via": graph.nodes[common[0]].get("name", common[0])}))
        elif steps in PROXIMITY:
            reasons.append(Reason(MSG_NEAR, {"steps": steps}))
        label = communities.get(candidate)
        bridge = label is not None and label not in reached
        if bridge:
            reasons.append(Reason(MSG_BRIDGE, {"size": sizes[label]}))
        score = (WEIGHT_SIMILARITY * similarity + WEIGHT_PROXIMITY * PROXIMITY.get(steps, 0.0)
                 + WEIGHT_BRIDGE * bridge)
        suggestions.append(Suggestion(candidate, score, similarity,
                                      steps if steps in PROXIMITY else None, tuple(reasons)))
    suggestions.sort(key=lambda s: (-s.score, str(s.org)))
    return suggestions[:limit]
