"""Terminal renderings of `query` hits, matched words highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from . import columns, one_line, plural, quoted
from .papers import STYLE

if TYPE_CHECKING:
    from ..outputs import QueryData


def _footer(data: QueryData) -> str:
    scope = f"{data['searched']} of {data['total']}" if data["searched"] != data["total"] else str(data["total"])
    shown = len(data["hits"])
    more = f" (showing {shown}; --limit N shows more)" if shown < data["found"] else ""
    return f"{plural(data['found'], 'hit')}{more} for '{data['query']}' among {scope} claims"


def query_plain(data: QueryData) -> Iterator[str]:
    # Plain text stays the claim's own words: highlighting is rich's (and JSON's `highlights`).
    rows = [[f"{h['score']:5.1f}", h["ref"], h["role"], " > ".join(h["path"]), one_line(h["text"])]
            for h in data["hits"]]
    yield from columns(rows)
    yield _footer(data)


def query_rich(data: QueryData, console: Any) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .layout import Fitted

    table = Table("score", "claim", "text", box=box.SIMPLE_HEAD, caption=_footer(data), caption_justify="left")
    for h in data["hits"]:
        text = Text(h["text"])
        for start, end in h["highlights"]["text"]:
            text.stylize("bold yellow", start, end)
        quote = Text(f"{quoted(h['quote'])} ", style="italic dim")
        for start, end in h["highlights"]["quote"]:
            quote.stylize("bold yellow", start + 1, end + 1)
        quote.append(f"({h['locator']})", style="dim")
        where = Text.assemble((h["ref"], "bold cyan"), "\n", (h["role"], STYLE[h["role"]]), "\n",
                              (" > ".join(h["path"]), "dim"))
        table.add_row(f"{h['score']:.0f}", where, Text.assemble(text, "\n", quote))
    console.print(Fitted(table, keep=(0, 1)))
