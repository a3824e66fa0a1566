"""Maps as small graphs: further roots, edges by id, undercuts, claims with no quote yet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argmap.errors import InputError
from argmap.graph import Edge, Undercut, graph
from argmap.load import load_corpus
from argmap.verify import verify

from conftest import FIXTURES

GRAPH = FIXTURES / "graph"


def test_graph_fields_load() -> None:
    paper = load_corpus(GRAPH, use_cache=False).papers["debate2024"]
    assert [(n.claim.id, n.role, n.parent) for n in paper.claims()][-2:] == [("t2", "thesis", None), ("c2", "counterpoint", "t2")]
    g = graph(paper)
    assert g.extra_edges() == [Edge("p1", "t2", "support", False), Edge("c1", "t2", "attack", False)]
    assert Edge("c2", "t2", "attack", True) in g.edges and Edge("r1", "c1", "attack", True) in g.edges
    assert g.undercuts == [Undercut("c2", "p1>t")]
    assert paper.claim("p2").quote is None  # type: ignore[union-attr]


def _edited(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """A copy of the graph corpus with each (old, new) replaced in debate2024.yaml."""
    corpus = tmp_path / "corpus"
    shutil.copytree(GRAPH, corpus)
    path = corpus / "debate2024.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return corpus


def _broken(tmp_path: Path, old: str, new: str) -> list[str]:
    corpus = _edited(tmp_path, (old, new))
    with pytest.raises(InputError) as e:
        load_corpus(corpus, use_cache=False)
    return [f"{p.line}: {p.message} ({p.hint})" for p in e.value.problems]


@pytest.mark.parametrize("old, new, expected", [
    ("supports: [t2]", "supports: [t3]", "17: unknown claim 't3' in debate2024 (did you mean 't'?)"),
    ("supports: [t2]", "supports: [p1]", "17: claim 'p1' supports itself (point it at another claim)"),
    ("supports: [t2]", "supports: [t]", "17: 'p1' already supports 't' in the tree (drop 't' from supports)"),
    ("supports: [t2]", "supports: [t2]\n      attacks: [t2]",
     "18: 'p1' names 't2' twice (in supports and attacks) (keep one)"),
    ("undercuts: [p1>t]", "undercuts: [p2>t2]",
     "42: 'p2>t2' is no support or attack of debate2024 (name an edge of the paper as premise>conclusion: "
     "did you mean 'p2>t'?)"),
    ("undercuts: [p1>t]", "undercuts: [p1]",
     "42: 'p1' is not an inference 'premise>conclusion' (name the edge by its two claim ids, e.g. 'p1>t')"),
])
def test_bad_references_are_reported_where_they_are(tmp_path: Path, old: str, new: str, expected: str) -> None:
    problems = _broken(tmp_path, old, new)
    assert len(problems) == 1 and problems[0].startswith(expected), problems


@pytest.mark.parametrize("use_cache", [False, True])
def test_a_hash_ref_is_made_bare_once_at_load(tmp_path: Path, use_cache: bool) -> None:
    corpus = _edited(tmp_path, ("supports: [t2]", 'supports: ["#t2"]'), ("attacks: [t2]", 'attacks: ["#t2"]'))
    for _ in range(1 + use_cache):  # with the cache: parsed and stored, then read back warm
        paper = load_corpus(corpus, use_cache=use_cache).papers["debate2024"]
        assert (paper.claim("p1").supports, paper.claim("c1").attacks) == (["t2"], ["t2"])  # type: ignore[union-attr]
        assert graph(paper).extra_edges() == [Edge("p1", "t2", "support", False), Edge("c1", "t2", "attack", False)]


def test_undercut_may_name_an_edge_added_by_id(tmp_path: Path) -> None:
    corpus = _edited(tmp_path, ("undercuts: [p1>t]", "undercuts: [c1>t2]"))
    assert graph(load_corpus(corpus, use_cache=False).papers["debate2024"]).undercuts == [Undercut("c2", "c1>t2")]


def test_verify_reports_claims_with_no_quote_yet(cli) -> None:  # type: ignore[no-untyped-def]
    data = verify(load_corpus(GRAPH, use_cache=False), GRAPH)
    assert {q["id"]: q["status"] for q in data["quotes"]} == {
        "t": "exact", "p1": "exact", "p2": "unquoted", "c1": "exact", "r1": "exact", "t2": "exact", "c2": "exact"}
    assert data["counts"] == {"exact": 6, "near": 0, "missing": 0, "unquoted": 1} and data["ok"] is False
    r = cli("verify", "--sources", GRAPH, "--corpus", GRAPH, "--format", "plain")
    assert r.exit_code == 1
    assert "unquoted  debate2024#p2 (Section 2): no verified quote yet" in r.stdout
    assert r.stdout.rstrip().endswith("1 claims with no verified quote yet (sources: " + str(GRAPH) + ")")


@pytest.mark.parametrize("fmt", ["argdown", "aif"])
def test_graph_round_trips_keep_roots_edges_and_undercuts(fmt: str) -> None:
    from argmap.exporters import export
    from argmap.importers import importer
    from argmap.model import Paper
    from argmap.spec import convert

    corpus = load_corpus(GRAPH, use_cache=False)
    paper = corpus.papers["debate2024"]
    back, issues = convert(Paper, importer(fmt).parse(export(corpus, [paper], fmt), paper.id))
    assert issues == []
    assert [r.id for r in back.roots] == ["t2"] and back.thesis.id == "t"
    assert set(graph(back).edges) == set(graph(paper).edges) and graph(back).undercuts == graph(paper).undercuts


def test_argdown_cli_reads_the_graph_export(tmp_path: Path) -> None:
    """The real parser finds one statement per claim and every edge, the ones added by id included."""
    import json
    import subprocess

    from argmap.exporters import export

    cli = shutil.which("argdown")
    if cli is None:
        pytest.skip("the Argdown CLI is not installed (npm install -g @argdown/cli@1.7.5)")
    corpus = load_corpus(GRAPH, use_cache=False)
    paper = corpus.papers["debate2024"]
    (tmp_path / "g.argdown").write_text(export(corpus, [paper], "argdown"), encoding="utf-8")
    run = subprocess.run([cli, "json", str(tmp_path / "g.argdown"), "--stdout", "--silent"], capture_output=True,
                         text=True, timeout=300)
    doc = json.loads(run.stdout)
    assert len(doc["statements"]) == sum(1 for _ in paper.claims())
    found = {(r["from"], r["to"], r["relationType"]) for r in doc["relations"]}
    assert found == {(f"debate2024_{e.source}", f"debate2024_{e.target}", e.kind) for e in graph(paper).edges}


def test_import_follows_renamed_ids_into_undercut_data() -> None:
    """Titles that are no slugs rename every claim by role; an undercut kept in data must follow them."""
    from argmap.graph import problems
    from argmap.importers import importer
    from argmap.model import Paper
    from argmap.spec import convert

    text = """[Ban]: Cities should ban private cars from their centres.
  + [Pollution]: Cars pollute the air.
  + [Safety]: Centres without cars are safer.

[Charge]: Cities should charge for driving in the centre.
  - [Falling]: Traffic pollution is falling without any ban.

[Falling] {"undercuts": ["Pollution>Ban", "Safety>Ban"]}
"""
    back, issues = convert(Paper, importer("argdown").parse(text, "debate"))
    assert issues == []
    assert [(n.claim.id, n.claim.text.split()[0]) for n in back.claims()] == [
        ("t", "Cities"), ("p1", "Cars"), ("p2", "Centres"), ("t2", "Cities"), ("c1", "Traffic")]
    assert back.claim("c1").undercuts == ["p1>t", "p2>t"]  # type: ignore[union-attr]
    assert problems(back) == []


def test_import_keeps_undercuts_from_data_beside_those_of_the_format() -> None:
    from argmap.importers import importer

    text = """[Ban]: Cities should ban private cars.
  + [Pollution]: Cars pollute the air.
  + [Safety]: Centres without cars are safer.
  - [Falling]: Traffic pollution is falling.
    _> [Pollution]

[Falling] {"undercuts": ["Safety>Ban"]}
"""
    data = importer("argdown").parse(text, "debate")
    assert data["thesis"]["counterpoints"][0]["undercuts"] == ["p2>t", "p1>t"]
