"""Evidence profiles: tallies by voice and the symmetric score (docs/comparison.md, "Evidence profiles").

The mini corpus, counted by hand:

- jones2021 balancing.russia (coded hard): own p2 hard, p3 mixed, r1 hard; c2 (mostly_soft) is rebutted by r1.
  Centred ranks +2, 0, +2: mean 4/3, nearest +1 = mostly_hard, a step from hard: flagged.
- jones2021 alignment (coded -1): own t -1, p1 -1; conceded c1 +1; c3 (+2) only reported.
  Mean -1: the score is -1, no flag.
- smith2020 balancing.china (coded soft): own p1 soft. No flag.
- smith2020 alignment (coded +2): own t +2; p1 leans nothing there; c1 (-1) is rebutted by r1.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.compare import compare_axis
from argmap.compare.evidence import profile, profiles, score
from argmap.load import load_corpus
from argmap.model import Axis, AxisValue, Claim, Paper, Position

from conftest import MINI


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return load_corpus(MINI, use_cache=False)


def counts(items):  # type: ignore[no-untyped-def]
    return [(c["value"], c["count"]) for c in items]


def test_jones_russia_counted_by_hand(corpus) -> None:  # type: ignore[no-untyped-def]
    p = profile(corpus, corpus.papers["jones2021"], "balancing.russia")
    assert counts(p["own"]) == [("hard", 2), ("mixed", 1)]
    assert counts(p["rebuts"]) == [("mostly_soft", 1)] and p["concedes"] == [] and p["reports"] == []
    assert (p["score"], p["mean"], p["steps"], p["flagged"]) == (["mostly_hard"], 1.333, 1, True)


def test_a_reported_view_and_a_concession_never_count_as_the_papers_voice(corpus) -> None:  # type: ignore[no-untyped-def]
    p = profile(corpus, corpus.papers["jones2021"], "alignment")
    assert counts(p["own"]) == [(-1, 2)]
    assert counts(p["concedes"]) == [(1, 1)] and counts(p["reports"]) == [(2, 1)] and p["rebuts"] == []
    assert (p["score"], p["mean"], p["steps"], p["flagged"], p["flag"]) == ([-1], -1.0, 0, False, None)


def test_smith_counted_by_hand(corpus) -> None:  # type: ignore[no-untyped-def]
    got = profiles(corpus, corpus.papers["smith2020"])
    assert counts(got["balancing.china"]["own"]) == [("soft", 1)] and not got["balancing.china"]["flagged"]
    assert counts(got["alignment"]["own"]) == [(2, 1)] and counts(got["alignment"]["rebuts"]) == [(-1, 1)]
    # unstated: no score to compare with, so no flag, even without evidence
    assert got["balancing.russia"]["own"] == [] and got["balancing.russia"]["flagged"] is False


def test_a_stated_position_without_own_evidence_is_flagged(corpus) -> None:  # type: ignore[no-untyped-def]
    p = profile(corpus, corpus.papers["smith2020"], "lens")  # realism, cited from t, which leans nothing there
    assert (p["score"], p["flagged"], p["flag"]) == ([], True, "no evidence in the paper's own voice")


def test_compare_carries_the_profile_into_every_cell_and_marks_flags(cli, corpus) -> None:  # type: ignore[no-untyped-def]
    data = compare_axis(corpus, "balancing")
    cells = {(r["paper"], k): c for r in data["papers"] for k, c in r["positions"].items()}
    assert cells[("jones2021", "russia")]["profile"]["flagged"] and not cells[("smith2020", "china")]["profile"]["flagged"]
    out = cli("compare", "balancing", "-c", MINI, "-f", "plain").stdout.splitlines()
    assert "jones2021  hard (hard 2 · mixed 1; rebuts mostly_soft 1) !  —" in out
    assert "  jones2021 russia: coded hard; own-voice evidence scores mostly_hard (mean +1.33)" in out


# --- the scoring rule ---------------------------------------------------------------

FIVE = Axis("b", "B", "?", [AxisValue(v) for v in ("soft", "mostly_soft", "mixed", "mostly_hard", "hard")])
SIX = Axis("r", "R", "?", [AxisValue(v) for v in "abcdef"])
LENS = Axis("l", "L", "?", [AxisValue(v) for v in ("x", "y", "z")], ordered=False)


def test_a_half_way_mean_goes_to_the_value_nearer_the_middle() -> None:
    assert score(FIVE, ["mixed", "mostly_hard"]) == (["mixed"], Fraction(1, 2))
    assert score(FIVE, ["mixed", "mostly_soft"]) == (["mixed"], Fraction(-1, 2))
    assert score(FIVE, ["mostly_hard", "hard"]) == (["mostly_hard"], Fraction(3, 2))
    assert score(SIX, ["a", "f"]) == (["c", "d"], Fraction(0))  # the exact centre of an even scale: both middles
    assert score(SIX, ["b", "c"])[0] == ["c"]  # -1.5 and -0.5: -1 is half-way, c is nearer the middle
    assert score(LENS, ["x", "y", "y"]) == (["y"], None) and score(LENS, ["x", "y"]) == (["x", "y"], None)
    assert score(FIVE, []) == ([], None)


values5 = st.lists(st.sampled_from(FIVE.value_ids), max_size=12)


def mirror(values: list[str]) -> list[str]:
    ids = FIVE.value_ids
    return [str(ids[len(ids) - 1 - ids.index(v)]) for v in values]


@settings(max_examples=300, deadline=None)
@given(values5, st.randoms())
def test_a_tally_and_its_score_do_not_depend_on_claim_order(values, rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(values)
    rnd.shuffle(shuffled)
    corpus_a, corpus_b = paper_corpus(values), paper_corpus(shuffled)
    pa = profile(corpus_a, corpus_a.papers["x"], "b")
    pb = profile(corpus_b, corpus_b.papers["x"], "b")
    assert pa == pb


@settings(max_examples=300, deadline=None)
@given(values5)
def test_the_score_is_symmetric(values) -> None:  # type: ignore[no-untyped-def]
    got, mean = score(FIVE, values)
    mirrored, mirrored_mean = score(FIVE, mirror(values))
    assert sorted(map(str, mirrored)) == sorted(mirror([str(v) for v in got]))
    assert mirrored_mean == (None if mean is None else -mean)


@settings(max_examples=300, deadline=None)
@given(values5.filter(bool), st.sampled_from(FIVE.value_ids))
def test_adding_a_claim_that_leans_harder_never_lowers_the_score(values, extra) -> None:  # type: ignore[no-untyped-def]
    def rank(v: object) -> int:
        r = FIVE.rank(v)  # type: ignore[arg-type]
        assert r is not None
        return r

    before, _ = score(FIVE, values)
    top = max(rank(v) for v in before)
    if rank(extra) < top:  # lean at or above the current score: "harder"
        extra = str(FIVE.value_ids[top])
    after, _ = score(FIVE, [*values, extra])
    assert min(map(rank, after)) >= min(map(rank, before)) and max(map(rank, after)) >= top


def paper_corpus(values: list[str]):  # type: ignore[no-untyped-def]
    """A one-paper corpus whose thesis has one premise per value, each leaning it on axis b."""
    from argmap.model import Corpus

    premises = [Claim(f"p{i}", "x", "x", "x", lean={"b": v}) for i, v in enumerate(values)]
    paper = Paper("x", "X", ["A B"], 2020, Claim("t", "t", "t", "t", premises=premises),
                  positions={"b": Position("mixed", ["t"])})
    return Corpus(root=MINI, origin="test", papers={"x": paper}, axes={"b": FIVE})


def test_contrasts_say_which_subject_sits_higher_paper_by_paper() -> None:
    from conftest import BUNDLED

    corpus = load_corpus(BUNDLED, use_cache=False)
    axis = corpus.axes["balancing"]
    (c,) = compare_axis(corpus, "balancing")["contrasts"]
    assert (c["a"], c["b"], c["toward"]) == ("russia", "china", "hard")
    expected = {}
    for paper in corpus.papers.values():  # from the maps directly, not through compare
        ra, rb = (axis.rank(paper.positions[f"balancing.{s}"].value) for s in ("russia", "china"))
        expected[paper.id] = "higher" if ra > rb else "lower" if ra < rb else "equal"  # type: ignore[operator]
    assert {p["paper"]: p["coded"] for p in c["papers"]} == expected
    assert c["coded"]["higher"] == list(expected.values()).count("higher")
    assert c["summary"].startswith(f"russia nearer hard than china in {c['coded']['higher']} of 5 papers")
    assert compare_axis(corpus, "alignment")["contrasts"] == []  # no subjects, nothing to contrast


TWO = Axis("b", "B", "?", FIVE.values, subjects=["r", "c"])


def two_subject_corpus(positions: dict[str, Position], leans: dict[str, str]):  # type: ignore[no-untyped-def]
    """One paper coding axis b for subjects r and c as given; its thesis has one premise per lean."""
    from argmap.model import Corpus

    premises = [Claim(f"p{i}", "x", "x", "x", lean={address: v}) for i, (address, v) in enumerate(leans.items())]
    paper = Paper("x", "X", ["A B"], 2020, Claim("t", "t", "t", "t", premises=premises), positions=positions)
    return Corpus(root=MINI, origin="test", papers={"x": paper}, axes={"b": TWO})


def test_no_summary_when_no_paper_states_both_subjects(corpus) -> None:  # type: ignore[no-untyped-def]
    (c,) = compare_axis(corpus, "balancing")["contrasts"]  # mini: jones codes only russia, smith only china
    assert [(p["coded"], p["evidence"]) for p in c["papers"]] == [(None, None), (None, None)]
    assert c["summary"] is None


def test_the_summary_counts_only_the_papers_that_can_be_compared() -> None:
    coded_only = two_subject_corpus({"b.r": Position("hard", ["t"]), "b.c": Position("soft", ["t"])}, {})
    (c,) = compare_axis(coded_only, "b")["contrasts"]
    assert c["summary"] == "r nearer hard than c in 1 of 1 papers by coded value (equal in 0, the other way in 0)"
    evidence_only = two_subject_corpus({"b.r": Position("hard", ["p0"])}, {"b.r": "soft", "b.c": "mixed"})
    (c,) = compare_axis(evidence_only, "b")["contrasts"]
    assert c["summary"] == "r nearer hard than c in 0 of 1 papers by own-voice evidence (equal in 0, the other way in 1)"
