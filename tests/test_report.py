"""The offline HTML report: structure, escaping, self-containment, bounds, and a real headless Chromium.

The Chromium tests load the file from disk with networking features off and
fail on any console message (a blocked fetch, a CSP violation or a script
error would all print one), then check the screenshots and the DOM Chromium
built, after the filter script ran. A copy of the bundled corpus with markup
planted in a claim checks that nothing planted becomes an element or runs;
Hypothesis plants any text in every field a map gives the report and checks,
with an HTML parser as the oracle, that the document's structure is the same
as with a harmless word there and the text reads back as written.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from argmap import report as report_module
from argmap.compare.evidence import profile
from argmap.exporters.html import Html
from argmap.load import load_corpus
from argmap.model import Corpus
from argmap.render.papers import fmt_tally
from argmap.report import render_report
from argmap.text import printable
from conftest import BUNDLED, MINI, ROOT
from htmldoc import Document

LATER = ["matrix", "pairs", "tensions", "links", "readings", "papers"]  # after the axes, in this order
PLANT = ('Planted <script>document.title="PWNED";document.body.insertAdjacentHTML("beforeend",'
         '"<p id=pwned>PWNED</p>")</script><img src=x onerror="document.title=\'PWNED\'">'
         '<b id="planted-markup">bold</b> "q" \'s\' \u202e end')
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt install chromium)")


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    return load_corpus(BUNDLED, "bundled", use_cache=False)


@pytest.fixture(scope="module")
def report(bundled: Corpus) -> str:
    return render_report(bundled)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """A copy of the bundled corpus whose rezapour2020 thesis, title and one link note carry markup."""
    import yaml

    root = tmp_path_factory.mktemp("planted")
    for f in BUNDLED.glob("*.yaml"):
        shutil.copy(f, root / f.name)
    path = root / "rezapour2020.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = PLANT
    data["thesis"]["text"] = PLANT
    data["thesis"]["locator"] = PLANT
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    links = yaml.safe_load((root / "links.yaml").read_text(encoding="utf-8"))
    links["links"][0]["note"] = PLANT
    (root / "links.yaml").write_text(yaml.safe_dump(links, sort_keys=False, allow_unicode=True), encoding="utf-8")
    corpus = load_corpus(root, use_cache=False)
    assert corpus.papers["rezapour2020"].thesis.text == PLANT
    return corpus


def section(report: str, name: str) -> str:
    return report.split(f'<section id="{name}">')[1].split("</section>\n<section id=")[0]


# --- structure and self-containment ------------------------------------------------

def test_report_structure(bundled: Corpus, report: str) -> None:
    doc = Document.read(report)
    assert doc.errors == [] and doc.stack == []
    assert len(doc.ids) == len(set(doc.ids)), "duplicate ids"
    order = [f"axis:{a}" for a in bundled.axes] + LATER  # every axis, in axes.yaml's order; the trees last
    positions = [doc.ids.index(s) for s in order]
    assert positions == sorted(positions)
    for paper in bundled.papers.values():
        assert f"paper:{paper.id}" in doc.ids
        assert all(f"claim:{paper.id}:{n.claim.id}" in doc.ids for n in paper.claims())
    n_claims = sum(1 for p in bundled.papers.values() for _ in p.claims())
    assert doc.tags.count("li") >= n_claims
    assert doc.tags.count("details") >= len(bundled.papers)
    dangling = [h for h in doc.hrefs if h[1:] not in doc.ids]
    assert dangling == []


def test_report_is_self_contained(report: str) -> None:
    doc = Document.read(report)
    assert all(h.startswith("#") for h in doc.hrefs)
    assert doc.tags.count("script") == 1  # the filter box's, and nothing else runs
    assert not {"link", "img", "iframe", "object", "embed", "base"} & set(doc.tags)
    assert not [a for a in doc.attrs if a[0] in ("src", "srcset", "action", "xlink:href") or a[0].startswith("on")]
    assert not re.search(r"https?://|@import|url\(|@font-face|fetch\(|XMLHttpRequest", report)
    assert doc.csp.startswith("default-src 'none'; ")


def test_csp_allows_exactly_the_inline_script_by_its_hash(report: str) -> None:
    doc = Document.read(report)
    (script,) = doc.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    directives = dict(d.strip().split(" ", 1) for d in doc.csp.split(";"))
    assert directives == {"default-src": "'none'", "style-src": "'unsafe-inline'", "script-src": f"'sha256-{digest}'"}


def test_the_export_has_no_script_and_allows_none(bundled: Corpus) -> None:
    from argmap.exporters import export

    doc = Document.read(export(bundled, list(bundled.papers.values()), "html"))
    assert "script" not in doc.tags and "script-src" not in doc.csp and doc.csp.startswith("default-src 'none'")


def test_every_axis_gets_a_section_drawn_from_its_shape(bundled: Corpus, report: str) -> None:
    for axis in bundled.axes.values():
        text = section(report, f"axis:{axis.id}")
        assert f"<h2>{axis.title}</h2>" in text
        rows = text.count("<tr data-filter>")
        if axis.ordered:  # a number line per address, a marker per stating paper
            assert text.count("<svg") == len(axis.addresses)
            stating = sum(1 for p in bundled.papers.values() for a in axis.addresses
                          if a in p.positions and p.positions[a].stated)
            assert text.count("<circle") == stating > 0
            assert rows == len(bundled.papers)  # the grid
        else:  # papers grouped under each value, then the grid
            assert "<svg" not in text
            assert rows == len(axis.addresses) * len(axis.values) + len(bundled.papers)
        if axis.ordered and len(axis.subjects) == 2:
            assert f"{axis.subjects[0]} nearer {axis.values[-1].value} than {axis.subjects[1]}" in text


def test_report_code_names_no_axis() -> None:
    """No axis id of the bundled axes.yaml appears in the report's code: each section comes from the axis's shape."""
    source = Path(report_module.__file__).read_text(encoding="utf-8")
    named = [a for a in load_corpus(BUNDLED, use_cache=False).axes
             if re.search(rf"['\"]{a}[.'\"]", source)]
    assert named == []


def test_report_with_other_axes(bundled: Corpus) -> None:
    """Axes renamed, one dropped: the report has a section for each axis it has, named as they are named."""
    corpus = load_corpus(BUNDLED, use_cache=False)
    renames = {a: f"q{i}" for i, a in enumerate(corpus.axes)}
    del corpus.axes[next(iter(corpus.axes))]
    corpus.axes = {renames[a]: axis for a, axis in corpus.axes.items()}
    for a, axis in corpus.axes.items():
        axis.id = a

    def renamed(address: str) -> str | None:
        axis_id, dot, subject = address.partition(".")
        new = renames[axis_id]
        return new + dot + subject if new in corpus.axes else None

    for paper in corpus.papers.values():
        paper.positions = {renamed(a): p for a, p in paper.positions.items() if renamed(a)}  # type: ignore[misc]
        for n in paper.claims():
            n.claim.lean = {renamed(a): v for a, v in n.claim.lean.items() if renamed(a)}  # type: ignore[misc]
    text = render_report(corpus)
    doc = Document.read(text)
    assert doc.errors == [] and [h for h in doc.hrefs if h[1:] not in doc.ids] == []
    assert [i for i in doc.ids if i.startswith("axis:")] == [f"axis:{a}" for a in corpus.axes]
    assert "axis:alignment" not in doc.ids


def test_every_coded_value_shows_its_tally_and_flag(bundled: Corpus, report: str) -> None:
    """Each stated cell of each axis grid shows `value (tally)`, and `!` with the reason when flagged (issue 11)."""
    flagged = 0
    for paper in bundled.papers.values():
        for address in bundled.addresses:
            position = paper.positions.get(address)
            if position is None or not position.stated:
                continue
            p = profile(bundled, paper, address)
            axis_text = section(report, f"axis:{address.partition('.')[0]}")
            rows = [r.split("</tr>")[0] for r in axis_text.split("<tr data-filter>")]
            (row,) = [r for r in rows if f'href="#paper:{paper.id}"' in r and '<td class="cell"' in r]  # the grid's
            shown = "".join(Document.read(row).text)
            assert fmt_tally(p) in shown
            if p["flagged"]:
                flagged += 1
                assert 'class="flag"' in row and "!" in shown
    assert flagged >= 2
    # the README's answer, cell by cell as `compare balancing` prints it
    balancing = "".join(Document.read(section(report, "axis:balancing")).text)
    assert "mostly_hard (hard 6 · soft 3 · mixed 1)" in balancing
    assert "mostly_soft (soft 7; rebuts hard 1) !" in balancing


def test_matrix_cells_link_to_the_pair_sections(bundled: Corpus, report: str) -> None:
    doc = Document.read(section(report, "matrix"))
    pairs = sorted({h for h in doc.hrefs if h.startswith("#pair:")})
    n = len(bundled.papers)
    assert doc.hrefs.count(pairs[0]) == 2 and len([h for h in doc.hrefs if h.startswith("#pair:")]) == n * (n - 1)
    assert len(pairs) == n * (n - 1) // 2
    for href in pairs:
        _, a, b = href[1:].split(":")
        text = report.split(f'id="{href[1:]}"')[1].split("</section>")[0]
        assert f'href="#paper:{a}"' in text and f'href="#paper:{b}"' in text
        assert text.count("<tr data-filter>") >= 1
        links = [link for link in bundled.links if set(link.papers) == {a, b}]
        assert text.count('<span class="rel ') == len(links)


def test_report_sections_hold_the_comparisons(bundled: Corpus, report: str) -> None:
    assert section(report, "matrix").count('<td class="cell"') == len(bundled.papers) ** 2
    assert section(report, "links").count("<tr data-filter>") == len(bundled.links)
    assert "recorded by the encoders" in section(report, "tensions")
    readings = section(report, "readings")  # the shipped second reading, as argmap agree reports it
    from argmap.compare.agree import shipped_agreement

    (agreed,) = shipped_agreement(bundled)
    assert "<code>reader2</code>" in readings
    assert readings.count("<tr data-filter>") == len(agreed["axes"]) + len(agreed["contested"])


def test_tensions_show_the_claims_accepted_against_a_position(tmp_path: Path) -> None:
    """A position_vs_lean candidate a reviewer accepted is recorded (against_positions), as `tensions` shows it."""
    from argmap.triage import judge_tension

    shutil.copytree(BUNDLED, tmp_path / "b", ignore=shutil.ignore_patterns("readings", "__*"))
    judge_tension(tmp_path / "b", "rezapour2020#p6", "alignment", "accepted", "argues <close> cooperation")
    corpus = load_corpus(tmp_path / "b", use_cache=False)
    found = corpus.claim("rezapour2020#p6")
    assert found is not None
    text = section(render_report(corpus), "tensions")
    assert "argues &lt;close&gt; cooperation" in text
    assert 'href="#claim:rezapour2020:p6"' in text and str(Html.escape(found[1].text)) in text
    assert "<code>alignment</code> = -1" in text


def test_planted_markup_is_escaped(planted: Corpus) -> None:
    report = render_report(planted)
    doc = Document.read(report)
    assert doc.errors == []
    assert "<img" not in report and "<b id" not in report and "\u202e" not in report
    assert doc.tags.count("script") == 1
    assert "&lt;script&gt;document.title=&#34;PWNED&#34;" in report
    shown = PLANT.replace("\u202e", "[U+202E]")
    # title (summary), thesis text, locator, link note: each shown literally
    assert "".join(doc.text).count(shown) >= 4


def test_trees_draw_further_roots_and_edges_by_id() -> None:
    """A debate map's second root is a tree of its own, and each edge a claim adds by id is drawn, linked to the
    claims it names (an undercut to both ends of its inference), in the report and in the html export."""
    from argmap.exporters import export
    from argmap.graph import extra_edges

    corpus = load_corpus(ROOT / "tests" / "fixtures" / "graph", use_cache=False)
    paper = corpus.papers["debate2024"]
    expected: list[tuple[str, str, str]] = [(n.claim.id, e.kind, e.target) for n in paper.claims()
                                            for e in extra_edges(n.claim)]
    expected += [(n.claim.id, "undercut", ref) for n in paper.claims() for ref in n.claim.undercuts]
    assert paper.roots and {k for _, k, _ in expected} == {"support", "attack", "undercut"}  # the fixture has all
    for text in (render_report(corpus), export(corpus, [paper], "html")):
        doc = Document.read(text)
        assert doc.errors == [] and [h for h in doc.hrefs if h[1:] not in doc.ids] == []
        claims = [i for i in doc.ids if i.startswith("claim:debate2024:")]
        assert claims == [f"claim:debate2024:{n.claim.id}" for n in paper.claims()]  # both roots, in map order
        tree = text.split('<ul class="tree">')[1]
        assert tree.count("<span class=\"role thesis\">") == 1 + len(paper.roots)
        drawn = []
        for claim_id, block in re.findall(r'id="claim:debate2024:(\w+)"[^>]*>(?:(?!<li ).)*?<div class="edges">(.*?)</div>',
                                          tree, flags=re.S):
            for kind, ends in re.findall(r'<span class="(\w+)">[^<]* \w+</span> ((?:<a [^>]*><code>\w+</code></a>(?:&gt;)?)+)',
                                         block):
                drawn.append((claim_id, kind.rstrip("s"),  # supports -> support, as graph.extra_edges names them
                              ">".join(re.findall(r"<code>(\w+)</code>", ends))))
        assert sorted(drawn) == sorted(expected)


# --- hostile text anywhere: the HTML parser as the oracle ------------------------------------

TOKEN = "zqxPLANTzqx"
HOSTILE = st.text(alphabet=st.one_of(st.sampled_from(list("<>&\"'=/ `!-[]\u202e\u2066\x00\x1b\n\t")), st.characters()),
                  min_size=1, max_size=40)


def plant(text: str) -> Corpus:
    """The mini corpus with `text` in every field the report shows from a map or axes.yaml."""
    corpus = load_corpus(MINI, use_cache=False)
    for paper in corpus.papers.values():
        paper.title = f"{paper.id} {text}"
        paper.authors = [text, *paper.authors[1:]]
        paper.venue = text
        for n in paper.claims():
            n.claim.text, n.claim.quote, n.claim.locator = text, text, text
            if n.claim.reported_by:
                n.claim.reported_by = text
        for position in paper.positions.values():
            position.note = text
    for link in corpus.links:
        link.note = text
    for axis in corpus.axes.values():
        axis.title, axis.question = text, text
        for v in axis.values:
            v.label = text
    return corpus


@given(HOSTILE)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_map_text_reaches_the_html_unescaped(text: str) -> None:
    text = " ".join(text.split())  # printable joins whitespace runs, also where map text meets other text
    assume(TOKEN not in text and printable(text))
    hostile, harmless = Document.read(render_report(plant(text))), Document.read(render_report(plant(TOKEN)))
    assert hostile.errors == []
    shown = printable(text)

    def normal(events: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        return [(e[0], *(x.replace(TOKEN, shown) for x in e[1:])) for e in events]

    # the same elements, attributes and text as with a harmless word, the text reading back as printable shows it
    assert hostile.events == normal(harmless.events)
    assert hostile.scripts == harmless.scripts


# --- bounded for large corpora -------------------------------------------------------

@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    sys.path.insert(0, str(ROOT / "bench"))
    import make_corpus

    folder = tmp_path_factory.mktemp("gen") / "c60"
    make_corpus.make(60, 1, folder)
    return load_corpus(folder, use_cache=False)


def test_report_is_bounded_past_the_grid(generated: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past 40 papers: the nearest view, at most PAIRS_MAX pair sections (every paper's nearest and farthest
    first), trees for TREES_MAX papers and the rest listed; every link still lands."""
    monkeypatch.setattr(report_module, "TREES_MAX", 10)
    monkeypatch.setattr(report_module, "PAIRS_MAX", 45)
    text = render_report(generated)
    doc = Document.read(text)
    assert doc.errors == [] and [h for h in doc.hrefs if h[1:] not in doc.ids] == []
    assert len([i for i in doc.ids if i.startswith("pair:")]) == 45
    assert "more pairs the matrix shows are left out (at most 45 pair sections)" in text
    assert text.count('<details class="paper"') == 10 and "<h3>50 more papers</h3>" in text
    assert all(f"paper:{p}" in doc.ids for p in generated.papers)
    from argmap.compare import matrix

    nearest = matrix(generated)["nearest"]
    firsts = {frozenset((r["paper"], r["nearest"][0]["paper"])) for r in nearest[:20]}
    linked = {frozenset(i.split(":")[1:]) for i in doc.ids if i.startswith("pair:")}
    assert firsts <= linked  # the first round (each paper's nearest, then farthest) comes first
    claims_in = [i for i in doc.ids if i.startswith("claim:")]
    assert {i.split(":")[1] for i in claims_in} == {p.id for p in generated.chronological()[:10]}


# --- goldens ---------------------------------------------------------------------------

def outline(document: str) -> str:
    """The report's structure: sections, headings, table heads and how many rows, marks and links each holds."""
    doc = Document.read(document)
    lines: list[str] = []
    heading = ""
    counts: dict[str, int] = {}

    def flush() -> None:
        if heading:
            lines.append(heading + "".join(f" {k}={v}" for k, v in sorted(counts.items()) if v))

    for e in doc.events:
        kind, tag, attrs = e[0], e[1] if len(e) > 1 else "", dict(a.split("=", 1) for a in e[2:])
        if kind == "start" and tag == "section":
            flush()
            heading, counts = f"section {attrs.get('id')}", {}
        elif kind == "start" and tag in ("tr", "svg", "circle", "details", "a", "li") :
            key = f"{tag}>pair" if tag == "a" and attrs.get("href", "").startswith("#pair:") else tag
            counts[key] = counts.get(key, 0) + 1
        elif kind == "start" and "class" in attrs and attrs["class"] == "flag":
            counts["flag"] = counts.get("flag", 0) + 1
    flush()
    return "\n".join(lines) + "\n"


def test_report_golden_mini(golden) -> None:  # type: ignore[no-untyped-def]
    """The whole document but the bodies of its style sheet and script (the CSP test and Chromium check those)."""
    text = render_report(load_corpus(MINI, use_cache=False))
    golden("mini_report.html", re.sub(r"(<style>|<script>).*?(</style>|</script>)", r"\1…\2", text, flags=re.S))


def test_report_golden_bundled_outline(golden, report: str) -> None:  # type: ignore[no-untyped-def]
    golden("bundled_report_outline.txt", outline(report))


# --- real Chromium -------------------------------------------------------------------

def chromium(tmp_path: Path, page: Path, *args: str, fragment: str = "",
             console_ok: bool = False) -> subprocess.CompletedProcess[str]:
    """One headless Chromium run on a fresh profile, offline-minded, with console messages on stderr."""
    assert CHROMIUM is not None
    profile_dir = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={profile_dir}",
               "--enable-logging=stderr", "--v=0", *args, page.as_uri() + fragment]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    if not console_ok:
        assert console == [], "\n".join(console)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


@pytest.fixture
def written(tmp_path: Path, report: str) -> Path:
    path = tmp_path / "report.html"
    path.write_text(report, encoding="utf-8")
    return path


def items(dom: str) -> list[str]:
    """The start tags of the filterable elements in the DOM Chromium built."""
    return [m.group(0) for m in re.finditer(r"<\w+[^>]*\bdata-filter=\"\"[^>]*>", dom)]


def shown_items(dom: str) -> list[str]:
    """Those the filter left shown."""
    return [tag for tag in items(dom) if ' hidden=""' not in tag]


@needs_chromium
def test_chromium_screenshots_desktop_and_phone(tmp_path: Path, written: Path) -> None:
    for width in (1200, 390):
        shot = tmp_path / f"shot-{width}.png"
        chromium(tmp_path, written, f"--screenshot={shot}", f"--window-size={width},2000")
        assert png_size(shot) == (width, 2000)
        assert shot.stat().st_size > 40_000  # a blank page of this size is about 10 kB


@needs_chromium
def test_chromium_dom_holds_the_sections(tmp_path: Path, written: Path, bundled: Corpus) -> None:
    dom = chromium(tmp_path, written, "--dump-dom").stdout
    assert "<title>argmap report</title>" in dom
    for name in [f"axis:{a}" for a in bundled.axes] + LATER:
        assert f'id="{name}"' in dom
    assert dom.count('<details class="paper" open=""') == len(bundled.papers)
    assert "<svg" in dom and "<circle" in dom
    assert '<p class="filter">' in dom  # the script ran and showed the box
    assert len(shown_items(dom)) == len(items(dom)) > 500  # nothing filtered without a query


@needs_chromium
def test_chromium_filter_box_filters_from_the_address(tmp_path: Path, written: Path, bundled: Corpus) -> None:
    """`#filter=words` shows what holds every word (with its paper and what it holds) and hides the rest."""
    everything = len(items(chromium(tmp_path, written, "--dump-dom").stdout))
    paper = bundled.papers["kusuma2021"]
    dom = chromium(tmp_path, written, "--dump-dom", fragment="#filter=kusuma2021").stdout
    shown = shown_items(dom)
    assert f'<output id="filter-count">{len(shown)} of {everything} shown</output>' in dom
    claims = {re.search(r'id="claim:([^"]+)"', s).group(1) for s in shown if 'id="claim:' in s}  # type: ignore[union-attr]
    assert claims == {f"{paper.id}:{n.claim.id}" for n in paper.claims()}  # found by its id: its whole tree
    assert any('id="paper:kusuma2021"' in s for s in shown)
    # two words, found in different places: a claim's words and its paper's id
    word = next(w for w in paper.thesis.text.split() if len(w) > 6).lower().strip(".,;:")
    dom = chromium(tmp_path, written, "--dump-dom", fragment=f"#filter=KUSUMA2021%20{word}").stdout
    shown_claims = [s for s in shown_items(dom) if 'id="claim:' in s]
    assert 'id="claim:kusuma2021:t"' in "".join(shown_claims)
    assert all("claim:kusuma2021:" in s for s in shown_claims)
    dom = chromium(tmp_path, written, "--dump-dom", fragment="#filter=zzzznothing").stdout
    assert shown_items(dom) == [] and f">0 of {everything} shown<" in dom


@needs_chromium
def test_chromium_refuses_a_script_whose_hash_is_not_allowed(tmp_path: Path, report: str) -> None:
    """The CSP is what lets the script run: changed by one character, it is blocked and the box stays hidden."""
    page = tmp_path / "tampered.html"
    page.write_text(report.replace("var texts = null;", "var texts = null; "), encoding="utf-8")
    done = chromium(tmp_path, page, "--dump-dom", console_ok=True)
    assert "Content Security Policy" in done.stderr
    assert '<p class="filter" hidden="">' in done.stdout


@needs_chromium
def test_chromium_planted_script_does_not_run(tmp_path: Path, planted: Corpus) -> None:
    page = tmp_path / "planted.html"
    page.write_text(render_report(planted), encoding="utf-8")
    dom = chromium(tmp_path, page, "--dump-dom").stdout
    assert "<title>argmap report</title>" in dom
    assert '<p id="pwned"' not in dom and '<b id="planted-markup"' not in dom and "<img" not in dom
    assert "&lt;script&gt;document.title=" in dom  # shown as text instead


@needs_chromium
def test_chromium_print_expands_collapsed_sections(tmp_path: Path, report: str) -> None:
    """Printed with every <details> closed, the report has as many pages as with all open."""
    closed = re.sub(r"<details([^>]*) open", r"<details\1", report)
    assert "<details" in closed and not re.search(r"<details[^>]* open", closed)
    pages = {}
    for name, text in (("open", report), ("closed", closed)):
        page = tmp_path / f"{name}.html"
        page.write_text(text, encoding="utf-8")
        pdf = tmp_path / f"{name}.pdf"
        chromium(tmp_path, page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
        pages[name] = pdf_pages(pdf)
    assert pages["closed"] == pages["open"] > 5
