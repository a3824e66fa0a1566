"""Hypothesis: any valid model survives model -> YAML -> model unchanged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import spec, yamlsafe
from argmap.model import Claim, Paper, Position, Tension

slug = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True)
text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1,
               max_size=40).filter(lambda s: s.strip())
scalar_value = st.one_of(st.integers(-3, 3), slug)


def claims(max_depth: int) -> st.SearchStrategy[Claim]:
    children = st.lists(st.deferred(lambda: claims(max_depth - 1)), max_size=2) if max_depth else st.just([])
    return st.builds(
        Claim, id=slug, text=text, quote=text, locator=text,
        tags=st.lists(slug, max_size=3),
        lean=st.dictionaries(st.from_regex(r"[a-z]{1,6}(\.[a-z]{1,6})?", fullmatch=True), scalar_value, max_size=2),
        reported_by=st.one_of(st.none(), text),
        weight=st.one_of(st.none(), st.floats(0, 1)),
        premises=children, counterpoints=children,
    )


papers = st.builds(
    Paper, id=slug, title=text, authors=st.lists(text, min_size=1, max_size=3), year=st.integers(1900, 2100),
    thesis=claims(3), year_note=st.one_of(st.none(), text), venue=st.one_of(st.none(), text),
    source=st.one_of(st.none(), text),
    positions=st.dictionaries(slug, st.builds(Position, value=scalar_value, evidence=st.lists(slug, max_size=2),
                                              note=st.one_of(st.just(""), text)), max_size=3),
    tensions=st.lists(st.builds(Tension, a=slug, b=slug, note=text), max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(papers)
def test_paper_round_trips_through_yaml(paper: Paper) -> None:
    text_yaml = yamlsafe.dump(spec.to_data(paper))
    data, problems = yamlsafe.parse(text_yaml.encode("utf-8"), "<roundtrip>")
    assert problems == []
    back, issues = spec.convert(Paper, data)
    assert issues == []
    assert back == paper


@settings(max_examples=60, deadline=None)
@given(papers)
def test_every_export_renders_any_valid_model(paper: Paper) -> None:
    """No exporter fails on any text a map may hold, and none lets a raw newline into a one-line label."""
    from pathlib import Path

    from argmap.exporters import FORMATS, export
    from argmap.model import Corpus

    for i, node in enumerate(list(paper.claims())):  # valid maps have unique claim ids
        node.claim.id = f"c{i}"
    corpus = Corpus(root=Path("."), origin="test", papers={paper.id: paper}, axes={})
    for fmt in FORMATS:
        out = export(corpus, [paper], fmt)
        assert out.strip(), fmt
    import re

    nodes = [line for line in export(corpus, [paper], "mermaid").splitlines() if '["' in line]
    assert len(nodes) == len(list(paper.claims()))  # one node a line: no label broke out of its quotes
    assert all(re.fullmatch(r'\s+n\d+\["[^"]*"\]:::\w+', line) for line in nodes), nodes


# --- graphs: several roots, edges by id, undercuts, through every format -----------------------

import json as _json  # noqa: E402

from graphs import graph_papers, skeleton  # noqa: E402

from argmap.exporters import export as _export  # noqa: E402
from argmap.importers import importer  # noqa: E402
from argmap.text import printable  # noqa: E402


def _corpus(*papers: Paper):  # type: ignore[no-untyped-def]
    from pathlib import Path

    from argmap.model import Corpus

    return Corpus(root=Path("."), origin="test", papers={p.id: p for p in papers}, axes={})


def _back(paper: Paper, fmt: str) -> Paper:
    """The paper exported to `fmt` and imported again, checked as a map."""
    data = importer(fmt).parse(_export(_corpus(paper), [paper], fmt), paper.id)
    back, issues = spec.convert(Paper, data)
    assert issues == [], issues
    return back  # type: ignore[no-any-return]


@settings(max_examples=150, deadline=None)
@given(graph_papers())
def test_graph_round_trips_through_yaml_and_json(paper: Paper) -> None:
    data, problems = yamlsafe.parse(yamlsafe.dump(spec.to_data(paper)).encode("utf-8"), "<roundtrip>")
    assert problems == [] and spec.convert(Paper, data) == (paper, [])
    doc = _json.loads(_export(_corpus(paper), [paper], "json"))
    assert spec.convert(Paper, doc["papers"][0]) == (paper, [])


@settings(max_examples=150, deadline=None)
@given(graph_papers())
def test_graph_round_trips_through_argdown_unchanged(paper: Paper) -> None:
    """Argdown carries everything: the trees as written, the roots, edges by id, undercuts, every field."""
    assert _back(paper, "argdown") == paper


@settings(max_examples=150, deadline=None)
@given(graph_papers())
def test_graph_round_trips_through_aif(paper: Paper) -> None:
    """AIF keeps ids, texts, the trees, the roots, edges by id and undercuts, and who holds a reported view;
    a quote only where a locution carries it (a reported view's); not locators, tags, lean, weights or the
    paper's fields."""
    back = _back(paper, "aif")
    assert [n.claim.id for n in back.claims()] == [n.claim.id for n in paper.claims()]
    assert skeleton(back) == skeleton(paper)
    for n, m in zip(paper.claims(), back.claims()):
        holder = n.claim.reported_by and n.claim.reported_by.strip()
        assert m.claim.reported_by == holder
        assert m.claim.quote == ((n.claim.quote or "").strip() or None if holder else None)


@settings(max_examples=150, deadline=None)
@given(graph_papers())
def test_graph_round_trips_through_kialo(paper: Paper) -> None:
    """Kialo keeps the trees, the roots in order, edges by id (as `-> See n.`) and each text on one line;
    not ids, undercuts or any other field. The title comes back as the discussion's name."""
    back = _back(paper, "kialo")
    assert skeleton(back) == skeleton(paper, printable, undercuts=False)
    assert back.title == printable(paper.title)
    assert all(not n.claim.undercuts and n.claim.quote is None for n in back.claims())


@settings(max_examples=5, deadline=None)
@given(st.lists(graph_papers(), min_size=1, max_size=4, unique_by=lambda p: p.id))
def test_the_argdown_cli_reads_graph_exports(papers: list[Paper]) -> None:
    """The real parser (the oracle) finds one statement per claim and exactly the graph's edges, the roots'
    and those by id included, in an export of several graphs at once."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    import pytest

    from argmap.exporters.argdown import title
    from argmap.graph import graph

    cli = shutil.which("argdown")
    if cli is None:
        pytest.skip("the Argdown CLI is not installed (npm install -g @argdown/cli@1.7.5)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graphs.argdown"
        path.write_text(_export(_corpus(*papers), papers, "argdown"), encoding="utf-8")
        run = subprocess.run([cli, "json", str(path), "--stdout", "--silent"], capture_output=True, text=True,
                             timeout=300)
    doc = _json.loads(run.stdout)
    assert sorted(doc["statements"]) == sorted(title(p.id, n.claim.id) for p in papers for n in p.claims())
    found = sorted((r["from"], r["to"], r["relationType"]) for r in doc["relations"])
    assert found == sorted((title(p.id, e.source), title(p.id, e.target), e.kind) for p in papers
                           for e in graph(p).edges)
