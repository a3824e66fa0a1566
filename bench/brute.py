"""The exact corpus-wide alignment, for benchmarks and tests: every cross-paper pair scored.

Pairs are scored a block of rows at a time with numpy (a test-only
dependency), against every claim: the shared term weight of each pair is
accumulated from the terms' postings, then both coverages, their harmonic
mean and the tags' overlap are computed for the whole block at once. Pairs
near or above the threshold are rescored with `PairScorer` itself, so the
answer is exactly what scoring every pair in Python would give (a pair that
shares no word scores at most 50/1.5 < THRESHOLD, which is why the postings
of words alone are enough).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

import numpy as np

from argmap.compare.align import ClaimText
from argmap.similarity import TAG_WEIGHT, PairScorer, weights_of

BLOCK = 64  # rows scored at once: a few (BLOCK x claims) float arrays


def brute_force(items: list[ClaimText], threshold: float, rows: Iterable[int] | None = None
                ) -> set[tuple[int, int]]:
    """(i, j), i < j, of every cross-paper pair scoring at least `threshold` (only those involving `rows`)."""
    return set(brute_scores(items, threshold, rows))


def brute_scores(items: list[ClaimText], threshold: float, rows: Iterable[int] | None = None
                 ) -> dict[tuple[int, int], float]:
    """{(i, j): score}, i < j, of every cross-paper pair scoring at least `threshold`."""
    weights = weights_of(item.doc.terms() for item in items)
    score = PairScorer([item.doc for item in items], weights)
    n = len(items)
    postings: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
    for j, w in enumerate(score.w):
        for term, wt in w.items():
            postings[term][0].append(j)
            postings[term][1].append(wt)
    post = {t: (np.array(ids), np.array(ws)) for t, (ids, ws) in postings.items()}
    total = np.array(score.total, dtype=float)
    papers = {p: k for k, p in enumerate(sorted({item.paper for item in items}))}
    paper = np.array([papers[item.paper] for item in items])
    tag_names = sorted({t for item in items for t in item.doc.tags})
    idf = np.array([weights.idf(f"tag:{t}") for t in tag_names])
    has = np.zeros((n, len(tag_names)))
    for j, item in enumerate(items):
        for t in item.doc.tags:
            has[j, tag_names.index(t)] = 1.0
    tag_weight = has * idf
    tag_total = tag_weight.sum(axis=1)
    tagged = tag_total > 0
    wanted = sorted(set(range(n) if rows is None else rows))
    out: dict[tuple[int, int], float] = {}
    for start in range(0, len(wanted), BLOCK):
        block = wanted[start:start + BLOCK]
        mine, theirs = np.zeros((len(block), n)), np.zeros((len(block), n))
        for k, i in enumerate(block):
            for term, wt in score.w[i].items():
                ids, ws = post[term]
                mine[k, ids] += wt
                theirs[k, ids] += ws
        with np.errstate(divide="ignore", invalid="ignore"):
            x = 100 * mine / total[block][:, None]
            y = 100 * theirs / total[None, :]
            text = np.where(x + y > 0, 2 * x * y / (x + y), 0.0)
            shared = tag_weight[block] @ has.T
            union = tag_total[block][:, None] + tag_total[None, :] - shared
            tags = np.where(union > 0, shared / union, 0.0)
        blended = (text + TAG_WEIGHT * 100 * tags) / (1 + TAG_WEIGHT)
        s = np.where(tagged[block][:, None] | tagged[None, :], blended, text)
        s[paper[block][:, None] == paper[None, :]] = -1
        for k, j in zip(*np.nonzero(s >= threshold - 1e-6)):
            i, j = block[k], int(j)
            exact = score(i, j)  # what decides, to the last bit
            if exact >= threshold:
                out[min(i, j), max(i, j)] = exact
    return out
