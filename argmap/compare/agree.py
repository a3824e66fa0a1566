"""`argmap agree A B`: two readings of the same papers, compared like double coding.

A side is a corpus (its own papers: a layer is compared without what it
builds on) or a positions-only reading over a corpus (`argmap.readings`).
Papers are matched by id, else by `source`. For every axis address both
sides code, the cells both state give the share of exact agreement, the
share within one step (ordered axes) and Krippendorff's alpha (`alpha`:
ordinal on ordered axes, nominal otherwise). A cell is contested when the
two values differ, `unstated` against a value included. Claims are matched
by where their verbatim quotes sit in the paper's full text (overlapping
by at least half the shorter quote), else by text similarity; tensions and
links are compared through those claim matches. docs/readings.md has the
rules in full.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Sequence

from ..model import Axis, Claim, Corpus, Link, Position, Reading, Tension, UNSTATED
from ..outputs import (AddressStats, AgreeData, CellSide, ClaimMatch, ClaimPair, ClaimRole, Contested, PaperMatch,
                       Recorded, SideData, Unmatched)
from .alpha import alpha
from .positions import distance

OVERLAP = 0.5  # share of the shorter quote two quotes must share in the source text
QUOTE_SIMILAR = 90.0  # without a source text: rapidfuzz partial_ratio of the two quotes
TEXT_SIMILAR = 85.0  # ... or token_sort_ratio of the two paraphrases


@dataclass
class Side:
    """One reading: a corpus of maps, or a positions-only reading over one."""

    name: str
    kind: Literal["corpus", "reading"]
    path: Path
    corpus: Corpus
    papers: list[str]
    reading: Reading | None = None
    _claims: dict[str, list[tuple[Claim, ClaimRole]]] = field(default_factory=dict, repr=False)

    def positions(self, pid: str) -> dict[str, Position]:
        if self.reading is not None:
            return self.reading.papers[pid].positions
        return self.corpus.papers[pid].positions

    def claims(self, pid: str) -> list[tuple[Claim, ClaimRole]]:
        """Every claim this side can cite for the paper, with its role ('reading' for a reading's new ones)."""
        if pid not in self._claims:
            from ..readings import new_claims

            own = [(n.claim, n.role) for n in self.corpus.papers[pid].claims()]
            added: list[tuple[Claim, ClaimRole]] = [(c, "reading") for c in new_claims(self.reading, pid)] if self.reading is not None else []
            self._claims[pid] = own + added
        return self._claims[pid]

    def tensions(self, pid: str) -> list[Tension] | None:
        if self.reading is not None:
            return self.reading.papers[pid].tensions
        return self.corpus.papers[pid].tensions

    @property
    def links(self) -> list[Link] | None:
        """The links this side makes (a reading makes none of its own: None, not compared)."""
        if self.reading is not None:
            return None
        return [lk for lk in self.corpus.links if set(lk.papers) <= set(self.papers)]

    def source(self, pid: str) -> str | None:
        return self.corpus.papers[pid].source


def open_side(name: str, corpus: Sequence[str] | None = None, use_cache: bool | None = None) -> Side:
    """`bundled`, a corpus folder (its own papers), or a reading (a file, or a name in the corpus's readings/)."""
    from ..corpus import BUNDLED, open_corpus
    from ..readings import find_reading, load_reading

    if name == BUNDLED or Path(name).is_dir():
        c = open_corpus([name], use_cache=use_cache)
        return Side(name, "corpus", c.root, c, list(c.layers[0].papers))
    base = open_corpus(corpus, use_cache=use_cache)
    path = find_reading(base, name)
    reading = load_reading(path, base)
    return Side(reading.reading, "reading", path, base, list(reading.papers), reading)


# --- computing it ---------------------------------------------------------------------


def agree(a: Side, b: Side, sources: Path | None = None) -> AgreeData:
    """Compare two readings: agreement per axis and subject, claim counterparts per paper, contested cells."""
    pairs, unmatched = match_papers(a, b)
    shared = [axis for axis in a.corpus.axes.values() if b.corpus.axes.get(axis.id) == axis]
    skipped = [axis_id for axis_id in a.corpus.axes if axis_id not in {x.id for x in shared}]
    texts = _SourceTexts(sources)
    papers: list[PaperMatch] = []
    counterparts: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for pa, pb, how in pairs:
        match, mapping = match_claims(a.claims(pa), b.claims(pb), texts.get(a.source(pa) or b.source(pb)))
        counterparts.update({((pa, ca)): {(pb, cb) for cb in cbs} for ca, cbs in mapping.items()})
        papers.append({"a": pa, "b": pb, "matched_by": how, "claims": match,
                       "tensions": _both_record(a.tensions(pa), b.tensions(pb), mapping)})

    axes: list[AddressStats] = []
    contested: list[Contested] = []
    for axis in shared:
        per_address = []
        for address in axis.addresses:
            cells = [(pa, pb, a.positions(pa).get(address), b.positions(pb).get(address)) for pa, pb, _ in pairs]
            coded = [(pa, pb, x, y) for pa, pb, x, y in cells if x is not None and y is not None]
            per_address.append(coded)
            axes.append(_stats(axis, address, [(x.value, y.value) for _, _, x, y in coded]))
            contested += [_contested(a, b, axis, address, pa, pb, x, y) for pa, pb, x, y in coded if x.value != y.value]
        if axis.subjects:  # the axis as a whole: every subject's cells pooled
            axes.append(_stats(axis, axis.id, [(x.value, y.value) for coded in per_address for _, _, x, y in coded]))

    own = [s for s in axes if s["address"] in {ad for x in shared for ad in x.addresses}]
    stated = sum(s["stated"] for s in own)
    exact = sum(s["agreeing"] for s in own)
    return {
        "a": _side_data(a), "b": _side_data(b), "papers": papers, "unmatched": unmatched,
        "skipped_axes": skipped, "axes": axes,
        "overall": {"cells": sum(s["cells"] for s in own), "stated": stated,
                    "exact": round(exact / stated, 3) if stated else None, "contested": len(contested)},
        "links": _links_both(a.links, b.links, counterparts),
        "contested": contested,
        "ok": not contested,
    }


def match_papers(a: Side, b: Side) -> tuple[list[tuple[str, str, Literal["id", "source"]]], Unmatched]:
    """(A paper, B paper, how) by id, else by the `source` full text both name."""
    pairs: list[tuple[str, str, Literal["id", "source"]]] = []
    left = [pid for pid in b.papers if pid not in a.papers]
    for pid in sorted(a.papers):
        if pid in b.papers:
            pairs.append((pid, pid, "id"))
            continue
        source = a.source(pid)
        other = next((q for q in left if source and b.source(q) == source), None)
        if other is not None:
            pairs.append((pid, other, "source"))
            left.remove(other)
    matched_a, matched_b = {p[0] for p in pairs}, {p[1] for p in pairs}
    return pairs, {"a": sorted(set(a.papers) - matched_a), "b": sorted(set(b.papers) - matched_b)}


class _SourceTexts:
    """Full texts by file name, cleaned as `verify` cleans them; None when not at hand."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.texts: dict[str, str | None] = {}

    def get(self, name: str | None) -> str | None:
        if not name or self.folder is None:
            return None
        if name not in self.texts:
            from ..verify import clean

            path = self.folder / name
            self.texts[name] = clean(path.read_text(encoding="utf-8", errors="replace")) if path.is_file() else None
        return self.texts[name]


def quote_span(quote: str, text: str) -> tuple[int, int] | None:
    """Where a quote sits in a cleaned full text: exactly, else its best alignment if near (as `verify`)."""
    from rapidfuzz import fuzz

    from ..verify import NEAR, clean

    q = clean(quote)
    at = text.find(q)
    if at >= 0:
        return at, at + len(q)
    found = fuzz.partial_ratio_alignment(q, text, score_cutoff=NEAR)
    return (found.dest_start, found.dest_end) if found else None


def match_claims(a: list[tuple[Claim, ClaimRole]], b: list[tuple[Claim, ClaimRole]], text: str | None
                 ) -> tuple[ClaimMatch, dict[str, set[str]]]:
    """Counterparts of A's claims among B's: identical, quotes overlapping in the text, or similar text."""
    spans: dict[int, tuple[int, int] | None] = {}
    if text is not None:
        for claim, _ in a + b:
            if id(claim) not in spans and claim.quote:  # an unquoted claim has no place in the text
                spans[id(claim)] = quote_span(claim.quote, text)
    mapping: dict[str, set[str]] = {}
    pairs: list[ClaimPair] = []
    same = 0
    b_by_id = {c.id: c for c, _ in b}
    for ca, _ in a:
        twin = b_by_id.get(ca.id)
        if twin is not None and (twin is ca or (twin.quote == ca.quote and twin.text == ca.text)):
            mapping.setdefault(ca.id, set()).add(ca.id)
            same += 1
    identical = {ca for ca in mapping}
    for ca, _ in a:
        for cb, _ in b:
            if ca.id in identical and cb.id in identical:
                continue
            found = _counterpart(ca, cb, spans.get(id(ca)), spans.get(id(cb)))
            if found is not None:
                mapping.setdefault(ca.id, set()).add(cb.id)
                pairs.append({"a": ca.id, "b": cb.id, "how": found[0], "score": found[1]})
    matched_b = {cb for cbs in mapping.values() for cb in cbs}
    return ({"a": len(a), "b": len(b), "same": same, "with_counterpart": len(mapping), "pairs": pairs,
             "only_a": [c.id for c, _ in a if c.id not in mapping],
             "only_b": [c.id for c, _ in b if c.id not in matched_b], "by_source": text is not None}, mapping)


def _counterpart(a: Claim, b: Claim, sa: tuple[int, int] | None, sb: tuple[int, int] | None
                 ) -> tuple[Literal["quote", "text"], float] | None:
    if sa is not None and sb is not None:  # both quotes found: they overlap, or the claims differ
        shorter = min(sa[1] - sa[0], sb[1] - sb[0])
        overlap = min(sa[1], sb[1]) - max(sa[0], sb[0])
        return ("quote", round(overlap / shorter, 3)) if shorter > 0 and overlap >= OVERLAP * shorter else None
    from rapidfuzz import fuzz

    from ..text import normalise
    from ..verify import clean

    quotes = fuzz.partial_ratio(clean(a.quote).lower(), clean(b.quote).lower()) if a.quote and b.quote else 0.0
    texts = fuzz.token_sort_ratio(normalise(a.text), normalise(b.text))
    if quotes >= QUOTE_SIMILAR or texts >= TEXT_SIMILAR:
        return "text", round(max(quotes, texts) / 100, 3)
    return None


def _both_record(ta: list[Tension] | None, tb: list[Tension] | None, mapping: dict[str, set[str]]) -> Recorded:
    """Tensions both sides record: B has one between counterparts of an A tension's two claims."""
    if ta is None or tb is None:
        return {"a": len(ta) if ta is not None else None, "b": len(tb) if tb is not None else None, "both": None}
    b_pairs = {frozenset((t.a, t.b)) for t in tb}
    both = sum(1 for t in ta
               if any(frozenset((x, y)) in b_pairs
                      for x in mapping.get(t.a, ()) for y in mapping.get(t.b, ())))
    return {"a": len(ta), "b": len(tb), "both": both}


def _links_both(la: list[Link] | None, lb: list[Link] | None,
                counterparts: dict[tuple[str, str], set[tuple[str, str]]]) -> Recorded:
    """Links both sides make: B links counterparts of an A link's two claims, with the same relation."""
    if la is None or lb is None:
        return {"a": len(la) if la is not None else None, "b": len(lb) if lb is not None else None, "both": None}
    b_links = {(frozenset(lk.ends), lk.relation) for lk in lb}
    both = sum(1 for lk in la
               if any((frozenset((x, y)), lk.relation) in b_links
                      for x in counterparts.get(lk.ends[0], ()) for y in counterparts.get(lk.ends[1], ())))
    return {"a": len(la), "b": len(lb), "both": both}


def _stats(axis: Axis, address: str, values: list[tuple[int | str, int | str]]) -> AddressStats:
    stated = [(x, y) for x, y in values if x != UNSTATED and y != UNSTATED]
    one_sided = sum(1 for x, y in values if (x == UNSTATED) != (y == UNSTATED))
    n = len(stated)
    agreeing = sum(1 for x, y in stated if x == y)
    steps = [distance(axis, x, y) for x, y in stated]
    level: Literal["ordinal", "nominal"] = "ordinal" if axis.ordered else "nominal"
    value = alpha(stated, level, axis.value_ids) if n else None
    return {
        "address": address, "axis": axis.id, "level": level, "cells": len(values), "stated": n,
        "one_sided": one_sided, "agreeing": agreeing,
        "exact": round(agreeing / n, 3) if n else None,
        "within_one": round(sum(1 for d in steps if d is not None and d <= 1) / n, 3) if n and axis.ordered else None,
        "alpha": round(value, 3) if value is not None else None,
        "contested": sum(1 for x, y in values if x != y),
    }


def _contested(a: Side, b: Side, axis: Axis, address: str, pa: str, pb: str, x: Position, y: Position) -> Contested:
    both_stated = x.stated and y.stated
    return {"paper": pa, "b_paper": pb, "address": address,
            "distance": distance(axis, x.value, y.value) if both_stated else None,
            "a": _cell_side(a, pa, axis, x), "b": _cell_side(b, pb, axis, y)}


def _cell_side(side: Side, pid: str, axis: Axis, position: Position) -> CellSide:
    claims = {c.id: (c, role) for c, role in side.claims(pid)}
    refs = list(position.evidence)
    return {"value": position.value, "label": axis.label(position.value) if position.stated else UNSTATED,
            "evidence": refs, "note": position.note,
            "claims": [{"id": r, "role": claims[r][1], "text": claims[r][0].text, "quote": claims[r][0].quote,
                        "locator": claims[r][0].locator} for r in refs if r in claims]}


def _side_data(side: Side) -> SideData:
    return {"name": side.name, "kind": side.kind, "path": str(side.path), "papers": len(side.papers)}


def shipped_agreement(corpus: Corpus, sources: Path | None = None) -> list[AgreeData]:
    """The corpus against each reading shipped in its readings/ folder (for the report)."""
    from ..readings import load_reading, reading_files

    own = Side(corpus.root.name, "corpus", corpus.root, corpus, list(corpus.papers))
    out = []
    for path in reading_files(corpus).values():
        reading = load_reading(path, corpus)
        out.append(agree(own, Side(reading.reading, "reading", path, corpus, list(reading.papers), reading), sources))
    return out
