"""The strict loader: every bad fixture reports the exact place and message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argmap.errors import InputError
from argmap.load import check_corpus, load_corpus
from conftest import FIXTURES, MINI

BAD = FIXTURES / "bad"

# fixture file -> (line, column, message, hint fragment)
EXPECTED = {
    "duplicate_key.yaml": (3, 1, "duplicate key 'title' (first defined on line 2)", "remove or rename"),
    "unknown_key.yaml": (8, 3, "unknown key 'qoute' in claim", "did you mean 'quote'?"),
    "python_tag.yaml": (2, 8, "tag '!!python/object/apply:os.system' is not allowed", "plain YAML"),
    "bad_reference.yaml": (13, 36, "unknown claim 'p2' in bad_reference", "p1"),
    "unknown_axis.yaml": (7, 3, "unknown axis 'alignmnt'", "did you mean 'alignment'?"),
    "bad_value.yaml": (5, 73, "'hrd' is not a value of axis 'balancing' "
                       "(5 values, low to high: soft, mostly_soft, mixed, mostly_hard, hard)",
                       "did you mean 'hard'? (coding rules: docs/coding.md)"),
    "wrong_type.yaml": (4, 7, "expected an integer, got a string ('twenty twenty')", "fix the value"),
    "missing_key.yaml": (6, 3, "missing required key 'locator' in claim", "add 'locator: ...'"),
    "syntax_error.yaml": (2, 8, "this '[' list is never closed", "close it with ']'"),
    "duplicate_claim.yaml": (12, 12, "claim id 'c1' is used twice in duplicate_claim (first on line 11)", "own id"),
    "unknown_tag.yaml": (5, 55, "unknown tag 'militray'", "did you mean 'military'?"),
    "id_mismatch.yaml": (1, 5, "paper id 'other_name' differs from the file name 'id_mismatch.yaml'", "rename"),
    "subject_missing.yaml": (7, 3, "axis 'balancing' is asked per subject", "'balancing.russia' and 'balancing.china'"),
    "alias_bomb.yaml": (3, 4, "more than 100 alias uses", "write the data out"),
    "deep.yaml": (2, 71, "nesting deeper than 64 levels", "flatten"),
    "bad_utf8.yaml": (2, 11, "invalid UTF-8 byte 0xe9", "UTF-8"),
}


def corpus_with(tmp_path: Path, *files: Path) -> Path:
    shutil.copy(MINI / "axes.yaml", tmp_path)
    for f in files:
        shutil.copy(f, tmp_path)
    return tmp_path


def test_every_bad_fixture_is_covered() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_reports_place_and_message(tmp_path: Path, name: str) -> None:
    line, column, message, hint = EXPECTED[name]
    _, problems = check_corpus(corpus_with(tmp_path, BAD / name))
    assert len(problems) == 1, [str(p) for p in problems]
    (p,) = problems
    assert (Path(p.file).name, p.line, p.column, p.message) == (name, line, column, message)
    assert hint in p.hint
    assert str(p).startswith(f"{p.file}:{line}:{column}: {message}; ")


def test_one_bad_file_never_hides_another(tmp_path: Path) -> None:
    corpus_with(tmp_path, BAD / "unknown_key.yaml", BAD / "wrong_type.yaml", MINI / "smith2020.yaml")
    corpus, problems = check_corpus(tmp_path)
    files = {Path(p.file).name for p in problems}
    assert files == {"unknown_key.yaml", "wrong_type.yaml"}
    assert corpus is not None and "smith2020" in corpus.papers  # the valid file still loads


def test_a_crash_of_the_loader_on_one_map_is_its_problem_and_the_others_still_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap import load

    corpus_with(tmp_path, MINI / "smith2020.yaml", MINI / "jones2021.yaml")
    real = load._check_paper

    def crash(paper, *args, **kwargs):  # type: ignore[no-untyped-def]
        if paper.id == "jones2021":
            raise RuntimeError("boom")
        return real(paper, *args, **kwargs)

    monkeypatch.setattr(load, "_check_paper", crash)
    corpus, problems = check_corpus(tmp_path, use_cache=False)
    assert [(Path(p.file).name, p.message) for p in problems] == [
        ("jones2021.yaml", "argmap failed on this file: RuntimeError: boom")]
    assert "this is a bug in argmap" in problems[0].hint
    assert corpus is not None and list(corpus.papers) == ["smith2020"]
    assert set(corpus.failed) == {"jones2021"}
    monkeypatch.setattr(load, "_check_paper", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):  # only the loader's own bugs are caught, never an interrupt
        check_corpus(tmp_path, use_cache=False)


def test_load_corpus_raises_with_every_problem(tmp_path: Path) -> None:
    corpus_with(tmp_path, BAD / "unknown_key.yaml", BAD / "bad_value.yaml")
    with pytest.raises(InputError) as err:
        load_corpus(tmp_path)
    assert len(err.value.problems) == 2
    assert "2 problems found" in str(err.value)


def test_no_object_is_built_from_a_python_tag(tmp_path: Path) -> None:
    target = Path("/tmp/argmap-pwned")
    target.unlink(missing_ok=True)
    check_corpus(corpus_with(tmp_path, BAD / "python_tag.yaml"))
    assert not target.exists()


def test_yaml_12_booleans_keep_yes_and_no_as_words(tmp_path: Path) -> None:
    (tmp_path / "axes.yaml").write_text(
        "axes:\n  - id: asym\n    title: A\n    question: Q\n    values: [no, partly, yes]\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "id: p\ntitle: T\nauthors: [A B]\nyear: 2020\nthesis: {id: t, text: T, quote: q, locator: L}\n"
        "positions:\n  asym: {value: no, evidence: [t]}\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.axes["asym"].value_ids == ["no", "partly", "yes"]
    assert corpus.papers["p"].positions["asym"].value == "no"


def test_broken_axes_file_is_reported_without_cascade(tmp_path: Path) -> None:
    (tmp_path / "axes.yaml").write_text("axes:\n  - id: alignment\n    title: A\n", encoding="utf-8")
    shutil.copy(MINI / "smith2020.yaml", tmp_path)
    _, problems = check_corpus(tmp_path)
    assert {Path(p.file).name for p in problems} == {"axes.yaml"}
    assert any("missing required key 'question'" in p.message for p in problems)


def test_bad_links_name_the_link(tmp_path: Path) -> None:
    corpus_with(tmp_path, MINI / "smith2020.yaml", MINI / "jones2021.yaml")
    (tmp_path / "links.yaml").write_text(
        "links:\n  - a: smith2020#c9\n    b: jones2021#p1\n    relation: agrees\n    note: n\n"
        "  - a: smith2020#t\n    b: smith2020#c1\n    relation: contradicts\n    note: n\n"
        "  - a: jones2021#t\n    b: smith2020#t\n    relation: agrees\n    note: m\n"
        "  - a: smith2020#t\n    b: jones2021#t\n    relation: refines\n    note: o\n"
        "  - a: smith2020#t\n    b: jonas2021#t\n    relation: agreez\n    note: n\n", encoding="utf-8")
    _, problems = check_corpus(tmp_path)
    lines = [str(p).split(": ", 1)[1] for p in problems]
    assert lines == [
        "unknown claim 'smith2020#c9' in link; did you mean 'c1'? (argmap tree smith2020 shows the ids)",
        "a link joins claims of two different papers; record a self-contradiction as a tension in the paper instead",
        "smith2020#t and jones2021#t are already linked (link 3: agrees, m); remove one, or keep one relation per pair",
        "'agreez' is not one of agrees, contradicts, refines, same; did you mean 'agrees'?",
    ]
    assert [(p.line, p.column) for p in problems] == [(2, 8), (6, 5), (14, 5), (20, 15)]


def test_hash_references_are_bare_ids_once_loaded(tmp_path: Path) -> None:
    # `#p1` and `p1` name the same claim; the loader keeps the bare id, so no caller strips `#`
    text = (MINI / "smith2020.yaml").read_text(encoding="utf-8")
    text = text.replace("evidence: [t, p1]", "evidence: ['#t', p1]").replace("  - a: t\n", "  - a: '#t'\n")
    root = corpus_with(tmp_path, MINI / "jones2021.yaml")
    (root / "smith2020.yaml").write_text(text, encoding="utf-8")
    for use_cache in (True, True, False):  # cold, warm (from the cache), uncached
        paper = load_corpus(root, use_cache=use_cache).papers["smith2020"]
        assert paper.positions["alignment"].evidence == ["t", "p1"]
        assert (paper.tensions[0].a, paper.tensions[0].b) == ("t", "c1")


def test_an_axes_file_on_the_retired_three_point_balancing_scale_is_told_the_new_one(tmp_path: Path) -> None:
    corpus_with(tmp_path, MINI / "smith2020.yaml")
    axes = tmp_path / "axes.yaml"
    axes.write_text(axes.read_text().replace("values: [soft, mostly_soft, mixed, mostly_hard, hard]",
                                             "values: [soft, mixed, hard]"))
    _, problems = check_corpus(tmp_path, use_cache=False)
    assert [(Path(p.file).name, p.line, p.message) for p in problems] == [
        ("axes.yaml", 15, "axis 'balancing' has the retired 3-point scale (soft, mixed, hard); the bundled axis now "
                          "has 5 values, low to high: soft, mostly_soft, mixed, mostly_hard, hard")]
    assert "docs/coding.md" in problems[0].hint and "another id" in problems[0].hint
    # Renamed, the same three values are the corpus's own scale and valid.
    axes.write_text(axes.read_text().replace("id: balancing", "id: means"))
    (tmp_path / "smith2020.yaml").write_text((tmp_path / "smith2020.yaml").read_text().replace("balancing.", "means."))
    assert check_corpus(tmp_path, use_cache=False)[1] == []


def test_a_value_off_the_scale_names_every_value_in_order(tmp_path: Path) -> None:
    corpus_with(tmp_path, MINI / "smith2020.yaml")
    paper = tmp_path / "smith2020.yaml"
    paper.write_text(paper.read_text().replace("balancing.china: {value: soft", "balancing.china: {value: mostly soft"))
    (p,) = check_corpus(tmp_path, use_cache=False)[1]
    assert p.message == ("'mostly soft' is not a value of axis 'balancing' "
                         "(5 values, low to high: soft, mostly_soft, mixed, mostly_hard, hard)")
    assert p.hint == "did you mean 'mostly_soft'? (coding rules: docs/coding.md)"


def test_a_position_cannot_rest_on_a_view_the_paper_only_reports(tmp_path: Path) -> None:
    corpus_with(tmp_path, MINI / "smith2020.yaml")
    paper = tmp_path / "smith2020.yaml"
    paper.write_text(paper.read_text().replace("      tags: [economy, soft_balancing]\n",
                                               "      tags: [economy, soft_balancing]\n      reported_by: some analysts\n"))
    problems = check_corpus(tmp_path, use_cache=False)[1]
    assert [(p.line, p.message) for p in problems] == [
        (43, "position on 'alignment' cites p1, a view the paper reports (reported_by: some analysts) rather than holds"),
        (45, "position on 'balancing.china' cites p1, a view the paper reports (reported_by: some analysts) "
             "rather than holds")]


@pytest.mark.parametrize("value", ["!!map [a, b]", "!!seq {a: b}", "!!str [a]"])
def test_a_tag_that_does_not_fit_its_node_is_a_problem_not_a_crash(tmp_path: Path, value: str) -> None:
    (tmp_path / "x.yaml").write_text(f"id: x\ntitle: {value}\n", encoding="utf-8")
    _, problems = check_corpus(corpus_with(tmp_path))
    assert [(p.line, p.column) for p in problems] == [(2, 8)]
    assert "is not allowed" in problems[0].message and "bug" not in problems[0].message
