"""Importers: one module per format, each with the same small interface.

A format module defines

    SUFFIXES = (".argdown", ".ad")            # how files of this format are recognised
    def parse(text: str, paper_id: str, *, file: str = "<input>",
              title=None, authors=None, year=None,
              warnings=None) -> dict   # plain map data (the YAML shape)

where `warnings`, when given, is a list the importer appends a Problem to for
each thing it skipped (at its position) while importing the rest; and, when
its files can name other files (Argdown's `@include`), also
`parse_file(path, paper_id, *, file, ...)`, which `import_file` then uses.

The result is checked with the same converter as a YAML map
(`argmap.spec.convert`), so an import that does not validate is an error
with the problems listed, and nothing is written.

Every format describes a graph of claims. `build_graph` lays it out as a
map: a spanning forest (each claim written once, under the first claim it
bears on) whose further edges become `supports` / `attacks` by id, and
`paper_data` turns that into map data, choosing ids and filling what the
format cannot say (a locator, the year). A quote is only ever one the file
holds verbatim: a claim's text is never copied into it.
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
from ..model import SLUG, Corpus

FORMATS = {"argdown": "argdown", "aif": "aif", "kialo": "kialo"}
CLAIM_KEYS = ("quote", "locator", "tags", "lean", "reported_by", "weight", "number", "rules", "undercuts")  # extra claim fields a format may carry
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


@dataclass(eq=False)
class Draft:
    """A claim as read from a foreign format, before ids are settled."""

    text: str
    id: str | None = None  # the id the file suggests; kept only when every claim has a usable one
    data: dict[str, Any] = field(default_factory=dict)  # any of CLAIM_KEYS the format carries
    premises: list[Draft] = field(default_factory=list)
    counterpoints: list[Draft] = field(default_factory=list)
    supports: list[Draft] = field(default_factory=list)  # edges the tree cannot hold
    attacks: list[Draft] = field(default_factory=list)
    undercuts: list[tuple[Draft, Draft]] = field(default_factory=list)  # (premise, conclusion) of an inference


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
Undercut = tuple[str, str, str]  # (undercutting vertex, premise vertex, conclusion vertex)


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
        return InputError([Problem(file, *where, f"the map would have over {max_claims} claims",
                                   "split it, or raise ARGMAP_MAX_CLAIMS")])
    if depth > max_depth:
        return InputError([Problem(file, *where, f"claims nested deeper than {max_depth} levels",
                                   "flatten the tree, or raise ARGMAP_MAX_DEPTH")])
    return None


def build_graph(vertices: dict[str, Vertex], edges: list[Edge], file: str, undercuts: Sequence[Undercut] = (),
                roots: Sequence[str] = ()) -> tuple[list[Draft], dict[str, Draft]]:
    """The graph as trees: the roots (the thesis first) and the draft of each vertex.

    The roots are the vertices the file declares as roots (`roots`, its thesis first), then those
    that support or attack nothing; with none declared, the thesis is the one with the largest
    tree (the first in the file on a tie). Every other vertex is placed under the first claim it
    bears on (its first edge in the file) unless that closes a cycle; then, breadth first, under
    the first placed claim it bears on, and a vertex only reachable through a cycle starts a
    further root. The other edges are kept by id. Self-loops and repeated edges are dropped.
    Linear in vertices plus edges.
    """
    if not vertices:
        raise InputError([Problem(file, 1, 1, "no claims found", "is this the right file and format?")])
    drafts = {k: Draft(v.text, v.id, dict(v.data)) for k, v in vertices.items()}
    children: dict[str, list[tuple[str, str]]] = {k: [] for k in vertices}
    out_edges: dict[str, list[tuple[str, str]]] = {k: [] for k in vertices}
    kept: list[Edge] = []
    seen_edges: set[tuple[str, str]] = set()
    for source, target, kind in edges:
        if source != target and (source, target) not in seen_edges:  # one edge per pair: the first kind
            seen_edges.add((source, target))
            kept.append((source, target, kind))
            children[target].append((source, kind))
            out_edges[source].append((target, kind))
    declared = list(dict.fromkeys(k for k in roots if k in vertices))
    root_keys = declared + [k for k in vertices if not out_edges[k] and k not in declared]
    parent = _first_parents(vertices, out_edges, root_keys)
    queue = [k for k in vertices if k in parent and k not in root_keys]  # placed: now place the rest near them
    for start in [None, *vertices]:
        if start is not None:
            if start in parent:
                continue
            root_keys.append(start)  # cut off from every root by a cycle: a root where the file first names one
            parent[start] = None
            queue = [start]
        for key in queue:  # grows as it goes: breadth first
            for child, kind in children[key]:
                if child not in parent:
                    parent[child] = (key, kind)
                    queue.append(child)
    tree_edge = {(k, p[0]) for k, p in parent.items() if p is not None}
    for source, target, kind in kept:  # tree children in the file's order
        if (source, target) in tree_edge:
            (drafts[target].premises if kind == "support" else drafts[target].counterpoints).append(drafts[source])
        else:
            (drafts[source].supports if kind == "support" else drafts[source].attacks).append(drafts[target])
    sizes = _tree_sizes(vertices, drafts, root_keys, file)
    for who, premise, conclusion in undercuts:
        if (premise, conclusion) in seen_edges and who not in (premise, conclusion):
            drafts[who].undercuts.append((drafts[premise], drafts[conclusion]))
    thesis = declared[0] if declared else max(root_keys, key=lambda k: sizes[k])  # max keeps the first of equals
    ordered = [thesis] + [k for k in root_keys if k != thesis]
    return [drafts[k] for k in ordered], drafts


def _first_parents(vertices: dict[str, Vertex], out_edges: dict[str, list[tuple[str, str]]],
                   roots: list[str]) -> dict[str, tuple[str, str] | None]:
    """Each vertex whose chain of first edges ends at a root, with (its first target, kind); roots with None."""
    placed: dict[str, tuple[str, str] | None] = dict.fromkeys(roots)
    state: dict[str, bool | None] = dict.fromkeys(roots, True)  # does its chain reach a root (None: being followed)
    for v in vertices:
        path, x = [], v
        while x not in state:
            state[x] = None
            path.append(x)
            x = out_edges[x][0][0]  # not a root, so it bears on something
        reaches = bool(state[x])  # None: the chain ran into itself, a cycle
        for y in path:
            state[y] = reaches
            if reaches:
                placed[y] = out_edges[y][0]
    return placed


def _tree_sizes(vertices: dict[str, Vertex], drafts: dict[str, Draft], roots: list[str], file: str) -> dict[str, int]:
    """The number of claims in each root's tree; InputError past the map's limits."""
    key_of = {id(d): k for k, d in drafts.items()}
    limits, count, sizes = tree_limits(), 0, {}
    for root in roots:
        stack, size = [(drafts[root], 0)], 0
        while stack:
            draft, depth = stack.pop()
            size += 1
            count += 1
            if error := _too_big(file, vertices[key_of[id(draft)]], count, depth, limits):
                raise error
            stack.extend((c, depth + 1) for c in draft.premises + draft.counterpoints)
        sizes[root] = size
    return sizes


def assign_ids(roots: Sequence[Draft]) -> dict[str, str]:
    """Give every draft its id: the suggested ones when all are unique slugs, else t/p1/c1/r1 by role
    (further roots t2, t3, ...).

    Returns old id -> new id, so references (positions, tensions) can follow.
    """
    from ..model import walk

    # A draft has a claim's shape (id, premises, counterpoints), so the model's walk assigns its
    # role; the role's initial is the id letter (thesis t, premise p, counterpoint c, rebuttal r).
    drafts = [(n.claim, n.role[0]) for root in roots for n in walk(root)]  # type: ignore[arg-type]
    wanted = [d.id for d, _ in drafts]
    if all(w and _SLUG.fullmatch(w) for w in wanted) and len(set(wanted)) == len(wanted):
        return {w: w for w in wanted if w}
    counts: dict[str, int] = {}
    renamed: dict[str, str] = {}
    for draft, letter in drafts:
        counts[letter] = counts.get(letter, 0) + 1
        new = "t" if (letter, counts[letter]) == ("t", 1) else f"{letter}{counts[letter]}"
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
    for kind in ("supports", "attacks"):
        if getattr(draft, kind):
            out[kind] = [d.id for d in getattr(draft, kind)]
    if draft.undercuts:  # the format's undercuts, after any its data names
        kept = named if isinstance(named := out.get("undercuts"), list) else []
        out["undercuts"] = list(dict.fromkeys([*kept, *(f"{a.id}>{b.id}" for a, b in draft.undercuts)]))
    return out


def paper_data(roots: Sequence[Draft], paper_id: str, fmt: str, meta: dict[str, Any], *, title: str | None = None,
               authors: list[str] | None = None, year: int | None = None) -> dict[str, Any]:
    """Map data for one paper (the first root is the thesis): arguments win over what the file says
    (`meta`), which wins over defaults."""
    renamed = assign_ids(roots)
    _follow_renames(meta, roots, renamed)
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
    data["thesis"] = claim_data(roots[0], fmt)
    if len(roots) > 1:
        data["roots"] = [claim_data(r, fmt) for r in roots[1:]]
    order = ("id", *PAPER_KEYS[:6], "thesis", *PAPER_KEYS[6:], "roots")
    return {k: data[k] for k in order if k in data}


def _follow_renames(meta: dict[str, Any], roots: Sequence[Draft], renamed: dict[str, str]) -> None:
    """Point what the file names by old id at the new ids: positions' evidence, tensions, and the
    undercuts a claim's data keeps (`premise>conclusion`); unknown ids stay, for validate to report."""
    def new(ref: Any) -> Any:
        return renamed.get(ref.lstrip("#"), ref) if isinstance(ref, str) else ref

    drafts = list(roots)
    for draft in drafts:  # grows as it goes: every draft of every tree
        drafts.extend(draft.premises + draft.counterpoints)
        if isinstance(refs := draft.data.get("undercuts"), list):
            draft.data["undercuts"] = [">".join(map(new, r.split(">"))) if isinstance(r, str) else r for r in refs]
    for position in (meta.get("positions") or {}).values():
        if isinstance(position, dict) and isinstance(position.get("evidence"), list):
            position["evidence"] = [new(r) for r in position["evidence"]]
    for tension in meta.get("tensions") or []:
        if isinstance(tension, dict):
            tension.update({k: new(tension[k]) for k in ("a", "b") if k in tension})


def read_text(path: Path) -> str:
    """A file's text, refusing what the map loader refuses (too big, not a regular file) or not UTF-8."""
    from ..limits import limits_from_env
    from ..load import Source
    from ..yamlsafe import decode

    problems: list[Problem] = []
    source = Source(path, problems)
    raw = source.read_bytes(limits_from_env())  # the loader's own checks and messages
    text, problems = (None, problems) if raw is None else decode(raw, source.name)
    if text is None:
        raise InputError(problems)
    return text


def import_file(path: Path | str, paper_id: str, fmt: str | None = None, *, warnings: list[Problem] | None = None,
                **defaults: Any) -> dict[str, Any]:
    """Map data for `path`, checked as a paper map; raises InputError listing every problem. What the
    importer skipped, importing the rest, is appended to `warnings` (each at its position)."""
    from .. import spec
    from ..load import display
    from ..model import Paper

    path = Path(path)
    fmt = fmt or detect(path)
    module = importer(fmt)
    if hasattr(module, "parse_file"):  # a format whose files name other files (Argdown's @include)
        data = module.parse_file(path, paper_id, file=display(path), warnings=warnings, **defaults)
    else:
        data = module.parse(read_text(path), paper_id, file=display(path), warnings=warnings, **defaults)
    _, issues = spec.convert(Paper, data)
    if issues:
        raise InputError([Problem(display(path), None, None,
                                  f"{'.'.join(map(str, key_path)) or 'map'}: {message}", hint)
                          for key_path, _, message, hint in issues])
    return data


@dataclass(frozen=True)
class Written:
    """What `write_map` wrote: the map's file, and the tags it left out (not in the corpus vocabulary)."""

    path: Path
    dropped_tags: list[str]


def drop_unknown_tags(data: dict[str, Any], vocabulary: Sequence[str]) -> list[str]:
    """Remove from the map data's claims every tag not in `vocabulary`; the tags removed, sorted."""
    known = set(vocabulary)
    dropped: set[str] = set()
    stack = [c for c in (data.get("thesis"), *(data.get("roots") or [])) if isinstance(c, dict)]
    while stack:
        claim = stack.pop()
        if isinstance(claim.get("tags"), list):
            dropped.update(t for t in claim["tags"] if t not in known)
            claim["tags"] = [t for t in claim["tags"] if t in known]
            if not claim["tags"]:
                del claim["tags"]
        stack.extend(c for kind in ("premises", "counterpoints") for c in claim.get(kind) or [] if isinstance(c, dict))
    return sorted(dropped)


def write_map(root: Path | str, data: dict[str, Any]) -> Written:
    """Write `data` as `<root>/<id>.yaml`, atomically; never over a map, never one that would not validate.

    Tags outside the corpus vocabulary (axes.yaml's `tags:`) are left out, not written to fail
    validate: an import never edits the vocabulary (docs/interop.md).
    """
    import copy

    from ..corpus import write_new_map
    from ..yamlsafe import dump

    dropped: list[str] = []

    def text_for(corpus: Corpus | None) -> str:
        mine = copy.deepcopy(data)
        if corpus is not None and corpus.tags is not None:
            dropped.extend(drop_unknown_tags(mine, corpus.tags))
        return dump(mine)

    path = write_new_map(Path(root), data.get("id"), text_for)[0]
    return Written(path, dropped)
