"""Corpus-wide claim alignment: every cross-paper pair of similar claims.

Pairs are scored with `argmap.similarity.pair_score`, the measure `diff` and
`link suggest` use, and kept at or above the same threshold.

Comparing every claim with every other is quadratic (50k claims: 1.25 billion
pairs). We use a weighted set-similarity join instead (prefix filtering,
Chaudhuri et al. 2006; Xiao et al. 2008): order each claim's terms from
rarest to most common (one global order); its *prefix* at share `s` is the
run of its rarest terms up to where less than `s` of its weight is left. Two
claims whose shared words hold `s` of each one's weight must then have a term
in both prefixes, so only claims sharing a prefix term are scored.

The exact share (`similarity.min_coverage`: 8.75 % at the default threshold,
since shared tags alone can carry a pair most of the way) keeps almost every
word in the prefix, and the pairs sharing one grow with the square of the
claims: 1.1 million at 5k claims, 2.9 billion at 250k. So the join is exact
while the prefix blocks hold at most `BUDGET` pairs (every corpus of a few
hundred papers), and past that raises the share up `SHARES` until they do:
it then finds every pair whose words hold that share of both claims'
weight (near-duplicates and close paraphrases), and says so (`exhaustive`,
`share`); pairs carried by shared tags and a few words are what it leaves
out. bench/align_methods.py measures this against the exhaustive join, the
exact prefix filter with cdist blocks, and MinHash-LSH (docs/performance.md).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from sys import intern
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, NamedTuple, Sequence, overload

from ..model import Corpus
from ..outputs import AlignData, AlignEnd, AlignPair
from ..similarity import (ENTITY_BOOST, THRESHOLD, ClaimDoc, PairScorer, Weights, min_coverage, pairable,
                          pairs_in_voice, weights_of)

if TYPE_CHECKING:
    from ..cache import FolderCache

DEFAULT_THRESHOLD = THRESHOLD
BUDGET = 2_000_000  # pairs the prefix blocks may hold before the share is raised
_GONE: tuple[list[str], list[float]] = ([], [])
SHARES = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)  # the ladder it is raised along


@dataclass(frozen=True, slots=True)
class ClaimText:
    paper: str
    claim: str
    doc: ClaimDoc
    row: int = -1  # its rowid in the search index, when read from there


def claim_texts(corpus: Corpus, papers: Iterable[str] | None = None) -> list[ClaimText]:
    """Every pairable claim (of the given papers, default all; `similarity.pairable`) with its terms, in a stable order."""
    wanted = sorted(papers) if papers is not None else sorted(corpus.papers)
    return [ClaimText(pid, n.claim.id, ClaimDoc.of(n.claim)) for pid in wanted for n in pairable(corpus.papers[pid])]


def indexed_claim_texts(cache: FolderCache) -> Sequence[ClaimText] | None:
    """`claim_texts` of every paper (its pairable claims), read from the search index instead of the papers
    (None if unusable): as the index's columns for the vectorised join, else built."""
    rows = cache.claims(each=lambda r: (r[2], r[1], r[8], r[0], r[7], r[9], r[4]) if pairs_in_voice(r[10]) else None)
    if rows is None:
        return None
    kept = [r for r in rows if r is not None]
    kept.sort(key=lambda r: (r[0], r[1]))  # papers by id, claims in tree order
    claims = IndexedClaims(kept)
    return claims if _vectorised() else list(claims)  # the pure-Python join reads built claims only


def _vectorised() -> bool:
    """Whether the join runs vectorised: numpy is optional (a plain install has none)."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


class IndexedClaims(Sequence[ClaimText]):
    """Claims read from the search index, kept as its columns (their terms space-separated, as stored):
    each ClaimText is built when asked for, and the vectorised join reads the columns as they are."""

    def __init__(self, rows: list[tuple[Any, ...]]):
        self.papers: list[str] = [r[0] for r in rows]
        self.claims: list[str] = [r[2] for r in rows]
        self.rows: list[int] = [r[3] for r in rows]
        self.words: list[str] = [r[4] for r in rows]  # the paraphrase's terms
        self.entities: list[str] = [r[5] for r in rows]  # those of them that name entities
        self.tags: list[str] = [r[6] for r in rows]

    def __len__(self) -> int:
        return len(self.papers)

    @overload
    def __getitem__(self, k: int) -> ClaimText: ...

    @overload
    def __getitem__(self, k: slice) -> list[ClaimText]: ...

    def __getitem__(self, k: int | slice) -> ClaimText | list[ClaimText]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        words = dict.fromkeys(map(intern, self.words[k].split()), 1.0)  # one string per term, not per claim
        for term in self.entities[k].split():
            words[term] = ENTITY_BOOST
        return ClaimText(self.papers[k], self.claims[k], ClaimDoc(words, frozenset(self.tags[k].split())),
                         self.rows[k])


def prefix(doc: ClaimDoc, weights: Weights, share: float) -> list[str]:
    """The rarest terms of a claim, up to where less than `share` (0-1) of its weight remains."""
    order = {t: (-weights.idf(t), t) for t in doc.words}
    w = {t: b * weights.idf(t) for t, b in doc.words.items()}
    ranked, left = _ranked(w, sum(w.values()), order)
    return [term for term, r in zip(ranked, left) if r >= share]


def _ranked(w: dict[str, float], total: float, order: Mapping[str, Any]) -> tuple[list[str], list[float]]:
    """A claim's terms (with their weights `w`) rarest first, by the global `order`, each with the share
    (0-1) of the claim's weight from that term on: the term is in the prefix of every share up to that."""
    ranked = sorted(w, key=order.__getitem__)
    left, out = total, []
    for t in ranked:
        out.append(left / total if total else 0.0)
        left -= w[t]
    return ranked, out


def choose_share(blocks: Callable[[float], int], exact: float, budget: int) -> float:
    """The smallest share, from the exact one up a ladder, whose blocks hold at most `budget` pairs
    (`blocks(share)`: how many pairs the claims sharing a prefix term at that share make, term by term)."""
    for share in (exact, *(s for s in SHARES if s > exact)):
        if blocks(share) <= budget:
            return share
    return SHARES[-1]


def _blocks(ranked: list[tuple[list[str], list[float]]]) -> Callable[[float], int]:
    """`choose_share`'s count over claims' ranked terms."""
    entries: dict[str, list[float]] = defaultdict(list)
    for terms, left in ranked:
        for term, r in zip(terms, left):
            entries[term].append(r)
    for rs in entries.values():
        rs.sort()

    def blocks(share: float) -> int:
        if share <= 0:  # every pair
            return len(ranked) * (len(ranked) - 1) // 2
        pairs = 0
        for rs in entries.values():
            k = len(rs) - bisect_left(rs, share)  # claims with this term in the prefix at `share`
            pairs += k * (k - 1) // 2
        return pairs

    return blocks


def align(corpus: Corpus, papers: Iterable[str] | None = None, threshold: float = DEFAULT_THRESHOLD,
          limit: int | None = None, progress: Callable[[int, int], None] | None = None) -> AlignData:
    """Every cross-paper claim pair (among `papers`, default all) scoring at least `threshold`, best first.

    Over the whole corpus the claims' terms come from the search index of the
    cache (built on first use), so no paper is decoded."""
    from ..load import bulk_allocation
    from ..search import open_index

    cache = open_index(corpus) if papers is None else None
    try:
        with bulk_allocation():  # a few objects per claim, all kept until the end
            items = indexed_claim_texts(cache) if cache is not None else None
            if items is None:
                items = claim_texts(corpus, papers)
            found, share, exhaustive = join(items, threshold, progress)
        shown = found[:limit]
        texts = _texts(corpus, cache, items, {k for i, j, _ in shown for k in (i, j)})
    finally:
        if cache is not None:
            cache.close()

    def end(i: int) -> AlignEnd:
        return {"ref": f"{items[i].paper}#{items[i].claim}", "text": texts[i]}

    pairs: list[AlignPair] = [{"score": round(score, 1), "a": end(i), "b": end(j)} for i, j, score in shown]
    return {"threshold": threshold, "claims": len(items), "total": len(found), "exhaustive": exhaustive,
            "share": round(100 * share, 2), "pairs": pairs}


def _texts(corpus: Corpus, cache: FolderCache | None, items: Sequence[ClaimText], wanted: set[int]
           ) -> dict[int, str]:
    """The paraphrases of some claims: from the index's hits when they came from there, else the papers."""
    hits = cache.hits(items[i].row for i in wanted) if cache is not None and items and items[0].row >= 0 else None
    if hits is not None and len(hits) == len({items[i].row for i in wanted}):
        return {i: hits[items[i].row][2] for i in wanted}
    by_id = {(pid, n.claim.id): n.claim.text for pid in {items[i].paper for i in wanted}
             for n in corpus.papers[pid].claims()}
    return {i: by_id[items[i].paper, items[i].claim] for i in wanted}


class Joined(NamedTuple):
    pairs: list[tuple[int, int, float]]  # (i, j, score), i < j, best first
    share: float  # 0-1: every pair whose words cover this share of each claim's weight was scored
    exhaustive: bool  # the share was the exact one: every pair at or above the threshold is there


def join(items: Sequence[ClaimText], threshold: float, progress: Callable[[int, int], None] | None = None,
         budget: int = BUDGET) -> Joined:
    """Every cross-paper pair at or above `threshold` among the candidates of the prefix filter.

    Words weigh their rarity among `items`. Vectorised with numpy when it is
    importable (`align_numpy`: the same answer), else pure Python."""
    exact = min_coverage(threshold) / 100
    if not _vectorised():
        return _join(list(items), threshold, exact, progress, budget)
    from .align_numpy import join as vectorised

    return vectorised(items, threshold, exact, lambda blocks: choose_share(blocks, exact, budget), progress)


def _join(items: list[ClaimText], threshold: float, exact: float, progress: Callable[[int, int], None] | None,
          budget: int) -> Joined:
    """`join` in pure Python: claims are indexed under their prefix terms one by one (memory linear in the
    claims); a claim is scored against the earlier ones sharing a prefix term with it."""
    weights = weights_of(item.doc.terms() for item in items)
    score = PairScorer([item.doc for item in items], weights)
    vocabulary = sorted(set().union(*(item.doc.words for item in items)), key=lambda t: (-weights.idf(t), t))
    order = {t: k for k, t in enumerate(vocabulary)}  # rarest first: one global order
    ranked = [_ranked(w, total, order) for w, total in zip(score.w, score.total)]
    share = choose_share(_blocks(ranked), exact, budget)
    papers = [item.paper for item in items]
    index: dict[str, list[int]] = defaultdict(list)
    found: list[tuple[int, int, float]] = []
    for i, (terms, left) in enumerate(ranked):
        ranked[i] = _GONE  # not needed again: let it go
        seen: set[int] = set(range(i)) if share <= 0 else set()  # below 33 nothing need be shared
        for term, r in zip(terms, left):
            if r < share:
                break
            ids = index[term]
            seen.update(ids)
            ids.append(i)
        paper = papers[i]
        for j in seen:
            if papers[j] != paper:
                s = score.at_least(j, i, threshold)
                if s >= threshold:
                    found.append((j, i, s))
        if progress and i % 1000 == 999:
            progress(i + 1, len(items))
    found.sort(key=lambda t: (-t[2], t[0], t[1]))
    return Joined(found, share, share <= exact)
