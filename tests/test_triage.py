"""Triage that is remembered: link accept/dismiss and tensions accept/dismiss, in decisions.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argmap.compare import diff, tensions
from argmap.errors import InputError, UsageError
from argmap.load import load_corpus
from argmap.suggest import suggest_links
from argmap.triage import dismiss_link, judge_tension, load_decisions

from conftest import MINI


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "c")
    return tmp_path / "c"


def test_a_dismissed_pair_is_never_suggested_again_by_suggest_or_diff(root: Path) -> None:
    corpus = load_corpus(root, use_cache=False)
    assert suggest_links(corpus, "smith2020#p1")["candidates"][0]["ref"] == "jones2021#c1"
    pair = {("p1", "c1")}
    assert pair <= {(m["a"]["id"], m["b"]["id"]) for m in diff(corpus, corpus.papers["smith2020"],
                                                                 corpus.papers["jones2021"])["matches"]}
    dismiss_link(root, "smith#p1", "jones2021#c1")  # surnames resolve as everywhere
    corpus = load_corpus(root, use_cache=False)
    assert "jones2021#c1" not in [c["ref"] for c in suggest_links(corpus, "smith2020#p1", limit=None)["candidates"]]
    matches = diff(corpus, corpus.papers["smith2020"], corpus.papers["jones2021"])["matches"]
    assert not pair & {(m["a"]["id"], m["b"]["id"]) for m in matches}
    assert [(p.a, p.b) for p in load_decisions(corpus).unrelated] == [("smith2020#p1", "jones2021#c1")]


def test_tension_verdicts_move_or_drop_the_candidate(root: Path) -> None:
    def jones() -> dict:  # type: ignore[type-arg]
        corpus = load_corpus(root, use_cache=False)
        return tensions(corpus, [corpus.papers["jones2021"]])["papers"][0]  # type: ignore[return-value]

    before = jones()
    assert [(d["a"]["id"], d["b"]["id"]) for d in before["detected"]] == [("p1", "c1")] and not before["recorded"]
    judge_tension(root, "jones2021#p1", "jones2021#c1", "accepted", "mistrust persists,  yet trade boomed")
    after = jones()
    assert after["detected"] == [] and [(r["a"]["id"], r["b"]["id"], r["note"]) for r in after["recorded"]] == [
        ("p1", "c1", "mistrust persists, yet trade boomed")]
    with pytest.raises(UsageError, match="already accepted"):
        judge_tension(root, "jones2021#c1", "jones2021#p1", "dismissed")


def test_dismissed_tension_is_not_detected_and_not_recorded(root: Path) -> None:
    judge_tension(root, "jones2021#p1", "jones2021#c1", "dismissed")
    corpus = load_corpus(root, use_cache=False)
    paper = tensions(corpus, [corpus.papers["jones2021"]])["papers"][0]
    assert paper["detected"] == [] and paper["recorded"] == []


@pytest.mark.parametrize("call, message", [
    (lambda r: dismiss_link(r, "smith2020#p9", "jones2021#c1"), "unknown claim 'smith2020#p9'"),
    (lambda r: dismiss_link(r, "smith2020#p1", "smith2020#c1"), "two different papers"),
    (lambda r: dismiss_link(r, "smith2020#c1", "jones2021#p1"), "already linked"),
    (lambda r: dismiss_link(r, "smith2020", "jones2021#p1"), "PAPER#CLAIM"),
    (lambda r: judge_tension(r, "smith2020#t", "jones2021#c1", "dismissed"), "one paper"),
    (lambda r: judge_tension(r, "jones2021#p1", "jones2021#c1", "accepted"), "needs a one-line --note"),
])
def test_bad_decisions_are_refused_and_nothing_is_written(root: Path, call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match=message):
        call(root)
    assert not (root / "decisions.yaml").exists()


def test_a_hand_broken_decisions_file_is_reported_at_its_line(root: Path) -> None:
    (root / "decisions.yaml").write_text("unrelated:\n  - a: smith2020#p1\n    b: jones2021#p9\n")
    with pytest.raises(InputError) as e:
        load_decisions(load_corpus(root, use_cache=False))
    assert "decisions.yaml:2:" in str(e.value.problems[0]) and "unknown claim 'jones2021#p9'" in str(e.value.problems[0])


def test_the_file_is_diffable_yaml_and_the_maps_still_load(root: Path) -> None:
    import yaml

    dismiss_link(root, "smith2020#p1", "jones2021#c1")
    judge_tension(root, "jones2021#p1", "jones2021#c1", "accepted", "note")
    text = (root / "decisions.yaml").read_text()
    assert text.startswith("# Review decisions") and yaml.safe_load(text) == {
        "unrelated": [{"a": "smith2020#p1", "b": "jones2021#c1"}],
        "tensions": [{"a": "jones2021#p1", "b": "jones2021#c1", "verdict": "accepted", "note": "note"}]}
    assert sorted(load_corpus(root, use_cache=False).papers) == ["jones2021", "smith2020"]  # not read as a map


def test_cli_triage_commands(cli, root: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("link", "dismiss", "smith2020#p1", "jones2021#c1", "-c", root)
    assert r.exit_code == 0 and "dismissed" in r.stdout
    r = cli("link", "accept", "smith2020#p2", "jones2021#p3", "-r", "agrees", "-m", "gas deals", "-c", root)
    assert r.exit_code == 0, r.stderr
    assert ("smith2020#p2", "jones2021#p3") in {(l.a, l.b) for l in load_corpus(root, use_cache=False).links}
    r = cli("tensions", "dismiss", "jones#p1", "jones#c1", "-c", root)
    assert r.exit_code == 0 and "dismissed" in r.stdout
    assert cli("tensions", "jones", "-c", root, "-f", "json").json()["detected"] == 0
    assert cli("tensions", "accept", "jones#p1", "-c", root).exit_code == 2
    from conftest import BUNDLED

    r = cli("link", "dismiss", "shah2024#p1", "dubey2021#p1", "-c", BUNDLED)
    assert r.exit_code == 2 and "read-only" in r.stderr
