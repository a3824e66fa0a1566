"""Load and validate a corpus folder, collecting every problem in every file.

One bad file never hides another's errors: each file is parsed and checked
on its own, then references across files (links, axes, tags) are checked,
and all problems are raised together in one `InputError`.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import (TYPE_CHECKING, Any, Callable, Collection, ItemsView, Iterable, Iterator, Mapping, Sequence,
                    ValuesView)

from . import spec
from .errors import InputError, Problem, did_you_mean
from .model import UNSTATED, AxesFile, Axis, Corpus, Layer, Link, LinksFile, Paper, Summary, summary_of
from .limits import Limits, limits_from_env
from .spec import KeyPath
from .text import plural

if TYPE_CHECKING:
    from .cache import FolderCache
    from .outputs import ValidateData, ValidateStats

AXES_FILE = "axes.yaml"
LINKS_FILE = "links.yaml"
MANIFEST_FILE = "corpus.yaml"  # what a corpus builds on (argmap.corpus)
DECISIONS_FILE = "decisions.yaml"  # triage decisions (argmap.triage)
SPECIAL = (AXES_FILE, LINKS_FILE, MANIFEST_FILE, DECISIONS_FILE)


def display(path: Path) -> str:
    """A path as the user should see it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


@dataclass
class Source:
    """One input file: its text, and where its problems go."""

    path: Path
    problems: list[Problem]
    text: str | None = None
    stat: Any = None
    _node: Any = field(default=None, repr=False)

    @cached_property
    def name(self) -> str:  # once: a file with 20k problems names itself 20k times
        return display(self.path)

    def locate(self, path: KeyPath, at_key: bool = False) -> tuple[int | None, int | None]:
        """Line and column of the value (or key) at `path`, if the text is known."""
        from . import yamlsafe  # lazy: a warm load never parses YAML

        if self._node is None and self.text is not None:
            self._node, _ = yamlsafe.compose(self.text, self.name)
        return yamlsafe.locate(self._node, path, at_key) if self._node is not None else (None, None)

    def report(self, path: KeyPath, message: str, hint: str = "", at_key: bool = False) -> None:
        line, col = self.locate(path, at_key)
        self.problems.append(Problem(self.name, line, col, message, hint))

    def stat_file(self, limits: Limits) -> os.stat_result | None:
        """The file's stat (None after reporting why not), refusing what is not a small regular file."""
        try:
            self.stat = os.stat(self.path)  # one system call: this runs for every file of every command
            if S_ISDIR(self.stat.st_mode):
                raise IsADirectoryError(21, "is a directory")
            if not S_ISREG(self.stat.st_mode):  # a FIFO or device would block or never end
                raise OSError(0, "not a regular file")
        except OSError as e:
            self._cannot_read(e)
            return None
        if self.stat.st_size > limits.max_bytes:  # refuse before reading a huge file into memory
            self.problems.append(Problem(self.name, None, None, f"file is {self.stat.st_size} bytes, over the "
                                         f"limit of {limits.max_bytes}", "split it, or raise ARGMAP_MAX_BYTES"))
            return None
        return self.stat

    def read_raw(self) -> bytes | None:
        """The bytes of a file that passed `stat_file` (None after reporting why not)."""
        try:
            return self.path.read_bytes()
        except OSError as e:
            self._cannot_read(e)
            return None

    def read_bytes(self, limits: Limits) -> bytes | None:
        """The file's bytes (None after reporting why not), refusing what is not a small regular file."""
        return self.read_raw() if self.stat_file(limits) is not None else None

    def _cannot_read(self, e: OSError) -> None:
        reason = e.strerror or str(e)
        self.problems.append(Problem(self.name, None, None, f"cannot read: {reason}",
                                     "check that it is a readable YAML file (not a folder or a broken link)"))

    def parse(self, raw: bytes | None, limits: Limits) -> Any:
        """Parsed plain data, or FAILED after reporting why not."""
        if raw is None:
            return FAILED
        from . import yamlsafe

        data, problems = yamlsafe.parse(raw, self.name, limits)
        self.problems.extend(problems)
        if data is not None and not problems:
            self.text = raw.decode("utf-8-sig")
        return FAILED if problems else data

    def read(self, limits: Limits) -> Any:
        return self.parse(self.read_bytes(limits), limits)

    def convert(self, cls: type, data: Any, partial: bool = False) -> Any:
        """The model instance, or None if the data has the wrong shape.

        With `partial`, list items with problems are dropped and the rest kept
        (one bad link must not hide the others' reference checks).
        """
        if data is FAILED:
            return None
        if data is None:
            self.problems.append(Problem(self.name, 1, 1, "file is empty", f"write a {cls.__name__} map here"))
            return None
        value, issues = spec.convert(cls, data)
        for path, at_key, message, hint in issues:
            self.report(path, message, hint, at_key)
        return value if partial or not issues else None


FAILED = object()  # a file that could not be read or parsed (already reported)


def corpus_files(root: Path) -> list[Path]:
    """The YAML files of a corpus folder, in a stable order."""
    names = sorted(name for name in os.listdir(root) if name.endswith((".yaml", ".yml")))
    return [root / name for name in names]


def load_corpus(root: Path | str, origin: str = "path", limits: Limits | None = None,
                use_cache: bool | None = None, isolate: bool = False) -> Corpus:
    """Load and validate the corpus in folder `root`; raise InputError listing every problem.

    With `isolate`, a map (or link) with problems is left out instead, named in
    `corpus.failed` and in `corpus.warnings` (one line a file).
    """
    return usable(*check_corpus(root, origin, limits, use_cache), isolate)


def usable(corpus: Corpus | None, problems: list[Problem], isolate: bool = False) -> Corpus:
    """The corpus, unless its problems make it unusable: an InputError listing them all.

    Strictly any problem; with `isolate` only those no command can do without:
    no corpus folder, or a broken axes.yaml or corpus.yaml (every map is read against them).
    """
    fatal = [p for p in problems if Path(p.file).name in (AXES_FILE, MANIFEST_FILE)]
    if corpus is None or fatal or (problems and not isolate):
        raise InputError(problems)
    return corpus


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause the cyclic GC while building many objects that live on.

    Loading allocates hundreds of thousands of objects and frees none, so each
    generational collection re-scans everything built so far: quadratic work
    for nothing (reference counting still frees garbage as usual).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_corpus(root: Path | str, origin: str = "path", limits: Limits | None = None,
                 use_cache: bool | None = None, below: Corpus | None = None) -> tuple[Corpus | None, list[Problem]]:
    """Load a corpus folder, returning it (None if unusable) and every problem found.

    Files unchanged since they last validated come from the index cache
    (`argmap.cache`); `use_cache=False` (or ARGMAP_NO_CACHE=1) parses everything.
    With `below` (the layers this folder builds on, see `argmap.corpus`) the
    folder's axes.yaml is optional and must agree with theirs, paper ids are
    unique across layers, links may name their papers, and the result holds both.
    """
    with bulk_allocation():
        return _check_corpus(Path(root), origin, limits, use_cache, below)


def _check_corpus(root: Path, origin: str, limits: Limits | None, use_cache: bool | None,
                  below: Corpus | None = None) -> tuple[Corpus | None, list[Problem]]:
    from .cache import FolderCache

    limits = limits or limits_from_env()
    problems: list[Problem] = []
    if not root.is_dir():
        return None, [Problem(display(root), None, None, "corpus folder not found",
                              "pass --corpus PATH to a folder of maps, or set ARGMAP_CORPUS")]
    files = corpus_files(root)
    cache = FolderCache.open(root, limits, use_cache)
    try:
        axes = _load_axes(root, problems, limits, cache, below)
        papers = _load_papers(files, problems, limits, cache, axes, below)
        links = _load_links(root, problems, limits, cache, axes, papers, below)
    finally:
        cache.close(p.name for p in files)
    lines: dict[str, list[str] | None] = {}  # each file read once, however many problems it has
    problems = _root_cause_first([_with_excerpt(p, root, lines) for p in _outside_unshown(problems, root)])
    failed = {stem: [p for p in problems if p.file == name] for stem, name in papers.failed.items()}
    warnings = [_left_out(found) for found in failed.values()]
    links_src = display(root / LINKS_FILE)
    own_link_problems = [p for p in problems if p.file == links_src and p not in links.unchecked]
    if own_link_problems:
        warnings.append(f"{links_src}: {plural(links.left_out, 'link')} left out; "
                        f"{_summary(own_link_problems)}")
    layer = Layer(root, origin, list(papers.papers), len(links.links), axes.own)
    corpus = Corpus(root=root, origin=origin, papers=papers.papers, axes={a.id: a for a in axes.file.axes},
                    tags=axes.file.tags, links=links.links, digests=papers.digests, use_cache=use_cache,
                    layers=[layer], failed=failed, warnings=warnings)
    if below is not None:  # this folder on top of the layers below
        corpus.papers = Papers.stacked(below.papers, corpus.papers)
        corpus.links = below.links + links.links
        corpus.digests = {**below.digests, **corpus.digests}
        corpus.layers = [layer, *below.layers]
        corpus.failed = {**below.failed, **failed}
        corpus.warnings = below.warnings + warnings
    return corpus, problems


def _root_cause_first(problems: list[Problem]) -> list[Problem]:
    """Files in the order they were checked (axes, maps, links: causes before consequences), lines in order."""
    order: dict[str, int] = {}
    for p in problems:
        order.setdefault(p.file, len(order))
    return sorted(problems, key=lambda p: (order[p.file], p.line is None, p.line or 0, p.column or 0))


def _with_excerpt(p: Problem, root: Path, lines: dict[str, list[str] | None] | None = None) -> Problem:
    """The problem with the line it points at, for the caret display (`lines`: each file's lines as read,
    shared by the problems of one run so that a file is read once).

    Never from a file outside the corpus folder (a symlink to a secret): its
    lines must not reach a terminal or a log through an error message.
    """
    if p.line is None or p.excerpt:
        return p
    lines = {} if lines is None else lines
    if p.file not in lines:
        lines[p.file] = None
        if inside(Path(p.file), root):
            try:
                with open(p.file, "rb") as f:  # passed the size check already: it has a line number
                    lines[p.file] = _lines(f.read())
            except OSError:
                pass
    found = lines[p.file]
    return p if found is None else _excerpt_from(p, found)


def _lines(raw: bytes) -> list[str]:
    return raw.decode("utf-8-sig", errors="replace").splitlines()


def _excerpt_from(p: Problem, lines: list[str]) -> Problem:
    return replace(p, excerpt=lines[p.line - 1]) if p.line is not None and 0 < p.line <= len(lines) else p


def check_new_map(corpus: Corpus | None, path: Path, raw: bytes, limits: Limits | None = None) -> list[Problem]:
    """What the loader would report for `raw` as the map at `path` of `corpus` (None: unusable, so
    shape only): `new` and `import` never write a map that then fails `validate`."""
    limits = limits or limits_from_env()
    problems: list[Problem] = []
    src = Source(path, problems)
    if len(raw) > limits.max_bytes:
        return [Problem(src.name, None, None, f"the map would be {len(raw)} bytes, over the loader's limit of "
                        f"{limits.max_bytes}; nothing was written", "split the source, or raise ARGMAP_MAX_BYTES")]
    data = src.parse(raw, limits)
    paper = src.convert(Paper, data, partial=True)
    if paper is not None:
        _check_paper(paper, src, corpus.axes if corpus else None, corpus.tags if corpus else None, limits,
                     _raw_claim_ids(data))
    lines = _lines(raw)
    return [_excerpt_from(p, lines) for p in problems]


def _outside_unshown(problems: list[Problem], root: Path) -> list[Problem]:
    """Problems of a file that links outside the corpus folder, folded into one that quotes nothing:
    a message such as "unknown key 'aws_key'" would echo the file (a symlinked secret) to the terminal."""
    out: list[Problem] = []
    folded: set[str] = set()
    within = {file: inside(Path(file), root) for file in {p.file for p in problems}}
    for p in problems:
        if within[p.file]:
            out.append(p)
        elif p.file not in folded:
            folded.add(p.file)
            n = sum(1 for q in problems if q.file == p.file)
            out.append(Problem(p.file, None, None, f"{plural(n, 'problem')}, not shown: it links to "
                               f"{os.path.realpath(p.file)}, outside the corpus folder",
                               "validate that file where it lives, or copy it into the corpus"))
    return out


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, symlinks followed, lies in `root` (the corpus folder, or an import's folder)."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))  # realpath: loops do not raise


def _summary(problems: list[Problem]) -> str:
    p = problems[0]
    first = (f"line {p.line}: " if p.line is not None else "") + p.message
    return f"{plural(len(problems), 'problem')} (first: {first}); 'argmap validate' lists them"


def _left_out(problems: list[Problem]) -> str:
    """The one-line warning naming a map that failed to load."""
    return f"{problems[0].file}: left out, it failed to load with {_summary(problems)}"


class _guard:
    """Check one file: a crash of the loader becomes its problem (the other files are still checked),
    and a file with problems is named in `failed` (file stem -> name). A class, not a generator: it runs
    once a file of every command."""

    __slots__ = ("src", "failed", "before")

    def __init__(self, src: Source, failed: dict[str, str] | None = None):
        self.src, self.failed, self.before = src, failed, len(src.problems)

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, e: BaseException | None, _tb: Any) -> bool:
        src = self.src
        caught = isinstance(e, Exception)  # not an interrupt or an exit
        if caught:  # a bug in argmap, not in the file; say so, and go on
            src.problems.append(Problem(src.name, None, None, f"argmap failed on this file: {type(e).__name__}: {e}",
                                        "this is a bug in argmap: please report it; the other files were checked"))
        if self.failed is not None and len(src.problems) > self.before:
            self.failed[src.path.stem] = src.name
        return caught


def _load_file(src: Source, cache: FolderCache, limits: Limits, cls: type, context: str,
               check: Callable[[Any, Any], tuple[Any, bool]], partial: bool = False, lazy: bool = False,
               summarize: Callable[[Any], Any] | None = None) -> tuple[Any, str | None]:
    """A file's model instance (None if unusable) and content hash (None if unreadable).

    Recalled from the cache when this content validated cleanly in this
    context; otherwise parsed, converted and checked. `check` reports the
    problems of a converted instance (given the plain data it came from too)
    and returns what to keep and whether it may be cached (only what
    validated cleanly ever is), with what `summarize` makes of it. With
    `lazy`, a recalled instance comes as a `_Later` that decodes it when
    called, and can give its stored summary without decoding it.
    """
    from .cache import digest

    st = src.stat_file(limits)
    if st is None:
        return None, None
    name = src.path.name
    known = cache.known_digest(name, st)
    raw = None if known else src.read_raw()
    if not known and raw is None:
        return None, None
    dig = known or digest(raw or b"")

    def fresh() -> Any:
        text = raw if raw is not None else src.read_raw()
        before = len(src.problems)
        data = src.parse(text, limits)
        value = src.convert(cls, data, partial)
        if value is None:
            return None
        value, cacheable = check(value, data)
        if cacheable and len(src.problems) == before:
            cache.remember(name, st, digest(text or b""), context, value, summarize(value) if summarize else None)
        return value

    later = cache.recall_later(name, dig, context, cls, st)
    if later is None:
        return fresh(), dig
    if lazy:
        return _Later(later, fresh, src, lambda: cache.recall_summary(name, dig, context, Summary)), dig
    return later() or fresh(), dig


class _Later:
    """A paper decoded from the cache when first used; parsed from its file if the row turns out bad."""

    def __init__(self, recall: Callable[[], Any], fresh: Callable[[], Any], src: Source,
                 summary: Callable[[], Summary | None]):
        self.recall, self.fresh, self.src, self.summary = recall, fresh, src, summary

    def __call__(self) -> Paper:
        value = self.recall()
        if value is None:
            before = len(self.src.problems)
            value = self.fresh()
            if value is None or len(self.src.problems) > before:  # the file changed since it was checked
                raise InputError(self.src.problems[before:])
        return value  # type: ignore[no-any-return]


class Papers(Mapping[str, Paper]):
    """The papers of a corpus by id, in file order.

    A paper unchanged since it last validated is decoded from the index
    cache only when first used, so a command about one paper never decodes
    the others.
    """

    def __init__(self) -> None:
        self._items: dict[str, Paper | _Later] = {}

    @classmethod
    def stacked(cls, *layers: Mapping[str, Paper]) -> Papers:
        """The papers of several layers, later ones on top, still undecoded."""
        out = cls()
        for layer in layers:
            out._items.update(layer._items if isinstance(layer, Papers) else layer)
        return out

    def __getitem__(self, paper_id: str) -> Paper:
        item = self._items[paper_id]
        if isinstance(item, _Later):
            item = self._items[paper_id] = item()
        return item

    def passing(self, paper_id: str) -> Paper:
        """The paper, decoded for this one use if it is not yet (and not kept): for a pass over every
        paper that needs each only once (building the search index), in the memory of one paper."""
        item = self._items[paper_id]
        return item() if isinstance(item, _Later) else item

    def summary(self, paper_id: str) -> Summary:
        """What `list` and `validate` show of the paper: stored beside it in the cache while it is not decoded
        (so nothing is), else made from it."""
        item = self._items[paper_id]
        found = item.summary() if isinstance(item, _Later) else None
        return found or summary_of(self.passing(paper_id))

    def __setitem__(self, paper_id: str, paper: Paper | _Later) -> None:
        self._items[paper_id] = paper

    def __contains__(self, paper_id: object) -> bool:
        return paper_id in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def values(self) -> ValuesView[Paper]:  # type: ignore[override]
        """Every paper, all decoded at once (with the collector paused: see bulk_allocation)."""
        with bulk_allocation():
            for paper_id in self._items:
                self[paper_id]
        return self._items.values()  # type: ignore[return-value]

    def items(self) -> ItemsView[str, Paper]:  # type: ignore[override]
        self.values()
        return self._items.items()  # type: ignore[return-value]


def summary(papers: Mapping[str, Paper], paper_id: str) -> Summary:
    """What `list` and `validate` show of a paper; for one loaded from the index cache, without decoding it."""
    return papers.summary(paper_id) if isinstance(papers, Papers) else summary_of(papers[paper_id])


@dataclass
class _Axes:
    file: AxesFile
    digest: str  # of axes.yaml: every paper is checked against it
    usable: bool  # with a broken axes.yaml every axis reference would be "unknown": report the cause only
    own: list[str] = field(default_factory=list)  # ids this folder's axes.yaml defines (the rest come from below)


def _load_axes(root: Path, problems: list[Problem], limits: Limits, cache: FolderCache,
               below: Corpus | None = None) -> _Axes:
    src = Source(root / AXES_FILE, problems)
    if not src.path.exists() and below is None:
        problems.append(Problem(src.name, None, None, "no axes.yaml in the corpus",
                                "create it (see docs/format.md), or build on another corpus's axes with a "
                                "corpus.yaml (builds_on: [bundled])"))
        return _Axes(AxesFile(axes=[]), "", False)

    def check(axes_file: AxesFile, _data: Any) -> tuple[AxesFile, bool]:
        _check_axes(axes_file, src)
        return axes_file, True

    axes_file, dig = (_load_file(src, cache, limits, AxesFile, cache.context("axes"), check) if src.path.exists()
                      else (AxesFile(axes=[]), ""))
    usable = axes_file is not None and not any(p.file == src.name for p in problems)
    own = [a.id for a in axes_file.axes] if axes_file is not None else []
    if below is not None:
        from .cache import digest

        axes_file = _stack_axes(axes_file or AxesFile(axes=[]), below, src)
        dig = digest((dig or "").encode(), repr((below.axes, below.tags)).encode())
    usable = usable and axes_file is not None and bool(axes_file.axes)
    return _Axes(axes_file or AxesFile(axes=[]), dig or "", usable, own)


def _stack_axes(own: AxesFile, below: Corpus, src: Source) -> AxesFile:
    """The axes of the layers below plus this folder's own; an axis defined in both must agree."""
    merged = dict(below.axes)
    for i, axis in enumerate(own.axes):
        base = merged.get(axis.id)
        if base is not None and base != axis:
            fields = [f for f in ("title", "question", "values", "ordered", "subjects")
                      if getattr(base, f) != getattr(axis, f)]
            differ = "; ".join(f"{f}: {_shown(getattr(axis, f))} here, {_shown(getattr(base, f))} below"
                               for f in fields)
            where = next((layer.root for layer in reversed(below.layers) if axis.id in layer.axes), below.root)
            src.report(("axes", i, "id"), f"axis '{axis.id}' differs from the one in {display(where / AXES_FILE)}, "
                       f"which this corpus builds on: {differ}",
                       "delete it here to use the one below, or give it another id")
        merged[axis.id] = base or axis
    tags = None if own.tags is None and below.tags is None else list(dict.fromkeys([*(below.tags or []),
                                                                                     *(own.tags or [])]))
    return AxesFile(axes=list(merged.values()), tags=tags)


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(getattr(v, "value", v)) for v in value) + "]"
    return repr(value)


@dataclass
class _Papers:
    papers: Papers = field(default_factory=Papers)
    digests: dict[str, str] = field(default_factory=dict)  # paper id -> content hash
    file_digests: list[str] = field(default_factory=list)  # of every map file read, loaded or not
    failed: dict[str, str] = field(default_factory=dict)  # maps left out for their problems: file stem -> name


def _load_papers(files: list[Path], problems: list[Problem], limits: Limits, cache: FolderCache,
                 axes: _Axes, below: Corpus | None = None) -> _Papers:
    out = _Papers()
    sources: dict[str, Source] = {}
    context = cache.context("paper", axes.digest)
    by_id = {a.id: a for a in axes.file.axes} if axes.usable else None
    maps = [(path, path.stem) for path in files if path.name not in SPECIAL]  # pathlib's parts, once a file
    stems = Counter(stem for _, stem in maps)  # counted once: 5000 maps, 5000 lookups
    for path, stem in maps:
        src = Source(path, problems)
        before = len(problems)

        def check(paper: Paper, data: Any, src: Source = src, stem: str = stem) -> tuple[Paper, bool]:
            _check_paper(paper, src, by_id, axes.file.tags, limits, _raw_claim_ids(data))  # bound now: a lazy
            return paper, axes.usable and paper.id == stem  # paper may be checked after the loop

        with _guard(src, out.failed):
            if stems[stem] > 1:  # smith.yaml beside smith.yml: neither may silently win
                twins = " and ".join(p.name for p, other in maps if other == stem)
                src.problems.append(Problem(src.name, None, None, f"{twins} both define {stem}",
                                            "keep one of them (merge them if both hold work)"))
                continue
            paper, dig = _load_file(src, cache, limits, Paper, context, check, partial=True, lazy=True,
                                    summarize=summary_of)
            if dig is not None:
                out.file_digests.append(dig)
            if paper is None:
                continue
            if isinstance(paper, _Later):  # cached, so it validated with id == file name
                if stem not in out.papers and (below is None or stem not in below.papers):
                    out.papers[stem] = paper
                    sources[stem] = src
                    out.digests[stem] = dig or ""
                    continue
                paper = paper()
            if paper.id != stem:
                src.report(("id",), f"paper id '{paper.id}' differs from the file name '{path.name}'",
                           f"rename the file to '{paper.id}.yaml' or set id: {stem}")
            if paper.id in out.papers:
                src.report(("id",), f"paper id '{paper.id}' is also used by {sources[paper.id].name}",
                           "make ids unique")
            elif below is not None and paper.id in below.papers:
                src.report(("id",), f"paper id '{paper.id}' is also used by {display(below.file_of(paper.id))}, "
                           "in a corpus this one builds on", "paper ids must be unique across layers: rename one")
            if len(problems) > before:  # left out: named in out.failed, listed by validate
                continue
            out.papers[paper.id] = paper
            sources[paper.id] = src
            out.digests[paper.id] = dig or ""
    return out


@dataclass
class _Links:
    links: list[Link] = field(default_factory=list)  # those that check
    left_out: int = 0  # links dropped for their own problems
    unchecked: list[Problem] = field(default_factory=list)  # "N links into X not checked": one per failed map


def _load_links(root: Path, problems: list[Problem], limits: Limits, cache: FolderCache, axes: _Axes,
                papers: _Papers, below: Corpus | None = None) -> _Links:
    src = Source(root / LINKS_FILE, problems)
    out = _Links()
    if not src.path.exists():
        return out
    known = Papers.stacked(below.papers, papers.papers) if below is not None else papers.papers  # may cross layers
    failed = {*papers.failed, *(below.failed if below is not None else ())}

    def check(links_file: LinksFile, _data: Any) -> tuple[LinksFile, bool]:
        good, unchecked = _check_links(links_file.links, src, known, failed)
        out.left_out = len(links_file.links) - len(good) - sum(unchecked.values())
        out.unchecked = [Problem(src.name, None, None, f"{plural(n, 'link')} into {paper_id} not checked: "
                                 "that map failed to load") for paper_id, n in unchecked.items()]
        problems.extend(out.unchecked)  # one line per failed map, never one per link
        return LinksFile(links=good), not unchecked

    # Links are valid relative to the papers they name: their context is every paper's content too.
    context = cache.context("links", axes.digest, *papers.file_digests, *(below.digests.values() if below else ()),
                            *sorted(failed))
    with _guard(src):
        links_file, _ = _load_file(src, cache, limits, LinksFile, context, check, partial=True)
        out.links = links_file.links if links_file is not None else []
    return out


def _check_axes(axes_file: AxesFile, src: Source) -> None:
    axes: dict[str, Axis] = {}
    for i, axis in enumerate(axes_file.axes):
        if axis.id in axes:
            src.report(("axes", i, "id"), f"axis '{axis.id}' is defined twice", "rename or remove one")
            continue
        values = axis.value_ids
        for j, value in enumerate(values):
            if value in values[:j]:
                src.report(("axes", i, "values", j), f"value '{value}' appears twice in axis '{axis.id}'",
                           "remove the duplicate")
            if value == UNSTATED:
                src.report(("axes", i, "values", j), "'unstated' is reserved", "every axis allows it already")
        kinds = {isinstance(v, int) for v in values}
        if len(kinds) > 1:
            src.report(("axes", i, "values"), f"axis '{axis.id}' mixes numbers and words",
                       "use integers for a scale, slugs otherwise")
        if tuple(values) == RETIRED_SCALES.get(axis.id):
            current = bundled_axis(axis.id)
            src.report(("axes", i, "values"),
                       f"axis '{axis.id}' has the retired {len(values)}-point scale ({', '.join(map(str, values))}); "
                       f"the bundled axis now has {scale_text(current) if current else 'a finer scale'}",
                       "copy its values from the bundled axes.yaml and recode the positions under the symmetric "
                       "rules in docs/coding.md (the old 'hard' meant predominantly hard, now 'mostly_hard'), "
                       "or give your axis another id to keep your own scale")
        axes[axis.id] = axis


# Scales the bundled axes.yaml once had, so a corpus started from an older copy is told what replaced them.
# The old balancing rule asked for *only* soft means but *predominantly* hard ones (issue 11).
RETIRED_SCALES: dict[str, tuple[int | str, ...]] = {"balancing": ("soft", "mixed", "hard")}


def bundled_axis(axis_id: str) -> Axis | None:
    """An axis of the bundled corpus's axes.yaml (read only when a retired scale is met)."""
    from .corpus import bundled_root

    src = Source(bundled_root() / AXES_FILE, [])
    axes_file = src.convert(AxesFile, src.read(limits_from_env()))
    return next((a for a in axes_file.axes if a.id == axis_id), None) if axes_file else None


def _check_address(address: str, value: Any, axes: dict[str, Axis] | None, src: Source, path: KeyPath,
                   allow_unstated: bool) -> None:
    if axes is None:  # axes.yaml is broken and already reported
        return
    axis_id, _, subject = address.partition(".")
    axis = axes.get(axis_id)
    if axis is None:
        src.report(path, f"unknown axis '{axis_id}'", did_you_mean(axis_id, list(axes)), at_key=True)
        return
    if axis.subjects and not subject:
        src.report(path, f"axis '{axis_id}' is asked per subject",
                   "write " + " and ".join(f"'{a}'" for a in axis.addresses), at_key=True)
        return
    if subject and subject not in axis.subjects:
        hint = did_you_mean(subject, axis.subjects) if axis.subjects else f"axis '{axis_id}' has no subjects"
        src.report(path, f"unknown subject '{subject}' of axis '{axis_id}'", hint, at_key=True)
        return
    if value == UNSTATED and allow_unstated:
        return
    if value not in axis.value_ids or isinstance(value, bool):
        choices = [str(v) for v in axis.value_ids] + ([UNSTATED] if allow_unstated else [])
        src.report(path + ("value",) if allow_unstated else path,
                   f"'{value}' is not a value of axis '{axis_id}' ({scale_text(axis)})",
                   f"{did_you_mean(str(value), choices)} (coding rules: docs/coding.md)")


def scale_text(axis: Axis) -> str:
    """'values, low to high: a, b, c' (or 'values: ...' for categories)."""
    order = ", low to high" if axis.ordered else ""
    return f"{len(axis.values)} values{order}: {', '.join(map(str, axis.value_ids))}"


def _check_paper(paper: Paper, src: Source, axes: dict[str, Axis] | None, vocabulary: list[str] | None,
                 limits: Limits, written: Collection[str] = ()) -> None:
    """Value and reference checks of one map. `written`: the claim ids in the file, also of claims that
    failed to convert, so that a claim with a missing key causes no "unknown claim" where it is named."""
    ids: dict[str, tuple[str, ...]] = {}
    key_paths: dict[str, KeyPath] = {}
    reported: dict[str, str] = {}  # claim id -> who holds the view the paper reports
    for node, key_path in _claims_with_key_paths(paper):
        claim = node.claim
        if claim.id in ids:
            first, _ = src.locate(key_paths[claim.id] + ("id",))
            src.report(key_path + ("id",), f"claim id '{claim.id}' is used twice in {paper.id} (first on line {first})",
                       "give every claim its own id")
        else:
            ids[claim.id] = node.path
            key_paths[claim.id] = key_path
        if claim.reported_by is not None:
            reported[claim.id] = claim.reported_by
        if vocabulary is not None:
            for i, tag in enumerate(claim.tags):
                if tag not in vocabulary:
                    src.report(key_path + ("tags", i), f"unknown tag '{tag}'",
                               did_you_mean(tag, vocabulary) + " (the vocabulary is in axes.yaml)")
        for address, value in claim.lean.items():
            _check_address(address, value, axes, src, key_path + ("lean", address), allow_unstated=False)

    from .graph import problems as graph_problems

    for claim_id, below, message, hint in graph_problems(paper):  # supports, attacks, undercuts
        src.report(key_paths[claim_id] + below, message, hint)

    if len(ids) > limits.max_claims:
        src.report(("thesis",), f"{paper.id} has {len(ids)} claims, over the limit of {limits.max_claims}",
                   "split the map, or raise ARGMAP_MAX_CLAIMS")

    def check_ref(ref: str, path: KeyPath) -> None:
        if ref not in ids and ref not in written:
            src.report(path, f"unknown claim '{ref}' in {paper.id}", did_you_mean(ref, list(ids)))

    for address, position in paper.positions.items():
        path = ("positions", address)
        _check_address(address, position.value, axes, src, path, allow_unstated=True)
        if position.stated and not position.evidence:
            src.report(path, f"position on '{address}' has no evidence",
                       "list the claim ids that justify it, or write 'unstated'")
        for i, ref in enumerate(position.evidence):
            check_ref(ref, path + ("evidence", i))
            if ref in reported:
                src.report(path + ("evidence", i), f"position on '{address}' cites {ref}, a view the "
                           f"paper reports (reported_by: {reported[ref]}) rather than holds",
                           "cite the paper's own claims; a reported view never justifies its position")
    for i, tension in enumerate(paper.tensions):
        check_ref(tension.a, ("tensions", i, "a"))
        check_ref(tension.b, ("tensions", i, "b"))
        if tension.a == tension.b:
            src.report(("tensions", i), "a tension needs two different claims", "point 'b' at the other claim")


def _raw_claim_ids(data: Any) -> set[str]:
    """Every claim id written in a map's plain data, whether or not its claim converted."""
    found: set[str] = set()
    stack = [data.get("thesis")] if isinstance(data, dict) else []
    while stack:
        claim = stack.pop()
        if isinstance(claim, dict):
            if isinstance(claim.get("id"), str):
                found.add(claim["id"])
            for kind in ("premises", "counterpoints"):
                if isinstance(claim.get(kind), list):
                    stack.extend(claim[kind])
    return found


def _claims_with_key_paths(paper: Paper):  # type: ignore[no-untyped-def]
    """Claims in tree order, each with its key path in the YAML document."""
    stack: list[tuple[Any, KeyPath]] = [(r, ("roots", i)) for i, r in reversed(list(enumerate(paper.roots)))]
    stack.append((paper.thesis, ("thesis",)))
    paths: dict[int, KeyPath] = {}
    while stack:
        claim, key_path = stack.pop()
        paths[id(claim)] = key_path
        for kind in ("counterpoints", "premises"):
            for i in reversed(range(len(getattr(claim, kind)))):
                stack.append((getattr(claim, kind)[i], key_path + (kind, i)))
    for node in paper.claims():
        yield node, paths[id(node.claim)]


class LinkRules:
    """The rules a curated link keeps, checked the same way by the loader and by `link add`.

    Both ends are claims of known papers, of two different papers, and no
    pair of claims is linked twice (in either direction, whatever the relation).
    """

    def __init__(self, papers: Mapping[str, Paper], links: Iterable[Link] = ()):
        self.papers = papers
        self.count = 0
        self.linked: dict[frozenset[str], tuple[int, Link]] = {}  # pair -> (its first link's number, the link)
        self._ids: dict[str, list[str]] = {}  # built on demand: most corpora link few papers
        for link in links:
            self.add(link)

    def _ids_of(self, paper: Paper) -> list[str]:
        if paper.id not in self._ids:
            self._ids[paper.id] = [n.claim.id for n in paper.claims()]
        return self._ids[paper.id]

    def problems(self, link: Link) -> list[tuple[str | None, str, str]]:
        """(end 'a' or 'b', or None for the link as a whole; message; hint) for each broken rule."""
        found: list[tuple[str | None, str, str]] = []
        for end, (paper_id, claim_id) in zip(("a", "b"), link.ends):
            paper = self.papers.get(paper_id)
            if paper is None:
                found.append((end, f"unknown paper '{paper_id}' in link", did_you_mean(paper_id, list(self.papers))))
            elif claim_id not in self._ids_of(paper):
                found.append((end, f"unknown claim '{paper_id}#{claim_id}' in link",
                              f"{did_you_mean(claim_id, self._ids_of(paper))} (argmap tree {paper_id} shows the ids)"))
        if link.papers[0] == link.papers[1]:
            found.append((None, "a link joins claims of two different papers",
                          "record a self-contradiction as a tension in the paper instead"))
        earlier = self.linked.get(frozenset((link.a, link.b)))
        if earlier is not None:
            n, old = earlier
            found.append((None, f"{link.a} and {link.b} are already linked (link {n}: {old.relation}, {old.note})",
                          "remove one, or keep one relation per pair"))
        return found

    def add(self, link: Link) -> None:
        self.count += 1
        self.linked.setdefault(frozenset((link.a, link.b)), (self.count, link))


def _check_links(links: list[Link], src: Source, papers: Mapping[str, Paper], failed: Collection[str] = ()
                 ) -> tuple[list[Link], dict[str, int]]:
    """The links that check, and how many go into each map that failed to load (those are not checked)."""
    rules = LinkRules(papers)
    good = []
    unchecked: dict[str, int] = {}
    for i, link in enumerate(links):
        into_failed = [paper_id for paper_id in link.papers if paper_id in failed]
        if into_failed:  # its map's own problems are the news: one line for them all, no "unknown paper"
            unchecked[into_failed[0]] = unchecked.get(into_failed[0], 0) + 1
            continue
        problems = rules.problems(link)
        for end, message, hint in problems:
            src.report(("links", i, end) if end else ("links", i), message, hint)
        rules.add(link)
        if not problems:
            good.append(link)
    return good, unchecked


def _check_with_layers(folders: Sequence[str | Path] | None, use_cache: bool | None = None
                       ) -> tuple[Corpus | None, list[Problem]]:
    """Folders (default: the corpus in use) checked on the corpora their corpus.yaml builds on."""
    from .corpus import check_layers, find_layers

    layers, problems = find_layers(folders)
    corpus, found = check_layers(layers, use_cache=use_cache) if not problems else (None, [])
    return corpus, problems + found


def validate_paths(paths: list[Path], corpus: Sequence[str | Path] | None = None, use_cache: bool | None = None
                   ) -> ValidateData:
    """Validate corpus folders or single map files (checked within their folder, on what it builds on and
    then on `corpus`, else on $ARGMAP_CORPUS, as `--corpus FOLDER --corpus C...` layers them).

    With no paths: the corpus in use (`corpus` as --corpus is given), every layer of it. The answer
    to a question asked before about files unchanged since comes from the index cache (`argmap.verdict`).
    """
    from .corpus import from_env
    from .verdict import answer

    below = list(corpus or from_env())  # what a path is checked on: asked for, never found (./claims, bundled)
    targets: list[Target] = [
        ([p if p.is_dir() or not p.exists() else p.parent, *below],
         None if p.is_dir() or not p.exists() else p, False) for p in map(Path, paths)] or [(corpus, None, True)]
    return answer(targets, use_cache, lambda: _validate(targets, use_cache))


Target = tuple[Sequence[str | Path] | None, Path | None, bool]  # folders to load, the one file to report on
# (None: all), whether to count every layer's maps


def _validate(targets: list[Target], use_cache: bool | None) -> ValidateData:
    problems: list[Problem] = []
    stats: ValidateStats = {"papers": 0, "claims": 0, "links": 0, "axes": 0}
    for folders, file, every_layer in targets:
        loaded, found = _check_with_layers(folders, use_cache)
        own = []
        if loaded is not None:
            own = loaded.layers if every_layer else loaded.layers[:1]  # a folder: not what it builds on
            for i, layer in enumerate(own):  # each folder's review decisions, against what it sees: itself and
                if (layer.root / DECISIONS_FILE).exists():  # below, as for links (not the layers built on it)
                    from .corpus import check_layers
                    from .triage import check_decisions

                    seen = loaded if i == 0 else check_layers(loaded.layers[i:], use_cache=use_cache)[0]
                    if seen is not None:
                        found.extend(_with_excerpt(p, layer.root) for p in check_decisions(seen, layer.root)[1])
        if file is not None:  # its own problems, and those of the axes and manifests it is checked against
            found = [p for p in found if p.file == display(file) or Path(p.file).name in (AXES_FILE, MANIFEST_FILE)]
        problems.extend(found)
        if loaded is not None:
            ids = [pid for layer in own for pid in layer.papers if file is None or pid == file.stem]
            stats["papers"] += len(ids)
            stats["claims"] += sum(summary(loaded.papers, pid).claims for pid in ids)
            stats["links"] += sum(layer.links for layer in own) if file is None else 0
            stats["axes"] += len(loaded.axes) if file is None else 0
    return {"ok": not problems, "count": len(problems), "problems": [p.to_dict() for p in problems], "stats": stats}
