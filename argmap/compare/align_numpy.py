"""`align.join` vectorised with numpy, used when numpy is importable: the same share, candidates and pairs.

The prefix filter's arithmetic is replayed operation for operation (the
same products, each claim's weight summed by Python's `sum` in the same
order, the same sequence of subtractions), so the share chosen and the
candidates are exactly those of the pure-Python join. Each candidate is then
bounded in bulk, by its shared word and tag weights summed through a dense
table that holds a block of claims' terms at a time, and only those within a
hair of the threshold are scored by `similarity.PairScorer`, which decides to
the last bit. tests/test_align.py checks both ways give the same answer.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np

from ..similarity import ENTITY_BOOST, TAG_WEIGHT, PairScorer, Weights

if TYPE_CHECKING:
    from .align import ClaimText, Joined

TABLE_CELLS = 1 << 22  # a block's dense claims x terms table: 32 MB of float64
CHUNK = 1 << 22  # candidate pairs bounded at a time
MARGIN = 1e-6  # the bulk bound's slack for rounding: the exact score decides inside it


def join(items: Sequence[ClaimText], threshold: float, exact: float,
         ladder: Callable[[Callable[[float], int]], float], progress: Callable[[int, int], None] | None) -> Joined:
    from .align import IndexedClaims, Joined

    n = len(items)
    vocab: dict[str, int] = {}
    tag_vocab: dict[str, int] = {}
    if isinstance(items, IndexedClaims):  # the index's columns as they are: no claim built but the pairs'
        terms, lengths = _ids(items.words, vocab)
        boosts = np.ones(len(terms))
        start = np.concatenate(([0], np.cumsum(lengths)))
        for k, named in enumerate(items.entities):
            if named:
                mine = items.words[k].split()
                boosts[[start[k] + mine.index(t) for t in named.split()]] = ENTITY_BOOST
        tags, tag_lengths = _ids(items.tags, tag_vocab)
        papers = items.papers
    else:
        docs = [item.doc for item in items]
        terms, lengths = _ids([" ".join(d.words) for d in docs], vocab)
        boosts = np.fromiter(chain.from_iterable(d.words.values() for d in docs), float, len(terms))
        tags, tag_lengths = _ids([" ".join(d.tags) for d in docs], tag_vocab)
        papers = [item.paper for item in items]
    df = np.bincount(terms, minlength=len(vocab))
    tag_df = np.bincount(tags, minlength=len(tag_vocab))
    weights = Weights({**dict(zip(vocab, df.tolist())), **{f"tag:{t}": d for t, d in zip(tag_vocab, tag_df.tolist())}},
                      n)  # what `weights_of` counts over the same claims
    idf = [weights.idf(t) for t in vocab]
    w = boosts * np.asarray(idf)[terms]  # PairScorer's `b * idf`, product for product
    del boosts
    start = np.concatenate(([0], np.cumsum(lengths)))
    total = np.zeros(n)
    for size, claims, at in _by_length(lengths, start):  # summed by Python's sum in dict order, as PairScorer
        total[claims] = [sum(row) for row in w[at].tolist()]

    # Each claim's terms rarest first (align's global order), and the share of its weight from each on.
    names = list(vocab)
    rank = np.empty(len(vocab), dtype=np.int64)
    rank[sorted(range(len(vocab)), key=lambda k: (-idf[k], names[k]))] = np.arange(len(vocab))
    owner = np.repeat(np.arange(n), lengths)
    order = np.argsort(owner * max(1, len(vocab)) + rank[terms], kind="stable")
    ranked, w_ranked, left = rank[terms][order], w[order], np.empty(len(order))
    for size, claims, at in _by_length(lengths, start):
        steps = np.hstack((total[claims][:, None], w_ranked[at]))  # total - w0 - w1 ..., as align._ranked
        left[at] = np.subtract.accumulate(steps, axis=1)[:, :size] / total[claims][:, None]
    owner = owner[order]
    del order, w_ranked

    def blocks(share: float) -> int:
        if share <= 0:
            return n * (n - 1) // 2
        k = np.bincount(ranked[left >= share], minlength=len(vocab))
        return int((k * (k - 1) // 2).sum())

    share = ladder(blocks)
    paper_ids = dict(zip(papers, range(n)))  # a number per paper (its last claim's): only equality matters
    paper = np.fromiter(map(paper_ids.__getitem__, papers), np.int64, n)
    tag_w = np.asarray([weights.idf(f"tag:{t}") for t in tag_vocab])[tags] if len(tags) else np.zeros(0)
    bound = _Bound(terms, w, start, total, tags, tag_w, tag_lengths, len(vocab), len(tag_vocab), threshold)
    kept: set[tuple[int, int]] = set()
    for a, b in _candidates(owner, ranked, left, share, n):
        cross = paper[a] != paper[b]
        kept.update(bound.survivors(a[cross], b[cross], progress))
    return Joined(_scored(items, weights, sorted(kept), threshold), share, share <= exact)


def _ids(spaced: list[str], vocab: dict[str, int]) -> tuple[Any, Any]:
    """The ids in `vocab` of the space-separated terms of each string, one string after another (a term
    not in it yet numbered as met), and how many each string has; a batch of strings at a time, so that
    only a batch's words are ever separate strings."""
    ids, counts = [], []
    for s in range(0, len(spaced), 10_000):
        batch = spaced[s:s + 10_000]
        words = " ".join(batch).split()
        for term in dict.fromkeys(words):
            if term not in vocab:
                vocab[term] = len(vocab)
        ids.append(np.fromiter(map(vocab.__getitem__, words), np.int64, len(words)))
        counts.append(np.fromiter((t.count(" ") + 1 if t else 0 for t in batch), np.int64, len(batch)))
    return (np.concatenate(ids), np.concatenate(counts)) if ids else (np.zeros(0, np.int64), np.zeros(0, np.int64))


def _by_length(lengths: Any, start: Any) -> Any:
    """(length, claims, their entries as a claims x length array) for each length of claim (no padding)."""
    for size in np.unique(lengths[lengths > 0]).tolist():
        claims = np.flatnonzero(lengths == size)
        yield size, claims, start[claims][:, None] + np.arange(size)


def _candidates(owner: Any, ranked: Any, left: Any, share: float, n: int) -> Any:
    """(a, b) arrays, a < b, of the claims sharing a prefix term at `share` (a pair sharing several comes
    once per term), CHUNK pairs at a time."""
    if share <= 0:
        a, b = np.triu_indices(n, 1)
        for s in range(0, len(a), CHUNK):
            yield a[s:s + CHUNK], b[s:s + CHUNK]
        return
    keep = left >= share
    claim, term = owner[keep], ranked[keep]
    by = np.lexsort((claim, term))  # grouped by term, claims ascending within each
    claim, term = claim[by], term[by]
    first = np.flatnonzero(np.r_[True, term[1:] != term[:-1]])
    earlier = np.arange(len(term)) - np.repeat(first, np.diff(np.r_[first, len(term)]))  # partners before it
    ends = np.cumsum(earlier)
    lo = 0
    while lo < len(term):
        hi = max(lo + 1, int(np.searchsorted(ends, (ends[lo - 1] if lo else 0) + CHUNK, side="right")))
        e = np.arange(lo, hi)
        count = earlier[lo:hi]
        me = np.repeat(e, count)
        partner = me - np.repeat(count, count) + (np.arange(len(me)) - np.repeat(np.cumsum(count) - count, count))
        yield claim[partner], claim[me]
        lo = hi


class _Bound:
    """Every candidate's score computed in bulk (shared weights summed through a dense table of a block of
    claims' terms), to keep only those that can reach the threshold."""

    def __init__(self, terms: Any, w: Any, start: Any, total: Any, tags: Any, tag_w: Any, tag_lengths: Any,
                 n_terms: int, n_tags: int, threshold: float):
        self.terms, self.w, self.start, self.total = terms, w, start, total
        self.tags, self.tag_w = tags, tag_w
        self.tag_start = np.concatenate(([0], np.cumsum(tag_lengths)))
        self.tag_columns = n_terms + tags
        self.tag_total = np.bincount(np.repeat(np.arange(len(tag_lengths)), tag_lengths), weights=tag_w,
                                     minlength=len(tag_lengths))
        self.tagged = tag_lengths > 0
        self.width = n_terms + n_tags
        self.rows = max(1, TABLE_CELLS // max(1, self.width))  # claims per block
        self.table = np.zeros((self.rows, self.width))
        self.n_terms, self.threshold = n_terms, threshold

    def _fill(self, lo: int, hi: int, value: bool) -> None:
        """Write (or clear) the terms and tags of claims lo..hi-1 into the table's rows."""
        s, e = self.start[lo], self.start[hi]
        owner = np.repeat(np.arange(hi - lo), np.diff(self.start[lo:hi + 1]))
        self.table[owner, self.terms[s:e]] = self.w[s:e] if value else 0.0
        s, e = self.tag_start[lo], self.tag_start[hi]
        owner = np.repeat(np.arange(hi - lo), np.diff(self.tag_start[lo:hi + 1]))
        self.table[owner, self.tag_columns[s:e]] = self.tag_w[s:e] if value else 0.0

    def survivors(self, a: Any, b: Any, progress: Callable[[int, int], None] | None) -> list[tuple[int, int]]:
        by = np.argsort(b, kind="stable")
        a, b = a[by], b[by]
        n = len(self.total)
        out: list[tuple[int, int]] = []
        for lo in range(0, n, self.rows):
            hi = min(n, lo + self.rows)
            s, e = np.searchsorted(b, [lo, hi])
            if s == e:
                continue
            self._fill(lo, hi, True)
            pa, pb = a[s:e], b[s:e]
            mine, theirs = self._shared(pa, pb - lo, self.start, self.terms, self.w)
            tag_shared, _ = self._shared(pa, pb - lo, self.tag_start, self.tag_columns, self.tag_w)
            self._fill(lo, hi, False)
            with np.errstate(divide="ignore", invalid="ignore"):
                x = np.where(self.total[pa] > 0, 100 * mine / self.total[pa], 0.0)
                y = np.where(self.total[pb] > 0, 100 * theirs / self.total[pb], 0.0)
                text = np.where(x + y > 0, 2 * x * y / (x + y), 0.0)
                union = self.tag_total[pa] + self.tag_total[pb] - tag_shared
                overlap = np.where(tag_shared > 0, tag_shared / union, 0.0)
            score = np.where(self.tagged[pa] | self.tagged[pb], (text + TAG_WEIGHT * 100 * overlap) / (1 + TAG_WEIGHT),
                             text)
            hit = np.flatnonzero(score >= self.threshold - MARGIN)
            out += zip(pa[hit].tolist(), pb[hit].tolist())
            if progress:
                progress(hi, n)
        return out

    def _shared(self, a: Any, rows: Any, start: Any, columns: Any, weight: Any) -> tuple[Any, Any]:
        """For each pair: the weight of a's entries also in its row of the table (a's side), and the
        table's weight of them (the other claim's side)."""
        count = start[a + 1] - start[a]
        pair = np.repeat(np.arange(len(a)), count)
        at = np.repeat(start[a] - (np.cumsum(count) - count), count) + np.arange(len(pair))
        theirs = self.table[rows[pair], columns[at]]
        mine = np.where(theirs > 0, weight[at], 0.0)
        return (np.bincount(pair, weights=mine, minlength=len(a)), np.bincount(pair, weights=theirs, minlength=len(a)))


def _scored(items: Sequence[ClaimText], weights: Weights, pairs: list[tuple[int, int]], threshold: float
            ) -> list[tuple[int, int, float]]:
    """The candidates left scored exactly, by the one scorer, best first."""
    ids = sorted({k for pair in pairs for k in pair})
    local = {k: m for m, k in enumerate(ids)}
    score = PairScorer([items[k].doc for k in ids], weights)
    found = [(a, b, s) for a, b in pairs if (s := score(local[a], local[b])) >= threshold]
    found.sort(key=lambda t: (-t[2], t[0], t[1]))
    return found
