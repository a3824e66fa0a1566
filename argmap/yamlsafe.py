"""Safe, strict, bounded YAML: plain data out, `path:line:col` problems in.

libyaml composes the node graph (fast, and it caps nesting at 1000 itself);
we then build plain Python data ourselves instead of using a constructor, so
that every rule is enforced in one place and on both the C and the pure
Python path:

- only the YAML 1.2 core scalars (str, int, float, true/false, null); any
  other tag (`!!python/object`, `!!timestamp`, `!foo`) is rejected, so no
  object is ever built from a document;
- duplicate keys and merge keys (`<<`) are rejected;
- nesting depth, alias uses and total nodes visited are bounded, which
  defeats alias bombs ("billion laughs") and self-referencing anchors.

`locate` turns a key path (`("thesis", "premises", 0, "quote")`) back into a
line and column by composing the text again; it runs only on the error path,
so the fast path never records positions.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import Problem
from .limits import DEFAULT_LIMITS, Limits

KeyPath = tuple[object, ...]




_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Pinned loader: YAML 1.2 booleans, no timestamps (dates stay strings)."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )

_STR, _INT, _FLOAT, _BOOL, _NULL, _MAP, _SEQ, _MERGE = (
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "merge")
)
_PLAIN_RESOLVERS = _Loader.yaml_implicit_resolvers


def _resolve(self: Any, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    """PyYAML's resolver minus path resolvers: it runs once per scalar, so keep it tight."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _PLAIN_RESOLVERS.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


_Loader.resolve = _resolve  # type: ignore[method-assign]
# Path resolvers are unused; the composer calls these two hooks on every node.
_Loader.descend_resolver = _Loader.ascend_resolver = lambda self, *args: None  # type: ignore[method-assign, assignment]
_SCALARS = yaml.constructor.SafeConstructor()


class _Walk:
    """Builds plain data from a node graph, collecting problems."""

    def __init__(self, file: str, limits: Limits):
        self.file = file
        self.limits = limits
        self.problems: list[Problem] = []
        self.nodes = 0
        self.aliases = 0
        self.seen: set[int] = set()
        self.stack: set[int] = set()

    def problem(self, node: yaml.Node, message: str, hint: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, message, hint))

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise _Abort(node, f"document expands to more than {self.limits.max_nodes} nodes",
                         "remove anchors/aliases or split the file")
        if node.__class__ is yaml.ScalarNode:
            return node.value if node.tag == _STR else self.scalar(node)  # strings: the hot path
        key = id(node)
        if key in self.stack:
            raise _Abort(node, "alias refers to itself (recursive anchor)", "remove the self-reference")
        if key in self.seen:
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise _Abort(node, f"more than {self.limits.max_aliases} alias uses",
                             "write the data out instead of using anchors")
        if depth >= self.limits.max_depth:
            raise _Abort(node, f"nesting deeper than {self.limits.max_depth} levels",
                         "flatten the structure")
        self.seen.add(key)
        self.stack.add(key)
        try:
            # By node kind as well as tag: `!!map [a, b]` is a sequence node with the mapping tag.
            if node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
                return [self.build(child, depth + 1) for child in node.value]
            if node.tag == _MAP and isinstance(node, yaml.MappingNode):
                return self.mapping(node, depth)
            self.problem(node, f"tag '{_short(node.tag)}' is not allowed", "remove the tag; argmap reads plain YAML only")
            return None
        finally:
            self.stack.discard(key)

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.problem(key_node, "merge keys ('<<') are not supported", "write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "a key must be a plain word", "use a string key")
                continue
            key = self.scalar(key_node)
            if key in first:
                line = first[key].start_mark.line + 1
                self.problem(key_node, f"duplicate key '{key}' (first defined on line {line})",
                             "remove or rename one of them")
                continue
            first[key] = key_node
            out[key] = self.build(value_node, depth + 1)
        return out

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        if tag in (_INT, _FLOAT):
            return self.number(node, tag == _INT)
        if tag == _BOOL and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if tag == _NULL and text in ("", "~", "null", "Null", "NULL"):
            return None
        if tag in (_BOOL, _NULL):
            self.problem(node, f"'{text}' is not {'true or false' if tag == _BOOL else 'null'}",
                         "remove the tag, or quote the text")
            return None
        self.problem(node, f"tag '{_short(tag)}' is not allowed", "remove the tag; argmap reads plain YAML only")
        return None

    def number(self, node: yaml.ScalarNode, integer: bool) -> Any:
        """An int or float, or a problem: PyYAML raises on `0x_`, `!!int abc`, `!!float nanx`, 5000 digits."""
        kind = "an integer" if integer else "a number"
        if len(node.value) > MAX_NUMBER_CHARS:
            self.problem(node, f"{kind} of {len(node.value)} characters is too long",
                         f"numbers have at most {MAX_NUMBER_CHARS} characters; quote it to keep it as text")
            return None
        try:
            return (_SCALARS.construct_yaml_int if integer else _SCALARS.construct_yaml_float)(node)
        except (ValueError, ArithmeticError, TypeError, IndexError):
            self.problem(node, f"'{node.value}' is not {kind}", "write the number out, or quote it to keep it as text")
            return None


MAX_NUMBER_CHARS = 100  # no map needs more; Python refuses int() beyond 4300 digits anyway


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class _Abort(Exception):
    def __init__(self, node: yaml.Node, message: str, hint: str):
        self.node, self.message, self.hint = node, message, hint


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (a BOM is allowed) or a problem at the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        column = e.start - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(file, line, column, f"invalid UTF-8 byte 0x{raw[e.start]:02x}",
                              "save the file as UTF-8")]


# PyYAML's words for a syntax error (both loaders start their messages alike) -> plain words and a fix.
# `at_context`: point at where the construct began (the unclosed '['), not where parsing gave up.
_SYNTAX: list[tuple[str, str, str, bool]] = [
    # (problem starts with, message, hint, at_context)
    ("did not find expected ',' or ']'", "this '[' list is never closed",
     "close it with ']', or quote the text if the '[' belongs to it", True),
    ("did not find expected ',' or '}'", "this '{' mapping is never closed",
     "close it with '}', or quote the text if the '{' belongs to it", True),
    ("mapping values are not allowed", "a ': ' inside a value starts a new key",
     'quote the value ("..."), or put the key on its own line', False),
    ("found unexpected end of stream", "this quoted text is never closed", "add the closing quote", True),
    ("could not find expected ':'", "a line that is not 'key: value'",
     "add ': value' after the key, or indent the line as part of the text above", True),
    ("did not find expected '-' indicator", "this line is not a '- ' item of the list above",
     "start it with '- ', or indent it under an item", False),
    ("did not find expected key", "this line does not line up with the keys above",
     "indent it like the other keys of its mapping, or quote a value that goes on", False),
    ("found undefined alias", "alias '*{word}' refers to no anchor", "define '&{word}' before it, or quote the text",
     False),
    ("found character that cannot start any token", "'{char}' cannot start a plain value", "quote the value", False),
    ("did not find expected node content", "'{char}' cannot start a value here", "quote the value", False),
    ("did not find expected alphabetic or numeric character", "'{char}' must be followed by a name",
     "quote the value", False),
    ("found unknown directive name", "a line starting with '%' is a YAML directive", "quote the value", False),
    ("but found another document", "a second document in one file",
     "keep one document per file (remove the '---' separator)", False),
]
_TAB_HINT = "this line has a tab: YAML indents with spaces only"


def _syntax_problem(e: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """A syntax error in plain words at the place to fix; the tab hint only when a tab is there."""
    problem, context = e.problem or "", e.context or ""
    message, hint, mark = " ".join(filter(None, [problem, context])) or "YAML syntax error", \
        "check the indentation and quoting here", e.problem_mark or e.context_mark
    for start, plain, fix, at_context in _SYNTAX:
        if problem.startswith(start):
            message, hint = plain, fix
            mark = (e.context_mark if at_context else None) or e.problem_mark or e.context_mark
            break
    if mark is None:
        return Problem(file, None, None, message, hint)
    lines = text.splitlines() or [""]
    line = lines[min(mark.line, len(lines) - 1)]
    char = line[mark.column:mark.column + 1]
    word = re.match(r"[*&]?([^\s,\[\]{}]*)", line[mark.column:])
    if char == "\t":
        message, hint = "a tab character here", "indent with spaces: YAML does not allow tabs for indentation"
    else:
        name = word.group(1) if word else ""
        message = message.replace("{char}", char).replace("{word}", name)
        hint = hint.replace("{word}", name)
        context_line = lines[e.context_mark.line] if e.context_mark and e.context_mark.line < len(lines) else ""
        if "\t" in line or "\t" in context_line:
            hint += f" ({_TAB_HINT})"
    return Problem(file, mark.line + 1, mark.column + 1, message, hint)


def compose(text: str, file: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The node graph of a one-document YAML text, or the syntax problem."""
    try:
        loader = _Loader(text)
        try:
            return loader.get_single_node(), []
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_problem(e, text, file)]
    except yaml.reader.ReaderError as e:  # a control character: point at it
        before = text[: e.position]
        line, col = before.count("\n") + 1, e.position - (before.rfind("\n") + 1) + 1
        return None, [Problem(file, line, col, f"unacceptable character #x{e.character:04x}",
                              "remove the control character (YAML allows printable text only)")]
    except (yaml.YAMLError, RecursionError) as e:
        return None, [Problem(file, None, None, f"unreadable YAML: {e}", "fix the syntax")]


def parse(raw: bytes, file: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, list[Problem]]:
    """Plain data from YAML bytes, with every problem found."""
    if len(raw) > limits.max_bytes:
        return None, [Problem(file, None, None, f"file is {len(raw)} bytes, over the limit of {limits.max_bytes}",
                              "split it, or raise the limit (ARGMAP_MAX_BYTES)")]
    text, problems = decode(raw, file)
    if text is None:
        return None, problems
    if "\x00" in text:
        return None, [Problem(file, None, None, "file contains NUL bytes (binary data?)", "give argmap a YAML text file")]
    node, problems = compose(text, file)
    if node is None:
        return None, problems
    walk = _Walk(file, limits)
    try:
        data = walk.build(node)
    except _Abort as e:
        walk.problem(e.node, e.message, e.hint)
        return None, walk.problems
    return data, walk.problems


def locate(node: yaml.Node, path: KeyPath, at_key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value (or key) at `path`, as far as it exists."""
    found = (node.start_mark.line + 1, node.start_mark.column + 1)
    for step in path:
        if isinstance(node, yaml.MappingNode):
            pair = _keys(node).get(str(step))
            if pair is None:
                return found
            key_node, value_node = pair
            mark = key_node.start_mark if (at_key and step == path[-1]) else value_node.start_mark
            found = (mark.line + 1, mark.column + 1)
            node = value_node
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            found = (node.start_mark.line + 1, node.start_mark.column + 1)
        else:
            return found
    return found


def _keys(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A mapping node's (key node, value node) by key, the first of duplicates; built once per node, so
    locating a problem under each of 100k keys is not 100k scans of them."""
    index: dict[str, tuple[yaml.Node, yaml.Node]] | None = getattr(node, "_argmap_keys", None)
    if index is None:
        index = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                index.setdefault(key_node.value, (key_node, value_node))
        node._argmap_keys = index  # type: ignore[attr-defined]
    return index


def dump(data: Any) -> str:
    """Block-style YAML that `parse` reads back to equal data."""
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                     sort_keys=False, allow_unicode=True, width=100)
