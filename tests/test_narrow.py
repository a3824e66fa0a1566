"""Readable at 80 and 60 columns (issue 12 item 10): rich output never cuts an id off or breaks it,
never runs past the width, and folds titles and notes instead. Goldens keep each layout."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

COMMANDS = {
    "list": ["list"], "show": ["show", "kusuma"], "compare_balancing": ["compare", "balancing"],
    "compare_alignment": ["compare", "alignment"], "matrix": ["matrix"], "diff": ["diff", "haiszky", "shah"],
    "query": ["query", "informal alliance", "--limit", "3"], "tensions": ["tensions", "kusuma"],
    "where": ["where", "balancing.russia>=mostly_hard"], "agree": ["agree", "bundled", "reader2"],
    "link_list": ["link", "list", "shah"],
}
REF = re.compile(r"\b[a-z]+20\d\d\b")  # paper ids
VALUE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # mostly_hard, informal_alliance, relationship_type
CLAIM = re.compile(r"\b[a-z]+20\d\d#\w+")  # claim refs: rich shows them whole, or the bare id whole (diff's columns)


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_rich_output_keeps_ids_whole_at_narrow_widths(cli, golden, monkeypatch, name: str, width: int) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)  # `list` names the corpus folder: relative, the golden is the same in every checkout
    args = [*COMMANDS[name], "-c", "claims"]
    rich = cli(*args, "-f", "rich", env={"COLUMNS": str(width)})
    plain = cli(*args, "-f", "plain")
    assert rich.exit_code == plain.exit_code and rich.exit_code in (0, 1), rich.stderr
    assert max(len(line) for line in rich.stdout.splitlines()) <= width
    assert rich.stdout.count("…") <= plain.stdout.count("…")  # nothing is cut off (some texts hold one)
    missing = set(REF.findall(plain.stdout)) - set(REF.findall(rich.stdout))
    missing |= {ref for ref in CLAIM.findall(plain.stdout) if ref not in rich.stdout
                and not re.search(rf"(?<![\w#]){ref.partition('#')[2]}\b", rich.stdout)}
    assert missing == set(), f"ids broken or lost at {width} columns: {sorted(missing)}"
    broken = {word for word in VALUE.findall(plain.stdout) if word not in rich.stdout}
    assert broken == set(), f"values or axis names broken at {width} columns: {sorted(broken)}"
    golden(f"narrow_{name}_{width}.txt", rich.stdout)


def test_headers_break_only_between_words() -> None:
    from rich.console import Console
    from rich.table import Table

    from argmap.render.layout import Fitted

    table = Table("id", "balancing.russia", "relationship_type", "note")
    table.add_row("rezapour2020", "mostly_hard", "strategic_partnership", "a long note " * 8)
    console = Console(width=60, record=True, color_system=None)
    console.print(Fitted(table, keep=(0,), fold=(3,)))
    text = console.export_text()
    assert "rezapour2020" in text and "balancing." in text and "russia" in text and "relationship_" in text
    assert max(len(line) for line in text.splitlines()) <= 60
