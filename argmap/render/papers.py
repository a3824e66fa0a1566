"""Terminal renderings of `list`, `show`, `tree` and `validate` data.

Every rich renderer builds `rich.text.Text` objects (never markup strings),
so text from a map can never be read as rich markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

from ..errors import Problem
from . import PLAIN_MARKS, columns, one_line, plural, pointed, quoted

if TYPE_CHECKING:
    from ..outputs import ExtraEdge, ListData, ShowData, TreeData, TreeNode
    from ..outputs import ValidateData

SYMBOL = {"thesis": "T", "premise": "+", "counterpoint": "-", "rebuttal": "-"}
STYLE = {"thesis": "bold", "premise": "green", "counterpoint": "red", "rebuttal": "yellow"}
REPORTED = ("~", "magenta")  # symbol and colour of a view the paper only reports (`reported_by`)
EDGE_MARK = {"supports": ("->", "→"), "attacks": ("-|", "⊣"), "undercuts": ("~>", "⤳")}  # plain, rich
EDGE_STYLE = {"supports": "green", "attacks": "red", "undercuts": "yellow"}


def symbol(claim: Mapping[str, Any]) -> str:
    return REPORTED[0] if claim.get("reported_by") else SYMBOL[claim["role"]]


def style(claim: Mapping[str, Any]) -> str:
    return REPORTED[1] if claim.get("reported_by") else STYLE[claim["role"]]


def reported_note(claim: Mapping[str, Any]) -> str:
    """' (reported: some scholars)' for a reported view, '' otherwise."""
    who = claim.get("reported_by")
    return f" (reported: {one_line(who)})" if who else ""


def edge_text(edge: ExtraEdge, rich: bool = False) -> str:
    """'-> supports t2': an edge a claim adds by id, beyond its tree parent."""
    return f"{EDGE_MARK[edge['kind']][rich]} {edge['kind']} {edge['target']}"


def fmt_tally(profile: Mapping[str, Any]) -> str:
    """'hard 5 · mixed 1; rebuts soft 2': the own claims' leans, then the other voices' (never mixed in)."""
    def counts(items: list[Any]) -> str:
        return " · ".join(f"{fmt_value(c['value'])} {c['count']}" for c in items)

    parts = [counts(profile["own"]) or "no own claims"]
    parts += [f"{voice} {counts(profile[voice])}" for voice in ("concedes", "rebuts", "reports") if profile[voice]]
    return "; ".join(parts)


def with_tally(text: str, profile: Mapping[str, Any] | None) -> str:
    """A value (or paper) with its evidence tally, and '!' when the evidence is flagged."""
    if profile is None:
        return text
    return f"{text} ({fmt_tally(profile)})" + " !" * profile["flagged"]


def flag_text(profile: Mapping[str, Any]) -> str:
    """'! own-voice evidence scores mostly_hard (mean +0.67)'."""
    if not profile["score"]:
        return f"! {profile['flag']}"
    mean = f" (mean {profile['mean']:+.2f})" if profile["mean"] is not None else ""
    return f"! own-voice evidence scores {' / '.join(map(fmt_value, profile['score']))}{mean}"


def fmt_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:+d}" if value else "0"
    return str(value)


# --- list ----------------------------------------------------------------------

def list_plain(data: ListData) -> Iterator[str]:
    head = ["id", "authors", "year", "claims", *data["headline"], "title"]
    rows = [head]
    for p in data["papers"]:
        rows.append([p["id"], short_authors(p["authors"]), str(p["year"]), str(p["claims"]),
                     *[fmt_value(p["positions"][a]) for a in data["headline"]], one_line(p["title"])])
    yield from columns(rows)
    yield from corpus_lines(data)


def corpus_lines(data: ListData) -> list[str]:
    """Which corpus this is; for a layered one, each layer, top first."""
    layers = data["layers"]
    if len(layers) <= 1:
        return [f"corpus: {data['corpus']['path']} ({data['corpus']['origin']})"]
    return [f"corpus: {len(layers)} layers, top first"] + [
        f"  {layer['path']} ({layer['origin']}): {plural(layer['papers'], 'paper')}" for layer in layers]


def list_rich(data: ListData, console: Any) -> None:
    from rich import box
    from rich.table import Table

    from .layout import Fitted

    table = Table(title=None, caption="\n".join(corpus_lines(data)), caption_justify="left", box=box.SIMPLE_HEAD)
    names = ["id", "authors", "year", "claims", *data["headline"], "title"]
    for name in names:
        table.add_column(name)
    for p in data["papers"]:
        table.add_row(p["id"], short_authors(p["authors"]), str(p["year"]), str(p["claims"]),
                      *[fmt_value(p["positions"][a]) for a in data["headline"]], p["title"])
    console.print(Fitted(table, keep=(0, 2, 3), fold=(len(names) - 1,)))


def short_authors(authors: list[str]) -> str:
    surnames = [a.split()[-1] for a in authors if a.split()]
    return surnames[0] + (" et al." if len(surnames) > 2 else f" & {surnames[1]}" if len(surnames) == 2 else "")


# --- show ----------------------------------------------------------------------

def show_plain(data: ShowData) -> Iterator[str]:
    yield f"{data['id']}: {one_line(data['title'])}"
    yield f"authors: {', '.join(data['authors'])}"
    yield f"year: {data['year']}" + (f" ({one_line(data['year_note'])})" if data["year_note"] else "")
    if data["venue"]:
        yield f"venue: {one_line(data['venue'])}"
    counts = data["counts"]
    yield f"claims: {counts['premise']} premises, {counts['counterpoint']} counterpoints, {counts['rebuttal']} rebuttals"
    yield f"thesis: {one_line(data['thesis']['text'])}"
    yield from (f"further root {root['id']}: {one_line(root['text'])}" for root in data["roots"])
    if data["edges"]:
        yield "edges by id:"
        yield from (f"  {edge['source']} {edge_text(edge)}" for edge in data["edges"])
    yield "positions:"
    rows = []
    for p in data["positions"]:
        evidence = ", ".join(p["evidence"]) or "—"
        note = f"  ({one_line(p['note'])})" if p["note"] else ""
        value = with_tally(fmt_value(p["value"]), p["profile"] if p["value"] != "unstated" else None)
        rows.append([f"  {p['axis']}", value, f"[{evidence}]{note}"])
    yield from columns(rows)
    yield f"tensions: {len(data['tensions'])}"
    for t in data["tensions"]:
        yield f"  {t['a']['id']} vs {t['b']['id']}: {one_line(t['note'])}"


POSITIONS_TABLE_WIDTH = 100  # narrower, show lists the positions one record each


def show_rich(data: ShowData, console: Any) -> None:
    from rich import box
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from .layout import Fitted

    console.print(Text.assemble((data["id"], "bold cyan"), "  ", (data["title"], "bold")))
    console.print(Text(", ".join(data["authors"]) + f" ({data['year']})"), style="dim")
    if data["year_note"]:
        console.print(Text(f"year inferred: {data['year_note']}", style="dim italic"))
    if data["venue"]:
        console.print(Text(data["venue"], style="dim"))
    c = data["counts"]
    console.print(Text(f"{c['premise']} premises · {c['counterpoint']} counterpoints · {c['rebuttal']} rebuttals"))
    console.print(Text.assemble(("Thesis ", "bold"), data["thesis"]["text"]))
    for root in data["roots"]:
        console.print(Text.assemble(("Further root ", "bold"), (root["id"] + " ", "bold"), root["text"]))
    if data["edges"]:
        console.print(Text("Edges by id", style="bold"))
        for edge in data["edges"]:
            console.print(Text.assemble("  ", (edge["source"] + " ", "bold"),
                                        (edge_text(edge, rich=True), EDGE_STYLE[edge["kind"]])))
    table = Table("axis", "value", "own claims", "evidence", "note", title="Positions", title_justify="left",
                  box=box.SIMPLE_HEAD)
    narrow = console.width < POSITIONS_TABLE_WIDTH  # then one record a position: five columns would not fit
    if narrow:
        console.print(Text("Positions", style="italic"))
    for p in data["positions"]:
        stated = p["value"] != "unstated"
        tally = Text(fmt_tally(p["profile"]) if stated else "")
        if stated and p["profile"]["flagged"]:
            tally.append("\n" + flag_text(p["profile"]), style="yellow")
        value = Text(fmt_value(p["value"]) + (f" {p['label']}" if p["label"] != str(p["value"]) else ""))
        evidence, note = Text(", ".join(p["evidence"])), Text(p["note"], style="dim")
        if narrow:
            console.print(Text.assemble((p["axis"], "bold"), " = ", value))
            for part in (tally, Text.assemble("evidence: ", evidence) if p["evidence"] else Text(""), note):
                if part.plain:
                    console.print(Padding(part, (0, 0, 0, 2)))  # a hanging indent
        else:
            table.add_row(p["axis"], value, tally, evidence, note)
    if not narrow:
        console.print(Fitted(table, keep=(0,), fold=(4,)))
    if data["tensions"]:
        console.print(Text("Tensions", style="bold"))
        for t in data["tensions"]:
            console.print(Text.assemble("  ", (f"{t['a']['id']} ⟷ {t['b']['id']}", "magenta"), "  ", t["note"]))


# --- tree ----------------------------------------------------------------------

SEMANTICS_NOTE = {
    "df-quad": "DF-QuAD strengths (the graph is acyclic)",
    "grounded": "grounded labelling, in / out / undecided (the graph has a cycle, so DF-QuAD does not apply)",
}


def _score(item: TreeNode) -> str:
    """The claim's strength or grounded label, bracketed, or nothing."""
    if "strength" in item:
        return f"[{item['strength']:.2f}] "
    return f"[{item['label']}] " if "label" in item else ""


def _label(item: TreeNode, ids: bool) -> str:
    return f"{item['id']}: " * ids + _score(item) + one_line(item["text"])


def tree_plain(data: TreeData, ids: bool = True, quotes: bool = False) -> Iterator[str]:
    yield f"{data['paper']}: {one_line(data['title'])}"
    if "semantics" in data:
        yield SEMANTICS_NOTE[data["semantics"]]

    def lines(item: TreeNode, indent: int) -> Iterator[str]:
        pad = "  " * indent
        yield f"{pad}{symbol(item)} {_label(item, ids)}{reported_note(item)}"
        if quotes:
            yield f"{pad}    {one_line(quoted(item['quote'], PLAIN_MARKS))} ({one_line(item['locator'])})"
        yield from (f"{pad}    {edge_text(edge)}" for edge in item["edges"])
        for child in item["children"]:
            yield from lines(child, indent + 1)

    for root in (data["root"], *data["roots"]):
        yield from lines(root, 0)


def tree_rich(data: TreeData, console: Any, ids: bool = True, quotes: bool = False) -> None:
    from rich.text import Text
    from rich.tree import Tree

    def label(item: TreeNode) -> Text:
        role, colour = item["role"], style(item)
        text = Text.assemble((symbol(item) + " ", f"bold {colour}"))
        if ids:
            text.append(item["id"] + " ", style=f"bold {colour}")
        text.append(_score(item), style="cyan")
        text.append(item["text"], style="bold" if role == "thesis" else "")
        if role == "rebuttal":
            text.append(" (rebuttal)", style="dim yellow")
        if item.get("reported_by"):
            text.append(reported_note(item), style=f"dim {colour}")
        if quotes:
            text.append(f"\n{quoted(item['quote'])} ", style="italic dim")
            text.append(f"({item['locator']})", style="dim")
        for edge in item["edges"]:
            text.append("\n" + edge_text(edge, rich=True), style=EDGE_STYLE[edge["kind"]])
        return text

    def add(tree: Any, item: TreeNode) -> None:
        for child in item["children"]:
            add(tree.add(label(child), guide_style=style(child)), child)

    console.print(Text(f"{data['paper']}: {data['title']}", style="bold cyan"))
    if "semantics" in data:
        console.print(Text(SEMANTICS_NOTE[data["semantics"]], style="dim"))
    for item in (data["root"], *data["roots"]):  # each root as its own tree
        root = Tree(label(item))
        add(root, item)
        console.print(root)


# --- validate ------------------------------------------------------------------

def validate_plain(data: ValidateData) -> Iterator[str]:
    for problem in data["problems"]:
        yield from pointed(Problem(**problem))
    yield _validate_summary(data)


def validate_rich(data: ValidateData, console: Any) -> None:
    from rich.text import Text

    for problem in data["problems"]:
        first, *excerpt = pointed(Problem(**problem))
        console.print(Text(first, style="bold"))
        for line in excerpt:
            console.print(Text(line, style="dim" if "|" in line[:8] and "^" not in line else "red"))
    console.print(Text(_validate_summary(data), style="green" if data["ok"] else "red"))


def _validate_summary(data: ValidateData) -> str:
    if data["ok"]:
        s = data["stats"]
        return f"ok: {s['papers']} papers, {s['claims']} claims, {s['links']} links, {s['axes']} axes"
    n = data["count"]
    return f"{n} problem{'s' * (n != 1)} found"
