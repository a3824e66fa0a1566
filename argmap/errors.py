"""One exception root for everything argmap reports to a user.

The CLI catches `ArgmapError` once and maps `exit_code` to the process exit
status; nothing else prints tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from .outputs import ProblemData


class ExitCode(IntEnum):
    """Every exit status argmap uses (the README's table lists the same)."""

    OK = 0
    NEGATIVE = 1  # a negative answer: validate found problems, verify found missing quotes, nothing matched
    USAGE = 2  # a bad option, or a name that means nothing
    INPUT = 3  # an input file is unreadable or invalid
    UNAVAILABLE = 69  # a program argmap needs (Graphviz) is missing or failed (EX_UNAVAILABLE)
    INTERNAL = 70  # a bug in argmap (EX_SOFTWARE)
    CANT_WRITE = 73  # an output could not be written: permission, full disk, a folder in the way (EX_CANTCREAT)
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, pointing at the token."""

    file: str
    line: int | None  # 1-based; None when the file has no position (unreadable, missing)
    column: int | None
    message: str  # what is wrong
    hint: str = ""  # how to fix it
    excerpt: str = ""  # the offending line of the file, shown with a caret under `column`

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text

    def to_dict(self) -> ProblemData:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
            "excerpt": self.excerpt,
        }


class ArgmapError(Exception):
    """Root of every error argmap raises on purpose."""

    exit_code = ExitCode.INPUT


class UsageError(ArgmapError):
    """The user asked for something that does not exist or makes no sense."""

    exit_code = ExitCode.USAGE


class ExistsError(UsageError):
    """Refused: the file to create exists already (argmap never overwrites a map)."""


class OutputError(ArgmapError):
    """A file could not be written; the message says why in words (read-only, disk full, ...)."""

    exit_code = ExitCode.CANT_WRITE


class ToolError(ArgmapError):
    """A program argmap runs (Graphviz's dot) is missing, failed or took too long."""

    exit_code = ExitCode.UNAVAILABLE


class InputError(ArgmapError):
    """An input file is unreadable or invalid; carries every problem found."""

    exit_code = ExitCode.INPUT

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        super().__init__("\n".join(map(str, self.problems)) + f"\n{n} problem{'s' * (n != 1)} found")


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """A hint naming the closest valid choice, or listing the choices."""
    from rapidfuzz import process  # lazy: keeps startup lean

    if not choices:
        return ""
    best = process.extractOne(word, list(choices), score_cutoff=50)  # 50: short ids (c9 -> c1)
    if best:
        return f"did you mean '{best[0]}'?"
    shown = ", ".join(sorted(map(str, choices))[:12])
    more = " …" if len(choices) > 12 else ""
    return f"expected one of: {shown}{more}"
