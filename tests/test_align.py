"""Corpus-wide alignment: the prefix-filtered join finds what the exact join finds."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from argmap.compare import align
from argmap.load import load_corpus
from argmap.similarity import ClaimDoc, Weights, text_terms
from argmap.text import normalise
from conftest import MINI, ROOT

sys.path.insert(0, str(ROOT / "bench"))


def items(*texts: tuple[str, str]) -> list[align.ClaimText]:
    return [align.ClaimText(paper, f"c{i}", ClaimDoc(text_terms(text), frozenset()))
            for i, (paper, text) in enumerate(texts)]


def test_prefix_is_the_rarest_terms_until_too_little_weight_is_left() -> None:
    doc = ClaimDoc({"common": 1.0, "rare": 1.0, "rarest": 1.0}, frozenset())
    weights = Weights({"common": 90, "rare": 10, "rarest": 1}, 100)  # idf about 4.2, 2.3 and 0.1
    assert align.prefix(doc, weights, 1.0) == ["rarest"]  # a pair sharing everything shares the rarest term
    assert align.prefix(doc, weights, 0.3) == ["rarest", "rare"]
    assert align.prefix(doc, weights, 0.01) == ["rarest", "rare", "common"]


def test_join_finds_near_duplicates_across_papers_only() -> None:
    claims = items(
        ("a", "Russia and China deepen energy cooperation in the Arctic"),
        ("b", "China and Russia deepen energy cooperation in the Arctic!"),  # same words, other order
        ("a", "Russia and China deepen energy cooperation in the Arctic"),  # same paper: never paired
        ("c", "Mistrust over Central Asia limits the partnership"),
    )
    assert align.join(claims, 45) == [(0, 1, 100.0), (1, 2, 100.0)]


def test_prefix_join_recalls_the_brute_force_on_a_synthetic_corpus(tmp_path: Path) -> None:
    import make_corpus
    from brute import brute_force

    make_corpus.make(15, 3, tmp_path / "c")  # words recombined from the bundled maps, as in bench/run.py
    corpus_items = align.claim_texts(load_corpus(tmp_path / "c", use_cache=False))
    truth = brute_force(corpus_items, align.DEFAULT_THRESHOLD)
    found = {(i, j) for i, j, _ in align.join(corpus_items, align.DEFAULT_THRESHOLD)}
    assert truth, "the generator plants duplicates"
    assert found <= truth  # every pair found is scored, not guessed
    assert len(found) / len(truth) >= 0.95  # blocking at MIN_SHARE loses few pairs


def test_with_the_exact_share_the_prefix_join_misses_nothing(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import make_corpus
    from brute import brute_force

    monkeypatch.setattr(align, "MIN_SHARE", 0.0)  # index with similarity.min_coverage alone
    make_corpus.make(10, 3, tmp_path / "c", source=MINI)
    corpus_items = align.claim_texts(load_corpus(tmp_path / "c", use_cache=False))
    truth = brute_force(corpus_items, align.DEFAULT_THRESHOLD)
    assert truth and {(i, j) for i, j, _ in align.join(corpus_items, align.DEFAULT_THRESHOLD)} == truth


def test_align_data_and_cli(cli) -> None:  # type: ignore[no-untyped-def]
    data = align.align(load_corpus(MINI), threshold=45)
    assert data["pairs"][0]["a"]["ref"] == "jones2021#c1" and data["pairs"][0]["b"]["ref"] == "smith2020#p1"
    out = cli("align", "smith", "jones", "-c", MINI, "--threshold", "45", "-f", "json").json()
    assert out == data
    r = cli("align", "smith", "-c", MINI)
    assert r.exit_code == 2 and "name two papers, or pass --all" in r.stderr
    assert cli("align", "--all", "-c", MINI, "--threshold", "101").exit_code == 2


def test_align_and_diff_agree_on_the_bundled_corpus(cli) -> None:  # type: ignore[no-untyped-def]
    from conftest import BUNDLED

    pairs = cli("align", "--all", "-c", BUNDLED, "-f", "json").json()["pairs"]
    assert pairs, "the default threshold finds pairs in the bundled corpus"
    a, b = (p.partition("#")[0] for p in (pairs[0]["a"]["ref"], pairs[0]["b"]["ref"]))
    diff = cli("diff", a, b, "-c", BUNDLED, "-f", "json").json()
    suggested = {(m["a"]["id"], m["b"]["id"]) for m in diff["matches"] if m["source"] == "suggestion"}
    best = (pairs[0]["a"]["ref"].partition("#")[2], pairs[0]["b"]["ref"].partition("#")[2])
    linked = {(m["a"]["id"], m["b"]["id"]) for m in diff["matches"] if m["source"] == "link"}
    assert best in suggested | linked  # align's best pair is one diff shows too


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_fast_path_of_normalise_matches_the_general_rule(text: str) -> None:
    import re

    assert normalise(text) == " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())
