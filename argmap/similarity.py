"""The one measure of claim similarity: `query`, `diff`, `align` and `link suggest` all score with it.

A text becomes a bag of *terms*: its content words, normalised (case,
punctuation, diacritics), lightly stemmed (`balancing`, `balanced` ->
`balanc`), stopwords dropped. Each term weighs its inverse document frequency
over the corpus's claims (BM25's idf), so a rare word ("junior", "Crimea")
counts for more than a common one ("russia", "partner"); a named entity (an
all-capital word, or a capitalised one inside a sentence: SCO, BRICS,
Crimea) counts `ENTITY_BOOST` times more. A stopword weighs nothing: a query
or a pair that shares only stopwords scores 0.

    coverage(q, d) = 100 × (weight of q's terms found in d) / (weight of all q's terms)

- a **query** scores its coverage by the claim's text, quote (weaker) and tag
  words: 100 when every query word is there; a misspelt query word stands for
  the corpus word nearest to it (rapidfuzz ratio >= 85);
- a **pair of claims** scores the harmonic mean of the two texts' coverages
  (so a short claim inside a long one is not its duplicate), blended with the
  idf-weighted Jaccard overlap of their tags: `(text + TAG_WEIGHT × 100 ×
  tags) / (1 + TAG_WEIGHT)` (the text alone when neither claim has tags).

One threshold rule: a pair or a hit counts when it scores at least
`THRESHOLD`. `align` keeps every cross-paper pair above it, `diff` the best
pair per claim above it, `query` the hits above it (its `--min-score`), and
`link suggest` marks the candidates above it.

A caller that finds candidates elsewhere (a full-text index) reranks them with
`score(query, doc, weights)` or `score_many`, where `query = query_terms(text)`,
`doc = search_terms(claim)` and `weights = weights_of(docs)`, or `Weights(df, n)`
from its own document frequencies.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from typing import Callable, Iterable, Mapping, Sequence

from .model import Claim, Node, Paper
from .text import normalise

Terms = Mapping[str, float]  # term -> boost (1.0 for a plain word)

THRESHOLD = 45.0
TAG_WEIGHT = 0.5
ENTITY_BOOST = 1.5
QUOTE_BOOST = 0.5  # a quote's extra words: the paper's wording around the point, weaker than the paraphrase
FUZZY_CUTOFF = 85.0

# English function words, and hedges that say nothing about the topic.
STOPWORDS = frozenset("""
a about above after again against all also although am an and any are as at be because been before being below
between both but by can cannot could did do does doing down during each either else even ever every few for from
further had has have having he her here hers him his how however i if in into is it its itself just may me might more
most much must my neither no nor not now of off on once one only or other others our out over own per rather same
shall she should so some such than that the their theirs them themselves then there these they this those though
through thus to too under until up upon very via was we were what when where whether which while who whom whose why
will with within without would yet you your
""".split())
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ness", "ments", "ment", "edly", "ed", "es", "ly", "s")


def stem(word: str) -> str:
    """A light suffix stripper ('balancing', 'balanced', 'balances' -> 'balanc'); short words stay whole."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def words(text: str) -> list[str]:
    """Content terms of a text, in order: normalised, stemmed, no stopwords or one-letter words."""
    return [stem(w) for w in normalise(text).split() if len(w) > 1 and w not in STOPWORDS]


def entities(text: str) -> set[str]:
    """Terms of the named entities of a text: all-capital words, and capitalised words inside a sentence."""
    found = set()
    for m in _WORD.finditer(text):
        w = m.group()
        if len(w) < 2 or not w[0].isupper():
            continue
        if w.isupper() or (m.start() > 0 and not _SENTENCE_END.search(text[: m.start()])):
            found.update(words(w))
    return found


def text_terms(text: str, boost: float = 1.0) -> dict[str, float]:
    """Terms of one text, named entities boosted."""
    named = entities(text)
    return {w: boost * (ENTITY_BOOST if w in named else 1.0) for w in words(text)}


def _merged(*parts: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in parts:
        for term, boost in part.items():
            out[term] = max(boost, out.get(term, 0.0))
    return out


def pairable(paper: Paper) -> list[Node]:
    """The claims of a paper that cross-paper pairs are made of, in tree order: its own, and the objections
    it concedes or rebuts, never a view it only reports (`reported_by`, and the reasons given for it): that
    is someone else's point, and a link would put it in the paper's mouth. `diff`, `align` and
    `link suggest` all pair these."""
    voice = paper.voices()
    return [n for n in paper.claims() if pairs_in_voice(voice[n.claim.id])]


def pairs_in_voice(voice: str) -> bool:
    """Whether a claim in this voice (`model.voices`) is pairable."""
    return voice != "reported"


def search_terms(claim: Claim) -> dict[str, float]:
    """What a query is matched against: the paraphrase, the quote (weaker) and the tags' words."""
    return _merged(text_terms(claim.quote or "", QUOTE_BOOST), text_terms(" ".join(claim.tags).replace("_", " ")),
                   text_terms(claim.text))


@dataclass(frozen=True, slots=True)
class ClaimDoc:
    """A claim as pairs are scored: its paraphrase's terms and its tags."""

    words: dict[str, float]
    tags: frozenset[str]

    @classmethod
    def of(cls, claim: Claim) -> ClaimDoc:
        return cls(text_terms(claim.text), frozenset(claim.tags))

    def terms(self) -> list[str]:
        """Every term, tags as `tag:NAME`, for document frequencies."""
        return [*self.words, *(f"tag:{t}" for t in self.tags)]


@dataclass(frozen=True, slots=True)
class Weights:
    """Inverse document frequencies of terms over a set of documents (claims)."""

    df: Mapping[str, int]
    n: int

    def idf(self, term: str) -> float:
        """BM25's idf, always positive; an unseen term weighs the most."""
        d = self.df.get(term, 0)
        return math.log(1 + (self.n - d + 0.5) / (d + 0.5))


def weights_of(docs: Iterable[Iterable[str]]) -> Weights:
    """Document frequencies of the terms of each document (a doc: an iterable of its terms)."""
    df: Counter[str] = Counter()
    n = 0
    for doc in docs:
        df.update(set(doc))
        n += 1
    return Weights(df, n)


def coverage(q: Terms, d: Terms | frozenset[str], weights: Weights) -> float:
    """How much of q, by weight, d contains: 0-100."""
    total = found = 0.0
    for term, boost in q.items():
        w = boost * weights.idf(term)
        total += w
        if term in d:
            found += w
    return 100.0 * found / total if total else 0.0


def tag_overlap(a: frozenset[str], b: frozenset[str], weights: Weights) -> float:
    """idf-weighted Jaccard overlap of two tag sets, 0-1."""
    return _overlap(a, b, lambda t: weights.idf(f"tag:{t}"))


def _overlap(a: frozenset[str], b: frozenset[str], idf: Callable[[str], float]) -> float:
    shared = a & b  # summed in sorted order, so that the overlap of (a, b) is that of (b, a) to the last bit
    return sum(sorted(map(idf, shared))) / sum(sorted(map(idf, a | b))) if shared else 0.0


def pair_score(a: ClaimDoc, b: ClaimDoc, weights: Weights) -> float:
    """Symmetric similarity of two claims, 0-100."""
    overlap = tag_overlap(a.tags, b.tags, weights) if a.tags or b.tags else None
    return _blend(coverage(a.words, b.words, weights), coverage(b.words, a.words, weights), overlap)


def _blend(x: float, y: float, overlap: float | None) -> float:
    """Both coverages' harmonic mean, blended with the tags' overlap (None: neither claim has tags)."""
    text = 2 * x * y / (x + y) if x + y else 0.0
    if overlap is None:  # untagged claims (a fresh map): the text is all there is
        return text
    return (text + TAG_WEIGHT * 100 * overlap) / (1 + TAG_WEIGHT)


def min_coverage(threshold: float) -> float:
    """The least coverage (each way) a pair needs to reach `threshold`: tags give at most TAG_WEIGHT × 100,
    and a harmonic mean is at most twice the smaller value."""
    return max(0.0, threshold * (1 + TAG_WEIGHT) - TAG_WEIGHT * 100) / 2


class PairScorer:
    """`pair_score` over a fixed set of claims, each claim's term weights computed once (for joins)."""

    def __init__(self, docs: Sequence[ClaimDoc], weights: Weights):
        self.docs, self.weights = docs, weights
        idf = {t: weights.idf(t) for t in set().union(*(d.words for d in docs))}  # once per term, not per claim
        self.w = [{t: b * idf[t] for t, b in d.words.items()} for d in docs]
        self.total = [sum(w.values()) for w in self.w]
        self.tag_idf = {t: weights.idf(f"tag:{t}") for d in docs for t in d.tags}
        # For `at_least`, together (one lookup per claim): its words, its tags, and the most coverage of
        # it that k shared words can give (its k heaviest words), by k.
        self.quick = [(w.keys(), d.tags, _caps(w, total)) for d, w, total in zip(docs, self.w, self.total)]

    def __call__(self, i: int, j: int) -> float:
        wi, wj = self.w[i], self.w[j]  # each summed in its own order, as `coverage` does: symmetric
        x = 100 * sum([w for t, w in wi.items() if t in wj]) / self.total[i] if self.total[i] else 0.0
        y = 100 * sum([w for t, w in wj.items() if t in wi]) / self.total[j] if self.total[j] else 0.0
        a, b = self.docs[i].tags, self.docs[j].tags
        return _blend(x, y, _overlap(a, b, self.tag_idf.__getitem__) if a or b else None)

    def at_least(self, i: int, j: int, threshold: float) -> float:
        """`self(i, j)` if it can reach `threshold`, else 0.0, told cheaply for most pairs of a join: with k
        shared words each coverage is at most its claim's k heaviest words, and the tags' overlap at most 1."""
        words_i, a, caps_i = self.quick[i]
        words_j, b, caps_j = self.quick[j]
        k = len(words_i & words_j)
        bound = _blend(caps_i[k], caps_j[k], (1.0 if a & b else 0.0) if a or b else None)
        return self(i, j) if bound >= threshold - 1e-9 else 0.0


def _caps(w: dict[str, float], total: float) -> list[float]:
    return [0.0, *(min(100.0, 100 * held / total) for held in accumulate(sorted(w.values(), reverse=True)))]


def query_terms(text: str, weights: Weights | None = None) -> dict[str, float]:
    """A typed query's terms; with `weights`, a word the corpus lacks stands for its nearest corpus word."""
    terms = text_terms(text)
    if weights is None:
        return terms
    from rapidfuzz import fuzz, process

    vocabulary = [t for t in weights.df if not t.startswith("tag:")]
    out: dict[str, float] = {}
    for term, boost in terms.items():
        if term in weights.df or len(term) < 4:
            out[term] = max(boost, out.get(term, 0.0))
            continue
        near = process.extractOne(term, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        key = near[0] if near else term
        out[key] = max(boost, out.get(key, 0.0))
    return out


def score(query: Terms, doc: Terms, weights: Weights) -> float:
    """A query's score against one claim's `search_terms`: its coverage, 0-100."""
    return coverage(query, doc, weights)


def score_many(query: Terms, docs: Sequence[Terms], weights: Weights) -> list[float]:
    """`score` against many claims, the query's weights computed once."""
    wq = [(term, boost * weights.idf(term)) for term, boost in query.items()]
    total = sum(w for _, w in wq)
    if not total:
        return [0.0] * len(docs)
    return [100.0 * sum(w for term, w in wq if term in d) / total for d in docs]
