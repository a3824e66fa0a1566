"""Semantics over a paper's argument graph: DF-QuAD when it is acyclic, grounded otherwise.

DF-QuAD (Rago, Toni, Aurisicchio, Baroni, KR 2016): each argument has a base
score; supporters and attackers are aggregated with the probabilistic sum
F(v1..vn) = 1 - prod(1 - vi) (0 for none), and the strength is
    base - base * (va - vs)        if va >= vs
    base + (1 - base) * (vs - va)  otherwise,
where va, vs are the aggregated attacker and supporter strengths. It is one
pass in topological order over every edge of the graph (tree edges, `supports`
and `attacks` by id, every root). An undercut weakens the edge it names: the
edge contributes its source's strength times (1 - F(undercutters)), so an
undercutter of strength 1 cancels the edge and none leaves it as it was (a
tree-only map scores exactly as a tree). DF-QuAD is only defined on acyclic
graphs; an undercutter counts as a predecessor of the edge's target.

With a cycle, `strength` falls back to the grounded extension (Dung 1995) of
the attack relation among claims: counterpoints and `attacks` edges, plus each
undercut of `premise>conclusion` taken as an attack on the premise (the
edge's source; the common claim-level simplification). Supports do not enter
it. It is the least fixpoint of the characteristic function, computed in
O(claims + attacks) by counting each claim's attackers not yet out.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Iterable, Literal

from .graph import Edge, Undercut, graph, node_edges
from .model import Claim, Paper, walk

DEFAULT_BASE = 0.5

Label = Literal["in", "out", "undecided"]
SemanticsName = Literal["df-quad", "grounded"]


def aggregate(values: list[float]) -> float:
    """Probabilistic sum: 1 - prod(1 - v), 0 for no values."""
    out = 1.0
    for v in values:
        out *= 1.0 - v
    return 1.0 - out


def combine(base: float, attack: float, support: float) -> float:
    if attack >= support:
        return base - base * (attack - support)
    return base + (1.0 - base) * (support - attack)


def dfquad_graph(claims: dict[str, Claim], edges: list[Edge], undercuts: Iterable[Undercut] = ()) -> dict[str, float] | None:
    """Strength of every claim by id, or None when the edges (and undercuts) form a cycle."""
    into: dict[str, list[Edge]] = defaultdict(list)  # target -> its incoming edges, in written order
    cutters: dict[tuple[str, str], list[str]] = defaultdict(list)  # (source, target) -> undercutters
    after: dict[str, list[str]] = defaultdict(list)  # claim -> claims whose score needs it
    for e in edges:
        into[e.target].append(e)
        after[e.source].append(e.target)
    for u in undercuts:
        source, _, target = u.inference.partition(">")
        cutters[source, target].append(u.source)
        after[u.source].append(target)
    waiting = {cid: 0 for cid in claims}
    for targets in after.values():
        for t in targets:
            waiting[t] += 1
    ready = deque(cid for cid, n in waiting.items() if n == 0)
    scores: dict[str, float] = {}
    while ready:  # Kahn's topological order: each claim once its predecessors are scored
        cid = ready.popleft()
        claim = claims[cid]
        base = DEFAULT_BASE if claim.weight is None else claim.weight
        value: dict[str, list[float]] = {"support": [], "attack": []}
        for e in into[cid]:
            value[e.kind].append(scores[e.source] * (1.0 - aggregate([scores[c] for c in cutters[e.source, cid]])))
        scores[cid] = combine(base, aggregate(value["attack"]), aggregate(value["support"]))
        for t in after[cid]:
            waiting[t] -= 1
            if waiting[t] == 0:
                ready.append(t)
    return scores if len(scores) == len(claims) else None


def dfquad(root: Claim) -> dict[str, float]:
    """Strength of every claim in the tree under `root`, by claim id."""
    nodes = list(walk(root))
    scores = dfquad_graph({n.claim.id: n.claim for n in nodes}, list(node_edges(nodes)))
    assert scores is not None  # a tree has no cycle
    return scores


def grounded(claims: Iterable[str], attacks: Iterable[tuple[str, str]]) -> dict[str, Label]:
    """The grounded labelling of the attack graph (attacker, attacked): in, out or undecided."""
    label: dict[str, Label] = {c: "undecided" for c in claims}
    targets: dict[str, list[str]] = defaultdict(list)
    alive = dict.fromkeys(label, 0)  # attackers not yet out
    for a, b in attacks:
        targets[a].append(b)
        alive[b] += 1
    accepted = deque(c for c, n in alive.items() if n == 0)
    while accepted:  # an unattacked (or fully defended) claim is in; what it attacks is out
        a = accepted.popleft()
        label[a] = "in"
        for b in targets[a]:
            if label[b] != "undecided":
                continue
            label[b] = "out"
            for c in targets[b]:
                alive[c] -= 1
                if alive[c] == 0 and label[c] == "undecided":
                    accepted.append(c)
    return label


def attack_relation(edges: Iterable[Edge], undercuts: Iterable[Undercut]) -> list[tuple[str, str]]:
    """Who attacks whom among claims: attack edges, and an undercut as an attack on the edge's source."""
    out = [(e.source, e.target) for e in edges if e.kind == "attack"]
    return out + [(u.source, u.inference.partition(">")[0]) for u in undercuts]


@dataclass(frozen=True, slots=True)
class Strength:
    semantics: SemanticsName
    scores: dict[str, float]  # df-quad: every claim's strength
    labels: dict[str, Label]  # grounded: every claim's label


def strength(paper: Paper) -> Strength:
    """DF-QuAD over the paper's graph when it is acyclic, else its grounded labelling."""
    g = graph(paper)
    scores = dfquad_graph(g.claims, g.edges, g.undercuts)
    if scores is not None:
        return Strength("df-quad", scores, {})
    return Strength("grounded", {}, grounded(g.claims, attack_relation(g.edges, g.undercuts)))
