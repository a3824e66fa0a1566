"""Triage that is remembered: `link accept|dismiss` and `tensions accept|dismiss`.

An accepted link is a curated link: it goes to `links.yaml` (`links.add_link`).
Every other decision goes to `decisions.yaml` beside it, one small YAML list
item per decision, so that a review shows up in `git diff` and travels with
the corpus:

- `unrelated`: claim pairs of two papers judged not to be the same point;
  `link suggest` and `diff` never suggest them again;
- `tensions`: detected tension candidates, `accepted` (listed with the
  recorded tensions, with the reviewer's note) or `dismissed` (never
  detected again).

Why not write into the maps? A map is the encoder's reading of one paper, and
a reviewer's "not the same point" is about two papers. Why not `links.yaml`?
Its items are relations argmap shows as facts; a dismissal is the absence of
one. The file is checked like links (both claims exist, in two papers for a
link, in one for a tension; a pair is decided once) and written atomically
under a lock; argmap writes it whole, in a fixed order, so hand-added comments
are not kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Literal

from .atomic import locked, write_atomic
from .errors import InputError, UsageError
from .model import Corpus, DecisionsFile, Link, TensionVerdict, Unrelated

HEADER = ("# Review decisions, written by argmap link dismiss and argmap tensions accept|dismiss.\n"
          "# unrelated: claim pairs that are not the same point (never suggested again);\n"
          "# tensions: detected candidates judged real (accepted) or noise (dismissed).\n")


def decisions_path(root: Path | str) -> Path:
    from .load import DECISIONS_FILE

    return Path(root) / DECISIONS_FILE


def load_decisions(corpus: Corpus) -> DecisionsFile:
    """The corpus's decisions (empty when it has none); a malformed file is an InputError at file:line:col."""
    path = decisions_path(corpus.root)
    if not path.exists():
        return DecisionsFile()
    from .errors import Problem
    from .limits import DEFAULT_LIMITS
    from .load import Source

    problems: list[Problem] = []
    src = Source(path, problems)
    parsed = src.convert(DecisionsFile, src.parse(src.read_bytes(DEFAULT_LIMITS), DEFAULT_LIMITS))
    if parsed is not None:
        for i, pair in enumerate(parsed.unrelated):
            for message, hint in check_pair(corpus, pair.a, pair.b, "link"):
                src.report(("unrelated", i), message, hint)
        for i, t in enumerate(parsed.tensions):
            for message, hint in check_pair(corpus, t.a, t.b, "tension"):
                src.report(("tensions", i), message, hint)
    if problems or parsed is None:
        raise InputError(problems)
    return parsed


def check_pair(corpus: Corpus, a: str, b: str, kind: Literal["link", "tension"]) -> list[tuple[str, str]]:
    """(message, hint) for each rule the pair breaks: the link rules for `link`, one paper for `tension`."""
    from .load import LinkRules

    if kind == "link":
        return [(m, h) for _, m, h in LinkRules(corpus.papers, corpus.links).problems(Link(a, b, "agrees", "-"))]
    found = []
    for ref in (a, b):
        if corpus.claim(ref) is None:
            found.append((f"unknown claim '{ref}' in tension", f"argmap tree {ref.partition('#')[0]} shows the ids"))
    if a.partition("#")[0] != b.partition("#")[0]:
        found.append(("a tension joins two claims of one paper", "between two papers, record a link"))
    return found


def dismissed_pairs(decisions: DecisionsFile) -> set[frozenset[str]]:
    return {frozenset((p.a, p.b)) for p in decisions.unrelated}


def tension_verdicts(decisions: DecisionsFile) -> dict[frozenset[str], TensionVerdict]:
    return {frozenset((t.a, t.b)): t for t in decisions.tensions}


def _write(root: Path, update: Callable[[Corpus, DecisionsFile], None]) -> Path:
    from .load import load_corpus
    from .yamlsafe import dump

    path = decisions_path(root)
    with locked(path):  # read-decide-write as one step: concurrent decisions lose nothing
        corpus = load_corpus(root, use_cache=False)
        decisions = load_decisions(corpus)
        update(corpus, decisions)
        data = {"unrelated": [{"a": p.a, "b": p.b} for p in decisions.unrelated],
                "tensions": [{"a": t.a, "b": t.b, "verdict": t.verdict, **({"note": t.note} if t.note else {})}
                             for t in decisions.tensions]}
        write_atomic(path, HEADER + dump(data))
    return path


def _refs(corpus: Corpus, a: str, b: str) -> tuple[str, str]:
    """Both refs with their papers resolved (id prefix or surname, as everywhere)."""
    from .corpus import resolve_paper

    out = []
    for ref in (a, b):
        paper, sep, claim = ref.strip().partition("#")
        if not sep or not claim:
            raise UsageError(f"'{ref}' is not a claim reference; write PAPER#CLAIM, e.g. dubey2021#p3")
        out.append(f"{resolve_paper(corpus, paper).id}#{claim}")
    return out[0], out[1]


def dismiss_link(root: Path | str, a: str, b: str) -> Path:
    """Record that two claims of two papers are unrelated; returns the decisions file."""
    def update(corpus: Corpus, decisions: DecisionsFile) -> None:
        x, y = _refs(corpus, a, b)
        for message, hint in check_pair(corpus, x, y, "link"):
            raise UsageError(f"{message}; {hint}")
        if frozenset((x, y)) in dismissed_pairs(decisions):
            raise UsageError(f"{x} and {y} are already dismissed")
        decisions.unrelated.append(Unrelated(x, y))

    return _write(Path(root), update)


def judge_tension(root: Path | str, a: str, b: str, verdict: Literal["accepted", "dismissed"], note: str = "") -> Path:
    """Record a verdict on a tension candidate between two claims of one paper; returns the decisions file."""
    if verdict == "accepted" and not note.strip():
        raise UsageError("an accepted tension needs a one-line --note saying what the contradiction is")

    def update(corpus: Corpus, decisions: DecisionsFile) -> None:
        x, y = _refs(corpus, a, b)
        for message, hint in check_pair(corpus, x, y, "tension"):
            raise UsageError(f"{message}; {hint}")
        old = tension_verdicts(decisions).get(frozenset((x, y)))
        if old is not None:
            raise UsageError(f"{x} and {y} were already {old.verdict}; edit {decisions_path(corpus.root).name} "
                             "to change your mind")
        decisions.tensions.append(TensionVerdict(x, y, verdict, " ".join(note.split())))

    return _write(Path(root), update)
