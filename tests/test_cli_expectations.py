"""The command line behaves as the README says (issue 12 item 9): a plain install without extras runs
every command, and `argmap export --all --to dot | dot -Tsvg` draws the corpus with the real Graphviz."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import venv
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.load import load_corpus
from conftest import BUNDLED, MINI, ROOT

DOT = shutil.which("dot")


@pytest.mark.skipif(DOT is None, reason="Graphviz 'dot' is not on PATH (apt install graphviz)")
def test_export_all_to_dot_pipes_into_graphviz(tmp_path: Path) -> None:
    pipeline = f"{shlex.quote(sys.executable)} -m argmap export --all --to dot | {DOT} -Tsvg"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", pipeline], cwd=tmp_path, capture_output=True,
                          timeout=300, env={**os.environ, "ARGMAP_CORPUS": str(BUNDLED)})
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode()
    nodes = ET.fromstring(done.stdout).findall(".//{http://www.w3.org/2000/svg}g[@class='node']")
    corpus = load_corpus(BUNDLED, use_cache=False)
    assert len(nodes) == sum(1 for p in corpus.papers.values() for _ in p.claims())


# Every command once, as a user without the test extra would run it (reads on the bundled corpus,
# writes into a copy of the mini corpus). Exit 1 is an answer for validate/verify/agree/query.
COMMANDS: list[tuple[list[str], tuple[int, ...]]] = [
    (["list"], (0,)), (["show", "rezapour"], (0,)), (["tree", "rezapour2020", "--depth", "1"], (0,)),
    (["query", "hard balancing"], (0,)), (["diff", "haiszky", "shah"], (0,)), (["compare", "balancing"], (0,)),
    (["where", "balancing.russia>=mostly_hard"], (0,)), (["agree", "bundled", "reader2"], (0, 1)),
    (["matrix"], (0,)), (["tensions", "kusuma"], (0,)), (["strength", "dubey2021"], (0,)),
    (["verify", "--sources", "{tmp}"], (0, 1)), (["align", "dubey2021", "shah2024"], (0,)),
    (["link", "list", "shah"], (0,)), (["link", "suggest", "rezapour2020#p22"], (0,)),
    (["export", "shah2024", "--to", "argdown"], (0,)), (["validate"], (0,)), (["schema", "paper"], (0,)),
    (["report", "-o", "{tmp}/report.html"], (0,)),
    (["link", "add", "smith#p2", "jones#p2", "-r", "refines", "-m", "x", "-c", "{mini}"], (0,)),
    (["link", "dismiss", "smith#p1", "jones#p1", "-c", "{mini}"], (0,)),
    (["tensions", "dismiss", "jones#p1", "jones#c1", "-c", "{mini}"], (0,)),
    (["new", "doe2025", "-c", "{mini}"], (0,)),
    (["import", str(ROOT / "tests" / "fixtures" / "interop" / "debate.txt"), "--id", "debate", "-c", "{mini}"], (0,)),
]


def test_a_plain_install_without_extras_runs_every_command(tmp_path: Path) -> None:
    """`pip install .` (no extras, dependencies from the index CI uses: this machine's pip configuration,
    as .ci/run installs) into a fresh venv, then each command once from an unrelated folder."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info",
                                                             "__pycache__", ".hypothesis", ".pytest_cache",
                                                             ".mypy_cache"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "-q", str(src)], capture_output=True,
                               text=True, timeout=900)
    assert installed.returncode == 0, installed.stderr[-3000:]
    extras = subprocess.run([str(python), "-c", "import numpy"], capture_output=True)
    assert extras.returncode != 0, "numpy came with a plain install: it must not be needed"

    mini = tmp_path / "mini"
    shutil.copytree(MINI, mini)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PATH": f"{env_dir / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "ARGMAP_CORPUS": "bundled"}
    failed = []
    for args, ok in COMMANDS:
        args = [a.format(tmp=tmp_path, mini=mini) for a in args]
        done = subprocess.run([str(env_dir / "bin" / "argmap"), *args], cwd=elsewhere, capture_output=True,
                              text=True, timeout=300, env=env)
        if done.returncode not in ok or "Traceback" in done.stderr or "internal error" in done.stderr:
            failed.append(f"argmap {' '.join(args)}: exit {done.returncode}: {done.stderr[-500:]}")
    assert failed == []


# Their output is a format of their own: --to (export), HTML (report), JSON Schema (schema).
OWN_FORMAT = {"export", "report", "schema"}


def test_every_command_that_prints_takes_format() -> None:
    import typer.main

    from argmap.cli import app

    group = typer.main.get_command(app)
    missing = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        for sub, leaf in (getattr(command, "commands", None) or {name: command}).items():
            full = name if sub == name else f"{name} {sub}"
            if name not in OWN_FORMAT and not any("--format" in p.opts for p in leaf.params):
                missing.append(full)
    assert missing == []
