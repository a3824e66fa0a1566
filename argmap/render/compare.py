"""Terminal renderings of the comparisons: compare, diff, where, matrix, tensions.

Plain output is one record a line, no box or tree characters; rich output
builds `rich.text.Text` objects only, so map text is never read as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, cast

from . import PLAIN_MARKS, columns, one_line, plural, quoted
from .papers import flag_text, fmt_tally, fmt_value, reported_note, style, symbol, with_tally

if TYPE_CHECKING:
    from ..outputs import (AxisData, AxisRow, Cell, ClaimData, ClaimsDiff, CompareData, DiffData, MatrixCell, MatrixData,
                           MatrixNeighbour,
                           SideValue, TensionsData, WhereData, WhereMatch)

RELATION_STYLE = {"agrees": "green", "same": "green", "refines": "cyan", "contradicts": "red", "related": "dim"}
STATUS_TEXT = {"converge": "converge", "diverge": "diverge", "only_a": "only A states", "only_b": "only B states"}


def _value_style(axis: AxisData, value: Any) -> str:
    """Colour by place on an ordered scale: low cyan, middle yellow, high magenta."""
    ids = [v["value"] for v in axis["values"]]
    if not axis["ordered"] or value not in ids:
        return "bold"
    rank, mid = ids.index(value), (len(ids) - 1) / 2
    return "cyan" if rank < mid else "magenta" if rank > mid else "yellow"


def _claim_line(c: ClaimData, ref: str = "") -> str:
    return f"{symbol(c)} {ref or c['id']}: {one_line(c['text'])}{reported_note(c)}"


def _quote_line(c: ClaimData) -> str:
    return f"{one_line(quoted(c['quote'], PLAIN_MARKS))} ({one_line(c['locator'])})"


def _claim_text(c: ClaimData, ref: str = "", quote: bool = True) -> Any:
    from rich.text import Text

    text = Text.assemble((f"{symbol(c)} {ref or c['id']} ", f"bold {style(c)}"), c["text"],
                         (reported_note(c), f"dim {style(c)}"))
    if quote:
        text.append(f"\n  {quoted(c['quote'])} ", style="italic dim")
        text.append(f"({c['locator']})", style="dim")
    return text


# --- compare AXIS ----------------------------------------------------------------

def axis_plain(data: CompareData) -> Iterator[str]:
    axis = data["axis"]
    yield f"{axis['id']}: {one_line(axis['title'])}"
    yield f"  {one_line(axis['question'])}"
    if axis["subjects"]:
        rows = [["paper", *axis["subjects"]]]
        rows += [[r["paper"], *(_cell_text(_marked(fmt_value(r["positions"][k]["value"]), r["positions"][k]),
                                           r["positions"][k]) for k in data["keys"])]
                 for r in data["papers"]]
        yield from columns(rows)
    else:
        key = data["keys"][0]
        rows = []
        for v in axis["values"]:
            held = [_cell_text(_marked(r["paper"], r["positions"][key]), r["positions"][key]) for r in data["papers"]
                    if r["positions"][key]["value"] == v["value"]]
            rows.append([fmt_value(v["value"]), one_line(v["label"]), ", ".join(held) or "·"])
        silent = [_marked(r["paper"], r["positions"][key]) for r in data["papers"] if not r["positions"][key]["stated"]]
        if silent:
            rows.append(["—", "unstated", ", ".join(silent)])
        yield from columns(rows)
    yield from _flag_lines(data)
    yield from _contrast_lines(data)
    yield from _contested_lines(data)
    for r in data["papers"]:
        for key, p in r["positions"].items():
            if "claims" not in p or not p["stated"]:
                continue
            where = f"{r['paper']} {key}" if axis["subjects"] else r["paper"]
            yield f"{where} = {fmt_value(p['value'])}" + (f"  ({one_line(p['note'])})" if p["note"] else "")
            for c in p["claims"]:
                yield "  " + _claim_line(c)
                yield "    " + _quote_line(c)


NUMBER_LINE_COLUMN = 16  # a paper id and its gap: narrower, the number line turns into rows


def axis_rich(data: CompareData, console: Any) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .layout import Fitted

    axis = data["axis"]
    console.print(Text.assemble((axis["title"], "bold"), f"  ({axis['id']})"))
    console.print(Text(axis["question"], style="dim"))
    keep: tuple[int, ...] = (0,)  # the paper ids, or the values of a narrow number line
    fold: tuple[int, ...] = ()
    if axis["subjects"]:
        table = Table("paper", *axis["subjects"], box=box.SIMPLE_HEAD)
        for r in data["papers"]:
            cells = [Text(_cell_text(_marked(fmt_value(r["positions"][k]["value"]), r["positions"][k]),
                                     r["positions"][k]),
                          style=_value_style(axis, r["positions"][k]["value"])) for k in data["keys"]]
            table.add_row(Text(r["paper"], style="bold"), *cells)
    elif console.width < NUMBER_LINE_COLUMN * len(axis["values"]):
        # Too narrow for a number line: one row a value, low to high, its papers beside it.
        key = data["keys"][0]
        table = Table("value", "", "papers", box=box.SIMPLE_HEAD)
        for v in axis["values"]:
            papers = [_marked(r["paper"], r["positions"][key]) + " " + _cell_text("", r["positions"][key]).strip()
                      for r in data["papers"] if r["positions"][key]["value"] == v["value"]]
            table.add_row(Text(fmt_value(v["value"]), style=_value_style(axis, v["value"])), v["label"],
                          "\n".join(papers) or "·")
        keep, fold = (0,), (1,)
    else:
        # A number line: one column a value, low to high, each paper under its value.
        key = data["keys"][0]
        keep = ()
        table = Table(box=box.SIMPLE_HEAD, show_lines=False)
        held: list[list[str]] = []
        for v in axis["values"]:
            table.add_column(Text.assemble((fmt_value(v["value"]), _value_style(axis, v["value"])), "\n", v["label"]),
                             justify="center", ratio=1)
            # each paper's name on its own line (so it sits under its dot), its tally below it
            held.append([_marked(r["paper"], r["positions"][key]) + "\n" + _cell_text("", r["positions"][key]).strip()
                         for r in data["papers"] if r["positions"][key]["value"] == v["value"]])
        if axis["ordered"]:
            table.add_row(*(Text("●" if ids else "┼", style="bold" if ids else "dim") for ids in held))
        table.add_row(*(Text("\n".join(ids) or "·") for ids in held))
    if not axis["subjects"]:
        key = data["keys"][0]
        silent = [_marked(r["paper"], r["positions"][key]) for r in data["papers"] if not r["positions"][key]["stated"]]
        if silent:
            table.caption = "unstated: " + ", ".join(silent)
    console.print(Fitted(table, keep, fold))
    for line in _flag_lines(data):
        console.print(Text(line, style="yellow" if line.startswith("  ") else "bold"))
    for line in _contrast_lines(data):
        console.print(Text(line, style="bold" if not line.startswith("  ") else ""))
    for line in _contested_lines(data):
        console.print(Text(line, style="red" if line.startswith("  ") else "bold"))
    for r in data["papers"]:
        for key, p in r["positions"].items():
            if "claims" in p and p["stated"]:
                _print_evidence(console, r["paper"], f" {key} = " if axis["subjects"] else " = ", p,
                                _value_style(axis, p["value"]))


def _cell_text(text: str, cell: Cell) -> str:
    """A value or paper with its evidence tally, when the position is stated."""
    return with_tally(text, cell["profile"] if cell["stated"] else None)


def _flag_lines(data: CompareData) -> Iterator[str]:
    """! flagged cells: the coded value and what the paper's own claims score."""
    cells = [(r["paper"], key, p) for r in data["papers"] for key, p in r["positions"].items()
             if p["stated"] and p["profile"]["flagged"]]
    if not cells:
        return
    yield f"! evidence apart from the coded value: {plural(len(cells), 'cell')}"
    for paper, key, p in cells:
        where = f"{paper} {key}" if data["axis"]["subjects"] else paper
        yield f"  {where}: coded {fmt_value(p['value'])}; {flag_text(p['profile'])[2:]}"


def _contrast_lines(data: CompareData) -> Iterator[str]:
    """Per pair of subjects: the summary, then per paper which sits higher (coded / evidence).

    Left out when no paper can be compared (no summary): every paper's line would read "—".
    """
    for c in data.get("contrasts", []):
        if c["summary"] is None:
            continue
        yield c["summary"]
        words = {"higher": f"{c['a']} nearer {c['toward']}", "equal": "equal", "lower": f"{c['b']} nearer {c['toward']}",
                 None: "—"}
        yield from columns([[f"  {p['paper']}", f"coded: {words[p['coded']]}", f"evidence: {words[p['evidence']]}"]
                            for p in c["papers"]])


def _marked(text: str, cell: Cell) -> str:
    """A value or paper, starred when a reading contests the cell (compare --reading)."""
    return text + "*" if cell.get("contested") else text


def _contested_lines(data: CompareData) -> Iterator[str]:
    """* contested cells, each with the map's value and the readings' (compare --reading)."""
    cells = [(r["paper"], key, p) for r in data["papers"] for key, p in r["positions"].items() if p.get("contested")]
    if not cells:
        return
    yield f"* contested by a reading: {plural(len(cells), 'cell')}"
    for paper, key, p in cells:
        where = f"{paper} {key}" if data["axis"]["subjects"] else paper
        others = ", ".join(f"{r['reading']} {fmt_value(r['value']) if r['stated'] else 'unstated'}"
                           for r in p["readings"] if r["value"] != p["value"])
        yield f"  {where}: {fmt_value(p['value']) if p['stated'] else 'unstated'}; {others}"


def _print_evidence(console: Any, paper: str, where: str, position: Cell | WhereMatch, style: str) -> None:
    """A paper's value (with its note), then the claims that justify it, with quotes."""
    from rich.text import Text

    head = Text.assemble((paper, "bold cyan"), where, (fmt_value(position["value"]), style))
    if "profile" in position:
        head.append(f"  ({fmt_tally(position['profile'])})")
        if position["profile"]["flagged"]:
            head.append(f"  {flag_text(position['profile'])}", style="yellow")
    if position["note"]:
        head.append(f"  {position['note']}", style="dim")
    console.print(head)
    for c in position["claims"]:
        console.print(Text("  ") + _claim_text(c))


# --- diff ------------------------------------------------------------------------

def _axis_value(side: SideValue | None) -> str:
    return with_tally(fmt_value(side["value"]), side["profile"]) if side else "—"


def _status(row: AxisRow) -> str:
    text = STATUS_TEXT[row["status"]]
    return text + (f" (distance {row['distance']})" if row["status"] == "diverge" and row["distance"] else "")


def _with_claims(data: DiffData) -> ClaimsDiff | None:
    """The diff with its claim lists, or None for `diff --axis` (mypy cannot narrow the union by a key)."""
    return cast("ClaimsDiff", data) if "matches" in data else None


def diff_plain(data: DiffData) -> Iterator[str]:
    a, b = data["a"], data["b"]
    yield f"A {a['id']}: {one_line(a['thesis']['text'])}"
    yield f"B {b['id']}: {one_line(b['thesis']['text'])}"
    yield "axes:"
    yield from columns([["  axis", "A", "B", ""]] + [
        [f"  {r['axis']}", _axis_value(r["a"]), _axis_value(r["b"]), _status(r)] for r in data["axes"]])
    full = _with_claims(data)
    if full is not None:
        yield f"claims: {len(full['matches'])} aligned pairs"
        for m in full["matches"]:
            how = "link" if m["source"] == "link" else f"suggestion {m['score']:.0f}"
            yield f"  {m['kind']} ({how}): {a['id']}#{m['a']['id']} ~ {b['id']}#{m['b']['id']}" + (
                f"  {one_line(m['note'])}" if m["note"] else "")
            yield "    A " + _claim_line(m["a"])
            yield "    B " + _claim_line(m["b"])
        for side, only, more in ((a, full["only_a"], full["left_out"]["a"]), (b, full["only_b"], full["left_out"]["b"])):
            yield f"only {side['id']}: {plural(len(only) + more, 'claim')}"
            for c in only:
                yield "  " + _claim_line(c)
            if more:
                yield "  " + _left_out(more, a["id"], b["id"])
    yield data["summary_line"]


def _left_out(n: int, a: str, b: str) -> str:
    return f"... {n} more not shown (argmap diff {a} {b} --all lists every one)"


def diff_rich(data: DiffData, console: Any) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .layout import Fitted

    a, b = data["a"], data["b"]
    theses = Table(box=box.SIMPLE_HEAD, expand=True)
    for heading in (f"A {a['id']}", f"B {b['id']}"):
        theses.add_column(Text(heading, style="bold cyan"), ratio=1)
    theses.add_row(Text(a["thesis"]["text"]), Text(b["thesis"]["text"]))
    console.print(theses)
    axes = Table("axis", "A", "B", "", box=box.SIMPLE_HEAD, title="Positions", title_justify="left")
    for r in data["axes"]:
        style = {"converge": "green", "diverge": "red"}.get(r["status"], "dim")
        axes.add_row(r["axis"], _axis_value(r["a"]), _axis_value(r["b"]), Text(_status(r), style=style))
    console.print(Fitted(axes, keep=(0,)))
    full = _with_claims(data)
    if full is not None:
        claims = Table("", "A", "B", box=box.SIMPLE_HEAD, title="Aligned claims", title_justify="left",
                       expand=True)
        for m in full["matches"]:
            how = Text(m["kind"], style=RELATION_STYLE.get(m["kind"], ""))
            how.append("\nlink" if m["source"] == "link" else f"\nsuggested {m['score']:.0f}", style="dim")
            claims.add_row(how, _claim_text(m["a"], quote=False), _claim_text(m["b"], quote=False))
        console.print(claims)
        for side, only, more in ((a, full["only_a"], full["left_out"]["a"]), (b, full["only_b"], full["left_out"]["b"])):
            console.print(Text(f"Only {side['id']}: {plural(len(only) + more, 'claim')}", style="bold"))
            for c in only:
                console.print(Text("  ") + _claim_text(c, quote=False))
            if more:
                console.print(Text("  " + _left_out(more, a["id"], b["id"]), style="dim"))
    console.print(Text(data["summary_line"], style="bold"))


# --- where -----------------------------------------------------------------------

def _where_head(data: WhereData) -> str:
    return f"{' and '.join(data['conditions'])}: {len(data['papers'])} of {data['total']} papers"


def where_plain(data: WhereData) -> Iterator[str]:
    yield _where_head(data)
    for hit in data["papers"]:
        for m in hit["matches"]:
            yield f"{hit['paper']}  {m['axis']} = {with_tally(fmt_value(m['value']), m['profile'])}" + (
                f"  ({one_line(m['note'])})" if m["note"] else "")
            for c in m["claims"]:
                yield "  " + _claim_line(c)
                yield "    " + _quote_line(c)


def where_rich(data: WhereData, console: Any) -> None:
    from rich.text import Text

    console.print(Text(_where_head(data), style="bold"))
    for hit in data["papers"]:
        for m in hit["matches"]:
            _print_evidence(console, hit["paper"], f"  {m['axis']} = ", m, "bold")


# --- matrix ----------------------------------------------------------------------

def _cell(cell: MatrixCell | None) -> str:
    if cell is None:
        return "·"
    score = "n/a" if cell["agreement"] is None else f"{cell['agreement']:.2f}"
    return f"{score} +{cell['links_agree']}/-{cell['links_contradict']}"


def _neighbours(cells: list[MatrixNeighbour]) -> str:
    return ", ".join(f"{c['paper']} {_cell(c)}" for c in cells) or "·"


def matrix_plain(data: MatrixData) -> Iterator[str]:
    yield "agreement across shared axes (0-1), then curated links +agree/-contradict"
    if data["cells"] is None:  # past a few dozen papers: each paper's nearest and farthest
        rows = [["paper", "agrees most with", "agrees least with"]]
        rows += [[r["paper"], _neighbours(r["nearest"]), _neighbours(r["farthest"])] for r in data["nearest"]]
        yield from columns(rows)
        return
    rows = [["", *data["papers"]]]
    rows += [[pid, *map(_cell, row)] for pid, row in zip(data["papers"], data["cells"])]
    yield from columns(rows)


def matrix_rich(data: MatrixData, console: Any) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .layout import Fitted

    if data["cells"] is None:  # past a few dozen papers: each paper's nearest and farthest
        table = Table("paper", "agrees most with", "agrees least with", box=box.SIMPLE_HEAD,
                      title="Agreement across shared axes: each paper's nearest and farthest",
                      caption="0 = opposite ends on every shared axis, 1 = same values; "
                              "+/- curated links agree/contradict", caption_justify="left")
        for r in data["nearest"]:
            table.add_row(Text(r["paper"], style="bold"), Text(_neighbours(r["nearest"])),
                          Text(_neighbours(r["farthest"])))
        console.print(Fitted(table, keep=(0,)))
        return
    # Too narrow for an id over every column: number the columns, and the rows alike.
    numbered = console.width < sum(len(p) + 3 for p in data["papers"]) + max(map(len, data["papers"]), default=0)
    table = Table("", *(str(i) if numbered else p for i, p in enumerate(data["papers"], 1)), box=box.SIMPLE_HEAD,
                  title="Agreement across shared axes",
                  caption="0 = opposite ends on every shared axis, 1 = same values; +/- curated links agree/contradict",
                  caption_justify="left")
    for i, (pid, row) in enumerate(zip(data["papers"], data["cells"]), 1):
        cells = []
        for cell in row:
            if cell is None or cell["agreement"] is None:
                cells.append(Text("·", style="dim"))
                continue
            # A heat scale from red (disagree) through yellow to green (agree).
            g = cell["agreement"]
            colour = f"rgb({int(255 * min(1, 2 - 2 * g))},{int(255 * min(1, 2 * g))},60)"
            cells.append(Text(f" {_cell(cell)} ", style=f"black on {colour}"))
        table.add_row(Text(f"{i} {pid}" if numbered else pid, style="bold"), *cells)
    console.print(Fitted(table, keep=(0,)))


# --- tensions --------------------------------------------------------------------

def tensions_plain(data: TensionsData) -> Iterator[str]:
    for p in data["papers"]:
        yield f"{p['paper']}: {len(p['recorded']) + len(p['against_positions'])} recorded, {len(p['detected'])} detected"
        for t in p["recorded"]:
            yield f"  recorded {t['a']['id']} vs {t['b']['id']}: {one_line(t['note'])}"
            for c in (t["a"], t["b"]):
                yield "    " + _claim_line(c)
                yield "      " + _quote_line(c)
        for a in p["against_positions"]:
            yield f"  recorded {a['b']['id']} vs the position on {a['axis']} ({a['a']['position']}): {one_line(a['note'])}"
            yield "    " + _claim_line(a["b"])
            yield "      " + _quote_line(a["b"])
        for d in p["detected"]:
            yield f"  detected {d['kind']} on {d['axis']}: {one_line(d['note'])}"
            for c in ((d["a"], d["b"]) if d["kind"] == "opposite_leans" else (d["b"],)):
                yield "    " + _claim_line(c)
                yield "      " + _quote_line(c)
    yield f"{data['recorded']} recorded tensions, {data['detected']} detected candidates"


def tensions_rich(data: TensionsData, console: Any) -> None:
    from rich.text import Text

    for p in data["papers"]:
        recorded = len(p["recorded"]) + len(p["against_positions"])
        console.print(Text.assemble((p["paper"], "bold cyan"), f"  {recorded} recorded, {len(p['detected'])} detected"))
        for t in p["recorded"]:
            console.print(Text.assemble("  ", ("recorded ", "magenta"), (f"{t['a']['id']} ⟷ {t['b']['id']}", "bold"),
                                        "  ", t["note"]))
            for c in (t["a"], t["b"]):
                console.print(Text("    ") + _claim_text(c))
        for a in p["against_positions"]:
            console.print(Text.assemble("  ", ("recorded ", "magenta"),
                                        (f"{a['b']['id']} ⟷ {a['axis']} = {a['a']['position']}", "bold"), "  ", a["note"]))
            console.print(Text("    ") + _claim_text(a["b"]))
        for d in p["detected"]:
            console.print(Text.assemble("  ", (f"detected {d['kind']} ", "yellow"), (d["axis"], "bold"), "  ",
                                        d["note"]))
            for c in ((d["a"], d["b"]) if d["kind"] == "opposite_leans" else (d["b"],)):
                console.print(Text("    ") + _claim_text(c))
    console.print(Text(f"{data['recorded']} recorded tensions, {data['detected']} detected candidates", style="bold"))
