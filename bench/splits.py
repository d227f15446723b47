"""10⁶ random royalty splits (alliance.services.royalties.split) against a plain loop of
Decimal multiplications over the same amounts and shares, in one process; and a check of the
invariant on every split (the parts sum to the whole). Prints times and their ratio; no
verdict.

    python -m bench.splits [N]      # N splits, default 1000000

Amounts are random yuan with cents up to ¥10,000,000; shares are two to six random whole
or two-decimal percentages summing to exactly 100 (fixed seed).
"""

from __future__ import annotations

import random
import sys
import time
from decimal import Decimal

from alliance.services.royalties import split

CENT = Decimal("0.01")


def cases(count: int, seed: int = 7) -> list[tuple[Decimal, list[Decimal]]]:
    """``count`` (amount, shares) pairs."""
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        amount = Decimal(rng.randint(1, 1_000_000_000)) / 100
        parties = rng.randint(2, 6)
        cuts = sorted(rng.sample(range(1, 10_000), parties - 1))
        points = [0, *cuts, 10_000]
        shares = [Decimal(b - a) / 100 for a, b in zip(points, points[1:], strict=False)]
        made.append((amount, shares))
    return made


def plain(work) -> float:
    """A loop of Decimal multiplications (amount × share / 100, rounded to the cent)."""
    started = time.perf_counter()
    for amount, shares in work:
        [(amount * share / 100).quantize(CENT) for share in shares]
    return time.perf_counter() - started


def exact(work) -> tuple[float, int]:
    """The largest-remainder split, counting splits whose parts do not sum to the whole."""
    started = time.perf_counter()
    wrong = 0
    for amount, shares in work:
        if sum(split(amount, shares)) != amount:
            wrong += 1
    return time.perf_counter() - started, wrong


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    work = cases(count)
    base = plain(work)
    ours, wrong = exact(work)
    print(f"{count:,} splits: plain Decimal loop {base:.2f} s, split() {ours:.2f} s "
          f"(ratio {ours / base:.2f}); parts not summing to the whole: {wrong}")


if __name__ == "__main__":
    main()
