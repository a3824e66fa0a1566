"""Plain-data views of a corpus, one per read-only command (list, show, tree).

Each returns JSON-ready dicts and lists; renderers and `--format json` take
them as they are.
"""

from __future__ import annotations

from typing import Any

from .model import Claim, Corpus, Paper, Position


def headline_addresses(corpus: Corpus, n_axes: int = 2) -> list[str]:
    """The addresses of the first axes in axes.yaml: the debate's headline questions."""
    return [a for axis in list(corpus.axes.values())[:n_axes] for a in axis.addresses]


def position_data(position: Position | None) -> dict[str, Any]:
    if position is None:
        return {"value": None, "evidence": [], "note": ""}
    return {"value": position.value, "evidence": [e.lstrip("#") for e in position.evidence], "note": position.note}


def list_papers(corpus: Corpus) -> dict[str, Any]:
    """Every paper with its headline positions, and which corpus this is."""
    headline = headline_addresses(corpus)
    papers = []
    for paper in sorted(corpus.papers.values(), key=lambda p: (p.year, p.id)):
        papers.append({
            "id": paper.id,
            "authors": paper.authors,
            "year": paper.year,
            "title": paper.title,
            "claims": sum(1 for _ in paper.claims()),
            "positions": {a: position_data(paper.positions.get(a))["value"] for a in headline},
        })
    return {
        "corpus": {"path": str(corpus.root), "origin": corpus.origin},
        "layers": [{"path": str(layer.root), "origin": layer.origin, "papers": len(layer.papers)}
                   for layer in corpus.layers],
        "headline": headline,
        "papers": papers,
    }


def claim_data(claim: Claim, role: str) -> dict[str, Any]:
    return {"id": claim.id, "role": role, "text": claim.text, "quote": claim.quote,
            "locator": claim.locator, "tags": claim.tags, "lean": claim.lean}


def claims_by_ref(paper: Paper) -> dict[str, dict[str, Any]]:
    """Each claim's data with its role, by id; `#id` references strip to the id."""
    return {n.claim.id: claim_data(n.claim, n.role) for n in paper.claims()}


def show_paper(corpus: Corpus, paper: Paper) -> dict[str, Any]:
    """Metadata, thesis, positions with evidence, tensions."""
    claims = claims_by_ref(paper)

    def side(ref: str) -> dict[str, Any]:
        return claims[ref.lstrip("#")]

    roles = [c["role"] for c in claims.values()]
    return {
        "id": paper.id,
        "title": paper.title,
        "authors": paper.authors,
        "year": paper.year,
        "year_note": paper.year_note,
        "venue": paper.venue,
        "source": paper.source,
        "counts": {r: roles.count(r) for r in ("premise", "counterpoint", "rebuttal")},
        "thesis": claim_data(paper.thesis, "thesis"),
        "positions": [
            {"axis": address, "label": corpus.axis_of(address)[0].label(p.value) if p.stated else "unstated",
             **position_data(p)}
            for address in corpus.addresses
            if (p := paper.positions.get(address)) is not None
        ],
        "tensions": [{"a": side(t.a), "b": side(t.b), "note": t.note} for t in paper.tensions],
    }


def tree_data(paper: Paper, depth: int | None = None, strength: dict[str, float] | None = None) -> dict[str, Any]:
    """The argument tree as nested dicts, cut at `depth` (0 = thesis only)."""
    built: dict[str, dict[str, Any]] = {}
    for node in paper.claims():
        if depth is not None and node.depth > depth:
            continue
        item = claim_data(node.claim, node.role)
        if strength is not None:
            item["strength"] = round(strength[node.claim.id], 4)
        item["children"] = []
        built[node.claim.id] = item
        if node.parent is not None:
            built[node.parent]["children"].append(item)
    return {"paper": paper.id, "title": paper.title, "root": built[paper.thesis.id]}
