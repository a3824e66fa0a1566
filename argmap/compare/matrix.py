"""`argmap matrix`: how much each pair of papers agrees, across axes and links.

Each paper's positions are coded once, per address, as the index of the
value it states (-1 when silent), and each axis's agreement between two
values is tabulated once; a pair's agreement is then a few table lookups.
Up to `GRID_MAX` papers the result is the full papers x papers grid. Past
that a grid is unreadable (and papers² cells do not fit in memory at
thousands of papers), so each paper gets its `NEAREST` most and least
agreeing papers instead, scored in row blocks with numpy when it is
installed (the test extra) and pair by pair otherwise.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..model import RELATIONS, Corpus, Paper
from ..outputs import MatrixCell, MatrixData, MatrixNeighbour, MatrixRow
from .positions import agreement, stated

GRID_MAX = 40
NEAREST = 5


class Profiles:
    """Every paper's stated value per address, as codes, with each address's agreement table."""

    def __init__(self, corpus: Corpus, papers: list[Paper]):
        self.codes: list[list[int]] = []  # per address: code per paper
        self.tables: list[list[list[float]]] = []  # per address: agreement[code a][code b]
        for address in corpus.addresses:
            axis, _ = corpus.axis_of(address)
            values = axis.value_ids
            index = {v: i for i, v in enumerate(values)}
            codes = []
            for p in papers:
                position = stated(p, address)
                codes.append(index.get(position.value, -1) if position is not None else -1)
            self.codes.append(codes)
            self.tables.append([[agreement(axis, a, b) for b in values] for a in values])

    def pair(self, i: int, j: int) -> tuple[float, int, int]:
        """Summed agreement, shared addresses and equal values of papers i and j."""
        total, shared, same = 0.0, 0, 0
        for codes, table in zip(self.codes, self.tables):
            a, b = codes[i], codes[j]
            if a >= 0 and b >= 0:
                total += table[a][b]
                shared += 1
                same += a == b
        return total, shared, same


def matrix(corpus: Corpus, nearest: int = NEAREST, grid_max: int = GRID_MAX) -> MatrixData:
    """Paper x paper agreement (0-1) with curated link counts: the full grid, or each paper's nearest.

    Agreement averages `positions.agreement` over the addresses both papers
    state; None when they share none.
    """
    papers = corpus.chronological()
    ids = [p.id for p in papers]
    links: dict[frozenset[str], dict[str, int]] = {}
    for link in corpus.links:
        counts = links.setdefault(frozenset(link.papers), dict.fromkeys(RELATIONS, 0))
        counts[link.relation] += 1
    profiles = Profiles(corpus, papers)

    def cell(i: int, j: int, total: float, shared: int, same: int) -> MatrixCell:
        counts = links.get(frozenset((ids[i], ids[j])), {})
        return {
            "agreement": round(total / shared, 3) if shared else None,
            "shared_axes": shared,
            "converge": same,
            "diverge": shared - same,
            "links_agree": counts.get("agrees", 0) + counts.get("same", 0),
            "links_contradict": counts.get("contradicts", 0),
            "links_refine": counts.get("refines", 0),
        }

    if len(papers) <= grid_max:
        cells: list[list[MatrixCell | None]] = [
            [None if i == j else cell(i, j, *profiles.pair(i, j)) for j in range(len(papers))]
            for i in range(len(papers))]
        return {"papers": ids, "cells": cells}
    def neighbour(i: int, j: int) -> MatrixNeighbour:
        return {"paper": ids[j], **cell(i, j, *profiles.pair(i, j))}  # type: ignore[typeddict-item]

    rows: list[MatrixRow] = []
    for i, near, far in _extremes(profiles, len(papers), nearest):
        rows.append({"paper": ids[i], "nearest": [neighbour(i, j) for j in near],
                     "farthest": [neighbour(i, j) for j in far]})
    return {"papers": ids, "cells": None, "nearest": rows}


def _extremes(profiles: Profiles, n: int, k: int) -> Iterator[tuple[int, list[int], list[int]]]:
    """For each paper: the k papers agreeing most and the k agreeing least (of those sharing an address).

    Ties go to more shared addresses, then to the earlier paper.
    """
    try:
        import numpy as np
    except ImportError:
        for i in range(n):
            scored = []
            for j in range(n):
                total, shared, _ = profiles.pair(i, j)
                if j != i and shared:
                    scored.append((total / shared, shared, j))
            near = sorted(scored, key=lambda t: (-t[0], -t[1], t[2]))[:k]
            far = sorted(scored, key=lambda t: (t[0], -t[1], t[2]))[:k]
            yield i, [j for *_, j in near], [j for *_, j in far]
        return
    codes = [np.asarray(c) for c in profiles.codes]
    # A last row and column of zeros for "silent" (code -1 indexes it).
    tables = [np.pad(np.asarray(t, dtype=float), (0, 1)) for t in profiles.tables]
    block = max(1, 2_000_000 // max(1, n))  # rows per block: bounded memory (a few arrays of block x n)
    for start in range(0, n, block):
        rows = np.arange(start, min(n, start + block))
        sums = np.zeros((len(rows), n))
        counts = np.zeros((len(rows), n), dtype=np.int32)
        for c, t in zip(codes, tables):
            sums += t[c[rows]][:, c]
            counts += (c[rows] >= 0)[:, None] & (c >= 0)[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            score = sums / counts
        score[counts == 0] = np.nan
        score[np.arange(len(rows)), rows] = np.nan  # not its own neighbour

        def best(s: Any, sh: Any, sign: int) -> list[int]:
            """The k best by sign * score, then more shared, then earlier: sorting only the few that can be."""
            keyed = np.where(np.isnan(s), -np.inf, sign * s)
            m = min(k, int(np.count_nonzero(~np.isnan(s))))
            if not m:
                return []
            cut = np.partition(keyed, -m)[-m]
            cand = np.flatnonzero(keyed >= cut)  # ties at the cut included
            return [int(j) for j in cand[np.lexsort((cand, -sh[cand], -keyed[cand]))[:m]]]

        for r, paper in enumerate(rows):
            yield int(paper), best(score[r], counts[r], 1), best(score[r], counts[r], -1)
