"""Argdown (argdown.org): each claim a statement, each tree a nested relation tree.

Layout, per paper:

    # Title {"id": "smith2020", "authors": ["Jane Smith"], "year": 2020, ...}   paper fields
    [smith2020_t]: The thesis.              the tree: `+` premise, `-` counterpoint
      + [smith2020_p1]: A premise.
        - [smith2020_c1]: A counterpoint.
    [smith2020_c1]                          further edges by id: `+>` supports, `->` attacks
      +> [smith2020_t2]
    [smith2020_t] {"quote": "...", "locator": "Abstract"}     one reference per claim

Each further root is a tree of its own, and the heading's data names the
roots (`"roots"`, the thesis first) when the paper is not a plain tree, so an
import keeps them; undercuts (which Argdown can only aim at arguments) ride
in the claim's data.

With several papers a last section, `# Links between papers`, holds the
curated links, each after a `//` comment with its note: agrees and refines
as `+>` support, same as support both ways (`+>` and `<+`), contradicts as
`><`. Titles are `paper_claim`, made of slugs only.

Claim fields sit on references below the tree rather than inline because
Argdown 1.7 appends a space to the text of a statement that has both data
and children. The data is JSON (valid YAML flow) with every non-ASCII
character and every bracket or brace inside strings written as a \\u escape, so it
cannot end early, read as a statement title, or hide controls.

Statement text is escaped so the Argdown parser reads exactly
`printable(text)`: the text on one line with invisible controls and bidi
overrides shown as [U+XXXX] (the same form as the HTML export). When that
differs from the text, the exact text is in the data as "text".
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..graph import is_tree
from ..model import Claim, Corpus, Link, Paper
from ..spec import to_data
from . import links_between
from ..text import printable

INDENT = "  "
LINKS_HEADING = "Links between papers"
# What the Argdown lexer would read as markup: brackets (statements, links), braces (data), angle
# brackets (arguments, <!-- comments, ->), # (tags, headings), * and _ (emphasis), backticks and
# backslashes; // (comment); a pair .x. or :x: with no space inside (shortcodes); === (front matter).
_MARKUP = re.compile(r"[\\\[\]{}<>#*_`]|/(?=/)|([.:])(?=\S+?\1)|={3,}")
# Inside data strings: braces would end the block early, and `[x]` ... `]:` on a reference line reads
# as one long statement title.
_DATA_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "[]{}<>"}
# How each link relation is drawn, from `a`'s side.
LINK_ARROWS = {"agrees": ("+>",), "refines": ("+>",), "same": ("+>", "<+"), "contradicts": ("><",)}


def title(paper_id: str, claim_id: str) -> str:
    return f"{paper_id}_{claim_id}"


def escape(text: str) -> str:
    """Statement text that Argdown reads back as `printable(text)`."""
    return _MARKUP.sub(lambda m: "".join("\\" + c for c in m.group()), printable(text))


def data(value: Any) -> str:
    """JSON (so YAML) for Argdown metadata: ASCII only, no bracket or brace inside a string."""
    if isinstance(value, str):
        return json.dumps(value).translate(_DATA_ESCAPES)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{data(str(k))}: {data(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(data(v) for v in value) + "]"
    return json.dumps(value)


def claim_fields(claim: Claim) -> dict[str, Any]:
    """What the statement text does not say: quote, locator, the exact text if shown differently, the rest."""
    fields: dict[str, Any] = {"quote": claim.quote, "locator": claim.locator}
    if printable(claim.text) != claim.text:
        fields["text"] = claim.text
    kept = to_data(claim)
    fields.update({k: kept[k] for k in ("tags", "lean", "reported_by", "weight", "number", "rules", "undercuts") if k in kept})
    return fields


def paper_blocks(paper: Paper) -> list[str]:
    """The heading, the tree and the claim references of one paper, as blocks to join with empty lines."""
    head = {"id": paper.id, **{k: v for k, v in to_data(paper).items() if k not in ("id", "title", "thesis", "roots")}}
    if printable(paper.title) != paper.title:
        head["title"] = paper.title
    if not is_tree(paper):  # which claims are the roots, the thesis first: the import keeps them
        head["roots"] = [title(paper.id, r.id) for r in (paper.thesis, *paper.roots)]
    trees: list[list[str]] = []  # one block per root
    for node in paper.claims():
        arrow = "" if node.role == "thesis" else "+ " if node.role == "premise" else "- "
        if node.parent is None:
            trees.append([])
        trees[-1].append(f"{INDENT * node.depth}{arrow}[{title(paper.id, node.claim.id)}]: {escape(node.claim.text)}")
    extra = [f"[{title(paper.id, n.claim.id)}]\n" + "\n".join(
        f"{INDENT}{'+>' if key == 'supports' else '->'} [{title(paper.id, ref)}]"
        for key in ("supports", "attacks") for ref in getattr(n.claim, key))
        for n in paper.claims() if n.claim.supports or n.claim.attacks]
    refs = [f"[{title(paper.id, n.claim.id)}] {data(claim_fields(n.claim))}" for n in paper.claims()]
    return [f"# {escape(paper.title)} {data(head)}", *("\n".join(t) for t in trees), *extra, *refs]


def link_block(link: Link) -> str:
    a, b = (title(*ref.split("#")) for ref in (link.a, link.b))
    lines = [f"// {link.a} {link.relation} {link.b}: {printable(link.note)}", f"[{a}]"]
    lines += [f"{INDENT}{arrow} [{b}]" for arrow in LINK_ARROWS[link.relation]]
    return "\n".join(lines)


def render(corpus: Corpus, papers: list[Paper]) -> str:
    blocks = [block for paper in papers for block in paper_blocks(paper)]
    links = links_between(corpus, papers)
    if links:
        blocks += [f"# {LINKS_HEADING}", *map(link_block, links)]
    return "\n\n".join(blocks) + "\n"
