"""Throughput of the alliance suggestions on generated patents (prints timings, no verdict).

    python -m bench.classification [N]      # N patents, default 100000

Titles and abstracts are generated (fixed seed) from the SEI vocabulary, boilerplate patent
phrases and random Chinese characters, about 30 and 250 characters long, with two or three
IPC symbols from the WIPO concordance; they are not real patents.
"""

from __future__ import annotations

import random
import sys
import time

from alliance.classification import (
    load_sei_alliance_map,
    load_wipo_alliance_map,
    sei_matches,
    suggest_alliances,
)
from alliance.classification.mappings import ipc_wipo_rows, sei_categories
from alliance.classification.sei import default_index
from alliance.classification.wipo import default_concordance

FILLER = "一种方法装置系统包括所述用于其中设置连接固定第二端部壳体通过使得提高效率稳定结构简单"
BOILERPLATE = (
    "本发明公开了",
    "本实用新型涉及",
    "所述方法包括以下步骤：",
    "具有成本低、效果好的优点。",
)


def _symbols(rng: random.Random, subclasses: list[str]) -> list[str]:
    return [
        f"{rng.choice(subclasses)} {rng.randint(1, 99)}/{rng.randint(0, 99):02d}"
        for _ in range(rng.randint(2, 3))
    ]


def generate(count: int, seed: int = 7) -> list[tuple[list[str], str, str]]:
    """Return ``count`` generated (ipc_symbols, title, abstract) triples."""
    rng = random.Random(seed)
    words = [w for c in sei_categories() for t in c.texts for w in t.split("；") if 1 < len(w) < 9]
    subclasses = sorted({row["IPC_code"][:4] for row in ipc_wipo_rows()})
    patents = []
    for _ in range(count):
        title = "一种" + "".join(rng.choices(words, k=2)) + rng.choice(("及其制备方法", "装置", ""))
        parts = [rng.choice(BOILERPLATE)]
        while sum(map(len, parts)) < 250:
            parts.append(rng.choice(words) if rng.random() < 0.3 else "".join(
                rng.choices(FILLER, k=rng.randint(4, 12))))
        patents.append((_symbols(rng, subclasses), title, "，".join(parts)))
    return patents


def main(count: int) -> None:
    """Time index building, SEI matching and full suggestions over ``count`` patents."""
    start = time.perf_counter()
    default_index()
    default_concordance()
    print(f"index build: {time.perf_counter() - start:.3f} s")
    patents = generate(count)
    sei_map, wipo_map = load_sei_alliance_map(), load_wipo_alliance_map()
    start = time.perf_counter()
    for _, title, abstract in patents:
        sei_matches(title, abstract)
    sei_seconds = time.perf_counter() - start
    start = time.perf_counter()
    suggested = 0
    for symbols, title, abstract in patents:
        suggested += bool(suggest_alliances(symbols, title, abstract, sei_map, wipo_map))
    all_seconds = time.perf_counter() - start
    print(f"{count} patents: sei_matches {sei_seconds:.1f} s "
          f"({sei_seconds / count * 1e6:.0f} µs each); suggest_alliances {all_seconds:.1f} s "
          f"({all_seconds / count * 1e6:.0f} µs each); {suggested} with a suggestion")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
