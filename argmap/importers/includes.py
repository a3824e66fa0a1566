"""Argdown's `@include(path)`: other files' text put in its place, confined to the imported file's folder.

As the Argdown CLI does (`IncludePlugin` of @argdown/node), `@include(...)`
is replaced wherever it stands by the named file's text, its own includes
resolved the same way, each path relative to the folder of the file that
names it, and a file already included is left out the second time (so a
cycle ends). Argdown has no `@import`: its CLI reads `@import(...)` as text,
and so does argmap.

Unlike the CLI, argmap only reads files inside the folder of the file being
imported: an absolute path, a `..` that leaves the folder, or a symlink that
points out of it is refused with the include's position, so an import never
reads a file the user did not hand over. `Origins` maps each line of the
combined text back to its file and line, for messages.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..errors import InputError, Problem

INCLUDE = re.compile(r"@include\(([^)]+)\)")  # the CLI's own pattern


@dataclass
class Origins:
    """Where each line of the combined text came from."""

    starts: list[int] = field(default_factory=list)  # first combined line of each piece, ascending
    places: list[tuple[str, int]] = field(default_factory=list)  # (file, its line) at that start

    def add(self, combined_line: int, file: str, line: int) -> None:
        self.starts.append(combined_line)
        self.places.append((file, line))

    def locate(self, line: int) -> tuple[str, int]:
        i = bisect.bisect_right(self.starts, line) - 1
        file, first = self.places[max(i, 0)]
        return file, first + line - self.starts[max(i, 0)]

    def problem(self, p: Problem) -> Problem:
        """The problem as it reads in the file the line came from."""
        if p.line is None or not self.starts:
            return p
        file, line = self.locate(p.line)
        return Problem(file, line, p.column, p.message, p.hint, p.excerpt)


def _refusal(target: str, here: Path, root: Path) -> str | None:
    """Why `target`, named by a file in `here`, may not be read from an import of a file in `root`."""
    if PurePosixPath(target).is_absolute() or PureWindowsPath(target).is_absolute():
        return "an absolute path"
    from ..load import inside

    if not Path(os.path.normpath(os.path.realpath(here) / Path(target))).is_relative_to(os.path.realpath(root)):
        return "a path outside the folder"
    if not inside(here / target, root):
        return "a symlink to a file outside the folder"
    return None


def expand(text: str, path: Path, shown: str) -> tuple[str, Origins]:
    """`text` (of the file at `path`, shown as `shown`) with every `@include` resolved; InputError for an
    include outside `path`'s folder or one that cannot be read."""
    from ..load import display
    from . import read_text

    root = path.parent
    done = {os.path.realpath(path)}  # realpath: a symlink loop does not raise
    origins = Origins()
    pieces: list[str] = []
    line = 1  # the combined text's line where the next piece starts

    def emit(piece: str, file: str, at: int) -> None:
        nonlocal line
        if piece:
            origins.add(line, file, at)
            pieces.append(piece)
            line += piece.count("\n")

    def walk(body: str, file: str, here: Path) -> None:
        pos, at = 0, 1
        for m in INCLUDE.finditer(body):
            emit(body[pos:m.start()], file, at)
            at += body.count("\n", pos, m.start())
            target = m.group(1).strip()
            column = m.start() - body.rfind("\n", 0, m.start())
            if why := _refusal(target, here, root):
                raise InputError([Problem(file, at, column, f"@include({target}) names {why}: argmap reads "
                                          f"only files in {display(root)}", "copy the file into that folder "
                                          "and name it relative to the including file, e.g. @include(_part.argdown)")])
            resolved = os.path.realpath(here / target)
            if resolved not in done:  # as the CLI does: each file once, so a cycle ends
                done.add(resolved)
                try:
                    included = read_text(here / target)
                except InputError as e:  # its own problem, at the include: the cause first, said once
                    inner = e.problems[0]
                    if inner.line is not None:  # inside the included file (not UTF-8): at its own line
                        raise
                    hint = ("fix the path; it is relative to the including file's folder"
                            if inner.message.startswith("cannot read") else inner.hint)
                    raise InputError([Problem(file, at, column, f"{inner.message} (@include({target}))", hint)]
                                     ) from None
                walk(included, display(here / target), (here / target).parent)
            pos = m.end()
        emit(body[pos:], file, at)

    walk(text, shown, root)
    return "".join(pieces), origins
