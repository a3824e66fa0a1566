"""Corpus-wide claim alignment: every cross-paper pair of similar claims.

Comparing every claim with every other is quadratic (50k claims: 1.25 billion
pairs). We use a set-similarity join instead (prefix filtering, Chaudhuri et
al. 2006; Xiao et al. 2008): order each claim's distinct words from rarest to
most common; two claims whose word sets overlap enough must share at least
one word among the first `p` words of each, where p grows with the allowed
difference. Only claims that share such a "prefix" word are scored, with
rapidfuzz, in one batched call per claim.

Score: `rapidfuzz.fuzz.token_sort_ratio` on normalised text (case,
punctuation, diacritics folded; word order ignored), 0-100. Recall against
the brute-force join is measured in bench/run.py.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .model import Corpus
from .outputs import AlignData, AlignEnd, AlignPair
from .text import normalise

DEFAULT_THRESHOLD = 85.0


@dataclass(frozen=True, slots=True)
class ClaimText:
    paper: str
    claim: str
    text: str  # normalised


def claim_texts(corpus: Corpus, papers: Iterable[str] | None = None) -> list[ClaimText]:
    """Every claim (of the given papers, default all) with its normalised text, in a stable order."""
    wanted = sorted(papers) if papers is not None else sorted(corpus.papers)
    return [ClaimText(pid, n.claim.id, normalise(n.claim.text)) for pid in wanted for n in corpus.papers[pid].claims()]


# token_sort_ratio is a character measure, so word overlap only approximates
# it: index as if the threshold were this much lower, to keep recall high.
MARGIN = 10.0


def prefix_length(n_words: int, threshold: float) -> int:
    """How many of a claim's rarest words to index so that pairs above `threshold` share one.

    Two word sets overlapping by a share >= t can differ in at most
    n - ceil(t * n) words, so one word more than that must be shared.
    """
    share = max(0.0, threshold - MARGIN) / 100
    return max(1, n_words - math.ceil(share * n_words) + 1)


def candidate_pairs(items: list[ClaimText], threshold: float) -> dict[int, set[int]]:
    """For each claim index, later claims of other papers sharing a prefix word."""
    docs = [sorted(set(item.text.split())) for item in items]
    df: dict[str, int] = defaultdict(int)
    for words in docs:
        for w in words:
            df[w] += 1
    postings: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(docs):
        ranked = sorted(words, key=lambda w: (df[w], w))
        for w in ranked[: prefix_length(len(ranked), threshold)]:
            postings[w].append(i)
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
    """(i, j, score) for every blocked pair at or above threshold, best first."""
    from rapidfuzz import fuzz, process

    texts = [item.text for item in items]
    found: list[tuple[int, int, float]] = []
    candidates = candidate_pairs(items, threshold)
    total = len(candidates)
    for done, (i, js) in enumerate(sorted(candidates.items()), 1):
        order = sorted(js)
        hits = process.extract(texts[i], [texts[j] for j in order], scorer=fuzz.token_sort_ratio,
                               score_cutoff=threshold, limit=None)
        found.extend((i, order[k], float(score)) for _, score, k in hits)
        if progress and done % 1000 == 0:
            progress(done, total)
    found.sort(key=lambda t: (-t[2], t[0], t[1]))
    return found

