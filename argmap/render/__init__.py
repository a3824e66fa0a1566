"""The one output convention every command uses: `--format auto|rich|plain|json`.

- `auto` is rich on a terminal and plain otherwise;
- `rich` draws with colour (NO_COLOR is honoured by rich itself);
- `plain` never wraps, never draws box or tree characters: one record a line;
- `json` prints the command's plain data, as documented in docs/json.md.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")

from ..errors import Problem
from ..text import for_terminal, plural, printable  # noqa: F401  (plural: the renderers' import of it)

def resolve_format(fmt: str, stream: Any = None) -> str:
    if fmt != "auto":
        return fmt
    stream = stream or sys.stdout
    return "rich" if hasattr(stream, "isatty") and stream.isatty() else "plain"


class Output:
    """Where a command's result goes, in the chosen format."""

    def __init__(self, fmt: str = "auto"):
        self.format = resolve_format(fmt)
        self._console: Any = None

    @property
    def console(self) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False)  # rich honours NO_COLOR itself
        return self._console

    def emit(self, data: T, rich: Callable[[T, Any], None], plain: Callable[[T], Iterable[str]]) -> None:
        """`data` as JSON, or drawn by the renderer of the format; mypy checks both renderers take its type."""
        if self.format == "json":
            write_json(data)  # JSON escapes control characters itself
        elif self.format == "rich":
            rich(neutralised(data), self.console)
        else:
            write_lines(plain(neutralised(data)))


def neutralised(data: T) -> T:
    """The data with every string made safe for a terminal (`for_terminal`), so that no renderer,
    plain or rich, can print an escape sequence, a control character or a bidi override from a map."""
    if isinstance(data, str):
        return for_terminal(data)  # type: ignore[return-value]
    if isinstance(data, dict):
        return {neutralised(k): neutralised(v) for k, v in data.items()}  # type: ignore[return-value]
    if isinstance(data, (list, tuple)):
        return type(data)(neutralised(v) for v in data)  # type: ignore[return-value]
    return data


def write_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_lines(lines: Iterable[str], batch: int = 256) -> None:
    """Lines to stdout, a batch to each write: under PYTHONUNBUFFERED (or to a terminal) each write is a
    system call, and 60k lines written one by one cost half a second."""
    write, held = sys.stdout.write, []
    for line in lines:
        held.append(line)
        if len(held) == batch:
            write("\n".join(held) + "\n")
            held.clear()
    if held:
        write("\n".join(held) + "\n")


def columns(rows: list[list[str]], sep: str = "  ") -> list[str]:
    """Rows as aligned text columns; the last column is never padded or cut."""
    if not rows:
        return []
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return [sep.join([c.ljust(w) for c, w in zip(r, widths)] + [r[-1]]).rstrip() for r in rows]


def one_line(text: str) -> str:
    """Text with any newline folded, so a plain record stays on one line."""
    return " ".join(str(text).split())


PLAIN_MARKS = '""'  # quotation marks in plain output


def quoted(quote: str | None, marks: str = "“”") -> str:
    """A claim's quote in quotation marks, or the plain statement that it has none yet."""
    from ..model import NO_QUOTE

    return f"{marks[0]}{quote}{marks[1]}" if quote else f"({NO_QUOTE})"


def pointed(problem: Problem) -> list[str]:
    """A problem on one line, then its source line and a caret under the column, all neutralised."""
    lines = [printable(problem)]
    if problem.excerpt and problem.line is not None:
        gutter = f"{problem.line:>5} | "
        lines.append(gutter + printable(problem.excerpt, keep_columns=True).rstrip())
        lines.append(" " * (len(gutter) - 2) + "| " + " " * ((problem.column or 1) - 1) + "^")
    return lines


@contextmanager
def progress(output: Output, label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a bar on a terminal's stderr; None in plain/JSON or a pipe."""
    if output.format != "rich" or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
