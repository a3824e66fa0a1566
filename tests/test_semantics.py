"""DF-QuAD strengths computed by hand from the formulas of Rago et al. (KR 2016).

F(v1..vn) = 1 - prod(1 - vi); strength = base - base*(va - vs) if va >= vs,
else base + (1 - base)*(vs - va).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.load import load_corpus
from argmap.model import Claim
from argmap.semantics import dfquad

from conftest import MINI


def claim(cid: str, weight: float | None = None, premises: list[Claim] | None = None,
          counterpoints: list[Claim] | None = None) -> Claim:
    return Claim(cid, cid, "x", cid, weight=weight, premises=premises or [], counterpoints=counterpoints or [])


def test_leaf_keeps_its_base_score() -> None:
    assert dfquad(claim("t")) == {"t": 0.5}
    assert dfquad(claim("t", weight=0.9)) == {"t": 0.9}


def test_one_supporter_and_one_attacker() -> None:
    assert dfquad(claim("t", premises=[claim("p")]))["t"] == pytest.approx(0.75)  # 0.5 + 0.5 * 0.5
    assert dfquad(claim("t", counterpoints=[claim("c")]))["t"] == pytest.approx(0.25)  # 0.5 - 0.5 * 0.5


def test_equal_support_and_attack_cancel() -> None:
    assert dfquad(claim("t", weight=0.3, premises=[claim("p")], counterpoints=[claim("c")]))["t"] == pytest.approx(0.3)


def test_attackers_aggregate_by_probabilistic_sum() -> None:
    t = claim("t", weight=0.8, counterpoints=[claim("c1"), claim("c2")])
    assert dfquad(t)["t"] == pytest.approx(0.8 - 0.8 * 0.75)  # F(.5,.5) = 1 - .25 = .75


def test_mini_paper_by_hand() -> None:
    smith = load_corpus(MINI, use_cache=False).papers["smith2020"]
    scores = dfquad(smith.thesis)
    # p2 .5 -> p1 .75; r1 .5 -> c1 .25; t: vs .75 > va .25 -> .5 + .5 * .5
    assert scores == pytest.approx({"t": 0.75, "p1": 0.75, "p2": 0.5, "c1": 0.25, "r1": 0.5})


def test_cli_strength_tree(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("strength", "smith2020", "--corpus", MINI, "--format", "plain")
    assert r.exit_code == 0
    assert "T t: [0.75] Russia and China converge" in r.stdout and "- c1: [0.25]" in r.stdout


trees = st.recursive(
    st.builds(lambda w: claim("x", w), st.none() | st.floats(0, 1)),
    lambda kids: st.builds(lambda w, p, c: claim("x", w, p, c), st.none() | st.floats(0, 1),
                           st.lists(kids, max_size=3), st.lists(kids, max_size=3)),
    max_leaves=15,
)


def _renumber(root: Claim) -> Claim:
    stack, n = [root], 0
    while stack:
        c = stack.pop()
        c.id, n = f"n{n}", n + 1
        stack.extend(c.premises + c.counterpoints)
    return root


@given(trees)
def test_scores_stay_in_unit_interval_and_support_never_hurts(root: Claim) -> None:
    root = _renumber(root)
    before = dfquad(root)
    assert all(0.0 <= v <= 1.0 for v in before.values())
    root.premises.append(claim("extra"))
    assert dfquad(root)[root.id] >= before[root.id] - 1e-12
