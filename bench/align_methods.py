"""Kernel benchmark: candidate stages for `align --all`, side by side, each reranked with the one scorer.

    python bench/align_methods.py --papers 100 1000 --exhaustive   # recall against every pair scored
    python bench/align_methods.py --papers 5000                     # time and memory only

Each method runs in its own process (peak RSS is that process's, the corpus
loaded from a warm index cache included) on the synthetic corpus of
bench/make_corpus.py, and reports the seconds of its join alone (wall and
CPU: a kernel figure, not a whole `argmap align` process), the candidate
pairs it scored and the pairs it found. With `--exhaustive`, every
cross-paper pair is scored (bench/brute.py, numpy) and each method's recall
is the share of those pairs it found (every pair found is scored exactly, so
precision is 1). Writes bench/align_methods.json.

- `exact-prefix+cdist`: the exact prefix filter (`similarity.min_coverage`)
  gives blocks (the claims sharing a prefix term); `rapidfuzz.process.cdist`
  scores each block with `fuzz.ratio` over the claims' term sets written as
  strings of one character per term in the global order (their LCS is the
  shared terms, so the ratio is the sets' Dice coefficient, in C++ on every
  core), pairs at or above `--dice` go on to the one scorer.
- `minhash-lsh`: datasketch MinHash signatures of each claim's terms (words
  and tags), `MinHashLSH` at `--jaccard`; the pairs that share a band go on.
- `argmap B`: `argmap.compare.align.join` with a budget of B candidate pairs
  (0: its default), what `align --all` runs: exact within the budget, past
  it the share raised until the blocks fit.

`--truth FILE` keeps the exhaustive pairs of a run (keyed on the corpus size,
the threshold and the source of argmap/similarity.py) so that a second run
need not score every pair again.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

THRESHOLD = 45.0
Found = dict[tuple[int, int], float]


def rerank(items: list[Any], score: Callable[[int, int], float], pairs: Any) -> Found:
    out = {}
    for i, j in pairs:
        if items[i].paper != items[j].paper:
            s = score(i, j)
            if s >= THRESHOLD:
                out[i, j] = s
    return out


def exact_prefix_cdist(items: list[Any], weights: Any, score: Any, dice: float) -> tuple[Found, int]:
    import numpy as np
    from rapidfuzz import fuzz, process

    from argmap.compare.align import prefix
    from argmap.similarity import min_coverage

    order = {t: k for k, t in enumerate(sorted(weights.df, key=lambda t: (-weights.idf(t), t)))}
    strings = ["".join(chr(0x100 + order[t]) for t in sorted(item.doc.words, key=order.__getitem__))
               for item in items]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for term in prefix(item.doc, weights, min_coverage(THRESHOLD) / 100):
            postings[term].append(i)
    n = len(items)
    codes = []
    for ids in postings.values():
        if len(ids) < 2:
            continue
        block = [strings[i] for i in ids]
        m = process.cdist(block, block, scorer=fuzz.ratio, score_cutoff=dice, dtype=np.uint8, workers=-1)
        a, b = np.nonzero(np.triu(m, 1))
        idx = np.array(ids)
        codes.append(idx[a].astype(np.int64) * n + idx[b])
    unique = np.unique(np.concatenate(codes)) if codes else np.array([], dtype=np.int64)
    pairs = ((int(c // n), int(c % n)) for c in unique)
    return rerank(items, score, pairs), len(unique)


def minhash_lsh(items: list[Any], jaccard: float, score: Any, perms: int) -> tuple[Found, int]:
    from datasketch import MinHash, MinHashLSH

    sets = [[t.encode() for t in item.doc.terms()] for item in items]
    hashes = MinHash.bulk(sets, num_perm=perms)
    lsh = MinHashLSH(threshold=jaccard, num_perm=perms)
    with lsh.insertion_session() as session:
        for i, m in enumerate(hashes):
            session.insert(i, m, check_duplication=False)
    pairs = {(min(i, j), max(i, j)) for i, m in enumerate(hashes) for j in lsh.query(m) if j != i}
    return rerank(items, score, sorted(pairs)), len(pairs)


def argmap_join(items: list[Any], budget: int) -> tuple[Found, int]:
    from argmap.compare import align

    joined = align.join(items, THRESHOLD, budget=budget or align.BUDGET)
    return {(i, j): s for i, j, s in joined.pairs}, -1


def child(corpus: Path, method: str, param: float, out: Path) -> None:
    """One method in this process: time its join, write what it found."""
    from argmap.compare.align import claim_texts
    from argmap.load import load_corpus
    from argmap.similarity import PairScorer, weights_of

    items = claim_texts(load_corpus(corpus))
    wall, cpu = time.perf_counter(), time.process_time()
    weights = weights_of(item.doc.terms() for item in items)
    score = PairScorer([item.doc for item in items], weights)
    if method == "exact-prefix+cdist":
        found, scored = exact_prefix_cdist(items, weights, score, param)
    elif method == "minhash-lsh":
        found, scored = minhash_lsh(items, param, score, 128)
    else:
        found, scored = argmap_join(items, int(param))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    out.write_text(json.dumps({"wall": wall, "cpu": cpu, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                               / 1024, "scored": scored, "claims": len(items), "pairs": [list(p) for p in found]}))


METHODS = (("exact-prefix+cdist", 0.0), ("exact-prefix+cdist", 20.0), ("minhash-lsh", 0.3), ("minhash-lsh", 0.5),
           ("argmap", 0.0), ("argmap", 20_000_000.0))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--corpora", type=Path, default=Path(tempfile.gettempdir()) / "argmap-bench-corpora")
    parser.add_argument("--exhaustive", action="store_true", help="score every pair, for recall")
    parser.add_argument("--truth", type=Path, help="keep (and reuse) the exhaustive pairs in this JSON file")
    parser.add_argument("--methods", nargs="+", help="NAME:PARAM, default all of " + " ".join(
        f"{m}:{p:g}" for m, p in METHODS))
    parser.add_argument("--timeout", type=float, default=1800, help="seconds a method may take")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=ROOT / "align_methods.json")
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], float(args.child[2]), Path(args.child[3]))
        return 0

    from run import corpus_for

    methods = [(m.rpartition(":")[0], float(m.rpartition(":")[2])) for m in args.methods] if args.methods else METHODS
    rows: list[dict[str, Any]] = []
    env = {**os.environ, "XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME", str(args.corpora / "cache"))}
    for papers in args.papers:
        corpus = corpus_for(papers, args.corpora)
        subprocess.run([sys.executable, "-m", "argmap", "validate", str(corpus)], env=env, capture_output=True)
        truth = None
        if args.exhaustive:
            from brute import brute_scores

            from argmap.compare.align import claim_texts
            from argmap.load import load_corpus

            import hashlib

            import argmap.similarity

            key = f"{papers}:{THRESHOLD}:" + hashlib.sha256(Path(argmap.similarity.__file__).read_bytes()).hexdigest()
            kept = json.loads(args.truth.read_text()) if args.truth and args.truth.exists() else {}
            if key in kept:
                truth = {tuple(p) for p in kept[key]}
            else:
                start = time.perf_counter()
                truth = set(brute_scores(claim_texts(load_corpus(corpus)), THRESHOLD))
                print(f"{papers} papers: {len(truth)} pairs scored exhaustively in {time.perf_counter() - start:.0f} s")
                if args.truth:
                    args.truth.write_text(json.dumps({**kept, key: sorted(truth)}))
        for method, param in methods:
            with tempfile.NamedTemporaryFile(suffix=".json") as f:
                try:
                    subprocess.run([sys.executable, __file__, "--child", str(corpus), method, str(param), f.name],
                                   env=env, check=True, timeout=args.timeout)
                except subprocess.TimeoutExpired:
                    row = {"papers": papers, "method": method, "param": param, "timeout_s": args.timeout}
                    print(row)
                    rows.append(row)
                    continue
                r = json.loads(Path(f.name).read_text())
            got = {tuple(p) for p in r.pop("pairs")}
            row = {"papers": papers, "method": method, "param": param, **{k: round(v, 2) for k, v in r.items()},
                   "found": len(got)}
            if truth is not None:
                row["recall"] = round(len(got & truth) / len(truth), 4) if truth else 1.0
                row["exhaustive"] = len(truth)
            print(row)
            rows.append(row)
    args.out.write_text(json.dumps({"threshold": THRESHOLD, "load": os.getloadavg(), "rows": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
