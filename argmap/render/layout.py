"""Rich tables readable at 80 columns and less (issue 12 item 10).

Rich shrinks the widest columns first and, when that is not enough, every
column evenly, breaking words and cutting ids with an ellipsis. Here the
widths are chosen for the width the table is drawn at: `keep` columns (ids,
numbers) are never narrower than their widest cell; headers break only after
'.', '_' or a space; `fold` columns (titles, notes) start from a few
characters and may break inside a word; every other column gets at least
its longest word (so an id inside a text stays whole). The room left is
shared by how much more each column could use. A table too wide even so is
drawn one record a row (`header: cell` lines), so no word breaks at all.
"""

from __future__ import annotations

import re
from typing import Any, Collection, Iterator

from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

_FLOOR = 4  # narrowest any column but a kept one gets when nothing else fits
_FOLD_FLOOR = 16  # narrowest a folding column starts: room for an id such as rezapour2020#p22 in a note


class Header:
    """A column header that breaks only after '.', '_' or a space, never inside a word."""

    def __init__(self, name: str):
        self.name = name
        self.parts = re.findall(r"[^._ ]*[._ ]+|[^._ ]+", name) or [""]

    def __rich_measure__(self, console: Any, options: Any) -> Measurement:
        return Measurement(max(len(p.rstrip()) for p in self.parts), len(self.name))

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Text]:
        lines, line = [], ""
        for part in self.parts:
            if line and len((line + part).rstrip()) > options.max_width:
                lines.append(line.rstrip())
                line = ""
            line += part
        lines.append(line.rstrip())
        yield Text("\n".join(lines), overflow="fold")


class Fitted:
    """`table` with its column widths chosen at drawing time (see the module docstring)."""

    def __init__(self, table: Table, keep: Collection[int] = (), fold: Collection[int] = ()):
        self.table, self.keep, self.fold = table, set(keep), set(fold)
        for i in self.keep:
            table.columns[i].no_wrap = True
        for i, column in enumerate(table.columns):
            if isinstance(column.header, str):
                column.header = Header(column.header)
            column.overflow = "fold"  # a word wider than its column breaks; nothing is cut off with '…'

    def __rich_measure__(self, console: Any, options: Any) -> Measurement:
        return Measurement.get(console, options, self.table)

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Table]:
        table, width = self.table, options.max_width
        unbounded = options.update_width(10**6)  # measurements are clamped to the width given
        ranges = [_measure(console, unbounded, column) for column in table.columns]

        def overhead() -> int:  # borders and padding
            return Measurement.get(console, unbounded, table).maximum - sum(r.maximum for r in ranges)

        if overhead() + sum(r.maximum for r in ranges) > width:
            if overhead() + sum(self._floors(ranges)) > width and table.box is not None and table.padding != (0, 0, 0, 0):
                table.padding = (0, 0)  # narrow: the box's column gap alone separates the columns
            if overhead() + sum(self._floors(ranges)) > width:  # words would break: one record a row
                yield from self._records(console)
                return
            for column, w in zip(table.columns, self._widths(ranges, width - overhead())):
                column.width = w
        yield table

    def _records(self, console: Any) -> Iterator[Any]:
        """The rows one record each: the first cell, then `header: cell` lines with a hanging indent."""
        from rich.padding import Padding

        table = self.table
        if table.title:
            yield console.render_str(table.title, style="italic") if isinstance(table.title, str) else table.title
        headers = [c.header.name if isinstance(c.header, Header) else str(c.header) for c in table.columns]
        cells = [[console.render_str(c) if isinstance(c, str) else c for c in column.cells] for column in table.columns]
        for row in zip(*cells):
            yield Text.assemble(row[0], style="bold") if isinstance(row[0], Text) else row[0]
            for header, cell in zip(headers[1:], row[1:]):
                if not isinstance(cell, Text) or cell.plain:
                    label = (f"{header}: ", "dim") if header else ""  # a column without a header: the cell alone
                    yield Padding(Text.assemble(label, cell) if isinstance(cell, Text) else cell, (0, 0, 0, 2))
        if table.caption:
            yield Text("")
            yield console.render_str(table.caption) if isinstance(table.caption, str) else table.caption

    def _floors(self, ranges: list[Measurement]) -> list[int]:
        """Kept columns whole, folding ones from _FOLD_FLOOR, the others their longest word."""
        return [r.maximum if i in self.keep else min(r.minimum, _FOLD_FLOOR) if i in self.fold else r.minimum
                for i, r in enumerate(ranges)]

    def _widths(self, ranges: list[Measurement], room: int) -> list[int]:
        widths = self._floors(ranges)
        shrinkable = [i for i in range(len(ranges)) if i not in self.keep]
        while sum(widths) > room and shrinkable:  # too narrow even so: fold words, widest column first
            widest = max(shrinkable, key=lambda i: widths[i])
            if widths[widest] <= _FLOOR:
                break
            widths[widest] -= 1
        left = room - sum(widths)
        wants = {i: ranges[i].maximum - widths[i] for i in shrinkable if ranges[i].maximum > widths[i]}
        total = sum(wants.values())
        for i, want in wants.items():  # the room left, shared by how much more each column could use
            widths[i] += want if left >= total else left * want // total
        for i in wants:  # what the division left over
            extra = min(room - sum(widths), ranges[i].maximum - widths[i])
            widths[i] += max(extra, 0)
        return widths


def _measure(console: Any, options: Any, column: Any) -> Measurement:
    """The narrowest (longest word) and widest width of a column's header and cells, padding not included."""
    cells = [column.header, *column.cells]
    found = [Measurement.get(console, options, c if not isinstance(c, str) else Text(c)) for c in cells]
    return Measurement(max(m.minimum for m in found), max(m.maximum for m in found))
