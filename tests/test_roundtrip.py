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
