"""`argmap link suggest PAPER#CLAIM`: claims of other papers that may be the same point, ranked.

Candidates are scored with the one claim similarity (`argmap.similarity.pair_score`,
words weighted by their rarity among the papers searched), among the claims
`similarity.pairable` keeps (never a view a paper only reports). Pairs already
linked, and pairs a reviewer dismissed (`argmap link dismiss`), are never
suggested. Each candidate gets a proposed relation, from the claims' leans
and from negation cues (`propose_relation`).

The links already made are evidence too: a claim linked to a claim of a third
paper that is itself linked to the candidate (`via`) comes first, whatever its
words, with the relation the two links compose to (`compose`). Two readers'
link sets over the bundled corpus, one link hidden at a time, put the hidden
partner in the top five for 81-87 % of links this way, against 70 % from the
words alone (bench/similarity.py, docs/performance.md): two authors who
clash word it from opposite sides and share few words, but often a third
author both are linked to.
"""

from __future__ import annotations

import re

from .errors import UsageError, did_you_mean
from .model import Claim, Corpus, Relation
from .outputs import LinkCandidate, LinkSuggestions, ProposedRelation
from .similarity import THRESHOLD, ClaimDoc, pair_score, pairable, weights_of

DEFAULT_LIMIT = 5
# Words that deny or limit what a claim says: one side has them, the other not -> likely a contradiction.
NEGATIONS = frozenset("""not no never nor neither none nothing without lack lacks lacking fail fails failed failure
cannot denies deny rejects reject unlikely little limited limits hardly despite yet""".split())
_WORD = re.compile(r"[a-z']+")


def negated(text: str) -> bool:
    words = set(_WORD.findall(text.casefold()))
    return bool(words & NEGATIONS) or any(w.endswith("n't") for w in words)


def propose_relation(corpus: Corpus, a: Claim, b: Claim) -> tuple[ProposedRelation, str]:
    """agrees, contradicts or refines, and why.

    Opposite leans on a shared address -> contradicts; the same way -> agrees;
    no shared lean: one claim negates or limits and the other does not ->
    contradicts; both or neither -> agrees when the texts say the same, else
    refines (a related claim that adds to the other).
    """
    from .compare.positions import opposite, same_way

    for address in sorted(set(a.lean) & set(b.lean)):
        axis, _ = corpus.axis_of(address)
        if opposite(axis, a.lean[address], b.lean[address]):
            return "contradicts", f"opposite leans on {address} ({a.lean[address]} vs {b.lean[address]})"
        if same_way(axis, a.lean[address], b.lean[address]):
            return "agrees", f"both lean {b.lean[address]} on {address}"
    if negated(a.text) != negated(b.text):
        return "contradicts", "one claim negates or limits, the other does not"
    return "refines", "related claims, no shared lean"


def compose(first: Relation, second: Relation) -> ProposedRelation:
    """The relation of x to z when x is `first` to y and y is `second` to z: agreeing twice agrees,
    agreeing with what contradicts contradicts, contradicting what contradicts agrees (both oppose y),
    and through a refinement the two are related, not the same: refines."""
    if "refines" in (first, second):
        return "refines"
    return "contradicts" if (first == "contradicts") != (second == "contradicts") else "agrees"


LinkPath = tuple[str, Relation, Relation]  # the claim between, and the relation of each of the two links


def paths_from(corpus: Corpus, ref: str) -> dict[str, list[LinkPath]]:
    """Claims two links away from `ref` through a claim of a third paper, each with every such path."""
    linked: dict[str, list[tuple[str, Relation]]] = {}
    for link in corpus.links:
        linked.setdefault(link.a, []).append((link.b, link.relation))
        linked.setdefault(link.b, []).append((link.a, link.relation))
    home = ref.partition("#")[0]
    out: dict[str, list[LinkPath]] = {}
    for via, first in sorted(linked.get(ref, [])):
        for far, second in sorted(linked.get(via, [])):
            if far.partition("#")[0] != home:
                out.setdefault(far, []).append((via, first, second))
    return out


def suggest_links(corpus: Corpus, ref: str, within: str | None = None, limit: int | None = DEFAULT_LIMIT,
                  dismissed: set[frozenset[str]] | None = None) -> LinkSuggestions:
    """The best `limit` candidates for `ref` among the claims of other papers (or of paper `within`).

    `dismissed`: pairs never to suggest (default: the corpus's decisions.yaml)."""
    if dismissed is None:
        from .triage import dismissed_pairs, load_decisions

        dismissed = dismissed_pairs(load_decisions(corpus))
    found = corpus.claim(ref)
    if found is None:
        paper_id, _, claim_id = ref.partition("#")
        paper = corpus.papers.get(paper_id)
        if paper is None:
            raise UsageError(f"no paper '{paper_id}' in {ref}; {did_you_mean(paper_id, list(corpus.papers))}")
        ids = [n.claim.id for n in paper.claims()]
        raise UsageError(f"paper '{paper_id}' has no claim '{claim_id}'; {did_you_mean(claim_id, ids)}")
    source, claim = found
    ref = f"{source.id}#{claim.id}"
    if within == source.id:
        raise UsageError("links join claims of two different papers; name another paper with --in")
    papers = [p for p in corpus.chronological() if p.id != source.id and (within is None or p.id == within)]
    skip = {frozenset((link.a, link.b)) for link in corpus.links} | dismissed
    nodes = [(p.id, n) for p in papers for n in pairable(p) if frozenset((ref, f"{p.id}#{n.claim.id}")) not in skip]
    docs = [ClaimDoc.of(n.claim) for _, n in nodes]
    mine = ClaimDoc.of(claim)
    weights = weights_of(d.terms() for d in [*docs, *(ClaimDoc.of(n.claim) for n in pairable(source))])
    paths = paths_from(corpus, ref)
    scores = [pair_score(mine, d, weights) for d in docs]
    refs = [f"{pid}#{n.claim.id}" for pid, n in nodes]
    # Reached through links first, then by score; sharing nothing, and reached by no path, is no candidate.
    order = sorted((i for i in range(len(nodes)) if scores[i] > 0 or refs[i] in paths),
                   key=lambda i: (refs[i] not in paths, -scores[i], i))
    candidates: list[LinkCandidate] = []
    for i in order[:limit]:
        n, routes = nodes[i][1], paths.get(refs[i], [])
        if routes:
            via, first, second = routes[0]
            relation: ProposedRelation = compose(first, second)
            more = f", and {len(routes) - 1} more" if len(routes) > 1 else ""
            why = f"linked through {via} ({first}, then {second}){more}"
        else:
            relation, why = propose_relation(corpus, claim, n.claim)
        candidates.append({"ref": refs[i], "role": n.role, "text": n.claim.text, "score": round(scores[i], 1),
                           "likely": scores[i] >= THRESHOLD or bool(routes), "relation": relation, "why": why,
                           "via": [p[0] for p in routes]})
    return {"claim": ref, "text": claim.text, "within": within, "threshold": THRESHOLD, "searched": len(nodes),
            "candidates": candidates}
