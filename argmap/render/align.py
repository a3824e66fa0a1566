"""Terminal renderings of `align` data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from . import one_line

if TYPE_CHECKING:
    from ..outputs import AlignData


def align_plain(data: AlignData) -> Iterator[str]:
    for pair in data["pairs"]:
        yield (f"{pair['score']:5.1f}  {pair['a']['ref']}  {pair['b']['ref']}  "
               f"{one_line(pair['a']['text'])}  |  {one_line(pair['b']['text'])}")
    yield _summary(data)


def align_rich(data: AlignData, console: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    from .layout import Fitted

    table = Table("score", "a", "b", caption=_summary(data), caption_justify="left")
    for pair in data["pairs"]:
        table.add_row(f"{pair['score']:.1f}",
                      Text.assemble((pair["a"]["ref"], "cyan"), "\n", pair["a"]["text"]),
                      Text.assemble((pair["b"]["ref"], "cyan"), "\n", pair["b"]["text"]))
    console.print(Fitted(table, keep=(0,)))


def _summary(data: AlignData) -> str:
    shown = len(data["pairs"])
    more = f" (showing {shown})" if shown < data["total"] else ""
    found = f"{data['total']} similar cross-paper pairs among {data['claims']} claims at >= {data['threshold']:g}{more}"
    if data["exhaustive"]:
        return found
    return (f"{found}; too many claims to score every candidate: these are every pair whose words hold "
            f"{data['share']:g}% of each claim's word weight, pairs carried by shared tags may be missing")
