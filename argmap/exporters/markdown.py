"""Markdown: the trees as nested lists, each claim's quote as a blockquote under it.

Each further root is a list of its own; an edge a claim adds by id follows
its text (` · → supports t2`, as `argmap tree` shows it).

Map text is escaped for CommonMark/GFM: the inline punctuation that could
start emphasis, code, links, HTML, tables or strikethrough is backslash
escaped everywhere, and a leading `-`, `+`, `=` or `1.` that would start a
list, heading or break at the start of a quote line is escaped too.
"""

from __future__ import annotations

import re

from ..model import NO_QUOTE, Corpus, Paper
from ..render.papers import edge_text
from ..text import printable
from ..views import extra_edges

_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!$])")
_LINE_START = re.compile(r"^(\d+[.)]|[-+=])")  # an ordered-list number or a block marker


def md(text: object) -> str:
    """Map text as literal Markdown inline content on one line."""
    escaped = _INLINE.sub(r"\\\1", printable(text))
    return _LINE_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], escaped)


def paper_md(paper: Paper) -> list[str]:
    meta = [", ".join(paper.authors), str(paper.year)] + ([paper.venue] if paper.venue else [])
    lines = [f"# {md(paper.title)}", "", f"`{paper.id}` · {md(' · '.join(meta))}", ""]
    for n in paper.claims():
        pad = "  " * n.depth
        c = n.claim
        reported = f" *(reported: {md(c.reported_by)})*" if c.reported_by else ""  # a view the paper does not hold
        edges = "".join(f" · {md(edge_text(e, rich=True))}" for e in extra_edges(c))  # by id, beyond the tree
        lines.append(f"{pad}- **{n.role}** `{c.id}`{reported}: {md(c.text)}{edges}")
        lines.append(f"{pad}  > {md(c.quote or '(' + NO_QUOTE + ')')}")
        lines.append(f"{pad}  >")
        tags = f" · {md(' '.join('#' + t for t in c.tags))}" if c.tags else ""
        lines.append(f"{pad}  > — *{md(c.locator)}*{tags}")
    return lines


def render(corpus: Corpus, papers: list[Paper]) -> str:
    return "\n\n".join("\n".join(paper_md(p)) for p in papers) + "\n"
