"""Corpus-wide alignment: the prefix-filtered join finds what scoring every pair finds, and past its budget
every pair its share promises."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.compare import align
from argmap.load import load_corpus
from argmap.similarity import ClaimDoc, Weights, coverage, text_terms, weights_of
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
    assert align.join(claims, 45) == ([(0, 1, 100.0), (1, 2, 100.0)], 0.0875, True)


@pytest.fixture(params=["numpy", "python"])
def join_path(request: pytest.FixtureRequest) -> str:
    """Each test taking it runs twice: with the vectorised join (numpy) and with the pure-Python one."""
    if request.param == "numpy":
        pytest.importorskip("numpy")
    else:
        request.getfixturevalue("without_numpy")
    return str(request.param)


def synthetic(tmp_path: Path, papers: int) -> list[align.ClaimText]:
    import make_corpus

    make_corpus.make(papers, 3, tmp_path / "c")  # words recombined from the bundled maps, as in bench/run.py
    return align.claim_texts(load_corpus(tmp_path / "c", use_cache=False))


def test_within_its_budget_the_join_finds_every_pair_scoring_every_pair_finds(tmp_path: Path, join_path: str
                                                                             ) -> None:
    from brute import brute_force

    corpus_items = synthetic(tmp_path, 15)
    truth = brute_force(corpus_items, align.DEFAULT_THRESHOLD)
    joined = align.join(corpus_items, align.DEFAULT_THRESHOLD)
    assert truth, "the generator plants duplicates"
    assert joined.exhaustive and {(i, j) for i, j, _ in joined.pairs} == truth


def test_past_its_budget_the_join_finds_every_pair_sharing_its_share(tmp_path: Path, join_path: str) -> None:
    from brute import brute_scores

    corpus_items = synthetic(tmp_path, 15)
    truth = brute_scores(corpus_items, align.DEFAULT_THRESHOLD)
    joined = align.join(corpus_items, align.DEFAULT_THRESHOLD, budget=100)
    assert not joined.exhaustive and joined.share > 0.0875
    weights = weights_of(item.doc.terms() for item in corpus_items)

    def held(i: int, j: int) -> float:  # the share of each claim's word weight the pair shares, the smaller
        a, b = corpus_items[i].doc.words, corpus_items[j].doc.words
        return min(coverage(a, b, weights), coverage(b, a, weights)) / 100

    promised = {p for p in truth if held(*p) >= joined.share}
    found = {(i, j): s for i, j, s in joined.pairs}
    assert promised and len(promised) < len(truth)  # the budget made it leave some pairs out...
    assert promised <= set(found) and all(truth[p] == s for p, s in found.items())  # ...never a promised one


def test_on_the_bundled_corpus_align_finds_every_pair(cli, join_path: str) -> None:  # type: ignore[no-untyped-def]
    from brute import brute_scores
    from conftest import BUNDLED

    truth = brute_scores(align.claim_texts(load_corpus(BUNDLED)), align.DEFAULT_THRESHOLD)
    data = cli("align", "--all", "-c", BUNDLED, "-f", "json").json()
    assert data["exhaustive"] and data["total"] == len(truth) == len(data["pairs"])
    items = align.claim_texts(load_corpus(BUNDLED))
    ref = {i: f"{item.paper}#{item.claim}" for i, item in enumerate(items)}
    assert {(p["a"]["ref"], p["b"]["ref"]): p["score"] for p in data["pairs"]} == \
        {(ref[i], ref[j]): round(s, 1) for (i, j), s in truth.items()}


def test_the_vectorised_join_gives_what_the_pure_python_one_gives(tmp_path: Path, request: pytest.FixtureRequest
                                                                  ) -> None:
    """The same share, pairs and scores to the last bit, within the budget and past it, and at thresholds
    where every pair is a candidate (share 0), on a synthetic corpus (tags) and the bundled one (entities)."""
    pytest.importorskip("numpy")
    from conftest import BUNDLED

    corpora = {"synthetic": synthetic(tmp_path, 15), "bundled": align.claim_texts(load_corpus(BUNDLED))}
    cases = [(name, threshold, budget) for name in corpora for threshold in (20, 30, 45, 60)
             for budget in (align.BUDGET, 1000, 100)]
    vectorised = {case: align.join(corpora[case[0]], case[1], budget=case[2]) for case in cases}
    request.getfixturevalue("without_numpy")
    python = {case: align.join(corpora[case[0]], case[1], budget=case[2]) for case in cases}
    assert {j.share for j in python.values()} >= {0.0, 0.0875, 0.6}, "every kind of share is tried"
    for case in cases:
        assert vectorised[case] == python[case], case


@pytest.mark.parametrize("source", ["mini", "bundled"])
def test_align_from_the_search_index_equals_align_from_the_papers(source: str, tmp_path: Path, join_path: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from argmap import load
    from conftest import BUNDLED

    shutil.copytree(MINI if source == "mini" else BUNDLED, tmp_path / "c")
    from_papers = align.align(load_corpus(tmp_path / "c", use_cache=False), threshold=30)
    align.align(load_corpus(tmp_path / "c"), threshold=30)  # fills the cache and its search index
    corpus = load_corpus(tmp_path / "c")

    def decode(self: object) -> None:
        raise AssertionError("a paper was decoded: the terms should come from the index")

    monkeypatch.setattr(load._Later, "__call__", decode)
    from_index = align.align(corpus, threshold=30)
    assert from_index == from_papers and from_index["pairs"]


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
