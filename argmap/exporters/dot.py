"""Graphviz DOT: claims as boxes, support and attack as differently drawn edges.

Labels are HTML-like (`label=<...>`), never quoted strings: inside them only
&, < and > are special and `Html`, the pages' own escaping, covers them, whereas a quoted DOT
string cannot end in a backslash and gives `\\n`, `\\N`, `\\G` meanings of
their own. Node ids are `"paper#claim"`, made of slugs only. Edges run from a
claim to the claim it supports or attacks, drawn bottom-up (rankdir=BT) so
the thesis sits on top; each further root tops a tree of its own.

The edges a claim adds by id (`supports`, `attacks`) are drawn like their
kind but thicker and without bending the trees' layout (constraint=false).
An undercut attacks an inference, which DOT cannot point at, so an undercut
inference passes through a small dot node, `"paper#premise>conclusion"`,
and the undercut ends there.
"""

from __future__ import annotations

import textwrap

from ..graph import Edge, graph
from ..model import Corpus, Paper
from . import links_between
from ..text import printable
from .html import Html, join

WRAP = 40  # characters per label line
FONT = "Helvetica"
FILL = {"thesis": "#eaeef2", "premise": "#e6f4ea", "counterpoint": "#fce8e6", "rebuttal": "#fff4d6"}
SUPPORT = 'color="#1a7f37", style=solid, arrowhead=normal'
ATTACK = 'color="#cf222e", style=dashed, arrowhead=tee'
UNDERCUT = 'color="#9a6700", style=dashed, arrowhead=tee'
BY_ID = ", penwidth=2.5, constraint=false"  # an edge added by id, or an undercut
INFERENCE = 'shape=point, width=0.09, color="#57606a"'  # the dot on an undercut inference
LINK_COLOR = {"agrees": "#1a7f37", "same": "#1a7f37", "contradicts": "#cf222e", "refines": "#0969da"}
BR = '<BR ALIGN="LEFT"/>'


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Lines of at most `width` characters, split at spaces only, so joining with spaces gives the text back."""
    return textwrap.wrap(printable(text), width, break_long_words=False, break_on_hyphens=False) or [""]


def html_label(head: str, text: str) -> str:
    """`<B>head</B>` over the wrapped text, left aligned."""
    return str(Html("<<B>{}</B>" + BR + "{}>").format(head, join(Html("{}" + BR).format(line) for line in wrap(text))))


def node_id(paper_id: str, claim_id: str) -> str:
    return f'"{paper_id}#{claim_id}"'


def claim_lines(paper: Paper, indent: str) -> list[str]:
    """The paper's claims, the dots on its undercut inferences, then its edges: tree, by id, undercuts."""
    lines = []
    for n in paper.claims():
        label = html_label(f"{n.claim.id} · {n.role}", n.claim.text)
        lines.append(f"{indent}{node_id(paper.id, n.claim.id)} [label={label}, "
                     f'fillcolor="{FILL[n.role]}"{", penwidth=2" if n.role == "thesis" else ""}];')
    if paper.roots:  # every root on the top rank
        lines.append(f"{indent}{{rank=same; {' '.join(node_id(paper.id, r.id) for r in (paper.thesis, *paper.roots))}}}")
    g = graph(paper)
    undercut = {u.inference for u in g.undercuts}
    lines.extend(f"{indent}{node_id(paper.id, e.name)} [{INFERENCE}];" for e in g.edges if e.name in undercut)
    lines.extend(f"{indent}{line}" for e in g.edges for line in edge(paper.id, e, e.name in undercut))
    lines.extend(f"{indent}{node_id(paper.id, u.source)} -> {node_id(paper.id, u.inference)} [{UNDERCUT}{BY_ID}];"
                 for u in g.undercuts)
    return lines


def edge(paper_id: str, e: Edge, undercut: bool) -> list[str]:
    """The edge from claim to claim, or, when it is undercut, its two halves through the inference's dot."""
    style = (SUPPORT if e.kind == "support" else ATTACK) + ("" if e.in_tree else BY_ID)
    source, target = node_id(paper_id, e.source), node_id(paper_id, e.target)
    if not undercut:
        return [f"{source} -> {target} [{style}];"]
    dot = node_id(paper_id, e.name)
    return [f"{source} -> {dot} [{style}, dir=none];", f"{dot} -> {target} [{style}];"]


def render(corpus: Corpus, papers: list[Paper]) -> str:
    lines = [
        "digraph argmap {",
        f'  graph [rankdir=BT, fontname="{FONT}", fontsize=12, labelloc=t, nodesep=0.3, ranksep=0.45];',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=10, color="#57606a"];',
        f'  edge [fontname="{FONT}", fontsize=9];',
    ]
    if len(papers) == 1:
        lines.append(f"  label={html_label(papers[0].id, papers[0].title)};")
        lines.extend(claim_lines(papers[0], "  "))
    else:
        for paper in papers:
            lines.append(f'  subgraph "cluster_{paper.id}" {{')
            lines.append(f'    label={html_label(paper.id, paper.title)}; style=rounded; color="#8c959f";')
            lines.extend(claim_lines(paper, "    "))
            lines.append("  }")
    for link in links_between(corpus, papers):
        # no constraint=false: beside clusters it makes Graphviz 2.43 fail ("trouble in init_rank")
        lines.append(f'  "{link.a}" -> "{link.b}" [style=dotted, dir=none, '
                     f'color="{LINK_COLOR.get(link.relation, "#57606a")}", '
                     f"label=<{Html.escape(link.relation)}>];")
    lines.append("}")
    return "\n".join(lines) + "\n"
