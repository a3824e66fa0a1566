"""The index cache: validated maps, stored so that a warm load skips parsing.

An SQLite database (standard library) in `$XDG_CACHE_HOME/argmap/` (or
`~/.cache/argmap/`). A row is reused only when the file's path, size, mtime
*and* content hash match, and the context it was validated in (the argmap
version and axes.yaml) is the same, so it is never stale: any edit to a file
is a miss. Only files that validated cleanly are stored. The stored form is
JSON of the model (no pickle: a cache file must never run code). A corrupt
or foreign database is deleted and rebuilt silently; any SQLite error just
disables the cache for that run. `--no-cache` / `ARGMAP_NO_CACHE=1` turn it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any, Iterable

SCHEMA_VERSION = "2"


def digest(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part)
    return h.hexdigest()


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "argmap"


def enabled_by_env() -> bool:
    return not os.environ.get("ARGMAP_NO_CACHE")


class IndexCache:
    """Rows of (folder, file name) -> stat, hash, context, JSON data."""

    def __init__(self, path: Path | None = None):
        from . import __version__

        self.path = path or cache_dir() / "index.sqlite"
        self.version = f"{SCHEMA_VERSION}:{__version__}"
        self.db: sqlite3.Connection | None = None
        self.pending: list[tuple[Any, ...]] = []
        with contextlib.suppress(sqlite3.Error, OSError):
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(2):
            db = sqlite3.connect(self.path, timeout=2, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
                db.execute("CREATE TABLE IF NOT EXISTS files (folder TEXT, name TEXT, size INTEGER, mtime_ns INTEGER,"
                           " hash TEXT, context TEXT, data TEXT, PRIMARY KEY (folder, name))")
                # Data derived from a file's content (the search index's normalised strings), by content hash.
                db.execute("CREATE TABLE IF NOT EXISTS derived (hash TEXT, kind TEXT, data TEXT, PRIMARY KEY (hash, kind))")
                row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
                if row is None or row[0] != self.version:  # another argmap's layout: start over
                    db.execute("DELETE FROM files")
                    db.execute("DELETE FROM derived")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (self.version,))
                return db
            except sqlite3.DatabaseError:
                db.close()
                if attempt:
                    raise
                for suffix in ("", "-wal", "-shm"):  # corrupt: delete and rebuild
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(str(self.path) + suffix)
        raise AssertionError("unreachable")

    def rows(self, folder: Path) -> dict[str, tuple[int, int, str, str, str]]:
        """Stored rows of one corpus folder by file name."""
        if self.db is None:
            return {}
        try:
            cur = self.db.execute("SELECT name, size, mtime_ns, hash, context, data FROM files WHERE folder = ?",
                                  (str(folder.resolve()),))
            return {name: (size, mtime, h, ctx, data) for name, size, mtime, h, ctx, data in cur}
        except sqlite3.Error:
            self.db = None
            return {}

    def put(self, folder: Path, name: str, size: int, mtime_ns: int, hash_: str, context: str, data: Any) -> None:
        if self.db is not None:
            self.pending.append((str(folder.resolve()), name, size, mtime_ns, hash_, context,
                                 json.dumps(data, ensure_ascii=False, separators=(",", ":"))))

    def flush(self, folder: Path, keep: Iterable[str]) -> None:
        """Write pending rows and forget files no longer in the folder."""
        if self.db is None:
            return
        keep = set(keep)
        try:
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", self.pending)
                stale = [(str(folder.resolve()), n) for n in self.rows_names(folder) if n not in keep]
                self.db.executemany("DELETE FROM files WHERE folder = ? AND name = ?", stale)
        except sqlite3.Error:
            self.db = None
        self.pending.clear()

    def derived(self, kind: str, hashes: Iterable[str]) -> dict[str, Any]:
        """Stored derived data of `kind` for the given content hashes (those present)."""
        if self.db is None:
            return {}
        wanted = list(hashes)
        out: dict[str, Any] = {}
        try:
            for i in range(0, len(wanted), 500):  # SQLite caps the number of parameters
                chunk = wanted[i:i + 500]
                marks = ",".join("?" * len(chunk))
                cur = self.db.execute(f"SELECT hash, data FROM derived WHERE kind = ? AND hash IN ({marks})",
                                      (kind, *chunk))
                out.update((h, json.loads(data)) for h, data in cur)
        except sqlite3.Error:
            self.db = None
        return out

    def put_derived(self, kind: str, items: dict[str, Any]) -> None:
        """Store derived data by content hash, dropping rows whose file is no longer indexed."""
        if self.db is None or not items:
            return
        rows = [(h, kind, json.dumps(v, ensure_ascii=False, separators=(",", ":"))) for h, v in items.items()]
        try:
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany("INSERT OR REPLACE INTO derived VALUES (?, ?, ?)", rows)
                self.db.execute("DELETE FROM derived WHERE hash NOT IN (SELECT hash FROM files)")
        except sqlite3.Error:
            self.db = None

    def rows_names(self, folder: Path) -> list[str]:
        assert self.db is not None
        return [r[0] for r in self.db.execute("SELECT name FROM files WHERE folder = ?", (str(folder.resolve()),))]

    def close(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None
