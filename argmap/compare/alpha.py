"""Krippendorff's alpha, the agreement coefficient of content analysis.

Computed as in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
a coincidence matrix o[c][k] counts, within every unit coded by m >= 2
coders, each ordered pair of values from different coders, weighted 1/(m-1);
n_c are its margins and n their sum. Then

    alpha = 1 - (n - 1) * sum(o[c][k] * d(c, k)) / sum(n_c * n_k * d(c, k))

with the squared difference d of the level of measurement: nominal 0/1;
ordinal (sum of n_g for g from c to k, minus (n_c + n_k) / 2) squared, on
the ranks of the ordered values; interval (c - k) squared. Written here
rather than depending on the `krippendorff` package (numpy), which the tests
use as the reference.
"""

from __future__ import annotations

from collections import Counter
from typing import Hashable, Literal, Sequence

Level = Literal["nominal", "ordinal", "interval"]


def alpha(data: Sequence[Sequence[Hashable | None]], level: Level = "nominal",
          order: Sequence[Hashable] | None = None) -> float | None:
    """Alpha of reliability data: one row per unit, one entry per coder (None: not coded).

    `order` lists the values low to high (ordinal; default: sorted). None when
    undefined: fewer than two pairable values, or no variation at all.
    """
    units = [[v for v in row if v is not None] for row in data]
    units = [u for u in units if len(u) >= 2]
    present = {v for u in units for v in u}
    values = [v for v in order if v in present] if order is not None else sorted(present)  # type: ignore[type-var]
    if len(values) < len(present):
        raise ValueError(f"values outside the order: {sorted(map(str, present - set(values)))}")
    index = {v: i for i, v in enumerate(values)}
    k = len(values)
    o = [[0.0] * k for _ in range(k)]
    for unit in units:
        counts = Counter(index[v] for v in unit)
        for c, nc in counts.items():
            for d, nd in counts.items():
                o[c][d] += nc * (nd - (c == d)) / (len(unit) - 1)
    margins = [sum(row) for row in o]
    n = sum(margins)
    delta = _metric(level, values, margins)
    observed = sum(o[c][d] * delta(c, d) for c in range(k) for d in range(k))
    expected = sum(margins[c] * margins[d] * delta(c, d) for c in range(k) for d in range(k))
    if n < 2 or expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def _metric(level: Level, values: list[Hashable], margins: list[float]):  # type: ignore[no-untyped-def]
    if level == "nominal":
        return lambda c, d: float(c != d)
    if level == "ordinal":
        cumulative = [0.0]
        for m in margins:
            cumulative.append(cumulative[-1] + m)

        def ordinal(c: int, d: int) -> float:
            lo, hi = min(c, d), max(c, d)
            return (cumulative[hi + 1] - cumulative[lo] - (margins[lo] + margins[hi]) / 2) ** 2

        return ordinal
    if level == "interval":
        return lambda c, d: (float(values[c]) - float(values[d])) ** 2  # type: ignore[arg-type]
    raise ValueError(f"unknown level of measurement '{level}'")
