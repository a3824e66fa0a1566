"""A graph map drawn everywhere: further roots and edges by id in tree, show, DOT, Mermaid and pictures.

The fixture, tests/fixtures/graph/debate2024.yaml, has two roots, a support
and an attack added by id, and an undercut of a tree edge.
"""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from argmap.exporters import export
from argmap.graph import graph
from argmap.load import load_corpus
from argmap.model import Corpus, Paper
from argmap.render.papers import EDGE_MARK
from argmap.views import tree_data
from conftest import FIXTURES, MINI, ROOT
from test_interop_graph import STATEMENT, needs_dot, run_dot

GRAPH = FIXTURES / "graph"
ADDED = [("p1", "supports", "t2"), ("c1", "attacks", "t2"), ("c2", "undercuts", "p1>t")]  # what the map adds by id


@pytest.fixture(scope="module")
def graph_corpus() -> Corpus:
    return load_corpus(GRAPH, use_cache=False)


def schema(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((ROOT / "docs" / "json" / f"{name}.schema.json").read_text()))


# --- tree ---------------------------------------------------------------------------

def test_tree_plain_golden(cli, golden) -> None:  # type: ignore[no-untyped-def]
    r = cli("tree", "debate2024", "-c", GRAPH, "-f", "plain")
    assert r.exit_code == 0
    golden("graph_tree_debate2024.txt", r.stdout)


def test_tree_rich_golden(cli, golden) -> None:  # type: ignore[no-untyped-def]
    r = cli("tree", "debate2024", "-c", GRAPH, "-f", "rich")
    assert r.exit_code == 0
    golden("graph_tree_debate2024.rich.txt", r.stdout)


def test_tree_rich_colours_edges_by_kind(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("tree", "debate2024", "-c", GRAPH, "-f", "rich", env={"FORCE_COLOR": "1", "COLUMNS": "120"}).stdout
    assert "\x1b[32m→ supports t2" in out and "\x1b[31m⊣ attacks t2" in out and "\x1b[33m⤳ undercuts p1>t" in out


def test_tree_json_golden_and_schema(cli, golden) -> None:  # type: ignore[no-untyped-def]
    r = cli("tree", "debate2024", "-c", GRAPH, "-f", "json")
    golden("graph_tree_debate2024.json", r.stdout)
    data = r.json()
    assert list(schema("tree").iter_errors(data)) == []
    assert [root["id"] for root in data["roots"]] == ["t2"]


def walk(node: dict) -> list[dict]:  # type: ignore[type-arg]
    return [node] + [n for child in node["children"] for n in walk(child)]


def test_tree_data_holds_every_claim_and_every_added_edge_once() -> None:
    paper = load_corpus(GRAPH, use_cache=False).papers["debate2024"]
    data = tree_data(paper)
    nodes = [n for root in (data["root"], *data["roots"]) for n in walk(root)]  # type: ignore[arg-type]
    assert [n["id"] for n in nodes] == [n.claim.id for n in paper.claims()]
    assert [(n["id"], e["kind"], e["target"]) for n in nodes for e in n["edges"]] == ADDED


def test_tree_depth_cuts_every_root(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("tree", "debate2024", "-c", GRAPH, "-f", "plain", "--depth", "0").stdout.splitlines()
    assert out[1:] == ["T t: Cities should ban private cars from their centres.",
                       "T t2: Cities should charge for driving in the centre."]


def test_strength_scores_the_further_roots_too(cli) -> None:  # type: ignore[no-untyped-def]
    data = cli("strength", "debate2024", "-c", GRAPH, "-f", "json").json()
    assert list(schema("strength").iter_errors(data)) == []
    assert "strength" in data["roots"][0] and "strength" in data["roots"][0]["children"][0]
    plain = cli("strength", "debate2024", "-c", GRAPH, "-f", "plain").stdout.splitlines()
    assert plain[plain.index(next(x for x in plain if x.startswith("T t2: ["))) + 2] == "      ~> undercuts p1>t"


def test_a_tree_without_graph_fields_has_no_edge_lines(cli) -> None:  # type: ignore[no-untyped-def]
    data = cli("tree", "smith2020", "-c", MINI, "-f", "json").json()
    assert data["roots"] == [] and all(n["edges"] == [] for n in walk(data["root"]))


# --- show ---------------------------------------------------------------------------

def test_show_plain_golden(cli, golden) -> None:  # type: ignore[no-untyped-def]
    r = cli("show", "debate2024", "-c", GRAPH, "-f", "plain")
    assert r.exit_code == 0
    golden("graph_show_debate2024.txt", r.stdout)


def test_show_json_lists_further_roots_and_added_edges(cli) -> None:  # type: ignore[no-untyped-def]
    data = cli("show", "debate2024", "-c", GRAPH, "-f", "json").json()
    assert list(schema("show").iter_errors(data)) == []
    assert [(r["id"], r["role"]) for r in data["roots"]] == [("t2", "thesis")]
    assert [(e["source"], e["kind"], e["target"]) for e in data["edges"]] == ADDED


def test_show_rich_names_the_further_root_and_the_edges(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("show", "debate2024", "-c", GRAPH, "-f", "rich").stdout
    assert "Further root t2 Cities should charge for driving in the centre." in out
    assert "  c2 ⤳ undercuts p1>t" in out


def test_show_of_a_tree_says_nothing_of_edges(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("show", "smith2020", "-c", MINI, "-f", "plain").stdout
    assert "edges by id" not in out and "further root" not in out


# --- DOT, with the real Graphviz ----------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def drawn_edges(paper: Paper) -> set[tuple[str, str]]:
    """The (from, to) node pairs a drawing of the paper must have: an undercut inference through its dot."""
    g = graph(paper)
    undercut = {u.inference for u in g.undercuts}
    pairs = set()
    for e in g.edges:
        pairs |= {(e.source, e.name), (e.name, e.target)} if e.name in undercut else {(e.source, e.target)}
    return pairs | {(u.source, u.inference) for u in g.undercuts}


def test_dot_golden(graph_corpus, golden) -> None:  # type: ignore[no-untyped-def]
    golden("export_debate2024.dot", export(graph_corpus, [graph_corpus.papers["debate2024"]], "dot"))


@needs_dot
def test_dot_draws_every_edge_the_added_ones_thicker_and_the_roots_on_top(graph_corpus) -> None:  # type: ignore[no-untyped-def]
    paper = graph_corpus.papers["debate2024"]
    done = run_dot(export(graph_corpus, [paper], "dot"))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    svg = ET.fromstring(done.stdout)
    nodes = {g.findtext(f"{SVG}title"): g for g in svg.iter(f"{SVG}g") if g.get("class") == "node"}
    assert set(nodes) == {f"debate2024#{n.claim.id}" for n in paper.claims()} | {"debate2024#p1>t"}
    edges = {tuple(x.removeprefix("debate2024#") for x in g.findtext(f"{SVG}title").split("->")): g
             for g in svg.iter(f"{SVG}g") if g.get("class") == "edge"}
    assert set(edges) == drawn_edges(paper)
    thick = {pair for pair, g in edges.items() if g.find(f"{SVG}path").get("stroke-width") == "2.5"}
    assert thick == {("p1", "t2"), ("c1", "t2"), ("c2", "p1>t")}  # added by id, and the undercut
    assert edges["c2", "p1>t"].find(f"{SVG}path").get("stroke") == "#9a6700"
    top = {root: float(nodes[f"debate2024#{root}"].find(f"{SVG}text").get("y")) for root in ("t", "t2")}
    assert top["t"] == top["t2"] == min(float(t.get("y")) for g in nodes.values() for t in g.iter(f"{SVG}text"))


@needs_dot
def test_dot_of_two_graph_papers_in_clusters_lays_out(graph_corpus) -> None:  # type: ignore[no-untyped-def]
    """Edges by id beside clusters: constraint=false there once made Graphviz fail."""
    paper = graph_corpus.papers["debate2024"]
    done = run_dot(export(graph_corpus, [paper, dataclasses.replace(paper, id="debate2025")], "dot"))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert len([g for g in ET.fromstring(done.stdout).iter(f"{SVG}g") if g.get("class") == "edge"]) == \
        2 * len(drawn_edges(paper))


@needs_dot
def test_tree_to_svg_draws_the_graph(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svg = tmp_path / "t.svg"
    assert cli("tree", "debate2024", "--to", "svg", "-o", svg, "-c", GRAPH).exit_code == 0
    titles = {g.findtext(f"{SVG}title") for g in ET.parse(svg).iter(f"{SVG}g") if g.get("class") == "edge"}
    assert {"debate2024#p1->debate2024#t2", "debate2024#c1->debate2024#t2", "debate2024#c2->debate2024#p1>t"} <= titles


# --- Mermaid ------------------------------------------------------------------------

def test_mermaid_golden(graph_corpus, golden) -> None:  # type: ignore[no-untyped-def]
    golden("export_debate2024.mmd", export(graph_corpus, [graph_corpus.papers["debate2024"]], "mermaid"))


def test_mermaid_reads_back_as_the_graph(graph_corpus) -> None:  # type: ignore[no-untyped-def]
    """Every statement is in the Mermaid grammar the hostile-text test checks; the edges give the graph back."""
    paper = graph_corpus.papers["debate2024"]
    text = export(graph_corpus, [paper], "mermaid")
    for line in text.splitlines():
        assert STATEMENT.fullmatch(line), line
    claim = dict(zip(re.findall(r"^\s+(n\d+)\[", text, re.M), (n.claim.id for n in paper.claims())))
    lines = [line.split() for line in text.splitlines() if re.fullmatch(r"\s+[ni]\d+ \S+ [ni]\d+", line)]
    premise = {b: claim[a] for a, arrow, b in lines if arrow in ("---", "-.-")}  # a dot -> its premise
    conclusion = {a: claim[b] for a, arrow, b in lines if a in premise}
    found = {(claim[a], arrow, claim[b]) for a, arrow, b in lines if a in claim and b in claim}
    found |= {(premise[a], arrow, conclusion[a]) for a, arrow, b in lines if a in premise}  # through the dot
    found |= {(claim[a], "undercuts", f"{premise[b]}>{conclusion[b]}")
              for a, arrow, b in lines if a in claim and b in premise and arrow == "-.->"}
    g = graph(paper)
    assert found == {(e.source, "-->" if e.kind == "support" else "-.->", e.target) for e in g.edges} | {
        (u.source, "undercuts", u.inference) for u in g.undercuts}
    widths = re.findall(r"linkStyle ([\d,]+) stroke:#[0-9a-f]{6},stroke-width:3px", text)
    assert sorted(int(i) for w in widths for i in w.split(",")) == [6, 7, 8]  # added by id, the undercut


def test_markdown_names_the_added_edges_after_the_claim(graph_corpus) -> None:  # type: ignore[no-untyped-def]
    from htmldoc import Document
    from test_interop_graph import commonmark

    paper = graph_corpus.papers["debate2024"]
    read = Document.read(commonmark(export(graph_corpus, [paper], "markdown")))
    for claim, kind, target in ADDED:
        text = paper.claim(claim).text  # type: ignore[union-attr]
        assert f"{claim}: {text} · {EDGE_MARK[kind][1]} {kind} {target} " in read.folded
