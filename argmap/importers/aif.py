"""AIF-JSON (as AIFdb, OVA and `argmap export --to aif` write it) to map data.

`{"nodes": [{"nodeID", "type", "text"}], "edges": [{"fromID", "toID"}], ...}`:
I-nodes become claims. An RA-node makes every I-node pointing to it a
premise of each I-node it points to; a CA-node does the same for attacks.
A conflict aimed at an S-node (an undercut) attacks that node's conclusion.
MA, PA and dialogue nodes (L, YA, TA) are skipped. I-node ids written as
`paper#claim` give their claim ids; otherwise ids are t, p1, c1, r1.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import InputError, Problem
from . import Edge, Vertex, build_tree, paper_data

SUFFIXES = (".json", ".aif")
KINDS = {"RA": "support", "CA": "attack"}
_CLAIM_REF = re.compile(r"[a-z0-9][a-z0-9_-]*#([a-z0-9][a-z0-9_-]*)")


def _where(text: str, value: Any) -> tuple[int | None, int | None]:
    """Line and column of the first place `value` appears as a JSON scalar (for messages)."""
    for token in (json.dumps(value), json.dumps(value, ensure_ascii=False), str(value)):
        at = text.find(token)
        if at >= 0:
            return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    return None, None


def _read(text: str, file: str) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str]]]:
    """The nodes by id and the edges; InputError for anything malformed or dangling."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError([Problem(file, e.lineno, e.colno, f"not valid JSON: {e.msg}",
                                  "AIF-JSON is one object with 'nodes' and 'edges' lists")]) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list) or not isinstance(doc.get("edges"), list):
        raise InputError([Problem(file, 1, 1, "expected an object with 'nodes' and 'edges' lists",
                                  "is this AIF-JSON?")])
    problems: list[Problem] = []

    def report(anchor: Any, message: str, hint: str) -> None:
        problems.append(Problem(file, *_where(text, anchor), message, hint))

    nodes: dict[str, dict[str, Any]] = {}
    for i, node in enumerate(doc["nodes"]):
        if not isinstance(node, dict) or "nodeID" not in node or not isinstance(node.get("type"), str):
            report(node.get("nodeID") if isinstance(node, dict) else node, f"nodes[{i}] needs a 'nodeID' and a 'type'",
                   "write it as {\"nodeID\": ..., \"type\": \"I\", \"text\": ...}")
            continue
        node_id = str(node["nodeID"])
        if node_id in nodes:
            report(node["nodeID"], f"node id '{node_id}' is used twice", "give every node its own id")
        elif node["type"] == "I" and not (isinstance(node.get("text"), str) and node["text"].strip()):
            report(node["nodeID"], f"I-node '{node_id}' has no text", "write the claim in 'text'")
        nodes[node_id] = node
    edges = []
    for i, edge in enumerate(doc["edges"]):
        ends = [str(edge[k]) if isinstance(edge, dict) and k in edge else None for k in ("fromID", "toID")]
        if None in ends:
            report(edge, f"edges[{i}] needs a 'fromID' and a 'toID'", "write it as {\"fromID\": ..., \"toID\": ...}")
            continue
        for key, end in zip(("fromID", "toID"), ends):
            if end not in nodes:
                report(edge[key], f"edges[{i}]: {key} '{end}' is not a node", "point it at a nodeID of 'nodes'")
        edges.append((ends[0], ends[1]))
    if problems:
        raise InputError(problems)
    return nodes, edges


def graph(text: str, file: str) -> tuple[dict[str, Vertex], list[Edge]]:
    """Claims (I-nodes) and support/attack edges between them."""
    nodes, links = _read(text, file)
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    for a, b in links:
        after.setdefault(a, []).append(b)
        before.setdefault(b, []).append(a)

    def is_i(node_id: str) -> bool:
        return nodes[node_id]["type"] == "I"

    def conclusions(s_node: str) -> list[str]:
        direct = [t for t in after.get(s_node, []) if is_i(t)]
        undercut = [c for t in after.get(s_node, []) if nodes[t]["type"] in KINDS for c in after.get(t, []) if is_i(c)]
        return direct + undercut

    vertices = {}
    for node_id, node in nodes.items():
        if is_i(node_id):
            m = _CLAIM_REF.fullmatch(node_id)
            vertices[node_id] = Vertex(node["text"], m.group(1) if m else None, label=node_id,
                                       line=_where(text, node["nodeID"])[0])
    edges: list[Edge] = []
    problems = []
    for node_id, node in nodes.items():
        kind = KINDS.get(node["type"])
        if kind is None:
            continue
        sources, targets = [p for p in before.get(node_id, []) if is_i(p)], conclusions(node_id)
        if not sources or not targets:
            problems.append(Problem(file, *_where(text, node["nodeID"]), f"{node['type']}-node '{node_id}' "
                                    "needs an I-node pointing to it and one it points to", "add the missing edge"))
        edges += [(s, t, kind) for s in sources for t in targets]
    if problems:
        raise InputError(problems)
    return vertices, list(dict.fromkeys(edges))  # two S-nodes saying the same thing make one edge


def parse(text: str, paper_id: str, *, file: str = "<input>", title: str | None = None,
          authors: list[str] | None = None, year: int | None = None) -> dict[str, Any]:
    """Map data (the YAML shape) for the AIF-JSON document `text`; InputError if it cannot be read."""
    vertices, edges = graph(text, file)
    root, _ = build_tree(vertices, edges, file)
    return paper_data(root, paper_id, "aif", {}, title=title, authors=authors, year=year)
