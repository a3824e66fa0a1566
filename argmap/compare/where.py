"""`argmap where EXPR...`: which papers hold a position.

An expression is `ADDRESS OP VALUE` with OP one of = != >= <= > <, e.g.
`balancing.russia=hard`, `alignment>=1`, `asymmetry=yes`. An axis with
subjects named without one (`balancing=hard`) matches any subject.
VALUE may instead be another subject of the same axis
(`balancing.russia>balancing.china`): the paper must state both, and its
value for the left compares so with its value for the right.
Order comparisons need an ordered axis. Several expressions are ANDed.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Any, Callable

from ..errors import UsageError, did_you_mean
from ..model import Axis, Corpus, Paper, Position
from ..outputs import WhereData, WhereMatch, WhereRow
from .axis import evidence_data
from .evidence import profile
from .positions import resolve_axis, stated

_EXPR = re.compile(r"^\s*([^\s=!<>]+)\s*(>=|<=|!=|=|>|<)\s*(\S.*?)\s*$")
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq, "!=": operator.ne, ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt,
}


@dataclass(frozen=True, slots=True)
class Condition:
    axis: Axis
    addresses: tuple[str, ...]  # one, or every subject's when none was named
    op: str
    value: int | str  # the value compared with, or the right-hand address (then `versus` is True)
    text: str
    versus: bool = False

    def holds(self, value: int | str, right: int | str) -> bool:
        """Whether `value` compares so with `right` (on the axis's order for < <= > >=)."""
        if self.op in ("=", "!="):
            return _OPS[self.op](value, right)
        return _OPS[self.op](self.axis.rank(value), self.axis.rank(right))

    def matches(self, paper: Paper) -> list[tuple[str, Position]]:
        """The paper's stated positions meeting the condition: each address that does, or both sides of a versus."""
        if self.versus:
            left, right = stated(paper, self.addresses[0]), stated(paper, str(self.value))
            if left is None or right is None or not self.holds(left.value, right.value):
                return []
            return [(self.addresses[0], left), (str(self.value), right)]
        return [(address, p) for address in self.addresses
                if (p := stated(paper, address)) is not None and self.holds(p.value, self.value)]


def parse_address(corpus: Corpus, address: str) -> tuple[Axis, str]:
    """The axis and subject ('' if none) of `axis` or `axis.subject`, naming the valid ones when wrong."""
    axis = resolve_axis(corpus, address)
    subject = address.partition(".")[2].lower()
    if subject and subject not in axis.subjects:
        if not axis.subjects:
            raise UsageError(f"axis '{axis.id}' has no subjects; write {axis.id} without '.{subject}'")
        raise UsageError(f"axis '{axis.id}' has no subject '{subject}'; {did_you_mean(subject, axis.subjects)} "
                         f"(subjects: {', '.join(axis.subjects)})")
    return axis, subject


def parse_condition(corpus: Corpus, expr: str) -> Condition:
    """Parse one expression, checking axis, subject and value against axes.yaml."""
    m = _EXPR.match(expr)
    if not m:
        raise UsageError(f"cannot read '{expr}'; write ADDRESS OP VALUE, e.g. balancing.russia=hard or alignment>=1 "
                         f"(addresses: {', '.join(corpus.addresses)})")
    address, op, raw = m.groups()
    axis, subject = parse_address(corpus, address)
    if op not in ("=", "!=") and not axis.ordered:
        raise UsageError(f"axis '{axis.id}' is unordered, so '{op}' means nothing there; use = or !=")
    if "." in raw:
        return _versus(corpus, axis, subject, op, address, raw)
    value: int | str = raw.strip().strip("'\"").lower()
    if axis.numeric:
        try:
            value = int(value)
        except ValueError:
            pass
    if value not in axis.value_ids:
        names = ", ".join(map(str, axis.value_ids))
        raise UsageError(f"'{raw}' is not a value of axis '{axis.id}'; "
                         f"{did_you_mean(str(value), [str(v) for v in axis.value_ids])} (values: {names})")
    addresses = (f"{axis.id}.{subject}",) if subject else tuple(axis.addresses)
    return Condition(axis, addresses, op, value, f"{address}{op}{raw}")


def _versus(corpus: Corpus, axis: Axis, subject: str, op: str, address: str, raw: str) -> Condition:
    """`axis.a OP axis.b`: two named subjects of one axis."""
    other_axis = resolve_axis(corpus, raw)
    if other_axis.id != axis.id:
        raise UsageError(f"'{address}' and '{raw}' are on different axes ({axis.id}, {other_axis.id}); "
                         f"compare two subjects of one axis, e.g. {axis.addresses[0]}{op}{axis.addresses[-1]}")
    other = parse_address(corpus, raw)[1]
    if not subject or not other:
        raise UsageError(f"name a subject on both sides of '{address}{op}{raw}', "
                         f"e.g. {axis.addresses[0]}{op}{axis.addresses[-1]} (subjects: {', '.join(axis.subjects)})")
    return Condition(axis, (f"{axis.id}.{subject}",), op, f"{axis.id}.{other}", f"{address}{op}{raw}", versus=True)


def where(corpus: Corpus, expressions: list[str]) -> WhereData:
    """Papers meeting every expression, each hit with the position and its evidence."""
    if not expressions:
        raise UsageError("give at least one expression, e.g. argmap where balancing.russia=hard")
    conditions = [parse_condition(corpus, e) for e in expressions]
    hits: list[WhereRow] = []
    for paper in corpus.chronological():
        matched: list[WhereMatch] = []
        for cond in conditions:
            found = cond.matches(paper)
            if not found:
                break
            for address, p in found:
                matched.append({"condition": cond.text, "axis": address, "value": p.value,
                                "label": cond.axis.label(p.value), "note": p.note,
                                "evidence": list(p.evidence),
                                "claims": evidence_data(paper, p.evidence),
                                "profile": profile(corpus, paper, address)})
        else:
            hits.append({"paper": paper.id, "authors": paper.authors, "year": paper.year, "matches": matched})
    return {"conditions": [c.text for c in conditions], "papers": hits, "total": len(corpus.papers)}
