"""The offline HTML report: structure, escaping, self-containment, and a real headless Chromium.

The Chromium tests load the file from disk with networking features off and
fail on any console message (a blocked fetch, a CSP violation or a script
error would all print one), then check the screenshots and the DOM Chromium
built. A copy of the bundled corpus with markup planted in a claim checks
that nothing planted becomes an element or runs.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from argmap.load import load_corpus
from argmap.model import Corpus
from argmap.report import render_report
from conftest import BUNDLED

SECTIONS = ["papers", "alignment", "balancing", "matrix", "tensions", "links"]
PLANT = ('Planted <script>document.title="PWNED";document.body.insertAdjacentHTML("beforeend",'
         '"<p id=pwned>PWNED</p>")</script><img src=x onerror="document.title=\'PWNED\'">'
         '<b id="planted-markup">bold</b> "q" \'s\' \u202e end')
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt install chromium)")
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}


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


class Document(HTMLParser):
    """Tags, ids, internal links and nesting errors of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)  # <line .../> in inline SVG

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((name, value or ""))
            if name == "id":
                self.ids.append(value or "")
            if name == "href":
                self.hrefs.append(value or "")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @classmethod
    def read(cls, document: str) -> Document:
        parser = cls()
        parser.feed(document)
        parser.close()
        return parser


# --- structure and self-containment ------------------------------------------------

def test_report_structure(bundled: Corpus, report: str) -> None:
    doc = Document.read(report)
    assert doc.errors == [] and doc.stack == []
    assert len(doc.ids) == len(set(doc.ids)), "duplicate ids"
    positions = [doc.ids.index(s) for s in SECTIONS]
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
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(doc.tags)
    assert not [a for a in doc.attrs if a[0] in ("src", "srcset", "action", "xlink:href") or a[0].startswith("on")]
    assert not re.search(r"https?://|@import|url\(|@font-face", report)
    assert "Content-Security-Policy" in report and "default-src 'none'" in report


def test_report_sections_hold_the_comparisons(bundled: Corpus, report: str) -> None:
    def section(name: str) -> str:
        return report.split(f'<section id="{name}">')[1].split("</section>")[0]

    alignment = section("alignment")
    stating = [p for p in bundled.papers.values() if "alignment" in p.positions and p.positions["alignment"].stated]
    assert alignment.count("<circle") == len(stating) > 0
    assert all(f">{p.id}</text>" in alignment for p in stating)
    balancing = section("balancing")
    subjects = bundled.axes["balancing"].subjects
    cells = re.findall(r'<td class="cell" style="background:hsl\(\d+ 70% 86%\)"', balancing)
    assert len(cells) == len(bundled.papers) * len(subjects) + len(bundled.axes["balancing"].values)  # + legend
    matrix = section("matrix")
    assert matrix.count('<td class="cell"') == len(bundled.papers) ** 2
    assert section("links").count("<tr>") == len(bundled.links) + 1  # + header
    assert "recorded by the encoders" in section("tensions")
    readings = section("readings")  # the shipped second reading, as argmap agree reports it
    from argmap.compare.agree import shipped_agreement

    (agreed,) = shipped_agreement(bundled)
    assert "<code>reader2</code>" in readings
    assert readings.count("<tr>") == len(agreed["axes"]) + 1 + (len(agreed["contested"]) + 1 if agreed["contested"] else 0)


def test_report_without_the_named_axes(tmp_path: Path) -> None:
    corpus = load_corpus(BUNDLED, use_cache=False)
    del corpus.axes["alignment"], corpus.axes["balancing"]
    for paper in corpus.papers.values():  # what validation would demand of such a corpus
        paper.positions = {a: p for a, p in paper.positions.items() if a.partition(".")[0] in corpus.axes}
        for n in paper.claims():
            n.claim.lean = {a: v for a, v in n.claim.lean.items() if a.partition(".")[0] in corpus.axes}
    report = render_report(corpus)
    assert "no axis &#x27;alignment&#x27;" in report and "no axis &#x27;balancing&#x27;" in report
    assert Document.read(report).errors == []


def test_planted_markup_is_escaped(planted: Corpus) -> None:
    report = render_report(planted)
    doc = Document.read(report)
    assert doc.errors == []
    assert "<script" not in report and "<img" not in report and "<b id" not in report and "\u202e" not in report
    assert "&lt;script&gt;document.title=&quot;PWNED&quot;" in report
    shown = PLANT.replace("\u202e", "[U+202E]")
    # title (summary), thesis text, locator, link note: each shown literally
    assert "".join(doc.text).count(shown) >= 4


# --- real Chromium -------------------------------------------------------------------

def chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One headless Chromium run on a fresh profile, offline-minded, with console messages on stderr."""
    assert CHROMIUM is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={profile}",
               "--enable-logging=stderr", "--v=0", *args, page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
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
    for name in SECTIONS:
        assert f'id="{name}"' in dom
    assert dom.count('<details class="paper" open=""') == len(bundled.papers)
    assert "<svg" in dom and "<circle" in dom


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
