"""A graph map drawn everywhere: further roots and edges by id in tree, show, DOT, Mermaid and pictures.

The fixture, tests/fixtures/graph/debate2024.yaml, has two roots, a support
and an attack added by id, and an undercut of a tree edge.
"""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from argmap.load import load_corpus
from argmap.views import tree_data
from conftest import FIXTURES, MINI, ROOT

GRAPH = FIXTURES / "graph"
ADDED = [("p1", "supports", "t2"), ("c1", "attacks", "t2"), ("c2", "undercuts", "p1>t")]  # what the map adds by id


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
