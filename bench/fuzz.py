"""Mutation fuzzing of the loader: N random mutations of a valid map.

Every outcome must be a valid corpus or an ArgmapError; anything else is a
crash, printed with its input so it can become a test. Reports counts.

    python bench/fuzz.py --runs 10000 --seed 1
"""

from __future__ import annotations

import argparse
import collections
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from argmap.errors import ArgmapError, InputError
from argmap.load import load_corpus

ROOT = Path(__file__).resolve().parents[1]
SEED_CORPUS = ROOT / "tests" / "fixtures" / "mini"
TOKENS = [b":", b"-", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!python/object ", b"#", b"'", b'"', b"\t", b"\n",
          b"  ", b"\x00", b"\xff", b"<<: ", b"---\n", b"|", b">", b"%YAML 1.1\n", b"? ", b"\xef\xbb\xbf", b"\r\n"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        pos = rng.randint(0, len(out))
        op = rng.choice(("insert", "delete", "flip", "dup-line", "swap-lines", "truncate"))
        if op == "insert":
            out[pos:pos] = rng.choice(TOKENS) if rng.random() < 0.7 else rng.randbytes(rng.randint(1, 8))
        elif op == "delete":
            del out[pos:pos + rng.randint(1, 30)]
        elif op == "flip" and pos < len(out):
            out[pos] ^= 1 << rng.randint(0, 7)
        elif op in ("dup-line", "swap-lines"):
            lines = bytes(out).split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            if op == "dup-line":
                lines.insert(i, lines[j])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            out = bytearray(b"\n".join(lines))
        elif op == "truncate":
            del out[pos:]
    return bytes(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    counts: collections.Counter[str] = collections.Counter()
    kinds: collections.Counter[str] = collections.Counter()
    crashes = 0
    original = (SEED_CORPUS / "smith2020.yaml").read_bytes()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("axes.yaml", "jones2021.yaml"):
            shutil.copy(SEED_CORPUS / name, folder)
        target = folder / "smith2020.yaml"
        for _ in range(args.runs):
            mutated = mutate(original, rng)
            target.write_bytes(mutated)
            try:
                load_corpus(folder)
                counts["valid corpus"] += 1
            except InputError as e:
                counts["InputError"] += 1
                kinds[e.problems[0].message.split("'")[0].split(" (")[0][:40]] += 1
            except ArgmapError:
                counts["other ArgmapError"] += 1
            except Exception:  # a crash: show it and its input
                crashes += 1
                print(f"CRASH on input {mutated!r}\n{traceback.format_exc()}", file=sys.stderr)
    seconds = time.perf_counter() - start
    print(f"{args.runs} mutations in {seconds:.1f}s (seed {args.seed})")
    for name, n in counts.most_common():
        print(f"  {name:20} {n:6}")
    print(f"  {'crashes':20} {crashes:6}")
    print("most common first problems:")
    for message, n in kinds.most_common(8):
        print(f"  {n:6}  {message}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
