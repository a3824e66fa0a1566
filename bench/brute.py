"""The exact corpus-wide alignment, for benchmarks and tests: every cross-paper pair scored."""

from __future__ import annotations

from typing import Iterable

from argmap.compare.align import ClaimText
from argmap.similarity import PairScorer, weights_of


def brute_force(items: list[ClaimText], threshold: float, rows: Iterable[int] | None = None
                ) -> set[tuple[int, int]]:
    """(i, j), i < j, of every cross-paper pair scoring at least `threshold` (only those involving `rows`)."""
    score = PairScorer([item.doc for item in items], weights_of(item.doc.terms() for item in items))
    out = set()
    for i in range(len(items)) if rows is None else rows:
        for j, other in enumerate(items):
            if items[i].paper != other.paper and score(i, j) >= threshold:
                out.add((min(i, j), max(i, j)))
    return out
