"""Mermaid flowchart: premises `-->`, counterpoints `-.->`, cross-paper links `-.-|relation|`.

The edges a claim adds by id are drawn like their kind, thicker. An undercut
attacks an inference, which Mermaid cannot point at, so an undercut
inference passes through a small dot node (`i0`, `i1`, ...) where the
undercut, thick and amber, ends; each further root tops a tree of its own.

Node ids are generated (`n0`, `n1`, ...) because claim slugs may be Mermaid
keywords (`end`) or start with the `o`/`x` of circle and cross edges. Labels
are double-quoted and every character outside a small safe set is written
as a Mermaid entity `#<code>;`, so quotes, brackets, backticks, `-->`,
`%%` or `<script>` in a claim can neither end the label nor become markup.
"""

from __future__ import annotations

from ..graph import graph
from ..model import Corpus, Paper
from . import links_between
from .dot import wrap
from ..text import printable

SAFE = frozenset(" .,:!?()-/+'·")
STYLE = {  # classDef per role, the same colours as the DOT export
    "thesis": "fill:#eaeef2,stroke:#57606a,stroke-width:2px",
    "premise": "fill:#e6f4ea,stroke:#1a7f37",
    "counterpoint": "fill:#fce8e6,stroke:#cf222e",
    "rebuttal": "fill:#fff4d6,stroke:#9a6700",
    "inference": "fill:#57606a,stroke:#57606a",
}
ARROW = {"support": "-->", "attack": "-.->"}
HALF = {"support": "---", "attack": "-.-"}  # the first half of an undercut inference, up to its dot
LINK_STYLE = {"support": "stroke:#1a7f37", "attack": "stroke:#cf222e", "link": "stroke:#8c959f",
              "support by id": "stroke:#1a7f37,stroke-width:3px", "attack by id": "stroke:#cf222e,stroke-width:3px",
              "undercut": "stroke:#9a6700,stroke-width:3px"}


def entity(text: str) -> str:
    """Text with every character but letters, digits and SAFE as `#<decimal code>;`."""
    return "".join(c if c.isalnum() or c in SAFE else f"#{ord(c)};" for c in printable(text))


def label(head: str, text: str) -> str:
    """A quoted label: bold head, then the wrapped text (Mermaid renders <br/> as a line break)."""
    return '"<b>' + entity(head) + "</b><br/>" + "<br/>".join(entity(line) for line in wrap(text)) + '"'


def render(corpus: Corpus, papers: list[Paper]) -> str:
    lines = ["flowchart BT"]
    ids: dict[str, str] = {}  # "paper#claim" -> n<k>
    dots: dict[str, str] = {}  # "paper#premise>conclusion" -> i<k>, for undercut inferences
    edges: list[tuple[str, str]] = []  # (kind, line), kind picks the linkStyle
    for k, paper in enumerate(papers):
        indent = "  "
        if len(papers) > 1:
            lines.append(f"  subgraph p{k}[{label(paper.id, paper.title)}]")
            indent = "    "
        for n in paper.claims():
            nid = ids[f"{paper.id}#{n.claim.id}"] = f"n{len(ids)}"
            lines.append(f"{indent}{nid}[{label(f'{n.claim.id} · {n.role}', n.claim.text)}]:::{n.role}")
        g = graph(paper)
        undercut = {u.inference for u in g.undercuts}
        for e in g.edges:
            source, target = ids[f"{paper.id}#{e.source}"], ids[f"{paper.id}#{e.target}"]
            kind = e.kind if e.in_tree else f"{e.kind} by id"
            if e.name in undercut:  # through a dot the undercut can end at
                dot = dots[f"{paper.id}#{e.name}"] = f"i{len(dots)}"
                lines.append(f'{indent}{dot}((" ")):::inference')
                edges.append((kind, f"  {source} {HALF[e.kind]} {dot}"))
                source = dot
            edges.append((kind, f"  {source} {ARROW[e.kind]} {target}"))
        edges.extend(("undercut", f"  {ids[f'{paper.id}#{u.source}']} -.-> {dots[f'{paper.id}#{u.inference}']}")
                     for u in g.undercuts)
        if len(papers) > 1:
            lines.append("  end")
    for link in links_between(corpus, papers):
        edges.append(("link", f"  {ids[link.a]} -.-|{entity(link.relation)}| {ids[link.b]}"))
    lines.extend(line for _, line in edges)
    lines.extend(f"  classDef {role} {style}" for role, style in STYLE.items())
    for kind, style in LINK_STYLE.items():
        numbers = [str(i) for i, (k, _) in enumerate(edges) if k == kind]
        if numbers:
            lines.append(f"  linkStyle {','.join(numbers)} {style}")
    return "\n".join(lines) + "\n"
