"""`argmap agree`: Krippendorff's alpha against the reference, claim matching by quotes, readings."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from argmap.compare.agree import agree, open_side
from argmap.compare.alpha import alpha
from conftest import FIXTURES, MINI

N = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers, twelve
# units, values 1-5, some missing. The paper gives alpha = .743 nominal, .815 ordinal, .849 interval.
KRIPPENDORFF_2011_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
# Section A: two observers, ten units, binary values; alpha = .095.
KRIPPENDORFF_2011_A = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]


def units(by_coder: list[list[int | None]]) -> list[list[int | None]]:
    return [list(unit) for unit in zip(*by_coder)]


@pytest.mark.parametrize("level, expected", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_alpha_reproduces_krippendorffs_worked_example(level: str, expected: float) -> None:
    assert round(alpha(units(KRIPPENDORFF_2011_C), level), 3) == expected  # type: ignore[arg-type]


def test_alpha_of_the_binary_example_and_of_no_variation() -> None:
    assert round(alpha(units(KRIPPENDORFF_2011_A)), 3) == 0.095  # type: ignore[arg-type]
    assert alpha([[1, 1], [1, 1]]) is None  # no variation: undefined, not 1
    assert alpha([[1, None], [2, None]]) is None  # nothing pairable
    assert alpha([["a", "a"], ["b", "b"]]) == 1.0


def test_ordinal_alpha_follows_the_given_order_not_the_alphabet() -> None:
    order = ["soft", "mixed", "hard"]  # alphabetically: hard < mixed < soft
    data = [["soft", "mixed"], ["mixed", "hard"], ["soft", "soft"], ["hard", "hard"], ["soft", "hard"]]
    ranked = [[order.index(v) for v in unit] for unit in data]
    assert alpha(data, "ordinal", order) == pytest.approx(alpha(ranked, "ordinal"))
    with pytest.raises(ValueError):
        alpha([["soft", "odd"]], "ordinal", order)


reliability = st.integers(2, 5).flatmap(lambda coders: st.lists(
    st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=coders, max_size=coders), min_size=2, max_size=15))


@settings(max_examples=300, deadline=None)
@given(data=reliability, level=st.sampled_from(["nominal", "ordinal", "interval"]))
def test_alpha_matches_the_krippendorff_package(data: list[list[int | None]], level: str) -> None:
    np = pytest.importorskip("numpy")
    krippendorff = pytest.importorskip("krippendorff")
    ours = alpha(data, level)  # type: ignore[arg-type]
    matrix = np.array([[np.nan if v is None else v for v in unit] for unit in data], dtype=float).T
    try:
        reference = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
    except ValueError:  # the package refuses data with a single value: undefined for us too
        assert ours is None
        return
    if ours is None:  # nothing pairable, or every pairable value the same
        assert math.isnan(reference)
    else:
        assert ours == pytest.approx(reference, abs=1e-9)


# --- two readings of the mini corpus -----------------------------------------------------

# A second encoding of smith2020 under another id: same source text, claims worded and cut differently.
SECOND_SMITH = """id: smithb
title: An example paper, read again
authors: [Jane Smith]
year: 2020
source: smith2020.txt
thesis:
  id: main
  text: The two powers are converging against the hegemon.
  quote: We argue that the two powers converge against the hegemon
  locator: Abstract
  premises:
    - id: trade
      text: Doubling trade, anchored by gas, binds them.
      quote: trade has more than doubled since 2010, and gas contracts anchor
      locator: II. Economy
  counterpoints:
    - id: fading
      text: Some think the mistrust is going away.
      quote: Some say mistrust is fading.
      locator: III. Limits
positions:
  alignment: {value: 1, evidence: [main, trade]}
  balancing.china: {value: soft, evidence: [trade]}
  lens: {value: liberalism, evidence: [main]}
tensions:
  - {a: main, b: fading, note: converging while the mistrust is only said to be fading}
"""


def second_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "second"
    folder.mkdir()
    shutil.copy(MINI / "axes.yaml", folder / "axes.yaml")
    (folder / "smithb.yaml").write_text(SECOND_SMITH, encoding="utf-8")
    return folder


def test_papers_match_by_source_and_claims_by_overlapping_quotes(tmp_path: Path) -> None:
    data = agree(open_side(str(MINI)), open_side(str(second_corpus(tmp_path))), FIXTURES / "sources")
    (paper,) = data["papers"]
    assert (paper["a"], paper["b"], paper["matched_by"]) == ("smith2020", "smithb", "source")
    assert data["unmatched"] == {"a": ["jones2021"], "b": []}
    claims = paper["claims"]
    assert claims["by_source"] and claims["same"] == 0
    # t's quote lies inside main's and p1's inside trade's; p2 (found near, reworded) shares only
    # "gas contracts anchor" with trade, under half of the shorter quote; r1 sits next to fading.
    assert sorted((p["a"], p["b"], p["how"]) for p in claims["pairs"]) == [
        ("p1", "trade", "quote"), ("t", "main", "quote")]
    assert claims["only_b"] == ["fading"] and sorted(claims["only_a"]) == ["c1", "p2", "r1"]
    assert paper["tensions"] == {"a": 1, "b": 1, "both": 0}  # t/c1 against main/fading: c1 has no counterpart


def test_without_a_source_text_claims_match_by_text_similarity(tmp_path: Path) -> None:
    data = agree(open_side(str(MINI)), open_side(str(second_corpus(tmp_path))), None)
    claims = data["papers"][0]["claims"]
    assert not claims["by_source"]
    assert ("t", "main", "text") in [(p["a"], p["b"], p["how"]) for p in claims["pairs"]]
    assert all(p["how"] == "text" for p in claims["pairs"])


def test_contested_cells_carry_both_values_evidence_and_quotes(tmp_path: Path) -> None:
    data = agree(open_side(str(MINI)), open_side(str(second_corpus(tmp_path))), FIXTURES / "sources")
    cells = {c["address"]: c for c in data["contested"]}
    assert sorted(cells) == ["alignment", "lens"]  # balancing.china agrees; balancing.russia only A codes
    a, b = cells["alignment"]["a"], cells["alignment"]["b"]
    assert (a["value"], b["value"], cells["alignment"]["distance"]) == (2, 1, 1)
    assert a["evidence"] == ["t", "p1"] and [c["quote"] for c in b["claims"]][0].startswith("We argue")
    assert cells["lens"]["distance"] is None  # an unordered axis has no distance
    stats = {s["address"]: s for s in data["axes"]}
    assert stats["alignment"]["level"] == "ordinal" and stats["lens"]["level"] == "nominal"
    assert stats["balancing.china"]["exact"] == 1.0 and stats["alignment"]["within_one"] == 1.0
    assert data["overall"] == {"cells": 3, "stated": 3, "exact": 0.333, "contested": 2}
    assert not data["ok"]


READING = (MINI / "readings" / "second.yaml").read_text(encoding="utf-8")


def test_a_positions_only_reading_against_its_corpus(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "second.yaml"
    path.write_text(READING, encoding="utf-8")
    r = cli("agree", MINI, path, "-c", MINI, "--sources", FIXTURES / "sources", "-f", "json")
    assert r.exit_code == 1, r.stderr  # a contested cell
    data = r.json()
    assert data["b"]["kind"] == "reading" and data["b"]["name"] == "second"
    assert [(c["paper"], c["address"]) for c in data["contested"]] == [("smith2020", "alignment")]
    smith = next(p for p in data["papers"] if p["a"] == "smith2020")["claims"]
    assert smith["same"] == 5 and smith["only_b"] == ["x1"]  # the map's five claims, plus one new one
    assert next(c for c in data["contested"][0]["b"]["claims"] if c["id"] == "x1")["role"] == "reading"
    assert data["links"]["both"] is None  # a reading makes no links of its own
    plain = cli("agree", MINI, path, "-c", MINI, "-f", "plain").stdout
    assert "smith2020  alignment: A +2 vs B +1  (distance 1)" in plain and "contested: 1 cell" in plain


def test_a_reading_that_agrees_exits_0(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "same.yaml"
    path.write_text("reading: same\npapers:\n  jones2021:\n    positions:\n      alignment: {value: -1, evidence: [t]}\n",
                    encoding="utf-8")
    r = cli("agree", MINI, path, "-c", MINI, "-f", "json")
    assert r.exit_code == 0, r.stderr and r.json()["ok"]


@pytest.mark.parametrize("text, message", [
    ("reading: r\npapers:\n  nobody2020:\n    positions: {}\n", "unknown paper 'nobody2020'"),
    ("reading: r\npapers:\n  smith2020:\n    positions:\n      alignment: {value: 7, evidence: [t]}\n",
     "'7' is not a value of axis 'alignment'"),
    ("reading: r\npapers:\n  smith2020:\n    positions:\n      alignment: {value: 1, evidence: [zz]}\n",
     "unknown claim 'zz' in smith2020"),
    ("reading: r\npapers:\n  smith2020:\n    claims:\n      - {id: p1, text: a, quote: b, locator: c}\n",
     "claim id 'p1' is already used in smith2020"),
    ("reading: r\npapers:\n  smith2020:\n    positons: {}\n", "did you mean 'positions'?"),
])
def test_a_bad_reading_points_at_the_token(cli, tmp_path: Path, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    r = cli("agree", MINI, path, "-c", MINI)
    assert r.exit_code == 3 and "Traceback" not in r.stderr
    assert "bad.yaml:" in r.stderr and message in r.stderr, r.stderr


def test_an_unknown_side_is_a_usage_error(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("agree", MINI, "nosuchreading", "-c", MINI)
    assert r.exit_code == 2 and "no reading or corpus named 'nosuchreading'" in r.stderr


def test_readings_shipped_in_a_corpus_are_found_by_name(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "c"
    shutil.copytree(MINI, corpus)  # with its readings/second.yaml
    r = cli("agree", corpus, "second", "-c", corpus, "-f", "json")
    assert r.json()["b"]["name"] == "second" and r.json()["b"]["path"].endswith("readings/second.yaml")
    assert cli("validate", corpus).exit_code == 0  # readings/ is not part of the maps


def test_compare_stars_the_cells_a_reading_contests(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("compare", "alignment", "-c", MINI, "--reading", "second", "-f", "json")
    assert r.exit_code == 0, r.stderr
    cells = {row["paper"]: row["positions"]["alignment"] for row in r.json()["papers"]}
    assert cells["smith2020"]["contested"] and not cells["jones2021"]["contested"]
    assert cells["smith2020"]["readings"] == [{"reading": "second", "value": 1, "stated": True,
                                                "evidence": ["t", "x1"], "note": "mistrust weighs more than the map says"}]
    plain = cli("compare", "alignment", "-c", MINI, "--reading", "second", "-f", "plain").stdout
    assert "smith2020*" in plain and "jones2021*" not in plain
    assert "  smith2020: +2; second +1" in plain
    grid = cli("compare", "balancing", "-c", MINI, "--reading", "second", "-f", "plain").stdout
    assert "*" not in grid  # the reading agrees on balancing.china and does not code the rest
    without = cli("compare", "alignment", "-c", MINI, "-f", "json").json()
    assert "contested" not in without["papers"][0]["positions"]["alignment"]
