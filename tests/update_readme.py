"""The README's tour: real commands and their real output on the bundled corpus.

    python tests/update_readme.py     # rewrite the tour in README.md (and the figures of docs/agreement.md)

tests/test_readme.py checks that README.md holds exactly what this renders,
and docs/agreement.md the output of `argmap agree bundled reader2` it discusses.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
TOUR_RE = re.compile(r"<!-- tour -->\n.*?<!-- /tour -->\n|<!-- tour -->\n", re.S)

TOUR = [
    ("Where does each paper stand on hard vs soft balancing, per actor?", "argmap compare balancing"),
    ("And on convergence vs divergence (a number line; `--evidence` adds the quotes)?", "argmap compare alignment"),
    ("Who says Russia balances mostly or only by hard means, and on what evidence?", "argmap where balancing.russia>=mostly_hard"),
    ("A paper's argument, two levels deep (`+` supports, `-` attacks):", "argmap tree rezapour2020 --depth 1"),
    ("Two papers' positions side by side (drop `--axis` for their claims too):", "argmap diff haiszky shah --axis"),
    ("Every claim about an alliance, best match first:", "argmap query \"informal alliance\" --limit 4"),
    ("Where does a paper contradict itself? (the first of its tensions)", "argmap tensions kusuma"),
    ("Your maps beside the literature: layer your folder on the bundled corpus (`argmap new` in a fresh folder "
     "does it for you, with a `corpus.yaml` saying `builds_on: [bundled]`):", "argmap compare balancing -c mymaps -c bundled"),
    ("How far does a second, independent reader agree? (docs/agreement.md discusses every contested cell)",
     "argmap agree bundled reader2"),
]
EXAMPLES = ROOT / "tests" / "fixtures" / "readme"  # the working directory of the tour: mymaps/ is there
SHOWN_LINES = 14  # a longer output is cut here, marked with an ellipsis


def run(command: str) -> str:
    """The plain output of one argmap command line, run in-process on the bundled corpus."""
    from typer.testing import CliRunner

    from argmap.cli import app
    from argmap.verify import locate_sources

    args = shlex.split(command)[1:]
    if "--format" not in args:
        args += ["--format", "plain"]
    env = {"COLUMNS": "100", "ARGMAP_CORPUS": str(ROOT / "claims"), "NO_COLOR": "1",
           "ARGMAP_SOURCES": str(locate_sources(base=ROOT) or ROOT.parent / "shared" / "papers")}  # as tests find them
    here = os.getcwd()
    os.chdir(EXAMPLES)
    try:
        result = CliRunner().invoke(app, args, env=env)
    finally:
        os.chdir(here)
    assert result.exit_code in ((0, 1) if args[0] == "agree" else (0,)), (command, result.stderr)  # agree: 1 = contested
    return result.stdout


def render() -> str:
    parts = ["<!-- tour -->\n"]
    for intro, command in TOUR:
        output = run(command)
        lines = output.splitlines()
        if len(lines) > SHOWN_LINES:
            output = "\n".join(lines[:SHOWN_LINES] + ["…"]) + "\n"
        parts.append(f"{intro}\n\n```console\n$ {command}\n{output}```\n\n")
    parts.append("<!-- /tour -->\n")
    return "".join(parts)


AGREEMENT = ROOT / "docs" / "agreement.md"
AGREE_RE = re.compile(r"<!-- agree -->\n.*?<!-- /agree -->\n|<!-- agree -->\n", re.S)
AGREE = "argmap agree bundled reader2"


def render_agreement() -> str:
    """The figures docs/agreement.md discusses: agree's output, each contested cell by its head line only."""
    lines = run(AGREE).splitlines()
    cut = lines.index(next(line for line in lines if line.startswith("contested: ")))
    kept = lines[:cut + 1] + [line for line in lines[cut + 1:] if not line.startswith(" ")]
    return "<!-- agree -->\n```console\n$ " + AGREE + "\n" + "\n".join(kept) + "\n```\n<!-- /agree -->\n"


def agreement_in_doc() -> str:
    m = AGREE_RE.search(AGREEMENT.read_text(encoding="utf-8"))
    return m.group(0) if m else ""


def tour_in_readme() -> str:
    m = TOUR_RE.search(README.read_text(encoding="utf-8"))
    return m.group(0) if m else ""


def main() -> int:
    os.chdir(ROOT)
    text = README.read_text(encoding="utf-8")
    README.write_text(TOUR_RE.sub(lambda _: render(), text, count=1), encoding="utf-8")
    print(f"updated the tour in {README}")
    doc = AGREEMENT.read_text(encoding="utf-8")
    AGREEMENT.write_text(AGREE_RE.sub(lambda _: render_agreement(), doc, count=1), encoding="utf-8")
    print(f"updated the figures in {AGREEMENT}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
