"""Terminal renderings of `agree`: agreement per axis, claim counterparts per paper, contested cells."""

from __future__ import annotations

from typing import Any, Iterator

from . import columns, one_line, plural
from .papers import fmt_value


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}" if abs(x) < 10 else str(x)


def _recorded(r: dict[str, Any]) -> str:
    if r["both"] is None:
        missing = [side for side in ("a", "b") if r[side] is None]
        return f"not compared ({' and '.join(s.upper() for s in missing)} records none)"
    return f"{r['both']} of A's {r['a']} also in B's {r['b']}"


def _head(data: dict[str, Any]) -> list[str]:
    a, b = data["a"], data["b"]
    papers = data["papers"]
    by_source = sum(1 for p in papers if p["matched_by"] == "source")
    lines = [f"A {a['name']} ({a['kind']}, {plural(a['papers'], 'paper')})",
             f"B {b['name']} ({b['kind']}, {plural(b['papers'], 'paper')})",
             f"papers: {len(papers)} matched" + (f" ({by_source} by source)" if by_source else "")
             + "".join(f"; only {s.upper()}: {', '.join(data['unmatched'][s])}" for s in ("a", "b")
                       if data["unmatched"][s])]
    if data["skipped_axes"]:
        lines.append(f"axes not compared (defined differently or only in A): {', '.join(data['skipped_axes'])}")
    return lines


def _axis_rows(data: dict[str, Any]) -> list[list[str]]:
    rows = [["axis", "cells", "exact", "within 1", "alpha", "level", "contested"]]
    for s in data["axes"]:
        pooled = "." not in s["address"] and any(x["address"].startswith(s["address"] + ".") for x in data["axes"])
        name = f"{s['address']} (all)" if pooled else s["address"]
        rows.append([name, str(s["stated"]) + (f"+{s['one_sided']}" if s["one_sided"] else ""), _num(s["exact"]),
                     _num(s["within_one"]), _num(s["alpha"]), s["level"], str(s["contested"])])
    o = data["overall"]
    rows.append(["all cells", str(o["stated"]), _num(o["exact"]), "", "", "", str(o["contested"])])
    return rows


def _paper_line(p: dict[str, Any]) -> str:
    c = p["claims"]
    name = p["a"] if p["a"] == p["b"] else f"{p['a']} ~ {p['b']}"
    pairs = ", ".join(f"{x['a']}~{x['b']} ({x['how']} {x['score']:.2f})" for x in c["pairs"])
    if c["same"] == c["a"]:  # B holds A's claims unchanged (a reading over the same maps), plus its own
        added = c["b"] - c["same"]
        parts = [f"claims: A's {c['a']}, and {plural(added, 'new claim')} in B"]
        if c["pairs"]:
            parts.append(f"{len({x['b'] for x in c['pairs']})} with a counterpart in A: {pairs}")
        if c["only_b"]:
            parts.append(f"no counterpart: {', '.join(c['only_b'])}")
    else:
        parts = [f"claims: {c['with_counterpart']} of A's {c['a']} have a counterpart in B's {c['b']}"
                 + (f" ({c['same']} identical)" if c["same"] else "")]
        if c["pairs"]:
            parts.append(f"counterparts: {pairs}")
        if c["only_b"]:
            parts.append(f"only B: {', '.join(c['only_b'])}")
    if not c["by_source"]:
        parts.append("no source text: matched by text similarity")
    parts.append(f"tensions: {_recorded(p['tensions'])}")
    return f"{name}  " + "; ".join(parts)


def _cell_lines(side: str, cell: dict[str, Any]) -> Iterator[str]:
    note = f"  ({one_line(cell['note'])})" if cell["note"] else ""
    yield f"  {side} {fmt_value(cell['value'])}  evidence: {', '.join(cell['evidence']) or '—'}{note}"
    for c in cell["claims"]:
        yield f"    {c['id']}: {one_line(c['text'])}"
        yield f"      \"{one_line(c['quote'])}\" ({one_line(c['locator'])})" if c["quote"] else f"      ({one_line(c['locator'])})"


def agree_plain(data: dict[str, Any]) -> Iterator[str]:
    yield from _head(data)
    yield ""
    yield from columns(_axis_rows(data))
    yield ""
    for p in data["papers"]:
        yield _paper_line(p)
    yield f"links: {_recorded(data['links'])}"
    yield ""
    yield f"contested: {plural(len(data['contested']), 'cell')}"
    for cell in data["contested"]:
        step = f"  (distance {cell['distance']})" if cell["distance"] is not None else ""
        yield f"{cell['paper']}  {cell['address']}: A {fmt_value(cell['a']['value'])} vs B {fmt_value(cell['b']['value'])}{step}"
        yield from _cell_lines("A", cell["a"])
        yield from _cell_lines("B", cell["b"])


def agree_rich(data: dict[str, Any], console: Any) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .layout import Fitted

    for line in _head(data):
        console.print(Text(line))
    rows = _axis_rows(data)
    table = Table(*rows[0], box=box.SIMPLE_HEAD)
    for row in rows[1:]:
        style = "bold" if row[0] == "all cells" else "red" if row[-1] != "0" else ""
        table.add_row(*row, style=style)
    console.print(Fitted(table, keep=(0,)))
    for p in data["papers"]:
        console.print(Text(_paper_line(p)))
    console.print(Text(f"links: {_recorded(data['links'])}"))
    console.print(Text(f"\ncontested: {plural(len(data['contested']), 'cell')}", style="bold"))
    for cell in data["contested"]:
        step = f"  (distance {cell['distance']})" if cell["distance"] is not None else ""
        console.print(Text.assemble((f"{cell['paper']} {cell['address']}", "bold"), ": A ",
                                    (fmt_value(cell["a"]["value"]), "cyan"), " vs B ",
                                    (fmt_value(cell["b"]["value"]), "magenta"), step))
        for side in ("a", "b"):
            for line in _cell_lines(side.upper(), cell[side]):
                console.print(Text(line, style="" if line.startswith(f"  {side.upper()} ") else "dim"))
