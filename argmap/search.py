"""`argmap query`: ranked fuzzy search over every claim of a corpus.

`ClaimIndex` normalises each claim's text, quote and tags once (case,
punctuation and diacritics folded); a query is then one
`rapidfuzz.process.extract` call over those strings, restricted to the
claims the filters keep. Matched words are found only for the hits shown.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from .errors import UsageError
from .model import ROLES, Corpus, Node, Paper
from .outputs import Hit, QueryData, Span
from .text import normalise

DEFAULT_LIMIT = 10
DEFAULT_MIN_SCORE = 50.0
_WORD = re.compile(r"\w+")
_STOP = frozenset("the and for with from that this its are was not but".split())  # never highlighted


def _scorer() -> Any:
    # token_set_ratio scores 100 when every query word occurs in the claim, in
    # any order, and degrades gracefully for misspelt or missing words. WRatio
    # was tried first: on long claims its partial-match branch ranks claims
    # sharing one long word above claims holding every query word.
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio


class ClaimIndex:
    """Every claim of a corpus, normalised once for searching.

    The normalised strings of each paper are kept in the index cache under
    the paper file's content hash, so a warm query does not normalise again.
    """

    def __init__(self, corpus: Corpus, use_cache: bool | None = None):
        ids = sorted(corpus.papers)
        self.nodes: list[tuple[str, Node]] = [(pid, n) for pid in ids for n in corpus.papers[pid].claims()]
        strings = _normalised(corpus, ids, use_cache)
        self.texts: list[str] = [t for pid in ids for t in strings[pid][0]]
        self.choices: list[str] = [c for pid in ids for c in strings[pid][1]]

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


def _paper_strings(paper: Paper) -> list[list[str]]:
    """[texts, choices] of one paper's claims, in tree order."""
    claims = [n.claim for n in paper.claims()]
    return [[normalise(c.text) for c in claims],
            [normalise(f"{c.text} {c.quote or ''} {' '.join(c.tags)}".replace("_", " ")) for c in claims]]


def _normalised(corpus: Corpus, ids: list[str], use_cache: bool | None) -> dict[str, list[list[str]]]:
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


KIND = "search:1"  # bump when the normalisation changes


def search(index: ClaimIndex, query: str, limit: int = DEFAULT_LIMIT, min_score: float = DEFAULT_MIN_SCORE,
           subset: list[int] | None = None) -> list[tuple[int, float]]:
    """(entry index, score) of the best hits, best first, ties in corpus order."""
    from rapidfuzz import process

    q = normalise(query)
    if not q:
        raise UsageError("the query has no words to search for; try e.g. argmap query 'hard balancing'")
    choices: Any = index.choices if subset is None else {i: index.choices[i] for i in subset}
    scorer = _scorer()
    # Take a few more than asked, then break score ties by how well the
    # claim's own text (not its quote or tags) matches.
    hits = process.extract(q, choices, scorer=scorer, limit=limit * 4, score_cutoff=min_score, processor=None)
    ranked = sorted(((-score, -scorer(q, index.texts[i]), i) for _, score, i in hits))
    return [(i, -neg) for neg, _, i in ranked[:limit]]


def highlights(text: str, query: str) -> list[Span]:
    """[start, end] spans of the words of `text` that match a query word (exactly or nearly)."""
    from rapidfuzz import fuzz

    wanted = [w for w in normalise(query).split() if len(w) > 2 and w not in _STOP] or normalise(query).split()
    spans: list[Span] = []
    for m in _WORD.finditer(text):
        word = normalise(m.group())
        if word and any(word == w or (len(w) >= 4 and len(word) >= 4 and fuzz.ratio(word, w) >= 80)
                        for w in wanted):
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
    hits: list[Hit] = []
    for i, score in search(index, text, limit, min_score, subset):
        pid, n = index.nodes[i]
        c = n.claim
        hits.append({
            "paper": pid, "id": c.id, "ref": f"{pid}#{c.id}", "role": n.role,
            "path": list(n.path), "score": round(score, 1), "text": c.text, "quote": c.quote,
            "locator": c.locator, "tags": list(c.tags),
            "highlights": {"text": highlights(c.text, text), "quote": highlights(c.quote or "", text)},
        })
    return {"query": text, "searched": len(index) if subset is None else len(subset),
            "total": len(index), "hits": hits}
