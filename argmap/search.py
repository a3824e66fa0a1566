"""`argmap query`: ranked search over every claim of a corpus.

`ClaimIndex` turns each claim's text, quote and tags into weighted terms once
(`argmap.similarity`: normalised, stemmed, stopwords dropped); a query scores
the share of its words' weight (rare words weigh more) each claim holds,
among the claims the filters keep. Matched words are found only for the hits
shown.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from .errors import UsageError
from .model import ROLES, Corpus, Node, Paper
from .outputs import Hit, QueryData, Span
from .similarity import STOPWORDS, THRESHOLD, query_terms, score_many, search_terms, text_terms, weights_of
from .similarity import words as terms_of

DEFAULT_LIMIT = 10
DEFAULT_MIN_SCORE = THRESHOLD
_WORD = re.compile(r"\w+")


class ClaimIndex:
    """Every claim of a corpus as weighted terms, built once for searching.

    The terms of each paper are kept in the index cache under the paper
    file's content hash, so a warm query does not tokenise again.
    """

    def __init__(self, corpus: Corpus, use_cache: bool | None = None):
        ids = sorted(corpus.papers)
        self.nodes: list[tuple[str, Node]] = [(pid, n) for pid in ids for n in corpus.papers[pid].claims()]
        terms = _normalised(corpus, ids, use_cache)
        self.texts: list[dict[str, float]] = [t for pid in ids for t in terms[pid][0]]  # the paraphrase alone
        self.docs: list[dict[str, float]] = [d for pid in ids for d in terms[pid][1]]  # text, quote and tags
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


def _paper_strings(paper: Paper) -> list[list[dict[str, float]]]:
    """[text terms, search terms] of one paper's claims, in tree order."""
    claims = [n.claim for n in paper.claims()]
    return [[text_terms(c.text) for c in claims], [search_terms(c) for c in claims]]


def _normalised(corpus: Corpus, ids: list[str], use_cache: bool | None) -> dict[str, list[list[dict[str, float]]]]:
    from .cache import FolderCache

    use_cache = corpus.use_cache if use_cache is None else use_cache
    cache = FolderCache.open(corpus.root, use_cache=use_cache if corpus.digests else False)
    try:
        digests = {pid: corpus.digests.get(pid, "") for pid in ids}
        stored = cache.derived(KIND, [d for d in digests.values() if d])
        out, fresh = {}, {}
        for pid in ids:
            found = stored.get(digests[pid])
            if found is None:
                found = _paper_strings(corpus.papers[pid])
                if digests[pid]:
                    fresh[digests[pid]] = found
            out[pid] = found
        cache.put_derived(KIND, fresh)
        return out
    finally:
        cache.close()


KIND = "search:2"  # bump when the terms change


def parse_query(index: ClaimIndex, query: str) -> dict[str, float]:
    """The query's terms against this index; a query of stopwords alone is a usage error."""
    terms = query_terms(query, index.weights)
    if not terms:
        said = " ".join(_WORD.findall(query))
        if said:
            raise UsageError(f"'{said}' has only common words, which match everything; "
                             "add a word that says what to look for, e.g. argmap query 'junior partner'")
        raise UsageError("the query has no words to search for; try e.g. argmap query 'hard balancing'")
    return terms


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
    index = index or ClaimIndex(corpus)
    filtered = bool(set(papers) or set(roles) or set(tags) or axis)
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
