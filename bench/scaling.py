"""How every command grows with the corpus, for docs/performance.md.

    python bench/scaling.py --sizes 100 1000 5000 --corpora /work/bench-corpora

Each size gets the synthetic corpus of bench/make_corpus.py (seed 1, made
once under --corpora) and its own index cache. Every row is a whole `argmap`
process, warm (the cache filled by one run first) except `validate --no-cache`;
the best of --repeat runs (wall time, with its CPU time and peak RSS).
Growth exponents k (CPU time ~ papers^k, CPU since wall time on a shared
machine swings with the neighbours) are between consecutive sizes.
Prints a markdown table and writes bench/scaling.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

from measure import ARGMAP, installed_env, run  # noqa: E402
from run import QUERY, corpus_for  # noqa: E402


def commands(corpus: Path, paper: str, other: str, out: Path) -> list[tuple[str, list[str]]]:
    c = ["--corpus", str(corpus)]
    return [
        ("validate --no-cache (cold)", ["--no-cache", "validate", str(corpus)]),
        ("validate", ["validate", str(corpus)]),
        ("list", ["list", *c, "-f", "plain"]),
        ("show PAPER", ["show", paper, *c, "-f", "plain"]),
        ("tree PAPER", ["tree", paper, *c, "-f", "plain"]),
        ("strength PAPER", ["strength", paper, *c, "-f", "plain"]),
        ("export PAPER --to json", ["export", paper, "--to", "json", *c]),
        ("diff A B", ["diff", paper, other, *c, "-f", "json"]),
        ("query", ["query", QUERY, *c, "-f", "json"]),
        ("compare alignment", ["compare", "alignment", *c, "-f", "json"]),
        ("where alignment>=1", ["where", "alignment>=1", *c, "-f", "json"]),
        ("matrix", ["matrix", *c, "-f", "json"]),
        ("tensions", ["tensions", *c, "-f", "json"]),
        ("align --all", ["align", "--all", *c, "-f", "json"]),
        ("report", ["report", *c, "-o", str(out)]),
    ]


def measure(n: int, corpora: Path, repeat: int, skip: set[str]) -> dict[str, Any]:
    corpus = corpus_for(n, corpora)
    cache = Path(tempfile.mkdtemp(prefix=f"argmap-scaling-{n}-"))
    env = installed_env(XDG_CACHE_HOME=str(cache))
    papers = sorted(p.stem for p in corpus.glob("p*.yaml"))
    out = cache / "report.html"
    rows: dict[str, Any] = {}
    run([*ARGMAP, "validate", str(corpus)], env)  # fill the cache
    for name, args in commands(corpus, papers[len(papers) // 2], papers[len(papers) // 3], out):
        if name in skip:
            continue
        run([*ARGMAP, *args], env, ok=(0, 1))  # warm whatever this command builds (the query index)
        best = min((run([*ARGMAP, *args], env, ok=(0, 1)) for _ in range(repeat)), key=lambda r: r["wall"])
        if name == "report":
            best["size_mb"] = out.stat().st_size / 1e6
        rows[name] = best
        print(f"  {n} papers, {name}: {best['wall']:.2f} s, {best['rss_mb']:.0f} MB", file=sys.stderr, flush=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpora", type=Path, default=Path(tempfile.gettempdir()) / "argmap-bench-corpora")
    parser.add_argument("--skip", nargs="*", default=[], help="command names to leave out")
    parser.add_argument("--out", type=Path, default=ROOT / "scaling.json")
    args = parser.parse_args()
    results = {n: measure(n, args.corpora, args.repeat, set(args.skip)) for n in args.sizes}
    machine = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
               "load": os.getloadavg()}
    args.out.write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n")
    sizes = args.sizes
    head = " | ".join(f"{n} papers" for n in sizes)
    ks = " | ".join(f"k {a}→{b}" for a, b in zip(sizes, sizes[1:]))
    print(f"| command | {head} | {ks} |")
    print("|---|" + "---:|" * (len(sizes) + len(sizes) - 1))
    for name in results[sizes[0]]:
        cells = []
        for n in sizes:
            r = results[n].get(name)
            extra = f", {r['size_mb']:.1f} MB out" if r and "size_mb" in r else ""
            cells.append(f"{r['wall']:.2f} s ({r['cpu']:.2f} s CPU), {r['rss_mb']:.0f} MB{extra}" if r else "")
        growth = []
        for a, b in zip(sizes, sizes[1:]):
            ra, rb = results[a].get(name), results[b].get(name)
            growth.append(f"{math.log(rb['cpu'] / ra['cpu']) / math.log(b / a):.2f}" if ra and rb else "")
        print(f"| {name} | " + " | ".join(cells) + " | " + " | ".join(growth) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
