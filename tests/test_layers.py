"""The core never imports typer or rich; `import argmap` and `--help` stay light."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

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
