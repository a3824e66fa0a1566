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
  said, verbatim: the first one becomes the claim's quote. Its speaker
  (from `participants`, or the `Name : text` form of the L-node) holds the
  view, so the claim is one the map reports (`reported_by`), said by them
  (its locator). TA, PA and other dialogue nodes carry no claim.
- `"argmap": {"roots": [...]}`, as argmap writes a graph, names the roots
  (the thesis first); otherwise they are found as for every format.
- I-node ids written as `paper#claim` give their claim ids; otherwise ids
  are t, p1, c1, r1.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from ..errors import InputError, Problem
from ..limits import limits_from_env
from ..model import PAPER_REF
from . import Edge, Undercut, Vertex, build_graph, paper_data

SUFFIXES = (".json", ".aif")
KINDS = {"RA": "support", "CA": "attack"}
_CLAIM_REF = re.compile(PAPER_REF)  # an I-node argmap wrote keeps its claim id: paper#claim
_MAX_PROBLEMS = 100
_ID_VALUE = re.compile(r'"(?:nodeID|fromID|toID)"\s*:\s*("[^"\\]*(?:\\.[^"\\]*)*"|-?\d+)')
_SPEAKER = re.compile(r"\s*([^:\n]{1,80}?)\s+:\s+(.+)", re.S)  # AIFdb L-node text: "Speaker : words"


class _Places:
    """Line and column where a value first appears in the text as a JSON scalar, for messages.

    Node and edge ids are indexed in one pass; anything else (a malformed node) is searched
    for, at most _SEARCHES times, so a file of a million bad nodes is not read a million times.
    """

    _SEARCHES = 50

    def __init__(self, text: str):
        self.text = text
        self.first: dict[str, int] = {}
        for m in _ID_VALUE.finditer(text):
            self.first.setdefault(m.group(1), m.start(1))
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.searches = 0

    def __call__(self, value: Any) -> tuple[int | None, int | None]:
        tokens = dict.fromkeys((json.dumps(value), json.dumps(value, ensure_ascii=False), str(value)))
        at = next((self.first[t] for t in tokens if t in self.first), -1)
        if at < 0 and self.searches < self._SEARCHES:
            self.searches += 1
            at = next((found for t in tokens if (found := self.text.find(t)) >= 0), -1)
        if at < 0:
            return None, None
        line = bisect.bisect_left(self.newlines, at)  # newlines before `at`
        return line + 1, at - (self.newlines[line - 1] if line else -1)


def _document(text: str, file: str) -> dict[str, Any]:
    from ..jsonsafe import loads

    doc, problems = loads(text, file, limits_from_env(), hint="AIF-JSON is one object with 'nodes' and 'edges' lists")
    if problems:
        raise InputError(problems)
    if isinstance(doc, dict):
        inner = doc.get("AIF", doc.get("aif"))  # xAIF
        if isinstance(inner, dict) and "nodes" not in doc:
            doc = inner
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list) or not isinstance(doc.get("edges"), list):
        raise InputError([Problem(file, 1, 1, "expected an object with 'nodes' and 'edges' lists",
                                  "is this AIF-JSON (a nodeset, or xAIF with an 'AIF' key)?")])
    return doc


def _read(text: str, file: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]], list[tuple[str, str]], _Places]:
    """The document, its nodes by id, its edges and where things are; InputError for anything malformed
    or dangling."""
    doc = _document(text, file)
    where = _Places(text)
    problems: list[Problem] = []

    def report(anchor: Any, message: str, hint: str) -> None:
        problems.append(Problem(file, *where(anchor), message, hint))
        if len(problems) == _MAX_PROBLEMS:  # a file of a million bad nodes needs a few shown, not a million
            problems.append(Problem(file, None, None, f"stopped after {_MAX_PROBLEMS} problems",
                                    "fix these, and import again to see the rest"))
            raise InputError(problems)

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
    return doc, nodes, edges, where


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


def graph(text: str, file: str, warnings: list[Problem] | None = None
          ) -> tuple[dict[str, Vertex], list[Edge], list[Undercut], list[str]]:
    """Claims (I-nodes, rephrases joined), support/attack edges between them, undercuts, and the roots
    the file declares (argmap's `"argmap": {"roots": [...]}`, the thesis first). An S-node joining no
    claim to a claim (fed by a locution, say: a slip real nodesets have) is skipped, noted in `warnings`;
    so is a link argmap cannot keep (a CA-node aimed at a skipped S-node or at an undercut, an RA-node
    aimed at an S-node), the rest of the node kept."""
    doc, nodes, links, where = _read(text, file)
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    for a, b in links:
        after.setdefault(a, []).append(b)
        before.setdefault(b, []).append(a)

    def typed(ids: list[str], *types: str) -> list[str]:
        return [i for i in ids if nodes[i]["type"] in types]

    groups = _Groups()
    for node_id, node in nodes.items():
        if node["type"] == "MA":  # every claim before it is one with every claim after it
            earlier = typed(before.get(node_id, []), "I")
            later = typed(after.get(node_id, []), "I")
            for other in earlier[1:] + later if earlier and later else ():
                groups.join(earlier[0], other)

    speakers = _speakers(doc)
    vertices: dict[str, Vertex] = {}
    for node_id, node in nodes.items():
        if node["type"] == "I" and groups.find(node_id) == node_id:
            claim_id = node_id.partition("#")[2] if _CLAIM_REF.fullmatch(node_id) else None
            vertices[node_id] = Vertex(node["text"], claim_id, label=node_id,
                                       line=where(node["nodeID"])[0])
    heard: set[str] = set()  # YA-nodes whose claims have their quote and speaker: a later locution gives none
    for node_id, node in nodes.items():  # L -> YA -> I: what was said gives the quote and the speaker
        if node["type"] != "L" or not isinstance(node.get("text"), str):
            continue
        said, speaker = node["text"].strip(), speakers.get(node_id)
        if speaker and said.startswith(speaker) and said[len(speaker):].lstrip().startswith(":"):
            said = said[len(speaker):].lstrip()[1:].strip()  # OVA: "Speaker: words"
        elif not speaker and (m := _SPEAKER.fullmatch(said)):
            speaker, said = m.group(1), m.group(2).strip()
        for ya in typed(after.get(node_id, []), "YA") if said or speaker else ():
            if ya in heard:
                continue
            heard.add(ya)
            for i in typed(after.get(ya, []), "I"):
                v = vertices[groups.find(i)]
                if speaker and "reported_by" not in v.data:  # said by someone: a view the map reports
                    v.data["reported_by"] = speaker
                    v.data.setdefault("locator", f"said by {speaker}")
                if said and "quote" not in v.data:
                    v.data["quote"] = said
                    v.data.setdefault("locator", f"locution {node_id}")

    ends: dict[str, tuple[list[str], list[str]]] = {}

    def claims_of(s_node: str) -> tuple[list[str], list[str]]:
        """The claims an RA- or CA-node leads from and to, in the file's order."""
        if s_node not in ends:
            ends[s_node] = (list(dict.fromkeys(groups.find(p) for p in typed(before.get(s_node, []), "I"))),
                            list(dict.fromkeys(groups.find(t) for t in typed(after.get(s_node, []), "I"))))
        return ends[s_node]

    def pairs(s_node: str) -> list[tuple[str, str]]:
        sources, targets = claims_of(s_node)
        return [(s, t) for s in sources for t in targets]

    def why_lost(kind: str, lost: str) -> str:
        """Why a `kind` S-node aimed at the S-node `lost` makes nothing of it."""
        if kind != "CA":
            return "and argmap has no support for an inference or attack"
        sources, targets = claims_of(lost)
        if not sources or not (targets or typed(after.get(lost, []), *KINDS)):
            return "which joins no claim to a claim and is skipped"
        return "which attacks an inference or attack itself, and argmap has no attack on an undercut"

    # Each edge and undercut is a node of the map written: count them before making them, so an
    # S-node joining thousands of claims to thousands is refused, not built.
    room = max_nodes = limits_from_env().max_nodes
    edges: list[Edge] = []
    undercuts: list[Undercut] = []
    for node_id, node in nodes.items():
        kind = KINDS.get(node["type"])
        if kind is None:
            continue
        sources, targets = claims_of(node_id)
        aimed = typed(after.get(node_id, []), *KINDS)  # a conflict on an inference or on an attack
        if not sources or not (targets or aimed):
            if warnings is not None:
                warnings.append(Problem(file, *where(node["nodeID"]), f"{node['type']}-node '{node_id}' joins "
                                        "no claim to a claim: skipped", "it needs an I-node pointing to it and "
                                        "one (or an RA- or CA-node) it points to; the rest is imported"))
            continue
        whos = sources if node["type"] == "CA" else []
        for lost in [a for a in aimed if not whos or not pairs(a)]:
            if warnings is not None:
                warnings.append(Problem(file, *where(node["nodeID"]), f"{node['type']}-node '{node_id}' points at "
                                        f"{nodes[lost]['type']}-node '{lost}', {why_lost(node['type'], lost)}: "
                                        "that link is skipped", "point it at a claim, or at an RA- or CA-node joining "
                                        "claims; the rest is imported"))
        made = len(sources) * len(targets) + len(whos) * sum(len(a) * len(b) for a, b in map(claims_of, aimed))
        room -= made
        if room < 0:
            raise InputError([Problem(file, *where(node["nodeID"]), f"{node['type']}-node '{node_id}' makes {made} "
                                      f"edges, and the map would have more than {max_nodes}",
                                      "split the node, or raise ARGMAP_MAX_NODES")])
        found = pairs(node_id)
        edges += [(s, t, kind) for s, t in found]
        for who in whos:
            undercuts += [(who, s, t) for s_node in aimed for s, t in pairs(s_node)]
    declared = (doc.get("argmap") or {}).get("roots") if isinstance(doc.get("argmap"), dict) else None
    roots = [groups.find(str(r)) for r in declared or [] if str(r) in nodes and nodes[str(r)]["type"] == "I"]
    return vertices, list(dict.fromkeys(edges)), undercuts, roots  # two S-nodes saying the same thing make one edge


def parse(text: str, paper_id: str, *, file: str = "<input>", title: str | None = None,
          authors: list[str] | None = None, year: int | None = None,
          warnings: list[Problem] | None = None) -> dict[str, Any]:
    """Map data (the YAML shape) for the AIF-JSON document `text`; InputError if it cannot be read. An
    RA- or CA-node joining no claim to a claim is skipped, with a warning at its position."""
    vertices, edges, undercuts, roots = graph(text, file, warnings)
    trees, _ = build_graph(vertices, edges, file, undercuts, roots)
    return paper_data(trees, paper_id, "aif", {}, title=title, authors=authors, year=year)
