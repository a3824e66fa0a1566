"""`argmap query` as a whole process on a large synthetic corpus, against the raw rapidfuzz scan it replaced.

    python bench/query_process.py --papers 1000      # about 50k claims

Both sides are whole processes on a warm index cache: argmap's (load, idf-weighted
scoring, ranking, rendering) and a raw one that loads the same corpus through the
cache and runs one `rapidfuzz.process.extract` with token_set_ratio over every claim's
text, quote and tags (what `query` did before its words were weighted). Medians of
--repeat runs, as a ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

import make_corpus  # noqa: E402

QUERY = "strategic partnership against united states hegemony"
RAW = ("import sys\n"
       "from rapidfuzz import fuzz, process\n"
       "from argmap.load import load_corpus\n"
       "from argmap.text import normalise\n"
       "c = load_corpus(sys.argv[1])\n"
       "s = [normalise(f\"{n.claim.text} {n.claim.quote or ''} {' '.join(n.claim.tags)}\") "
       "for p in c.papers.values() for n in p.claims()]\n"
       "print(process.extract(normalise(sys.argv[2]), s, scorer=fuzz.token_set_ratio, limit=10, processor=None))\n")


def timed(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        corpus = Path(tmp) / "corpus"
        make_corpus.make(args.papers, 1, corpus)
        ours = [sys.executable, "-m", "argmap", "query", QUERY, "--corpus", str(corpus), "--format", "plain"]
        raw = [sys.executable, "-c", RAW, str(corpus), QUERY]
        subprocess.run(ours, capture_output=True)  # fill the index cache (maps and search terms)
        subprocess.run(raw, capture_output=True)
        o, r = timed(ours, args.repeat), timed(raw, args.repeat)
    print(f"argmap query {o:.3f} s, raw token_set_ratio process {r:.3f} s, ratio {o / r:.2f} (target <= 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
