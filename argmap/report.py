"""The whole corpus as ONE offline HTML file: trees, axes, agreement, tensions, links.

Built from the same plain data as the terminal commands (`views`,
`compare.*`), so the report and `argmap compare/matrix/tensions` never
disagree. Self-contained by construction: inline CSS and inline SVG only,
no script, no URL to fetch, and a Content-Security-Policy that forbids
both (see `export.html`). Every map text goes through `esc`.
"""

from __future__ import annotations

from typing import Any, Iterable

from .exporters.html import CSS, authors_line, claim_anchor, esc, page, paper_anchor, tree_html
from .model import Axis, Corpus, Paper
from .outputs import Cell, CompareRow, MatrixData, MatrixNeighbour

SECTIONS = [("papers", "Papers"), ("alignment", "Alignment"), ("balancing", "Balancing"),
            ("matrix", "Agreement"), ("tensions", "Tensions"), ("links", "Links"), ("readings", "Readings")]

REPORT_CSS = CSS + """
header { border-bottom: 2px solid var(--line); margin-bottom: 1rem; }
nav ul { display: flex; flex-wrap: wrap; gap: .3rem 1rem; list-style: none; padding: 0; }
section { margin: 2rem 0; }
details.paper { border: 1px solid var(--line); border-radius: .4rem; padding: .3rem .8rem; margin: .8rem 0; }
details.paper > summary h3 { display: inline; font-size: 1.1rem; }
svg.axis { width: 100%; height: auto; max-width: 60rem; display: block; }
svg.axis text { font: 12px system-ui, sans-serif; fill: #1b1b1b; }
svg.axis .tick { font-size: 13px; font-weight: 600; }
td.cell { text-align: center; white-space: nowrap; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
td.cell small { display: block; color: #444; font-size: .75rem; white-space: normal; }
td.note { min-width: 16rem; font-size: .9rem; }
.rel { font-weight: 600; } .rel.contradicts { color: var(--con); } .rel.agrees, .rel.same { color: var(--pro); }
.rel.refines { color: #0969da; }
ul.plain { padding-left: 1.2rem; } ul.plain > li { margin-bottom: .5rem; }
@media (max-width: 600px) { td.note { min-width: 12rem; } details.paper { padding: .2rem .4rem; } }
"""


def render_report(corpus: Corpus) -> str:
    """The report as one HTML document."""
    papers = corpus.chronological()
    body = "".join([
        header_html(corpus, papers),
        section("papers", "Papers and their argument trees", "".join(paper_html(corpus, p) for p in papers)),
        section("alignment", "Alignment axis", alignment_html(corpus)),
        section("balancing", "Balancing: paper × actor", balancing_html(corpus)),
        section("matrix", "Agreement matrix", matrix_html(corpus)),
        section("tensions", "Tensions within papers", tensions_html(corpus, papers)),
        section("links", "Links between papers", links_html(corpus)),
        section("readings", "Second readings (argmap agree)", readings_html(corpus)),
    ])
    return page("argmap report", body, REPORT_CSS)


def section(anchor: str, title: str, content: str) -> str:
    return f"<section id=\"{anchor}\">\n<h2>{esc(title)}</h2>\n{content}</section>\n"


def table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A scrollable table; `head` is plain text, row cells are ready HTML (`<td>`...)."""
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    trs = "".join(f"<tr>{''.join(r)}</tr>\n" for r in rows)
    return f"<div class=\"scroll\"><table>\n<thead><tr>{th}</tr></thead>\n<tbody>\n{trs}</tbody></table></div>\n"


def td(text: object, cls: str = "", style: str = "", title: str = "") -> str:
    attrs = (f" class=\"{cls}\"" if cls else "") + (f" style=\"{style}\"" if style else "")
    attrs += f" title=\"{esc(title)}\"" if title else ""
    return f"<td{attrs}>{text}</td>"


def fmt(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:+d}" if value else "0"
    return "—" if value is None else str(value)


def paper_link(paper_id: str) -> str:
    return f"<a href=\"#{esc(paper_anchor(paper_id))}\"><code>{esc(paper_id)}</code></a>"


def ref_html(ref: str, text: str = "") -> str:
    """A link to a claim of the report, `paper#claim`, with its text after it."""
    paper_id, _, claim_id = ref.partition("#")
    link = f"<a href=\"#{esc(claim_anchor(paper_id, claim_id))}\"><code>{esc(ref)}</code></a>"
    return link + (f" {esc(text)}" if text else "")


# --- header and papers -------------------------------------------------------

def header_html(corpus: Corpus, papers: list[Paper]) -> str:
    from .views import headline_addresses

    claims = sum(1 for p in papers for _ in p.claims())
    headline = headline_addresses(corpus)
    summary = (f"{len(papers)} papers · {claims} claims · {len(corpus.links)} links · {len(corpus.axes)} axes · "
               f"corpus {corpus.root.name} ({corpus.origin})")
    rows = [[td(paper_link(p.id)), td(esc(", ".join(p.authors))),
             td(esc(p.year)), *[td(esc(fmt(position_value(p, a)))) for a in headline], td(esc(p.title))]
            for p in papers]
    nav = "".join(f"<li><a href=\"#{a}\">{esc(t)}</a></li>" for a, t in SECTIONS)
    return (f"<header>\n<h1>Argument map report</h1>\n<p class=\"meta\">{esc(summary)}</p>\n"
            f"<nav><ul>{nav}</ul></nav>\n</header>\n"
            + table(["paper", "authors", "year", *headline, "title"], rows))


def position_value(paper: Paper, address: str) -> Any:
    position = paper.positions.get(address)
    return position.value if position is not None and position.stated else None


def paper_html(corpus: Corpus, paper: Paper) -> str:
    rows = []
    for address in corpus.addresses:
        position = paper.positions.get(address)
        if position is None or not position.stated:
            continue
        axis, _ = corpus.axis_of(address)
        evidence = ", ".join(position.evidence)
        value = f"{fmt(position.value)} · {axis.label(position.value)}"
        rows.append([td(f"<code>{esc(address)}</code>"), td(esc(value)), td(esc(evidence)),
                     td(esc(position.note), "note")])
    positions = (f"<details open><summary>Positions ({len(rows)})</summary>\n"
                 + table(["axis", "value", "evidence", "note"], rows) + "</details>\n") if rows else ""
    return (f"<details class=\"paper\" open id=\"{esc(paper_anchor(paper.id))}\">"
            f"<summary><h3>{esc(paper.title)}</h3></summary>\n"
            f"<p class=\"meta\"><code>{esc(paper.id)}</code> · {authors_line(paper)}</p>\n"
            f"{positions}{tree_html(paper)}</details>\n")


# --- axes ----------------------------------------------------------------------

def missing_axis(axis_id: str) -> str:
    return f"<p class=\"muted\">{esc(f'This corpus has no axis {axis_id!r} in axes.yaml.')}</p>\n"


def alignment_html(corpus: Corpus) -> str:
    if "alignment" not in corpus.axes:
        return missing_axis("alignment")
    from .compare import compare_axis

    data = compare_axis(corpus, "alignment")
    axis = corpus.axes["alignment"]
    key = (data["keys"] or [axis.id])[0]
    placed = [(r, r["positions"][key]) for r in data["papers"]]
    silent = [r["paper"] for r, p in placed if not p["stated"]]
    legend = "".join(f"<li><b>{esc(fmt(v.value))}</b> {esc(v.label)}</li>" for v in axis.values)
    rows = [[td(paper_link(r["paper"])),
             td(esc(fmt(p["value"]) if p["stated"] else "unstated")), td(esc(p["note"]), "note")] for r, p in placed]
    return (f"<p>{esc(axis.question)}</p>\n{number_line(axis, placed)}"
            + (f"<p class=\"muted\">Unstated: {esc(', '.join(silent))}</p>\n" if silent else "")
            + f"<ul class=\"plain\">{legend}</ul>\n" + table(["paper", "value", "note"], rows))


def number_line(axis: Axis, placed: list[tuple[CompareRow, Cell]]) -> str:
    """An inline SVG scale with one marker per stating paper, stacked where papers share a value."""
    width, margin, step = 800, 70, 22
    ids = axis.value_ids
    gap = (width - 2 * margin) / max(1, len(ids) - 1)
    stacks: dict[Any, list[str]] = {v: [] for v in ids}
    for row, position in placed:
        if position["stated"] and position["value"] in stacks:
            stacks[position["value"]].append(row["paper"])
    base = 30 + step * max([len(s) for s in stacks.values()] + [1])
    parts = [f"<line x1=\"{margin - 20}\" y1=\"{base}\" x2=\"{width - margin + 20}\" y2=\"{base}\" "
             "stroke=\"#57606a\" stroke-width=\"2\"/>"]
    for i, value in enumerate(ids):
        x = round(margin + i * gap, 1)
        parts.append(f"<line x1=\"{x}\" y1=\"{base - 6}\" x2=\"{x}\" y2=\"{base + 6}\" "
                     "stroke=\"#57606a\" stroke-width=\"2\"/>"
                     f"<text class=\"tick\" x=\"{x}\" y=\"{base + 24}\" text-anchor=\"middle\">"
                     f"{esc(fmt(value))}</text>")
        for k, paper_id in enumerate(stacks[value]):
            y = base - step * (k + 1)
            parts.append(f"<g><title>{esc(f'{paper_id}: {fmt(value)} {axis.label(value)}')}</title>"
                         f"<circle cx=\"{x}\" cy=\"{y}\" r=\"6\" fill=\"#0969da\"/>"
                         f"<text x=\"{x + 10}\" y=\"{y + 4}\">{esc(paper_id)}</text></g>")
    low, high = axis.values[0], axis.values[-1]
    parts.append(f"<text x=\"{margin - 20}\" y=\"{base + 44}\">{esc(low.label)}</text>"
                 f"<text x=\"{width - margin + 20}\" y=\"{base + 44}\" text-anchor=\"end\">{esc(high.label)}</text>")
    label = f"{axis.title}: papers placed on the scale from {fmt(low.value)} to {fmt(high.value)}"
    return (f"<svg class=\"axis\" viewBox=\"0 0 {width} {base + 56}\" role=\"img\" aria-label=\"{esc(label)}\">\n"
            + "\n".join(parts) + "\n</svg>\n")


def value_colour(axis: Axis, value: Any) -> str:
    """Blue at the low end of an ordered scale, through purple (a mix), to red at the high end; grey when silent."""
    rank = axis.rank(value) if value is not None else None
    if rank is None:
        return "#eaeef2"
    hue = round(210 + 150 * rank / max(1, len(axis.values) - 1))
    return f"hsl({hue % 360} 70% 86%)"


def balancing_html(corpus: Corpus) -> str:
    if "balancing" not in corpus.axes:
        return missing_axis("balancing")
    from .compare import compare_axis

    data = compare_axis(corpus, "balancing")
    axis = corpus.axes["balancing"]
    rows = []
    for r in data["papers"]:
        cells = [td(paper_link(r["paper"]))]
        for key in data["keys"]:
            p = r["positions"][key]
            value = p["value"] if p["stated"] else None
            text = f"{esc(fmt(value))}<small>{esc(p['label'])}</small>"
            cells.append(td(text, "cell", f"background:{value_colour(axis, value)}", p["note"]))
        rows.append(cells)
    legend = "".join(f"<td class=\"cell\" style=\"background:{value_colour(axis, v.value)}\">{esc(fmt(v.value))}"
                     f"<small>{esc(v.label)}</small></td>" for v in axis.values)
    return (f"<p>{esc(axis.question)}</p>\n" + table(["paper", *data["keys"]], rows)
            + f"<div class=\"scroll\"><table class=\"legend\"><tr><th>scale</th>{legend}</tr></table></div>\n")


# --- agreement, tensions, links ----------------------------------------------

def agreement_colour(score: float | None) -> str:
    """Red (0, opposite ends) through yellow to green (1, same values)."""
    return "#eaeef2" if score is None else f"hsl({round(120 * score)} 65% 80%)"


def matrix_html(corpus: Corpus) -> str:
    from .compare import matrix

    data = matrix(corpus)
    if data["cells"] is None:  # past a few dozen papers a papers² grid is unreadable (and huge)
        return nearest_html(data)
    rows = []
    for paper_id, cells in zip(data["papers"], data["cells"]):
        row = [td(f"<code>{esc(paper_id)}</code>")]
        for cell in cells:
            if cell is None:
                row.append(td("—", "cell"))
                continue
            score = cell["agreement"]
            links = f"links +{cell['links_agree']} −{cell['links_contradict']} ~{cell['links_refine']}"
            tip = f"{cell['converge']} same, {cell['diverge']} different of {cell['shared_axes']} shared axes"
            row.append(td(f"{esc('n/a' if score is None else f'{score:.2f}')}<small>{esc(links)}</small>", "cell",
                          f"background:{agreement_colour(score)}", tip))
        rows.append(row)
    return ("<p>Mean agreement of the positions both papers state (1 = same values, 0 = opposite ends), "
            "and the curated links between them (+ agree, − contradict, ~ refine).</p>\n"
            + table(["", *data["papers"]], rows))


def nearest_html(data: MatrixData) -> str:
    """Each paper's most and least agreeing papers: a bounded stand-in for the grid."""
    def cells(found: list[MatrixNeighbour]) -> str:
        return td(", ".join(paper_link(c["paper"]) + " " + esc(f"{c['agreement']:.2f}") for c in found))

    rows = [[td(paper_link(r["paper"])), cells(r["nearest"]), cells(r["farthest"])] for r in data.get("nearest", [])]
    return (f"<p>{len(data['papers'])} papers: for each, the papers whose stated positions agree most and least "
            "with its own (mean agreement over the addresses both state, 1 = same values).</p>\n"
            + table(["paper", "agrees most with", "agrees least with"], rows))


def tensions_html(corpus: Corpus, papers: list[Paper]) -> str:
    from .compare import tensions

    data = tensions(corpus, papers)
    out = [f"<p>{data['recorded']} recorded by the encoders, "
           f"{data['detected']} detected from positions and leans.</p>\n"]
    for p in data["papers"]:
        if not p["recorded"] and not p["detected"]:
            continue
        pid = p["paper"]
        recorded = "".join(f"<li>{esc(t['note'])}<br>{ref_html(pid + '#' + t['a']['id'], t['a']['text'])}<br>"
                           f"{ref_html(pid + '#' + t['b']['id'], t['b']['text'])}</li>\n" for t in p["recorded"])
        detected = "".join(f"<li><code>{esc(t['axis'])}</code> {esc(t['note'])}</li>\n" for t in p["detected"])
        out.append(f"<h3><code>{esc(pid)}</code></h3>\n"
                   + (f"<h4>Recorded</h4>\n<ul class=\"plain\">\n{recorded}</ul>\n" if recorded else "")
                   + (f"<details open><summary>Detected ({len(p['detected'])})</summary>\n"
                      f"<ul class=\"plain\">\n{detected}</ul></details>\n" if detected else ""))
    return "".join(out)


def links_html(corpus: Corpus) -> str:
    if not corpus.links:
        return "<p class=\"muted\">No links between papers (links.yaml).</p>\n"
    rows = []
    for link in corpus.links:
        ends = [corpus.claim(ref) for ref in (link.a, link.b)]
        texts = [found[1].text if found else "" for found in ends]
        rows.append([td(ref_html(link.a, texts[0])), td(esc(link.relation), f"rel {esc(link.relation)}"),
                     td(ref_html(link.b, texts[1])), td(esc(link.note), "note")])
    return table(["claim", "relation", "claim", "note"], rows)


def readings_html(corpus: Corpus) -> str:
    """Each reading shipped in the corpus's readings/ folder against the maps, as `argmap agree` reports it."""
    from .compare.agree import shipped_agreement
    from .verify import optional_sources

    from .errors import InputError

    try:
        results = shipped_agreement(corpus, optional_sources())
    except InputError as e:  # a reading that no longer fits the maps: say so, the rest of the report stands
        return (f"<p class=\"muted\">A reading in readings/ does not fit these maps ({len(e.problems)} problems, "
                f"the first: {esc(e.problems[0])}); run argmap agree to see them all.</p>\n")
    if not results:
        return "<p class=\"muted\">No second reading ships with this corpus (readings/, see docs/readings.md).</p>\n"
    out = []
    for data in results:
        o = data["overall"]
        share = "n/a" if o["exact"] is None else f"{o['exact']:.2f}"
        out.append(f"<h3>{esc(data['a']['name'])} vs <code>{esc(data['b']['name'])}</code></h3>\n"
                   f"<p>{o['stated']} cells both state, {share} in exact agreement, {o['contested']} contested.</p>\n")
        out.append(table(["address", "cells", "exact", "within one", "alpha", "contested"], [
            [td(f"<code>{esc(a['address'])}</code>"), td(esc(a["stated"])),
             *[td(esc("—" if a[k] is None else f"{a[k]:.2f}")) for k in ("exact", "within_one", "alpha")],
             td(esc(a["contested"]))] for a in data["axes"]]))
        if data["contested"]:
            out.append(table(["paper", "address", "maps", data["b"]["name"]], [
                [td(paper_link(c["paper"])), td(f"<code>{esc(c['address'])}</code>"),
                 *[td(f"{esc(fmt(c[side]['value']))}<small>{esc(', '.join(c[side]['evidence']))}</small>", "note")
                   for side in ("a", "b")]] for c in data["contested"]]))
    return "".join(out)
