"""Graphviz DOT: claims as boxes, support and attack as differently drawn edges.

Labels are HTML-like (`label=<...>`), never quoted strings: inside them only
&, < and > are special and `html.escape` covers them, whereas a quoted DOT
string cannot end in a backslash and gives `\\n`, `\\N`, `\\G` meanings of
their own. Node ids are `"paper#claim"`, made of slugs only. Edges run from a
claim to the claim it supports or attacks, drawn bottom-up (rankdir=BT) so
the thesis sits on top.
"""

from __future__ import annotations

import textwrap

from ..model import Corpus, Node, Paper
from . import links_between
from ..text import printable
from .html import esc

WRAP = 40  # characters per label line
FONT = "Helvetica"
FILL = {"thesis": "#eaeef2", "premise": "#e6f4ea", "counterpoint": "#fce8e6", "rebuttal": "#fff4d6"}
SUPPORT = 'color="#1a7f37", style=solid, arrowhead=normal'
ATTACK = 'color="#cf222e", style=dashed, arrowhead=tee'
LINK_COLOR = {"agrees": "#1a7f37", "same": "#1a7f37", "contradicts": "#cf222e", "refines": "#0969da"}
BR = '<BR ALIGN="LEFT"/>'


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Lines of at most `width` characters, split at spaces only, so joining with spaces gives the text back."""
    return textwrap.wrap(printable(text), width, break_long_words=False, break_on_hyphens=False) or [""]


def html_label(head: str, text: str) -> str:
    """`<B>head</B>` over the wrapped text, left aligned."""
    return f"<<B>{esc(head)}</B>{BR}" + "".join(esc(line) + BR for line in wrap(text)) + ">"


def node_id(paper_id: str, claim_id: str) -> str:
    return f'"{paper_id}#{claim_id}"'


def claim_lines(paper: Paper, indent: str) -> list[str]:
    lines = []
    for n in paper.claims():
        label = html_label(f"{n.claim.id} · {n.role}", n.claim.text)
        lines.append(f"{indent}{node_id(paper.id, n.claim.id)} [label={label}, "
                     f'fillcolor="{FILL[n.role]}"{", penwidth=2" if n.role == "thesis" else ""}];')
    lines.extend(f"{indent}{edge(paper.id, n)}" for n in paper.claims() if n.parent is not None)
    return lines


def edge(paper_id: str, n: Node) -> str:
    style = SUPPORT if n.role == "premise" else ATTACK
    return f"{node_id(paper_id, n.claim.id)} -> {node_id(paper_id, n.parent or '')} [{style}];"


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
                     f"label=<{esc(link.relation)}>];")
    lines.append("}")
    return "\n".join(lines) + "\n"
