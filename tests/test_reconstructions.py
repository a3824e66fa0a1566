"""Argument reconstructions keep their premise numbers and inference rules, checked against the Argdown CLI.

A premise-conclusion structure (`(1) ...`, `-- Modus ponens --`, `(2) ...`)
is imported into the tree (each inference's premises under its conclusion);
each statement keeps its number as `number`, each inference its rules as the
`rules` of the claim its premises support. The real Argdown CLI
(`argdown json`) is the oracle on the real files that hold reconstructions.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from argmap.importers import import_file
from argmap.exporters import export
from argmap.model import Corpus, Paper
from argmap.spec import convert
from argmap.text import normalise
from conftest import FIXTURES

REAL = FIXTURES / "real" / "argdown"
SHORTCODE = re.compile(r"\.\S+?\.")  # `.^.`, `.->.`: the importer keeps them as written
WITH_PCS = sorted(p.name for p in REAL.glob("*.argdown")
                  if any(line.lstrip().startswith("(1)") for line in p.read_text(encoding="utf-8").splitlines()))


@pytest.fixture(scope="module")
def argdown_cli() -> str:
    cli = shutil.which("argdown")
    if cli is None:
        pytest.skip("the Argdown CLI is not on PATH (npm install -g @argdown/cli@1.7.5)")
    return cli


def argdown_json(cli: str, path: Path) -> dict[str, Any]:
    run = subprocess.run([cli, "json", str(path), "--stdout", "--silent"], capture_output=True, text=True,
                         timeout=300, check=False)
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def statement_text(doc: dict[str, Any], title: str) -> str:
    return next(m["text"] for m in doc["statements"][title]["members"] if m.get("text"))


def test_real_files_with_reconstructions_are_found() -> None:
    assert len(WITH_PCS) >= 8


@pytest.mark.parametrize("name", WITH_PCS)
def test_numbers_and_rules_are_the_argdown_clis(argdown_cli: str, name: str) -> None:
    doc = argdown_json(argdown_cli, REAL / name)
    paper, _ = convert(Paper, import_file(REAL / name, "real"))
    claims = list(paper.claims())
    items = [(i + 1, normalise(statement_text(doc, item["title"])), item)
             for a in doc["arguments"].values() for i, item in enumerate(a.get("pcs", []))]
    once = {text for text, n in Counter(text for _, text, _ in items).items() if n == 1}  # in one structure
    numbered: dict[str, list[int]] = {}
    for n in claims:
        if n.claim.number is not None:
            numbered.setdefault(normalise(n.claim.text), []).append(n.claim.number)
    expected = {text: [number] for number, text, _ in items if text in once}
    assert {text: numbered.get(text) for text in expected} == expected

    def rules(found: list[str]) -> tuple[str, ...]:
        """Rule names compared by their letters and digits: Argdown shows shortcodes (`.^.`) as symbols (∧)."""
        return tuple(re.sub(r"\W", "", SHORTCODE.sub("", rule)) for rule in found)

    ours = Counter(rules(n.claim.rules) for n in claims if n.claim.rules)
    assert ours == Counter(rules(item["inference"]["inferenceRules"]) for _, _, item in items
                           if item.get("inference", {}).get("inferenceRules"))
    by_text = {normalise(n.claim.text): n.claim for n in claims}
    for _, text, item in items:  # an intermediate conclusion has its inference's rules
        if item["role"] == "intermediary-conclusion" and text in once:
            assert rules(by_text[text].rules) == rules(item["inference"].get("inferenceRules", []))


def alone(paper: Paper) -> Corpus:
    return Corpus(Path("."), "test", {paper.id: paper}, {})


def reconstruction_fields(paper: Paper) -> Counter[tuple[str, int | None, tuple[str, ...]]]:
    """Each claim's text with its number and rules (in any order: a round trip may pick another thesis)."""
    return Counter((n.claim.text, n.claim.number, tuple(n.claim.rules)) for n in paper.claims())


@pytest.mark.parametrize("name", WITH_PCS)
def test_an_argdown_export_keeps_numbers_and_rules(name: str) -> None:
    from argmap.importers import importer

    paper, _ = convert(Paper, import_file(REAL / name, "real"))
    text = export(alone(paper), [paper], "argdown")
    back, issues = convert(Paper, importer("argdown").parse(text, "real"))
    assert issues == [] and reconstruction_fields(back) == reconstruction_fields(paper)


def test_the_argdown_cli_reads_them_from_the_export(argdown_cli: str, tmp_path: Path) -> None:
    paper, _ = convert(Paper, import_file(REAL / "examples_semmelweis_betz.argdown", "real"))
    path = tmp_path / "r.argdown"
    path.write_text(export(alone(paper), [paper], "argdown"), encoding="utf-8")
    doc = argdown_json(argdown_cli, path)
    data = {f"real_{n.claim.id}": (n.claim.number, n.claim.rules) for n in paper.claims()}
    found = {title: (s.get("data", {}).get("number"), s.get("data", {}).get("rules", [])) for title, s in doc["statements"].items()}
    assert found == data and sum(1 for number, _ in data.values() if number) > 10
