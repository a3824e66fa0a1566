"""JSON read with the YAML loader's bounds (docs/limits.md).

Python's json module recurses once per level (a RecursionError past ~1000),
hands 5000-digit numbers to int() (a ValueError past 4300 digits) and turns
an escaped lone surrogate (`"\\ud800"`) into a string no file can hold.
Here each is a problem at its line and column, like the loader's: nesting
deeper than the depth limit, a number longer than the YAML loader allows, a
lone surrogate. Linear in the text.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from .errors import Problem
from .limits import DEFAULT_LIMITS, Limits
from .yamlsafe import MAX_NUMBER_CHARS

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")
_DEPTH = {"[": 1, "{": 1, "]": -1, "}": -1}
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # where a lone surrogate can come from
_LONE_SURROGATE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
                             r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")


class _TooLong(Exception):
    pass


def _number(kind: type) -> Any:
    def parse(token: str) -> Any:
        if len(token) > MAX_NUMBER_CHARS:
            raise _TooLong(token)
        return kind(token)
    return parse


_INT, _FLOAT = _number(int), _number(float)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def loads(text: str, file: str, limits: Limits = DEFAULT_LIMITS,
          hint: str = "check the brackets, commas and quotes here") -> tuple[Any, list[Problem]]:
    """The JSON value of `text`, or None and the one problem that stops it (`hint` for a syntax error)."""
    try:
        value = json.loads(text, parse_int=_INT, parse_float=_FLOAT)
    except json.JSONDecodeError as e:
        return None, [Problem(file, e.lineno, e.colno, f"not valid JSON: {e.msg}", hint)]
    except _TooLong as e:
        token = e.args[0]
        return None, [Problem(file, *position(text, max(text.find(token), 0)),
                              f"a number of {len(token)} characters is too long",
                              f"numbers have at most {MAX_NUMBER_CHARS} characters; quote it to keep it as text")]
    except RecursionError:
        return None, [_too_deep(text, file, limits)]
    problem = _check(value, text, file, limits)
    return (None, [problem]) if problem else (value, [])


def _check(value: Any, text: str, file: str, limits: Limits) -> Problem | None:
    """The first bound the parsed value breaks: depth, or a lone surrogate. (JSON has no aliases, so the
    size limit bounds its node count: no node limit is needed.)

    Read off the text with regular expressions and C-speed passes, not by walking the value:
    a Python walk costs more than the parse itself.
    """
    structure = _STRING.sub('""', text)  # brackets, commas and colons inside strings are text
    brackets = _BRACKET.findall(structure)
    if max(accumulate(map(_DEPTH.__getitem__, brackets)), default=0) > limits.max_depth:
        return _too_deep(text, file, limits)
    if _SURROGATE_ESCAPE.search(text):
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            m = _LONE_SURROGATE.search(text)
            line, column = position(text, m.start()) if m else (None, None)
            return Problem(file, line, column, f"lone surrogate {m.group() if m else ''} in a string: half of a "
                           "UTF-16 pair is not a character", "write the character itself, or both halves of its pair")
    return None


def _too_deep(text: str, file: str, limits: Limits) -> Problem:
    depth, at = 0, 0
    structure = _STRING.sub(lambda m: " " * len(m.group()), text)  # same offsets, no brackets in strings
    for m in _BRACKET.finditer(structure):
        depth += _DEPTH[m.group()]
        if depth > limits.max_depth:
            at = m.start()
            break
    return Problem(file, *position(text, at), f"nesting deeper than {limits.max_depth} levels",
                   "flatten the data, or raise ARGMAP_MAX_DEPTH")
