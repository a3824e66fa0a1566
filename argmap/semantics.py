"""Gradual argumentation semantics over a paper's tree.

DF-QuAD (Rago, Toni, Aurisicchio, Baroni, KR 2016): each argument has a base
score; supporters and attackers are aggregated with the probabilistic sum
F(v1..vn) = 1 - prod(1 - vi) (0 for none), and the strength is
    base - base * (va - vs)        if va >= vs
    base + (1 - base) * (vs - va)  otherwise,
where va, vs are the aggregated attacker and supporter strengths. In a tree
this is one bottom-up pass.
"""

from __future__ import annotations

from .model import Claim

DEFAULT_BASE = 0.5


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


def dfquad(root: Claim) -> dict[str, float]:
    """Strength of every claim in the tree under `root`, by claim id."""
    scores: dict[str, float] = {}
    order: list[Claim] = []
    stack = [root]
    while stack:  # iterative: deep trees must not hit the recursion limit
        claim = stack.pop()
        order.append(claim)
        stack.extend(claim.premises)
        stack.extend(claim.counterpoints)
    for claim in reversed(order):  # children before parents
        base = DEFAULT_BASE if claim.weight is None else claim.weight
        support = aggregate([scores[c.id] for c in claim.premises])
        attack = aggregate([scores[c.id] for c in claim.counterpoints])
        scores[claim.id] = combine(base, attack, support)
    return scores
