"""The demo loader's rules, without Flask or a database: which organisations of the GBA
co-applicant network are loaded, their sector, and the alliances they join.

Alliance keyword rules (matched on the organisation's Chinese name; every rule that matches
gives a membership, so one organisation may join several alliances):

| alliance           | a name containing any of                                               |
|--------------------|------------------------------------------------------------------------|
| biochemical        | 生物 化工 化学                                                         |
| nev                | 汽车 新能源车 电动车 电池 电机                                         |
| biomedicine        | 医药 药业 制药 药科 药物 医疗 医学 医科 生物医学 基因 生命科学        |
| electronics        | 电子 通信 信息 软件 电网 半导体 光电 华为 中兴                         |
| new-materials      | 材料 钢 陶瓷 玻璃 塑料                                                 |
| new-energy         | 能源 电力 核电 光伏 风电 太阳能                                         |
| advanced-equipment | 装备 机械 机器人 制造 精密 数控                                        |
| energy-saving      | 环保 节能 环境 水务 固废                                               |
| tourism            | 旅游 酒店                                                              |
| culture            | 文化 传媒 出版 影视 动漫 创意 游戏 工业设计                            |

A bare 设计 is not a culture keyword: in this network it names engineering design institutes
(rail, power, telecom planning), not creative industries. 电机 (traction motors) is in nev, as the
nev alliance covers 电机电控.

Universities, research institutes and firms whose names match no rule join the one alliance
most common among their keyword-matched co-applicants inside the loaded subset (ties broken
by alliance position); if they have none, firms stay without membership (and so do the rest).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ..graph.build import read_coapplicant_csv

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
NODES_FILE = "gba_coapplicant_nodes.csv"
EDGES_FILE = "gba_coapplicant_edges.csv"
SUBSET_SIZE = 600

#: node ``type`` of the data set -> ``Sector`` value; type ``other`` (hospitals,
#: associations, schools...) has no sector of ours and is not loaded.
SECTOR_BY_TYPE = {
    "firm": "enterprise",
    "university": "university",
    "research institute": "research_institute",
    "government": "government",
}
ACADEMIC_TYPES = ("university", "research institute")
NEIGHBOUR_RULE_TYPES = ("university", "research institute", "firm")

KEYWORD_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("biochemical", ("生物", "化工", "化学")),
    ("nev", ("汽车", "新能源车", "电动车", "电池", "电机")),
    ("biomedicine", ("医药", "药业", "制药", "药科", "药物", "医疗", "医学", "医科",
                     "生物医学", "基因", "生命科学")),
    ("electronics", ("电子", "通信", "信息", "软件", "电网", "半导体", "光电", "华为", "中兴")),
    ("new-materials", ("材料", "钢", "陶瓷", "玻璃", "塑料")),
    ("new-energy", ("能源", "电力", "核电", "光伏", "风电", "太阳能")),
    ("advanced-equipment", ("装备", "机械", "机器人", "制造", "精密", "数控")),
    ("energy-saving", ("环保", "节能", "环境", "水务", "固废")),
    ("tourism", ("旅游", "酒店")),
    ("culture", ("文化", "传媒", "出版", "影视", "动漫", "创意", "游戏", "工业设计")),
)


@dataclass(frozen=True)
class DemoOrg:
    """One organisation of the network; ``degree`` is its weighted degree (joint patents)."""

    node: int
    name: str
    type: str
    degree: int

    @property
    def sector(self) -> str:
        return SECTOR_BY_TYPE[self.type]


@dataclass(frozen=True, order=True)
class DemoTie:
    a: int  # node ids of the data set, not database ids
    b: int
    weight: int
    first_year: int


@dataclass
class DemoNetwork:
    """The loaded subset: organisations by descending degree, the ties among them."""

    orgs: list[DemoOrg]
    ties: list[DemoTie]
    neighbours: dict[int, list[int]] = field(default_factory=dict)

    def by_node(self) -> dict[int, DemoOrg]:
        return {org.node: org for org in self.orgs}

    def top(self, org_type: str) -> DemoOrg:
        return next(org for org in self.orgs if org.type == org_type)


def read_graph(data_dir: Path = DATA_DIR) -> nx.Graph:
    """The whole network: nodes carry ``name`` and ``sector`` (the data set's type); edges
    ``weight`` and ``year``."""
    return read_coapplicant_csv(data_dir / NODES_FILE, data_dir / EDGES_FILE)


def select_network(graph: nx.Graph, size: int = SUBSET_SIZE) -> DemoNetwork:
    """The ``size`` organisations of a known sector with the highest weighted degree in the
    largest connected component (ties broken by node id), and every edge among them."""
    component = max(nx.connected_components(graph), key=lambda nodes: (len(nodes), min(nodes)))
    degree = dict(graph.degree(weight="weight"))
    eligible = [n for n in component if graph.nodes[n]["sector"] in SECTOR_BY_TYPE]
    chosen = sorted(eligible, key=lambda n: (-degree[n], n))[:size]
    orgs = [DemoOrg(n, graph.nodes[n]["name"], graph.nodes[n]["sector"], degree[n])
            for n in chosen]
    sub = graph.subgraph(chosen)
    ties = sorted(
        DemoTie(min(u, v), max(u, v), data["weight"], data["year"])
        for u, v, data in sub.edges(data=True)
    )
    neighbours = {n: sorted(sub.neighbors(n)) for n in chosen}
    return DemoNetwork(orgs, ties, neighbours)


def keyword_alliances(name: str) -> list[str]:
    """The alliance codes whose keywords occur in ``name``, in table order."""
    return [code for code, words in KEYWORD_RULES if any(word in name for word in words)]


def assign_alliances(network: DemoNetwork, positions: dict[str, int]) -> dict[int, list[str]]:
    """Alliance codes per node: keyword rules first, then the neighbour rule (see module doc)."""
    by_keyword = {org.node: keyword_alliances(org.name) for org in network.orgs}
    result: dict[int, list[str]] = {}
    for org in network.orgs:
        codes = by_keyword[org.node]
        if not codes and org.type in NEIGHBOUR_RULE_TYPES:
            counts = Counter(code for n in network.neighbours.get(org.node, [])
                             for code in by_keyword[n])
            if counts:
                codes = [min(counts, key=lambda code: (-counts[code], positions[code]))]
        result[org.node] = codes
    return result


def choose_lead(members: list[DemoOrg]) -> DemoOrg | None:
    """The member of highest degree that is a university or research institute; if there is
    none, the member of highest degree of any sector (so every alliance has one lead)."""
    if not members:
        return None
    academic = [org for org in members if org.type in ACADEMIC_TYPES]
    return max(academic or members, key=lambda org: (org.degree, -org.node))


def choose_applicants(
    network: DemoNetwork, assignment: dict[int, list[str]], code: str, count: int,
    rng: random.Random,
) -> list[DemoOrg]:
    """``count`` organisations, not assigned to ``code``, that co-applied with one of its
    members: drawn with ``rng`` from a sorted list, so the draw is fixed by the seed."""
    members = {node for node, codes in assignment.items() if code in codes}
    candidates = [
        org for org in network.orgs
        if org.node not in members and members.intersection(network.neighbours[org.node])
    ]
    candidates.sort(key=lambda org: org.node)
    picked = rng.sample(candidates, min(count, len(candidates)))
    return sorted(picked, key=lambda org: (-org.degree, org.node))
