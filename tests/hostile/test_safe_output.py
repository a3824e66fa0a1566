"""Text from a map never reaches a terminal or a spreadsheet raw (issue 12 item 7)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import MINI

# An OSC title change, a CSI clear screen, BEL, a right-to-left override and a NUL-free C1 control.
HOSTILE = "Trade \x1b]0;pwned\x07grew \x1b[2J fast \u202eevil\u202c \x9b31m"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # \t\n allowed
ESC = re.compile(r"\x1b(?!\[[0-9;]*m)")  # an ESC that is not rich's own colour code


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "claims"
    shutil.copytree(MINI, folder)
    smith = folder / "smith2020.yaml"
    text = smith.read_text(encoding="utf-8")
    smith.write_text(text.replace("text: Trade between them has grown fast.", f"text: {json.dumps(HOSTILE)}")
                     .replace("title: An example paper", f"title: {json.dumps('=HYPERLINK(1) ' + HOSTILE)}"),
                     encoding="utf-8")
    return folder


COMMANDS = [["list"], ["show", "smith"], ["tree", "smith"], ["query", "trade"], ["diff", "smith", "jones"],
            ["where", "balancing.china=soft"], ["tensions"], ["link", "list"], ["align", "smith", "jones"]]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("fmt", ["plain", "rich"])
def test_no_control_sequence_reaches_the_terminal(cli, corpus: Path, args: list[str], fmt: str) -> None:  # type: ignore[no-untyped-def]
    r = cli(*args, "-c", corpus, "-f", fmt, env={"FORCE_COLOR": "1"} if fmt == "rich" else None)
    assert r.exit_code in (0, 1), r.stderr
    out = r.stdout + r.stderr
    assert not ESC.search(out) and not RAW.search(out.replace("\x1b", "")), repr(out)
    if args[0] in ("show", "tree", "query"):
        assert "[U+001B]" in out and "[U+202E]" in out  # shown, not hidden


def test_error_messages_are_neutralised(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("show", "smith\x1b[2J", "-c", corpus)
    assert r.exit_code == 2 and "\x1b" not in r.stderr and "[U+001B]" in r.stderr


def test_csv_cells_are_printable_and_never_formulas(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    smith = corpus / "smith2020.yaml"
    smith.write_text(smith.read_text(encoding="utf-8").replace("text: Energy deals anchor the trade.",
                                                               "text: '=1+2'").replace(
        "text: Old mistrust limits how far they can go.", "text: '@SUM(A1)'"), encoding="utf-8")
    r = cli("export", "smith", "--to", "csv", "-c", corpus)
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    texts = {row["id"]: row["text"] for row in rows}
    assert texts["p2"] == "'=1+2" and texts["c1"] == "'@SUM(A1)"
    assert all(cell[:1] not in ("=", "+", "-", "@") for row in rows for cell in row.values())
    assert not RAW.search(r.stdout.replace("\n", "")) and "[U+202E]" in texts["p1"]



@pytest.mark.parametrize("content", ["aws_key: AKIAVERYSECRET\n  token: [hunter2\n",  # a syntax error
                                     "aws_key: AKIAVERYSECRET\ntoken: hunter2\n"])  # unknown keys
def test_an_error_never_echoes_a_file_outside_the_corpus(cli, corpus: Path, tmp_path: Path, content: str) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.txt"
    secret.write_text(content, encoding="utf-8")
    os.symlink(secret, corpus / "notes.yaml")
    r = cli("validate", corpus, "-f", "json")
    problems = [p for p in r.json()["problems"] if p["file"].endswith("notes.yaml")]
    assert problems, r.stdout
    text = r.stdout + cli("list", "-c", corpus).stderr
    assert "AKIA" not in text and "hunter2" not in text and "aws_key" not in text
