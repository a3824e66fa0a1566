"""Global flags (--debug, --no-cache): accepted anywhere, kept per run, reaching every command."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES, MINI

# One invocation of every command that reads the corpus (the cache is a corpus cache).
READERS = [
    ["list"], ["show", "smith"], ["tree", "smith"], ["strength", "smith"], ["query", "trade"],
    ["align", "smith", "jones"], ["diff", "smith", "jones"], ["compare", "alignment"],
    ["where", "alignment>=1"], ["matrix"], ["tensions"], ["link", "list"], ["export", "smith"], ["validate"],
    ["verify", "-s", str(FIXTURES / "sources")],
]


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_anywhere_shows_the_traceback(cli, tmp_path: Path, where: str) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nowhere"
    args = ["--debug", "list", "-c", missing] if where == "before" else ["list", "-c", missing, "--debug"]
    r = cli(*args)
    assert r.exit_code != 0
    assert type(r.exception).__name__ == "InputError"  # raised, not reported: a traceback follows


def test_debug_in_process_does_not_stick(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nowhere"
    first = cli("--debug", "list", "-c", missing)
    assert type(first.exception).__name__ == "InputError"
    second = cli("list", "-c", missing)
    assert second.exit_code == 3
    assert isinstance(second.exception, SystemExit)  # reported in one line, no traceback
    assert "corpus folder not found" in second.stderr


def test_debug_from_the_environment(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("list", "-c", tmp_path / "nowhere", env={"ARGMAP_DEBUG": "1"})
    assert type(r.exception).__name__ == "InputError"


def _cache_files() -> list[Path]:
    return sorted(Path(os.environ["XDG_CACHE_HOME"]).rglob("*"))


@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(map(str, a[:2])))
@pytest.mark.parametrize("where", ["before", "after"])
def test_no_cache_reaches_every_command(cli, args: list[str], where: str) -> None:  # type: ignore[no-untyped-def]
    flagged = ["--no-cache", *args] if where == "before" else [*args, "--no-cache"]
    r = cli(*flagged, "-c", MINI, *(["-f", "plain"] if args[0] != "export" else []))
    assert r.exit_code in (0, 1), r.stderr  # where/query may answer "none"
    assert _cache_files() == []  # nothing was cached, not even the search index


def test_no_cache_reaches_report(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("report", "-c", MINI, "-o", tmp_path / "r.html", "--no-cache").exit_code == 0
    assert _cache_files() == []


def test_without_no_cache_the_cache_is_used(cli) -> None:  # type: ignore[no-untyped-def]
    """The test above can fail: the same commands do write the cache without the flag."""
    assert cli("query", "trade", "-c", MINI, "-f", "plain").exit_code == 0
    assert _cache_files() != []


def test_no_cache_in_process_does_not_stick(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("list", "--no-cache", "-c", MINI).exit_code == 0
    assert _cache_files() == []
    assert cli("list", "-c", MINI).exit_code == 0
    assert _cache_files() != []
