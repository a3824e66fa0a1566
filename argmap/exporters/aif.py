"""AIF-JSON (the Argument Interchange Format as AIFdb and OVA write it).

Claims are I-nodes; each premise is joined to the claim it supports through
an RA-node (inference), each counterpoint to the claim it attacks through a
CA-node (conflict), and so are the edges claims add by id (`supports`,
`attacks`); an undercut is a CA-node aimed at the S-node of the inference. Between papers, agrees and refines are RA-nodes,
contradicts CA-nodes and same MA-nodes (rephrase). A view the paper only
reports (`reported_by`) is said by its holder: a participant, and a
locution (an L-node holding the claim's verbatim quote, empty when it has
none, since a locution is verbatim) asserting the claim through a YA-node.
The paper's own claims have no locution: a map records no dialogue. When a
paper is not a plain tree, `"argmap": {"roots": [...]}` names its roots (the
thesis first), so an import keeps them.

Node ids are stable and readable: an I-node is `paper#claim`, an S-node
`ra:`/`ca:`/`ma:` + `from>to` (the two claim refs it joins), a locution
`l:`/`ya:` + `paper#claim`, so an import can rebuild the claim ids. Edge ids number the edges in order.
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
    from ..graph import graph as paper_graph, is_tree

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
    people: dict[str, int] = {}  # who holds a reported view -> participant id
    locutions: list[dict[str, Any]] = []
    for paper in papers:  # a reported view: its holder says it, L -> YA -> I
        for n in paper.claims():
            holder = (n.claim.reported_by or "").strip()
            if not holder:
                continue
            claim = f"{paper.id}#{n.claim.id}"
            said, illocution = f"l:{claim}", f"ya:{claim}"
            nodes += [{"nodeID": said, "text": (n.claim.quote or "").strip(), "type": "L"},
                      {"nodeID": illocution, "text": "Asserting", "type": "YA"}]
            for a, b in ((said, illocution), (illocution, claim)):
                edges.append({"edgeID": str(len(edges) + 1), "fromID": a, "toID": b})
            locutions.append({"nodeID": said, "personID": people.setdefault(holder, len(people) + 1)})
    doc: dict[str, Any] = {"nodes": nodes, "edges": edges, "locutions": locutions}
    if people:
        doc["participants"] = [{"participantID": i, "firstname": name, "surname": ""} for name, i in people.items()]
    if not all(is_tree(p) for p in papers):  # which I-nodes are the roots, the thesis first: the import keeps them
        doc["argmap"] = {"roots": [f"{p.id}#{r.id}" for p in papers for r in (p.thesis, *p.roots)]}
    return doc


def render(corpus: Corpus, papers: list[Paper]) -> str:
    return json.dumps(graph(corpus, papers), indent=2, ensure_ascii=False) + "\n"
