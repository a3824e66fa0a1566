"""The whole corpus as ONE offline HTML file: the comparisons first, then the trees.

Built from the same plain data as the terminal commands (`compare_axis`,
`matrix`, `diff --axis`, `tensions`, `agree`), so the report and the
commands never disagree, and from `Html` templates only (see
`exporters.html`), so map text is escaped by construction. No axis is named
here: each axis of axes.yaml gets a section drawn from its shape (a number
line per address of an ordered axis, papers grouped by value on an
unordered one, a paper × subject grid for both), and every coded value
shows its evidence tally and flag, as `compare` does.

Self-contained: inline CSS, inline SVG and one inline script (the filter
box), which the Content-Security-Policy allows by its hash and nothing else.
Bounded for large corpora: the matrix shows each paper's nearest and
farthest past 40 papers, a pair section is written for at most `PAIRS_MAX`
of the pairs it shows, and trees for the first `TREES_MAX` papers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .exporters.html import CSS, Html, authors_line, claim_anchor, join, page, paper_anchor, tree_html
from .model import Axis, Corpus, Link, Paper
from .outputs import Cell, CompareData, EvidenceProfile, MatrixCell, MatrixData, MatrixNeighbour
from .compare.matrix import GRID_MAX
from .render.papers import flag_text, fmt_tally, fmt_value

TREES_MAX = 50  # papers whose trees the report holds (about 25 kB each at 50 claims); the rest are listed
PAIRS_MAX = 800  # pair sections; the full grid (40 papers) has 780 pairs
STACK_MAX = 12  # papers named on one value of a number line or value list; the rest are counted

REPORT_CSS = CSS + """
header { border-bottom: 2px solid var(--line); margin-bottom: 1rem; }
nav ul { display: flex; flex-wrap: wrap; gap: .3rem 1rem; list-style: none; padding: 0; }
section { margin: 2rem 0; }
section.pair { margin: 1rem 0; border-top: 1px solid var(--line); }
.filter { position: sticky; top: 0; background: #fff; padding: .4rem 0; z-index: 1; }
.filter input { font: inherit; width: min(30rem, 100%); padding: .2rem .4rem; }
details.paper { border: 1px solid var(--line); border-radius: .4rem; padding: .3rem .8rem; margin: .8rem 0; }
details.paper > summary h3 { display: inline; font-size: 1.1rem; }
svg.axis { width: 100%; height: auto; max-width: 60rem; display: block; }
svg.axis text { font: 12px system-ui, sans-serif; fill: #1b1b1b; }
svg.axis .tick { font-size: 13px; font-weight: 600; }
td.cell { text-align: center; white-space: nowrap; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
td.cell a { color: inherit; }
td small, li small { display: block; color: #444; font-size: .75rem; white-space: normal; }
.flag { color: var(--con); font-weight: 600; }
td.note { min-width: 16rem; font-size: .9rem; }
.rel { font-weight: 600; } .rel.contradicts { color: var(--con); } .rel.agrees, .rel.same { color: var(--pro); }
.rel.refines { color: #0969da; }
ul.plain { padding-left: 1.2rem; } ul.plain > li { margin-bottom: .5rem; }
@media (max-width: 600px) { td.note { min-width: 12rem; } details.paper { padding: .2rem .4rem; } }
"""

# The filter box: an element marked data-filter (a table row, list item, claim, paper, pair section)
# stays shown when its text, with all it holds and the own text of the marked elements around it,
# has every word typed: a claim found shows the claims under it and the paper above it, and a paper
# found by its id shows its whole tree. `#filter=words` in the address filters on load, so a filtered
# view can be linked. The box is `hidden` in the HTML and shown by the script: only where it works.
FILTER_JS = r"""(function () {
  var box = document.getElementById("filter");
  var count = document.getElementById("filter-count");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var texts = null;
  function searchable() {
    var index = new Map(items.map(function (el, i) { return [el, i]; }));
    var own = items.map(function () { return ""; });
    var walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (var node = walk.nextNode(); node; node = walk.nextNode()) {
      var at = node.parentElement.closest("[data-filter]");
      if (at) { own[index.get(at)] += " " + node.data; }
    }
    var around = [];
    return items.map(function (el, i) {
      var up = el.parentElement.closest("[data-filter]");
      around[i] = up ? around[index.get(up)] + own[index.get(up)] : "";
      return (around[i] + " " + el.textContent).toLowerCase();
    });
  }
  function apply(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    texts = texts || searchable();
    var shown = 0;
    items.forEach(function (el, i) {
      el.hidden = !words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      shown += el.hidden ? 0 : 1;
    });
    count.textContent = words.length ? shown + " of " + items.length + " shown" : "";
  }
  function fromAddress() {
    var m = /^#filter=(.*)$/.exec(location.hash);
    if (m) { box.value = decodeURIComponent(m[1].replace(/\+/g, " ")); apply(box.value); }
  }
  box.closest(".filter").hidden = false;
  box.addEventListener("input", function () { apply(box.value); });
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
"""


@dataclass
class Report:
    """What the sections share, computed once: the axes compared, the matrix, which pairs and trees are shown."""

    corpus: Corpus
    papers: list[Paper]
    axes: dict[str, CompareData]
    cells: dict[tuple[str, str], Cell]  # (paper, address) -> its cell in `axes`
    matrix: MatrixData
    pairs: list[tuple[str, str]]  # the pair sections, earlier paper first, in the papers' order
    pairs_shown: int  # the pairs the matrix shows (`pairs` holds at most PAIRS_MAX of them)
    trees: set[str]  # papers whose trees are in the report

    @classmethod
    def build(cls, corpus: Corpus) -> Report:
        from .compare import compare_axis, matrix
        from .compare.evidence import voiced_leans

        papers = corpus.chronological()
        leans = {p.id: voiced_leans(p) for p in papers}  # each paper read once for every axis
        axes = {a: compare_axis(corpus, a, leans=leans) for a in corpus.axes}
        cells = {(r["paper"], f"{a}.{key}" if corpus.axes[a].subjects else a): c
                 for a, data in axes.items() for r in data["papers"] for key, c in r["positions"].items()}
        data = matrix(corpus)
        shown = shown_pairs(data)
        order = {p.id: i for i, p in enumerate(papers)}
        pairs = sorted(shown[:PAIRS_MAX], key=lambda pair: (order[pair[0]], order[pair[1]]))
        return cls(corpus, papers, axes, cells, data, pairs, len(shown), {p.id for p in papers[:TREES_MAX]})

    def __post_init__(self) -> None:
        self._pair_anchors = {frozenset(pair): pair_anchor(*pair) for pair in self.pairs}

    def pair_link(self, a: str, b: str, content: Html) -> Html:
        """`content` linked to the pair's diff section, when the report has one."""
        anchor = self._pair_anchors.get(frozenset((a, b)))
        return Html("<a href=\"#{}\">{}</a>").format(anchor, content) if anchor else content

    def ref(self, ref: str, text: str = "") -> Html:
        """`paper#claim` linked to the claim's place in its tree, or to the paper when its tree is left out."""
        paper_id, _, claim_id = ref.partition("#")
        target = claim_anchor(paper_id, claim_id) if paper_id in self.trees else paper_anchor(paper_id)
        link = Html("<a href=\"#{}\"><code>{}</code></a>").format(target, ref)
        return link + Html(" {}").format(text) if text else link


def shown_pairs(data: MatrixData) -> list[tuple[str, str]]:
    """The pairs the matrix shows, each once: the grid's every pair, or, round by round, each paper's next
    nearest and next farthest (so a bound keeps everyone's closest and farthest first)."""
    ids = data["papers"]
    if data["cells"] is not None:
        return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    order = {p: i for i, p in enumerate(ids)}
    seen: dict[frozenset[str], tuple[str, str]] = {}
    rows = data.get("nearest", [])
    for k in range(max((len(r["nearest"]) + len(r["farthest"]) for r in rows), default=0)):
        for r in rows:
            both = [x for pair in zip(r["nearest"], r["farthest"]) for x in pair] + r["nearest"][len(r["farthest"]):]
            if k < len(both):
                a, b = sorted((r["paper"], both[k]["paper"]), key=order.__getitem__)
                seen.setdefault(frozenset((a, b)), (a, b))
    return list(seen.values())


def pair_anchor(a: str, b: str) -> str:
    """`pair:A:B`, A the earlier paper in the report's order (the order `pairs` keeps)."""
    return f"pair:{a}:{b}"


def render_report(corpus: Corpus) -> str:
    """The report as one HTML document."""
    report = Report.build(corpus)
    axes = [(f"axis:{a.id}", a.title, axis_html(report, a)) for a in corpus.axes.values()]
    sections = [
        *axes,
        ("matrix", "Agreement matrix", matrix_html(report)),
        ("pairs", "Pairs compared", pairs_html(report)),
        ("tensions", "Tensions within papers", tensions_html(report)),
        ("links", "Links between papers", links_html(report)),
        ("readings", "Second readings (argmap agree)", readings_html(report)),
        ("papers", "Papers and their argument trees", papers_html(report)),
    ]
    body = header_html(report, [(anchor, title) for anchor, title, _ in sections])
    body += join(Html("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n").format(*s) for s in sections)
    return page("argmap report", body, REPORT_CSS, scripts=(FILTER_JS,))


# --- building blocks -------------------------------------------------------------

def table(head: Iterable[str], rows: Iterable[Iterable[Html]], cls: str = "") -> Html:
    """A scrollable table; `head` is plain text, each row's cells are `td` elements; rows are filterable."""
    th = join(Html("<th>{}</th>").format(h) for h in head)
    trs = join(Html("<tr data-filter>{}</tr>\n").format(join(r)) for r in rows)
    return Html("<div class=\"scroll\"><table{}>\n<thead><tr>{}</tr></thead>\n<tbody>\n{}</tbody></table></div>\n").format(
        Html(" class=\"{}\"").format(cls) if cls else "", th, trs)


def td(content: object, cls: str = "", style: str = "", title: str = "") -> Html:
    attrs = join(Html(" {}=\"{}\"").format(name, value)
                 for name, value in (("class", cls), ("style", style), ("title", title)) if value)
    return Html("<td{}>{}</td>").format(attrs, content)


def paper_link(paper_id: str) -> Html:
    return Html("<a href=\"#{}\"><code>{}</code></a>").format(paper_anchor(paper_id), paper_id)


def coded(value: Any, profile: EvidenceProfile | None) -> Html:
    """A coded value with its evidence tally and, when flagged, '!' and why: `mostly_hard (hard 6 · soft 3) !`."""
    if profile is None:
        return Html("{}").format(fmt_value(value))
    flag = Html(" <span class=\"flag\" title=\"{}\">!</span>").format(flag_text(profile)[2:]) if profile["flagged"] else ""
    return Html("{} <small>({}){}</small>").format(fmt_value(value), fmt_tally(profile), flag)


def cell_html(cell: Cell) -> Html:
    return coded(cell["value"], cell["profile"]) if cell["stated"] else Html("unstated")


def value_colour(axis: Axis, value: Any) -> str:
    """Blue at the low end of an ordered scale, through purple (a mix), to red at the high end; grey when silent
    or unordered."""
    rank = axis.rank(value) if value is not None else None
    if rank is None:
        return "#eaeef2"
    hue = round(210 + 150 * rank / max(1, len(axis.values) - 1))
    return f"hsl({hue % 360} 70% 86%)"


def counted(papers: list[str], limit: int = STACK_MAX) -> tuple[list[str], int]:
    """The first `limit` papers, and how many more there are."""
    return papers[:limit], max(0, len(papers) - limit)


# --- header ------------------------------------------------------------------------

def header_html(report: Report, sections: list[tuple[str, str]]) -> Html:
    from .views import headline_addresses

    corpus, papers = report.corpus, report.papers
    claims = sum(1 for p in papers for _ in p.claims())
    headline = headline_addresses(corpus)
    summary = (f"{len(papers)} papers · {claims} claims · {len(corpus.links)} links · {len(corpus.axes)} axes · "
               f"corpus {corpus.root.name} ({corpus.origin})")
    rows = [[td(paper_link(p.id)), td(", ".join(p.authors)), td(p.year),
             *[td(cell_html(report.cells[p.id, a])) for a in headline], td(p.title)] for p in papers]
    nav = join(Html("<li><a href=\"#{}\">{}</a></li>").format(a, t) for a, t in sections)
    return Html(
        "<header>\n<h1>Argument map report</h1>\n<p class=\"meta\">{}</p>\n<nav><ul>{}</ul></nav>\n</header>\n"
        "<p class=\"filter\" hidden><label>Filter <input type=\"search\" id=\"filter\" "
        "placeholder=\"paper, author or words of a claim\"></label> <output id=\"filter-count\"></output></p>\n"
        "<details{}><summary>The papers ({})</summary>\n{}</details>\n").format(
        summary, nav, Html(" open") if len(papers) <= GRID_MAX else "", len(papers),
        table(["paper", "authors", "year", *headline, "title"], rows))


# --- one section per axis, from its shape -----------------------------------------

def axis_html(report: Report, axis: Axis) -> Html:
    """The question; per address a number line (ordered) or papers by value (unordered); the grid; contrasts."""
    data = report.axes[axis.id]
    out = Html("<p>{}</p>\n").format(axis.question)
    for key in data["keys"]:
        placed = [(r["paper"], r["positions"][key]) for r in data["papers"]]
        title = f"{axis.id}.{key}" if axis.subjects else ""
        out += number_line(axis, placed, title) if axis.ordered else by_value(axis, placed, title)
    out += grid(axis, data)
    for contrast in data["contrasts"]:
        if contrast["summary"] is not None:  # None: no paper states both subjects
            out += Html("<p>{}</p>\n").format(contrast["summary"])
    return out + flagged_html(axis, data)


def stacks(axis: Axis, placed: list[tuple[str, Cell]]) -> dict[Any, list[str]]:
    """The stating papers under each value, in the scale's order."""
    held: dict[Any, list[str]] = {v: [] for v in axis.value_ids}
    for paper_id, cell in placed:
        if cell["stated"] and cell["value"] in held:
            held[cell["value"]].append(paper_id)
    return held


def number_line(axis: Axis, placed: list[tuple[str, Cell]], title: str = "") -> Html:
    """An inline SVG scale with one marker per stating paper, stacked where papers share a value (up to
    STACK_MAX, then a count)."""
    width, margin, step = 800, 70, 22
    held = stacks(axis, placed)
    gap = (width - 2 * margin) / max(1, len(held) - 1)
    tallest = max([len(s) for s in held.values()] + [1])
    base = 30 + step * (min(STACK_MAX + 1, tallest))  # a row for "+N more" above a full stack
    parts = [Html("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#57606a\" stroke-width=\"2\"/>").format(
        margin - 20, base, width - margin + 20, base)]
    for i, value in enumerate(held):
        x = round(margin + i * gap, 1)
        parts.append(Html("<line x1=\"{x}\" y1=\"{a}\" x2=\"{x}\" y2=\"{b}\" stroke=\"#57606a\" stroke-width=\"2\"/>"
                          "<text class=\"tick\" x=\"{x}\" y=\"{t}\" text-anchor=\"middle\">{v}</text>").format(
            x=x, a=base - 6, b=base + 6, t=base + 24, v=fmt_value(value)))
        named, more = counted(held[value])
        for k, paper_id in enumerate(named):
            y = base - step * (k + 1)
            parts.append(Html("<g><title>{}</title><circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"#0969da\"/>"
                              "<text x=\"{}\" y=\"{}\">{}</text></g>").format(
                f"{paper_id}: {fmt_value(value)} {axis.label(value)}", x, y, x + 10, y + 4, paper_id))
        if more:
            parts.append(Html("<text x=\"{}\" y=\"{}\">+{} more</text>").format(x - 6, base - step * (STACK_MAX + 1) + 4,
                                                                               more))
    low, high = axis.values[0], axis.values[-1]
    parts.append(Html("<text x=\"{}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>").format(
        margin - 20, base + 44, low.label, width - margin + 20, base + 44, high.label))
    label = f"{title or axis.title}: papers placed on the scale from {fmt_value(low.value)} to {fmt_value(high.value)}"
    heading = Html("<h3><code>{}</code></h3>\n").format(title) if title else ""
    return heading + Html("<svg class=\"axis\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n{}\n</svg>\n").format(
        width, base + 56, label, join(parts, "\n"))


def by_value(axis: Axis, placed: list[tuple[str, Cell]], title: str = "") -> Html:
    """An unordered axis: each value with the papers holding it (up to STACK_MAX named, the rest counted)."""
    rows = []
    for value, papers in stacks(axis, placed).items():
        named, more = counted(papers)
        names = join([paper_link(p) for p in named] + ([Html("+{} more").format(more)] if more else []), ", ")
        rows.append([td(Html("<b>{}</b>").format(fmt_value(value))), td(axis.label(value)), td(len(papers)),
                     td(names or "·")])
    heading = Html("<h3><code>{}</code></h3>\n").format(title) if title else ""
    return heading + table(["value", "meaning", "papers", ""], rows)


def grid(axis: Axis, data: CompareData) -> Html:
    """Paper × subject (or the axis alone, with the note beside it), coloured by place on an ordered scale."""
    keys = data["keys"]
    rows = []
    for r in data["papers"]:
        cells = [td(paper_link(r["paper"]))]
        for key in keys:
            c = r["positions"][key]
            cells.append(td(cell_html(c), "cell", f"background:{value_colour(axis, c['value'])}",
                            c["note"] if axis.subjects else ""))  # alone, the note has its own column
        if not axis.subjects:
            cells.append(td(r["positions"][keys[0]]["note"], "note"))
        rows.append(cells)
    legend = join(Html("<td class=\"cell\" style=\"background:{}\">{}{}</td>").format(
        value_colour(axis, v.value), fmt_value(v.value), Html("<small>{}</small>").format(v.label) if v.label else "")
        for v in axis.values)
    head = ["paper", *keys] if axis.subjects else ["paper", "value (evidence)", "note"]
    return (table(head, rows)
            + Html("<div class=\"scroll\"><table class=\"legend\"><tr><th>scale</th>{}</tr></table></div>\n").format(legend))


def flagged_html(axis: Axis, data: CompareData) -> Html:
    """! the cells whose evidence is apart from the coded value, as `compare` lists them."""
    cells = [(r["paper"], key, p) for r in data["papers"] for key, p in r["positions"].items()
             if p["stated"] and p["profile"]["flagged"]]
    if not cells:
        return Html("")
    items = join(Html("<li data-filter>{}{}: coded {}; {}</li>\n").format(
        paper_link(paper), Html(" {}").format(key) if axis.subjects else "", fmt_value(p["value"]),
        flag_text(p["profile"])[2:])
        for paper, key, p in cells)
    return Html("<details{}><summary><span class=\"flag\">!</span> evidence apart from the coded value: {} "
                "{}</summary>\n<ul class=\"plain\">\n{}</ul></details>\n").format(
        Html(" open") if len(cells) <= 10 else "", len(cells), "cell" if len(cells) == 1 else "cells", items)


# --- agreement and pairs ---------------------------------------------------------

def agreement_colour(score: float | None) -> str:
    """Red (0, opposite ends) through yellow to green (1, same values)."""
    return "#eaeef2" if score is None else f"hsl({round(120 * score)} 65% 80%)"


def score_text(score: float | None) -> str:
    return "n/a" if score is None else f"{score:.2f}"


def matrix_html(report: Report) -> Html:
    data = report.matrix
    if data["cells"] is None:  # past a few dozen papers a papers² grid is unreadable (and huge)
        return nearest_html(report)
    rows = []
    for paper_id, cells in zip(data["papers"], data["cells"]):
        row = [td(Html("<code>{}</code>").format(paper_id))]
        for other, c in zip(data["papers"], cells):
            if c is None:
                row.append(td("—", "cell"))
                continue
            links = f"links +{c['links_agree']} −{c['links_contradict']} ~{c['links_refine']}"
            tip = f"{paper_id} vs {other}: {c['converge']} same, {c['diverge']} different of {c['shared_axes']} shared axes"
            text = report.pair_link(paper_id, other, Html("{}").format(score_text(c["agreement"])))
            row.append(td(Html("{}<small>{}</small>").format(text, links), "cell",
                          f"background:{agreement_colour(c['agreement'])}", tip))
        rows.append(row)
    return (Html("<p>Mean agreement of the positions both papers state (1 = same values, 0 = opposite ends), "
                 "and the curated links between them (+ agree, − contradict, ~ refine). A cell links to the "
                 "pair's comparison.</p>\n") + table(["", *data["papers"]], rows))


def nearest_html(report: Report) -> Html:
    """Each paper's most and least agreeing papers: a bounded stand-in for the grid."""
    def cells(paper_id: str, found: list[MatrixNeighbour]) -> Html:
        return td(join((report.pair_link(paper_id, c["paper"], Html("<code>{}</code> {}").format(
            c["paper"], score_text(c["agreement"]))) for c in found), ", "))

    data = report.matrix
    rows = [[td(paper_link(r["paper"])), cells(r["paper"], r["nearest"]), cells(r["paper"], r["farthest"])]
            for r in data.get("nearest", [])]
    return (Html("<p>{} papers: for each, the papers whose stated positions agree most and least with its own "
                 "(mean agreement over the addresses both state, 1 = same values).</p>\n").format(len(data["papers"]))
            + table(["paper", "agrees most with", "agrees least with"], rows))


def pairs_html(report: Report) -> Html:
    """One section per pair the matrix shows (at most PAIRS_MAX): `argmap diff A B --axis`, and their links."""
    from .compare.diff import summary_line
    from .compare.positions import relate, stated
    from .render.compare import STATUS_TEXT

    corpus, papers = report.corpus, {p.id: p for p in report.papers}
    links: dict[frozenset[str], list[Link]] = {}
    for link in corpus.links:
        links.setdefault(frozenset(link.papers), []).append(link)
    left = report.pairs_shown - len(report.pairs)
    out = [Html("<p>Each pair the matrix shows: the positions side by side (<code>argmap diff A B --axis</code>) "
                "and the curated links between the two. <code>argmap diff A B</code> also matches their claims. {}</p>\n"
                ).format(f"{left} more pairs the matrix shows are left out (at most {PAIRS_MAX} pair sections)."
                         if left else "")]
    for a, b in report.pairs:
        rows, statuses = [], []
        for address in corpus.addresses:  # diff's rows: every address at least one of the two states
            ca, cb = report.cells[a, address], report.cells[b, address]
            if not ca["stated"] and not cb["stated"]:
                continue
            status = relate(corpus.axis_of(address)[0], stated(papers[a], address), stated(papers[b], address))["status"]
            statuses.append(status)
            rows.append([td(Html("<code>{}</code>").format(address)), td(cell_html(ca)),
                         td(STATUS_TEXT.get(status, status), f"rel {status}"), td(cell_html(cb))])
        line = summary_line({"converge": statuses.count("converge"), "diverge": statuses.count("diverge"),
                             "only_a": statuses.count("only_a"), "only_b": statuses.count("only_b"),
                             "contradicting_claims": 0}, axes_only=True)
        pair_links = join(Html("<li>{} <span class=\"rel {}\">{}</span> {}<small>{}</small></li>\n").format(
            report.ref(link.a), link.relation, link.relation, report.ref(link.b), link.note)
            for link in links.get(frozenset((a, b)), []))
        out.append(Html("<section class=\"pair\" id=\"{}\" data-filter>\n<h3>{} vs {}</h3>\n<p>{}</p>\n{}{}</section>\n"
                        ).format(pair_anchor(a, b), paper_link(a), paper_link(b), line, table(["address", a, "", b], rows),
                                 Html("<ul class=\"plain\">\n{}</ul>\n").format(pair_links) if pair_links else ""))
    return join(out)


# --- tensions, links, readings ---------------------------------------------------

def tensions_html(report: Report) -> Html:
    from .compare import tensions

    data = tensions(report.corpus, report.papers)
    out = [Html("<p>{} recorded by the encoders, {} detected from positions and leans.</p>\n").format(
        data["recorded"], data["detected"])]
    for p in data["papers"]:
        if not p["recorded"] and not p["against_positions"] and not p["detected"]:
            continue
        pid = p["paper"]
        recorded = join(Html("<li data-filter>{}<br>{}<br>{}</li>\n").format(
            t["note"], report.ref(f"{pid}#{t['a']['id']}", t["a"]["text"]),
            report.ref(f"{pid}#{t['b']['id']}", t["b"]["text"])) for t in p["recorded"])
        recorded += join(Html("<li data-filter>{}<br>{}<br>against the position <code>{}</code> = {}</li>\n").format(
            t["note"], report.ref(f"{pid}#{t['b']['id']}", t["b"]["text"]), t["axis"], fmt_value(t["a"]["position"]))
            for t in p["against_positions"])
        detected = join(Html("<li data-filter><code>{}</code> {}</li>\n").format(t["axis"], t["note"])
                        for t in p["detected"])
        out.append(Html("<h3>{}</h3>\n").format(paper_link(pid)))
        if recorded:
            out.append(Html("<h4>Recorded</h4>\n<ul class=\"plain\">\n{}</ul>\n").format(recorded))
        if detected:
            out.append(Html("<details open><summary>Detected ({})</summary>\n<ul class=\"plain\">\n{}</ul></details>\n"
                            ).format(len(p["detected"]), detected))
    return join(out)


def links_html(report: Report) -> Html:
    corpus = report.corpus
    if not corpus.links:
        return Html("<p class=\"muted\">No links between papers (links.yaml).</p>\n")
    rows = []
    for link in corpus.links:
        texts = [found[1].text if found else "" for found in (corpus.claim(link.a), corpus.claim(link.b))]
        rows.append([td(report.ref(link.a, texts[0])), td(link.relation, f"rel {link.relation}"),
                     td(report.ref(link.b, texts[1])), td(link.note, "note")])
    return table(["claim", "relation", "claim", "note"], rows)


def readings_html(report: Report) -> Html:
    """Each reading shipped in the corpus's readings/ folder against the maps, as `argmap agree` reports it."""
    from .compare.agree import shipped_agreement
    from .errors import InputError
    from .verify import optional_sources

    try:
        results = shipped_agreement(report.corpus, optional_sources())
    except InputError as e:  # a reading that no longer fits the maps: say so, the rest of the report stands
        return Html("<p class=\"muted\">A reading in readings/ does not fit these maps ({} problems, the first: {}); "
                    "run argmap agree to see them all.</p>\n").format(len(e.problems), e.problems[0])
    if not results:
        return Html("<p class=\"muted\">No second reading ships with this corpus (readings/, see docs/readings.md).</p>\n")
    out = Html("")
    for data in results:
        o = data["overall"]
        out += Html("<h3>{} vs <code>{}</code></h3>\n<p>{} cells both state, {} in exact agreement, {} contested.</p>\n"
                    ).format(data["a"]["name"], data["b"]["name"], o["stated"], score_text(o["exact"]), o["contested"])
        out += table(["address", "cells", "exact", "within one", "alpha", "contested"], [
            [td(Html("<code>{}</code>").format(a["address"])), td(a["stated"]),
             *[td("—" if a[k] is None else f"{a[k]:.2f}") for k in ("exact", "within_one", "alpha")],
             td(a["contested"])] for a in data["axes"]])
        if data["contested"]:
            out += table(["paper", "address", "maps", data["b"]["name"]], [
                [td(paper_link(c["paper"])), td(Html("<code>{}</code>").format(c["address"])),
                 *[td(Html("{}<small>{}</small>").format(fmt_value(c[side]["value"]), ", ".join(c[side]["evidence"])),
                      "note") for side in ("a", "b")]] for c in data["contested"]])
    return out


# --- papers and their trees, last ------------------------------------------------

def papers_html(report: Report) -> Html:
    """Each paper's positions and tree, for the first TREES_MAX papers; the rest listed, each with its anchor."""
    full = [p for p in report.papers if p.id in report.trees]
    rest = [p for p in report.papers if p.id not in report.trees]
    out = join(paper_html(report, p) for p in full)
    if rest:
        items = join(Html("<li id=\"{}\" data-filter><code>{}</code> {} <span class=\"meta\">{}</span></li>\n").format(
            paper_anchor(p.id), p.id, p.title, authors_line(p)) for p in rest)
        out += Html("<h3>{} more papers</h3>\n<p class=\"muted\">The report holds the trees of the first {} papers; "
                    "<code>argmap tree PAPER</code> shows any paper's, <code>argmap export --all --to html</code> "
                    "writes them all.</p>\n<ul class=\"plain\">\n{}</ul>\n").format(len(rest), TREES_MAX, items)
    return out


def paper_html(report: Report, paper: Paper) -> Html:
    rows = []
    for address in report.corpus.addresses:
        c = report.cells[paper.id, address]
        if not c["stated"]:
            continue
        rows.append([td(Html("<code>{}</code>").format(address)), td(cell_html(c)), td(c["label"]),
                     td(", ".join(c["evidence"])), td(c["note"], "note")])
    positions = (Html("<details open><summary>Positions ({})</summary>\n{}</details>\n").format(
        len(rows), table(["axis", "value (evidence)", "meaning", "cited", "note"], rows)) if rows else "")
    return Html("<details class=\"paper\" open id=\"{}\" data-filter><summary><h3>{}</h3></summary>\n"
                "<p class=\"meta\"><code>{}</code> · {}</p>\n{}{}</details>\n").format(
        paper_anchor(paper.id), paper.title, paper.id, authors_line(paper), positions, tree_html(paper))
