"""Every benchmark, each a ratio to a raw baseline measured in the same run.

    python bench/run.py                 # 1000 papers (~50k claims), a few minutes
    python bench/run.py --smoke         # 20 papers, one repetition: proves it works

Prints a table and writes bench/results.json. Ratios, not seconds, are the
result: this is a shared, noisy machine, and both sides of each ratio suffer
the same noise. Each time is the median of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

import make_corpus  # noqa: E402
from brute import brute_force  # noqa: E402
import startup  # noqa: E402

from argmap.load import check_corpus  # noqa: E402


def median_time(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(name: str, ours: float, base: float, target: str, ok: bool, **extra: Any) -> dict[str, Any]:
    return {"name": name, "argmap_s": round(ours, 4), "baseline_s": round(base, 4),
            "ratio": round(ours / base, 3) if base else None, "target": target, "ok": ok, **extra}


def bench_startup(repeat: int) -> dict[str, Any]:
    r = startup.measure(max(3, repeat * 3))
    return row("startup: argmap list / import typer, rich.console", r["argmap_list_s"], r["baseline_s"],
               "<= 1.5", r["ratio"] <= 1.5)


def bench_load(corpus: Path, repeat: int) -> list[dict[str, Any]]:
    import yaml

    files = sorted(corpus.glob("*.yaml"))

    def raw() -> None:
        for f in files:
            yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)

    def cold() -> None:
        _, problems = check_corpus(corpus, use_cache=False)
        assert not problems

    def warm() -> None:
        check_corpus(corpus, use_cache=True)

    base = median_time(raw, repeat)
    c = median_time(cold, repeat)
    check_corpus(corpus, use_cache=True)  # fill the cache
    w = median_time(warm, repeat)
    return [row("load+validate cold / raw yaml.load(CSafeLoader)", c, base, "<= 1.5", c / base <= 1.5),
            row("load+validate warm (index cache) / raw yaml.load", w, base, "<= 0.3", w / base <= 0.3)]


def bench_query(corpus: Path, repeat: int) -> list[dict[str, Any]]:
    from rapidfuzz import fuzz, process

    from argmap import search
    from argmap.load import load_corpus
    from argmap.text import normalise

    c = load_corpus(corpus)
    index = search.ClaimIndex(c)
    # The raw baseline: what a query was before argmap weighed words, one token_set_ratio scan.
    strings = [normalise(f"{n.claim.text} {n.claim.quote} {' '.join(n.claim.tags)}") for _, n in index.nodes]
    query = "strategic partnership against united states hegemony"
    ours = median_time(lambda: search.search(index, query, limit=10), repeat)
    base = median_time(lambda: process.extract(normalise(query), strings, scorer=fuzz.token_set_ratio, limit=10,
                                               processor=None), repeat)
    out = [row(f"query on {len(strings)} claims (warm index) / raw process.extract", ours, base, "<= 2",
               ours / base <= 2)]
    rss = peak_rss(["query", query, "--corpus", str(corpus), "--format", "json"])
    out.append({"name": "peak RSS of a query process (MB)", "value": round(rss, 1), "target": "<= 300",
                "ok": rss <= 300})
    return out


# Runs argmap from a small launcher process and prints the child's peak RSS (KB).
_LAUNCH = ("import os, subprocess, sys\n"
           "p = subprocess.Popen([sys.executable, '-m', 'argmap', *sys.argv[1:]],"
           " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
           "print(os.wait4(p.pid, 0)[2].ru_maxrss)")


def peak_rss(args: list[str]) -> float:
    """Peak RSS (MB) of an `argmap` process.

    A child forked (or vforked) straight from this big benchmark process is
    charged for the pages it shares with us until it execs, so its maximum
    RSS would be ours; a small launcher in between keeps the measure honest.
    """
    out = subprocess.run([sys.executable, "-c", _LAUNCH, *args], capture_output=True, text=True, check=True,
                         env=startup.ENV)
    return int(out.stdout) / 1024


def bench_align(corpus: Path, sample: int) -> dict[str, Any]:
    from argmap import align
    from argmap.load import load_corpus

    c = load_corpus(corpus)
    items = align.claim_texts(c)
    start = time.perf_counter()
    found = align.join(items, align.DEFAULT_THRESHOLD)
    ours = time.perf_counter() - start
    rows = random.Random(0).sample(range(len(items)), min(sample, len(items)))
    start = time.perf_counter()
    truth = brute_force(items, align.DEFAULT_THRESHOLD, rows)
    sampled = time.perf_counter() - start
    # Full brute force scores the upper triangle: n*(n-1)/2 pairs; the sample scored len(rows)*n.
    n = len(items)
    brute = sampled * (n * (n - 1) / 2) / (len(rows) * n)
    got = {(i, j) for i, j, _ in found}
    recall = sum(1 for pair in truth if pair in got) / len(truth) if truth else 1.0
    return {"name": f"align --all on {n} claims vs the exact join (extrapolated from {len(rows)} rows)",
            "argmap_s": round(ours, 3), "baseline_s": round(brute, 3), "speedup": round(brute / ours, 1),
            "recall": round(recall, 4), "pairs": len(found), "sampled_truth_pairs": len(truth),
            "target": "speedup >= 20, recall >= 0.95", "ok": brute / ours >= 20 and recall >= 0.95}


def bench_export(corpus: Path, repeat: int) -> dict[str, Any]:
    from argmap.export import export

    argdown = shutil.which("argdown")
    if not argdown:
        return {"name": "export --to json vs argdown json", "skipped": "argdown CLI not installed"}
    from argmap.load import load_corpus

    c = load_corpus(corpus)
    paper = c.papers[sorted(c.papers)[0]]
    with tempfile.TemporaryDirectory() as tmp:
        # The same input on both sides: one map (with the axes it is checked against), one Argdown file.
        single = Path(tmp) / "one"
        single.mkdir()
        for name in ("axes.yaml", f"{paper.id}.yaml"):
            shutil.copyfile(corpus / name, single / name)
        source = Path(tmp) / "map.argdown"
        source.write_text(export(c, [paper], "argdown"), encoding="utf-8")
        cmd_ours = [sys.executable, "-m", "argmap", "export", paper.id, "--to", "json", "--corpus", str(single)]
        cmd_base = [argdown, "json", str(source), "--stdout"]
        subprocess.run(cmd_ours, check=True, capture_output=True, env=startup.ENV)  # fill the caches once
        ours = median_time(lambda: subprocess.run(cmd_ours, check=True, capture_output=True, env=startup.ENV), repeat)
        base = median_time(lambda: subprocess.run(cmd_base, check=True, capture_output=True), repeat)
    return row("export --to json of one map / argdown json of the same map (CLI to CLI)", ours, base,
               "<= 0.2 (>= 5x faster)", ours / base <= 0.2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sample", type=int, default=100, help="rows of the exact join to time")
    parser.add_argument("--smoke", action="store_true", help="20 papers, one repetition")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results.json")
    args = parser.parse_args()
    if args.smoke:
        args.papers, args.repeat, args.sample = 20, 1, 50

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # a cold, private index cache
        corpus = Path(tmp) / "corpus"
        make_corpus.make(args.papers, 1, corpus)
        results.append(bench_startup(args.repeat))
        results.extend(bench_load(corpus, args.repeat))
        results.extend(bench_query(corpus, args.repeat))
        results.append(bench_align(corpus, args.sample))
        results.append(bench_export(corpus, args.repeat))

    machine = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
               "system": platform.platform()}
    args.out.write_text(json.dumps({"papers": args.papers, "repeat": args.repeat, "machine": machine,
                                    "results": results}, indent=2) + "\n")
    for r in results:
        if "skipped" in r:
            print(f"SKIP  {r['name']}: {r['skipped']}")
            continue
        mark = "ok  " if r["ok"] else "MISS"
        if "speedup" in r:
            detail = f"speedup {r['speedup']}x, recall {r['recall']} ({r['argmap_s']}s vs {r['baseline_s']}s)"
        elif "value" in r:
            detail = f"{r['value']}"
        else:
            detail = f"ratio {r['ratio']} ({r['argmap_s']}s vs {r['baseline_s']}s)"
        print(f"{mark}  {r['name']}: {detail}  [target {r['target']}]")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
