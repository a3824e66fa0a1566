"""The comparison engine on the hand-made mini corpus, whose answers are known.

smith2020: alignment 2, balancing.china soft, lens realism; c1 (lean -1) is rebutted by r1.
jones2021: alignment -1, balancing.russia hard, lens realism; c1 (lean +1) is not rebutted, c2 is (by r1),
  c3 is a view the paper only reports (reported_by: some analysts).
Links: smith#c1 agrees jones#p1; smith#t contradicts jones#t.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from argmap.compare import compare_axis, diff, matrix, tensions, where
from argmap.compare.positions import agreement, opposite, relate, side
from argmap.errors import UsageError
from argmap.load import load_corpus
from argmap.model import Position

from conftest import MINI


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return load_corpus(MINI, use_cache=False)


def test_sides_and_opposites_on_ordered_and_unordered_axes(corpus) -> None:  # type: ignore[no-untyped-def]
    alignment, balancing, lens = corpus.axes["alignment"], corpus.axes["balancing"], corpus.axes["lens"]
    assert [side(alignment, v) for v in (-2, -1, 0, 1, 2)] == [-1, -1, 0, 1, 1]
    assert [side(balancing, v) for v in ("soft", "mixed", "hard")] == [-1, 0, 1]
    assert opposite(alignment, -1, 2) and not opposite(alignment, 0, 2) and not opposite(alignment, 1, 2)
    assert opposite(lens, "realism", "liberalism") and not opposite(lens, "realism", "realism")
    assert agreement(alignment, 2, -1) == pytest.approx(0.25)  # 3 steps of 4
    assert agreement(balancing, "soft", "mixed") == pytest.approx(0.5)
    assert agreement(lens, "realism", "liberalism") == 0.0


def test_relate_statuses(corpus) -> None:  # type: ignore[no-untyped-def]
    axis = corpus.axes["alignment"]
    two, minus = Position(2), Position(-1)
    assert relate(axis, two, two)["status"] == "converge"
    assert relate(axis, two, minus) == {"status": "diverge", "distance": 3, "agreement": 0.25}
    assert relate(axis, two, None)["status"] == "only_a"
    assert relate(axis, None, minus)["status"] == "only_b"
    assert relate(axis, None, None)["status"] == "silent"


def test_compare_orders_papers_along_the_axis(corpus) -> None:  # type: ignore[no-untyped-def]
    data = compare_axis(corpus, "alignment")
    assert [r["paper"] for r in data["papers"]] == ["jones2021", "smith2020"]
    assert data["papers"][0]["positions"]["alignment"]["value"] == -1


def test_compare_grid_per_subject_with_unstated(corpus) -> None:  # type: ignore[no-untyped-def]
    data = compare_axis(corpus, "balancing", evidence=True)
    assert data["keys"] == ["russia", "china"]
    rows = {r["paper"]: r["positions"] for r in data["papers"]}
    assert rows["jones2021"]["russia"]["value"] == "hard"
    assert rows["jones2021"]["china"]["stated"] is False
    assert rows["smith2020"]["china"]["claims"][0]["id"] == "p1"
    # ordered by the first subject: jones (hard) before smith (unstated, last)
    assert [r["paper"] for r in data["papers"]] == ["jones2021", "smith2020"]


def test_compare_unknown_axis_suggests(corpus) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="did you mean 'alignment'"):
        compare_axis(corpus, "alignmnet")


def test_diff_axes_links_and_summary(corpus) -> None:  # type: ignore[no-untyped-def]
    data = diff(corpus, corpus.papers["smith2020"], corpus.papers["jones2021"])
    axes = {r["axis"]: r for r in data["axes"]}
    assert axes["alignment"]["status"] == "diverge" and axes["alignment"]["distance"] == 3
    assert axes["balancing.russia"]["status"] == "only_b"
    assert axes["balancing.china"]["status"] == "only_a"
    assert axes["lens"]["status"] == "converge"
    links = [(m["a"]["id"], m["b"]["id"], m["kind"]) for m in data["matches"] if m["source"] == "link"]
    assert links == [("c1", "p1", "agrees"), ("t", "t", "contradicts")]
    assert data["summary"]["converge"] == 1 and data["summary"]["diverge"] == 1
    assert data["summary"]["contradicting_claims"] >= 1
    assert data["summary_line"].startswith("converge on 1 axis, diverge on 1, one side silent on 2")
    matched_a = {m["a"]["id"] for m in data["matches"]}
    assert not matched_a & {c["id"] for c in data["only_a"]}


def test_diff_is_oriented_by_argument_order(corpus) -> None:  # type: ignore[no-untyped-def]
    data = diff(corpus, corpus.papers["jones2021"], corpus.papers["smith2020"], axes_only=True)
    axes = {r["axis"]: r for r in data["axes"]}
    assert axes["balancing.russia"]["status"] == "only_a"
    assert "matches" not in data and "contradicting" not in data["summary_line"]


def test_diff_suggestions_label_leans(corpus) -> None:  # type: ignore[no-untyped-def]
    # Without curated links, smith#c1 and jones#p1 (both about mistrust, both lean -1) pair up as agreeing.
    corpus.links, saved = [], corpus.links
    try:
        data = diff(corpus, corpus.papers["smith2020"], corpus.papers["jones2021"], threshold=40)
    finally:
        corpus.links = saved
    kinds = {(m["a"]["id"], m["b"]["id"]): m["kind"] for m in data["matches"]}
    assert all(m["source"] == "suggestion" and m["score"] >= 40 for m in data["matches"])
    assert kinds[("c1", "p1")] == "agrees"


def test_diff_marks_similar_claims_leaning_opposite_ways_as_contradiction(tmp_path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(MINI, tmp_path / "c")
    jones = tmp_path / "c" / "jones2021.yaml"
    jones.write_text(jones.read_text().replace("text: Trade has grown a lot.", "text: Trade between them has grown fast.")
                     .replace("lean: {alignment: 1}", "lean: {balancing.china: hard}"))
    c = load_corpus(tmp_path / "c", use_cache=False)
    data = diff(c, c.papers["smith2020"], c.papers["jones2021"])
    match = next(m for m in data["matches"] if m["a"]["id"] == "p1")
    assert (match["b"]["id"], match["kind"], match["source"]) == ("c1", "contradicts", "suggestion")
    assert data["summary"]["contradicting_claims"] == 2  # this one and the curated t/t link


def test_where_expressions(corpus) -> None:  # type: ignore[no-untyped-def]
    def hits(*exprs: str) -> list[str]:
        return [p["paper"] for p in where(corpus, list(exprs))["papers"]]

    assert hits("alignment>=1") == ["smith2020"]
    assert hits("alignment<0") == ["jones2021"]
    assert hits("balancing=hard") == ["jones2021"]  # no subject: any subject
    assert hits("balancing.china=soft") == ["smith2020"]
    assert hits("lens=realism") == ["smith2020", "jones2021"]
    assert hits("lens=realism", "alignment!=2") == ["jones2021"]
    assert hits("balancing.china=hard") == []
    match = where(corpus, ["balancing.russia=hard"])["papers"][0]["matches"][0]
    assert match["evidence"] == ["p2", "r1"] and [c["id"] for c in match["claims"]] == ["p2", "r1"]
    assert match["claims"][0]["quote"]


@pytest.mark.parametrize("expr, message", [
    ("nonsense", "write ADDRESS OP VALUE"),
    ("alignmnt=1", "did you mean 'alignment'"),
    ("balancing.rusia=hard", "did you mean 'russia'"),
    ("balancing.russia=hrd", "did you mean 'hard'"),
    ("alignment=7", "values: -2, -1, 0, 1, 2"),
    ("lens>realism", "unordered"),
    ("alignment.russia=1", "has no subjects"),
])
def test_where_rejects_bad_expressions_helpfully(corpus, expr: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match=message):
        where(corpus, [expr])


def _both_stated(tmp_path) -> Path:  # type: ignore[no-untyped-def]
    """The mini corpus with jones2021 also coding China (mixed, below its Russia hard) and a subjects-bearing lens."""
    shutil.copytree(MINI, tmp_path / "c")
    jones = tmp_path / "c" / "jones2021.yaml"
    jones.write_text(jones.read_text().replace("balancing.china: unstated", "balancing.china: {value: mixed, evidence: [p3]}")
                     .replace("lean: {balancing.russia: mixed}", "lean: {balancing.china: mixed}"))
    return tmp_path / "c"


def test_where_compares_two_subjects_of_one_axis(corpus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert where(corpus, ["balancing.russia>balancing.china"])["papers"] == []  # no mini paper states both
    c = load_corpus(_both_stated(tmp_path), use_cache=False)

    def hits(expr: str) -> list[str]:
        return [p["paper"] for p in where(c, [expr])["papers"]]

    # jones2021: russia hard > china mixed; smith2020 states only china, so never matches
    assert {op: hits(f"balancing.russia{op}balancing.china") for op in ("=", "!=", ">=", "<=", ">", "<")} == {
        "=": [], "!=": ["jones2021"], ">=": ["jones2021"], "<=": [], ">": ["jones2021"], "<": []}
    assert hits("balancing.china<balancing.russia") == ["jones2021"]
    matches = where(c, ["balancing.russia>balancing.china"])["papers"][0]["matches"]
    assert [(m["axis"], m["value"], m["condition"]) for m in matches] == [
        ("balancing.russia", "hard", "balancing.russia>balancing.china"),
        ("balancing.china", "mixed", "balancing.russia>balancing.china")]
    assert matches[1]["evidence"] == ["p3"] and matches[1]["profile"]["own"] == [{"value": "mixed", "count": 1}]


@pytest.mark.parametrize("expr, message", [
    ("balancing.russia>alignment.x", "on different axes (balancing, alignment)"),
    ("balancing>balancing.china", "name a subject on both sides"),
    ("balancing.russia>balancing.india", "no subject 'india'"),
    ("lens.a>lens.b", "unordered"),
])
def test_where_refuses_subject_comparisons_that_mean_nothing(tmp_path, expr: str, message: str) -> None:  # type: ignore[no-untyped-def]
    c = _both_stated(tmp_path)
    axes = c / "axes.yaml"
    axes.write_text(axes.read_text().replace("    ordered: false\n", "    ordered: false\n    subjects: [a, b]\n"))
    for name in ("jones2021.yaml", "smith2020.yaml"):
        (c / name).write_text((c / name).read_text().replace("  lens: {", "  lens.a: {"))
    with pytest.raises(UsageError, match=re.escape(message)):
        where(load_corpus(c, use_cache=False), [expr])


def test_matrix_agreement_and_link_counts(corpus) -> None:  # type: ignore[no-untyped-def]
    data = matrix(corpus)
    assert data["papers"] == ["smith2020", "jones2021"]
    cell = data["cells"][0][1]
    # alignment 2 vs -1 -> 0.25, lens equal -> 1.0; balancing has no shared subject
    assert cell["agreement"] == pytest.approx(0.625) and cell["shared_axes"] == 2
    assert (cell["links_agree"], cell["links_contradict"]) == (1, 1)
    assert data["cells"][0][0] is None and data["cells"][1][0] == cell


def test_tensions_recorded_and_detected(corpus) -> None:  # type: ignore[no-untyped-def]
    data = {p["paper"]: p for p in tensions(corpus)["papers"]}
    smith, jones = data["smith2020"], data["jones2021"]
    assert [(t["a"]["id"], t["b"]["id"]) for t in smith["recorded"]] == [("t", "c1")]
    assert smith["detected"] == []  # c1 leans against alignment 2, but the paper rebuts it (r1)
    # jones states alignment -1 and concedes c1 (+1) without answering it: a concession, not a
    # position conflict; but its argued p1 (-1) and the standing c1 (+1) lean opposite ways.
    # (t vs c1 is the tree's own attack, so not a candidate.) c3 leans +2, the widest gap of all, but it is
    # a view the paper only reports (reported_by), never its voice; c2 is rebutted by r1.
    assert [(t["kind"], t["a"]["id"], t["b"]["id"]) for t in jones["detected"]] == [("opposite_leans", "p1", "c1")]
    pair = jones["detected"][0]
    assert pair["a"]["quote"] and pair["b"]["locator"] and pair["axis"] == "alignment"


def test_an_argued_claim_against_the_stated_position_is_detected(tmp_path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(MINI, tmp_path / "c")
    jones = tmp_path / "c" / "jones2021.yaml"
    jones.write_text(jones.read_text().replace("lean: {balancing.russia: hard}", "lean: {alignment: 2}", 1))
    data = tensions(load_corpus(tmp_path / "c", use_cache=False))["papers"]
    found = [(t["kind"], t["b"]["id"]) for p in data if p["paper"] == "jones2021" for t in p["detected"]]
    # p2 (a premise, argued) leans +2 against the stated -1; p1/p2 is the widest pair, so c1 stays unpaired
    assert found == [("position_vs_lean", "p2"), ("opposite_leans", "p2")]


def test_a_reported_view_is_never_suggested_as_a_match(tmp_path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(MINI, tmp_path / "c")
    jones = tmp_path / "c" / "jones2021.yaml"
    # c3 now says word for word what smith2020#p2 says: a perfect textual match, but a reported view.
    jones.write_text(jones.read_text().replace("Some analysts see the two as one anti-Western bloc.",
                                               "Energy deals anchor the trade."))

    def suggested(corpus):  # type: ignore[no-untyped-def]
        a, b = corpus.papers["smith2020"], corpus.papers["jones2021"]
        return [(m["a"]["id"], m["b"]["id"]) for m in diff(corpus, a, b)["matches"] if m["source"] == "suggestion"]

    assert ("p2", "c3") not in suggested(load_corpus(tmp_path / "c", use_cache=False))
    jones.write_text(jones.read_text().replace("      reported_by: some analysts\n", ""))
    assert ("p2", "c3") in suggested(load_corpus(tmp_path / "c", use_cache=False))  # the control: held, it pairs
