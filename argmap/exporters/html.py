"""Papers as self-contained HTML: inline CSS, nothing fetched, map text escaped by construction.

`Html` is markupsafe's `Markup` whose escape also runs `printable`: any
plain string combined with an `Html` template (`format`, `join`, `+`) is
escaped, with its invisible controls and bidi overrides written out
("Trojan Source"), and only an `Html` value passes through as markup. Pages
are built from `Html` templates only, so no map text can become markup by a
forgotten call. The Content-Security-Policy allows inline style, and scripts
only by the sha256 of the page's own inline scripts (none in the export), so
a claim text could not run or load anything even if markup got through.
`report.py` builds on `Html`, `page`, `tree_html` and `CSS`.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any, Iterable

from markupsafe import Markup, escape

from ..model import NO_QUOTE, Corpus, Paper
from ..outputs import ExtraEdge, TreeNode
from ..render.papers import EDGE_MARK
from ..text import printable
from ..views import tree_data


class Html(Markup):
    """Markup; every plain string that meets it is escaped after `printable`.

    `format` and `join` escape their arguments and then use str's own (markupsafe's go through
    `string.Formatter` in Python, 5x slower, which a 1000-paper report feels); so a template's
    fields take no format spec: format numbers before passing them.
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any, /) -> Html:
        return cls(_escaped(s))

    def format(self, *args: Any, **kwargs: Any) -> Html:
        return Html(str.format(self, *map(_escaped, args), **{k: _escaped(v) for k, v in kwargs.items()}))

    def join(self, parts: Iterable[Any], /) -> Html:
        return Html(str.join(self, map(_escaped, parts)))


def _escaped(s: Any) -> str:
    """Markup as it is; anything else as `printable` shows it, escaped (an int needs neither)."""
    if type(s) is int:
        return str(s)
    return s.__html__() if hasattr(s, "__html__") else escape(printable(s))


def join(parts: Iterable[Any], sep: str = "") -> Html:
    return Html(sep).join(parts)


CSS = """
:root { --fg: #1b1b1b; --muted: #5f6368; --line: #d0d7de; --pro: #1a7f37; --con: #cf222e; --reb: #9a6700;
        --rep: #8250df; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
       max-width: 68rem; margin: 0 auto; padding: 1rem; overflow-wrap: break-word; }
h1, h2, h3 { line-height: 1.25; }
.meta, .muted { color: var(--muted); }
[hidden] { display: none !important; }
ul.tree, ul.tree ul { list-style: none; margin: 0; padding-left: 1.1rem; border-left: 2px solid var(--line); }
ul.tree { padding-left: 0; border-left: 0; }
li.claim { margin: .4rem 0; }
summary { cursor: pointer; }
.role { display: inline-block; font-size: .75rem; font-weight: 600; text-transform: uppercase;
        padding: 0 .35rem; border-radius: .25rem; border: 1px solid currentColor; margin-right: .3rem; }
.role.premise { color: var(--pro); } .role.counterpoint { color: var(--con); } .role.rebuttal { color: var(--reb); }
.role.reported { color: var(--rep); }
code { font-size: .85em; }
blockquote { margin: .3rem 0 .3rem .2rem; padding: .1rem .7rem; border-left: 3px solid var(--line);
             color: #333; font-style: italic; }
blockquote cite { display: block; font-style: normal; font-size: .85rem; color: var(--muted); }
.tags, .edges { font-size: .8rem; color: var(--muted); }
.edges .supports { color: var(--pro); } .edges .attacks { color: var(--con); } .edges .undercuts { color: var(--reb); }
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
  nav, .filter { display: none; }
  li.claim, tr, blockquote { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script: 'sha256-<base64 of its UTF-8 digest>'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(scripts: Iterable[str] = ()) -> str:
    """Nothing may load, and nothing may run but the page's own inline scripts, each by its hash."""
    policy = "default-src 'none'; style-src 'unsafe-inline'"
    hashes = " ".join(script_hash(s) for s in scripts)
    return f"{policy}; script-src {hashes}" if hashes else policy


def page(title: str, body: Html, css: str = CSS, scripts: tuple[str, ...] = ()) -> str:
    """A complete HTML document; each of `scripts` (code of ours, never map text) is inlined and allowed by hash."""
    assert all("</" not in s for s in scripts), "an inline script must not contain '</'"
    tail = join(Html("<script>{}</script>\n").format(Markup(s)) for s in scripts)
    return str(Html(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{title}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}{tail}</body>\n</html>\n"
    ).format(csp=csp(scripts), title=title, css=Markup(css), body=body, tail=tail))


def authors_line(paper: Paper) -> str:
    return " · ".join([", ".join(paper.authors), str(paper.year), *([paper.venue] if paper.venue else [])])


def claim_anchor(paper_id: str, claim_id: str) -> str:
    """`claim:paper:claim`; slugs have no colon, so anchors of papers, claims and sections never collide."""
    return f"claim:{paper_id}:{claim_id}"


def paper_anchor(paper_id: str) -> str:
    return f"paper:{paper_id}"


def claim_html(item: TreeNode, paper_id: str) -> Html:
    """One claim of `views.tree_data` with its subtree, collapsible when it has children."""
    role = "reported" if item["reported_by"] else item["role"]
    head = Html("<span class=\"role {}\">{}</span><code>{}</code> {}").format(role, item["role"], item["id"], item["text"])
    if item["reported_by"]:
        head += Html(" <span class=\"muted\">(reported: {})</span>").format(item["reported_by"])
    body = Html("<blockquote>{}<cite>{}</cite></blockquote>").format(item["quote"] or f"({NO_QUOTE})", item["locator"])
    if item["tags"]:
        body += Html("<div class=\"tags\">{}</div>").format(" ".join("#" + t for t in item["tags"]))
    if item["edges"]:
        body += Html("<div class=\"edges\">{}</div>").format(join((edge_html(e, paper_id) for e in item["edges"]), " · "))
    start = Html("<li class=\"claim {}\" id=\"{}\" data-filter>").format(role, claim_anchor(paper_id, item["id"]))
    if not item["children"]:
        return start + Html("<div class=\"leaf\">{}</div>{}</li>\n").format(head, body)
    children = join(claim_html(c, paper_id) for c in item["children"])
    return start + Html("<details open><summary>{}</summary>{}<ul>\n{}</ul></details></li>\n").format(head, body, children)


def edge_html(edge: ExtraEdge, paper_id: str) -> Html:
    """`→ supports t2`, `⤳ undercuts p1>t`: an edge the claim adds by id, each claim it names linked."""
    ends = join((Html("<a class=\"{}\" href=\"#{}\"><code>{}</code></a>").format(edge["kind"], claim_anchor(paper_id, c), c)
                 for c in edge["target"].split(">")), Html("&gt;"))  # an undercut names an inference, premise>conclusion
    return Html("<span class=\"{}\">{} {}</span> {}").format(edge["kind"], EDGE_MARK[edge["kind"]][1], edge["kind"], ends)


def tree_html(paper: Paper) -> Html:
    """The thesis's tree, then each further root's, as one list."""
    data = tree_data(paper)
    return Html("<ul class=\"tree\">\n{}</ul>\n").format(join(claim_html(r, paper.id) for r in (data["root"], *data["roots"])))


def paper_html(paper: Paper) -> Html:
    return Html("<article id=\"{}\">\n<h1>{}</h1>\n<p class=\"meta\"><code>{}</code> · {}</p>\n{}</article>\n").format(
        paper_anchor(paper.id), paper.title, paper.id, authors_line(paper), tree_html(paper))


def render(corpus: Corpus, papers: list[Paper]) -> str:
    title = papers[0].title if len(papers) == 1 else f"argmap: {len(papers)} papers"
    return page(title, join(paper_html(p) for p in papers))
