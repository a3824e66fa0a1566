"""Terminal renderings of `verify` results and of curated links (`link list`, `link add`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from ..model import NO_QUOTE
from . import columns, one_line, plural

if TYPE_CHECKING:
    from ..outputs import AddedLink, LinkList, VerifyData, Wrote


def _verify_summary(data: VerifyData) -> str:
    c = data["counts"]
    text = f"{c['exact']} exact, {c['near']} near, {c['missing']} missing quotes"
    if c.get("unquoted"):
        text += f", {c['unquoted']} claims with no verified quote yet"
    text += f" (sources: {data['sources']})"
    if data["missing_sources"]:
        text += f"; {len(data['missing_sources'])} papers without a source text"
    return text


def verify_plain(data: VerifyData) -> Iterator[str]:
    for s in data["missing_sources"]:
        yield f"no source  {s['paper']}: {s['problem']}"
    for q in data["quotes"]:
        if q["status"] == "exact":
            continue
        if q["status"] == "unquoted":
            yield f"unquoted  {q['paper']}#{q['id']} ({one_line(q['locator'])}): {NO_QUOTE}"
            continue
        yield f"{q['status']} {q['score']:.1f}  {q['paper']}#{q['id']} ({one_line(q['locator'])})"
        yield f"  quote:   \"{one_line(q['quote'] or '')}\""
        if q["closest"]:
            yield f"  closest: \"{one_line(q['closest'])}\""
    yield _verify_summary(data)


def verify_rich(data: VerifyData, console: Any) -> None:
    from rich.text import Text

    for s in data["missing_sources"]:
        console.print(Text.assemble(("no source ", "bold red"), (s["paper"], "bold"), f": {s['problem']}"))
    for q in data["quotes"]:
        if q["status"] == "exact":
            continue
        if q["status"] == "unquoted":
            console.print(Text.assemble(("unquoted ", "bold yellow"), (f"{q['paper']}#{q['id']}", "bold"),
                                        f" ({q['locator']}): {NO_QUOTE}"))
            continue
        style = "yellow" if q["status"] == "near" else "red"
        console.print(Text.assemble((f"{q['status']} {q['score']:.1f} ", f"bold {style}"),
                                    (f"{q['paper']}#{q['id']}", "bold"), f" ({q['locator']})"))
        console.print(Text.assemble("  quote:   ", (f"“{q['quote']}”", "italic")))
        if q["closest"]:
            console.print(Text.assemble("  closest: ", (f"“{q['closest']}”", "italic dim")))
    console.print(Text(_verify_summary(data), style="green" if data["ok"] else "red"))


def links_plain(data: LinkList) -> Iterator[str]:
    yield from columns([[l["a"], l["relation"], l["b"], one_line(l["note"])] for l in data["links"]])
    scope = f" touching {data['paper']}" if data["paper"] else ""
    yield f"{len(data['links'])} links{scope} ({data['total']} in the corpus)"


def links_rich(data: LinkList, console: Any) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .compare import RELATION_STYLE
    from .layout import Fitted

    scope = f" touching {data['paper']}" if data["paper"] else ""
    table = Table("a", "relation", "b", "note", box=box.SIMPLE_HEAD,
                  caption=f"{len(data['links'])} links{scope} ({data['total']} in the corpus)", caption_justify="left")
    for l in data["links"]:
        table.add_row(Text.assemble((l["a"], "bold cyan"), "\n", (l["a_text"], "dim")),
                      Text(l["relation"], style=RELATION_STYLE[l["relation"]]),
                      Text.assemble((l["b"], "bold cyan"), "\n", (l["b_text"], "dim")), Text(l["note"]))
    console.print(Fitted(table, fold=(3,)))


def wrote_plain(data: Wrote) -> Iterator[str]:
    yield from data["notes"]
    yield data["message"]


def wrote_rich(data: Wrote, console: Any) -> None:
    from rich.text import Text

    for line in wrote_plain(data):
        console.print(Text(line))


def added_plain(data: AddedLink) -> Iterator[str]:
    yield f"linked {data['a']} {data['relation']} {data['b']} in {data['file']}"


def added_rich(data: AddedLink, console: Any) -> None:
    from rich.text import Text

    from .compare import RELATION_STYLE

    console.print(Text.assemble("linked ", (data["a"], "bold cyan"), " ",
                                (data["relation"], RELATION_STYLE[data["relation"]]), " ",
                                (data["b"], "bold cyan"), f" in {data['file']}"))


def _suggest_footer(data: dict[str, Any]) -> str:
    scope = f"in {data['within']}" if data["within"] else "in other papers"
    return (f"{plural(len(data['candidates']), 'candidate')} of {plural(data['searched'], 'claim')} {scope} "
            f"(likely: score >= {data['threshold']:g}); keep one: argmap link accept {data['claim']} REF -r REL -m NOTE;"
            f" drop it for good: argmap link dismiss {data['claim']} REF")


def suggest_plain(data: dict[str, Any]) -> Iterator[str]:
    yield f"{data['claim']}: {one_line(data['text'])}"
    rows = [[f"  {c['score']:5.1f}", "likely" if c["likely"] else "-", c["relation"], c["ref"], one_line(c["text"]),
             f"({c['why']})"] for c in data["candidates"]]
    yield from columns(rows)
    yield _suggest_footer(data)


def suggest_rich(data: dict[str, Any], console: Any) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .compare import RELATION_STYLE
    from .layout import Fitted

    console.print(Text.assemble((data["claim"], "bold cyan"), " ", data["text"]))
    table = Table("score", "relation", "candidate", box=box.SIMPLE_HEAD, caption=_suggest_footer(data),
                  caption_justify="left")
    for c in data["candidates"]:
        table.add_row(Text(f"{c['score']:.0f}", style="bold" if c["likely"] else "dim"),
                      Text.assemble((c["relation"], RELATION_STYLE.get(c["relation"], "")), "\n", (c["why"], "dim")),
                      Text.assemble((c["ref"], "bold cyan"), "\n", c["text"]))
    console.print(Fitted(table, keep=(0,)))
