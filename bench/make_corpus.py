"""A deterministic synthetic corpus that looks like a real one, for benchmarks.

    python bench/make_corpus.py --papers 1000 --seed 1 --out /tmp/corpus1000

About 50 claims per paper (30-70), trees up to depth 6, a position on every
axis address, about 2 links per paper, vocabulary recombined from the bundled
maps' claims, and some exact (2%) and near (4%) duplicates of claims from
other papers so that alignment has real work to do. Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from argmap import spec, yamlsafe  # noqa: E402
from argmap.corpus import bundled_root  # noqa: E402
from argmap.load import load_corpus  # noqa: E402
from argmap.model import Claim, Paper, Position  # noqa: E402

FALLBACK = ("Russia and China deepen their strategic partnership against United States hegemony through "
            "energy trade military exercises and coordination in the Shanghai Cooperation Organisation while "
            "mistrust over Central Asia and the Arctic and a growing asymmetry limit how far the alignment can go")


SYLLABLES = "ka lo mi ren sa tor vel an di pu qua zen bor li ma ne os ri ta ul".split()


def vocabulary(source: Path) -> tuple[list[str], list[str]]:
    """Sentences and words of an existing corpus (the bundled one), to recombine.

    Words are topped up with pronounceable pseudo-words to 20,000 (the
    vocabulary size of a real field's 50k claims), so that generated claims are
    not accidental near-duplicates of each other.
    """
    try:
        corpus = load_corpus(source, use_cache=False)
        sentences = [text for p in corpus.papers.values() for n in p.claims()
                     for text in (n.claim.text, n.claim.quote)]
    except Exception:  # the bundled corpus may be mid-edit; the benchmark must still run
        sentences = []
    sentences = sentences or [FALLBACK]
    words = sorted({w.strip(".,;:()\"'").lower() for s in sentences for w in s.split() if len(w) > 2})
    rng = random.Random(0)
    vocab = set(words)
    while len(vocab) < 20_000:
        vocab.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5))))
    words = sorted(vocab)
    rng.shuffle(words)  # frequency rank must not follow the alphabet
    return sentences, words


class Generator:
    def __init__(self, seed: int, source: Path):
        self.rng = random.Random(seed)
        self.sentences, self.words = vocabulary(source)
        corpus = load_corpus(source) if (source / "axes.yaml").exists() else None
        self.axes = list(corpus.axes.values()) if corpus else []
        self.tags = (corpus.tags or []) if corpus else []
        self.pool: list[tuple[str, str, str]] = []  # (paper, claim id, text) for cross-paper duplicates

    def sentence(self) -> str:
        """A slice of a real claim plus topic words drawn with a Zipf-like skew."""
        rng = self.rng
        base = rng.choice(self.sentences).rstrip(".").split()
        start = rng.randrange(max(1, len(base) - 4))
        head = base[start:start + rng.randint(3, 8)]
        n = len(self.words)
        # Zipf's law (frequency ~ 1/rank): rank = n ** U for uniform U.
        extra = [self.words[min(n - 1, int(n ** rng.random()) - 1)] for _ in range(rng.randint(6, 14))]
        return " ".join(head + extra).capitalize() + "."

    def near(self, text: str) -> str:
        words = text.rstrip(".").split()
        for _ in range(self.rng.randint(1, 2)):
            words[self.rng.randrange(len(words))] = self.rng.choice(self.words)
        return " ".join(words) + "."

    def claim(self, paper_id: str, claim_id: str) -> Claim:
        rng = self.rng
        roll = rng.random()
        if self.pool and roll < 0.02:
            text = rng.choice(self.pool)[2]
        elif self.pool and roll < 0.06:
            text = self.near(rng.choice(self.pool)[2])
        else:
            text = self.sentence()
        lean: dict[str, int | str] = {}
        if self.axes and rng.random() < 0.3:
            axis = rng.choice(self.axes)
            lean[rng.choice(axis.addresses)] = rng.choice(axis.value_ids)
        quote_words = text.rstrip(".").split()
        start = rng.randrange(max(1, len(quote_words) - 5))
        claim = Claim(id=claim_id, text=text, quote=" ".join(quote_words[start:start + rng.randint(5, 12)]),
                      locator=f"Section {rng.randint(1, 9)}", tags=rng.sample(self.tags, k=min(len(self.tags), rng.randint(0, 3))),
                      lean=lean)
        self.pool.append((paper_id, claim_id, text))
        return claim

    def paper(self, index: int) -> tuple[Paper, list[str]]:
        rng = self.rng
        paper_id = f"p{index:05d}"
        size = rng.randint(30, 70)
        counters = {"p": 0, "c": 0}
        thesis = self.claim(paper_id, "t")
        nodes: list[tuple[Claim, int]] = [(thesis, 0)]
        while sum(counters.values()) < size - 1:
            parent, depth = rng.choice([n for n in nodes if n[1] < 6])
            kind = "p" if rng.random() < 0.65 else "c"
            counters[kind] += 1
            child = self.claim(paper_id, f"{kind}{counters[kind]}")
            (parent.premises if kind == "p" else parent.counterpoints).append(child)
            nodes.append((child, depth + 1))
        ids = [n[0].id for n in nodes]
        positions = {}
        for axis in self.axes:
            for address in axis.addresses:
                if rng.random() < 0.15:
                    positions[address] = Position(value="unstated")
                else:
                    positions[address] = Position(value=rng.choice(axis.value_ids), evidence=rng.sample(ids, k=2))
        paper = Paper(id=paper_id, title=self.sentence(), authors=[f"Author {rng.choice(self.words).title()}"],
                      year=rng.randint(1995, 2025), thesis=thesis, positions=positions, venue="Synthetic")
        return paper, ids


def make(papers: int, seed: int, out: Path, source: Path | None = None) -> None:
    source = source or bundled_root()
    gen = Generator(seed, source)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "axes.yaml", out / "axes.yaml")
    all_ids: list[tuple[str, list[str]]] = []
    for i in range(papers):
        paper, ids = gen.paper(i)
        (out / f"{paper.id}.yaml").write_text(yamlsafe.dump(spec.to_data(paper)), encoding="utf-8")
        all_ids.append((paper.id, ids))
    links, seen = [], set()
    rng = gen.rng
    for _ in range(papers * 2 if papers > 1 else 0):
        (pa, ia), (pb, ib) = rng.sample(all_ids, 2)
        a, b = f"{pa}#{rng.choice(ia)}", f"{pb}#{rng.choice(ib)}"
        relation = rng.choice(["agrees", "contradicts", "refines", "same"])
        if (a, b) in seen or (b, a) in seen:
            continue
        seen.add((a, b))
        links.append({"a": a, "b": b, "relation": relation, "note": "synthetic"})
    (out / "links.yaml").write_text(yamlsafe.dump({"links": links}), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    make(args.papers, args.seed, args.out)
    print(f"wrote {args.papers} papers to {args.out}")


if __name__ == "__main__":
    main()
