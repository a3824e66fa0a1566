"""Corpus-wide alignment: blocking finds what brute force finds."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap import align
from argmap.load import load_corpus
from argmap.text import normalise
from conftest import MINI, ROOT


def items(*texts: tuple[str, str]) -> list[align.ClaimText]:
    return [align.ClaimText(paper, f"c{i}", align.normalise(text)) for i, (paper, text) in enumerate(texts)]


def test_prefix_length_grows_with_allowed_difference() -> None:
    assert align.prefix_length(10, 100 + align.MARGIN) == 1
    assert align.prefix_length(10, 85 + align.MARGIN) == 2
    assert align.prefix_length(10, 50 + align.MARGIN) == 6
    assert align.prefix_length(10, 85) == 3  # indexed as if 75


def test_join_finds_near_duplicates_across_papers_only() -> None:
    claims = items(
        ("a", "Russia and China deepen energy cooperation in the Arctic"),
        ("b", "China and Russia deepen energy cooperation in the Arctic!"),  # same words, other order
        ("a", "Russia and China deepen energy cooperation in the Arctic"),  # same paper: never paired
        ("c", "Mistrust over Central Asia limits the partnership"),
    )
    found = align.join(claims, 85)
    assert [(i, j, s) for i, j, s in found] == [(0, 1, 100.0), (1, 2, 100.0)]


def test_blocking_recall_matches_brute_force_on_a_synthetic_corpus(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import make_corpus
    from brute import brute_force

    make_corpus.make(40, 3, tmp_path / "c", source=MINI)
    corpus_items = align.claim_texts(load_corpus(tmp_path / "c", use_cache=False))
    truth = brute_force(corpus_items, 85)
    found = {(i, j) for i, j, _ in align.join(corpus_items, 85)}
    assert truth, "the generator plants duplicates"
    assert found <= truth  # every pair found scores at or above the threshold
    assert len(truth & found) / len(truth) >= 0.95


def test_align_data_and_cli(cli) -> None:  # type: ignore[no-untyped-def]
    data = align.align(load_corpus(MINI), threshold=60)
    assert data["pairs"][0]["a"]["ref"] == "jones2021#c1" and data["pairs"][0]["b"]["ref"] == "smith2020#p1"
    out = cli("align", "smith", "jones", "-c", MINI, "--threshold", "60", "-f", "json").json()
    assert out == data
    r = cli("align", "smith", "-c", MINI)
    assert r.exit_code == 2 and "name two papers, or pass --all" in r.stderr
    assert cli("align", "--all", "-c", MINI, "--threshold", "101").exit_code == 2


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_fast_path_of_normalise_matches_the_general_rule(text: str) -> None:
    import re

    assert normalise(text) == " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())
