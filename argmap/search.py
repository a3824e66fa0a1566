"""`argmap query`: ranked search over every claim of a corpus.

`ClaimIndex` turns each claim's text, quote and tags into weighted terms once
(`argmap.similarity`: normalised, stemmed, stopwords dropped); a query scores
the share of its words' weight (rare words weigh more) each claim holds,
among the claims the filters keep. Matched words are found only for the hits
shown.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Iterable, NoReturn

from .errors import UsageError
from .model import ROLES, Corpus, Node, Paper
from .outputs import Hit, QueryData, Span
from .similarity import (FUZZY_CUTOFF, STOPWORDS, THRESHOLD, Weights, query_terms, score_many, search_terms,
                         text_terms, weights_of)
from .similarity import words as terms_of

if TYPE_CHECKING:
    from .cache import FolderCache

DEFAULT_LIMIT = 10
DEFAULT_MIN_SCORE = THRESHOLD
_WORD = re.compile(r"\w+")


class ClaimIndex:
    """Every claim of a corpus as weighted terms, built here: the scan when there is no cache."""

    def __init__(self, corpus: Corpus):
        ids = sorted(corpus.papers)
        self.nodes: list[tuple[str, Node]] = [(pid, n) for pid in ids for n in corpus.papers[pid].claims()]
        self.texts: list[dict[str, float]] = [text_terms(n.claim.text) for _, n in self.nodes]  # the paraphrase
        self.docs: list[dict[str, float]] = [search_terms(n.claim) for _, n in self.nodes]  # text, quote, tags
        self.weights = weights_of(self.docs)

    def __len__(self) -> int:
        return len(self.nodes)

    def select(self, papers: Iterable[str] = (), roles: Iterable[str] = (), tags: Iterable[str] = (),
               axis: str | None = None) -> list[int]:
        """Indices of the claims every given filter keeps (axis: `A`, `A.subject`, `A=V`)."""
        papers, roles, tags = set(papers), set(roles), set(tags)
        address, _, value = (axis or "").partition("=")
        keep = []
        for i, (pid, n) in enumerate(self.nodes):
            if papers and pid not in papers or roles and n.role not in roles:
                continue
            if tags and not tags.intersection(n.claim.tags):
                continue
            if address and not _leans(n.claim.lean, address, value):
                continue
            keep.append(i)
        return keep


def _leans(lean: dict[str, Any], address: str, value: str) -> bool:
    hits = [v for a, v in lean.items() if a == address or a.partition(".")[0] == address]
    return bool(hits) and (not value or any(str(v) == value for v in hits))


def claim_rows(paper: Paper) -> list[tuple[Any, ...]]:
    """The search index's rows of a paper's claims, in tree order (see FolderCache.index_claims): what
    `query` scores (`terms`) and ranks by (`text_terms`), and what `align` pairs (the paraphrase's terms,
    those of named entities, each claim's voice)."""
    rows = []
    voice = paper.voices()
    for n in paper.claims():
        c = n.claim
        words = text_terms(c.text)
        hit = json.dumps([c.id, list(n.path), c.text, c.quote, c.locator, c.tags], ensure_ascii=False)
        rows.append((paper.id, n.role, " ".join(c.tags), json.dumps(c.lean, ensure_ascii=False),
                     " ".join(search_terms(c)), " ".join(words), c.id,
                     " ".join(t for t, boost in words.items() if boost != 1.0), voice[c.id], hit))
    return rows


def parse_query(index: ClaimIndex, query: str) -> dict[str, float]:
    """The query's terms against this index; a query of stopwords alone is a usage error."""
    terms = query_terms(query, index.weights)
    if not terms:
        _no_terms(query)
    return terms


def _no_terms(query: str) -> NoReturn:
    """The usage error of a query with no term to look for."""
    said = " ".join(_WORD.findall(query))
    if said:
        raise UsageError(f"'{said}' has only common words, which match everything; "
                         "add a word that says what to look for, e.g. argmap query 'junior partner'")
    raise UsageError("the query has no words to search for; try e.g. argmap query 'hard balancing'")


def search(index: ClaimIndex, query: str, limit: int | None = DEFAULT_LIMIT, min_score: float = DEFAULT_MIN_SCORE,
           subset: list[int] | None = None) -> list[tuple[int, float]]:
    """(entry index, score) of every hit at or above `min_score`, best first (the first `limit`).

    Ties are broken by how much of the claim's own text (not its quote or
    tags) the query covers, then by how little else the claim says, then by
    corpus order."""
    terms = parse_query(index, query)
    order = list(range(len(index))) if subset is None else subset
    scores = score_many(terms, [index.docs[i] for i in order], index.weights)
    hits = [(s, i) for s, i in zip(scores, order) if s >= min_score and s > 0]
    texts = score_many(terms, [index.texts[i] for _, i in hits], index.weights)
    keys = sorted((-s, -t, len(index.texts[i]), i) for (s, i), t in zip(hits, texts))
    return [(i, -neg) for neg, _, _, i in keys[:limit]]


def highlights(text: str, query: str | Iterable[str]) -> list[Span]:
    """[start, end] spans of the words of `text` whose terms are the query's (stopwords never marked)."""
    wanted = set(terms_of(query) if isinstance(query, str) else query)
    spans: list[Span] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word.casefold() not in STOPWORDS and set(terms_of(word)) & wanted:
            spans.append((m.start(), m.end()))
    return spans


def check_filters(corpus: Corpus, tags: Iterable[str], axis: str | None) -> None:
    """Unknown tags and axes are usage errors, not empty results."""
    from .errors import did_you_mean

    for tag in tags:
        if corpus.tags is not None and tag not in corpus.tags:
            raise UsageError(f"unknown tag '{tag}'; {did_you_mean(tag, corpus.tags)}")
    if axis:
        from .compare.where import parse_address, parse_condition

        if "=" in axis:
            parse_condition(corpus, axis)
        else:
            parse_address(corpus, axis)


def query(corpus: Corpus, text: str, papers: Iterable[str] = (), roles: Iterable[str] = (),
          tags: Iterable[str] = (), axis: str | None = None, limit: int = DEFAULT_LIMIT,
          min_score: float = DEFAULT_MIN_SCORE, index: ClaimIndex | None = None) -> QueryData:
    """Ranked hits with paper, role, tree path and highlighted words."""
    bad_roles = set(roles) - set(ROLES)
    if bad_roles:
        raise UsageError(f"unknown role {', '.join(sorted(bad_roles))}; roles: {', '.join(ROLES)}")
    check_filters(corpus, tags, axis)
    filtered = bool(set(papers) or set(roles) or set(tags) or axis)
    if index is None:
        answer = _from_index(corpus, text, set(papers), set(roles), set(tags), axis, filtered, limit, min_score)
        if answer is not None:
            return answer
        index = ClaimIndex(corpus)
    subset = index.select(papers, roles, tags, axis) if filtered else None
    found = search(index, text, None, min_score, subset)
    matched = list(parse_query(index, text))
    hits: list[Hit] = []
    for i, score in found[:limit]:
        pid, n = index.nodes[i]
        c = n.claim
        hits.append({
            "paper": pid, "id": c.id, "ref": f"{pid}#{c.id}", "role": n.role,
            "path": list(n.path), "score": round(score, 1), "text": c.text, "quote": c.quote,
            "locator": c.locator, "tags": list(c.tags),
            "highlights": {"text": highlights(c.text, matched), "quote": highlights(c.quote or "", matched)},
        })
    return {"query": text, "searched": len(index) if subset is None else len(subset),
            "total": len(index), "found": len(found), "hits": hits}


def _from_index(corpus: Corpus, text: str, papers: set[str], roles: set[str], tags: set[str], axis: str | None,
                filtered: bool, limit: int, min_score: float) -> QueryData | None:
    """`query` answered from the cache's full-text index: the same hits as the scan, or None without it.

    A claim scores only by the query terms it holds, so each term's postings
    (the claims holding it) give every score at once, and the terms'
    document frequencies too; only the claims that score are read. Filters
    need every claim (for the `searched` count), so a filtered query reads
    them all, still without building the corpus.
    """
    cache = open_index(corpus)
    if cache is None:
        return None
    try:
        n = cache.claim_count()
        terms, postings = _indexed_terms(cache, text)
        if not terms:
            _no_terms(text)
        weights = Weights({t: len(p) for t, p in postings.items()}, n)
        wq = [(t, b * weights.idf(t)) for t, b in terms.items()]
        total = sum(w for _, w in wq)
        held: dict[int, float] = {}
        for term, w in wq:
            for rowid in postings[term]:
                held[rowid] = held.get(rowid, 0.0) + w
        scores = {rowid: 100.0 * w / total for rowid, w in held.items()} if total else {}
        rows = cache.claims(None if filtered else [r for r, s in scores.items() if s >= min_score and s > 0])
        if rows is None:
            return None
        rows.sort(key=lambda r: (r[2], r[1]))  # corpus order: papers by id, claims in tree order
        address, _, value = (axis or "").partition("=")
        kept = [r for r in rows if (not papers or r[2] in papers) and (not roles or r[3] in roles)
                and (not tags or tags.intersection(r[4].split()))
                and (not address or _leans(json.loads(r[5]), address, value))]
        found = [(scores[r[0]], r) for r in kept if scores.get(r[0], 0.0) >= min_score and scores.get(r[0], 0.0) > 0]
        if score_many(terms, [dict.fromkeys(r[6].split(), 1.0) for _, r in found], weights) != [s for s, _ in found]:
            return None  # the full-text index disagrees with the rows: scan instead
        texts = score_many(terms, [dict.fromkeys(r[7].split(), 1.0) for _, r in found], weights)
        keys = sorted((-s, -t, len(r[7].split()), k) for k, ((s, r), t) in enumerate(zip(found, texts)))
        shown = [(found[k][1], -neg) for neg, _, _, k in keys[:limit]]
        data = cache.hits(r[0] for r, _ in shown)
        if data is None:
            return None
        hits: list[Hit] = []
        matched = list(terms)
        for r, score in shown:
            cid, path, claim_text, quote, locator, claim_tags = data[r[0]]
            hits.append({
                "paper": r[2], "id": cid, "ref": f"{r[2]}#{cid}", "role": r[3], "path": path,
                "score": round(score, 1), "text": claim_text, "quote": quote, "locator": locator,
                "tags": claim_tags,
                "highlights": {"text": highlights(claim_text, matched), "quote": highlights(quote or "", matched)},
            })
        return {"query": text, "searched": len(kept) if filtered else n, "total": n, "found": len(found),
                "hits": hits}
    finally:
        cache.close()


def open_index(corpus: Corpus) -> FolderCache | None:
    """The corpus's cache with every paper in its search index (indexing those not in it yet), or None
    when there is no usable cache or a paper has no content hash of its own. The caller closes it."""
    from .cache import FolderCache
    from .load import Papers, bulk_allocation

    use = corpus.use_cache if corpus.digests else False
    cache = FolderCache.open(corpus.root, use_cache=use, files=False)
    by_digest = {d: pid for pid, d in corpus.digests.items() if d}

    def paper(dig: str) -> Paper:  # decoded for its rows only, unless something decoded it already
        papers = corpus.papers
        return papers.passing(by_digest[dig]) if isinstance(papers, Papers) else papers[by_digest[dig]]

    with bulk_allocation():  # building the index makes many objects that live until written
        if len(by_digest) == len(corpus.papers) and cache.index_claims(by_digest, lambda d: claim_rows(paper(d))):
            return cache
    cache.close()
    return None


def _indexed_terms(cache: Any, text: str) -> tuple[dict[str, float], dict[str, list[int]]]:
    """The query's terms and the claims holding each, from the index (as `query_terms` does from a scan):
    a word no claim holds stands for the nearest one some claim does."""
    terms: dict[str, float] = {}
    postings: dict[str, list[int]] = {}
    vocabulary: list[str] | None = None
    for term, boost in text_terms(text).items():
        found = cache.postings(term)
        if not found and len(term) >= 4:
            from rapidfuzz import fuzz, process  # only for a word no claim holds: a process's biggest import

            vocabulary = cache.vocabulary() if vocabulary is None else vocabulary
            for near, _, _ in process.extract(term, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                                              limit=None):
                if near_found := cache.postings(near):
                    term, found = near, near_found
                    break
        terms[term] = max(boost, terms.get(term, 0.0))
        postings[term] = found
    return terms, postings
