"""Alternatives to argmap's pair scorer, measured side by side with the curated links hidden.

    python bench/similarity_variants.py          # the bundled corpus; writes bench/similarity_variants.json

Each variant changes one thing against `argmap.similarity.pair_score` (the baseline):

- what a claim's terms are: its quote's words too, its parent claim's words, its tags' words;
- how the two coverages combine (arithmetic mean, tf-idf cosine) and how much tags weigh;
- relation-aware channels on top of the scores: a bonus for two claims that lean on a shared axis
  address (opposite or same way); `diff` keeping only mutual best matches; one of `link suggest`'s
  five places kept for the best claim leaning on a shared address (opposite ways, or either way);
- hub-penalised scores (CSLS, Conneau et al. 2018: a candidate's score less its mean score with its
  own nearest neighbours), and a bonus for objections on both sides (counterpoint or rebuttal).

Figures, for all ten paper pairs and for the five pairs `bench/similarity.py` tuned the weights on
(`TUNE`) against the five others: `link suggest` recall@5; and `diff`: how many suggestions it
takes to recover 30 % of the curated links (16 of 52), their precision against the curated links
and against the curated plus judged pairs (tests/fixtures/judged_pairs.yaml; unjudged count as
wrong here, so a lower bound for variants that suggest pairs the pool never saw).
"""

from __future__ import annotations

import itertools
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from similarity import TUNE, greedy, load_judged  # noqa: E402

from argmap import similarity as S  # noqa: E402
from argmap.compare.positions import opposite, same_way  # noqa: E402
from argmap.load import load_corpus  # noqa: E402
from argmap.model import Corpus, Node  # noqa: E402

Row = dict[str, Any]  # one cross-paper claim pair: refs, score, leans shared, roles


def doc(n: Node, parent: Node | None, cfg: dict[str, Any]) -> S.ClaimDoc:
    words = S.text_terms(n.claim.text)
    if cfg.get("quote") and n.claim.quote:
        words = S._merged(S.text_terms(n.claim.quote, cfg["quote"]), words)
    if cfg.get("parent") and parent is not None:
        words = S._merged(S.text_terms(parent.claim.text, cfg["parent"]), words)
    if cfg.get("tag words"):
        words = S._merged(S.text_terms(" ".join(n.claim.tags).replace("_", " "), cfg["tag words"]), words)
    tags = frozenset(n.claim.tags) | (frozenset(f"lean:{a}" for a in n.claim.lean) if cfg.get("lean tags") else set())
    return S.ClaimDoc(words, tags)


def score(a: S.ClaimDoc, b: S.ClaimDoc, w: S.Weights, cfg: dict[str, Any]) -> float:
    if cfg.get("mean") == "cosine":
        wa = {t: x * w.idf(t) for t, x in a.words.items()}
        wb = {t: x * w.idf(t) for t, x in b.words.items()}
        norm = math.sqrt(sum(v * v for v in wa.values()) * sum(v * v for v in wb.values()))
        text = 100 * sum(wa[t] * wb[t] for t in wa if t in wb) / norm if norm else 0.0
    else:
        x, y = S.coverage(a.words, b.words, w), S.coverage(b.words, a.words, w)
        text = (x + y) / 2 if cfg.get("mean") == "arithmetic" else (2 * x * y / (x + y) if x + y else 0.0)
    tw = cfg.get("tag weight", S.TAG_WEIGHT)
    if not (a.tags or b.tags):
        return text
    return (text + tw * 100 * S.tag_overlap(a.tags, b.tags, w)) / (1 + tw)


def rows_of(corpus: Corpus, cfg: dict[str, Any]) -> list[Row]:
    truth = {frozenset((link.a, link.b)) for link in corpus.links}
    rows: list[Row] = []
    for a, b in itertools.combinations(sorted(corpus.papers), 2):
        sides = []
        for pid in (a, b):
            paper = corpus.papers[pid]
            by_id = {n.claim.id: n for n in paper.claims()}
            sides.append([(f"{pid}#{n.claim.id}", n, doc(n, by_id.get(n.parent or ""), cfg)) for n in S.pairable(paper)])
        w = S.weights_of(d.terms() for side in sides for _, _, d in side)
        for (ra, na, da), (rb, nb, db) in itertools.product(*sides):
            shared = set(na.claim.lean) & set(nb.claim.lean)
            axes = [corpus.axis_of(ad)[0] for ad in shared]
            opp = any(opposite(ax, na.claim.lean[ad], nb.claim.lean[ad]) for ax, ad in zip(axes, shared))
            same = any(same_way(ax, na.claim.lean[ad], nb.claim.lean[ad]) for ax, ad in zip(axes, shared))
            rows.append({"pair": f"{a}/{b}", "a": ra, "b": rb, "s": score(da, db, w, cfg), "opp": opp, "same": same,
                         "objections": {na.role, nb.role} <= {"counterpoint", "rebuttal"},
                         "curated": frozenset((ra, rb)) in truth})
    return rows


def neighbourhoods(rows: list[Row]) -> dict[tuple[str, str], list[Row]]:
    """Each claim's rows with the other paper of each pair."""
    out: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        out[r["a"], r["pair"]].append(r)
        out[r["b"], r["pair"]].append(r)
    return out


def csls(rows: list[Row], k: int = 3) -> None:
    """Replace each score by 2s - (mean of the k best scores of either end): hubs fall back."""
    near = {key: sorted((r["s"] for r in group), reverse=True)[:k] for key, group in neighbourhoods(rows).items()}
    for r in rows:
        r["penalised"] = 2 * r["s"] - sum(near[r["a"], r["pair"]]) / k - sum(near[r["b"], r["pair"]]) / k
    for r in rows:
        r["raw"], r["s"] = r["s"], r["penalised"]


def mutual_best(rows: list[Row]) -> list[Row]:
    best: dict[tuple[str, str], float] = {}
    for r in rows:
        for end in ("a", "b"):
            best[r[end], r["pair"]] = max(best.get((r[end], r["pair"]), -1e9), r["s"])
    return [r for r in rows if r["s"] == best[r["a"], r["pair"]] == best[r["b"], r["pair"]]]


def recall_at_5(rows: list[Row], slot: Callable[[Row], bool] | None = None) -> dict[str, float]:
    """Curated partner among a claim's top 5 in the other paper (a pair sharing nothing never listed); with
    `slot`, the fifth place goes to the best claim `slot` keeps, if not already listed."""
    hits: dict[str, int] = defaultdict(int)
    ends: dict[str, int] = defaultdict(int)
    groups = neighbourhoods(rows)
    for r in (r for r in rows if r["curated"]):
        for end in ("a", "b"):
            ranked = sorted(groups[r[end], r["pair"]], key=lambda x: -x["s"])
            top = [x for x in ranked if x.get("raw", x["s"]) > 0][:5]
            if slot is not None:
                extra = next((x for x in ranked if slot(x) and x not in top[:4]), None)
                top = top[:4] + [extra] if extra is not None else top
            part = "tuned on" if tuple(r["pair"].split("/")) in TUNE else "held out"
            hits[part] += r in top
            ends[part] += 1
    total = sum(ends.values())
    return {"all": round(sum(hits.values()) / total, 3), **{k: round(hits[k] / ends[k], 3) for k in sorted(ends)}}


def diff_at_30(rows: list[Row], judged: dict[frozenset[str], str], n_links: int) -> dict[str, Any]:
    """The fewest of diff's best-first suggestions that recover 30 % of the curated links."""
    by_pair: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for r in rows:
        by_pair[r["pair"]].append((r["s"], r["a"], r["b"]))
    curated = {frozenset((r["a"], r["b"])) for r in rows if r["curated"]}
    scores = {frozenset((r["a"], r["b"])): r["s"] for r in rows}
    matched = sorted((p for group in by_pair.values() for p in greedy(group, -1e9)), key=lambda p: -scores[p])
    need = math.ceil(0.3 * n_links)
    hit = 0
    for i, p in enumerate(matched, 1):
        hit += p in curated
        if hit >= need:
            kept = matched[:i]
            good = sum(1 for q in kept if q in curated or judged.get(q, "unrelated") != "unrelated")
            return {"suggested": i, "precision": round(hit / i, 3), "judged precision (lower bound)": round(good / i, 3)}
    return {"suggested": None, "precision": None, "judged precision (lower bound)": None, "recovered": hit}


def main() -> int:
    corpus = load_corpus(ROOT / "claims", use_cache=False)
    judged = load_judged(ROOT / "tests" / "fixtures" / "judged_pairs.yaml")
    n = len(corpus.links)
    shared = lambda r: r["opp"] or r["same"]  # noqa: E731
    # name: (terms and scoring, a change to the scores, diff's candidates only, suggest's 5th place)
    Variant = tuple[dict[str, Any], Callable[[list[Row]], list[Row]] | None, Callable[[list[Row]], list[Row]] | None,
                    Callable[[Row], bool] | None]
    variants: dict[str, Variant] = {
        "argmap (baseline)": ({}, None, None, None),
        "+ quote words x0.5": ({"quote": 0.5}, None, None, None),
        "+ parent's words x0.3": ({"parent": 0.3}, None, None, None),
        "+ tags' words x0.5": ({"tag words": 0.5}, None, None, None),
        "arithmetic mean": ({"mean": "arithmetic"}, None, None, None),
        "tf-idf cosine": ({"mean": "cosine"}, None, None, None),
        "tag weight 0.3": ({"tag weight": 0.3}, None, None, None),
        "tag weight 1.0": ({"tag weight": 1.0}, None, None, None),
        "lean addresses as tags": ({"lean tags": True}, None, None, None),
        "+10 leaning on a shared address": ({}, lambda rs: [{**r, "s": r["s"] + 10 * shared(r)} for r in rs], None, None),
        "+10 both objections": ({}, lambda rs: [{**r, "s": r["s"] + 10 * r["objections"]} for r in rs], None, None),
        "CSLS hub penalty (k=3)": ({}, lambda rs: (csls(rs), rs)[1], None, None),
        "diff: mutual best only": ({}, None, mutual_best, None),
        "suggest: 5th place, opposite leans": ({}, None, None, lambda r: r["opp"]),
        "suggest: 5th place, any shared lean": ({}, None, None, shared),
    }
    out: dict[str, Any] = {"links": n, "variants": {}}
    for name, (cfg, transform, diff_only, slot) in variants.items():
        rows = rows_of(corpus, cfg)
        if transform is not None:
            rows = transform(rows)
        out["variants"][name] = {"suggest recall@5": recall_at_5(rows, slot),
                                 "diff at 30 % recall": diff_at_30(diff_only(rows) if diff_only else rows, judged, n)}
        print(f"{name:38} {json.dumps(out['variants'][name])}", flush=True)
    (ROOT / "bench" / "similarity_variants.json").write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
