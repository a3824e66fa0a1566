"""Argdown (argdown.org) to map data: statements and arguments become claims, relations the graph.

Read: `[Title]: text` and `[Title]` statements, `<Title>: text` and `<Title>`
arguments, untitled statements and list items (`*`, `1.`), relations nested
by indentation under any of them, numbered premise and conclusion lines
included (`+ <+` support, `- <-` attack, from the line's element to the one
above it; `+> ->` the other way; `><` contradiction, an attack both ways;
`_>` `<_` undercuts), `{...}` data (JSON or YAML), `#tags` and `#(tags)`,
headings (their data fills the paper's fields; a `roots` list of titles
declares the roots, the thesis first), front matter (title,
author, date: its year), `@include(path)` of files in the imported file's
folder (see `includes`), comments, escapes and markup (`**bold**`, `_italic_`, `[link](url)` read
as their text, as Argdown does).

Premise-conclusion structures (`(1) ...`, `----` or `-- rule --`, `(2) ...`)
are kept as they stand: each inference's premises (the lines since the last
conclusion) support its conclusion; the last inference's premises support
the argument above the structure, which supports the final conclusion. An
intermediate conclusion is thus a claim with its own premises.

The map's roots are the elements that support or attack nothing (see
`build_graph`); an element bearing on several others keeps the first as its
tree parent and the rest by id. An undercut of an argument attacks the
argument's inferences (its edges to what it supports or attacks); with none,
it attacks the argument. Titles sharing a prefix ending in `_`
(`smith2020_t`, `smith2020_p1`, as `argmap export` writes them) give their
claim ids; otherwise ids are t, p1, c1, r1. Data keys quote, locator, tags,
lean, reported_by, weight and text fill those claim fields.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from .shortcodes import expand
from . import Edge, Vertex, build_graph, paper_data

SUFFIXES = (".argdown", ".ad")
# op -> (the line's element is the source: True, or the target: False; kind)
OPS = {"+": (True, "support"), "<+": (True, "support"), "-": (True, "attack"), "<-": (True, "attack"),
       "_": (True, "undercut"), "<_": (True, "undercut"), "+>": (False, "support"), "->": (False, "attack"),
       "_>": (False, "undercut"), "><": (True, "contradiction")}
_RELATION = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?:\s+(.*)|$)")
_ELEMENTS = [  # (pattern, kind, defines text)
    (re.compile(r"\[(.+?)\]:\s*(.*)"), "s", True),
    (re.compile(r"\[([^-].*?)\](?!\()\s*(.*)"), "s", False),
    (re.compile(r"<(.+?)>:\s*(.*)"), "a", True),
    (re.compile(r"<([^-].*?)>\s*(.*)"), "a", False),
]
_HEADING = re.compile(r"(#+)\s+(.*)")
_PCS = re.compile(r"\((\d+)\)\s+(.*)")
_INFERENCE = re.compile(r"--")
_INFERENCE_DONE = re.compile(r"-{4,}\s*(\{.*\})?|--.*\S.*--")  # `----` or `-- rule --` on one line
_LIST_ITEM = re.compile(r"(?:\*|\d+\.)\s+(.*)")
_TAG = re.compile(r"(?<![\\\w])#(?:\(([^)]*)\)|([\w][\w-]*))")
_LINK = re.compile(r"(?<!\\)\[([^\]]*)\]\([^)\s]*\)")
_EMPHASIS = re.compile(r"(?<![\\\w])(\*\*|__|\*|_)(?=\S)(.+?)(?<=[^\s\\])\1(?!\w)")
_MENTION = re.compile(r"@(\[[^\]]+\]|<[^>]+>)")
HASHTAGS = "#tags"  # where split() hands over the tags written in the text
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2\d\d\d)(?!\d)")
_FRONT_MATTER = re.compile(r"\s*===+(.*?)===+", re.S)
_ESCAPE = re.compile(r"\\(.)")

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
_SPECIAL = re.compile(r"\\.|\n|<!--|/\*|(?<!:)//|\{")  # `://` is a URL, not a comment


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
    worded, seen = False, 0  # has the line text before here, as far as buf[:seen] shows
    unclosed: set[str] = set()  # comment openers with no closer further on
    text_until = 0  # a `{` before here is text: an earlier search found no data block closing there
    i = 0
    while (m := _SPECIAL.search(text, i)) is not None:
        buf.append(text[i:m.start()])
        token, i = m.group(), m.start()
        if token == "\n":
            if "".join(buf).strip() or not commented:
                lines.append((start, "".join(buf)))
            buf, commented, line, worded, seen = [], False, line + 1, False, 0
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
            if not worded:  # each part of the line looked at once, so many comments on a line stay linear
                worded, seen = any(part.strip() for part in buf[seen:]), len(buf)
            if worded:  # within text, the space after a comment is the lexer's to skip
                while end < len(text) and text[end] in " \t":
                    end += 1
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


def plain(raw: str) -> str:
    """Statement text as Argdown reads it: shortcodes as their characters, links as their text, emphasis
    markers dropped, escapes undone."""
    return unescape(_EMPHASIS.sub(r"\2", _LINK.sub(r"\1", expand(raw))))


def tag_slugs(raw: str) -> list[str]:
    """The `#tags` and `#(multi word tags)` of a text, as tag slugs."""
    out = []
    for m in _TAG.finditer(raw):
        slug = re.sub(r"[^a-z0-9_-]+", "_", (m.group(1) or m.group(2)).casefold()).strip("_-")
        if slug and slug not in out:
            out.append(slug)
    return out


def _first_unescaped(text: str, char: str) -> int:
    """Index of the first `char` not escaped by a backslash (an even run of them before it), or -1."""
    m = re.search(r"(?<!\\)(?:\\\\)*" + re.escape(char), text)
    return m.end() - 1 if m else -1


class Reader:
    """Collects the elements and relations of one Argdown document."""

    def __init__(self, file: str):
        self.file = file
        self.vertices: dict[str, Vertex] = {}
        self.edges: list[Edge] = []
        self.problems: list[Problem] = []
        self.section: dict[str, Any] = {}  # the current heading: {"title": ..., **data}
        self.section_of: dict[str, dict[str, Any]] = {}
        self.defining = False  # the element read last gave its text there
        self.pending_argument: str | None = None  # an argument alone in the block before
        self.undercut_of: list[tuple[str, str]] = []  # (undercutter, argument)
        self.contradictions: list[tuple[str, str]] = []
        self.untitled = 0
        self.paper_ids: set[str] = set()  # ids in heading data: the title prefix argmap wrote
        self.more: dict[str, list[str]] = {}  # continuation lines of each element's text
        self.roots: list[str] = []  # elements the headings' data declares as roots

    def problem(self, line: int, column: int, message: str, hint: str) -> None:
        self.problems.append(Problem(self.file, line, column, message, hint))

    def split(self, rest: str, line: int, column: int) -> tuple[str, dict[str, Any]]:
        """Text and data of an element's remainder (`text {data}`)."""
        at = _first_unescaped(rest, "{")
        raw = rest[at:].rstrip() if at >= 0 else ""
        text, data = (rest, {}) if not raw.endswith("}") else (rest[:at], self.data(raw, line, column + at))
        if tags := tag_slugs(text):
            data = {**data, HASHTAGS: tags}
        return plain(text), data

    def data(self, raw: str, line: int, column: int) -> dict[str, Any]:
        from ..jsonsafe import loads

        value, problems = loads(raw, self.file)  # what argmap writes; YAML for the rest
        if problems:
            from ..yamlsafe import parse

            value, problems = parse(raw.encode("utf-8"), self.file)  # refuses what JSON's bounds refused
            if problems:
                self.problem(line, column, f"metadata is not valid YAML: {problems[0].message}",
                             "write it as {key: value, ...}")
                return {}
        if not isinstance(value, dict):
            self.problem(line, column, "metadata is not a mapping", "write it as {key: value, ...}")
            return {}
        return value

    def element(self, body: str, line: int, column: int) -> str:
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
        self.defining = bool(defines and text and not v.text)  # later lines continue only this text
        if self.defining:
            v.text, v.line, v.column = text, line, column
        self.merge(key, data)
        self.section_of.setdefault(key, self.section)
        return key

    def heading(self, body: str, line: int) -> None:
        m = _HEADING.fullmatch(body)
        assert m
        text, data = self.split(m.group(2), line, len(m.group(1)) + 2)
        self.section = {"title": text, **data}
        if isinstance(data.get("roots"), list):  # as argmap writes a graph: its roots, the thesis first
            self.roots += [f"s:{r}" for r in data["roots"] if isinstance(r, str)]
        if isinstance(data.get("id"), str):
            self.paper_ids.add(data["id"])

    def block(self, lines: list[Line]) -> None:
        """One block (lines between empty lines): elements and the relation trees under them."""
        stack: list[tuple[int, str]] = []
        last: str | None = None  # what a continuation line extends
        pcs: list[str | list[str]] = []  # a premise-conclusion structure: statement keys; an inference's rules
        in_rule: list[str] | None = None  # between the two `--` lines of an inference: the lines so far
        argument = self.pending_argument  # the argument a structure in this block reconstructs
        self.pending_argument = None
        first, related = True, False
        for number, raw in lines:
            body = raw.strip()
            indent = len(raw) - len(raw.lstrip(" \t"))
            column = indent + 1
            if in_rule is not None:
                if _INFERENCE.match(body):
                    pcs[-1], in_rule = inference_rules(" ".join(in_rule)), None
                else:
                    in_rule.append(body)  # the inference rule's own text and data
                continue
            if indent == 0 and _HEADING.fullmatch(body):
                self.heading(body, number)
                stack, last = [], None
            elif m := _PCS.fullmatch(body):
                last = self.element(m.group(2), number, column + len(m.group(1)) + 3)
                self.vertices[last].data.setdefault("number", int(m.group(1)))  # the first structure's number
                pcs.append(last)
                stack = [(indent, last)]
            elif _INFERENCE.match(body) and not _RELATION.fullmatch(body):
                done = _INFERENCE_DONE.fullmatch(body)
                pcs.append(inference_rules(body.strip("-")) if done else [])
                in_rule = None if done else []
                stack, last = [], None
            elif m := _RELATION.fullmatch(body):
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                if not stack or not m.group(2):
                    self.problem(number, column, "a relation needs an element above it and one after it",
                                 "indent it under a statement, as '  + [Title]: text'")
                    continue
                last = self.relation(m.group(1), stack[-1][1], m.group(2), number, column + len(m.group(1)) + 1)
                stack.append((indent, last))
                related = True
            elif (m := _LIST_ITEM.fullmatch(body)) and not pcs:
                last = self.element(m.group(1), number, column + len(body) - len(m.group(1)))
                stack = [(indent, last)]
            elif last is not None:  # a statement's text may run on over several lines
                text, data = self.split(body, number, column)
                if self.defining:
                    self.more.setdefault(last, []).append(text)
                self.merge(last, data)
            else:
                last = self.element(body, number, column)
                stack = [(indent, last)]
                if first and last.startswith("a:"):
                    argument = last
            first = False
        if pcs:
            self.reconstruction(pcs, argument)
        elif argument is not None and not related:
            self.pending_argument = argument  # `<Title>` alone: a structure may follow in the next block

    def merge(self, key: str, data: dict[str, Any]) -> None:
        """An element's data: a data block's keys replace, #tags in its text add to its tags."""
        v = self.vertices[key]
        hashtags = data.pop(HASHTAGS, [])
        v.data.update(data)
        if hashtags and isinstance(v.data.get("tags", []), list):
            v.data["tags"] = list(dict.fromkeys([*v.data.get("tags", []), *hashtags]))

    def relation(self, op: str, parent: str, body: str, line: int, column: int) -> str:
        child = self.element(body, line, column)
        assert child
        from_child, kind = OPS[op]
        source, target = (child, parent) if from_child else (parent, child)
        if kind == "contradiction":
            self.contradictions.append((parent, child))  # symmetric: kept in the order Argdown reports
        elif kind == "undercut":
            self.undercut_of.append((source, target))
        else:
            self.edges.append((source, target, kind))
        return child

    def reconstruction(self, pcs: list[str | list[str]], argument: str | None) -> None:
        """Each inference's premises (the statements since the last conclusion) support its conclusion;
        the last inference's support the argument, which supports the final conclusion. With no argument
        above the structure, they support the final conclusion directly. An inference's rules go to the
        claim its premises support (so the last one's to the argument), as its `rules`."""
        steps: list[tuple[list[str], str, list[str]]] = []  # premises, conclusion, rules
        premises: list[str] = []
        rules: list[str] | None = None  # the last inference's, until its conclusion
        for key in pcs:
            if isinstance(key, list):
                rules = key if premises else rules
            elif rules is not None:
                steps.append((premises, key, rules))
                premises, rules = [key], None
            else:
                premises.append(key)
        if steps and premises != [steps[-1][1]]:  # statements after the last conclusion: more premises
            steps[-1][0].extend(k for k in premises if k != steps[-1][1])
        for step_premises, conclusion, step_rules in steps[:-1]:
            self.edges += [(p, conclusion, "support") for p in step_premises if p != conclusion]
            self.keep_rules(conclusion, step_rules)
        last_premises, conclusion_key, last_rules = steps[-1] if steps else (premises, None, [])
        if argument is None and conclusion_key is None:
            return  # numbered statements with no inference and no argument: statements, nothing more
        into = argument or conclusion_key
        self.edges += [(p, into, "support") for p in last_premises if p != into]  # type: ignore[misc]
        self.keep_rules(into, last_rules)  # type: ignore[arg-type]
        if argument is not None and conclusion_key is not None:
            self.edges.append((argument, conclusion_key, "support"))

    def keep_rules(self, key: str, rules: list[str]) -> None:
        if rules:
            self.vertices[key].data.setdefault("rules", rules)

def inference_rules(text: str) -> list[str]:
    """The rule names of an inference line, as Argdown reads them: the text before its data, split at commas."""
    at = _first_unescaped(text, "{")
    return [rule for rule in (plain(part) for part in (text[:at] if at >= 0 else text).split(",")) if rule]


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
    shared = os.path.commonprefix(titles)
    prefix = shared[:shared.rfind("_") + 1]  # "" when no shared prefix ends in _
    if len(reader.paper_ids) == 1 and all(t.startswith(f"{next(iter(reader.paper_ids))}_") for t in titles):
        prefix = f"{next(iter(reader.paper_ids))}_"
    for key, v in reader.vertices.items():
        if key.startswith("s:") and not key.startswith("s:#"):
            v.id = v.label[len(prefix):]


def parse_file(path: Path, paper_id: str, *, file: str, title: str | None = None,
               authors: list[str] | None = None, year: int | None = None,
               warnings: list[Problem] | None = None) -> dict[str, Any]:
    """`parse` on the file at `path`, its `@include`s resolved inside its folder (argmap.importers.includes);
    problems name the file and line they are in."""
    from . import read_text
    from .includes import expand

    text, origins = expand(read_text(path), path, file)
    try:
        return _parse(text, paper_id, file, title, authors, year)
    except InputError as e:
        raise InputError([origins.problem(p) for p in e.problems]) from None


def parse(text: str, paper_id: str, *, file: str = "<input>", title: str | None = None,
          authors: list[str] | None = None, year: int | None = None,
          warnings: list[Problem] | None = None) -> dict[str, Any]:
    """Map data (the YAML shape) for the Argdown document `text`; InputError if it cannot be read,
    or if it has an `@include` (which needs the file's folder: see `parse_file`). Nothing is skipped
    (`warnings` stays as it is): every slip is an error."""
    from .includes import INCLUDE

    if m := INCLUDE.search(text):
        line = text.count("\n", 0, m.start()) + 1
        raise InputError([Problem(file, line, m.start() - text.rfind("\n", 0, m.start()),
                                  f"{m.group()} names another file, and this text has no folder to find it in",
                                  "import the file itself (argmap import FILE), so its includes can be resolved")])
    return _parse(text, paper_id, file, title, authors, year)


def _parse(text: str, paper_id: str, file: str, title: str | None, authors: list[str] | None,
           year: int | None) -> dict[str, Any]:
    reader, front = read(text, file)
    if reader.problems:
        raise InputError(reader.problems)
    for v in reader.vertices.values():
        v.text = v.data.pop("text", None) or v.text or v.label  # argmap keeps the exact text in the data
    _claim_ids(reader)
    for a, b in reader.contradictions:  # contradictories exclude each other: an attack both ways
        reader.edges += [(a, b, "attack"), (b, a, "attack")]
    undercuts = []
    inferences_of: dict[str, list[tuple[str, str]]] = {}
    for s, t, _ in reader.edges:
        inferences_of.setdefault(s, []).append((s, t))
    for who, argument in reader.undercut_of:
        if inferences := inferences_of.get(argument):
            undercuts += [(who, s, t) for s, t in inferences]
        else:  # an argument with no inference to undercut: the attack falls on the argument
            reader.edges.append((who, argument, "attack"))
            inferences_of.setdefault(who, []).append((who, argument))
    roots, drafts = build_graph(reader.vertices, reader.edges, file, undercuts, reader.roots)
    root_key = next(k for k, d in drafts.items() if d is roots[0])
    meta = _front_matter(front, file) | reader.section_of.get(root_key, {})
    return paper_data(roots, paper_id, "argdown", meta, title=title, authors=authors, year=year)


def _front_matter(front: str, file: str) -> dict[str, Any]:
    """Title, authors and year from Argdown front matter (`title:`, `author:` or `authors:`, `date:`)."""
    if not front.strip():
        return {}
    from ..yamlsafe import parse as parse_yaml

    data, problems = parse_yaml(front.encode("utf-8"), file)
    if problems or not isinstance(data, dict):
        raise InputError([Problem(file, 1, 1, "the front matter is not a YAML mapping", "fix or remove it")])
    authors = data.get("authors", data.get("author"))
    out: dict[str, Any] = {"title": data.get("title"), "authors": [authors] if isinstance(authors, str) else authors}
    if isinstance(data.get("date"), (str, int)) and (m := _YEAR.search(str(data["date"]))):
        out["year"] = int(m.group(1))
        out["year_note"] = f"from the front matter's date ({data['date']})"
    return {k: v for k, v in out.items() if v}
