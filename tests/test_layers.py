"""The core never imports typer or rich; `import argmap` and `--help` stay light."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import argmap

UI_PACKAGES = ("argmap.cli", "argmap.render", "argmap.__main__")


def core_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(argmap.__path__, "argmap.")]
    return [n for n in names if not n.startswith(UI_PACKAGES)]


def test_core_imports_neither_typer_nor_rich() -> None:
    modules = core_modules()
    assert "argmap.model" in modules and "argmap.load" in modules
    code = ("import sys, importlib\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click'))\n"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_startup_defers_heavy_modules() -> None:
    code = ("import sys; import argmap.cli\n"
            "print(','.join(sorted(m for m in ('yaml', 'rapidfuzz', 'rich.console', 'argmap.load') if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_command_has_a_library_function_behind_it(tmp_path: Path) -> None:
    from argmap.load import load_corpus
    from conftest import FIXTURES, MINI

    corpus = load_corpus(MINI, use_cache=False)
    smith, jones = corpus.papers["smith2020"], corpus.papers["jones2021"]
    assert argmap.compare_axis(corpus, "alignment")["papers"]
    assert argmap.diff(corpus, smith, jones)["summary"]["diverge"] == 1
    assert argmap.where(corpus, ["lens=realism"])["papers"]
    assert argmap.matrix(corpus)["cells"]
    assert argmap.tensions(corpus)["recorded"] == 1
    assert argmap.query(corpus, "mistrust")["hits"]
    assert argmap.list_links(corpus)["total"] == 2
    assert argmap.dfquad(smith.thesis)["t"] == 0.75
    assert argmap.verify_quotes(corpus, FIXTURES / "sources")["counts"] == {"exact": 3, "near": 1, "missing": 1, "unquoted": 0}
    copy = shutil.copytree(MINI, tmp_path / "corpus")
    added = argmap.add_link(copy, "smith2020#p1", "jones2021#p1", "refines", "library call")
    assert added["relation"] == "refines" and len(load_corpus(copy, use_cache=False).links) == 3


def test_cli_module_keeps_real_annotations() -> None:
    # typer reads every command's signature at each start; string annotations
    # (from __future__ import annotations) would be compiled one by one.
    import argmap.cli

    assert not any(isinstance(a, str) for a in argmap.cli.list_cmd.__annotations__.values())


def _commands(app: object) -> set[str]:
    from typer.main import get_command

    return set(get_command(app).commands)  # type: ignore[arg-type, attr-defined]


def test_a_run_builds_only_the_command_it_names() -> None:
    # typer reads every command's signature at each start; `main` hands it the one named.
    from argmap.cli import _just, _named, app

    everything = _commands(app)
    assert {"list", "link", "diff", "export"} <= everything
    for name in everything:
        assert _commands(_just(name)) == {name}
    assert _named(["--no-cache", "--debug", "link", "list"]) == "link"
    assert _named(["--help"]) is None and _named(["--", "list"]) is None
    for unknown in (None, "lst", "bundled"):  # help, and click's "No such command" with its suggestions
        assert _commands(_just(unknown)) == everything
    assert _commands(app) == everything  # the app itself is never trimmed


def test_the_console_script_runs_what_the_test_runner_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from argmap.cli import app

    def process(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True)

    monkeypatch.chdir(tmp_path)  # both on the bundled corpus
    for args in (["list", "--format", "plain"], ["--no-cache", "link", "list", "--format", "plain"]):
        ran, runner = process(*args), CliRunner().invoke(app, args)
        assert (ran.returncode, ran.stdout) == (runner.exit_code, runner.stdout) and ran.stdout
    typo = process("lst")
    assert typo.returncode == 2 and "Did you mean 'list'?" in typo.stderr
    assert "tensions" in process("--help").stdout and "tensions" in process().stderr
