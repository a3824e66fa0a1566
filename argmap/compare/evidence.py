"""Evidence profiles: the claims behind each position, counted by voice.

For one paper and one address (`balancing.russia`), every claim with a
`lean` there is counted under its voice (`model.voices`): the paper's own
claims, the objections it concedes, those it rebuts, and the views it only
reports. Only own claims make the *score*: the value their leans average to
on the axis's scale. The exact rule, so a cell can be checked by hand, is in
docs/comparison.md ("Evidence profiles").

The rule is symmetric by construction: ranks are centred on the middle of
the scale, so mirroring every lean mirrors the score, and a mean that falls
exactly between two values goes to the one nearer the middle.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Iterable

from ..model import Axis, Corpus, Paper, Voice
from ..outputs import EvidenceProfile, ValueCount, Value


def score(axis: Axis, leans: Iterable[Value]) -> tuple[list[Value], Fraction | None]:
    """The values the leans point to, and their mean centred rank (None on an unordered axis).

    Ordered: the value whose centred rank is nearest the mean; of two equally
    near, the one nearer the middle; both only when they are equally near the
    middle too (the exact centre of a scale with an even number of values).
    Unordered: the most frequent values. No leans: no value.
    """
    leans = list(leans)
    if not leans:
        return [], None
    if not axis.ordered:
        counts = Counter(leans)
        top = max(counts.values())
        return [v for v in axis.value_ids if counts[v] == top], None
    span = len(axis.values) - 1
    # Twice the centred rank keeps every number an integer: 2r - span runs -span, -span+2, ..., span.
    mean = Fraction(sum(2 * (axis.rank(v) or 0) - span for v in leans), len(leans))
    ranks = range(len(axis.values))
    nearest = min(abs(2 * r - span - mean) for r in ranks)
    close = [r for r in ranks if abs(2 * r - span - mean) == nearest]
    middle = min(abs(2 * r - span) for r in close)
    return [axis.value_ids[r] for r in close if abs(2 * r - span) == middle], mean / 2


def tally(axis: Axis, leans: Iterable[Value]) -> list[ValueCount]:
    """Counts per value, most first; equal counts in the scale's order."""
    counts = Counter(leans)
    if not counts:  # most voices lean nowhere on most addresses
        return []
    order = {v: i for i, v in enumerate(axis.value_ids)}
    return [{"value": v, "count": n} for v, n in sorted(counts.items(), key=lambda vn: (-vn[1], order[vn[0]]))]


Leans = dict[str, dict[Voice, list[Value]]]  # address -> voice -> the leans claims in that voice take there
NO_LEANS: dict[Voice, list[Value]] = {"own": [], "conceded": [], "rebutted": [], "reported": []}


def voiced_leans(paper: Paper) -> Leans:
    """Every address's leans by voice, from one walk of the paper (pass it to `profile` for many addresses)."""
    voice = paper.voices()
    out: Leans = {}
    for n in paper.claims():
        for address, lean in n.claim.lean.items():
            out.setdefault(address, {v: [] for v in NO_LEANS})[voice[n.claim.id]].append(lean)
    return out


def profile(corpus: Corpus, paper: Paper, address: str, leans: Leans | None = None) -> EvidenceProfile:
    """The evidence profile of one paper on one address (`leans`: the paper's `voiced_leans`, to reuse them)."""
    axis, _ = corpus.axis_of(address)
    by_voice = (leans if leans is not None else voiced_leans(paper)).get(address, NO_LEANS)
    values, mean = score(axis, by_voice["own"])
    position = paper.positions.get(address)
    coded = position.value if position is not None and position.stated else None
    steps = None
    if coded is not None and values and axis.ordered:
        steps = min(abs((axis.rank(coded) or 0) - (axis.rank(v) or 0)) for v in values)
    flag = None
    if coded is not None:
        if not values:
            flag = "no evidence in the paper's own voice"
        elif coded not in values:
            flag = f"own-voice evidence scores {' / '.join(map(str, values))}"
    return {
        "address": address,
        "own": tally(axis, by_voice["own"]),
        "concedes": tally(axis, by_voice["conceded"]),
        "rebuts": tally(axis, by_voice["rebutted"]),
        "reports": tally(axis, by_voice["reported"]),
        "score": values,
        "mean": None if mean is None else round(float(mean), 3),
        "steps": steps,
        "flagged": flag is not None,
        "flag": flag,
    }


def profiles(corpus: Corpus, paper: Paper, addresses: Iterable[str] | None = None) -> dict[str, EvidenceProfile]:
    """Profiles of one paper on every address (or the ones given), in axes.yaml's order."""
    leans = voiced_leans(paper)
    return {a: profile(corpus, paper, a, leans) for a in (corpus.addresses if addresses is None else addresses)}
