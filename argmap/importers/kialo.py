"""Kialo discussion export (plain text) to map data.

    Discussion Title: Should cities ban cars?

    1. Cities should ban cars.
    1.1. Pro: Cars pollute.
    1.1.1. Con: Electric cars do not.
    1.2. Con: -> See 1.1.1.

`1.` is the thesis; `Pro:` lines become premises and `Con:` lines
counterpoints of the claim whose number they extend. A line without a
number continues the claim above it. `-> See 1.1.1.` repeats the text of
the claim it names (its own arguments stay where they are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, Problem
from . import Draft, check_size, paper_data

SUFFIXES = (".txt", ".kialo")
_CLAIM = re.compile(r"(\d+(?:\.\d+)*)\.\s+(?:(Pro|Con):\s*)?(.*)", re.IGNORECASE)
_SEE = re.compile(r"->\s*See\s+(\d+(?:\.\d+)*)\.?", re.IGNORECASE)
_TITLE = re.compile(r"Discussion Title:\s*(.*)", re.IGNORECASE)


@dataclass
class Entry:
    number: str
    side: str  # "pro", "con", or "" for the thesis
    line: int
    lines: list[str] = field(default_factory=list)


def _entries(text: str, file: str) -> tuple[dict[str, Entry], str]:
    entries: dict[str, Entry] = {}
    title = ""
    problems: list[Problem] = []
    current: Entry | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if (m := _TITLE.fullmatch(line)) and not entries:
            title = m.group(1).strip()
        elif m := _CLAIM.fullmatch(line):
            key, side, body = m.group(1), (m.group(2) or "").lower(), m.group(3).strip()
            parent = key.rpartition(".")[0]
            if key in entries:
                problems.append(Problem(file, number, 1, f"claim {key} appears twice", "renumber one of them"))
            elif not parent and (side or entries):
                problems.append(Problem(file, number, 1, f"'{key}.' cannot be a second thesis or take Pro/Con",
                                        "a discussion has one thesis, numbered 1."))
            elif parent and not side:
                problems.append(Problem(file, number, len(key) + 3, f"claim {key} needs 'Pro:' or 'Con:'",
                                        f"write '{key}. Pro: ...' or '{key}. Con: ...'"))
            elif parent and parent not in entries:
                problems.append(Problem(file, number, 1, f"claim {key} has no claim {parent} above it",
                                        "number claims as Kialo does: 1., 1.1., 1.1.1."))
            current = entries.setdefault(key, Entry(key, side, number))
            current.lines.append(body)
        elif line and current is not None:  # a claim may run over several lines
            current.lines.append(line)
    if not entries and not problems:
        problems.append(Problem(file, 1, 1, "no numbered claims found", "is this a Kialo export (1. Thesis ...)?"))
    if problems:
        raise InputError(problems)
    return entries, title


def _text(entries: dict[str, Entry], entry: Entry, file: str) -> str:
    """An entry's text, following `-> See n.` (and chains of them)."""
    seen = {entry.number}
    while (m := _SEE.fullmatch(" ".join(entry.lines).strip())) is not None:
        target = entries.get(m.group(1))
        if target is None or target.number in seen:
            why = "names no claim" if target is None else "goes round in a circle"
            raise InputError([Problem(file, entry.line, 1, f"'-> See {m.group(1)}.' {why}", "fix the number")])
        seen.add(target.number)
        entry = target
    return "\n".join(entry.lines).strip()


def parse(text: str, paper_id: str, *, file: str = "<input>", title: str | None = None,
          authors: list[str] | None = None, year: int | None = None) -> dict[str, Any]:
    """Map data (the YAML shape) for the Kialo export `text`; InputError if it cannot be read."""
    entries, discussion = _entries(text, file)
    drafts = {key: Draft(_text(entries, e, file)) for key, e in entries.items()}
    for key, e in entries.items():
        if e.side:
            parent = drafts[key.rpartition(".")[0]]
            (parent.premises if e.side == "pro" else parent.counterpoints).append(drafts[key])
    root = next(d for key, d in drafts.items() if "." not in key)
    check_size(root, file)
    return paper_data(root, paper_id, "kialo", {"title": discussion}, title=title, authors=authors, year=year)
