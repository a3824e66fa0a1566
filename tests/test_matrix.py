"""The matrix past a few dozen papers: each paper's nearest and farthest, the same with or without numpy."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from argmap.compare import matrix
from argmap.load import load_corpus
from conftest import ROOT


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "bench"))
    import make_corpus

    folder = tmp_path_factory.mktemp("m") / "c"
    make_corpus.make(60, 2, folder)
    return load_corpus(folder, use_cache=False)


def test_nearest_are_the_best_of_the_grid(corpus) -> None:  # type: ignore[no-untyped-def]
    grid = matrix(corpus, grid_max=10_000)
    near = matrix(corpus, nearest=3)
    assert near["cells"] is None and near["papers"] == grid["papers"]
    index = {pid: i for i, pid in enumerate(grid["papers"])}
    for row in near["nearest"]:
        i = index[row["paper"]]
        scored = sorted(((-c["agreement"], -c["shared_axes"], j) for j, c in enumerate(grid["cells"][i])
                         if c is not None and c["agreement"] is not None))
        # the best three agreements (as shown, to 3 places: ties within a rounding may come in either order)
        assert [c["agreement"] for c in row["nearest"]] == [-s for s, *_ in scored[:3]]
        assert all({k: v for k, v in c.items() if k != "paper"} == grid["cells"][i][index[c["paper"]]]
                   for c in row["nearest"] + row["farthest"])
        lowest = min(-s for s, *_ in scored)
        assert row["farthest"][0]["agreement"] == lowest


def test_without_numpy_the_answer_is_the_same(corpus, request: pytest.FixtureRequest) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("numpy")
    with_numpy = matrix(corpus)
    request.getfixturevalue("without_numpy")
    assert matrix(corpus) == with_numpy


def test_the_nearest_view_is_what_the_cli_prints_and_its_schema_says(corpus, cli) -> None:  # type: ignore[no-untyped-def]
    import json

    from jsonschema import Draft202012Validator

    out = cli("matrix", "-c", corpus.root, "-f", "json")
    assert out.exit_code == 0 and out.json() == matrix(corpus)
    schema = json.loads((ROOT / "docs" / "json" / "matrix.schema.json").read_text())
    Draft202012Validator(schema).validate(out.json())
    plain = cli("matrix", "-c", corpus.root, "-f", "plain").stdout.splitlines()
    assert len(plain) == 2 + len(corpus.papers) and plain[1].split() == ["paper", "agrees", "most", "with",
                                                                          "agrees", "least", "with"]
