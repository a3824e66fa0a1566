"""Finding the corpus to use, and naming papers in it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Sequence

from .errors import InputError, Problem, UsageError, did_you_mean
from .limits import Limits, limits_from_env
from .load import AXES_FILE, MANIFEST_FILE as MANIFEST, SPECIAL, Source, check_corpus, corpus_files, display, usable
from .model import Corpus, Layer, Manifest, Paper

ENV_VAR = "ARGMAP_CORPUS"
BUNDLED = "bundled"  # the word that names the bundled corpus in --corpus, ARGMAP_CORPUS and builds_on


def bundled_root() -> Path:
    """The corpus shipped inside the package (`claims/` in the source tree)."""
    from importlib.util import find_spec  # where the package's data is, an editable install's too; at a
    # sixth of importlib.resources' start-up cost (the data is plain files, never in a zip: argmap opens them)

    spec = find_spec("argmap.claims")  # None when not installed; argmap itself is imported already
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / "claims"  # a source checkout that is not installed


def _has_maps(folder: Path) -> bool:
    return folder.is_dir() and any(p.name not in SPECIAL for p in corpus_files(folder))


def is_bundled(root: Path) -> bool:
    return os.path.realpath(root) == os.path.realpath(bundled_root())  # realpath: a symlink loop does not raise


def from_env() -> list[str]:
    """The corpora $ARGMAP_CORPUS names, top first (none when it is unset or empty)."""
    return [entry for entry in os.environ.get(ENV_VAR, "").split(os.pathsep) if entry]


def _chosen() -> list[tuple[str, str]]:
    """The corpora asked for, top first, each with how it was chosen (before manifests are read)."""
    if named := from_env():
        return [(entry, ENV_VAR) for entry in named]
    if Path(MANIFEST).is_file():  # inside a corpus folder that declares what it builds on
        return [(".", f"./{MANIFEST}")]
    local = Path("claims")
    if _has_maps(local) or (local / MANIFEST).is_file():
        return [("claims", "./claims")]
    return [(BUNDLED, BUNDLED)]


def find_layers(explicit: Sequence[str | Path] | str | Path | None = None) -> tuple[list[Layer], list[Problem]]:
    """The corpus folders in use, top first, and any problem with their manifests.

    `explicit` (--corpus, repeatable) wins, else $ARGMAP_CORPUS (a path list), else
    the working directory when it holds a corpus.yaml, else ./claims when it holds
    maps, else the bundled corpus. The word `bundled` names the bundled corpus.
    Each folder's corpus.yaml adds the corpora it builds on, right below it; a
    folder named twice keeps its first (highest) place.
    """
    if isinstance(explicit, (str, Path)):
        explicit = [explicit]
    chosen = [(str(e), "--corpus") for e in explicit] if explicit else _chosen()
    layers: list[Layer] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def add(entry: str, origin: str, base: Path) -> None:
        root = bundled_root() if entry == BUNDLED else base / entry
        key = Path(os.path.realpath(root))
        if key in seen:
            return
        seen.add(key)
        layers.append(Layer(root if entry == BUNDLED or root.is_absolute() else Path(os.path.normpath(root)),
                            BUNDLED if entry == BUNDLED else origin))
        manifest = read_manifest(root, problems)
        for below in manifest.builds_on if manifest else []:
            if below == BUNDLED or (root / below).is_dir():  # a missing one is reported already
                add(below, f"builds_on in {display(root / MANIFEST)}", root)

    for entry, origin in chosen:
        add(entry, origin, Path())
    return layers, problems


def read_manifest(root: Path, problems: list[Problem]) -> Manifest | None:
    """The folder's corpus.yaml (None if it has none or it is invalid: the problems say why)."""
    path = root / MANIFEST
    if not path.is_file():
        return None
    src = Source(path, problems)
    manifest: Manifest | None = src.convert(Manifest, src.read(limits_from_env()))
    for i, entry in enumerate(manifest.builds_on if manifest else []):
        if entry != BUNDLED and not (root / entry).is_dir():
            src.report(("builds_on", i), f"corpus folder '{entry}' not found (relative to {display(root)})",
                       f"name an existing folder, or '{BUNDLED}' for the bundled corpus")
    return manifest


def find_corpus(explicit: Sequence[str | Path] | str | Path | None = None) -> tuple[Path, str]:
    """The top corpus folder (where new maps and links go) and how it was chosen."""
    layers, _ = find_layers(explicit)
    return layers[0].root, layers[0].origin


def writable_root(explicit: Sequence[str | Path] | str | Path | None = None) -> Path:
    """Where `new` and `import` write: the top folder, or ./claims rather than the installed package."""
    root, _ = find_corpus(explicit)
    return Path("claims") if is_bundled(root) else root


def check_layers(layers: list[Layer], limits: Limits | None = None, use_cache: bool | None = None
                 ) -> tuple[Corpus | None, list[Problem]]:
    """Load layers bottom up, each on the ones below it; the corpus (None if unusable) and every problem."""
    below: Corpus | None = None
    problems: list[Problem] = []
    for layer in reversed(layers):
        corpus, found = check_corpus(layer.root, layer.origin, limits, use_cache, below=below)
        problems.extend(found)
        if corpus is None:
            return None, problems
        below = corpus
    return below, problems


def check_paper_id(paper_id: object) -> str:
    """The id, if it can name a map file; a UsageError saying what an id looks like otherwise."""
    import re

    from .model import SLUG
    from .text import printable

    if not isinstance(paper_id, str) or not re.fullmatch(SLUG, paper_id):
        raise UsageError(f"'{printable(repr(paper_id)[1:-1])}' is not a valid paper id; use lower-case letters, "
                         "digits, '-' or '_' (e.g. smith2020)")
    if f"{paper_id}.yaml" in SPECIAL:
        raise UsageError(f"'{paper_id}' is reserved: {paper_id}.yaml is the corpus's own file; choose another id")
    return paper_id


def map_path(root: Path, paper_id: str) -> Path:
    """Where a new map `paper_id` goes; a UsageError if the folder has it already (as .yaml or .yml)."""
    for suffix in (".yaml", ".yml"):
        existing = root / f"{paper_id}{suffix}"
        if existing.exists() or existing.is_symlink():
            raise UsageError(f"{display(existing)} already exists; argmap never overwrites it (choose another id)")
    return root / f"{paper_id}.yaml"


def start_corpus(root: Path, standalone: bool = False) -> str:
    """Make `root` a corpus folder, created if missing; what was set up, for the user.

    A folder with neither axes.yaml nor corpus.yaml gets a corpus.yaml building
    on the bundled corpus, so the literature stays in view next to the new maps
    (`standalone`: a copy of the bundled axes.yaml instead, and nothing below).
    """
    from .atomic import write_atomic
    from .errors import ExistsError

    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        from .atomic import _output_error

        raise _output_error(root, e) from None
    if is_corpus(root):
        return ""
    try:  # a second argmap starting the same folder at the same moment is no error
        if standalone:
            write_atomic(root / AXES_FILE, (bundled_root() / AXES_FILE).read_bytes(), overwrite=False)
            return f"{display(root)} is a corpus of its own, with a copy of the bundled axes"
        write_atomic(root / MANIFEST, MANIFEST_TEXT, overwrite=False)
    except ExistsError:
        return ""
    return (f"{display(root)} builds on the bundled corpus ({display(root / MANIFEST)}): "
            "argmap here shows your maps beside the bundled ones")


def is_corpus(root: Path) -> bool:
    """Whether `root` is a corpus folder already (it has axes.yaml or corpus.yaml)."""
    return (root / AXES_FILE).exists() or (root / MANIFEST).exists()


def write_new_map(root: Path, paper_id: object, text_for: Callable[[Corpus | None], str],
                  standalone: bool = False) -> tuple[Path, str]:
    """Write the new map `<root>/<paper_id>.yaml` of `new` and `import`, and what was set up for it.

    Never over another map (as .yaml or .yml, in any layer), and never a map
    the loader would refuse (too big, unknown tags or axis values, dangling
    evidence): those are an InputError listing the problems, and nothing is written.
    `text_for` makes the text, given the corpus it goes into (None if that is unusable).
    """
    from .atomic import write_atomic
    from .load import check_new_map

    paper_id = check_paper_id(paper_id)  # before anything is created
    path = map_path(root, paper_id)
    # The corpus the map will be read in: this folder's, or what start_corpus will make of it.
    layers, problems = find_layers([root] if is_corpus(root) else [bundled_root()])
    corpus = None if problems else check_layers(layers)[0]
    if corpus is not None and paper_id in corpus.papers:
        raise UsageError(f"paper '{paper_id}' already exists in {display(corpus.file_of(paper_id))}; "
                         "paper ids are unique across layers: choose another")
    text = text_for(corpus)
    found = check_new_map(corpus, path, text.encode("utf-8"))
    if found:
        raise InputError(found)
    started = start_corpus(root, standalone)
    return write_atomic(path, text, overwrite=False), started


MANIFEST_TEXT = """\
# What this corpus builds on (docs/format.md): argmap shows these corpora's papers
# beside this folder's, with their axes. 'bundled' is the corpus shipped with argmap;
# other entries are folders, relative to this file. Remove the entry to work alone
# (then this folder needs its own axes.yaml).
builds_on: [bundled]
"""


def open_corpus(explicit: Sequence[str | Path] | str | Path | None = None, use_cache: bool | None = None,
                isolate: bool = False) -> Corpus:
    """Find and load the corpus, every layer of it (raises InputError on any problem).

    With `isolate`, maps and links with problems are left out instead (see `argmap.load.load_corpus`).
    """
    layers, problems = find_layers(explicit)
    corpus, found = check_layers(layers, use_cache=use_cache) if not problems else (None, [])
    return usable(corpus, problems + found, isolate)


def resolve_ref(corpus: Corpus, ref: str) -> str:
    """`PAPER#CLAIM` with its paper named as everywhere (id, unique id prefix or surname) -> `id#CLAIM`."""
    paper, sep, claim = ref.strip().partition("#")
    if not sep or not claim:
        raise UsageError(f"'{ref}' is not a claim reference; write PAPER#CLAIM, e.g. dubey2021#p3")
    return f"{resolve_paper(corpus, paper).id}#{claim}"


def resolve_paper(corpus: Corpus, name: str) -> Paper:
    """A paper by id, unique id prefix, or author surname (case-insensitive)."""
    key = name.strip().lower()
    if key in corpus.papers:
        return corpus.papers[key]
    if key in corpus.failed:  # its map is broken: say why, not "no paper named"
        raise InputError(corpus.failed[key])
    by_prefix = [p for pid, p in corpus.papers.items() if pid.startswith(key)]
    by_author = [p for p in corpus.papers.values()
                 if any(a.split()[-1].lower() == key for a in p.authors if a.split())]
    matches = list({p.id: p for p in by_prefix + by_author}.values())
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(f"{p.id} ({', '.join(p.authors)}, {p.year})" for p in matches)
        raise UsageError(f"'{name}' names {len(matches)} papers: {listed}; use a longer id")
    raise UsageError(f"no paper named '{name}'; {did_you_mean(key, list(corpus.papers))} "
                     f"('argmap list' shows them all)")
