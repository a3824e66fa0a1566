"""Triage that is remembered: link accept/dismiss and tensions accept/dismiss, in decisions.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# --- validate checks decisions.yaml ------------------------------------------------------------------


@pytest.mark.parametrize("text, line, message", [
    ("unrelated:\n  - a: smith2020#p1\n    b: jones2021#p9\n", 2, "unknown claim 'jones2021#p9'"),
    ("unrelated:\n  - {a: smith2020#p1, b: jones2021#c1}\n  - {a: jones2021#c1, b: smith2020#p1}\n", 3,
     "decided twice"),
    ("tensions:\n  - a: jones2021#p1\n    verdict: dismissed\n", 2, "either the other claim (b) or the position"),
    ("tensions:\n  - a: jones2021#p1\n    axis: alignmnt\n    verdict: dismissed\n", 2, "unknown address 'alignmnt'"),
    ("tensions:\n  - a: jones2021#p1\n    verdict: maybe\n    b: jones2021#c1\n", 3, "'maybe' is not one of accepted, dismissed"),
])
def test_validate_reports_a_broken_decisions_file_at_its_line(cli, root: Path, text: str, line: int,
                                                                message: str) -> None:  # type: ignore[no-untyped-def]
    (root / "decisions.yaml").write_text(text)
    r = cli("validate", "-c", root, "-f", "json")
    assert r.exit_code == 1, r.stdout
    (problem,) = r.json()["problems"]
    assert problem["file"].endswith("decisions.yaml") and problem["line"] == line and message in problem["message"]
    assert cli("validate", root / "decisions.yaml", "-f", "json").json()["count"] == 1  # the file on its own
    assert cli("validate", root / "smith2020.yaml", "-f", "json").json()["count"] == 0  # not a map's problem


def test_validate_passes_decisions_argmap_wrote(cli, root: Path) -> None:  # type: ignore[no-untyped-def]
    dismiss_link(root, "smith2020#p1", "jones2021#c1")
    judge_tension(root, "jones2021#p1", "jones2021#c1", "dismissed")
    assert cli("validate", "-c", root).exit_code == 0


def test_a_lower_layers_decision_may_not_name_an_upper_layers_claim(cli, root: Path,
                                                                    tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Decisions follow the link rule: a layer sees itself and what it builds on, never what builds on it
    (used alone, or under another top, the lower layer's decision would name nothing)."""
    from test_layered import mine

    top = mine(tmp_path / "top", builds_on=str(root))
    (root / "decisions.yaml").write_text("unrelated:\n  - a: smith2020#p1\n    b: doe2025#t\n")
    for args in (("-c", top), ("-c", top, "-c", root), (root,)):  # the folder top alone: not what it builds on
        r = cli("validate", *args, "-f", "json")
        assert r.exit_code == 1, (args, r.stdout)
        (problem,) = r.json()["problems"]
        assert Path(problem["file"]).resolve() == (root / "decisions.yaml").resolve(), args
        assert (problem["line"], problem["column"]) == (2, 5), args
        assert "doe2025" in problem["message"], problem
    (top / "decisions.yaml").write_text("unrelated:\n  - a: smith2020#p1\n    b: doe2025#t\n")  # the top may
    (root / "decisions.yaml").unlink()
    assert cli("validate", "-c", top).exit_code == 0


# --- every kind of tension candidate can be judged ------------------------------------------------------


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    from conftest import BUNDLED

    shutil.copytree(BUNDLED, tmp_path / "b", ignore=shutil.ignore_patterns("readings", "__*"))
    return tmp_path / "b"


def _rezapour(root: Path) -> dict:  # type: ignore[type-arg]
    corpus = load_corpus(root, use_cache=False)
    return tensions(corpus, [corpus.papers["rezapour2020"]])["papers"][0]  # type: ignore[return-value]


def test_a_claim_against_the_position_can_be_dismissed_or_accepted(bundled: Path) -> None:
    def against(paper: dict) -> set[tuple[str, str]]:  # type: ignore[type-arg]
        return {(d["b"]["id"], d["axis"]) for d in paper["detected"] if d["kind"] == "position_vs_lean"}

    before = _rezapour(bundled)
    assert {("p5", "alignment"), ("p6", "alignment")} <= against(before)
    judge_tension(bundled, "rezapour2020#p5", "alignment", "dismissed")
    judge_tension(bundled, "rezapour#p6", "alignment", "accepted", "argues close cooperation, codes -1")
    after = _rezapour(bundled)
    assert against(after) == against(before) - {("p5", "alignment"), ("p6", "alignment")}
    assert [(a["b"]["id"], a["axis"], a["a"]["position"], a["note"]) for a in after["against_positions"]] == [
        ("p6", "alignment", -1, "argues close cooperation, codes -1")]
    assert len(after["detected"]) == len(before["detected"]) - 2 and after["recorded"] == before["recorded"]
    with pytest.raises(UsageError, match="already dismissed"):
        judge_tension(bundled, "rezapour2020#p5", "alignment", "accepted", "changed my mind")


@pytest.mark.parametrize("claim, address, message", [
    ("rezapour2020#p5", "alignmnt", "unknown address 'alignmnt'; did you mean 'alignment'"),
    ("rezapour2020#p5", "arctic", "unknown address"),
    ("rezapour2020#p99", "alignment", "unknown claim 'rezapour2020#p99'"),
])
def test_a_bad_position_verdict_is_refused(bundled: Path, claim: str, address: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        judge_tension(bundled, claim, address, "dismissed")
    assert not (bundled / "decisions.yaml").exists()


def test_a_position_the_paper_leaves_unstated_cannot_be_judged(root: Path) -> None:
    corpus = load_corpus(root, use_cache=False)
    unstated = next(a for a in corpus.addresses if a not in {k for k, p in corpus.papers["jones2021"].positions.items()
                                                                if p.stated})
    with pytest.raises(UsageError, match=f"jones2021 states no position on {unstated}"):
        judge_tension(root, "jones2021#p1", unstated, "dismissed")


def test_cli_judges_a_position_candidate(cli, bundled: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("tensions", "accept", "rezapour#p5", "alignment", "-m", "cooperation argued, -1 coded", "-c", bundled)
    assert r.exit_code == 0, r.stderr
    r = cli("tensions", "rezapour", "-c", bundled, "-f", "plain")
    assert "  recorded p5 vs the position on alignment (-1): cooperation argued, -1 coded" in r.stdout.splitlines()
    assert "7 recorded" in r.stdout.splitlines()[0]


# --- decisions.yaml keeps what a person wrote ----------------------------------------------------------


HAND_WRITTEN = """\
# Our review of the mini corpus (kept by hand).
unrelated:
  # first pass, Ann
  - a: smith2020#p2   # gas vs trade
    b: jones2021#c1
  # end of first pass

tensions: []   # none yet
# trailing remark
"""


def test_appending_keeps_every_comment_and_byte(root: Path) -> None:
    path = root / "decisions.yaml"
    path.write_text(HAND_WRITTEN)
    dismiss_link(root, "smith2020#p1", "jones2021#c1")
    judge_tension(root, "jones2021#p1", "jones2021#c1", "accepted", 'says "no", then yes')
    text = path.read_text()
    assert text == HAND_WRITTEN.replace(
        "    b: jones2021#c1\n", "    b: jones2021#c1\n  - a: smith2020#p1\n    b: jones2021#c1\n").replace(
        "tensions: []   # none yet\n", 'tensions:    # none yet\n  - a: jones2021#p1\n    b: jones2021#c1\n'
        '    verdict: accepted\n    note: "says \\"no\\", then yes"\n')
    decisions = load_decisions(load_corpus(root, use_cache=False))
    assert [(p.a, p.b) for p in decisions.unrelated] == [("smith2020#p2", "jones2021#c1"), ("smith2020#p1", "jones2021#c1")]
    assert decisions.tensions[0].note == 'says "no", then yes'


def test_a_list_argmap_cannot_append_to_is_refused_untouched(root: Path) -> None:
    path = root / "decisions.yaml"
    path.write_text("unrelated: [{a: smith2020#p2, b: jones2021#c1}]  # flow style\n")
    with pytest.raises(UsageError, match="not a plain block list"):
        dismiss_link(root, "smith2020#p1", "jones2021#c1")
    assert path.read_text() == "unrelated: [{a: smith2020#p2, b: jones2021#c1}]  # flow style\n"


_COMMENT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20).map(
    lambda s: "# " + s)
_PAIRS = [("smith2020#p1", "jones2021#c1"), ("smith2020#p2", "jones2021#p3"), ("smith2020#t", "jones2021#p2"),
          ("smith2020#c1", "jones2021#p3")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_block_list_with_comments_gets_the_item_and_keeps_its_lines(root: Path, data: st.DataObject) -> None:
    from argmap.model import Unrelated
    from argmap.triage import append_decision, check_decisions

    corpus = load_corpus(root, use_cache=False)
    kept = data.draw(st.lists(st.sampled_from(_PAIRS), unique=True, max_size=3))
    new = data.draw(st.sampled_from([p for p in _PAIRS if p not in kept]))
    indent = data.draw(st.sampled_from(["", "  ", "    "]))
    lines = [data.draw(_COMMENT)] if data.draw(st.booleans()) else []
    lines.append("unrelated:" + (f"  {data.draw(_COMMENT)}" if data.draw(st.booleans()) else ""))
    for a, b in kept:
        lines += [data.draw(_COMMENT)] if data.draw(st.booleans()) else []
        flow = data.draw(st.booleans())
        lines += [f"{indent}- {{a: {a}, b: {b}}}"] if flow else [f"{indent}- a: {a}", f"{indent}  b: {b}"]
    lines += [data.draw(_COMMENT) for _ in range(data.draw(st.integers(0, 2)))]
    if data.draw(st.booleans()):
        lines.append("tensions: []")
    old = "\n".join(lines) + "\n"
    text = append_decision(old, Unrelated(*new))
    parsed, problems = check_decisions(corpus, root, text)
    assert not problems and parsed is not None
    assert [(p.a, p.b) for p in parsed.unrelated] == [*kept, new]
    added = text.splitlines()
    for line in old.splitlines():  # every line kept, in order: the new text only inserts lines
        added.remove(line) if line in added else pytest.fail(f"lost {line!r}")
    assert len(added) == 2 and all(l.strip().startswith(("- a:", "b:")) for l in added)
