"""Papers as one self-contained HTML page: inline CSS, no script, nothing fetched.

Every piece of map text goes through `esc` (html.escape after `printable`),
and the page carries a Content-Security-Policy that forbids scripts and any
network access, so a claim text cannot run or load anything even if an
escape were missed. `report.py` builds on `page`, `paper_html` and `CSS`.
"""

from __future__ import annotations

import html
from typing import Any

from ..model import NO_QUOTE, Corpus, Paper
from ..outputs import TreeNode
from ..text import printable
from ..views import tree_data


# Bidi controls reorder the text after them in every viewer ("Trojan Source"),
# C0/C1 controls are invalid in XML and HTML; both are shown, not passed on.

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

CSS = """
:root { --fg: #1b1b1b; --muted: #5f6368; --line: #d0d7de; --pro: #1a7f37; --con: #cf222e; --reb: #9a6700; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
       max-width: 68rem; margin: 0 auto; padding: 1rem; overflow-wrap: break-word; }
h1, h2, h3 { line-height: 1.25; }
.meta, .muted { color: var(--muted); }
ul.tree, ul.tree ul { list-style: none; margin: 0; padding-left: 1.1rem; border-left: 2px solid var(--line); }
ul.tree { padding-left: 0; border-left: 0; }
li.claim { margin: .4rem 0; }
summary { cursor: pointer; }
.role { display: inline-block; font-size: .75rem; font-weight: 600; text-transform: uppercase;
        padding: 0 .35rem; border-radius: .25rem; border: 1px solid currentColor; margin-right: .3rem; }
.role.premise { color: var(--pro); } .role.counterpoint { color: var(--con); } .role.rebuttal { color: var(--reb); }
code { font-size: .85em; }
blockquote { margin: .3rem 0 .3rem .2rem; padding: .1rem .7rem; border-left: 3px solid var(--line);
             color: #333; font-style: italic; }
blockquote cite { display: block; font-style: normal; font-size: .85rem; color: var(--muted); }
.tags { font-size: .8rem; color: var(--muted); }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; vertical-align: top; text-align: left; }
th, td > code, td > a > code { white-space: nowrap; }
.scroll { overflow-x: auto; }
@media (max-width: 600px) {
  body { font-size: 15px; padding: .5rem; }
  ul.tree ul { padding-left: .6rem; }
  th, td { padding: .2rem .3rem; }
}
@media print {
  body { max-width: none; font-size: 11pt; }
  details::details-content { content-visibility: visible; display: contents; }
  summary { list-style: none; }
  summary::-webkit-details-marker { display: none; }
  .scroll { overflow: visible; }
  nav { display: none; }
  li.claim, tr, blockquote { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""


def esc(text: object) -> str:
    """Map text made safe for HTML element content and attribute values."""
    return html.escape(printable(text), quote=True)


def page(title: str, body: str, css: str = CSS) -> str:
    """A complete HTML document; `body` must already be escaped."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def authors_line(paper: Paper) -> str:
    parts = [", ".join(paper.authors), str(paper.year)]
    if paper.venue:
        parts.append(paper.venue)
    return esc(" · ".join(parts))


def claim_anchor(paper_id: str, claim_id: str) -> str:
    """`claim:paper:claim`; slugs have no colon, so anchors of papers, claims and sections never collide."""
    return f"claim:{paper_id}:{claim_id}"


def paper_anchor(paper_id: str) -> str:
    return f"paper:{paper_id}"


def claim_html(item: TreeNode, paper_id: str) -> str:
    """One claim of `views.tree_data` with its subtree, collapsible when it has children."""
    role = esc(item["role"])
    head = (f"<span class=\"role {role}\">{role}</span><code>{esc(item['id'])}</code> "
            f"{esc(item['text'])}")
    body = f"<blockquote>{esc(item['quote'] or '(' + NO_QUOTE + ')')}<cite>{esc(item['locator'])}</cite></blockquote>"
    if item["tags"]:
        body += f"<div class=\"tags\">{esc(' '.join('#' + t for t in item['tags']))}</div>"
    anchor = esc(claim_anchor(paper_id, item["id"]))
    if not item["children"]:
        return f"<li class=\"claim {role}\" id=\"{anchor}\"><div class=\"leaf\">{head}</div>{body}</li>\n"
    children = "".join(claim_html(c, paper_id) for c in item["children"])
    return (f"<li class=\"claim {role}\" id=\"{anchor}\"><details open><summary>{head}</summary>"
            f"{body}<ul>\n{children}</ul></details></li>\n")


def tree_html(paper: Paper) -> str:
    return f"<ul class=\"tree\">\n{claim_html(tree_data(paper)['root'], paper.id)}</ul>\n"


def paper_html(paper: Paper) -> str:
    return (f"<article id=\"{esc(paper_anchor(paper.id))}\">\n<h1>{esc(paper.title)}</h1>\n"
            f"<p class=\"meta\"><code>{esc(paper.id)}</code> · {authors_line(paper)}</p>\n"
            f"{tree_html(paper)}</article>\n")


def render(corpus: Corpus, papers: list[Paper]) -> str:
    title = papers[0].title if len(papers) == 1 else f"argmap: {len(papers)} papers"
    return page(title, "".join(paper_html(p) for p in papers))
