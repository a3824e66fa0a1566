"""One-paper commands decode only the paper they are about from the index cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argmap import cache
from argmap.load import load_corpus
from conftest import BUNDLED


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(BUNDLED, tmp_path / "c")
    return tmp_path / "c"


def decoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the papers built from cache rows from now on."""
    seen: list[str] = []
    real = cache.from_rows

    def counting(cls, values):  # type: ignore[no-untyped-def]
        out = real(cls, values)
        if cls.__name__ == "Paper":
            seen.append(out.id)
        return out

    monkeypatch.setattr(cache, "from_rows", counting)
    return seen


@pytest.mark.parametrize("args", [["show", "dubey2021"], ["tree", "dubey2021"], ["strength", "dubey2021"],
                                  ["export", "dubey2021", "--to", "json"]])
def test_a_one_paper_command_decodes_one_paper(corpus: Path, cli, monkeypatch: pytest.MonkeyPatch, args) -> None:  # type: ignore[no-untyped-def]
    cold = cli("--no-cache", *args, "-c", corpus, *(["-f", "json"] if args[0] != "export" else []))
    assert cold.exit_code == 0
    load_corpus(corpus)  # fills the cache
    seen = decoded(monkeypatch)
    warm = cli(*args, "-c", corpus, *(["-f", "json"] if args[0] != "export" else []))
    assert warm.exit_code == 0 and warm.stdout == cold.stdout
    assert seen == ["dubey2021"]


def test_every_paper_decodes_when_all_are_asked_for(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = load_corpus(corpus, use_cache=False)
    load_corpus(corpus)
    seen = decoded(monkeypatch)
    warm = load_corpus(corpus)
    assert seen == []  # nothing until used
    assert dict(warm.papers.items()) == dict(cold.papers.items())
    assert sorted(seen) == sorted(cold.papers)
