"""Kialo discussion export (plain text) to map data, older and newer layouts.

    Discussion Title: Should cities ban cars?        (newer: "Discussion Name:", the name on the next line)

    1. Thesis: Cities should ban cars.
    1.1. Pro: Cars pollute.[1]
    1.1.1. Con: Electric cars do not.
    1.2. Con: -> See 1.1.1.

    Sources:
    [1] https://example.org/air-quality

`1.` is the thesis (its `Thesis:` label dropped). `Pro:` lines become
premises and `Con:` lines counterpoints of the claim whose number they
extend. When `1.` is a question whose children are labelled `Thesis:` (a
multi-thesis discussion), each thesis is a root (the first the map's thesis)
and the question the title.
A line that does not extend a claim's number by one level with a label
(`2. ...` inside a claim, a numbered list) continues the claim above it.
`-> See 1.1.1.` names a claim already there: that claim supports or attacks
this parent too, by id. After `Sources:` come footnotes: each claim's
locator lists the ones its text cites; they are never claim text.
Markdown escapes (`\\(`, `\\[`, `\\*`) are undone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, Problem
from . import Edge, Vertex, build_graph, paper_data

SUFFIXES = (".txt", ".kialo")
_CLAIM = re.compile(r"(\d+(?:\.\d+)*)\.\s+(?:(Pro|Con|Thesis):\s*)?(.*)", re.IGNORECASE)
_SEE = re.compile(r"->\s*See\s+(\d+(?:\.\d+)*)\.?", re.IGNORECASE)
_TITLE = re.compile(r"Discussion (?:Title|Name):\s*(.*)", re.IGNORECASE)
_SOURCES = re.compile(r"Sources:\s*", re.IGNORECASE)
_FOOTNOTE = re.compile(r"\[(\d+)\]")
_SOURCE_LINE = re.compile(r"\[?(\d+)[\].:]\s*(.+)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


@dataclass
class Entry:
    number: str
    side: str  # "pro", "con", "thesis", or "" for the unlabelled first claim
    line: int
    lines: list[str] = field(default_factory=list)


def _entries(text: str, file: str) -> tuple[dict[str, Entry], str, dict[str, str]]:
    entries: dict[str, Entry] = {}
    title, title_below = "", False
    sources: dict[str, str] = {}
    in_sources = False
    current: Entry | None = None
    last_source = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not entries and (m := _TITLE.fullmatch(line)):
            title, title_below = _clean([m.group(1)]), not m.group(1).strip()
        elif not entries and title_below and line and not _CLAIM.fullmatch(line):  # the label alone, the name below
            title, title_below = _clean([line]), False
        elif entries and _SOURCES.fullmatch(line):
            in_sources = True
        elif in_sources:
            if m := _SOURCE_LINE.fullmatch(line):
                last_source = m.group(1)
                sources[last_source] = m.group(2).strip()
            elif line and sources:
                sources[last_source] += " " + line
        elif (m := _CLAIM.fullmatch(line)) and _starts_claim(m, entries):
            key, side = m.group(1), (m.group(2) or "").lower()
            current = entries[key] = Entry(key, side, number, [m.group(3).strip()])
        elif current is not None and (line or current.lines[-1]):  # a claim may run over several lines
            current.lines.append(line)
    if not entries:
        raise InputError([Problem(file, 1, 1, "no numbered claims found", "is this a Kialo export (1. Thesis ...)?")])
    return entries, title, sources


def _starts_claim(m: re.Match[str], entries: dict[str, Entry]) -> bool:
    """`1.` first, then only a labelled number one level below a claim already read."""
    key, label = m.group(1), m.group(2)
    if not entries:
        return key == "1"
    parent = key.rpartition(".")[0]
    return bool(label) and parent in entries and key not in entries


def _clean(lines: list[str]) -> str:
    return _ESCAPE.sub(r"\1", "\n".join(lines).strip())


_BROKEN = ("goes round in a circle", "names no claim")


def _follow(see: dict[str, str], known: set[str]) -> dict[str, str]:
    """Each repeat's claim at the end of its `-> See` chain, or why there is none (one of _BROKEN).

    Each entry is followed once: a chain's entries all get its end, so 9000 repeats of repeats
    cost 9000 steps, not 9000 ** 2 / 2.
    """
    end: dict[str, str] = {}
    for start in see:
        path: list[str] = []
        on_path: set[str] = set()
        at = start
        while at in see and at not in end and at not in on_path:
            path.append(at)
            on_path.add(at)
            at = see[at]
        if at in end:
            found = end[at]
        elif at in on_path:
            found = _BROKEN[0]
        else:
            found = at if at in known else _BROKEN[1]
        for step in path:
            end[step] = found
    return end


def parse(text: str, paper_id: str, *, file: str = "<input>", title: str | None = None,
          authors: list[str] | None = None, year: int | None = None,
          warnings: list[Problem] | None = None) -> dict[str, Any]:
    """Map data (the YAML shape) for the Kialo export `text`; InputError if it cannot be read. Nothing
    is skipped (`warnings` stays as it is): every slip is an error."""
    entries, discussion, sources = _entries(text, file)
    question = any(e.side == "thesis" and e.number.count(".") == 1 for e in entries.values())
    vertices: dict[str, Vertex] = {}
    edges: list[Edge] = []
    see_edges: list[Edge] = []  # `-> See n.`: after the numbering, so a claim stays where it is numbered
    see: dict[str, str] = {}  # entry -> the entry it repeats
    for key, e in entries.items():
        body = " ".join(e.lines).strip()
        if m := _SEE.fullmatch(body):
            see[key] = m.group(1)
            continue
        if key == "1" and question:
            discussion = discussion or _clean(e.lines)  # the question: the title, not a claim
            continue
        cited = list(dict.fromkeys(_FOOTNOTE.findall(body)))
        locator = f"Kialo claim {key}" + "".join(f"; [{n}] {sources[n]}" for n in cited if n in sources)
        vertices[key] = Vertex(_clean(e.lines), data={"locator": locator}, label=key, line=e.line, column=1)
    problems = []
    repeated = _follow(see, set(entries))
    for key, e in entries.items():
        parent = key.rpartition(".")[0]
        if not parent or e.side == "thesis" or (parent == "1" and question and e.side not in ("pro", "con")):
            continue
        if parent not in vertices:
            continue  # under a question or a repeat: nothing to bear on
        source = repeated.get(key, key)
        if source in _BROKEN:
            problems.append(Problem(file, e.line, 1, f"'-> See {see[key]}.' {source}", "fix the number"))
        elif source in vertices:
            edge = (source, parent, "support" if e.side == "pro" else "attack")
            (see_edges if key in see else edges).append(edge)
    if problems:
        raise InputError(problems)
    tops = [k for k, e in entries.items() if k in vertices and (k == "1" or e.side == "thesis" and k.count(".") == 1)]
    roots, _ = build_graph(vertices, edges + see_edges, file, roots=tops)  # the numbering first: it is the tree
    return paper_data(roots, paper_id, "kialo", {"title": discussion}, title=title, authors=authors, year=year)
