"""Whole-process measurement shared by the benchmarks: wall time, CPU time and peak RSS of a child.

Each command runs from a small launcher process, which waits for it with
wait4: a child forked straight from a big benchmark process is charged for
the pages it shares with us until it execs, so its peak RSS would be ours.
Pairs (argmap and its baseline) are run interleaved, so noise on this shared
machine hits both alike; the result is the median of the ratios' sides.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from typing import Any

_LAUNCH = """import json, os, subprocess, sys, time
start = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, ru = os.wait4(p.pid, 0)
print(json.dumps({"wall": time.perf_counter() - start, "cpu": ru.ru_utime + ru.ru_stime,
                  "rss_mb": ru.ru_maxrss / 1024, "code": os.waitstatus_to_exitcode(status)}))
"""


def installed_env(**extra: str) -> dict[str, str]:
    """The environment of an installed argmap: bytecode cached, as pip leaves it.

    With PYTHONDONTWRITEBYTECODE set (some sandboxes and CI images do), every
    start would compile argmap from source, which no installed copy does. The
    bytecode goes to a private folder, never into the source tree.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "argmap-bench-pycache")
    env.update(extra)
    return env


ENV = installed_env()
ARGMAP = [sys.executable, "-m", "argmap"]


def run(cmd: list[str], env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> dict[str, float]:
    """One run of `cmd`: wall and CPU seconds, peak RSS in MB."""
    out = subprocess.run([sys.executable, "-c", _LAUNCH, *cmd], capture_output=True, text=True, check=True,
                         env=env or ENV)
    result: dict[str, float] = json.loads(out.stdout)
    if result["code"] not in ok:
        detail = subprocess.run(cmd, capture_output=True, text=True, env=env or ENV).stderr[-2000:]
        raise RuntimeError(f"{' '.join(cmd)} exited {result['code']}: {detail}")
    return result


def median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "rss_mb")}


def pair(ours: list[str], base: list[str], repeat: int, env: dict[str, str] | None = None,
         base_env: dict[str, str] | None = None) -> tuple[dict[str, float], dict[str, float]]:
    """Medians of `repeat` interleaved runs of a command and its baseline (after one warm-up run each)."""
    run(ours, env), run(base, base_env or env)
    a, b = [], []
    for _ in range(repeat):
        a.append(run(ours, env))
        b.append(run(base, base_env or env))
    return median(a), median(b)


def ratio_row(name: str, ours: dict[str, float], base: dict[str, float], target: float,
              baseline: str, **extra: Any) -> dict[str, Any]:
    r = ours["wall"] / base["wall"]
    return {"name": name, "baseline": baseline, "argmap_s": round(ours["wall"], 3),
            "baseline_s": round(base["wall"], 3), "ratio": round(r, 3),
            "cpu_ratio": round(ours["cpu"] / base["cpu"], 3) if base["cpu"] else None,
            "rss_mb": round(ours["rss_mb"], 1), "target": f"<= {target}", "ok": r <= target, **extra}


def bound_row(name: str, ours: dict[str, float], seconds: float | None = None, mb: float | None = None,
              **extra: Any) -> dict[str, Any]:
    ok = (seconds is None or ours["wall"] <= seconds) and (mb is None or ours["rss_mb"] <= mb)
    target = " and ".join(t for t in (f"<= {seconds} s" if seconds else "", f"<= {mb} MB" if mb else "") if t)
    return {"name": name, "argmap_s": round(ours["wall"], 3), "cpu_s": round(ours["cpu"], 3),
            "rss_mb": round(ours["rss_mb"], 1), "target": target, "ok": ok, **extra}
