"""Triage that is remembered: `link accept|dismiss` and `tensions accept|dismiss`.

An accepted link is a curated link: it goes to `links.yaml` (`links.add_link`).
Every other decision goes to `decisions.yaml` beside it, one small YAML list
item per decision, so that a review shows up in `git diff` and travels with
the corpus:

- `unrelated`: claim pairs of two papers judged not to be the same point;
  `link suggest` and `diff` never suggest them again;
- `tensions`: detected tension candidates, `accepted` (listed with the
  recorded tensions, with the reviewer's note) or `dismissed` (never
  detected again): two claims of one paper leaning opposite ways (`a`, `b`),
  or a claim leaning against the paper's stated position (`a`, `axis`).

Why not write into the maps? A map is the encoder's reading of one paper, and
a reviewer's "not the same point" is about two papers. Why not `links.yaml`?
Its items are relations argmap shows as facts; a dismissal is the absence of
one. The file is checked like links, by `validate` and whenever it is read
(both claims exist, in two papers for a link, in one for a tension; a
position's address is stated by the paper; a pair is decided once). A new
decision is appended to the text as a few lines, under a lock, by an atomic
rename, and the result is re-read before it replaces the file: comments,
order and style stay as they were (as `link add` does with links.yaml).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Literal, Union

from .errors import InputError, Problem, UsageError
from .model import Corpus, DecisionsFile, Link, TensionVerdict, Unrelated

if TYPE_CHECKING:
    from yaml import Node

HEADER = ("# Review decisions, written by argmap link dismiss and argmap tensions accept|dismiss.\n"
          "# unrelated: claim pairs that are not the same point (never suggested again);\n"
          "# tensions: detected candidates judged real (accepted) or noise (dismissed).\n")
Decision = Union[Unrelated, TensionVerdict]


def decisions_path(root: Path | str) -> Path:
    from .load import DECISIONS_FILE

    return Path(root) / DECISIONS_FILE


def load_decisions(corpus: Corpus) -> DecisionsFile:
    """The corpus's decisions (empty when it has none); a malformed file is an InputError at file:line:col."""
    parsed, problems = check_decisions(corpus, corpus.root)
    if problems or parsed is None:
        raise InputError(problems)
    return parsed


def check_decisions(corpus: Corpus, root: Path | str, text: str | None = None) -> tuple[DecisionsFile | None,
                                                                                      list[Problem]]:
    """The decisions file of folder `root` (or `text` as that file) and every problem with it, each at its
    file:line:column; no file is no decisions and no problem."""
    from .limits import DEFAULT_LIMITS
    from .load import Source

    path = decisions_path(root)
    if text is None and not path.exists():
        return DecisionsFile(), []
    problems: list[Problem] = []
    src = Source(path, problems)
    raw = src.read_bytes(DEFAULT_LIMITS) if text is None else text.encode("utf-8")
    parsed = src.convert(DecisionsFile, src.parse(raw, DEFAULT_LIMITS))
    if parsed is not None:
        seen: set[object] = set()
        for kind, items in (("unrelated", parsed.unrelated), ("tensions", parsed.tensions)):
            for i, item in enumerate(items):
                for message, hint in check_decision(corpus, item):
                    src.report((kind, i), message, hint)
                if key(item) in seen:
                    src.report((kind, i), f"{describe(item)} is decided twice in this file", "remove one of them")
                seen.add(key(item))
    return (None if problems else parsed), problems


def key(item: Decision) -> tuple[str, frozenset[str]]:
    """What a decision is about, whichever way round it was written."""
    if isinstance(item, Unrelated):
        return "unrelated", frozenset((item.a, item.b))
    return "tension", frozenset((item.a, item.b or f"@{item.axis}"))


def describe(item: Decision) -> str:
    other = item.b if isinstance(item, Unrelated) or item.b else f"{item.a.partition('#')[0]}'s position on {item.axis}"
    return f"{item.a} vs {other}"


def check_decision(corpus: Corpus, item: Decision) -> list[tuple[str, str]]:
    """(message, hint) for each rule the decision breaks: the link rules for a pair of two papers; one paper,
    and either a second claim or a stated position, for a tension."""
    from .load import LinkRules

    if isinstance(item, Unrelated):
        return [(m, h) for _, m, h in LinkRules(corpus.papers, corpus.links).problems(Link(item.a, item.b, "agrees",
                                                                                          "-"))]
    found = []
    for ref in (item.a, item.b):
        if ref is not None and corpus.claim(ref) is None:
            found.append((f"unknown claim '{ref}' in tension", f"argmap tree {ref.partition('#')[0]} shows the ids"))
    paper_id = item.a.partition("#")[0]
    if (item.b is None) == (item.axis is None):
        found.append(("a tension verdict names either the other claim (b) or the position (axis)",
                      "b: PAPER#CLAIM for two claims leaning opposite ways; axis: ADDRESS for a claim against the "
                      "paper's position"))
    elif item.b is not None and item.b.partition("#")[0] != paper_id:
        found.append(("a tension joins two claims of one paper", "between two papers, record a link"))
    elif item.b == item.a:
        found.append(("a tension needs two different claims", "point 'b' at the other claim"))
    elif item.axis is not None and paper_id in corpus.papers:
        from .compare.positions import stated
        from .errors import did_you_mean

        if item.axis not in corpus.addresses:
            found.append((f"unknown address '{item.axis}'", did_you_mean(item.axis, corpus.addresses)))
        elif stated(corpus.papers[paper_id], item.axis) is None:
            found.append((f"{paper_id} states no position on {item.axis}",
                          f"argmap show {paper_id} lists its positions"))
    return found


def dismissed_pairs(decisions: DecisionsFile) -> set[frozenset[str]]:
    return {frozenset((p.a, p.b)) for p in decisions.unrelated}


def tension_verdicts(decisions: DecisionsFile) -> dict[frozenset[str], TensionVerdict]:
    """Verdicts by what they judge: {a, b} for two claims, {a, '@ADDRESS'} for a claim against a position."""
    return {key(t)[1]: t for t in decisions.tensions}


def append_decision(text: str, item: Decision) -> str:
    """decisions.yaml's text with one decision appended to its list, every other byte kept."""
    import json

    from .yamlsafe import compose

    kind = "unrelated" if isinstance(item, Unrelated) else "tensions"
    lines = [f"a: {item.a}"]
    if isinstance(item, Unrelated):
        lines.append(f"b: {item.b}")
    else:
        lines += [f"b: {item.b}"] if item.b else [f"axis: {json.dumps(item.axis)}"]
        lines.append(f"verdict: {item.verdict}")
        lines += [f"note: {json.dumps(item.note, ensure_ascii=False)}"] if item.note else []
    if not text.strip():
        text = HEADER
    if not text.endswith("\n"):
        text += "\n"
    node, _ = compose(text, "decisions.yaml")
    pairs = node.value if node is not None and node.tag.endswith(":map") else []
    value = next((v for k, v in pairs if k.value == kind), None)
    if value is None:  # no such list yet: start it at the end
        return text + f"{kind}:\n" + _item(lines, "  ")
    if value.tag.endswith(":seq") and value.value and not value.flow_style:  # after its last item
        end = _last(value).end_mark.index
        at = end if text[end - 1] == "\n" else text.find("\n", end) + 1 or len(text)
        return text[:at] + _item(lines, " " * value.start_mark.column) + text[at:]
    # `kind: []` or `kind:` with nothing: open it up as a block list under its key
    key_node = next(k for k, v in pairs if v is value)
    text = text[:value.start_mark.index] + text[value.end_mark.index:]
    at = text.find("\n", key_node.end_mark.index) + 1
    return text[:at] + _item(lines, "  ") + text[at:]


def _item(lines: list[str], indent: str) -> str:
    return "".join(f"{indent}{'- ' if i == 0 else '  '}{line}\n" for i, line in enumerate(lines))


def _last(node: Node) -> Node:
    """The deepest last node under `node`: where its text ends."""
    while node.tag.endswith((":seq", ":map")) and node.value:
        node = node.value[-1][1] if node.tag.endswith(":map") else node.value[-1]
    return node


def _record(root: Path, decide: Callable[[Corpus, DecisionsFile], Decision]) -> Path:
    """Append the decision `decide` makes (after its checks) to the folder's decisions.yaml."""
    from .atomic import locked, write_atomic
    from .load import load_corpus

    path = decisions_path(root)
    with locked(path):  # read-decide-write as one step: concurrent decisions lose nothing
        corpus = load_corpus(root, use_cache=False)
        decisions = load_decisions(corpus)
        item = decide(corpus, decisions)
        for message, hint in check_decision(corpus, item):
            raise UsageError(f"{message}; {hint}")
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        new = append_decision(old, item)
        parsed, problems = check_decisions(corpus, root, new)
        kind = "unrelated" if isinstance(item, Unrelated) else "tensions"
        if parsed is None or getattr(parsed, kind)[-1:] != [item] or len(getattr(parsed, kind)) != len(
                getattr(decisions, kind)) + 1:
            raise UsageError(f"cannot append to {path}: its '{kind}' is not a plain block list; add the decision "
                             "by hand") from (InputError(problems) if problems else None)
        write_atomic(path, new)
    return path


def _refs(corpus: Corpus, *refs: str) -> list[str]:
    """Each ref with its paper resolved (id prefix or surname, as everywhere)."""
    from .corpus import resolve_ref

    return [resolve_ref(corpus, ref) for ref in refs]


def dismiss_link(root: Path | str, a: str, b: str) -> Path:
    """Record that two claims of two papers are unrelated; returns the decisions file."""
    def decide(corpus: Corpus, decisions: DecisionsFile) -> Decision:
        x, y = _refs(corpus, a, b)
        if frozenset((x, y)) in dismissed_pairs(decisions):
            raise UsageError(f"{x} and {y} are already dismissed")
        return Unrelated(x, y)

    return _record(Path(root), decide)


def judge_tension(root: Path | str, a: str, b: str, verdict: Literal["accepted", "dismissed"], note: str = "") -> Path:
    """Record a verdict on a tension candidate of one paper; returns the decisions file.

    `b` is the other claim (PAPER#CLAIM) of an opposite_leans candidate, or the address (e.g.
    `alignment`) of the position claim `a` leans against, for a position_vs_lean one."""
    if verdict == "accepted" and not note.strip():
        raise UsageError("an accepted tension needs a one-line --note saying what the contradiction is")

    def decide(corpus: Corpus, decisions: DecisionsFile) -> Decision:
        is_claim = "#" in b
        x, *y = _refs(corpus, a, *([b] if is_claim else []))
        item = TensionVerdict(x, verdict, b=y[0] if y else None, axis=None if is_claim else b.strip(),
                              note=" ".join(note.split()))
        old = tension_verdicts(decisions).get(key(item)[1])
        if old is not None:
            raise UsageError(f"{describe(item)} was already {old.verdict}; edit {decisions_path(corpus.root).name} "
                             "to change your mind")
        return item

    return _record(Path(root), decide)
