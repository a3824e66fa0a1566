"""The benchmarks run (N=20, one repetition). Timings are not asserted: a shared
machine is too noisy for timed tests; bench/run.py reports ratios instead."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_benchmark_smoke_run_produces_every_row(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--out", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    names = [row["name"] for row in data["results"]]
    for expected in ("startup", "load+validate cold", "load+validate warm", "load+validate warm, one map just edited",
                     "show PAPER", "tree PAPER", "strength PAPER", "export --to json PAPER", "query on", "peak RSS",
                     "matrix", "tensions", "align --all", "report", "kernel: align", "export --to json of one map"):
        assert any(n.startswith(expected) for n in names), (expected, names)
    measured = [row for row in data["results"] if "skipped" not in row]
    assert all(("ratio" in row or "speedup" in row or "rss_mb" in row) for row in measured)
    joined = next(row for row in measured if row["name"].startswith("kernel: align"))
    assert joined["exhaustive"] and joined["recall"] == 1.0  # a correctness property of the join, not a timing
