"""Plain-data views of a corpus, one per read-only command (list, show, tree).

Each returns the JSON-ready data typed in `argmap.outputs`; renderers and
`--format json` take it as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .graph import EXTRA_VERB, extra_edges as by_id
from .model import Claim, Corpus, Paper, Position, Role, chronological_key

if TYPE_CHECKING:
    from .outputs import ClaimData, ExtraEdge, ListData, PaperEdge, PaperRow, PositionData, ShowData, TreeData
    from .outputs import TreeNode
    from .semantics import Strength


def headline_addresses(corpus: Corpus, n_axes: int = 2) -> list[str]:
    """The addresses of the first axes in axes.yaml: the debate's headline questions."""
    return [a for axis in list(corpus.axes.values())[:n_axes] for a in axis.addresses]


def position_data(position: Position | None) -> PositionData:
    if position is None:
        return {"value": None, "evidence": [], "note": ""}
    return {"value": position.value, "evidence": list(position.evidence), "note": position.note}


def list_papers(corpus: Corpus) -> ListData:
    """Every paper with its headline positions, and which corpus this is."""
    from .load import summary  # what it shows of each paper, from the index cache: no paper is decoded

    headline = headline_addresses(corpus)
    papers: list[PaperRow] = []
    for paper in sorted((summary(corpus.papers, pid) for pid in corpus.papers), key=chronological_key):
        papers.append({
            "id": paper.id,
            "authors": paper.authors,
            "year": paper.year,
            "title": paper.title,
            "claims": paper.claims,
            "positions": {a: paper.positions.get(a) for a in headline},
        })
    return {
        "corpus": {"path": str(corpus.root), "origin": corpus.origin},
        "layers": [{"path": str(layer.root), "origin": layer.origin, "papers": len(layer.papers)}
                   for layer in corpus.layers],
        "headline": headline,
        "papers": papers,
    }


def claim_data(claim: Claim, role: Role) -> ClaimData:
    return {"id": claim.id, "role": role, "text": claim.text, "quote": claim.quote,
            "locator": claim.locator, "tags": claim.tags, "lean": claim.lean, "reported_by": claim.reported_by}


def claims_by_ref(paper: Paper) -> dict[str, ClaimData]:
    """Each claim's data with its role, by id (the key every same-paper reference uses)."""
    return {n.claim.id: claim_data(n.claim, n.role) for n in paper.claims()}


def show_paper(corpus: Corpus, paper: Paper) -> ShowData:
    """Metadata, thesis, positions with evidence and its profile, tensions."""
    from .compare.evidence import profiles  # lazy: argmap.compare imports this module

    claims = claims_by_ref(paper)
    evidence = profiles(corpus, paper)

    def side(ref: str) -> ClaimData:
        return claims[ref]

    roles = [c["role"] for c in claims.values()]
    return {
        "id": paper.id,
        "title": paper.title,
        "authors": paper.authors,
        "year": paper.year,
        "year_note": paper.year_note,
        "venue": paper.venue,
        "source": paper.source,
        "counts": {"premise": roles.count("premise"), "counterpoint": roles.count("counterpoint"),
                   "rebuttal": roles.count("rebuttal")},
        "thesis": claim_data(paper.thesis, "thesis"),
        "roots": [claim_data(root, "thesis") for root in paper.roots],
        "edges": [{"source": n.claim.id, **edge} for n in paper.claims() for edge in extra_edges(n.claim)],
        "positions": [
            {"axis": address, "label": corpus.axis_of(address)[0].label(p.value) if p.stated else "unstated",
             **position_data(p), "profile": evidence[address]}
            for address in corpus.addresses
            if (p := paper.positions.get(address)) is not None
        ],
        "tensions": [{"a": side(t.a), "b": side(t.b), "note": t.note} for t in paper.tensions],
    }


def tree_data(paper: Paper, depth: int | None = None, strength: Strength | None = None) -> TreeData:
    """The argument tree as nested dicts, cut at `depth` (0 = thesis only), with `strength`'s scores or labels."""
    built: dict[str, TreeNode] = {}
    for node in paper.claims():
        if depth is not None and node.depth > depth:
            continue
        item: TreeNode = {**claim_data(node.claim, node.role), "children": [], "edges": extra_edges(node.claim)}
        if strength is not None and strength.semantics == "df-quad":
            item["strength"] = round(strength.scores[node.claim.id], 4)
        elif strength is not None:
            item["label"] = strength.labels[node.claim.id]
        built[node.claim.id] = item
        if node.parent is not None:
            built[node.parent]["children"].append(item)
    data: TreeData = {"paper": paper.id, "title": paper.title, "root": built[paper.thesis.id],
                      "roots": [built[root.id] for root in paper.roots]}
    if strength is not None:
        data["semantics"] = strength.semantics
    return data


def extra_edges(claim: Claim) -> list[ExtraEdge]:
    """The edges the claim adds by id: what it supports, attacks, then undercuts."""
    edges: list[ExtraEdge] = [{"kind": EXTRA_VERB[e.kind], "target": e.target} for e in by_id(claim)]
    return edges + [{"kind": "undercuts", "target": ref} for ref in claim.undercuts]
