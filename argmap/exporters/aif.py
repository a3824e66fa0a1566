"""AIF-JSON (the Argument Interchange Format as AIFdb and OVA write it).

Claims are I-nodes; each premise is joined to the claim it supports through
an RA-node (inference), each counterpoint to the claim it attacks through a
CA-node (conflict), and so are the edges claims add by id (`supports`,
`attacks`); an undercut is a CA-node aimed at the S-node of the inference. Between papers, agrees and refines are RA-nodes,
contradicts CA-nodes and same MA-nodes (rephrase). `locutions` is empty:
a map records no dialogue.

Node ids are stable and readable: an I-node is `paper#claim`, an S-node
`ra:`/`ca:`/`ma:` + `from>to` (the two claim refs it joins), so an import
can rebuild the claim ids. Edge ids number the edges in order.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Corpus, Paper
from . import links_between

S_NODES = {"RA": "Default Inference", "CA": "Default Conflict", "MA": "Default Rephrase"}
LINK_TYPES = {"agrees": "RA", "refines": "RA", "contradicts": "CA", "same": "MA"}


def s_node_id(kind: str, source: str, target: str) -> str:
    return f"{kind.lower()}:{source}>{target}"


def graph(corpus: Corpus, papers: list[Paper]) -> dict[str, Any]:
    """The AIF document as plain data."""
    from ..graph import graph as paper_graph

    nodes: list[dict[str, str]] = []
    joins: list[tuple[str, str, str]] = []  # (S-node type, from node, to node)
    undercuts: list[tuple[str, str, str]] = []
    for paper in papers:
        g = paper_graph(paper)
        kinds = {e.name: ("RA" if e.kind == "support" else "CA") for e in g.edges}
        for n in paper.claims():
            nodes.append({"nodeID": f"{paper.id}#{n.claim.id}", "text": n.claim.text, "type": "I"})
        joins += [(kinds[e.name], f"{paper.id}#{e.source}", f"{paper.id}#{e.target}") for e in g.edges]
        for u in g.undercuts:  # a conflict aimed at the S-node of the inference it attacks
            source, _, target = u.inference.partition(">")
            undercuts.append(("CA", f"{paper.id}#{u.source}",
                              s_node_id(kinds[u.inference], f"{paper.id}#{source}", f"{paper.id}#{target}")))
    joins += [(LINK_TYPES[link.relation], link.a, link.b) for link in links_between(corpus, papers)]
    joins += undercuts
    edges: list[dict[str, str]] = []
    for kind, source, target in joins:
        s_id = s_node_id(kind, source, target)
        nodes.append({"nodeID": s_id, "text": S_NODES[kind], "type": kind})
        for a, b in ((source, s_id), (s_id, target)):
            edges.append({"edgeID": str(len(edges) + 1), "fromID": a, "toID": b})
    return {"nodes": nodes, "edges": edges, "locutions": []}


def render(corpus: Corpus, papers: list[Paper]) -> str:
    return json.dumps(graph(corpus, papers), indent=2, ensure_ascii=False) + "\n"
