"""list / show / tree / validate / schema / new through the CLI."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import FIXTURES, MINI


def test_list_plain_golden(cli, golden) -> None:  # type: ignore[no-untyped-def]
    r = cli("list", "-c", MINI, "-f", "plain")
    assert r.exit_code == 0 and r.stderr == ""
    golden("mini_list.txt", r.stdout.replace(str(MINI), "<mini>"))


def test_list_json_names_the_corpus(cli) -> None:  # type: ignore[no-untyped-def]
    data = cli("list", "-c", MINI, "-f", "json").json()
    assert data["corpus"] == {"path": str(MINI), "origin": "--corpus"}
    assert [p["id"] for p in data["papers"]] == ["smith2020", "jones2021"]
    assert data["papers"][0]["claims"] == 5
    assert data["papers"][1]["positions"] == {"alignment": -1, "balancing.russia": "hard", "balancing.china": "unstated"}


def test_corpus_from_environment(cli) -> None:  # type: ignore[no-untyped-def]
    data = cli("list", "-f", "json", env={"ARGMAP_CORPUS": str(MINI)}).json()
    assert data["corpus"]["origin"] == "ARGMAP_CORPUS"


def test_tree_plain_golden(cli, golden) -> None:  # type: ignore[no-untyped-def]
    r = cli("tree", "smith2020", "-c", MINI, "--quotes")
    assert r.exit_code == 0
    golden("mini_tree_smith_quotes.txt", r.stdout)


def test_tree_plain_has_no_box_characters_and_no_wrapping(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("tree", "smith", "-c", MINI, "-f", "plain").stdout
    assert not set(out) & set("│├└─┏┃━")
    assert "    - r1: Shared pressure from Washington outweighs the mistrust." in out.splitlines()


def test_tree_depth_and_ids(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("tree", "smith", "-c", MINI, "--depth", "1", "--no-ids").stdout.splitlines()
    assert out[1:] == [
        "T Russia and China converge against the US, mostly by soft means.",
        "  + Trade between them has grown fast.",
        "  - Old mistrust limits how far they can go.",
    ]


def test_tree_rich_distinguishes_roles_by_symbol_and_colour(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("tree", "smith", "-c", MINI, "-f", "rich", env={"FORCE_COLOR": "1", "COLUMNS": "120"})
    assert "\x1b[1;32m+ " in r.stdout and "\x1b[1;31m- " in r.stdout  # green premises, red counterpoints
    text = re.sub(r"\x1b\[[0-9;]*m", "", r.stdout)
    assert "├── + p1 Trade" in text and "└── - c1 Old mistrust" in text  # ...and distinct symbols


def test_tree_marks_a_reported_view_by_symbol_and_colour(cli) -> None:  # type: ignore[no-untyped-def]
    plain = cli("tree", "jones", "-c", MINI, "-f", "plain").stdout.splitlines()
    assert "  ~ c3: Some analysts see the two as one anti-Western bloc. (reported: some analysts)" in plain
    assert "  - c2: Russia now prefers diplomacy to force." in plain  # a rebutted objection keeps its '-'
    r = cli("tree", "jones", "-c", MINI, "-f", "rich", env={"FORCE_COLOR": "1", "COLUMNS": "120"})
    assert "\x1b[1;35m~ " in r.stdout  # magenta, unlike the red and yellow of the paper's own attacks
    assert cli("tree", "jones", "-c", MINI, "-f", "json").json()["root"]["children"][5]["reported_by"] == "some analysts"


def test_markdown_and_csv_exports_say_who_holds_a_reported_view(cli) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    md = cli("export", "jones", "--to", "markdown", "-c", MINI).stdout.splitlines()
    assert "  - **counterpoint** `c3` *(reported: some analysts)*: Some analysts see the two as one anti-Western bloc." in md
    assert "  - **counterpoint** `c2`: Russia now prefers diplomacy to force." in md  # the paper's own voice: no mark
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(cli("export", "jones", "--to", "csv", "-c", MINI).stdout))}
    assert (rows["c3"]["reported_by"], rows["c2"]["reported_by"]) == ("some analysts", "")


def test_tree_json_nests_rebuttals(cli) -> None:  # type: ignore[no-untyped-def]
    root = cli("tree", "smith", "-c", MINI, "-f", "json").json()["root"]
    c1 = root["children"][1]
    assert (c1["id"], c1["role"]) == ("c1", "counterpoint")
    assert [(r["id"], r["role"]) for r in c1["children"]] == [("r1", "rebuttal")]


def test_show_lists_positions_and_tensions(cli) -> None:  # type: ignore[no-untyped-def]
    data = cli("show", "smith", "-c", MINI, "-f", "json").json()
    assert data["counts"] == {"premise": 2, "counterpoint": 1, "rebuttal": 1}
    first = data["positions"][0]
    assert first["profile"]["address"] == "alignment" and first["profile"]["score"] == [2]  # test_evidence.py
    assert {k: v for k, v in first.items() if k != "profile"} == {
        "axis": "alignment", "label": "deep, durable convergence", "value": 2, "evidence": ["t", "p1"],
        "note": "hedged by c1"}
    assert [(t["a"]["id"], t["b"]["id"]) for t in data["tensions"]] == [("t", "c1")]


def test_paper_by_surname_prefix_and_ambiguity(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("show", "LEE", "-c", MINI, "-f", "json").json()["id"] == "jones2021"
    assert cli("show", "jo", "-c", MINI, "-f", "json").json()["id"] == "jones2021"
    r = cli("show", "20", "-c", MINI)
    assert r.exit_code == 2  # ids don't start with 20: unknown
    r = cli("show", "nobody", "-c", MINI)
    assert r.exit_code == 2 and "no paper named 'nobody'" in r.stderr and "Traceback" not in r.stderr


def test_ambiguous_name_lists_candidates(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(MINI, tmp_path / "c")
    text = (tmp_path / "c" / "jones2021.yaml").read_text().replace("jones2021", "smithers2022")
    (tmp_path / "c" / "smithers2022.yaml").write_text(text)
    (tmp_path / "c" / "jones2021.yaml").unlink()
    (tmp_path / "c" / "links.yaml").unlink()
    r = cli("show", "smith", "-c", tmp_path / "c")
    assert r.exit_code == 2
    assert "'smith' names 2 papers: smith2020 (Jane Smith, 2020), smithers2022" in r.stderr


def test_validate_clean_and_dirty(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("validate", MINI)
    assert (r.exit_code, r.stdout.strip()) == (0, "ok: 2 papers, 13 claims, 2 links, 3 axes")
    shutil.copy(MINI / "axes.yaml", tmp_path)
    for name in ("unknown_key.yaml", "bad_value.yaml"):
        shutil.copy(FIXTURES / "bad" / name, tmp_path)
    r = cli("validate", tmp_path)
    assert r.exit_code == 1 and r.stderr == ""  # the problems are validate's answer: stdout
    lines = r.stdout.strip().splitlines()
    assert lines[-1] == "2 problems found"
    assert lines[0].endswith("bad_value.yaml:5:73: 'hrd' is not a value of axis 'balancing' (5 values, low to high: "
                             "soft, mostly_soft, mixed, mostly_hard, hard); did you mean 'hard'? "
                             "(coding rules: docs/coding.md)")
    data = cli("validate", tmp_path, "-f", "json").json()
    assert data["count"] == 2 and not data["ok"]


def test_validate_one_file_reports_only_that_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(MINI / "axes.yaml", tmp_path)
    shutil.copy(FIXTURES / "bad" / "bad_value.yaml", tmp_path)
    shutil.copy(FIXTURES / "bad" / "wrong_type.yaml", tmp_path)
    r = cli("validate", tmp_path / "wrong_type.yaml")
    assert r.exit_code == 1 and "wrong_type.yaml:4:7" in r.stdout and "bad_value" not in r.stdout


def test_invalid_map_is_left_out_in_one_line_without_traceback(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(MINI / "axes.yaml", tmp_path)
    shutil.copy(FIXTURES / "bad" / "python_tag.yaml", tmp_path)
    r = cli("list", "-c", tmp_path)
    assert r.exit_code == 0
    (warning,) = r.stderr.splitlines()
    assert "python_tag.yaml: left out, it failed to load with 1 problem (first: line 2: tag " in warning
    assert "Traceback" not in r.stderr and "nothing was written" not in r.stderr


def test_invalid_axes_file_exits_3_without_traceback(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "axes.yaml").write_text("axes:\n  - id: !!python/name:os.system\n", encoding="utf-8")
    shutil.copy(MINI / "smith2020.yaml", tmp_path)
    r = cli("list", "-c", tmp_path)
    assert r.exit_code == 3 and r.stdout == ""
    assert "    2 |   - id: !!python" in r.stderr
    assert "axes.yaml:2:9: tag '!!python/name:os.system' is not allowed" in r.stderr
    assert "Traceback" not in r.stderr and "nothing was written" not in r.stderr


def test_missing_corpus_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("list", "-c", tmp_path / "nope")
    assert r.exit_code == 3 and "corpus folder not found" in r.stderr


def test_a_corpus_folder_that_is_a_symlink_loop_is_not_found_not_an_internal_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "loop").symlink_to("loop")  # Path.resolve raises on it (Python 3.11)
    r = cli("list", "-c", tmp_path / "loop")
    assert r.exit_code == 3 and "corpus folder not found" in r.stderr


def test_usage_errors_exit_2(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("list", "--format", "xml").exit_code == 2
    assert cli("tree").exit_code == 2
    assert cli("frobnicate").exit_code == 2


def test_new_writes_a_valid_skeleton_and_never_overwrites(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "c"
    shutil.copytree(MINI, corpus)
    r = cli("new", "doe2024", "--title", 'A "quoted" title', "-c", corpus)
    assert r.exit_code == 0, r.stderr
    text = (corpus / "doe2024.yaml").read_text()
    assert text.startswith("# doe2024") and "balancing.russia: unstated" in text
    assert cli("validate", corpus).exit_code == 0
    assert cli("show", "doe2024", "-c", corpus, "-f", "json").json()["title"] == 'A "quoted" title'
    before = (corpus / "doe2024.yaml").read_bytes()
    r = cli("new", "doe2024", "-c", corpus)
    assert r.exit_code == 2 and "already exists" in r.stderr
    assert (corpus / "doe2024.yaml").read_bytes() == before
    assert cli("new", "Bad Id", "-c", corpus).exit_code == 2


def test_new_outside_a_corpus_starts_one_beside_the_bundled(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    r = cli("new", "doe2024")
    assert r.exit_code == 0 and "builds on the bundled corpus" in r.stdout
    assert (tmp_path / "claims" / "corpus.yaml").exists() and not (tmp_path / "claims" / "axes.yaml").exists()
    assert cli("validate").exit_code == 0  # ./claims, on the bundled corpus, is now the corpus in use
    listed = cli("list", "-f", "json").json()
    assert [layer["origin"] for layer in listed["layers"]] == ["./claims", "bundled"]
    assert "doe2024" in [p["id"] for p in listed["papers"]] and len(listed["papers"]) == 6


def test_new_standalone_starts_a_corpus_of_its_own(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert cli("new", "doe2024", "--standalone").exit_code == 0
    assert (tmp_path / "claims" / "axes.yaml").exists() and not (tmp_path / "claims" / "corpus.yaml").exists()
    assert [p["id"] for p in cli("list", "-f", "json").json()["papers"]] == ["doe2024"]


def test_schema_kinds(cli) -> None:  # type: ignore[no-untyped-def]
    data = cli("schema", "paper").json()
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert cli("schema", "axis").exit_code == 2  # did you mean 'axes'?
