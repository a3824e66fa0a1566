"""Startup cost: `argmap list` against the bare import of its UI libraries.

Prints the median wall time of `python -m argmap list` (bundled corpus, plain
output) divided by that of `python -c "import typer, rich.console"`, both
measured in this run, interleaved, so machine noise hits both alike.
Target: <= 1.2.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from measure import ENV

BASELINE = [sys.executable, "-c", "import typer, rich.console"]
COMMAND = [sys.executable, "-m", "argmap", "list", "--format", "plain"]




def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, float]:
    wall(COMMAND), wall(BASELINE)  # warm the OS file cache
    base, cmd = [], []
    for _ in range(runs):
        base.append(wall(BASELINE))
        cmd.append(wall(COMMAND))
    b, c = statistics.median(base), statistics.median(cmd)
    return {"baseline_s": round(b, 4), "argmap_list_s": round(c, 4), "ratio": round(c / b, 3), "target": 1.2}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    result = measure(parser.parse_args().runs)
    if parser.parse_args().json:
        print(json.dumps(result))
    else:
        print(f"import typer, rich.console : {result['baseline_s'] * 1000:7.1f} ms (median)")
        print(f"argmap list               : {result['argmap_list_s'] * 1000:7.1f} ms (median)")
        print(f"ratio                     : {result['ratio']:.2f} (target <= {result['target']})")


if __name__ == "__main__":
    main()
