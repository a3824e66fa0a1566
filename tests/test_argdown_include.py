"""Argdown `@include(path)`: resolved inside the imported file's folder, refused outside it.

The syntax and its meaning (relative to the including file, recursive, each
file once) are the Argdown CLI's (`IncludePlugin` of @argdown/node), which is
also the oracle here. Argdown has no `@import`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap import spec
from argmap.errors import InputError
from argmap.importers import argdown, import_file
from argmap.model import Paper


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """main.argdown including a partial beside it and one in a subfolder, which includes one back up."""
    root = tmp_path / "project"
    write(root / "main.argdown", "[T]: Cities should ban cars.\n  + [P]: Cars pollute.\n\n@include(_cons.argdown)\n\n"
                                 "@include(parts/_more.argdown)\n")
    write(root / "_cons.argdown", "[T]\n  - [C]: Shops lose customers.\n")
    write(root / "parts" / "_more.argdown", "[C]\n  - [R]: Car-free streets earn more.\n\n@include(../_cons.argdown)\n"
                                            "@include(_more.argdown)\n")  # both already in: left out, as Argdown does
    return root


def texts(data: dict) -> list[str]:  # type: ignore[type-arg]
    paper, issues = spec.convert(Paper, data)
    assert issues == []
    return [n.claim.text for n in paper.claims()]


def test_includes_inside_the_folder_are_resolved(project: Path) -> None:
    assert texts(import_file(project / "main.argdown", "x")) == [
        "Cities should ban cars.", "Cars pollute.", "Shops lose customers.", "Car-free streets earn more."]


def test_the_argdown_cli_reads_the_same_statements(project: Path) -> None:
    cli = shutil.which("argdown")
    if cli is None:
        pytest.skip("the Argdown CLI is not installed (npm install -g @argdown/cli@1.7.5)")
    run = subprocess.run([cli, "json", str(project / "main.argdown"), "--stdout", "--silent"], capture_output=True,
                         text=True, timeout=300)
    doc = json.loads(run.stdout)
    theirs = sorted(next(m["text"].strip() for m in ec["members"] if m.get("text", "").strip())
                    for ec in doc["statements"].values())  # each statement's defining text
    assert theirs == sorted(texts(import_file(project / "main.argdown", "x")))


@pytest.mark.parametrize("target, reason", [
    ("../outside.argdown", "a path outside the folder"),
    ("parts/../../outside.argdown", "a path outside the folder"),
    ("{absolute}", "an absolute path"),
    ("_link.argdown", "a symlink to a file outside the folder"),
])
def test_includes_outside_the_folder_are_refused_at_their_position(tmp_path: Path, target: str, reason: str) -> None:
    outside = write(tmp_path / "outside.argdown", "[X]: A file the user did not hand over.\n")
    root = tmp_path / "project"
    write(root / "main.argdown", f"[T]: A thesis.\n\n  x @include({target.format(absolute=outside)})\n")
    os.symlink(outside, root / "_link.argdown")
    with pytest.raises(InputError) as caught:
        import_file(root / "main.argdown", "x")
    [problem] = caught.value.problems
    assert (problem.file.endswith("main.argdown"), problem.line, problem.column) == (True, 3, 5)
    assert reason in problem.message and "argmap reads only files in" in problem.message
    assert "copy the file into that folder" in problem.hint


def test_a_nested_include_is_judged_from_the_imported_file_s_folder(project: Path) -> None:
    write(project / "parts" / "_more.argdown", "[C]\n  - [R]: Fine.\n@include(../../escape.argdown)\n")
    with pytest.raises(InputError) as caught:
        import_file(project / "main.argdown", "x")
    [problem] = caught.value.problems
    assert problem.file.endswith(os.path.join("parts", "_more.argdown")) and problem.line == 3
    assert "a path outside the folder" in problem.message


def test_a_missing_include_and_a_problem_inside_one_name_their_own_file(project: Path) -> None:
    write(project / "main.argdown", "[T]: A thesis.\n\n@include(_gone.argdown)\n")
    with pytest.raises(InputError) as caught:
        import_file(project / "main.argdown", "x")
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (3, 1)
    assert problem.message == "cannot read: No such file or directory (@include(_gone.argdown))"  # cause first, once
    assert problem.hint == "fix the path; it is relative to the including file's folder"
    write(project / "main.argdown", "[T]: A thesis.\n\n@include(_bad.argdown)\n[U]: After.\n")
    write(project / "_bad.argdown", "// a partial\n[A]: fine\n  + [B]: bad data {quote: [unclosed}\n")
    with pytest.raises(InputError) as caught:
        import_file(project / "main.argdown", "x")
    [problem] = caught.value.problems
    assert problem.file.endswith("_bad.argdown") and problem.line == 3 and "not valid YAML" in problem.message


def test_text_without_its_file_cannot_include(project: Path) -> None:
    with pytest.raises(InputError) as caught:
        argdown.parse("[T]: A thesis.\n@include(_cons.argdown)\n", "x", file="in")
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (2, 1) and "import the file itself" in problem.hint


def test_cli_refuses_an_include_outside_the_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "secret.argdown", "[S]: Not for import.\n")
    main = write(tmp_path / "project" / "main.argdown", "[T]: A thesis.\n@include(../secret.argdown)\n")
    r = cli("import", main, "--id", "x", "--corpus", tmp_path / "claims")
    assert r.exit_code != 0 and "Traceback" not in r.stderr
    assert "main.argdown:2:1: @include(../secret.argdown) names a path outside the folder" in r.stderr
    assert not (tmp_path / "claims" / "x.yaml").exists()


def test_an_include_through_a_symlink_loop_is_a_problem_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "project"
    write(root / "main.argdown", "[T]: A thesis.\n@include(_loop.argdown)\n")
    os.symlink("_loop.argdown", root / "_loop.argdown")  # resolve() raises on it; realpath does not
    with pytest.raises(InputError) as caught:
        import_file(root / "main.argdown", "x")
    [problem] = caught.value.problems
    assert problem.file.endswith("main.argdown") and problem.line == 2
    assert problem.message == "cannot read: Too many levels of symbolic links (@include(_loop.argdown))"


def test_an_included_file_that_is_not_utf8_is_refused_at_its_own_line(project: Path) -> None:
    write(project / "main.argdown", "[T]: A thesis.\n@include(_latin.argdown)\n")
    (project / "_latin.argdown").write_bytes(b"[A]: fine\n[B]: caf\xe9\n")
    with pytest.raises(InputError) as caught:
        import_file(project / "main.argdown", "x")
    [problem] = caught.value.problems
    assert problem.file.endswith("_latin.argdown") and (problem.line, problem.column) == (2, 9), problem
