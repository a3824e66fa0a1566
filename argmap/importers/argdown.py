"""Argdown (argdown.org) to map data: statements and arguments become claims, relations the tree.

Read: `[Title]: text` and `[Title]` statements, `<Title>: text` and `<Title>`
arguments, untitled statements, relations nested by indentation (`+ <+`
support, `- <- _ <_` attack, from the line's element to the one above it;
`+> -> _>` the other way; `><` contradiction), `{...}` data (JSON or YAML),
headings (their data fills the paper's fields), front matter, comments,
escapes, and premise-conclusion structures (`(1) ...`, `----`, `(2) ...`):
the premises support the argument above them, which supports the conclusion.

The thesis is the one element that supports or attacks nothing. `><` makes
the element on the relation line a counterpoint unless it already supports
or attacks something; then the two become a tension. Titles sharing a
prefix ending in `_` (`smith2020_t`, `smith2020_p1`, as `argmap export`
writes them) give their claim ids; otherwise ids are t, p1, c1, r1. Data keys
quote, locator, tags, lean, reported_by, weight and text fill those claim fields.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import InputError, Problem
from . import Draft, Edge, Vertex, build_tree, paper_data

SUFFIXES = (".argdown", ".ad")
# op -> (the line's element is the source: True, or the target: False; kind)
OPS = {"+": (True, "support"), "<+": (True, "support"), "-": (True, "attack"), "<-": (True, "attack"),
       "_": (True, "attack"), "<_": (True, "attack"), "+>": (False, "support"), "->": (False, "attack"),
       "_>": (False, "attack"), "><": (True, "contradiction")}
_RELATION = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?:\s+(.*)|$)")
_ELEMENTS = [  # (pattern, kind, defines text)
    (re.compile(r"\[(.+?)\]:\s*(.*)"), "s", True),
    (re.compile(r"\[([^-].*?)\]\s*(.*)"), "s", False),
    (re.compile(r"<(.+?)>:\s*(.*)"), "a", True),
    (re.compile(r"<([^-].*?)>\s*(.*)"), "a", False),
]
_HEADING = re.compile(r"(#+)\s+(.*)")
_PCS = re.compile(r"\((\d+)\)\s+(.*)")
_INFERENCE = re.compile(r"--")
_FRONT_MATTER = re.compile(r"\s*===+(.*?)===+", re.S)
_ESCAPE = re.compile(r"\\(.)")
TENSION_NOTE = "contradiction (><) in the imported Argdown"

Line = tuple[int, str]  # 1-based line number, text


def _data_end(text: str, start: int) -> tuple[int, bool]:
    """Where the data block opened at `start` ends (after its `}`) and True; or where the search
    stopped (an empty line or the end) and False, as the `{` is then text."""
    depth, quote, previous = 0, "", ""
    i = start
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'" and previous in ("{", "[", ",", ":"):  # a quoted scalar, not an apostrophe
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1, True
        elif c == "\n":
            after = text.find("\n", i + 1)
            if not text[i + 1:after if after >= 0 else None].strip():
                return i, False  # an empty line ends any block
        if not c.isspace():
            previous = c
        i += 1
    return i, False


_COMMENTS = {"<!--": "-->", "/*": "*/", "//": "\n"}
_SPECIAL = re.compile(r"\\.|\n|<!--|/\*|//|\{")


def logical_lines(text: str) -> tuple[list[Line], str]:
    """Lines without comments, and the front matter. A data block's newlines do not end its line;
    a line that held only comments is dropped, so it does not split a block.

    Linear time on any input: an unclosed comment or `{` is not searched for again.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front = ""
    if m := _FRONT_MATTER.match(text):
        front = m.group(1)
        text = "\n" * m.group().count("\n") + text[m.end():]
    lines: list[Line] = []
    buf: list[str] = []
    line = start = 1
    commented = False
    unclosed: set[str] = set()  # comment openers with no closer further on
    text_until = 0  # a `{` before here is text: an earlier search found no data block closing there
    i = 0
    while (m := _SPECIAL.search(text, i)) is not None:
        buf.append(text[i:m.start()])
        token, i = m.group(), m.start()
        if token == "\n":
            if "".join(buf).strip() or not commented:
                lines.append((start, "".join(buf)))
            buf, commented, line = [], False, line + 1
            start, i = line, i + 1
        elif token in _COMMENTS and token not in unclosed:
            end = text.find(_COMMENTS[token], i + len(token))
            if end < 0 and token != "//":
                unclosed.add(token)
                buf.append(token)
                i += len(token)
                continue
            end = len(text) if end < 0 else end + (0 if token == "//" else len(_COMMENTS[token]))
            line += text.count("\n", i, end)
            commented, i = True, end
        elif token == "{" and i >= text_until:
            end, closed = _data_end(text, i)
            if closed:
                line += text.count("\n", i, end)
                buf.append(text[i:end].replace("\n", " "))
                i = end
            else:
                text_until = end
                buf.append(token)
                i += 1
        else:  # an escape (kept for unescape), or a `{` or comment opener known to be text
            buf.append(token)
            i += len(token)
    buf.append(text[i:])
    if "".join(buf).strip() or not commented:
        lines.append((start, "".join(buf)))
    return lines, front


def unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text).strip()


def _first_unescaped(text: str, char: str) -> int:
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == char:
            return i
        i += 1
    return -1


class Reader:
    """Collects the elements and relations of one Argdown document."""

    def __init__(self, file: str):
        self.file = file
        self.vertices: dict[str, Vertex] = {}
        self.edges: list[Edge] = []
        self.contradictions: list[tuple[str, str]] = []
        self.problems: list[Problem] = []
        self.section: dict[str, Any] = {}  # the current heading: {"title": ..., **data}
        self.section_of: dict[str, dict[str, Any]] = {}
        self.last_argument: str | None = None
        self.untitled = 0
        self.paper_ids: set[str] = set()  # ids in heading data: the title prefix argmap wrote
        self.more: dict[str, list[str]] = {}  # continuation lines of each element's text

    def problem(self, line: int, column: int, message: str, hint: str) -> None:
        self.problems.append(Problem(self.file, line, column, message, hint))

    def split(self, rest: str, line: int, column: int) -> tuple[str, dict[str, Any]]:
        """Text and data of an element's remainder (`text {data}`)."""
        at = _first_unescaped(rest, "{")
        raw = rest[at:].rstrip() if at >= 0 else ""
        if not raw.endswith("}"):
            return unescape(rest), {}
        return unescape(rest[:at]), self.data(raw, line, column + at)

    def data(self, raw: str, line: int, column: int) -> dict[str, Any]:
        try:
            value = json.loads(raw)  # what argmap writes; YAML for the rest
        except ValueError:
            from ..yamlsafe import parse

            value, problems = parse(raw.encode("utf-8"), self.file)
            if problems:
                self.problem(line, column, f"metadata is not valid YAML: {problems[0].message}",
                             "write it as {key: value, ...}")
                return {}
        if not isinstance(value, dict):
            self.problem(line, column, "metadata is not a mapping", "write it as {key: value, ...}")
            return {}
        return value

    def element(self, body: str, line: int, column: int) -> str | None:
        """The key of the statement or argument `body` names (defining or updating it)."""
        for pattern, kind, defines in _ELEMENTS:
            if m := pattern.fullmatch(body):
                label, rest = m.group(1).strip(), m.group(2)
                break
        else:
            self.untitled += 1
            kind, defines, label, rest = "s", True, "", body
        text, data = self.split(rest, line, column)
        key = f"{kind}:{label}" if label else f"s:#{self.untitled}"
        v = self.vertices.setdefault(key, Vertex("", label=label or text[:40], line=line, column=column))
        if defines and text and not v.text:
            v.text, v.line, v.column = text, line, column
        v.data.update(data)
        self.section_of.setdefault(key, self.section)
        return key

    def heading(self, body: str, line: int) -> None:
        m = _HEADING.fullmatch(body)
        assert m
        text, data = self.split(m.group(2), line, len(m.group(1)) + 2)
        self.section = {"title": text, **data}
        if isinstance(data.get("id"), str):
            self.paper_ids.add(data["id"])

    def block(self, lines: list[Line]) -> None:
        """One block (lines between empty lines): an element and the relation tree under it."""
        stack: list[tuple[int, str]] = []
        last: str | None = None  # what a continuation line extends
        pcs: list[tuple[str, int]] = []  # premise-conclusion statements and the inference lines before each
        inferences = 0
        for number, raw in lines:
            body = raw.strip()
            indent = len(raw) - len(raw.lstrip(" \t"))
            column = indent + 1
            if indent == 0 and _HEADING.fullmatch(body):
                self.heading(body, number)
                stack, last = [], None
            elif m := _PCS.fullmatch(body):
                last = self.element(m.group(2), number, column + len(m.group(1)) + 3)
                pcs.append((last, inferences))
            elif _INFERENCE.match(body) and not _RELATION.fullmatch(body):
                inferences += 1
            elif m := _RELATION.fullmatch(body):
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                if not stack or not m.group(2):
                    self.problem(number, column, "a relation needs an element above it and one after it",
                                 "indent it under a statement, as '  + [Title]: text'")
                    continue
                last = self.relation(m.group(1), stack[-1][1], m.group(2), number, column + len(m.group(1)) + 1)
                stack.append((indent, last))
            elif last is not None:  # a statement's text may run on over several lines
                text, data = self.split(body, number, column)
                self.more.setdefault(last, []).append(text)
                self.vertices[last].data.update(data)
            else:
                last = self.element(body, number, column)
                stack = [(indent, last)]
                if last.startswith("a:"):
                    self.last_argument = last
        if pcs:
            self.reconstruction(pcs, inferences, lines[0][0])

    def relation(self, op: str, parent: str, body: str, line: int, column: int) -> str:
        child = self.element(body, line, column)
        assert child
        from_child, kind = OPS[op]
        if kind == "contradiction":
            self.contradictions.append((parent, child))
        else:
            self.edges.append((child, parent, kind) if from_child else (parent, child, kind))
        return child

    def reconstruction(self, pcs: list[tuple[str, int]], inferences: int, line: int) -> None:
        """Premises support the argument; the conclusion after the last inference line is supported by it."""
        if self.last_argument is None:
            self.problem(line, 1, "a premise-conclusion structure with no argument above it",
                         "put '<Argument title>' on the line before it")
            return
        conclusion = pcs[-1][0] if inferences and pcs[-1][1] == inferences else None
        self.edges += [(key, self.last_argument, "support") for key, _ in pcs if key != conclusion]
        if conclusion:
            self.edges.append((self.last_argument, conclusion, "support"))


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line[1].strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def read(text: str, file: str) -> tuple[Reader, str]:
    """Every element and relation of the document (problems in `reader.problems`), and the front matter."""
    lines, front = logical_lines(text)
    reader = Reader(file)
    for block in _blocks(lines):
        reader.block(block)
    for key, more in reader.more.items():
        reader.vertices[key].text = " ".join([reader.vertices[key].text, *more]).strip()
    return reader, front


def _claim_ids(reader: Reader) -> None:
    """Ids from titles `<paper>_<id>`: the paper id of the heading data (as argmap writes it), else the
    longest prefix ending in `_` that all titles share. assign_ids drops them if they do not fit."""
    titles = [v.label for k, v in reader.vertices.items() if k.startswith("s:") and not k.startswith("s:#")]
    if not titles:
        return
    prefixes = [titles[0][:i + 1] for i, c in enumerate(titles[0]) if c == "_"]
    if len(reader.paper_ids) == 1:
        prefixes.append(f"{next(iter(reader.paper_ids))}_")
    prefix = next((p for p in reversed(prefixes) if all(t.startswith(p) for t in titles)), "")
    for key, v in reader.vertices.items():
        if key.startswith("s:") and not key.startswith("s:#"):
            v.id = v.label[len(prefix):]


def parse(text: str, paper_id: str, *, file: str = "<input>", title: str | None = None,
          authors: list[str] | None = None, year: int | None = None) -> dict[str, Any]:
    """Map data (the YAML shape) for the Argdown document `text`; InputError if it cannot be read."""
    reader, front = read(text, file)
    if reader.problems:
        raise InputError(reader.problems)
    for v in reader.vertices.values():
        v.text = v.data.pop("text", None) or v.text or v.label  # argmap keeps the exact text in the data
    _claim_ids(reader)
    sources = {s for s, _, _ in reader.edges}
    tensions: list[tuple[str, str]] = []
    for a, b in reader.contradictions:
        if b in sources and a != b:
            tensions.append((a, b))
        elif a != b:
            reader.edges.append((b, a, "attack"))
            sources.add(b)
    root, first = build_tree(reader.vertices, reader.edges, file)
    root_key = next(k for k, d in first.items() if d is root)
    meta = _front_matter(front, file) | reader.section_of.get(root_key, {})
    pairs: list[tuple[Draft, Draft, str]] = [(first[a], first[b], TENSION_NOTE) for a, b in tensions]
    return paper_data(root, paper_id, "argdown", meta, title=title, authors=authors, year=year, tensions=pairs)


def _front_matter(front: str, file: str) -> dict[str, Any]:
    """Title and authors from Argdown front matter (`title:`, `author:` or `authors:`)."""
    if not front.strip():
        return {}
    from ..yamlsafe import parse as parse_yaml

    data, problems = parse_yaml(front.encode("utf-8"), file)
    if problems or not isinstance(data, dict):
        raise InputError([Problem(file, 1, 1, "the front matter is not a YAML mapping", "fix or remove it")])
    authors = data.get("authors", data.get("author"))
    out = {"title": data.get("title"), "authors": [authors] if isinstance(authors, str) else authors}
    return {k: v for k, v in out.items() if v}
