"""`link suggest`: ranked partners in other papers, a proposed relation, linked pairs left out."""

from __future__ import annotations

import pytest

from argmap.errors import UsageError
from argmap.load import load_corpus
from argmap.suggest import compose, negated, paths_from, propose_relation, suggest_links

from conftest import MINI


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return load_corpus(MINI, use_cache=False)


def refs(data) -> list[str]:  # type: ignore[no-untyped-def]
    return [c["ref"] for c in data["candidates"]]


def test_the_near_duplicate_ranks_first_and_is_likely(corpus) -> None:  # type: ignore[no-untyped-def]
    data = suggest_links(corpus, "smith2020#p1")  # "Trade between them has grown fast."
    assert refs(data)[0] == "jones2021#c1"  # "Trade has grown a lot."
    assert data["candidates"][0]["likely"] and all(c["score"] > 0 for c in data["candidates"])  # sharing nothing: none
    assert [c["score"] for c in data["candidates"]] == sorted((c["score"] for c in data["candidates"]), reverse=True)
    jones = sum(1 for _ in corpus.papers["jones2021"].claims()) - 1  # no link touches smith2020#p1; c3 is reported
    assert data["searched"] == jones and all(r.startswith("jones2021#") for r in refs(data))


def test_a_view_the_paper_only_reports_is_never_a_candidate(corpus) -> None:  # type: ignore[no-untyped-def]
    # jones2021#c3 "Some analysts see the two as one anti-Western bloc." (reported_by: some analysts) shares
    # smith2020#t's tag and its wording on convergence; it is the analysts' view, not Jones's.
    for ref in ("smith2020#t", "smith2020#p1", "smith2020#c1"):
        assert "jones2021#c3" not in refs(suggest_links(corpus, ref, limit=None))
    with_reported = suggest_links(corpus, "jones2021#c3", limit=None)  # asking about it still works
    assert with_reported["candidates"] and all(r.startswith("smith2020#") for r in refs(with_reported))


def test_linked_and_dismissed_pairs_are_never_suggested(corpus) -> None:  # type: ignore[no-untyped-def]
    assert "jones2021#p1" not in refs(suggest_links(corpus, "smith2020#c1", limit=None))  # curated in links.yaml
    kept = suggest_links(corpus, "smith2020#p1", limit=None, dismissed={frozenset(("smith2020#p1", "jones2021#c1"))})
    assert "jones2021#c1" not in refs(kept) and kept["searched"] == sum(1 for _ in corpus.papers["jones2021"].claims()) - 2


def test_relation_from_leans_then_negation(corpus) -> None:  # type: ignore[no-untyped-def]
    c = {f"{p.id}#{n.claim.id}": n.claim for p in corpus.papers.values() for n in p.claims()}
    assert propose_relation(corpus, c["smith2020#t"], c["jones2021#t"])[0] == "contradicts"  # alignment 2 vs -1
    assert propose_relation(corpus, c["smith2020#c1"], c["jones2021#p1"])[0] == "agrees"  # both -1
    # no shared lean: jones2021#t says the partnership "will not survive", smith2020#p2 negates nothing
    assert propose_relation(corpus, c["smith2020#p2"], c["jones2021#c1"]) == ("refines", "related claims, no shared lean")
    assert negated("It will not survive") and negated("They can't") and not negated("Trade has grown")


@pytest.fixture
def chained(tmp_path):  # type: ignore[no-untyped-def]
    """The mini corpus and a third paper, kim2022, linked to a claim of each: smith2020#r1 agrees
    kim2022#t, which contradicts jones2021#p3 ("Russia courts China's rivals with gas and arms deals
    alike."), a claim sharing no word or tag with smith2020#r1."""
    import shutil

    root = tmp_path / "corpus"
    shutil.copytree(MINI, root)
    (root / "kim2022.yaml").write_text(
        "id: kim2022\ntitle: A third paper\nauthors: [Kim]\nyear: 2022\nthesis:\n  id: t\n"
        "  text: Pressure from Washington binds them closer than any rivalry divides them.\n"
        "  quote: pressure binds them\n  locator: Abstract\n", encoding="utf-8")
    with open(root / "links.yaml", "a", encoding="utf-8") as f:
        f.write("  - {a: smith2020#r1, b: kim2022#t, relation: agrees, note: pressure outweighs}\n"
                "  - {a: kim2022#t, b: jones2021#p3, relation: contradicts, note: binds vs courts rivals}\n")
    return load_corpus(root, use_cache=False)


def test_a_claim_two_links_away_comes_first_with_the_composed_relation(chained) -> None:  # type: ignore[no-untyped-def]
    data = suggest_links(chained, "smith2020#r1", within="jones2021")
    first = data["candidates"][0]
    assert first["ref"] == "jones2021#p3" and first["score"] == 0.0  # no word shared: only the links find it
    assert first["via"] == ["kim2022#t"] and first["relation"] == "contradicts" and first["likely"]
    assert "kim2022#t" in first["why"]
    assert all(c["via"] == [] for c in data["candidates"][1:])
    # without the two links, p3 shares nothing with r1 and is no candidate at all
    from dataclasses import replace

    bare = suggest_links(replace(chained, links=[]), "smith2020#r1", within="jones2021", limit=None)
    assert "jones2021#p3" not in refs(bare)


def test_paths_never_lead_back_into_the_claims_own_paper(chained) -> None:  # type: ignore[no-untyped-def]
    assert paths_from(chained, "smith2020#r1") == {"jones2021#p3": [("kim2022#t", "agrees", "contradicts")]}
    assert paths_from(chained, "jones2021#p3") == {"smith2020#r1": [("kim2022#t", "contradicts", "agrees")]}
    assert paths_from(chained, "smith2020#t") == {}  # jones2021#t's one link leads back to smith2020#t itself
    assert paths_from(chained, "kim2022#t") == {}  # both its partners' only link is to kim2022#t


def test_a_reached_pair_already_linked_or_dismissed_is_still_left_out(chained) -> None:  # type: ignore[no-untyped-def]
    gone = suggest_links(chained, "smith2020#r1", within="jones2021", limit=None,
                         dismissed={frozenset(("smith2020#r1", "jones2021#p3"))})
    assert "jones2021#p3" not in refs(gone)


@pytest.mark.parametrize("first, second, composed", [
    ("agrees", "agrees", "agrees"), ("same", "agrees", "agrees"), ("same", "same", "agrees"),
    ("agrees", "contradicts", "contradicts"), ("contradicts", "same", "contradicts"),
    ("contradicts", "contradicts", "agrees"),
    ("refines", "agrees", "refines"), ("contradicts", "refines", "refines"),
])
def test_two_links_compose(first: str, second: str, composed: str) -> None:
    assert compose(first, second) == composed  # type: ignore[arg-type]
    assert compose(second, first) == composed  # type: ignore[arg-type]


@pytest.mark.parametrize("ref, within, message", [
    ("smith2020#p9", None, "has no claim 'p9'"),
    ("smyth2020#p1", None, "did you mean 'smith2020'"),
    ("smith2020#p1", "smith2020", "two different papers"),
])
def test_bad_references_are_usage_errors(corpus, ref: str, within: str | None, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match=message):
        suggest_links(corpus, ref, within)


def test_cli_accepts_surnames_and_prints_how_to_triage(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("link", "suggest", "smith#p1", "--in", "jones", "-n", "2", "-c", MINI, "-f", "plain")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "smith2020#p1: Trade between them has grown fast."
    assert "jones2021#c1" in lines[1] and "likely" in lines[1] and 3 <= len(lines) <= 4
    assert "argmap link accept smith2020#p1 REF" in lines[-1] and "argmap link dismiss" in lines[-1]
    assert cli("link", "suggest", "smith#p1", "-c", MINI, "-f", "rich").exit_code == 0


def test_judged_queries_name_claims_that_exist() -> None:
    import yaml

    from conftest import BUNDLED, ROOT

    corpus = load_corpus(BUNDLED, use_cache=False)
    queries = yaml.safe_load((ROOT / "tests" / "fixtures" / "judged_queries.yaml").read_text())["queries"]
    assert len(queries) >= 20
    missing = [r for q in queries for r in q["highly"] + q["relevant"] if corpus.claim(r) is None]
    assert missing == [], "a recode renamed judged claims: judge those queries again"


@pytest.mark.parametrize("name", ["judged_pairs.yaml", "judged_pairs_reader2.yaml"])
def test_judged_pairs_are_real_uncurated_cross_paper_pairs(name: str) -> None:
    import yaml

    from conftest import BUNDLED, ROOT

    from argmap.model import RELATIONS

    corpus = load_corpus(BUNDLED, use_cache=False)
    pairs = yaml.safe_load((ROOT / "tests" / "fixtures" / name).read_text())["pairs"]
    curated = {frozenset((link.a, link.b)) for link in corpus.links}
    assert len(pairs) >= 100 and len({frozenset((p["a"], p["b"])) for p in pairs}) == len(pairs)
    missing = [r for p in pairs for r in (p["a"], p["b"]) if corpus.claim(r) is None]
    assert missing == [], "a recode renamed judged claims: judge those pairs again"
    assert all(p["a"].partition("#")[0] != p["b"].partition("#")[0] for p in pairs)
    assert not curated & {frozenset((p["a"], p["b"])) for p in pairs}  # the pool left the curated links out
    assert {p["judged"] for p in pairs} <= {*RELATIONS, "unrelated"}


def test_the_second_reader_judged_the_same_pairs_as_the_first() -> None:
    import yaml

    from conftest import ROOT

    def pairs(name: str) -> list[frozenset[str]]:
        data = yaml.safe_load((ROOT / "tests" / "fixtures" / name).read_text())["pairs"]
        return [frozenset((p["a"], p["b"])) for p in data]

    assert pairs("judged_pairs_reader2.yaml") == pairs("judged_pairs.yaml")


def test_similarity_benchmark_runs_and_reports_every_figure(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path / "s.json"
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "similarity.py"), "--no-embeddings", "--out", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    ours = data["scorers"]["argmap"]
    assert set(ours["diff"]) == {"all", "tuned on", "held out"} and 0 <= ours["suggest recall@5"] <= 1
    assert data["relations"]["links"] == data["links"] and data["query"]["queries"] >= 20
    assert ours["diff"]["all"]["unjudged"] == 0  # every default suggestion is curated or judged
    assert [row["threshold"] for row in data["argmap threshold curve"]] == sorted(
        (row["threshold"] for row in data["argmap threshold curve"]), reverse=True)
    assert [x["rule"] for x in data["argmap leave one pair out"]] == ["F1", "judged >= 50 %"]
    assert data["relations, leans from the second reading"]["links"] == data["links"]
    second = data["second reading of the links"]
    agree = second["agreement with the curated"]
    assert agree["first"] == data["links"] and agree["both link"] <= min(agree["first"], agree["second"])
    alone = second["curated, one hidden, the other curated known"]
    # no path of curated links reaches a hidden partner, so the ranking is the words' alone
    assert alone["ends reached through links"] == 0 and alone["recall@5"] == ours["suggest recall@5"]
    assert second["curated, one hidden, the other curated and the second reading known"]["ends reached through links"] > 0
