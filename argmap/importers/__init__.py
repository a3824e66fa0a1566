"""Importers: one module per format, each with the same small interface.

A format module defines

    SUFFIXES = (".argdown", ".ad")            # how files of this format are recognised
    def parse(text: str, paper_id: str, *, file: str = "<input>",
              title=None, authors=None, year=None) -> dict   # plain map data (the YAML shape)

The result is checked with the same converter as a YAML map
(`argmap.spec.convert`), so an import that does not validate is an error
with the problems listed, and nothing is written.

Every format describes a graph of claims; `Draft` is that graph as a tree
(a claim reused under two parents is copied) and `paper_data` turns it into
map data, choosing ids and filling what the format cannot say (a quote,
a locator, the year).
"""

from __future__ import annotations

import datetime
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Sequence

from ..errors import InputError, Problem, UsageError, did_you_mean
from ..model import SLUG

FORMATS = {"argdown": "argdown", "aif": "aif", "kialo": "kialo"}
CLAIM_KEYS = ("quote", "locator", "tags", "lean", "reported_by", "weight")  # extra claim fields a format may carry
PAPER_KEYS = ("title", "authors", "year", "year_note", "venue", "source", "positions", "tensions")
_SLUG = re.compile(SLUG)


def importer(fmt: str) -> ModuleType:
    if fmt not in FORMATS:
        raise UsageError(f"unknown import format '{fmt}'; {did_you_mean(fmt, list(FORMATS))}")
    return importlib.import_module(f"argmap.importers.{FORMATS[fmt]}")


def detect(path: Path) -> str:
    """The format of a file from its suffix (.argdown, .json → aif, .txt → kialo)."""
    for fmt in FORMATS:
        if path.suffix.lower() in importer(fmt).SUFFIXES:
            return fmt
    raise UsageError(f"cannot tell the format of {path.name}; pass --from {'|'.join(FORMATS)}")


@dataclass
class Draft:
    """A claim as read from a foreign format, before ids are settled."""

    text: str
    id: str | None = None  # the id the file suggests; kept only when every claim has a usable one
    data: dict[str, Any] = field(default_factory=dict)  # any of CLAIM_KEYS the format carries
    premises: list[Draft] = field(default_factory=list)
    counterpoints: list[Draft] = field(default_factory=list)


@dataclass
class Vertex:
    """A claim of a foreign graph, where the file states it."""

    text: str
    id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    line: int | None = None
    column: int | None = None
    label: str = ""  # how messages name it: a title, a node id


Edge = tuple[str, str, str]  # (from vertex, to vertex, "support" | "attack")


def tree_limits() -> tuple[int, int]:
    """Most claims, and deepest claim level, that a map argmap can load again may have.

    Each claim level is two YAML levels and a claim's own lists one more, past the
    paper and the thesis: level d needs YAML depth 3 + 2d.
    """
    from ..limits import limits_from_env

    limits = limits_from_env()
    return limits.max_claims, (limits.max_depth - 3) // 2


def _too_big(file: str, v: Vertex | None, count: int, depth: int, limits: tuple[int, int]) -> InputError | None:
    max_claims, max_depth = limits
    where = (v.line, v.column) if v else (None, None)
    if count > max_claims:
        return InputError([Problem(file, *where, f"the map would have over {max_claims} claims (a claim used "
                                   "under several parents counts each time)", "split it, or raise ARGMAP_MAX_CLAIMS")])
    if depth > max_depth:
        return InputError([Problem(file, *where, f"claims nested deeper than {max_depth} levels",
                                   "flatten the tree, or raise ARGMAP_MAX_DEPTH")])
    return None


def check_size(root: Draft, file: str) -> None:
    """InputError if the tree has more claims or levels than a map may have."""
    limits = tree_limits()
    stack, count = [(root, 0)], 0
    while stack:
        draft, depth = stack.pop()
        count += 1
        if error := _too_big(file, None, count, depth, limits):
            raise error
        stack.extend((c, depth + 1) for c in draft.premises + draft.counterpoints)


def build_tree(vertices: dict[str, Vertex], edges: list[Edge], file: str) -> tuple[Draft, dict[str, Draft]]:
    """The tree under the one vertex that supports or attacks nothing, and the first draft of each vertex.

    A vertex with several parents is copied under each; cycles, several roots,
    vertices cut off from the root and trees too big for a map are errors (InputError).
    """
    def problem(v: Vertex | None, message: str, hint: str) -> InputError:
        return InputError([Problem(file, v.line if v else 1, v.column if v else 1, message, hint)])

    children: dict[str, list[tuple[str, str]]] = {k: [] for k in vertices}
    for source, target, kind in edges:
        children[target].append((source, kind))
    sources = {source for source, _, _ in edges}
    roots = [k for k in vertices if k not in sources]
    if not vertices:
        raise problem(None, "no claims found", "is this the right file and format?")
    if not roots:
        raise problem(vertices[next(iter(vertices))], "every claim supports or attacks another, so none is "
                      "the thesis", "a map is a tree: break the cycle")
    if len(roots) > 1:
        named = ", ".join(f"'{vertices[k].label}'" for k in roots[:5]) + (" …" if len(roots) > 5 else "")
        raise problem(vertices[roots[1]], f"{len(roots)} claims support or attack nothing: {named}",
                      "a map has one thesis: import one tree per file")
    first: dict[str, Draft] = {}
    limits, count = tree_limits(), 0

    def draft(key: str, depth: int) -> Draft:
        nonlocal count
        count += 1
        if error := _too_big(file, vertices[key], count, depth, limits):
            raise error
        v = vertices[key]
        made = Draft(v.text, v.id, dict(v.data))
        first.setdefault(key, made)
        return made

    root = draft(roots[0], 0)
    # The depth bound keeps each path short, so carrying it along for the cycle check is cheap.
    stack: list[tuple[str, Draft, tuple[str, ...]]] = [(roots[0], root, (roots[0],))]
    while stack:
        key, parent, path = stack.pop()
        for child, kind in children[key]:
            if child in path:
                raise problem(vertices[child], f"'{vertices[child].label}' supports or attacks itself "
                              "through a cycle", "a map is a tree: break the cycle")
            made = draft(child, len(path))
            (parent.premises if kind == "support" else parent.counterpoints).append(made)
            stack.append((child, made, path + (child,)))
    cut_off = [k for k in vertices if k not in first]
    if cut_off:
        raise problem(vertices[cut_off[0]], f"{len(cut_off)} claims are not connected to the thesis "
                      f"'{vertices[roots[0]].label}'", "a map has one thesis: import one tree per file")
    return root, first


def assign_ids(root: Draft) -> dict[str, str]:
    """Give every draft its id: the suggested ones when all are unique slugs, else t/p1/c1/r1 by role.

    Returns old id -> new id, so references (positions, tensions) can follow.
    """
    from ..model import walk

    # A draft has a claim's shape (id, premises, counterpoints), so the model's walk assigns its
    # role; the role's initial is the id letter (thesis t, premise p, counterpoint c, rebuttal r).
    drafts = [(n.claim, n.role[0]) for n in walk(root)]  # type: ignore[arg-type]
    wanted = [d.id for d, _ in drafts]
    if all(w and _SLUG.fullmatch(w) for w in wanted) and len(set(wanted)) == len(wanted):
        return {w: w for w in wanted if w}
    counts: dict[str, int] = {}
    renamed: dict[str, str] = {}
    for draft, letter in drafts:
        counts[letter] = counts.get(letter, 0) + 1
        new = "t" if letter == "t" else f"{letter}{counts[letter]}"
        if draft.id and draft.id not in renamed:
            renamed[draft.id] = new
        draft.id = new
    return renamed


def claim_data(draft: Draft, fmt: str) -> dict[str, Any]:
    # No quote unless the file has a verbatim one: a claim's text is a paraphrase, never a quote.
    out: dict[str, Any] = {"id": draft.id, "text": draft.text,
                           "locator": draft.data.get("locator") or f"imported from {fmt}"}
    out.update({k: draft.data[k] for k in CLAIM_KEYS if k != "locator" and draft.data.get(k) not in (None, "", [], {})})
    for kind in ("premises", "counterpoints"):
        if getattr(draft, kind):
            out[kind] = [claim_data(c, fmt) for c in getattr(draft, kind)]
    return out


def paper_data(root: Draft, paper_id: str, fmt: str, meta: dict[str, Any], *, title: str | None = None,
               authors: list[str] | None = None, year: int | None = None,
               tensions: Sequence[tuple[Draft, Draft, str]] = ()) -> dict[str, Any]:
    """Map data for one paper: arguments win over what the file says (`meta`), which wins over defaults.

    `tensions` are contradictions the format records between two drafts of the tree.
    """
    renamed = assign_ids(root)
    meta = {k: v for k, v in meta.items() if k in PAPER_KEYS and v not in (None, "", [], {})}
    explicit = {k: v for k, v in (("title", title), ("authors", authors), ("year", year)) if v is not None}
    if "year" in explicit:
        meta.pop("year_note", None)  # a note about the file's year no longer applies
    data: dict[str, Any] = {"id": paper_id, "title": paper_id, "authors": ["Unknown"]}
    data.update(meta)
    data.update(explicit)
    if "year" not in data:
        data["year"] = datetime.date.today().year
        data["year_note"] = f"not in the imported {fmt} file; set to the year of import"
    data["thesis"] = claim_data(root, fmt)
    _follow_renames(data, renamed)
    if tensions:
        data["tensions"] = list(data.get("tensions") or []) + [{"a": a.id, "b": b.id, "note": note}
                                                               for a, b, note in tensions]
    order = ("id", *PAPER_KEYS[:6], "thesis", *PAPER_KEYS[6:])
    return {k: data[k] for k in order if k in data}


def _follow_renames(data: dict[str, Any], renamed: dict[str, str]) -> None:
    """Point positions' evidence and tensions at the new ids (unknown ids stay, for validate to report)."""
    def new(ref: Any) -> Any:
        return renamed.get(ref.lstrip("#"), ref) if isinstance(ref, str) else ref

    for position in (data.get("positions") or {}).values():
        if isinstance(position, dict) and isinstance(position.get("evidence"), list):
            position["evidence"] = [new(r) for r in position["evidence"]]
    for tension in data.get("tensions") or []:
        if isinstance(tension, dict):
            tension.update({k: new(tension[k]) for k in ("a", "b") if k in tension})


def read_text(path: Path) -> str:
    """A file's text, refusing what the map loader refuses (too big, not a regular file) or not UTF-8."""
    from ..limits import limits_from_env
    from ..load import Source

    problems: list[Problem] = []
    source = Source(path, problems)
    raw = source.read_bytes(limits_from_env())  # the loader's own checks and messages
    if raw is None:
        raise InputError(problems)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError([Problem(source.name, None, None, f"not UTF-8 text (byte {e.start})",
                                  "save the file as UTF-8")]) from None


def import_file(path: Path | str, paper_id: str, fmt: str | None = None, **defaults: Any) -> dict[str, Any]:
    """Map data for `path`, checked as a paper map; raises InputError listing every problem."""
    from .. import spec
    from ..load import display
    from ..model import Paper

    path = Path(path)
    fmt = fmt or detect(path)
    data = importer(fmt).parse(read_text(path), paper_id, file=display(path), **defaults)
    _, issues = spec.convert(Paper, data)
    if issues:
        raise InputError([Problem(display(path), None, None,
                                  f"{'.'.join(map(str, key_path)) or 'map'}: {message}", hint)
                          for key_path, _, message, hint in issues])
    return data


def write_map(root: Path | str, data: dict[str, Any]) -> Path:
    """Write `data` as `<root>/<id>.yaml`, atomically; never over a map, never one that would not validate."""
    from ..corpus import write_new_map
    from ..yamlsafe import dump

    return write_new_map(Path(root), data.get("id"), lambda _corpus: dump(data))[0]
