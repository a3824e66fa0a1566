"""The bundled corpus ships inside the wheel and works from any directory."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import BUNDLED, ROOT


def test_wheel_carries_the_corpus_and_runs_from_elsewhere(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__",
                                                             ".hypothesis", ".pytest_cache", "tests", "bench"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path / "dist")], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("argmap-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"argmap/claims/{p.relative_to(BUNDLED).as_posix()}" for p in BUNDLED.rglob("*.yaml")}
    assert {"argmap/claims/axes.yaml", "argmap/claims/readings/reader2.yaml"} <= shipped <= names
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "argmap").rglob("*.py")}
    assert modules - names == set(), "modules missing from the wheel: list their package in pyproject.toml"

    # Unpacked wheel on sys.path, run from an unrelated folder: no source tree in sight.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import argmap; c = argmap.open_corpus(); "
            "print(c.origin, len(c.axes) > 0, str(c.root).startswith(%r))" % str(site))
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, capture_output=True, text=True,
                         env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["bundled", "True", "True"]
    main_job = subprocess.run([sys.executable, "-m", "argmap", "compare", "balancing", "--format", "plain"],
                              cwd=elsewhere, capture_output=True, text=True,
                              env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path)})
    assert main_job.returncode == 0, main_job.stderr
    assert "rezapour2020" in main_job.stdout and "russia" in main_job.stdout
    shipped_reading = subprocess.run([sys.executable, "-m", "argmap", "agree", "bundled", "reader2", "-f", "json"],
                                     cwd=elsewhere, capture_output=True, text=True,
                                     env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin",
                                          "XDG_CACHE_HOME": str(tmp_path)})
    assert shipped_reading.returncode in (0, 1), shipped_reading.stderr  # 1: some cell is contested
    assert '"name": "reader2"' in shipped_reading.stdout
