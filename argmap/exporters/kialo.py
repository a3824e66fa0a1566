"""Kialo's plain-text discussion export, in the newer layout `argmap import` reads.

    Discussion Name: Car bans in city centres

    1. Thesis: Cities should ban private cars from their centres.
    1.1. Pro: Cars pollute the air.
    1.1.1. Con: Shops lose customers.
    1.2. Con: -> See 1.1.1.

`1.` is the thesis; each premise is a `Pro:` and each counterpoint a `Con:`
below the claim it bears on, numbered one level deeper. An edge a claim adds
by id (`supports`, `attacks`) is a `-> See n.` line below its target, as
Kialo writes a claim used twice. A map with further roots is a multi-thesis
discussion: `1.` is the title, and each root a `1.n. Thesis:` (with several
papers, every paper's roots; Kialo has one discussion a file).

Kialo has no place for anything else: ids, quotes, locators, tags, lean,
reported_by, weights and undercuts are left out (docs/interop.md). Text is
written on one line (`printable`), with a backslash before `\\` and before the
`>` of a leading `->`, so the importer reads back exactly that text.
"""

from __future__ import annotations

import re

from ..model import Claim, Corpus, Paper
from ..text import printable

_ESCAPE = re.compile(r"\\|^->")  # a backslash; a leading -> would read as "-> See n."


def escape(text: str) -> str:
    """A claim's text as Kialo writes it, read back as `printable(text)`."""
    return _ESCAPE.sub(lambda m: "\\\\" if m.group() == "\\" else "-\\>", printable(text))


def render(corpus: Corpus, papers: list[Paper]) -> str:
    """One discussion: one paper's, or (with several papers) every paper's roots as its theses."""
    title = papers[0].title if len(papers) == 1 else f"argmap: {len(papers)} papers"
    lines: list[tuple[list[int], str, str]] = []  # (number, label, text)
    below: dict[tuple[int, ...], int] = {}  # how many entries each number has below it so far
    numbers: dict[tuple[str, str], list[int]] = {}  # (paper, claim) -> its number

    def entry(parent: list[int], label: str, text: str) -> list[int]:
        below[tuple(parent)] = below.get(tuple(parent), 0) + 1
        number = [*parent, below[tuple(parent)]]
        lines.append((number, label, text))
        return number

    def tree(paper: Paper, claim: Claim, number: list[int]) -> None:
        numbers[paper.id, claim.id] = number
        for label, kids in (("Pro", claim.premises), ("Con", claim.counterpoints)):
            for kid in kids:
                tree(paper, kid, entry(number, label, escape(kid.text)))

    roots = [(paper, root) for paper in papers for root in (paper.thesis, *paper.roots)]
    question = entry([], "", escape(title)) if len(roots) > 1 else []
    for paper, root in roots:
        tree(paper, root, entry(question, "Thesis", escape(root.text)))
    for paper in papers:  # the edges by id, under their targets
        for n in paper.claims():
            for key, label in (("supports", "Pro"), ("attacks", "Con")):
                for ref in getattr(n.claim, key):
                    see = ".".join(map(str, numbers[paper.id, n.claim.id]))
                    entry(numbers[paper.id, ref.lstrip("#")], label, f"-> See {see}.")
    lines.sort(key=lambda line: line[0])  # depth first, as Kialo lists them
    return "\n".join([f"Discussion Name: {escape(title)}", "", *(
        f"{'.'.join(map(str, number))}. {label + ': ' if label else ''}{text}" for number, label, text in lines)]) + "\n"
