"""Import rates on real files by other authors (tests/fixtures/real/, sources and licences in its README).

Target (issue 14): at least 90 % of the Argdown files the Argdown CLI parses
import, validate and keep at least 95 % of the statements the CLI found.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.errors import InputError
from argmap.importers import import_file
from argmap.spec import convert
from argmap.model import Paper
from argmap.text import normalise

from conftest import FIXTURES

REAL = FIXTURES / "real"
ARGDOWN = json.loads((REAL / "argdown" / "manifest.json").read_text(encoding="utf-8"))


def argdown_outcome(name: str, statements: list[str]) -> tuple[bool, float]:
    """Did the file import as a valid map, and what share of the CLI's statements does it keep?"""
    try:
        data = import_file(REAL / "argdown" / name, "real")
    except InputError:
        return False, 0.0
    paper, issues = convert(Paper, data)
    assert not issues  # import_file refuses what does not validate
    texts = {normalise(n.claim.text) for n in paper.claims()}
    return True, sum(normalise(s) in texts for s in statements) / max(len(statements), 1)


def test_the_kept_set_is_what_the_readme_says() -> None:
    files = sorted(p.name for p in (REAL / "argdown").glob("*.argdown"))
    assert files == sorted(ARGDOWN["files"]) and len(files) == 27
    assert all(e["url"].startswith("https://github.com/christianvoigt/argdown/blob/") for e in ARGDOWN["files"].values())


def test_argdown_import_rate() -> None:
    outcomes = {name: argdown_outcome(name, e["statements"]) for name, e in ARGDOWN["files"].items()}
    good = [name for name, (ok, kept) in outcomes.items() if ok and kept >= 0.95]
    rate = len(good) / len(outcomes)
    print(f"argdown: {len(good)} of {len(outcomes)} import, validate and keep >= 95 % of their statements")
    assert rate >= 0.9, {name: o for name, o in outcomes.items() if name not in good}


@pytest.mark.parametrize("name", ["examples_legalisation-softdrugs.argdown", "examples_semmelweis_betz.argdown"])
def test_real_debates_are_graphs(name: str) -> None:
    """Two debates with cross-links: each claim once, the further edges kept by id, the year from the front matter."""
    paper, _ = convert(Paper, import_file(REAL / "argdown" / name, "real"))
    claims = list(paper.claims())
    assert len({n.claim.id for n in claims}) == len(claims)
    assert sum(len(n.claim.supports) + len(n.claim.attacks) for n in claims) > 0
    assert paper.year == 2018 and paper.year_note and "front matter" in paper.year_note
