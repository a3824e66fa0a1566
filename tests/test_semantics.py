"""DF-QuAD strengths computed by hand from the formulas of Rago et al. (KR 2016).

F(v1..vn) = 1 - prod(1 - vi); strength = base - base*(va - vs) if va >= vs,
else base + (1 - base)*(vs - va).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.load import load_corpus
from argmap.model import Claim
from argmap.graph import Edge, Undercut
from argmap.semantics import dfquad, dfquad_graph, grounded, strength

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


# --- the paper's graph -------------------------------------------------------------

GRAPH = Path(__file__).parent / "fixtures" / "graph"


def test_dfquad_over_the_graph_by_hand() -> None:
    result = strength(load_corpus(GRAPH, use_cache=False).papers["debate2024"])
    assert result.semantics == "df-quad" and result.labels == {}
    # leaves p1 p2 r1 c2 .5; c1 = .5 - .5*.5 = .25;
    # t2: vs .5 (p1 by id), va F(.5 c2, .25 c1 by id) = .625 -> .5 - .5*.125 = .4375;
    # t: p1's support undercut by c2, .5 * (1 - .5) = .25, with p2 .5 -> vs .625; va .25 -> .5 + .5*.375
    assert result.scores == pytest.approx({"t": 0.6875, "p1": 0.5, "p2": 0.5, "c1": 0.25, "r1": 0.5,
                                           "t2": 0.4375, "c2": 0.5})


def test_a_full_strength_undercut_cancels_the_edge() -> None:
    claims = {c: claim(c, weight=1.0 if c == "u" else None) for c in ("t", "p", "u")}
    edges = [Edge("p", "t", "support", True)]
    assert dfquad_graph(claims, edges) == pytest.approx({"t": 0.75, "p": 0.5, "u": 1.0})
    assert dfquad_graph(claims, edges, [Undercut("u", "p>t")]) == pytest.approx({"t": 0.5, "p": 0.5, "u": 1.0})


def test_dfquad_refuses_a_cycle() -> None:
    claims = {c: claim(c) for c in "ab"}
    assert dfquad_graph(claims, [Edge("a", "b", "attack", False), Edge("b", "a", "support", False)]) is None


def test_grounded_on_dung_1995_examples() -> None:
    # Dung 1995, the Nixon diamond shape: a and b attack each other, both attack c: nothing is grounded.
    assert grounded("abc", [("a", "b"), ("b", "a"), ("a", "c"), ("b", "c")]) == dict.fromkeys("abc", "undecided")
    # a chain with an unattacked start is reinstated in turn; a self-attacker stays undecided
    assert grounded("abcs", [("a", "b"), ("b", "c"), ("s", "s")]) == {"a": "in", "b": "out", "c": "in", "s": "undecided"}


attack_graphs = st.integers(1, 7).flatmap(lambda n: st.tuples(
    st.just([f"a{i}" for i in range(n)]),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n, unique=True),
))


@given(attack_graphs)
def test_grounded_matches_python_argumentation(g: tuple[list[str], list[tuple[int, int]]]) -> None:
    pytest.importorskip("py_arg")  # the `test` extra installs it
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import AbstractArgumentationFramework
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension

    names, pairs = g
    attacks = [(names[a], names[b]) for a, b in pairs]
    args = {n: Argument(n) for n in names}
    af = AbstractArgumentationFramework("af", list(args.values()), [Defeat(args[a], args[b]) for a, b in attacks])
    extension = {a.name for a in get_grounded_extension(af)}
    labels = grounded(names, attacks)
    assert {n for n, lab in labels.items() if lab == "in"} == extension
    assert {n for n, lab in labels.items() if lab == "out"} == {b for a, b in attacks if a in extension}


def test_cli_strength_on_a_cycle_through_attacks_by_id(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    shutil.copytree(GRAPH, corpus)
    path = corpus / "debate2024.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    locator: Section 4\n    counterpoints:" in text
    # t2 attacks its own counterpoint c2 back: t2 <-> c2 is a cycle, so DF-QuAD does not apply
    path.write_text(text.replace("    locator: Section 4\n    counterpoints:",
                                 "    locator: Section 4\n    attacks: [c2]\n    counterpoints:"), encoding="utf-8")
    r = cli("strength", "debate2024", "--corpus", corpus, "--format", "plain")
    assert r.exit_code == 0, r.stderr
    assert "grounded labelling" in r.stdout and "DF-QuAD does not apply" in r.stdout
    # r1, p2 unattacked: in; r1 puts c1 out, which reinstates t; c2's undercut of p1>t attacks p1,
    # and c2 is undecided in its cycle with t2, so p1 is undecided too
    for line in ["T t: [in]", "+ p1: [undecided]", "+ p2: [in]", "- c1: [out]", "- r1: [in]"]:
        assert line in r.stdout
    data = cli("strength", "debate2024", "--corpus", corpus, "--format", "json").json()
    assert data["semantics"] == "grounded" and data["root"]["label"] == "in" and "strength" not in data["root"]


def test_cli_strength_says_it_used_dfquad(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("strength", "debate2024", "--corpus", GRAPH, "--format", "plain")
    assert r.exit_code == 0 and "DF-QuAD strengths (the graph is acyclic)" in r.stdout
    assert "T t: [0.69]" in r.stdout
    assert cli("strength", "debate2024", "--corpus", GRAPH, "--format", "json").json()["semantics"] == "df-quad"
