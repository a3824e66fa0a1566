"""Every command's JSON output matches its published schema in docs/json/.

Each case runs on the MINI fixture corpus and again on the bundled corpus,
whose maps are larger and exercise more of each shape.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from argmap.load import load_corpus
from conftest import BUNDLED, MINI, ROOT, SOURCES

# Per corpus: its folder and two of its papers, filled in for {a} and {b}.
CORPORA: dict[str, dict[str, Any]] = {
    "mini": {"corpus": MINI, "a": "smith2020", "b": "jones2021", "reading": "second"},
    "bundled": {"corpus": BUNDLED, "a": "rezapour2020", "b": "dubey2021", "reading": "reader2"},
}

# Schema (docs/json/<name>.schema.json) -> the invocations validated against it.
# {corpus} is the corpus folder, {sources} the full texts, {ra}/{rb} two claims no link joins yet.
CASES: dict[str, list[list[str]]] = {
    "list": [["list"]],
    "show": [["show", "{a}"]],
    "tree": [["tree", "{a}", "--strength"]],
    "validate": [["validate", "{corpus}"]],
    "align": [["align", "{a}", "{b}", "--threshold", "50"]],
    "query": [["query", "mistrust"], ["query", "trade", "--role", "premise", "--tag", "economy"]],
    "diff": [["diff", "{a}", "{b}"], ["diff", "{a}", "{b}", "--axis"]],
    "compare": [["compare", "alignment"], ["compare", "balancing", "--evidence"],
                ["compare", "alignment", "--reading", "{reading}"]],
    "where": [["where", "balancing>=mixed", "alignment<=1"]],
    "matrix": [["matrix"]],
    "agree": [["agree", "{corpus}", "{reading}"]],
    "tensions": [["tensions"], ["tensions", "{b}"]],
    "strength": [["strength", "{a}"]],
    "verify": [["verify", "--sources", "{sources}"]],
    "link-list": [["link", "list"], ["link", "list", "{b}"]],
    "link-add": [["link", "add", "{ra}", "{rb}", "--relation", "refines", "--note", "schema check"]],
    "link-suggest": [["link", "suggest", "{ra}"], ["link", "suggest", "{rb}", "--limit", "1"]],
    "link-dismiss": [["link", "dismiss", "{ra}", "{rb}"]],
    "new": [["new", "zz2099"]],
    "import": [["import", str(ROOT / "tests" / "fixtures" / "interop" / "debate.txt"), "--id", "imported"]],
}
WRITES = {"link-add", "link-dismiss", "new", "import"}  # run on a copy of the corpus
NEW = ["agree", "query", "diff", "compare", "where", "matrix", "tensions", "strength", "verify", "link-list", "link-add"]
RUNS = [(name, i) for name in sorted(CASES) for i in range(len(CASES[name]))]
IDS = [f"{name}-{i}" for name, i in RUNS]

# A full text for smith2020: three quotes verbatim, p2's reworded (near), c1's absent (missing).
MINI_SOURCE = """II. Economy. By now trade has more than doubled since 2010, and gas contracts
anchor the entire trade relationship: the two powers converge against the hegemon.
III. Limits. Yet pressure from Washington outweighs old grievances.
"""


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((ROOT / "docs" / "json" / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def sources(corpus: str, tmp_path: Path) -> Path:
    """The full texts: MINI's written on the spot, the bundled corpus's beside the project."""
    if corpus == "mini":
        (tmp_path / "sources").mkdir(parents=True)
        (tmp_path / "sources" / "smith2020.txt").write_text(MINI_SOURCE, encoding="utf-8")
        return tmp_path / "sources"
    if not SOURCES.is_dir():
        pytest.skip(f"full texts not present at {SOURCES} (they are never committed)")
    return SOURCES


def unlinked_pair(root: Path) -> tuple[str, str]:
    """Two claims of different papers that no curated link joins (link add refuses duplicates)."""
    corpus = load_corpus(root, use_cache=False)
    linked = {frozenset((link.a, link.b)) for link in corpus.links}
    refs = [f"{p.id}#{n.claim.id}" for p in sorted(corpus.papers.values(), key=lambda p: p.id) for n in p.claims()]
    return next((x, y) for x in refs for y in refs
                if x.partition("#")[0] != y.partition("#")[0] and frozenset((x, y)) not in linked)


def run(cli, tmp_path: Path, corpus: str, name: str, i: int) -> Any:  # type: ignore[no-untyped-def]
    """Run one case on one corpus; return its parsed JSON, checking the exit code agrees with it."""
    values = dict(CORPORA[corpus])
    if name in WRITES:
        values["corpus"] = shutil.copytree(values["corpus"], tmp_path / "corpus")
    if "{r" in " ".join(CASES[name][i]):
        values["ra"], values["rb"] = unlinked_pair(values["corpus"])
    if name == "verify":
        values["sources"] = sources(corpus, tmp_path)
    args = [arg.format(**values) for arg in CASES[name][i]]
    r = cli(*args, "--corpus", values["corpus"], "--format", "json")
    assert r.stdout, r.stderr
    data = r.json()
    # validate and verify exit 1 on a negative answer, which their `ok` reports
    assert r.exit_code == (1 if isinstance(data, dict) and data.get("ok") is False else 0), r.stderr
    return data


def errors(name: str, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator(name).iter_errors(data)]


@pytest.mark.parametrize(("name", "i"), RUNS, ids=IDS)
def test_json_output_matches_schema(cli, tmp_path: Path, name: str, i: int) -> None:  # type: ignore[no-untyped-def]
    assert errors(name, run(cli, tmp_path, "mini", name, i)) == []


@pytest.mark.parametrize(("name", "i"), RUNS, ids=IDS)
def test_json_output_matches_schema_on_bundled_corpus(cli, tmp_path: Path, name: str, i: int) -> None:  # type: ignore[no-untyped-def]
    assert errors(name, run(cli, tmp_path, "bundled", name, i)) == []


def mutants(data: Any) -> dict[tuple[Any, ...], Any]:
    """Copies of `data` with one object changed: one of its keys renamed (`key!`), or a key `extra!` added.

    Objects are told apart by their path with list indices dropped, so a list
    of a hundred claims costs one check per key of a claim, not a hundred.
    """
    out: dict[tuple[Any, ...], Any] = {}

    def walk(node: Any, where: tuple[Any, ...], rebuild: Any) -> None:
        if isinstance(node, dict):
            if where + ("extra!",) not in out:
                out[where + ("extra!",)] = rebuild({**node, "extra!": None})
            for key in node:
                kind = (*where, key)
                if kind not in out:
                    out[kind] = rebuild({(f"{k}!" if k == key else k): v for k, v in node.items()})
                walk(node[key], kind, lambda new, key=key, node=node: rebuild({**node, key: new}))
        elif isinstance(node, list):
            for j, item in enumerate(node):
                walk(item, where, lambda new, j=j, node=node: rebuild([*node[:j], new, *node[j + 1:]]))

    walk(data, (), lambda new: new)
    return out


@pytest.mark.parametrize("name", NEW)
def test_schema_catches_a_renamed_or_added_field(cli, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    changed = {}
    for i in range(len(CASES[name])):
        changed.update(mutants(run(cli, tmp_path / str(i), "mini", name, i)))
    missed = [".".join(map(str, kind)) for kind, mutant in changed.items() if not errors(name, mutant)]
    assert changed and missed == []


def test_every_command_with_json_documents_it() -> None:
    documented = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    for name in CASES:
        assert f"## {name.replace('-', ' ')}\n" in documented


def test_published_schemas_equal_what_the_types_generate() -> None:
    from argmap.schemas import published

    stale = [path for path, text in published().items() if (ROOT / path).read_text(encoding="utf-8") != text]
    assert stale == [], "run: python -m argmap.schemas"


def test_every_published_schema_is_generated() -> None:
    from argmap.schemas import published

    on_disk = {str(p.relative_to(ROOT)) for p in ROOT.glob("docs/*/*.schema.json")}
    assert on_disk == set(published())


def test_schema_command_prints_the_published_output_schema(cli) -> None:  # type: ignore[no-untyped-def]
    published = json.loads((ROOT / "docs" / "json" / "diff.schema.json").read_text(encoding="utf-8"))
    assert cli("schema", "diff").json() == published


# --- conditions between fields, which the types alone cannot state (outputs.py `When`, StrengthData) --------


def _nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(n for child in node["children"] for n in _nodes(child))]


def test_an_unstated_compare_cell_has_no_value_and_a_stated_one_has(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = run(cli, tmp_path, "mini", "compare", 1)  # balancing: each paper states one subject of two
    cells = [c for row in data["papers"] for c in row["positions"].values()]
    unstated, stated = (next(c for c in cells if c["stated"] is s) for s in (False, True))
    assert errors("compare", data) == [] and unstated["value"] is None and stated["value"] is not None
    unstated["value"] = "hard"
    assert errors("compare", data)
    unstated["value"], unstated["label"] = None, "hard balancing"
    assert errors("compare", data)
    unstated["label"], stated["value"] = "unstated", None
    assert errors("compare", data)
    stated["value"] = "hard"
    assert errors("compare", data) == []


def test_an_exact_quote_scores_100_with_nothing_closer(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = run(cli, tmp_path, "mini", "verify", 0)
    exact = next(q for q in data["quotes"] if q["status"] == "exact")
    near = next(q for q in data["quotes"] if q["status"] == "near")
    assert errors("verify", data) == [] and near["score"] < 100
    exact["score"] = 99
    assert errors("verify", data)
    exact["score"], exact["closest"] = 100, "a passage"
    assert errors("verify", data)


def test_strength_gives_every_node_a_strength_or_every_node_a_label(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = run(cli, tmp_path, "mini", "strength", 0)
    nodes = _nodes(data["root"])
    assert data["semantics"] == "df-quad" and len(nodes) > 2 and errors("strength", data) == []
    del nodes[-1]["strength"]  # a leaf, deep in the tree
    assert errors("strength", data)
    data["semantics"] = "grounded"  # the same tree labelled instead, as for a graph with a cycle
    for n in nodes:
        n.pop("strength", None)
        n["label"] = "in"
    assert errors("strength", data) == []
    del nodes[-1]["label"]
    assert errors("strength", data)
    del data["semantics"]
    assert errors("strength", data)
