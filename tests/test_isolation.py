"""One broken map never breaks the rest, and every problem comes out in one pass (issue 12 items 1-3)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from argmap.load import check_corpus, load_corpus
from conftest import FIXTURES, MINI

BAD = FIXTURES / "bad"
SYNTAX = "id: shah2024\ntitle: [unclosed\nauthors: [A Shah]\nyear: 2024\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "claims"
    shutil.copytree(MINI, folder)
    return folder


def _links_into(paper: str, n: int) -> str:
    return "links:\n" + "".join(
        f"  - {{a: smith2020#t, b: {paper}#c{i}, relation: agrees, note: n}}\n" for i in range(n))


# --- 1. isolation ------------------------------------------------------------------

READERS = [
    ["list"], ["show", "smith"], ["tree", "jones"], ["query", "trade"], ["compare", "alignment"],
    ["diff", "smith", "jones"], ["where", "alignment>=1"], ["matrix"], ["tensions"], ["link", "list"],
    ["export", "--all", "--to", "json"], ["strength", "smith"], ["align", "smith", "jones"],
]


@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a[:2]))
def test_every_command_answers_beside_a_broken_map(cli, corpus: Path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    (corpus / "shah2024.yaml").write_text(SYNTAX, encoding="utf-8")
    r = cli(*args, "-c", corpus)
    assert r.exit_code in (0, 1), r.stderr  # 1: a negative answer (none found) is still an answer
    assert r.stdout
    warnings = r.stderr.splitlines()
    assert len(warnings) == 1, r.stderr
    assert "shah2024.yaml" in warnings[0] and "failed to load" in warnings[0] and "validate" in warnings[0]


def test_list_beside_a_broken_map_lists_the_others(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    (corpus / "shah2024.yaml").write_text(SYNTAX, encoding="utf-8")
    ids = [p["id"] for p in cli("list", "-c", corpus, "-f", "json").json()["papers"]]
    assert ids == ["smith2020", "jones2021"]


def test_naming_the_broken_paper_reports_its_problems(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    (corpus / "shah2024.yaml").write_text(SYNTAX, encoding="utf-8")
    r = cli("show", "shah2024", "-c", corpus)
    assert r.exit_code == 3
    assert "shah2024.yaml:2:8: this '[' list is never closed" in r.stderr
    assert "no paper named" not in r.stderr


def test_links_into_a_failed_map_give_one_line(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    (corpus / "shah2024.yaml").write_text(SYNTAX, encoding="utf-8")
    (corpus / "links.yaml").write_text(_links_into("shah2024", 17), encoding="utf-8")
    r = cli("validate", corpus, "-f", "plain")
    assert r.exit_code == 1
    lines = [line for line in r.stdout.splitlines() if ".yaml:" in line]
    assert len(lines) == 2, r.stdout
    assert "shah2024.yaml:2:8:" in lines[0]  # root cause first
    assert lines[1].endswith("links.yaml: 17 links into shah2024 not checked: that map failed to load")
    assert "unknown paper" not in r.stdout and "did you mean" not in r.stdout
    listed = cli("list", "-c", corpus)
    assert listed.exit_code == 0
    assert len(listed.stderr.splitlines()) == 1 and "shah2024.yaml" in listed.stderr  # links.yaml is no culprit


def test_a_loader_crash_in_one_file_hides_no_other_problem(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.load

    real = argmap.load._check_paper

    def crash_on_jones(paper, *args, **kwargs):  # type: ignore[no-untyped-def]
        if paper.id == "jones2021":
            raise RuntimeError("boom")
        return real(paper, *args, **kwargs)

    monkeypatch.setattr(argmap.load, "_check_paper", crash_on_jones)
    shutil.copy(BAD / "unknown_tag.yaml", corpus)
    c, problems = check_corpus(corpus, use_cache=False)
    by_file = {Path(p.file).name: p for p in problems}
    assert set(by_file) == {"jones2021.yaml", "unknown_tag.yaml", "links.yaml"}
    assert by_file["links.yaml"].message == "2 links into jones2021 not checked: that map failed to load"
    assert "RuntimeError: boom" in by_file["jones2021.yaml"].message
    assert c is not None and "smith2020" in c.papers


def test_the_library_stays_strict_unless_asked_to_isolate(corpus: Path) -> None:
    from argmap.errors import InputError

    (corpus / "shah2024.yaml").write_text(SYNTAX, encoding="utf-8")
    with pytest.raises(InputError):
        load_corpus(corpus, use_cache=False)
    c = load_corpus(corpus, use_cache=False, isolate=True)
    assert sorted(c.papers) == ["jones2021", "smith2020"] and list(c.failed) == ["shah2024"]


def test_a_broken_axes_file_still_stops_every_command(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    (corpus / "axes.yaml").write_text("axes: [\n", encoding="utf-8")
    r = cli("list", "-c", corpus)
    assert r.exit_code == 3 and "axes.yaml:" in r.stderr


# --- caret under the column ---------------------------------------------------------

def test_problems_show_the_line_and_a_caret(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(BAD / "unknown_tag.yaml", corpus)
    out = cli("validate", corpus, "-f", "plain").stdout.splitlines()
    i = next(i for i, line in enumerate(out) if "unknown tag 'militray'" in line)
    source = (BAD / "unknown_tag.yaml").read_text(encoding="utf-8").splitlines()[4]
    assert out[i + 1] == f"    5 | {source}"
    assert out[i + 2] == "      | " + " " * 54 + "^"  # column 55


def test_the_caret_neutralises_what_it_quotes(corpus: Path) -> None:
    from argmap.render import pointed

    (corpus / "evil.yaml").write_text("id: evil\ntitle: \x1b]0;pwned\x07 [x\n", encoding="utf-8")
    _, problems = check_corpus(corpus, use_cache=False)
    lines = [line for p in problems for line in pointed(p)]
    assert lines and not any(re.search(r"[\x00-\x1f\x7f]", line) for line in lines)


# --- 2. one pass ---------------------------------------------------------------------

def test_an_unknown_key_hides_no_value_error(corpus: Path) -> None:
    (corpus / "many.yaml").write_text(
        "id: many\ntitle: T\nauthors: [A B]\nyear: 2020\n"
        "thesis:\n  id: t\n  text: T\n  quote: q\n  locator: L\n  qoute: typo\n  tags: [militray]\n"
        "  lean: {alignment: 7}\n"
        "positions:\n  alignment: {value: 1, evidence: [t, p9]}\n", encoding="utf-8")
    _, problems = check_corpus(corpus, use_cache=False)
    messages = [p.message for p in problems]
    assert messages == ["unknown key 'qoute' in claim", "unknown tag 'militray'",
                        "'7' is not a value of axis 'alignment' (5 values, low to high: -2, -1, 0, 1, 2)",
                        "unknown claim 'p9' in many"]


def test_a_missing_key_causes_no_false_unknown_claim(corpus: Path) -> None:
    (corpus / "gap.yaml").write_text(
        "id: gap\ntitle: T\nauthors: [A B]\nyear: 2020\n"
        "thesis:\n  id: t\n  text: T\n  quote: q\n  locator: L\n  premises:\n    - {id: p1, text: P, quote: q}\n"
        "positions:\n  alignment: {value: 1, evidence: [t, p1]}\n", encoding="utf-8")
    _, problems = check_corpus(corpus, use_cache=False)
    assert [p.message for p in problems] == ["missing required key 'locator' in claim"]


def test_a_duplicate_claim_id_points_at_the_first(corpus: Path) -> None:
    shutil.copy(BAD / "duplicate_claim.yaml", corpus)
    _, problems = check_corpus(corpus, use_cache=False)
    assert [(p.line, p.message) for p in problems] == [
        (12, "claim id 'c1' is used twice in duplicate_claim (first on line 11)")]


SYNTAX_CASES = {
    # text -> (line, column, plain message fragment)
    "title: [unclosed\nyear: 1\n": (1, 8, "this '[' list is never closed"),
    "title: {a: 1\nyear: 1\n": (1, 8, "this '{' mapping is never closed"),
    "title: a: b\n": (1, 9, "a ': ' inside a value starts a new key"),
    'title: "abc\nyear: 1\n': (1, 8, "this quoted text is never closed"),
    "title\nyear: 1\n": (1, 1, "a line that is not 'key: value'"),
    "a:\n  - x\n  y: 1\n": (3, 3, "not a '- ' item of the list above"),
    "a: *nope\n": (1, 4, "alias '*nope' refers to no anchor"),
    "a: @foo\n": (1, 4, "'@' cannot start a plain value"),
    "a:\n  b: 1\n c: 2\n": (3, 2, "does not line up with the keys above"),
}


@pytest.mark.parametrize("text", sorted(SYNTAX_CASES))
def test_syntax_errors_in_plain_words_and_no_tab_hint_without_a_tab(corpus: Path, text: str) -> None:
    line, column, fragment = SYNTAX_CASES[text]
    (corpus / "broken.yaml").write_text("id: broken\n" + text, encoding="utf-8")
    _, problems = check_corpus(corpus, use_cache=False)
    (p,) = problems
    assert (p.line, p.column) == (line + 1, column), str(p)
    assert fragment in p.message, str(p)
    assert "tab" not in str(p)
    assert "while parsing" not in p.message and "while scanning" not in p.message


def test_the_tab_hint_when_a_tab_is_there(corpus: Path) -> None:
    (corpus / "tabs.yaml").write_text("id: tabs\nthesis:\n\tid: t\n", encoding="utf-8")
    (p,) = check_corpus(corpus, use_cache=False)[1]
    assert (p.line, p.column) == (3, 1)
    assert "tab" in p.message and "spaces" in p.hint


def test_validate_answers_on_stdout(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(BAD / "unknown_tag.yaml", corpus)
    r = cli("validate", corpus, "-f", "plain")
    assert r.exit_code == 1 and r.stderr == ""
    assert "unknown tag 'militray'" in r.stdout and r.stdout.splitlines()[-1] == "1 problem found"
    data = cli("validate", corpus, "-f", "json").json()
    assert data["ok"] is False and data["problems"][0]["message"] == "unknown tag 'militray'"
    assert "tags: [militray]" in data["problems"][0]["excerpt"]


# --- 3. no YAML scalar crashes the loader --------------------------------------------

SCALARS = ["0x_", "1" * 5000, "!!int abc", "!!float nanx", "!!int 0o9", "!!timestamp 2024-99-99",
           "!!timestamp junk", "!!set {a, b}", "!!binary ###", "!!float 1e", "0b2", "-0x", "!!bool maybe",
           "!!null x", "!!int ''", "!!omap [a]", "!!pairs [a]"]


@pytest.mark.parametrize("scalar", SCALARS, ids=lambda s: s[:20])
def test_no_scalar_crashes_the_loader(cli, corpus: Path, scalar: str) -> None:  # type: ignore[no-untyped-def]
    text = (MINI / "smith2020.yaml").read_text(encoding="utf-8").replace("year: 2020", f"year: {scalar}")
    (corpus / "smith2020.yaml").write_text(text, encoding="utf-8")
    r = cli("validate", corpus, "-f", "json")
    assert r.exit_code == 1, r.stdout + r.stderr
    problems = r.json()["problems"]
    assert [(Path(p["file"]).name, p["line"]) for p in problems] == [("smith2020.yaml", 4), ("links.yaml", None)]
    assert problems[1]["message"] == "2 links into smith2020 not checked: that map failed to load"


@pytest.mark.parametrize("bad_id", ["smith2020\n", "smith2020\x00", "smith\x1b2020", "p1\n"])
def test_ids_are_matched_in_full(corpus: Path, bad_id: str) -> None:
    text = (MINI / "smith2020.yaml").read_text(encoding="utf-8")
    text = text.replace("id: p2", f"id: {json.dumps(bad_id)}")
    (corpus / "smith2020.yaml").write_text(text, encoding="utf-8")
    problems = check_corpus(corpus, use_cache=False)[1]
    assert any("is not a valid id" in p.message for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("bad_id", ["smith2020\n", "links", "axes", "a\tb"])
def test_new_refuses_bad_and_reserved_ids(cli, corpus: Path, bad_id: str) -> None:  # type: ignore[no-untyped-def]
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    r = cli("new", bad_id, "-c", corpus)
    assert r.exit_code == 2, r.stdout
    assert {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()} == before  # nothing written


@pytest.mark.parametrize("reserved", ["links", "axes"])
def test_import_refuses_reserved_ids(cli, tmp_path: Path, reserved: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "fresh"
    r = cli("import", FIXTURES / "interop" / "debate.argdown", "--id", reserved, "-c", folder)
    assert r.exit_code == 2 and "reserved" in r.stderr
    assert not (folder / f"{reserved}.yaml").exists()


def test_a_yml_map_is_not_shadowed_by_a_yaml_twin(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(corpus / "smith2020.yaml", corpus / "smith2020.yml")
    _, problems = check_corpus(corpus, use_cache=False)
    twins = [p for p in problems if "links.yaml" not in p.file]
    assert sorted(Path(p.file).name for p in twins) == ["smith2020.yaml", "smith2020.yml"]
    assert all("smith2020.yaml and smith2020.yml both define smith2020" in p.message for p in twins)
    r = cli("new", "jones2021", "-c", corpus)
    assert r.exit_code == 2
    (corpus / "jones2021.yaml").rename(corpus / "jones2021.yml")
    r = cli("new", "jones2021", "-c", corpus)
    assert r.exit_code == 2 and "jones2021.yml" in r.stderr
    assert not (corpus / "jones2021.yaml").exists()
