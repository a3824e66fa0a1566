"""The pieces bench/similarity_variants.py's figures rest on: what is fitted never sees the pair it is
scored on, the paired noise test, and diff's one-to-one matching against the not-one-to-one variant."""

from __future__ import annotations

import sys
from typing import Any

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import similarity_variants as V  # noqa: E402


def row(pair: str, a: str, b: str, s: float, curated: bool = False) -> dict[str, Any]:
    return {"pair": pair, "a": a, "b": b, "s": s, "curated": curated, "f": {"x": s}}


def test_leave_one_pair_out_fits_on_the_other_pairs_only() -> None:
    rows = [row(p, f"{p}#a{i}", f"{p}#b{i}", float(i)) for p in ("p1/p2", "p1/p3", "p2/p3") for i in range(3)]
    seen: list[set[str]] = []

    def fit(train: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
        pairs = {r["pair"] for r in train}
        seen.append(pairs)
        return lambda r: {**r, "s": len(seen), "trained on": pairs}

    scored = V.leave_one_pair_out(fit, [])(rows)
    assert len(seen) == 3 and all(len(s) == 2 for s in seen)
    assert sorted((r["a"], r["b"]) for r in scored) == sorted((r["a"], r["b"]) for r in rows)  # each scored once
    assert all(r["pair"] not in r["trained on"] for r in scored)


def test_sign_test_on_the_ends_two_variants_disagree_on() -> None:
    ends = [(f"dubey2021#c{i}", f"haiszky2024#p{i}") for i in range(6)]  # a held-out pair (not in TUNE)
    base = dict.fromkeys(ends, False)
    three_more = {**base, ends[0]: True, ends[1]: True, ends[2]: True}
    result = V.against(base, three_more)
    assert result["held out"] == {"gained": 3, "lost": 0, "sign test p": 0.25}  # 2 × (1/2)^3
    assert V.against(base, base)["all"] == {"gained": 0, "lost": 0, "sign test p": 1.0}


def test_one_to_one_matching_leaves_out_a_claims_second_partner() -> None:
    rows = [row("p/q", "p#x", "q#y", 90), row("p/q", "p#x", "q#z", 80, curated=True), row("p/q", "p#w", "q#z", 10)]
    one_to_one = V.matched(rows)
    assert one_to_one == [frozenset(("p#x", "q#y")), frozenset(("p#w", "q#z"))]
    assert frozenset(("p#x", "q#z")) in V.best_of_either(rows)  # q#z's best is p#x
    assert V.diff_at_30(rows, {}, 1)["ceiling"] == 0
    assert V.diff_at_30(rows, {}, 1, V.best_of_either) == {"suggested": 2, "precision": 0.5,
                                                           "judged precision (lower bound)": 0.5, "ceiling": 1}
