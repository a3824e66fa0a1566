"""Every resource limit of docs/limits.md, tested at its edge: the limit passes, one more fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap import yamlsafe
from argmap.limits import Limits, limits_from_env
from argmap.load import check_corpus, display

from conftest import MINI

SMALL = Limits(max_bytes=10_000, max_depth=5, max_aliases=3, max_nodes=20, max_claims=6)


def problems(text: str, limits: Limits = SMALL) -> list[str]:
    return [str(p) for p in yamlsafe.parse(text.encode(), "x.yaml", limits)[1]]


def nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


def aliased(uses: int) -> str:
    return "a: &x [1]\nb: [" + ", ".join(["*x"] * uses) + "]\n"


def flat(nodes: int) -> str:  # a list of nodes - 1 scalars: `nodes` nodes in all
    return "[" + ", ".join(["1"] * (nodes - 1)) + "]"


@pytest.mark.parametrize("make, limit, message", [
    (nested, SMALL.max_depth, "nesting deeper than 5 levels"),
    (aliased, SMALL.max_aliases, "more than 3 alias uses"),
    (flat, SMALL.max_nodes, "more than 20 nodes"),
])
def test_parse_limits_at_their_edge(make, limit: int, message: str) -> None:  # type: ignore[no-untyped-def]
    assert problems(make(limit)) == []
    found = problems(make(limit + 1))
    assert len(found) == 1 and message in found[0] and found[0].startswith("x.yaml:1:")


def test_file_size_limit_at_its_edge(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "axes.yaml").write_bytes((MINI / "axes.yaml").read_bytes())
    text = (MINI / "jones2021.yaml").read_bytes()
    (corpus / "jones2021.yaml").write_bytes(text)
    at_edge = Limits(max_bytes=len(text))
    assert check_corpus(corpus, limits=at_edge, use_cache=False)[1] == []
    over = [str(p) for p in check_corpus(corpus, limits=Limits(max_bytes=len(text) - 1), use_cache=False)[1]]
    assert over == [f"{display(corpus / 'jones2021.yaml')}: file is {len(text)} bytes, over the limit of "
                    f"{len(text) - 1}; split it, or raise ARGMAP_MAX_BYTES"]


def test_claims_per_paper_limit_at_its_edge(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("axes.yaml", "smith2020.yaml"):
        (corpus / name).write_bytes((MINI / name).read_bytes())
    assert check_corpus(corpus, limits=Limits(max_claims=5), use_cache=False)[1] == []  # smith2020 has 5 claims
    over = check_corpus(corpus, limits=Limits(max_claims=4), use_cache=False)[1]
    assert [p.message for p in over] == ["smith2020 has 5 claims, over the limit of 4"]
    assert over[0].line is not None  # points at the thesis


def test_every_limit_is_configurable_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MAX_BYTES", "MAX_DEPTH", "MAX_ALIASES", "MAX_NODES", "MAX_CLAIMS"):
        monkeypatch.setenv(f"ARGMAP_{name}", "7")
    assert limits_from_env() == Limits(7, 7, 7, 7, 7)
    monkeypatch.setenv("ARGMAP_MAX_DEPTH", "lots")  # not a number: the default stays
    assert limits_from_env().max_depth == Limits().max_depth


def test_limit_from_the_environment_reaches_the_cli(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("validate", MINI, env={"ARGMAP_MAX_CLAIMS": "3"})
    assert r.exit_code == 1 and "over the limit of 3" in r.stdout and "ARGMAP_MAX_CLAIMS" in r.stdout
