"""AIF-JSON (AIFdb and OVA nodesets, xAIF, `argmap export --to aif`) to map data.

A plain nodeset is `{"nodes": [...], "edges": [...], "locutions": [...],
"participants": [...]}`; xAIF wraps the same in `{"AIF": {...}}`.

- I-nodes become claims. Their text is propositional content, reworded by
  the analyst: it is the claim's text, never its quote.
- An RA-node makes every I-node pointing to it a premise of each I-node it
  points to; a CA-node the same for attacks. One pass over the edges, so an
  S-node with hundreds of premises costs what its edges cost.
- A CA-node aimed at an RA- or CA-node undercuts that inference or attack:
  it attacks the edge, not its conclusion (attacking an attack helps its
  target, so folding it into an attack on the target would flip its sign).
- MA-nodes (default rephrase) join two I-nodes into one claim.
- Locutions (L-nodes, joined to I-nodes by YA illocutions) are what was
  said, verbatim: the first one becomes the claim's quote, and its speaker
  (from `participants`, or the `Name : text` form of the L-node) its
  locator. TA, PA and other dialogue nodes carry no claim.
- I-node ids written as `paper#claim` give their claim ids; otherwise ids
  are t, p1, c1, r1.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import InputError, Problem
from . import Edge, Undercut, Vertex, build_graph, paper_data

SUFFIXES = (".json", ".aif")
KINDS = {"RA": "support", "CA": "attack"}
_CLAIM_REF = re.compile(r"[a-z0-9][a-z0-9_-]*#([a-z0-9][a-z0-9_-]*)")
_SPEAKER = re.compile(r"\s*([^:\n]{1,80}?)\s+:\s+(.+)", re.S)  # AIFdb L-node text: "Speaker : words"


def _where(text: str, value: Any) -> tuple[int | None, int | None]:
    """Line and column of the first place `value` appears as a JSON scalar (for messages)."""
    for token in (json.dumps(value), json.dumps(value, ensure_ascii=False), str(value)):
        at = text.find(token)
        if at >= 0:
            return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    return None, None


def _document(text: str, file: str) -> dict[str, Any]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError([Problem(file, e.lineno, e.colno, f"not valid JSON: {e.msg}",
                                  "AIF-JSON is one object with 'nodes' and 'edges' lists")]) from None
    if isinstance(doc, dict):
        inner = doc.get("AIF", doc.get("aif"))  # xAIF
        if isinstance(inner, dict) and "nodes" not in doc:
            doc = inner
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list) or not isinstance(doc.get("edges"), list):
        raise InputError([Problem(file, 1, 1, "expected an object with 'nodes' and 'edges' lists",
                                  "is this AIF-JSON (a nodeset, or xAIF with an 'AIF' key)?")])
    return doc


def _read(text: str, file: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]], list[tuple[str, str]]]:
    """The document, its nodes by id and its edges; InputError for anything malformed or dangling."""
    doc = _document(text, file)
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
        if not (isinstance(edge, dict) and "fromID" in edge and "toID" in edge):
            report(edge, f"edges[{i}] needs a 'fromID' and a 'toID'", "write it as {\"fromID\": ..., \"toID\": ...}")
            continue
        ends = [str(edge["fromID"]), str(edge["toID"])]
        for key, end in zip(("fromID", "toID"), ends):
            if end not in nodes:
                report(edge[key], f"edges[{i}]: {key} '{end}' is not a node", "point it at a nodeID of 'nodes'")
        edges.append((ends[0], ends[1]))
    if problems:
        raise InputError(problems)
    return doc, nodes, edges


class _Groups:
    """Union-find over I-node ids: MA (rephrase) joins two nodes into one claim."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:  # path compression keeps later finds short
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra  # the first-named node stays the claim


def _speakers(doc: dict[str, Any]) -> dict[str, str]:
    """L-node id -> speaker name, from `locutions` and `participants`."""
    people = {}
    for p in doc.get("participants") or []:
        if isinstance(p, dict) and "participantID" in p:
            name = " ".join(str(p.get(k) or "").strip() for k in ("firstname", "surname")).strip()
            if name:
                people[str(p["participantID"])] = name
    out = {}
    for loc in doc.get("locutions") or []:
        if isinstance(loc, dict) and str(loc.get("personID")) in people and "nodeID" in loc:
            out[str(loc["nodeID"])] = people[str(loc["personID"])]
    return out


def graph(text: str, file: str) -> tuple[dict[str, Vertex], list[Edge], list[Undercut]]:
    """Claims (I-nodes, rephrases joined), support/attack edges between them, and undercuts."""
    doc, nodes, links = _read(text, file)
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    for a, b in links:
        after.setdefault(a, []).append(b)
        before.setdefault(b, []).append(a)

    def typed(ids: list[str], *types: str) -> list[str]:
        return [i for i in ids if nodes[i]["type"] in types]

    groups = _Groups()
    for node_id, node in nodes.items():
        if node["type"] == "MA":
            for a in typed(before.get(node_id, []), "I"):
                for b in typed(after.get(node_id, []), "I"):
                    groups.join(a, b)

    speakers = _speakers(doc)
    vertices: dict[str, Vertex] = {}
    for node_id, node in nodes.items():
        if node["type"] == "I" and groups.find(node_id) == node_id:
            m = _CLAIM_REF.fullmatch(node_id)
            vertices[node_id] = Vertex(node["text"], m.group(1) if m else None, label=node_id,
                                       line=_where(text, node["nodeID"])[0])
    for node_id, node in nodes.items():  # L -> YA -> I: what was said gives the quote and the speaker
        if node["type"] != "L" or not isinstance(node.get("text"), str):
            continue
        said, speaker = node["text"].strip(), speakers.get(node_id)
        if speaker and said.startswith(speaker) and said[len(speaker):].lstrip().startswith(":"):
            said = said[len(speaker):].lstrip()[1:].strip()  # OVA: "Speaker: words"
        elif m := _SPEAKER.fullmatch(said):
            speaker, said = speaker or m.group(1), m.group(2).strip()
        for ya in typed(after.get(node_id, []), "YA"):
            for i in typed(after.get(ya, []), "I"):
                v = vertices[groups.find(i)]
                if said and "quote" not in v.data:
                    v.data["quote"] = said
                    v.data["locator"] = f"said by {speaker}" if speaker else f"locution {node_id}"

    def pairs(s_node: str) -> list[tuple[str, str]]:
        """(from claim, to claim) of an RA- or CA-node, in the file's order."""
        sources = dict.fromkeys(groups.find(p) for p in typed(before.get(s_node, []), "I"))
        targets = dict.fromkeys(groups.find(t) for t in typed(after.get(s_node, []), "I"))
        return [(s, t) for s in sources for t in targets]

    edges: list[Edge] = []
    undercuts: list[Undercut] = []
    problems = []
    for node_id, node in nodes.items():
        kind = KINDS.get(node["type"])
        if kind is None:
            continue
        found = pairs(node_id)
        edges += [(s, t, kind) for s, t in found]
        aimed = typed(after.get(node_id, []), *KINDS)  # a conflict on an inference or on an attack
        if node["type"] == "CA":
            for who in dict.fromkeys(groups.find(p) for p in typed(before.get(node_id, []), "I")):
                undercuts += [(who, s, t) for s_node in aimed for s, t in pairs(s_node)]
        if not typed(before.get(node_id, []), "I") or not (found or aimed):
            problems.append(Problem(file, *_where(text, node["nodeID"]), f"{node['type']}-node '{node_id}' "
                                    "needs an I-node pointing to it and one it points to", "add the missing edge"))
    if problems:
        raise InputError(problems)
    return vertices, list(dict.fromkeys(edges)), undercuts  # two S-nodes saying the same thing make one edge


def parse(text: str, paper_id: str, *, file: str = "<input>", title: str | None = None,
          authors: list[str] | None = None, year: int | None = None) -> dict[str, Any]:
    """Map data (the YAML shape) for the AIF-JSON document `text`; InputError if it cannot be read."""
    vertices, edges, undercuts = graph(text, file)
    roots, _ = build_graph(vertices, edges, file, undercuts)
    return paper_data(roots, paper_id, "aif", {}, title=title, authors=authors, year=year)
