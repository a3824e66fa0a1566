"""`argmap tensions [PAPER]`: recorded self-contradictions and detected candidates.

Detected candidates are of two kinds:

- `position_vs_lean`: the paper states a position on an address and a claim
  it *argues* (on the thesis's side of its tree: the thesis, its premises,
  rebuttals and their premises) leans the opposite way there;
- `opposite_leans`: two claims the paper holds lean opposite ways on the same
  address, at least one of them argued.

A counterpoint the paper concedes and leaves standing is held, but it is a
concession: the position already weighs it (a hedge is coded as the middle
value), so on its own it is no contradiction. A counterpoint the paper
rebuts, and a view it only reports (`reported_by`), is not held at all
(`model.voices`). A claim against its own parent or child is the
tree's attack, already visible, and a pair already recorded is not repeated.
Each claim enters at most one `opposite_leans` pair, widest gap first, so a
paper with many leaning claims gives a short list.
"""

from __future__ import annotations

from ..model import Corpus, Node, Paper, TensionVerdict
from ..outputs import LeanConflict, PaperTensions, PositionConflict, TensionData, TensionsData
from ..views import claim_data, claims_by_ref
from .positions import distance, opposite, stated


def tensions(corpus: Corpus, papers: list[Paper] | None = None) -> TensionsData:
    from ..triage import load_decisions, tension_verdicts

    chosen = papers if papers is not None else corpus.chronological()
    verdicts = tension_verdicts(load_decisions(corpus))
    out = [paper_tensions(corpus, p, verdicts) for p in chosen]
    return {
        "papers": out,
        "recorded": sum(len(p["recorded"]) + len(p["against_positions"]) for p in out),
        "detected": sum(len(p["detected"]) for p in out),
    }


def paper_tensions(corpus: Corpus, paper: Paper,
                   verdicts: dict[frozenset[str], TensionVerdict] | None = None) -> PaperTensions:
    """Recorded tensions (with the claim pairs a reviewer accepted), the claims a reviewer accepted as
    leaning against the paper's position, and detected candidates (less those judged); `verdicts` as
    `triage.tension_verdicts` keys them."""
    claims = claims_by_ref(paper)
    recorded: list[TensionData] = [{"a": claims[t.a], "b": claims[t.b], "note": t.note}
                                   for t in paper.tensions]
    known = {frozenset((t.a, t.b)) for t in paper.tensions}
    for v in (verdicts or {}).values():
        if v.b is None:
            continue  # a claim against a position: below
        (pa, a), (pb, b) = (ref.partition("#")[::2] for ref in (v.a, v.b))
        if pa == pb == paper.id and a in claims and b in claims:
            known.add(frozenset((a, b)))
            if v.verdict == "accepted":
                recorded.append({"a": claims[a], "b": claims[b], "note": v.note})
    voice = paper.voices()
    holds = [n for n in paper.claims() if voice[n.claim.id] in ("own", "conceded")]  # what the paper holds
    own = {cid for cid, v in voice.items() if v == "own"}
    against_positions: list[PositionConflict] = []  # accepted by a reviewer: recorded, with the note
    detected: list[PositionConflict | LeanConflict] = []
    for conflict in position_conflicts(corpus, paper, [n for n in holds if n.claim.id in own]):
        judged = (verdicts or {}).get(frozenset((f"{paper.id}#{conflict['b']['id']}", f"@{conflict['axis']}")))
        if judged is None:
            detected.append(conflict)
        elif judged.verdict == "accepted":
            against_positions.append({**conflict, "note": judged.note})
    detected.extend(lean_conflicts(corpus, holds, own, known))
    return {"paper": paper.id, "recorded": recorded, "against_positions": against_positions, "detected": detected}


def position_conflicts(corpus: Corpus, paper: Paper, claims: list[Node]) -> list[PositionConflict]:
    found: list[PositionConflict] = []
    for address in corpus.addresses:
        position = stated(paper, address)
        if position is None:
            continue
        axis, _ = corpus.axis_of(address)
        for n in claims:
            lean = n.claim.lean.get(address)
            if lean is not None and opposite(axis, position.value, lean):
                found.append({
                    "kind": "position_vs_lean", "axis": address,
                    "note": f"states {address} = {position.value}, but {n.claim.id} leans {lean}",
                    "a": {"position": position.value, "evidence": list(position.evidence)},
                    "b": claim_data(n.claim, n.role),
                })
    return found


def lean_conflicts(corpus: Corpus, claims: list[Node], own: set[str],
                   known: set[frozenset[str]]) -> list[LeanConflict]:
    candidates = []
    leaning = [n for n in claims if n.claim.lean]  # most claims lean nowhere: pair only those that do
    for i, x in enumerate(leaning):
        for y in leaning[i + 1:]:
            shared = x.claim.lean.keys() & y.claim.lean.keys()
            if not shared or x.parent == y.claim.id or y.parent == x.claim.id:
                continue
            if x.claim.id not in own and y.claim.id not in own:
                continue  # two concessions disagreeing is not the paper disagreeing with itself
            if frozenset((x.claim.id, y.claim.id)) in known:
                continue
            for address in sorted(shared):
                axis, _ = corpus.axis_of(address)
                vx, vy = x.claim.lean[address], y.claim.lean[address]
                if opposite(axis, vx, vy):
                    gap = distance(axis, vx, vy) or 1
                    candidates.append((-gap, x.depth + y.depth, address, x, y))
    used: set[str] = set()
    found: list[LeanConflict] = []
    for _, _, address, x, y in sorted(candidates, key=lambda c: c[:3]):
        if x.claim.id in used or y.claim.id in used:
            continue
        used.update((x.claim.id, y.claim.id))
        found.append({
            "kind": "opposite_leans", "axis": address,
            "note": f"{x.claim.id} leans {x.claim.lean[address]}, {y.claim.id} leans {y.claim.lean[address]}",
            "a": claim_data(x.claim, x.role), "b": claim_data(y.claim, y.role),
        })
    return found
