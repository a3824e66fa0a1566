"""`argmap diff A B`: two papers' theses, positions and claims side by side."""

from __future__ import annotations

from ..model import Corpus, Node, Paper, Position, Relation
from ..outputs import (AxisRow, ClaimAlignment, DiffData, DiffSide, DiffSummary, LeanVerdict, LinkMatch, Match,
                       SideValue, SuggestionMatch)
from ..similarity import THRESHOLD, ClaimDoc, pair_score, pairable, weights_of
from ..views import claim_data
from .evidence import profile
from .positions import opposite, relate, same_way, stated

DEFAULT_THRESHOLD = THRESHOLD


def diff(corpus: Corpus, a: Paper, b: Paper, axes_only: bool = False,
         threshold: float = DEFAULT_THRESHOLD, shown: int | None = None) -> DiffData:
    """Theses, axes, aligned claims, one-sided claims and a summary, as plain data.

    `shown`: list at most that many one-sided claims per paper (in tree order,
    so the thesis and top premises first); `left_out` counts the rest."""
    axes = axis_rows(corpus, a, b)
    statuses = [r["status"] for r in axes]
    claims = None if axes_only else align_claims(corpus, a, b, threshold, shown)
    summary: DiffSummary = {
        "converge": statuses.count("converge"), "diverge": statuses.count("diverge"),
        "only_a": statuses.count("only_a"), "only_b": statuses.count("only_b"),
        "contradicting_claims": sum(1 for m in claims["matches"] if m["kind"] == "contradicts") if claims else 0,
    }
    sides, line = (_paper_side(a), _paper_side(b)), summary_line(summary, axes_only)
    if claims is None:
        return {"a": sides[0], "b": sides[1], "axes": axes, "summary": summary, "summary_line": line}
    return {"a": sides[0], "b": sides[1], "axes": axes, **claims, "summary": summary, "summary_line": line}


def _paper_side(paper: Paper) -> DiffSide:
    return {"id": paper.id, "authors": paper.authors, "year": paper.year, "thesis": claim_data(paper.thesis, "thesis")}


def axis_rows(corpus: Corpus, a: Paper, b: Paper) -> list[AxisRow]:
    """Every address at least one of the papers takes a position on."""
    rows: list[AxisRow] = []
    for address in corpus.addresses:
        axis, _ = corpus.axis_of(address)
        pa, pb = stated(a, address), stated(b, address)
        if pa is None and pb is None:
            continue
        rows.append({
            "axis": address,
            "a": _side(corpus, a, address, pa),
            "b": _side(corpus, b, address, pb),
            **relate(axis, pa, pb),
        })
    return rows


def _side(corpus: Corpus, paper: Paper, address: str, position: Position | None) -> SideValue | None:
    if position is None:
        return None
    return {"value": position.value, "label": corpus.axis_of(address)[0].label(position.value),
            "evidence": list(position.evidence), "profile": profile(corpus, paper, address)}


def align_claims(corpus: Corpus, a: Paper, b: Paper, threshold: float, shown: int | None = None) -> ClaimAlignment:
    """Curated links between the two papers first, then fuzzy suggestions, then the rest."""
    nodes_a = {n.claim.id: n for n in a.claims()}
    nodes_b = {n.claim.id: n for n in b.claims()}
    matches: list[Match] = []
    used_a: set[str] = set()
    used_b: set[str] = set()
    for link in corpus.links:
        ends = dict(link.ends)
        if a.id in ends and b.id in ends and a.id != b.id:
            ca, cb = ends[a.id], ends[b.id]
            matches.append(_link_match(nodes_a[ca], nodes_b[cb], link.relation, link.note))
            used_a.add(ca)
            used_b.add(cb)

    from ..triage import dismissed_pairs, load_decisions

    dismissed = dismissed_pairs(load_decisions(corpus))
    for score, ca, cb in fuzzy_pairs({n.claim.id: n for n in pairable(a)}, {n.claim.id: n for n in pairable(b)},
                                     threshold):
        if ca in used_a or cb in used_b or frozenset((f"{a.id}#{ca}", f"{b.id}#{cb}")) in dismissed:
            continue  # one match per claim, the best one; never a pair a reviewer dismissed
        kind = lean_relation(corpus, nodes_a[ca], nodes_b[cb])
        matches.append(_suggestion(nodes_a[ca], nodes_b[cb], kind, round(score, 1)))
        used_a.add(ca)
        used_b.add(cb)

    only_a = [claim_data(n.claim, n.role) for cid, n in nodes_a.items() if cid not in used_a]
    only_b = [claim_data(n.claim, n.role) for cid, n in nodes_b.items() if cid not in used_b]
    return {"matches": matches, "only_a": only_a[:shown], "only_b": only_b[:shown],
            "left_out": {"a": len(only_a[shown:]) if shown is not None else 0,
                         "b": len(only_b[shown:]) if shown is not None else 0}}


def _link_match(na: Node, nb: Node, relation: Relation, note: str) -> LinkMatch:
    return {"kind": relation, "source": "link", "score": None, "note": note,
            "a": claim_data(na.claim, na.role), "b": claim_data(nb.claim, nb.role)}


def _suggestion(na: Node, nb: Node, kind: LeanVerdict, score: float) -> SuggestionMatch:
    return {"kind": kind, "source": "suggestion", "score": score, "note": None,
            "a": claim_data(na.claim, na.role), "b": claim_data(nb.claim, nb.role)}


def fuzzy_pairs(nodes_a: dict[str, Node], nodes_b: dict[str, Node], threshold: float) -> list[tuple[float, str, str]]:
    """Claim pairs scoring at least `threshold` (argmap.similarity.pair_score), best first.

    Words weigh their rarity among the two papers' claims."""
    docs_a = {cid: ClaimDoc.of(n.claim) for cid, n in nodes_a.items()}
    docs_b = {cid: ClaimDoc.of(n.claim) for cid, n in nodes_b.items()}
    weights = weights_of(d.terms() for d in (*docs_a.values(), *docs_b.values()))
    pairs = []
    for ca, da in docs_a.items():
        for cb, db in docs_b.items():
            score = pair_score(da, db, weights)
            if score >= threshold:
                pairs.append((score, ca, cb))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


def lean_relation(corpus: Corpus, na: Node, nb: Node) -> LeanVerdict:
    """contradicts / agrees when the claims lean opposite / the same way on a shared address."""
    verdict: LeanVerdict = "related"
    for address in sorted(set(na.claim.lean) & set(nb.claim.lean)):
        axis, _ = corpus.axis_of(address)
        va, vb = na.claim.lean[address], nb.claim.lean[address]
        if opposite(axis, va, vb):
            return "contradicts"
        if same_way(axis, va, vb):
            verdict = "agrees"
    return verdict


def summary_line(s: DiffSummary, axes_only: bool) -> str:
    line = f"converge on {s['converge']} {'axis' if s['converge'] == 1 else 'axes'}, diverge on {s['diverge']}"
    silent = s["only_a"] + s["only_b"]
    if silent:
        line += f", one side silent on {silent}"
    if not axes_only:
        n = s["contradicting_claims"]
        line += f"; {n} contradicting claim pair{'s' * (n != 1)}"
    return line
