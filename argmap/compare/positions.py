"""How values on one axis relate: the vocabulary every comparison shares.

On an ordered axis a value has a *side*: below the middle of the scale,
at it, or above it (alignment -2/-1 vs 0 vs 1/2; soft vs mixed vs hard).
Two values pull *opposite* ways when their sides differ in sign; on an
unordered axis any two different values are opposite. Agreement between
two positions is 1 - distance / span on ordered axes, 1 or 0 otherwise.
"""

from __future__ import annotations

from typing import Any

from ..errors import UsageError, did_you_mean
from ..model import Axis, Corpus, Paper, Position
from ..outputs import AxisData, Relatedness, Status


def stated(paper: Paper, address: str) -> Position | None:
    """The paper's position on an address, or None when absent or `unstated`."""
    position = paper.positions.get(address)
    return position if position is not None and position.stated else None


def side(axis: Axis, value: Any) -> int:
    """-1, 0 or +1: which half of an ordered scale a value lies in (0 if unordered)."""
    rank = axis.rank(value)
    if rank is None:
        return 0
    twice_mid = len(axis.values) - 1
    return (2 * rank > twice_mid) - (2 * rank < twice_mid)


def opposite(axis: Axis, a: Any, b: Any) -> bool:
    """Do two values pull opposite ways on this axis?"""
    if not axis.ordered:
        return a != b
    return side(axis, a) * side(axis, b) < 0


def same_way(axis: Axis, a: Any, b: Any) -> bool:
    """Do two values pull the same way (equal, or on the same side of the middle)?"""
    return a == b or (axis.ordered and side(axis, a) * side(axis, b) > 0)


def distance(axis: Axis, a: Any, b: Any) -> int | None:
    """Steps between two values on an ordered axis; None on an unordered one."""
    ra, rb = axis.rank(a), axis.rank(b)
    return abs(ra - rb) if ra is not None and rb is not None else None


def agreement(axis: Axis, a: Any, b: Any) -> float:
    """1.0 for the same value, falling linearly to 0.0 at opposite ends of the scale."""
    d = distance(axis, a, b)
    if d is None:
        return float(a == b)
    return 1.0 - d / max(1, len(axis.values) - 1)


def relate(axis: Axis, a: Position | None, b: Position | None) -> Relatedness:
    """Status and distance of two (possibly silent) positions on one axis."""
    if a is None or b is None:
        status: Status = "silent" if a is None and b is None else ("only_a" if b is None else "only_b")
        return {"status": status, "distance": None, "agreement": None}
    return {
        "status": "converge" if a.value == b.value else "diverge",
        "distance": distance(axis, a.value, b.value),
        "agreement": round(agreement(axis, a.value, b.value), 3),
    }


def resolve_axis(corpus: Corpus, name: str) -> Axis:
    """An axis by id, with the valid ids listed when it does not exist."""
    axis_id = name.strip().lower().partition(".")[0]
    if axis_id in corpus.axes:
        return corpus.axes[axis_id]
    raise UsageError(f"no axis '{name}'; {did_you_mean(axis_id, list(corpus.axes))} "
                     f"(axes: {', '.join(corpus.axes)})")


def axis_data(axis: Axis) -> AxisData:
    return {"id": axis.id, "title": axis.title, "question": axis.question, "ordered": axis.ordered,
            "numeric": axis.numeric, "subjects": axis.subjects,
            "values": [{"value": v.value, "label": v.label} for v in axis.values]}
