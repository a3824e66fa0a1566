"""`argmap report` as a user waits for it: whole processes, warm, at a corpus size, with what the file weighs.

    python bench/report.py                       # 1000 papers (generated once under --corpora), 3 runs
    python bench/report.py --papers 100 --repeat 5
    python bench/report.py --smoke               # 20 papers, one run: proves it works

The target (issue 17) is a bound, since no other tool writes this report:
<= 10 s and <= 10 MB at 1000 papers. Beside it, in the same run and
interleaved, `argmap validate` on the same warm cache (reading every paper,
which the report must do too) gives the ratio of the report to loading
alone, and `argmap export --all --to html` (every tree, the part of the
report a user could get otherwise) the size the bounded trees save. The
written file is broken down by section. Prints a table; writes
bench/report.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

from measure import ARGMAP, installed_env, run  # noqa: E402
from run import corpus_for  # noqa: E402

SECONDS, MEGABYTES = 10.0, 10.0


def sections(html: str) -> dict[str, float]:
    """MB per top-level section (pair sections summed under `pairs`)."""
    sizes: dict[str, float] = {}
    starts = [(m.start(), m.group(1)) for m in re.finditer(r'<section id="([^"]+)">', html)]
    for (start, name), (end, _) in zip(starts, [*starts[1:], (len(html), "")]):
        sizes[name] = round((end - start) / 1e6, 3)
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpora", type=Path, default=Path(tempfile.gettempdir()) / "argmap-bench-corpora",
                        help="where generated corpora are kept between runs")
    parser.add_argument("--smoke", action="store_true", help="20 papers, one run")
    parser.add_argument("--out", type=Path, default=ROOT / "report.json")
    args = parser.parse_args()
    if args.smoke:
        args.papers, args.repeat = 20, 1

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        corpus = corpus_for(args.papers, tmp if args.smoke else args.corpora)
        env = installed_env(XDG_CACHE_HOME=str(tmp / "cache"))
        out, trees = tmp / "report.html", tmp / "trees.html"
        report = [*ARGMAP, "report", "--corpus", str(corpus), "-o", str(out)]
        validate = [*ARGMAP, "validate", str(corpus)]
        run(validate, env)  # fills the index cache: every figure below is warm
        run(report, env)
        ours, base = [], []
        for _ in range(args.repeat):
            ours.append(run(report, env))
            base.append(run(validate, env))
        run([*ARGMAP, "export", "--all", "--to", "html", "--corpus", str(corpus), "-o", str(trees)], env)
        html = out.read_text(encoding="utf-8")
        size, trees_size = out.stat().st_size / 1e6, trees.stat().st_size / 1e6

    def med(runs: list[dict[str, float]], key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 3)

    result = {
        "papers": args.papers, "repeat": args.repeat,
        "report": {k: med(ours, k) for k in ("wall", "cpu", "rss_mb")},
        "validate": {k: med(base, k) for k in ("wall", "cpu", "rss_mb")},
        "size_mb": round(size, 2), "export_all_html_mb": round(trees_size, 2), "sections_mb": sections(html),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "load": os.getloadavg()},
    }
    result["ratio_to_validate"] = round(result["report"]["wall"] / result["validate"]["wall"], 2)
    result["cpu_ratio_to_validate"] = round(result["report"]["cpu"] / result["validate"]["cpu"], 2)
    bounded = args.papers >= 1000
    result["ok"] = not bounded or (result["report"]["wall"] <= SECONDS and size <= MEGABYTES)
    args.out.write_text(json.dumps(result, indent=2) + "\n")

    r, v = result["report"], result["validate"]
    print(f"report at {args.papers} papers, warm, median of {args.repeat} whole processes"
          f" (load average {result['machine']['load'][0]:.1f}):")
    print(f"  report    {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU, {r['rss_mb']:.0f} MB peak, {size:.1f} MB written"
          + (f"   target <= {SECONDS:g} s and <= {MEGABYTES:g} MB: {'ok' if result['ok'] else 'MISS'}" if bounded else ""))
    print(f"  validate  {v['wall']:.2f} s wall, {v['cpu']:.2f} s CPU  (report / validate: wall "
          f"{result['ratio_to_validate']}x, CPU {result['cpu_ratio_to_validate']}x)")
    print(f"  export --all --to html (every tree, unbounded): {trees_size:.1f} MB")
    print("  sections: " + ", ".join(f"{k} {v} MB" for k, v in result["sections_mb"].items() if not k.startswith("pair:")))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
