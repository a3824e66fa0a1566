"""`argmap query`: ranked fuzzy search over every claim of a corpus.

`ClaimIndex` normalises each claim's text, quote and tags once (case,
punctuation and diacritics folded); a query is then one
`rapidfuzz.process.extract` call over those strings, restricted to the
claims the filters keep. Matched words are found only for the hits shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from .errors import UsageError
from .model import Corpus, Role
from .text import normalise

DEFAULT_LIMIT = 10
DEFAULT_MIN_SCORE = 50.0
ROLES: tuple[Role, ...] = ("thesis", "premise", "counterpoint", "rebuttal")
_WORD = re.compile(r"\w+")
_STOP = frozenset("the and for with from that this its are was not but".split())  # never highlighted


def _scorer() -> Any:
    # token_set_ratio scores 100 when every query word occurs in the claim, in
    # any order, and degrades gracefully for misspelt or missing words. WRatio
    # was tried first: on long claims its partial-match branch ranks claims
    # sharing one long word above claims holding every query word.
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio


def __getattr__(name: str) -> Any:  # `SCORER` without importing rapidfuzz at import time
    if name == "SCORER":
        return _scorer()
    raise AttributeError(name)


@dataclass(frozen=True, slots=True)
class Entry:
    paper: str
    claim: str
    role: Role
    path: tuple[str, ...]
    text: str
    quote: str
    locator: str
    tags: tuple[str, ...]
    lean: tuple[str, ...]  # the addresses this claim leans on, with and without subject


class ClaimIndex:
    """Every claim of a corpus, normalised once for searching."""

    def __init__(self, corpus: Corpus):
        self.entries: list[Entry] = []
        self.leans: list[dict[str, Any]] = []
        for paper in sorted(corpus.papers.values(), key=lambda p: p.id):
            for n in paper.claims():
                c = n.claim
                self.entries.append(Entry(paper.id, c.id, n.role, n.path, c.text, c.quote, c.locator,
                                          tuple(c.tags), tuple(c.lean)))
                self.leans.append(dict(c.lean))
        self.texts = [normalise(e.text) for e in self.entries]
        self.choices = [normalise(f"{e.text} {e.quote} {' '.join(e.tags)}".replace("_", " ")) for e in self.entries]

    def select(self, papers: Iterable[str] = (), roles: Iterable[str] = (), tags: Iterable[str] = (),
               axis: str | None = None) -> list[int]:
        """Indices of the entries every given filter keeps (axis: `A`, `A.subject`, `A=V`)."""
        papers, roles, tags = set(papers), set(roles), set(tags)
        address, _, value = (axis or "").partition("=")
        keep = []
        for i, e in enumerate(self.entries):
            if papers and e.paper not in papers or roles and e.role not in roles:
                continue
            if tags and not tags & set(e.tags):
                continue
            if address and not self._leans(i, address, value):
                continue
            keep.append(i)
        return keep

    def _leans(self, i: int, address: str, value: str) -> bool:
        lean = self.leans[i]
        hits = [v for a, v in lean.items() if a == address or a.partition(".")[0] == address]
        return bool(hits) and (not value or any(str(v) == value for v in hits))


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


def highlights(text: str, query: str) -> list[list[int]]:
    """[start, end] spans of the words of `text` that match a query word (exactly or nearly)."""
    from rapidfuzz import fuzz

    wanted = [w for w in normalise(query).split() if len(w) > 2 and w not in _STOP] or normalise(query).split()
    spans = []
    for m in _WORD.finditer(text):
        word = normalise(m.group())
        if word and any(word == w or (len(w) >= 4 and len(word) >= 4 and fuzz.ratio(word, w) >= 80)
                        for w in wanted):
            spans.append([m.start(), m.end()])
    return spans


def check_filters(corpus: Corpus, tags: Iterable[str], axis: str | None) -> None:
    """Unknown tags and axes are usage errors, not empty results."""
    from .errors import did_you_mean

    for tag in tags:
        if corpus.tags is not None and tag not in corpus.tags:
            raise UsageError(f"unknown tag '{tag}'; {did_you_mean(tag, corpus.tags)}")
    if axis:
        from .compare.where import parse_condition
        from .compare.positions import resolve_axis

        if "=" in axis:
            parse_condition(corpus, axis)
        else:
            subject = axis.partition(".")[2]
            a = resolve_axis(corpus, axis)
            if subject and subject not in a.subjects:
                raise UsageError(f"axis '{a.id}' has no subject '{subject}' (subjects: {', '.join(a.subjects) or 'none'})")


def query(corpus: Corpus, text: str, papers: Iterable[str] = (), roles: Iterable[str] = (),
          tags: Iterable[str] = (), axis: str | None = None, limit: int = DEFAULT_LIMIT,
          min_score: float = DEFAULT_MIN_SCORE, index: ClaimIndex | None = None) -> dict[str, Any]:
    """Ranked hits with paper, role, tree path and highlighted words."""
    bad_roles = set(roles) - set(ROLES)
    if bad_roles:
        raise UsageError(f"unknown role {', '.join(sorted(bad_roles))}; roles: {', '.join(ROLES)}")
    check_filters(corpus, tags, axis)
    index = index or ClaimIndex(corpus)
    filtered = bool(set(papers) or set(roles) or set(tags) or axis)
    subset = index.select(papers, roles, tags, axis) if filtered else None
    hits = []
    for i, score in search(index, text, limit, min_score, subset):
        e = index.entries[i]
        hits.append({
            "paper": e.paper, "id": e.claim, "ref": f"{e.paper}#{e.claim}", "role": e.role,
            "path": list(e.path), "score": round(score, 1), "text": e.text, "quote": e.quote,
            "locator": e.locator, "tags": list(e.tags),
            "highlights": {"text": highlights(e.text, text), "quote": highlights(e.quote, text)},
        })
    return {"query": text, "searched": len(index.entries) if subset is None else len(subset),
            "total": len(index.entries), "hits": hits}
