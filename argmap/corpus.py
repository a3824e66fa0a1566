"""Finding the corpus to use, and naming papers in it."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import UsageError, did_you_mean
from .load import AXES_FILE, corpus_files, load_corpus
from .model import Corpus, Paper

ENV_VAR = "ARGMAP_CORPUS"


def bundled_root() -> Path:
    """The corpus shipped inside the package (`claims/` in the source tree)."""
    from importlib.resources import files

    try:
        return Path(str(files("argmap.claims").joinpath(AXES_FILE))).parent
    except ModuleNotFoundError:  # running from a source checkout that is not installed
        return Path(__file__).resolve().parent.parent / "claims"


def _has_maps(folder: Path) -> bool:
    return folder.is_dir() and any(p.name != "links.yaml" for p in corpus_files(folder))


def find_corpus(explicit: str | Path | None = None) -> tuple[Path, str]:
    """The corpus folder and how it was chosen: --corpus, ARGMAP_CORPUS, ./claims, or the bundled one."""
    if explicit:
        return Path(explicit), "--corpus"
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]), ENV_VAR
    local = Path("claims")
    if _has_maps(local):
        return local, "./claims"
    return bundled_root(), "bundled"


def check_paper_id(paper_id: object) -> str:
    """The id, if it can name a map file; a UsageError saying what an id looks like otherwise."""
    import re

    from .model import SLUG

    if not isinstance(paper_id, str) or not re.match(SLUG, paper_id):
        raise UsageError(f"'{paper_id}' is not a valid paper id; use lower-case letters, digits, '-' or '_' "
                         "(e.g. smith2020)")
    return paper_id


def start_corpus(root: Path) -> None:
    """Make `root` a corpus folder: created if missing, with the bundled axes.yaml if it has none."""
    from .atomic import write_atomic

    root.mkdir(parents=True, exist_ok=True)
    if not (root / AXES_FILE).exists():
        write_atomic(root / AXES_FILE, (bundled_root() / AXES_FILE).read_bytes(), overwrite=False)


def open_corpus(explicit: str | Path | None = None, use_cache: bool | None = None) -> Corpus:
    """Find and load the corpus (raises InputError on any problem)."""
    root, origin = find_corpus(explicit)
    return load_corpus(root, origin, use_cache=use_cache)


def resolve_paper(corpus: Corpus, name: str) -> Paper:
    """A paper by id, unique id prefix, or author surname (case-insensitive)."""
    key = name.strip().lower()
    if key in corpus.papers:
        return corpus.papers[key]
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
