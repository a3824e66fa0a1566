"""Importers bounded (issue 12 item 8): each hostile input of bench/bounds.py is refused clearly, or
imports in about linear time, at the size the issue names and at the loader's size limit.

Time is the CPU time of the `argmap import` process alone (wait4), not wall time, so a loaded
machine does not fail the test; a blow-up still does, by a generous bound at the size limit and by
the growth of the work (CPU time less a one-claim import's) from half that size. The issue's 2 s is
a target, measured by `python bench/bounds.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from bounds import CASES, Case, Run, baseline, import_case, largest_n, least, linear  # noqa: E402

MAX_CPU_SECONDS = 5.0  # 2.5x the issue's 2 s target: a loaded machine stays under it, a blow-up does not
TRIES = 3  # each figure is the least CPU time of up to this many runs (bounds.least)
MAX_RSS_MB = 300


def check_outcome(case: Case, path: Path, run: Run) -> None:
    """Refused with exit 3 naming the file and the reason, or imported; never a traceback."""
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr[-2000:]
    if case.refused is None and run.code == 0:
        return
    assert run.code == 3, (run.code, run.stderr[-2000:])
    first = run.stderr.splitlines()[0]
    assert Path(first.split(":", 1)[0]).resolve() == path.resolve(), first  # the file first, then line:col
    if case.refused is not None:
        assert case.refused in run.stderr, run.stderr[-2000:]


@pytest.fixture(scope="module")
def start_up(tmp_path_factory: pytest.TempPathFactory) -> float:
    folder = tmp_path_factory.mktemp("baseline")
    return least(lambda: (baseline(folder),), TRIES)[0].cpu


@pytest.mark.parametrize("name", list(CASES))
def test_at_the_size_the_issue_names(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    path, run = import_case(case, case.n, tmp_path)
    check_outcome(case, path, run)
    if case.refused is None:
        assert run.code == 0, run.stderr[-2000:]
        assert list(tmp_path.glob(f"corpus{case.n}-*/imported.yaml"))
    assert run.cpu < MAX_CPU_SECONDS, f"{name}: {run.cpu:.2f} s CPU"


@pytest.mark.parametrize("name", list(CASES))
def test_linear_up_to_the_size_limit(name: str, tmp_path: Path, start_up: float) -> None:
    case = CASES[name]
    top = largest_n(case)

    def at(n: int) -> Run:
        path, run = import_case(case, n, tmp_path)
        check_outcome(case, path, run)
        return run

    half, full = least(lambda: (at(top // 2), at(top)), TRIES,
                       lambda h, f: f.cpu < MAX_CPU_SECONDS and linear(h, f, start_up))
    assert full.cpu < MAX_CPU_SECONDS, f"{name} at n={top}: {full.cpu:.2f} s CPU"
    assert full.rss_mb < MAX_RSS_MB, f"{name} at n={top}: {full.rss_mb:.0f} MB"
    assert linear(half, full, start_up), \
        f"{name}: work {half.cpu - start_up:.2f} s -> {full.cpu - start_up:.2f} s"
