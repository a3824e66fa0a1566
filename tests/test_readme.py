"""README.md opens with the two set-up commands, and CI runs the second verbatim."""

from __future__ import annotations

import re
import shlex

from conftest import ROOT


def first_block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:bash|sh|console)?\n(.*?)```", text, re.S)
    assert block, "README.md must open with a code block"
    return [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]


def test_readme_opens_with_install_and_test_commands() -> None:
    install, test = first_block()[:2]
    assert install.startswith("pip install . && argmap ")
    assert "pytest" in test and "[test]" in test


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test = first_block()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci, f"{test!r} must appear verbatim in .ci/run"


def test_readme_main_command_works(cli) -> None:  # type: ignore[no-untyped-def]
    words = shlex.split(first_block()[0].split("&&")[1])
    assert words[0] == "argmap"
    r = cli(*words[1:])
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip()


def test_readme_tour_shows_real_output() -> None:
    from update_readme import render, tour_in_readme

    assert tour_in_readme() == render(), "README tour is stale: run python tests/update_readme.py"


def test_agreement_doc_shows_real_figures() -> None:
    from update_readme import agreement_in_doc, render_agreement

    assert agreement_in_doc() == render_agreement(), "docs/agreement.md is stale: run python tests/update_readme.py"
