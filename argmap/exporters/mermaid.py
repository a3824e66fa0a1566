"""Mermaid flowchart: premises `-->`, counterpoints `-.->`, cross-paper links `-.-|relation|`.

Node ids are generated (`n0`, `n1`, ...) because claim slugs may be Mermaid
keywords (`end`) or start with the `o`/`x` of circle and cross edges. Labels
are double-quoted and every character outside a small safe set is written
as a Mermaid entity `#<code>;`, so quotes, brackets, backticks, `-->`,
`%%` or `<script>` in a claim can neither end the label nor become markup.
"""

from __future__ import annotations

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
}


def entity(text: str) -> str:
    """Text with every character but letters, digits and SAFE as `#<decimal code>;`."""
    return "".join(c if c.isalnum() or c in SAFE else f"#{ord(c)};" for c in printable(text))


def label(head: str, text: str) -> str:
    """A quoted label: bold head, then the wrapped text (Mermaid renders <br/> as a line break)."""
    return '"<b>' + entity(head) + "</b><br/>" + "<br/>".join(entity(line) for line in wrap(text)) + '"'


def render(corpus: Corpus, papers: list[Paper]) -> str:
    lines = ["flowchart BT"]
    ids: dict[str, str] = {}  # "paper#claim" -> n<k>
    edges: list[tuple[str, str]] = []  # (kind, line), kind picks the linkStyle colour
    for k, paper in enumerate(papers):
        indent = "  "
        if len(papers) > 1:
            lines.append(f"  subgraph p{k}[{label(paper.id, paper.title)}]")
            indent = "    "
        for n in paper.claims():
            nid = ids[f"{paper.id}#{n.claim.id}"] = f"n{len(ids)}"
            lines.append(f"{indent}{nid}[{label(f'{n.claim.id} · {n.role}', n.claim.text)}]:::{n.role}")
            if n.parent is not None:
                parent = ids[f"{paper.id}#{n.parent}"]
                arrow = "-->" if n.role == "premise" else "-.->"
                edges.append(("premise" if n.role == "premise" else "counterpoint", f"  {nid} {arrow} {parent}"))
        if len(papers) > 1:
            lines.append("  end")
    for link in links_between(corpus, papers):
        edges.append(("link", f"  {ids[link.a]} -.-|{entity(link.relation)}| {ids[link.b]}"))
    lines.extend(line for _, line in edges)
    lines.extend(f"  classDef {role} {style}" for role, style in STYLE.items())
    colours = {"premise": "#1a7f37", "counterpoint": "#cf222e", "link": "#8c959f"}
    for kind, colour in colours.items():
        numbers = [str(i) for i, (k, _) in enumerate(edges) if k == kind]
        if numbers:
            lines.append(f"  linkStyle {','.join(numbers)} stroke:{colour}")
    return "\n".join(lines) + "\n"
