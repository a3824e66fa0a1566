"""`validate`'s answer kept in the index cache, so that an unchanged corpus is not checked again.

What `validate` prints, in every format, and its exit status follow from its answer
(`ValidateData`: the problems and the counts). The answer is stored under two keys and
reused only when both are the same again:

- the question (`scope`): the argmap version and limits in force (the cache's salt), the
  working directory (problems name files relative to it), the paths and --corpus folders
  asked about, and the layers they resolve to, each as named and by its real path;
- the files (`state`): every YAML file of every one of those folders by name and content
  hash (a symlink by its target too), and the bundled axes.yaml (which the message about a
  retired scale quotes).

A content hash comes from the file's row when its stat shows it unchanged (the rule of
`argmap.cache`: size, mtime, ctime and inode, and never for a file changed in the last
seconds), else from reading the file. An answer is stored only if no file changed while it
was worked out and none so recently that its stat could hide a second edit. Anything
unusual (a manifest with problems, a missing folder, a file that is not a regular readable
one within the size limit) is checked afresh and not stored.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Callable

from .cache import RACY_S, FolderCache, Stamp, digest, enabled, stamp
from .limits import Limits, limits_from_env
from .load import AXES_FILE

if TYPE_CHECKING:
    from .load import Target
    from .outputs import ValidateData


def answer(targets: list[Target], use_cache: bool | None, work: Callable[[], ValidateData]) -> ValidateData:
    """validate's answer about `targets`: the stored one when the question and every file are as they were
    when it was stored; else what `work` finds, stored for next time."""
    asked = _question(targets) if enabled(use_cache) else None
    if asked is None:
        return work()
    scope_parts, folders = asked
    limits = limits_from_env()
    cache = FolderCache.open(Path(folders[0]), limits, use_cache, files=False)  # one database for every folder
    taken = _state(folders, limits, use_cache) if cache.db is not None else None
    if taken is None:
        cache.close()
        return work()
    state, inputs = taken
    scope = cache.context("verdict", repr(scope_parts))  # repr: a path that is not UTF-8 still encodes
    known = cache.recall_verdict(scope, state)
    cache.close()
    if known is not None:
        return known  # type: ignore[no-any-return]
    data = work()
    if _unchanged(inputs, folders):
        cache = FolderCache.open(Path(folders[0]), limits, use_cache, files=False)
        cache.remember_verdict(scope, state, data)
        cache.close()
    return data


def _question(targets: list[Target]) -> tuple[list[str], list[str]] | None:
    """What is asked (as strings) and the layer folders it reads (real paths, top first); None if a
    manifest has problems."""
    from .corpus import find_layers

    try:
        parts = [os.getcwd()]
    except OSError:  # the working directory was deleted
        return None
    folders: list[str] = []
    for paths, file, every_layer in targets:
        layers, problems = find_layers(paths)
        if problems:
            return None
        roots = [(str(layer.root), layer.origin, os.path.realpath(layer.root)) for layer in layers]
        parts.append(repr((None if paths is None else [str(p) for p in paths], None if file is None else str(file),
                           every_layer, roots)))
        folders += [real for *_, real in roots]
    return parts, list(dict.fromkeys(folders))


def _state(folders: list[str], limits: Limits, use_cache: bool | None) -> tuple[str, dict[str, Stamp]] | None:
    """The digest of every input file's name and content, and each one's stat as it was read; None if one
    is unusual (then validate checks everything afresh)."""
    from .corpus import bundled_root

    parts: list[tuple[str, ...]] = []
    inputs: dict[str, Stamp] = {}
    for folder in folders:
        entries = _yaml_entries(folder)
        if entries is None:
            return None
        cache = FolderCache.open(Path(folder), limits, use_cache)
        try:
            for entry in entries:
                dig = _content(cache, entry.path, entry.name, limits, inputs)
                if dig is None:
                    return None
                parts.append((folder, entry.name, dig, os.path.realpath(entry.path) if entry.is_symlink() else ""))
        finally:
            cache.close()  # keeps the new stats of files found unchanged by content (after a touch)
    bundled = bundled_root() / AXES_FILE  # read each time (a few kB): no rows
    no_rows = FolderCache(bundled.parent, "", None)
    parts.append(("bundled", AXES_FILE, _content(no_rows, str(bundled), AXES_FILE, limits, inputs) or ""))
    return digest(repr(parts).encode()), inputs


def _yaml_entries(folder: str) -> list[os.DirEntry[str]] | None:
    """The folder's YAML files as the loader lists them (`load.corpus_files`), or None if it cannot be listed."""
    try:
        with os.scandir(folder) as found:
            return sorted((e for e in found if e.name.endswith((".yaml", ".yml"))), key=lambda e: e.name)
    except OSError:
        return None


def _content(cache: FolderCache, path: str, name: str, limits: Limits, inputs: dict[str, Stamp]) -> str | None:
    """A file's content hash, its stat noted in `inputs`; None unless it is a regular readable file within
    the size limit."""
    try:
        st = os.stat(path)
        if not S_ISREG(st.st_mode) or st.st_size > limits.max_bytes:
            return None
        dig = cache.content_digest(name, st, lambda: _read(path))
    except OSError:
        return None
    inputs[path] = stamp(st)
    return dig


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _unchanged(inputs: dict[str, Stamp], folders: list[str]) -> bool:
    """Whether every input file is as it was read (no file added to a folder either), and none changed so
    recently that a second edit could keep its stat: only then does the answer belong to that state."""
    listed = {entry.path for folder in folders for entry in _yaml_entries(folder) or []}
    if not listed <= inputs.keys():
        return False
    now = time.time()
    for path, before in inputs.items():
        try:
            st = os.stat(path)
        except OSError:
            return False
        if stamp(st) != before or now - st.st_mtime < RACY_S:
            return False
    return True
