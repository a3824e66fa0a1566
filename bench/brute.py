"""The exact corpus-wide alignment, for benchmarks and tests: every cross-paper pair scored (needs numpy)."""

from __future__ import annotations

from typing import Iterable

from argmap.align import ClaimText


def brute_force(items: list[ClaimText], threshold: float, rows: Iterable[int] | None = None
                ) -> set[tuple[int, int]]:
    """(i, j), i < j, of every cross-paper pair scoring at least `threshold` (only those involving `rows`)."""
    from rapidfuzz import fuzz, process

    texts = [item.text for item in items]
    rows = list(range(len(items)) if rows is None else rows)
    matrix = process.cdist([texts[i] for i in rows], texts, scorer=fuzz.token_sort_ratio,
                           score_cutoff=threshold, workers=-1)
    out = set()
    for r, i in enumerate(rows):
        for j in matrix[r].nonzero()[0]:
            j = int(j)
            if items[i].paper != items[j].paper and matrix[r][j] >= threshold:
                out.add((min(i, j), max(i, j)))
    return out
