"""Hypothesis strategies for maps that are graphs, and the structure a round trip must keep.

`graph_papers()` draws a valid paper with one to three roots (the thesis and
further `roots`), each a small tree, plus edges by id (`supports`, `attacks`)
between any two claims and undercuts naming any edge, tree or not, by a claim
that is neither of its ends. Claim ids are unique as a map requires; texts
are unique too, so claims can be told apart in a format that drops ids.
"""

from __future__ import annotations

from typing import Callable

from hypothesis import strategies as st

from argmap.graph import graph, problems
from argmap.model import Claim, Paper, Position, Tension

slug = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,6}", fullmatch=True)
text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(lambda s: s.strip())
values = st.one_of(st.integers(-2, 2), slug)
ID_STEMS = st.sampled_from(["p", "c", "a_", "a_b_"])  # all ids may share a prefix such as a_, as titles do


@st.composite
def graph_papers(draw: st.DrawFn, max_roots: int = 3) -> Paper:
    counter = iter(range(10_000))
    claims: list[Claim] = []

    def claim(depth: int) -> Claim:
        kids = (lambda: [claim(depth + 1) for _ in range(draw(st.integers(0, 2)))]) if depth < 3 else list
        i = next(counter)
        made = Claim(id=f"{draw(ID_STEMS)}{i}", text=f"{draw(text)} ({i})", quote=draw(st.one_of(st.none(), text)),
                     locator=draw(text), tags=draw(st.lists(slug, max_size=2)),
                     lean=draw(st.dictionaries(st.from_regex(r"[a-z]{1,5}(\.[a-z]{1,5})?", fullmatch=True), values,
                                               max_size=2)),
                     reported_by=draw(st.one_of(st.none(), text)),
                     weight=draw(st.one_of(st.none(), st.floats(0, 1))))
        claims.append(made)
        made.premises, made.counterpoints = kids(), kids()
        return made

    roots = [claim(0) for _ in range(draw(st.integers(1, max_roots)))]
    roots[0].id = draw(st.sampled_from(["t", "a_t"]))
    paper = Paper(id=draw(slug), title=draw(text), authors=draw(st.lists(text, min_size=1, max_size=2)),
                  year=draw(st.integers(1800, 2100)), thesis=roots[0], roots=roots[1:],
                  year_note=draw(st.one_of(st.none(), text)), venue=draw(st.one_of(st.none(), text)),
                  source=draw(st.one_of(st.none(), text)),
                  positions=draw(st.dictionaries(slug, st.builds(Position, value=values,
                                                                 evidence=st.lists(slug, max_size=2),
                                                                 note=st.one_of(st.just(""), text)), max_size=2)),
                  tensions=draw(st.lists(st.builds(Tension, a=slug, b=slug, note=text), max_size=2)))
    n = len(claims)
    for a, b, key in draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                                             st.sampled_from(["supports", "attacks"])), max_size=n)):
        getattr(claims[a], key).append(claims[b].id)
        if problems(paper):  # itself, an edge the tree has, a target named twice: not a valid map
            getattr(claims[a], key).pop()
    edges = graph(paper).edges
    for who, e in [] if not edges else draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, len(edges) - 1)), max_size=3)):
        name = edges[e].name
        if claims[who].id not in (edges[e].source, edges[e].target) and name not in claims[who].undercuts:
            claims[who].undercuts.append(name)
    assert not problems(paper)
    return paper


Skeleton = list[tuple[str, int | None, str, list[int], list[int], list[tuple[int, int]]]]


def skeleton(paper: Paper, shown: Callable[[str], str] = str, undercuts: bool = True) -> Skeleton:
    """The structure without ids: per claim in walk order (roots in order, the thesis first), its role,
    its parent's position, its text as a format shows it, the positions it supports and attacks by id,
    and the inferences it undercuts (as positions); those three as sets, since their order means nothing."""
    nodes = list(paper.claims())
    at = {n.claim.id: i for i, n in enumerate(nodes)}

    def pair(ref: str) -> tuple[int, int]:
        a, _, b = ref.partition(">")
        return at[a], at[b]

    return [(n.role, None if n.parent is None else at[n.parent], shown(n.claim.text),
             sorted(at[r] for r in n.claim.supports), sorted(at[r] for r in n.claim.attacks),
             sorted(pair(r) for r in n.claim.undercuts) if undercuts else []) for n in nodes]
