"""`verify`: quotes checked against the full texts (exact / near / missing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import UsageError
from argmap.load import load_corpus
from argmap.verify import clean, find_sources, verify

from conftest import BUNDLED, FIXTURES, MINI, SOURCES

FIXTURE_SOURCES = FIXTURES / "sources"


def test_clean_removes_conversion_artefacts() -> None:
    raw = "the two powers converge<sup>3</sup> against **the** hege-\nmon &amp; “friends” _here_ — ok"
    assert clean(raw) == 'the two powers converge against the hegemon & "friends" here - ok'


def test_fixture_quotes_exact_near_and_missing() -> None:
    data = verify(load_corpus(MINI, use_cache=False), FIXTURE_SOURCES)
    status = {q["id"]: q for q in data["quotes"] if q["paper"] == "smith2020"}
    # t spans a <sup> marker, p1 a hyphenated line break, r1 markdown emphasis: all exact once cleaned
    assert {k: v["status"] for k, v in status.items()} == {
        "t": "exact", "p1": "exact", "p2": "near", "c1": "missing", "r1": "exact"}
    assert status["p2"]["closest"] == "gas contracts anchor the entire trade relationship."
    assert 80 <= status["p2"]["score"] < 100
    assert data["missing_sources"] == [{"paper": "jones2021", "source": None, "problem": "no 'source' in the map"}]
    assert data["counts"] == {"exact": 3, "near": 1, "missing": 1, "unquoted": 0} and data["ok"] is False


def test_cli_exit_codes_and_report(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("verify", "--sources", FIXTURE_SOURCES, "--corpus", MINI, "--format", "plain")
    assert r.exit_code == 1
    assert "near 89.8  smith2020#p2 (II. Economy)" in r.stdout and "missing" in r.stdout and "closest:" in r.stdout
    assert r.stdout.rstrip().endswith("3 exact, 1 near, 1 missing quotes (sources: " + str(FIXTURE_SOURCES)
                                       + "); 1 papers without a source text")


def test_sources_discovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="pass --sources DIR or set ARGMAP_SOURCES"):
        find_sources()
    (tmp_path / "papers").mkdir()
    assert find_sources() == Path("papers")
    monkeypatch.setenv("ARGMAP_SOURCES", str(FIXTURE_SOURCES))
    assert find_sources() == FIXTURE_SOURCES
    with pytest.raises(UsageError, match="does not exist"):
        find_sources(tmp_path / "nope")


@pytest.mark.skipif(not SOURCES.is_dir(), reason=f"full texts not present at {SOURCES} (they are never committed)")
def test_every_bundled_quote_is_exact(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("verify", "--sources", SOURCES, "--corpus", BUNDLED, "--format", "json")
    data = r.json()
    bad = [f"{q['paper']}#{q['id']}: {q['status']}" for q in data["quotes"] if q["status"] != "exact"]
    assert bad == [] and data["missing_sources"] == [] and r.exit_code == 0
    assert data["counts"]["exact"] >= 5 * 14  # every paper: thesis + >= 8 premises + >= 5 counterpoints


def test_bundled_quotes_are_short_verbatim_passages() -> None:
    corpus = load_corpus(BUNDLED, use_cache=False)
    lengths = {f"{p.id}#{n.claim.id}": len(n.claim.quote.split()) for p in corpus.papers.values() for n in p.claims()}
    assert {ref: n for ref, n in lengths.items() if not 5 <= n <= 40} == {}
