"""A paper as a graph: the edges of its trees plus those its claims add by id.

A map is written as trees (the thesis's and those of `roots`); a claim's
`supports` and `attacks` add edges to other claims of the same paper, and its
`undercuts` attack an edge itself (the inference from premise to
conclusion, or the force of an attack), named `premise>conclusion`.
`problems` is the load-time check of those references.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Literal

from .errors import did_you_mean
from .model import Claim, Node, Paper

Kind = Literal["support", "attack"]
Verb = Literal["supports", "attacks"]
EXTRA: dict[Verb, Kind] = {"supports": "support", "attacks": "attack"}  # claim field -> edge kind
EXTRA_VERB: dict[Kind, Verb] = {kind: key for key, kind in EXTRA.items()}


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: Kind
    in_tree: bool  # written as a premise or counterpoint, rather than by id

    @property
    def name(self) -> str:
        """How an undercut names it: `source>target`."""
        return f"{self.source}>{self.target}"


@dataclass(frozen=True, slots=True)
class Undercut:
    source: str  # the undercutting claim
    inference: str  # the edge it attacks, `premise>conclusion`


@dataclass(frozen=True, slots=True)
class Graph:
    claims: dict[str, Claim]
    edges: list[Edge]
    undercuts: list[Undercut]

    def extra_edges(self) -> list[Edge]:
        return [e for e in self.edges if not e.in_tree]


def tree_edges(paper: Paper) -> Iterator[Edge]:
    return node_edges(paper.claims())


def node_edges(nodes: Iterable[Node]) -> Iterator[Edge]:
    """The edges from each claim to its tree parent, in walk order."""
    for n in nodes:
        if n.parent is not None:
            yield Edge(n.claim.id, n.parent, "support" if n.role == "premise" else "attack", True)


def extra_edges(claim: Claim) -> Iterator[Edge]:
    for key, kind in EXTRA.items():
        for ref in getattr(claim, key):
            yield Edge(claim.id, ref, kind, False)


def is_tree(paper: Paper) -> bool:
    """One root and no edge by id: an importer lays it out as written without being told its roots."""
    return not paper.roots and not any(n.claim.supports or n.claim.attacks for n in paper.claims())


def graph(paper: Paper) -> Graph:
    """Every claim, edge and undercut of the paper (references unchecked: see `problems`)."""
    claims = {n.claim.id: n.claim for n in paper.claims()}
    edges = list(tree_edges(paper))
    edges += [e for c in claims.values() for e in extra_edges(c)]
    undercuts = [Undercut(c.id, ref) for c in claims.values() for ref in c.undercuts]
    return Graph(claims, edges, undercuts)


Problem = tuple[str, tuple[object, ...], str, str]  # claim id, key path below the claim, message, hint


def problems(paper: Paper) -> list[Problem]:
    """What is wrong with the claims' `supports`, `attacks` and `undercuts` references."""
    ids = {n.claim.id for n in paper.claims()}
    tree = {(e.source, e.target): e.kind for e in tree_edges(paper)}
    named = {f"{s}>{t}" for s, t in tree}
    out: list[Problem] = []
    for n in paper.claims():
        claim = n.claim
        seen: dict[str, str] = {}  # target -> the field that names it
        for key, kind in EXTRA.items():
            for i, target in enumerate(getattr(claim, key)):
                where = (key, i)
                if target not in ids:
                    out.append((claim.id, where, f"unknown claim '{target}' in {paper.id}", did_you_mean(target, list(ids))))
                elif target == claim.id:
                    out.append((claim.id, where, f"claim '{claim.id}' {key} itself", "point it at another claim"))
                elif (claim.id, target) in tree:
                    out.append((claim.id, where, f"'{claim.id}' already {EXTRA_VERB[tree[claim.id, target]]} "
                                f"'{target}' in the tree", f"drop '{target}' from {key}"))
                elif target in seen:
                    out.append((claim.id, where, f"'{claim.id}' names '{target}' twice (in {seen[target]} and {key})",
                                "keep one"))
                else:
                    seen[target] = key
                    named.add(f"{claim.id}>{target}")
    for n in paper.claims():
        for i, ref in enumerate(n.claim.undercuts):
            if ref not in named:
                out.append((n.claim.id, ("undercuts", i), f"'{ref}' is no support or attack of {paper.id}",
                            "name an edge of the paper as premise>conclusion: "
                            + did_you_mean(ref, sorted(named))))
    return out

