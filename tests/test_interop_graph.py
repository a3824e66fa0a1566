"""Graph and text exports, tree pictures: golden files, real Graphviz, hostile text.

Hostile text is checked by reading each output back with a real reader of
its format: Graphviz for DOT, markdown-it (CommonMark) for Markdown, the
stdlib HTML parser for HTML, the csv module for CSV, and Mermaid's own
entity decoding for Mermaid labels.
"""

from __future__ import annotations

import copy
import csv
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import markupsafe
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import UsageError
from argmap.exporters import export, mermaid
from argmap.exporters.html import Html, printable
from argmap.exporters.markdown import md
from argmap.load import load_corpus
from argmap.model import Corpus
from argmap.picture import draw_tree
from conftest import BUNDLED, MINI
from htmldoc import Document

DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(DOT is None, reason="Graphviz 'dot' is not on PATH (apt install graphviz)")

# Everything that has broken one of these formats somewhere: markup, both quotes,
# closing brackets, an arrow, a Mermaid comment and keyword, backticks, a newline,
# a bidi override, entities, a trailing backslash.
HOSTILE = ("A <script>alert(1)</script> \"dq\" 'sq' ] } ) --> `tick` %% end\nnext \u202e evil "
           "& &amp; #quot; [x](y) *em* _u_ | ~s~ <!-- c --> \\")
SHOWN = HOSTILE.replace("\n", " ").replace("\u202e", "[U+202E]")  # what a reader must see
# Text drawn mostly from characters that mean something in one of the formats.
MARKUP = st.text(st.one_of(st.sampled_from(list("*_`[]()<>{}#!&;%|~$=+-.:1a \n\t\\\"'\u202e")), st.characters()))


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    return load_corpus(BUNDLED, "bundled", use_cache=False)


@pytest.fixture
def hostile() -> Corpus:
    """The mini corpus with every displayed text replaced by hostile text."""
    corpus = load_corpus(MINI, use_cache=False)
    for paper in corpus.papers.values():
        paper.title = HOSTILE
        for n in paper.claims():
            n.claim.text = HOSTILE
            n.claim.quote = "- " + HOSTILE  # a leading '-' would start a list in Markdown
            n.claim.locator = "1. " + HOSTILE  # and '1.' an ordered one
    return corpus


def run_dot(source: str, fmt: str = "svg") -> subprocess.CompletedProcess[str]:
    assert DOT is not None
    return subprocess.run([DOT, f"-T{fmt}"], input=source, capture_output=True, text=True, timeout=60, check=False)


# --- golden files ---------------------------------------------------------------

@pytest.mark.parametrize("fmt,suffix", [("dot", "dot"), ("mermaid", "mmd"), ("csv", "csv"), ("markdown", "md"),
                                        ("kialo", "kialo")])
def test_export_golden(bundled, golden, fmt: str, suffix: str) -> None:  # type: ignore[no-untyped-def]
    golden(f"export_rezapour2020.{suffix}", export(bundled, [bundled.papers["rezapour2020"]], fmt))


# --- DOT with real Graphviz -----------------------------------------------------

@needs_dot
@pytest.mark.parametrize("which", ["dubey2021", "haiszky2024", "kusuma2021", "rezapour2020", "shah2024", "--all"])
def test_dot_lays_out_without_warnings(bundled, which: str) -> None:  # type: ignore[no-untyped-def]
    papers = list(bundled.papers.values()) if which == "--all" else [bundled.papers[which]]
    done = run_dot(export(bundled, papers, "dot"))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    svg = ET.fromstring(done.stdout)
    nodes = svg.findall(".//{http://www.w3.org/2000/svg}g[@class='node']")
    assert len(nodes) == sum(1 for p in papers for _ in p.claims())


def test_dot_structure(bundled) -> None:  # type: ignore[no-untyped-def]
    text = export(bundled, list(bundled.papers.values()), "dot")
    assert text.count("subgraph \"cluster_") == len(bundled.papers)
    support = re.findall(r'^\s*"(\S+)" -> "(\S+)" \[color="#1a7f37", style=solid, arrowhead=normal\];$', text, re.M)
    attack = re.findall(r'^\s*"(\S+)" -> "(\S+)" \[color="#cf222e", style=dashed, arrowhead=tee\];$', text, re.M)
    links = re.findall(r'^\s*"(\S+)" -> "(\S+)" \[style=dotted, .*label=<(\w+)>\];$', text, re.M)
    roles = [n.role for p in bundled.papers.values() for n in p.claims()]
    assert len(support) == roles.count("premise")
    assert len(attack) == roles.count("counterpoint") + roles.count("rebuttal")
    assert [(a, b, r) for a, b, r in links] == [(k.a, k.b, k.relation) for k in bundled.links]
    one = export(bundled, [bundled.papers["rezapour2020"]], "dot")
    assert "subgraph" not in one and "style=dotted" not in one  # links need both papers


@needs_dot
def test_dot_hostile_labels_survive_graphviz(hostile) -> None:  # type: ignore[no-untyped-def]
    done = run_dot(export(hostile, list(hostile.papers.values()), "dot"))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    ns = "{http://www.w3.org/2000/svg}"
    nodes = ET.fromstring(done.stdout).findall(f".//{ns}g[@class='node']")
    seen = {}
    for node in nodes:
        title = node.findtext(f"{ns}title")
        seen[title] = " ".join(" ".join((t.text or "").strip() for t in node.findall(f"{ns}text")).split())
    expected = {f"{p.id}#{n.claim.id}": f"{n.claim.id} · {n.role} {SHOWN}"
                for p in hostile.papers.values() for n in p.claims()}
    assert seen == expected


def test_dot_labels_are_escaped_by_the_one_html_rule(bundled) -> None:  # type: ignore[no-untyped-def]
    """Graphviz's HTML-like labels are escaped as the HTML pages are (Html), not by a second rule of their own."""
    from argmap.exporters.html import Html

    paper = copy.deepcopy(bundled.papers["rezapour2020"])
    text = """A & B < C > D "q" 's'"""
    paper.thesis.text = text
    out = export(bundled, [paper], "dot")
    assert f"{Html.escape(text)}<BR" in out and "&quot;" not in out and "&#x27;" not in out


# --- Mermaid --------------------------------------------------------------------

STATEMENT = re.compile("|".join([
    r"flowchart BT",
    r'\s+n\d+\["[^"]*"\]:::(thesis|premise|counterpoint|rebuttal)',
    r'\s+subgraph p\d+\["[^"]*"\]',
    r"\s+end",
    r"\s+n\d+ (-->|-\.->) n\d+",
    r"\s+n\d+ -\.-\|[a-z]+\| n\d+",
    r'\s+i\d+\(\(" "\)\):::inference',  # the dot on an undercut inference
    r"\s+n\d+ (---|-\.-) i\d+",  # an undercut inference: up to its dot,
    r"\s+i\d+ (-->|-\.->) n\d+",  # on from it,
    r"\s+n\d+ -\.-> i\d+",  # and the undercut
    r"\s+classDef \w+ [^\s;]+",
    r"\s+linkStyle [\d,]+ stroke:#[0-9a-f]{6}(,stroke-width:3px)?",
]))


def decode(label: str) -> str:
    """What Mermaid displays for a quoted label: its entities decoded, line breaks as spaces."""
    inner = label.replace("<br/>", " ").replace("<b>", "").replace("</b>", "")
    assert not set(inner) & set('<>"`[]{}|%\\'), inner  # nothing left that Mermaid could read as syntax
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), inner)


def test_mermaid_hostile_text_cannot_break_the_syntax(hostile) -> None:  # type: ignore[no-untyped-def]
    text = export(hostile, list(hostile.papers.values()), "mermaid")
    for line in text.splitlines():
        assert STATEMENT.fullmatch(line), line
    labels = [decode(m) for m in re.findall(r'^\s+n\d+\["([^"]*)"\]', text, re.M)]
    claims = [n for p in hostile.papers.values() for n in p.claims()]
    assert labels == [f"{n.claim.id} · {n.role} {SHOWN}" for n in claims]
    assert text.count(" --> ") == sum(n.role == "premise" for n in claims)
    assert text.count(" -.-> ") == sum(n.role in ("counterpoint", "rebuttal") for n in claims)
    assert len(re.findall(r" -\.-\|(agrees|contradicts)\| ", text)) == len(hostile.links)


@given(MARKUP)
@settings(max_examples=300, deadline=None)
def test_mermaid_label_round_trip(text: str) -> None:
    assert " ".join(decode(mermaid.entity(text)).split()) == printable(text)


# --- Markdown, HTML, CSV ----------------------------------------------------------


def commonmark(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def test_markdown_hostile_text_stays_literal(hostile) -> None:  # type: ignore[no-untyped-def]
    paper = hostile.papers["smith2020"]
    rendered = Document.read(commonmark(export(hostile, [paper], "markdown")))
    n_claims = sum(1 for _ in paper.claims())
    assert set(rendered.tags) == {"h1", "p", "code", "ul", "li", "strong", "blockquote", "em"}
    assert rendered.tags.count("li") == rendered.tags.count("blockquote") == n_claims
    assert rendered.tags.count("ul") == 1 + sum(1 for n in paper.claims() if n.claim.premises or n.claim.counterpoints)
    assert rendered.folded.count(f"thesis t: {SHOWN}") == 1
    assert rendered.folded.count(f"- {SHOWN}") == n_claims
    assert rendered.folded.count(f"— 1. {SHOWN}") == n_claims


@given(MARKUP)
@settings(max_examples=300, deadline=None)
def test_markdown_escape_round_trip(text: str) -> None:
    for context in ("> {}", "- **premise** `p1`: {}"):
        rendered = Document.read(commonmark(context.format(md(text))))
        assert set(rendered.tags) <= {"blockquote", "p", "ul", "li", "strong", "code"}
        assert rendered.folded.endswith(printable(text))


def test_html_hostile_text_is_escaped(hostile) -> None:  # type: ignore[no-untyped-def]
    page = export(hostile, list(hostile.papers.values()), "html")
    assert "<script" not in page.lower() and "\u202e" not in page
    assert str(markupsafe.escape(SHOWN)) in page
    read = Document.read(page)
    assert set(read.tags) <= {"html", "head", "meta", "title", "style", "body", "article", "h1", "p", "code", "ul",
                              "li", "details", "summary", "span", "div", "blockquote", "cite"}
    n_claims = sum(1 for p in hostile.papers.values() for _ in p.claims())
    assert read.folded.count(SHOWN) == len(hostile.papers) + 3 * n_claims  # titles; texts, quotes, locators
    assert read.tags.count("li") == n_claims


@given(MARKUP)
@settings(max_examples=300, deadline=None)
def test_html_escape_round_trip(text: str) -> None:
    read = Document.read(f"<p title=\"{Html.escape(text)}\">{Html.escape(text)}</p>")  # pages and dot labels
    assert read.tags == ["p"] and "".join(read.text) == printable(text)


def test_printable_shows_controls_and_bidi_overrides() -> None:
    assert printable("a\u202eb\u2066c\x00d\u200ce  f\n") == "a[U+202E]b[U+2066]c[U+0000]d\u200ce f"


def test_csv_text_is_printable_as_in_every_export(hostile) -> None:  # type: ignore[no-untyped-def]
    from argmap.text import printable

    rows = list(csv.DictReader(io.StringIO(export(hostile, list(hostile.papers.values()), "csv"))))
    nodes = [(p.id, n) for p in hostile.papers.values() for n in p.claims()]
    assert [(r["paper"], r["id"], r["role"], r["parent"], r["depth"]) for r in rows] == [
        (pid, n.claim.id, n.role, n.parent or "", str(n.depth)) for pid, n in nodes]
    assert {r["text"] for r in rows} == {printable(HOSTILE)}  # a spreadsheet or `cat` shows what it says
    assert {r["locator"] for r in rows} == {printable("1. " + HOSTILE)}
    assert rows[0]["tags"] == ";".join(nodes[0][1].claim.tags)


# --- pictures ---------------------------------------------------------------------

@needs_dot
def test_draw_tree_svg_and_png(bundled) -> None:  # type: ignore[no-untyped-def]
    paper = bundled.papers["kusuma2021"]
    svg = draw_tree(bundled, paper, "svg")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(root.findall(".//{http://www.w3.org/2000/svg}g[@class='node']")) == sum(1 for _ in paper.claims())
    png = draw_tree(bundled, paper, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000


def test_draw_tree_without_graphviz_names_the_package(bundled, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from argmap.errors import ToolError

    monkeypatch.setattr("argmap.picture.shutil.which", lambda name: None)
    with pytest.raises(ToolError, match="graphviz"):
        draw_tree(bundled, bundled.papers["kusuma2021"], "svg")


def test_draw_tree_rejects_other_formats(bundled) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="svg, png"):
        draw_tree(bundled, bundled.papers["kusuma2021"], "gif")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed (apt-get install graphviz)")
def test_cli_tree_to_svg_and_png(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    svg, png = tmp_path / "t.svg", tmp_path / "t.png"
    assert cli("tree", "rezapour2020", "--to", "svg", "-o", svg, "--corpus", BUNDLED).exit_code == 0
    assert svg.read_text().lstrip().startswith(("<?xml", "<svg")) and "rezapour2020" in svg.read_text()
    assert cli("tree", "rezapour2020", "-o", png, "--corpus", BUNDLED).exit_code == 0  # format from the suffix
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = cli("tree", "rezapour2020", "--to", "gif", "-o", tmp_path / "t.gif", "--corpus", BUNDLED)
    assert bad.exit_code == 2 and "--to svg|png" in bad.stderr
