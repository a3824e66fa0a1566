"""How load, query and align grow with corpus size, for docs/performance.md.

    python bench/scaling.py --sizes 100 1000 5000

Each size gets a fresh synthetic corpus (bench/make_corpus.py, seed 1) and a
cold private index cache. Times are medians of --repeat runs in this process;
peak RSS is measured on a separate `argmap query` process (wait4). Prints a
markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

import make_corpus  # noqa: E402
from run import median_time, peak_rss  # noqa: E402

from argmap import align, search  # noqa: E402
from argmap.load import check_corpus, load_corpus  # noqa: E402

QUERY = "strategic partnership against united states hegemony"


def measure(n: int, repeat: int, tmp: Path) -> dict[str, float]:
    corpus = tmp / f"corpus{n}"
    make_corpus.make(n, 1, corpus)
    os.environ["XDG_CACHE_HOME"] = str(tmp / f"cache{n}")
    start = time.perf_counter()
    check_corpus(corpus, use_cache=True)  # cold: parses every file and fills the cache
    cold = time.perf_counter() - start
    warm = median_time(lambda: check_corpus(corpus, use_cache=True), repeat)
    c = load_corpus(corpus)
    claims = sum(1 for p in c.papers.values() for _ in p.claims())
    start = time.perf_counter()
    index = search.ClaimIndex(c)
    build = time.perf_counter() - start
    query = median_time(lambda: search.search(index, QUERY, limit=10), repeat)
    items = align.claim_texts(c)
    start = time.perf_counter()
    pairs = align.join(items, align.DEFAULT_THRESHOLD)
    join = time.perf_counter() - start
    rss = peak_rss(["query", QUERY, "--corpus", str(corpus), "--format", "json"])
    return {"papers": n, "claims": claims, "cold": cold, "warm": warm, "index": build, "query": query,
            "align": join, "pairs": len(pairs), "rss": rss}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}\n")
    print("| papers | claims | load cold | load warm | index build | query | align --all (pairs) | query RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = measure(n, args.repeat, Path(tmp))
            print(f"| {r['papers']} | {r['claims']} | {r['cold']:.2f} s | {r['warm']:.3f} s | {r['index']:.2f} s | "
                  f"{r['query'] * 1000:.1f} ms | {r['align']:.2f} s ({r['pairs']}) | {r['rss']:.0f} MB |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
