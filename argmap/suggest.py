"""`argmap link suggest PAPER#CLAIM`: claims of other papers that may be the same point, ranked.

Candidates are scored with the one claim similarity (`argmap.similarity.pair_score`,
words weighted by their rarity among the papers searched), among the claims
`similarity.pairable` keeps (never a view a paper only reports). Pairs already
linked, and pairs a reviewer dismissed (`argmap link dismiss`), are never
suggested. Each candidate gets a proposed relation, from the claims' leans
and from negation cues (`propose_relation`).
"""

from __future__ import annotations

import re

from .errors import UsageError, did_you_mean
from .model import Claim, Corpus
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
    scored = sorted(((pair_score(mine, d, weights), i) for i, d in enumerate(docs)), key=lambda t: (-t[0], t[1]))
    candidates: list[LinkCandidate] = []
    for score, i in [(s, i) for s, i in scored if s > 0][:limit]:  # sharing nothing is no candidate
        pid, n = nodes[i]
        relation, why = propose_relation(corpus, claim, n.claim)
        candidates.append({"ref": f"{pid}#{n.claim.id}", "role": n.role, "text": n.claim.text,
                           "score": round(score, 1), "likely": score >= THRESHOLD, "relation": relation, "why": why})
    return {"claim": ref, "text": claim.text, "within": within, "threshold": THRESHOLD, "searched": len(nodes),
            "candidates": candidates}
