"""Corpus-wide claim alignment: every cross-paper pair of similar claims.

Pairs are scored with `argmap.similarity.pair_score`, the measure `diff` and
`link suggest` use, and kept at or above the same threshold.

Comparing every claim with every other is quadratic (50k claims: 1.25 billion
pairs). We use a weighted set-similarity join instead (prefix filtering,
Chaudhuri et al. 2006; Xiao et al. 2008): order each claim's terms from
rarest to most common (one global order); its *prefix* is the shortest run of
its rarest terms after which less than a share `s` of its weight is left. Two
claims that each share `s` of their weight with the other must then have a
term in both prefixes, so only claims sharing a prefix term are scored.

The exact share (`similarity.min_coverage`: 8.75 % at the default threshold,
since shared tags alone can carry a pair most of the way) leaves almost every
word in the prefix and makes the join nearly quadratic; we index as if
`MIN_SHARE` were needed instead, and measure what that loses against the
exact join (bench/run.py; tests/test_align.py: recall >= 0.95).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from ..model import Corpus
from ..outputs import AlignData, AlignEnd, AlignPair
from ..similarity import THRESHOLD, ClaimDoc, PairScorer, Weights, min_coverage, pairable, weights_of

DEFAULT_THRESHOLD = THRESHOLD
MIN_SHARE = 20.0  # % of a claim's word weight a pair is assumed to share, for blocking only


@dataclass(frozen=True, slots=True)
class ClaimText:
    paper: str
    claim: str
    doc: ClaimDoc


def claim_texts(corpus: Corpus, papers: Iterable[str] | None = None) -> list[ClaimText]:
    """Every pairable claim (of the given papers, default all; `similarity.pairable`) with its terms, in a stable order."""
    wanted = sorted(papers) if papers is not None else sorted(corpus.papers)
    return [ClaimText(pid, n.claim.id, ClaimDoc.of(n.claim)) for pid in wanted for n in pairable(corpus.papers[pid])]


def prefix(doc: ClaimDoc, weights: Weights, share: float) -> list[str]:
    """The rarest terms of a claim, up to where less than `share` (0-1) of its weight remains."""
    ranked = sorted(doc.words, key=lambda t: (-weights.idf(t), t))
    weight = [doc.words[t] * weights.idf(t) for t in ranked]
    left = sum(weight)
    needed = share * left
    out = []
    for term, w in zip(ranked, weight):
        if left < needed:
            break
        out.append(term)
        left -= w
    return out


def candidate_pairs(items: list[ClaimText], weights: Weights, threshold: float) -> dict[int, set[int]]:
    """For each claim index, later claims of other papers that could reach `threshold`."""
    share = max(min_coverage(threshold), MIN_SHARE) / 100
    if share <= 0:  # never with MIN_SHARE > 0; kept so that MIN_SHARE = 0 means the exact join
        return {i: {j for j in range(i + 1, len(items)) if items[j].paper != items[i].paper}
                for i in range(len(items))}
    postings: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for term in prefix(item.doc, weights, share):
            postings[term].append(i)
    pairs: dict[int, set[int]] = defaultdict(set)
    for ids in postings.values():
        for k, i in enumerate(ids):
            paper = items[i].paper
            later = [j for j in ids[k + 1:] if items[j].paper != paper]
            if later:
                pairs[i].update(later)
    return pairs


def align(corpus: Corpus, papers: Iterable[str] | None = None, threshold: float = DEFAULT_THRESHOLD,
          limit: int | None = None, progress: Callable[[int, int], None] | None = None) -> AlignData:
    """Every cross-paper claim pair (among `papers`, default all) scoring at least `threshold`, best first."""
    items = claim_texts(corpus, papers)
    found = join(items, threshold, progress)
    total = len(found)
    texts = {(p.id, n.claim.id): n.claim.text for p in corpus.papers.values() for n in p.claims()}

    def end(i: int) -> AlignEnd:
        return {"ref": f"{items[i].paper}#{items[i].claim}", "text": texts[items[i].paper, items[i].claim]}

    pairs: list[AlignPair] = [{"score": round(score, 1), "a": end(i), "b": end(j)} for i, j, score in found[:limit]]
    return {"threshold": threshold, "claims": len(items), "total": total, "pairs": pairs}


def join(items: list[ClaimText], threshold: float,
         progress: Callable[[int, int], None] | None = None) -> list[tuple[int, int, float]]:
    """(i, j, score) for every candidate pair at or above threshold, best first.

    Words weigh their rarity among `items`."""
    weights = weights_of(item.doc.terms() for item in items)
    score = PairScorer([item.doc for item in items], weights)
    found: list[tuple[int, int, float]] = []
    candidates = candidate_pairs(items, weights, threshold)
    total = len(candidates)
    for done, (i, js) in enumerate(sorted(candidates.items()), 1):
        for j in sorted(js):
            s = score(i, j)
            if s >= threshold:
                found.append((i, j, s))
        if progress and done % 1000 == 0:
            progress(done, total)
    found.sort(key=lambda t: (-t[2], t[0], t[1]))
    return found
