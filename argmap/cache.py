"""The index cache: what argmap learned from each file, kept so that it need not learn it again.

One SQLite database (standard library) in `$XDG_CACHE_HOME/argmap/` (or
`~/.cache/argmap/`), opened per corpus folder as a `FolderCache`:

    cache = FolderCache.open(folder, limits, enabled)
    digest = cache.known_digest(name, stat) or digest_of(raw)   # no read when the stat is unchanged
    value = cache.recall(name, digest, context, Paper)          # None: parse and check it
    cache.remember(name, stat, digest, context, value, summary) # only what validated cleanly
    cache.recall_summary(name, digest, context, Summary)        # what `list` shows, without decoding the paper
    cache.recall_verdict(scope, state); cache.remember_verdict(scope, state, data)  # validate's answer
    cache.index_claims(digests, rows_of); cache.claims(terms)  # the search index (argmap.search)
    cache.close(names_still_there)

It never lies:

- A file is unchanged when its size, mtime, ctime and inode all are (git's
  test; ctime cannot be set back by `touch`, so an edit that restores the
  mtime is still seen). A file written within the last seconds is not
  trusted by its stat (a second edit in the same clock tick could keep it),
  only by its content hash. Anything else is read and hashed.
- A row is reused only for the same content hash *and* the same context:
  the argmap version, the limits in force (`ARGMAP_MAX_*`), and what the
  file was checked against (axes.yaml for a paper; axes and every paper for
  links.yaml).
- Each row carries a checksum of its own data; a row that fails it, or
  fails to decode, is dropped and rebuilt from the file. A paper's summary
  (what `list` shows) lives in its row, under the same key and its own checksum.
- `validate`'s whole answer is reused only for the same question about files
  whose every content hash is the same (`argmap.verdict`).
- A corrupt or foreign database is rebuilt silently. One locked by another
  process is waited on briefly, then bypassed for this run, never deleted;
  any other SQLite error also just bypasses it.

The stored form is JSON (no pickle: a cache file must never run code), in a
compact positional layout: a dataclass is the list of its field values.
`--no-cache` / `ARGMAP_NO_CACHE=1` turn the cache off: nothing is read or written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sqlite3
import time
import typing
import weakref
from functools import cache
from pathlib import Path
from typing import Any, Callable, Iterable

try:
    from _blake2 import blake2b  # hashlib's own blake2b, without the 3 ms of start-up hashlib spends on OpenSSL
except ImportError:  # a Python built without it
    from hashlib import blake2b

# Bump when a table or a row's meaning changes (6: supports/attacks stored bare; 7: claim ids, entities and
# voices in the search index; 8: paper summaries; 9: validate's verdicts); the model's field layout is part
# of the version by itself.
SCHEMA_VERSION = "9"
BUSY_TIMEOUT_S = 0.5  # how long to wait for another process's write before going without the cache
RACY_S = 2.0  # a file modified this recently is not trusted by its stat alone
INDEX_BATCH = 200  # papers whose search rows are built and written together

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def digest(*parts: bytes) -> str:
    h = blake2b(digest_size=16)
    for part in parts:
        h.update(part)
    return h.hexdigest()


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "argmap"


def enabled(use_cache: bool | None) -> bool:
    """Whether to use the cache: as asked, or by default unless ARGMAP_NO_CACHE is set."""
    return not os.environ.get("ARGMAP_NO_CACHE") if use_cache is None else use_cache


def stamp(st: os.stat_result) -> Stamp:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


class FolderCache:
    """The stored rows of one corpus folder; every method is a no-op when the cache is off or unusable."""

    def __init__(self, folder: Path, salt: str, db: sqlite3.Connection | None, files: bool = True):
        self.folder = os.path.realpath(folder) if db is not None else str(folder)
        self.salt = salt
        self.db = db
        self.rows: dict[str, tuple[Stamp | None, str, str, str]] = {}  # name -> stamp, digest, context, checksum
        self.summaries: dict[str, tuple[str, str, str | None, str | None]] | None = None  # read when first asked
        self.pending: list[tuple[Any, ...]] = []
        self.restamped: list[tuple[Any, ...]] = []
        self.waiting = 0  # rows handed out by recall_later and not yet decoded
        self.alone = False  # the search index holds this corpus's paper contents and no other's
        self.closing = False
        if db is not None and files:
            self._run(self._read_rows)

    @classmethod
    def open(cls, folder: Path, limits: Any = None, use_cache: bool | None = None, files: bool = True
             ) -> FolderCache:
        """The cache of `folder` for checks under `limits` (a disabled one if the cache is off).

        `files=False` skips reading the folder's file rows, for a user of the search index only.
        """
        from . import __version__

        salt = f"{SCHEMA_VERSION}:{__version__}:{limits!r}"
        db = _connect(cache_dir() / "index.sqlite") if enabled(use_cache) else None
        return cls(folder, salt, db, files)

    def _run(self, action: Callable[[], Any]) -> Any:
        """Run a database action; on any SQLite error go on without the cache."""
        if self.db is None:
            return None
        try:
            return action()
        except sqlite3.Error:
            self.close_db()
            return None

    def _read_rows(self) -> None:
        assert self.db is not None
        cur = self.db.execute("SELECT name, size, mtime_ns, ctime_ns, inode, digest, context, checksum FROM files "
                              "WHERE folder = ?", (self.folder,))
        for name, size, mtime, ctime, inode, dig, ctx, checksum in cur:
            trusted = None if size is None else (size, mtime, ctime, inode)
            self.rows[name] = (trusted, dig, ctx, checksum)

    def context(self, *parts: str) -> str:
        """A validation context: what a file was checked against, plus the version and limits in force."""
        return digest(self.salt.encode(), *(p.encode() for p in parts))

    def known_digest(self, name: str, st: os.stat_result) -> str | None:
        """The file's content hash from its row, when its stat shows it unchanged since."""
        row = self.rows.get(name)
        return row[1] if row is not None and row[0] == stamp(st) else None

    def content_digest(self, name: str, st: os.stat_result, read: Callable[[], bytes]) -> str:
        """The file's content hash: from its row when its stat shows it unchanged, else read and hashed.
        A row that still holds this content takes the new stat (after a `touch`): the next run need not read."""
        known = self.known_digest(name, st)
        if known is not None:
            return known
        dig = digest(read())
        row = self.rows.get(name)
        if self.db is not None and row is not None and row[1] == dig:
            self.restamped.append((*_trusted(st), self.folder, name))
        return dig

    def recall(self, name: str, dig: str, context: str, cls: type, st: os.stat_result | None = None) -> Any:
        """The stored instance of `cls` if this content validated in this context; None otherwise."""
        later = self.recall_later(name, dig, context, cls, st)
        return later() if later is not None else None

    def recall_later(self, name: str, dig: str, context: str, cls: type, st: os.stat_result | None = None
                     ) -> Callable[[], Any] | None:
        """Like `recall`, but decoding only when called (the call returns None if the row turns out bad)."""
        row = self.rows.get(name)
        if self.db is None or row is None or row[1] != dig or row[2] != context:
            return None
        if st is not None and row[0] != stamp(st):
            self.restamped.append((*_trusted(st), self.folder, name))
        self.waiting += 1
        return lambda: self._fetch(name, dig, context, cls)

    def _fetch(self, name: str, dig: str, context: str, cls: type) -> Any:
        checksum = self.rows[name][3] if name in self.rows else ""
        found = self._run(lambda: self.db.execute(  # type: ignore[union-attr]
            "SELECT data FROM files WHERE folder = ? AND name = ? AND digest = ? AND context = ?",
            (self.folder, name, dig, context)).fetchone())
        self.waiting -= 1
        try:
            if found is None or digest(dig.encode(), context.encode(), found[0].encode()) != checksum:
                raise ValueError("checksum")
            return from_rows(cls, json.loads(found[0]))
        except Exception:  # tampered or damaged: drop it, the caller rebuilds it from the file
            self.rows.pop(name, None)
            self._run(lambda: self.db.execute(  # type: ignore[union-attr]
                "DELETE FROM files WHERE folder = ? AND name = ?", (self.folder, name)))
            return None

    def remember(self, name: str, st: os.stat_result, dig: str, context: str, value: Any, summary: Any = None
                 ) -> None:
        """Keep what validated cleanly, with its `summary` (see `recall_summary`) if it has one."""
        if self.db is None:
            return
        data = _json(to_rows(value))
        checksum = digest(dig.encode(), context.encode(), data.encode())
        shown = None if summary is None else _json(to_rows(summary))
        shown_checksum = None if shown is None else digest(dig.encode(), context.encode(), shown.encode())
        self.pending.append((self.folder, name, *_trusted(st), dig, context, checksum, shown, shown_checksum, data))
        if self.closing:  # a row rebuilt after the load (by a lazy decode): write it now
            self._run(self._write_pending)

    def _write_pending(self) -> None:
        assert self.db is not None
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany(_INSERT_FILE, self.pending)
        self.pending = []

    def recall_summary(self, name: str, dig: str, context: str, cls: type) -> Any:
        """The summary (a `cls`) stored beside this content's row in this context; None if there is none or
        it fails its checksum. The folder's summaries are read in one query, when the first is asked for."""
        if self.summaries is None:
            found = self._run(lambda: self.db.execute(  # type: ignore[union-attr]
                "SELECT name, digest, context, summary, summary_checksum FROM files WHERE folder = ?",
                (self.folder,)).fetchall())
            self.summaries = {n: (d, c, data, checksum) for n, d, c, data, checksum in found or []}
        row = self.summaries.get(name)
        if row is None or row[:2] != (dig, context) or row[2] is None:
            return None
        try:
            if digest(dig.encode(), context.encode(), row[2].encode()) != row[3]:
                raise ValueError("checksum")
            return from_rows(cls, json.loads(row[2]))
        except Exception:  # tampered or damaged: the caller decodes the paper instead
            return None

    # --- validate's verdicts (argmap.verdict) ------------------------------------------

    def recall_verdict(self, scope: str, state: str) -> Any:
        """The answer stored for this question (`scope`) about these files (`state`); None if there is none."""
        found = self._run(lambda: self.db.execute(  # type: ignore[union-attr]
            "SELECT state, checksum, data FROM verdicts WHERE scope = ?", (scope,)).fetchone())
        if found is None or found[0] != state:
            return None
        try:
            if digest(scope.encode(), state.encode(), found[2].encode()) != found[1]:
                raise ValueError("checksum")
            return json.loads(found[2])
        except Exception:  # tampered or damaged: answered afresh, and that answer replaces it
            return None

    def remember_verdict(self, scope: str, state: str, value: Any) -> None:
        """Keep the answer to `scope` about `state`, in place of any earlier answer to that question."""
        data = json.dumps(value, separators=(",", ":"))  # ASCII: a file name that is not UTF-8 still encodes
        checksum = digest(scope.encode(), state.encode(), data.encode())

        def write() -> None:
            assert self.db is not None
            with self.db:
                self.db.execute("BEGIN")
                self.db.execute("INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?)", (scope, state, checksum, data))

        self._run(write)

    # --- the search index (argmap.search) ---------------------------------------------

    def index_claims(self, digests: Iterable[str], rows_of: Callable[[str], list[tuple[Any, ...]]]) -> bool:
        """Make the claims of these paper contents searchable, building the missing ones with `rows_of`.

        A row is (paper, role, tags, lean, terms, text_terms, claim, entities, voice, hit): strings
        (`argmap.search.claim_rows`), the hit as JSON. Claims
        of contents no file has any more are dropped. False when the cache is off or unusable.
        """
        wanted = list(dict.fromkeys(digests))

        def write() -> bool:
            assert self.db is not None
            db = self.db
            db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (digest TEXT PRIMARY KEY)")
            db.execute("DELETE FROM wanted")
            db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(d,) for d in wanted])
            have = {d for (d,) in db.execute("SELECT digest FROM wanted JOIN indexed USING (digest)")}
            missing = [d for d in wanted if d not in have]
            if not missing:
                self.alone = db.execute("SELECT count(*) FROM indexed").fetchone()[0] == len(wanted)
                return True
            with db:  # one transaction, written a batch of papers at a time: memory stays that of a batch
                db.execute("BEGIN")
                for start in range(0, len(missing), INDEX_BATCH):
                    rows, counts = [], []
                    for dig in missing[start:start + INDEX_BATCH]:
                        built = rows_of(dig)
                        counts.append((dig, len(built)))
                        for ord_, (*cols, hit) in enumerate(built):
                            rows.append((dig, ord_, *cols, _checksum(dig, ord_, cols), hit,
                                         _checksum(dig, ord_, [hit])))
                    db.executemany("INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   rows)
                    db.executemany("INSERT OR REPLACE INTO indexed VALUES (?, ?)", counts)
                db.execute("INSERT INTO claims_fts (rowid, terms) SELECT rowid, terms FROM claims "
                           "WHERE digest IN (SELECT value FROM json_each(?))", (json.dumps(missing),))
                _drop_claims(db, "digest NOT IN (SELECT digest FROM files)")
            return True

        return bool(self._run(write))

    def claim_count(self) -> int:
        """How many claims the indexed contents have."""
        found = self._run(lambda: self.db.execute(  # type: ignore[union-attr]
            "SELECT sum(claims) FROM wanted JOIN indexed USING (digest)").fetchone())
        return int(found[0] or 0) if found else 0

    def postings(self, term: str) -> list[int]:
        """The rowids of the indexed claims holding a search term (those of this corpus's contents: when
        the index holds no other's, straight from the full-text index)."""
        sql = ("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?" if self.alone else
               "SELECT f.rowid FROM claims_fts f JOIN claims c ON c.rowid = f.rowid JOIN wanted w "
               "ON w.digest = c.digest WHERE claims_fts MATCH ?")
        return [r for (r,) in self._run(lambda: self.db.execute(  # type: ignore[union-attr]
            sql, (_phrase(term),)).fetchall()) or []]

    def vocabulary(self) -> list[str]:
        """Every indexed term (of every corpus in the cache: check a term's count before trusting it)."""
        return [t for (t,) in self._run(lambda: self.db.execute(  # type: ignore[union-attr]
            "SELECT term FROM claims_vocab").fetchall()) or []]

    def claims(self, rowids: Iterable[int] | None = None, each: Callable[[tuple[Any, ...]], Any] | None = None
               ) -> list[Any] | None:
        """(rowid, ord, *SEARCH_COLUMNS) of the indexed claims (those of `rowids`, or all), or what `each`
        makes of each: rows are read and checked one at a time, so memory holds only what is kept.

        None when the index is unusable or a row fails its checksum (that paper is then
        indexed again by the next query, and this one scans).
        """
        cols = ", ".join(f"c.{c}" for c in SEARCH_COLUMNS)
        sql = f"SELECT c.rowid, c.digest, c.ord, {cols}, c.checksum FROM claims c "
        bad: list[str] = []

        def checked(found: Iterable[Any]) -> list[Any] | None:
            out = []
            for rowid, dig, ord_, *values, checksum in found:
                if _checksum(dig, ord_, values) != checksum:
                    bad.append(dig)
                    return None
                out.append((rowid, ord_, *values) if each is None else each((rowid, ord_, *values)))
            return out

        if rowids is None:
            out = self._run(lambda: checked(self.db.execute(  # type: ignore[union-attr]
                sql + "JOIN wanted w ON w.digest = c.digest")))
        else:
            found = self._by_rowid(sql + "WHERE c.rowid IN ", rowids)
            out = checked(found) if found is not None else None
        for dig in bad:
            self._drop(dig)
        return out  # type: ignore[no-any-return]

    def hits(self, rowids: Iterable[int]) -> dict[int, Any] | None:
        """The hit data (decoded JSON) of some claims by rowid; None if one fails its checksum."""
        found = self._by_rowid("SELECT rowid, digest, ord, hit, hit_checksum FROM claims WHERE rowid IN ", rowids)
        if found is None:
            return None
        out = {}
        for rowid, dig, ord_, hit, checksum in found:
            if _checksum(dig, ord_, [hit]) != checksum:
                self._drop(dig)
                return None
            out[rowid] = json.loads(hit)
        return out

    def _by_rowid(self, sql: str, rowids: Iterable[int]) -> list[Any] | None:
        """The rows `sql` (ending in `IN `) selects for these rowids, a chunk at a time (SQLite caps the
        number of parameters)."""
        wanted = list(rowids)

        def read() -> list[Any]:
            assert self.db is not None
            out = []
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                out += self.db.execute(sql + f"({','.join('?' * len(chunk))})", chunk).fetchall()
            return out

        return self._run(read)  # type: ignore[no-any-return]

    def _drop(self, dig: str) -> None:
        def drop() -> None:
            assert self.db is not None
            with self.db:
                self.db.execute("BEGIN")
                _drop_claims(self.db, "digest = ?", (dig,))

        self._run(drop)

    def close(self, keep: Iterable[str] | None = None) -> None:
        """Write what was learned, forget files no longer in the folder (when `keep` is given), close.

        Rows handed out by `recall_later` can still be decoded afterwards.
        """
        keep = set(keep) if keep is not None else None

        def write() -> None:
            assert self.db is not None
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany(_INSERT_FILE, self.pending)
                self.db.executemany("UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, inode = ? "
                                    "WHERE folder = ? AND name = ?", self.restamped)
                if keep is not None:
                    gone = [(self.folder, n) for n in self.rows if n not in keep]
                    self.db.executemany("DELETE FROM files WHERE folder = ? AND name = ?", gone)

        if self.pending or self.restamped or (keep is not None and set(self.rows) - keep):
            self._run(write)
        self.pending, self.restamped = [], []
        self.closing = True
        if not self.waiting:
            self.close_db()
        elif self.db is not None:  # rows handed out by recall_later still read it: close it when they are gone
            weakref.finalize(self, self.db.close)

    def close_db(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None


def _drop_claims(db: sqlite3.Connection, where: str, params: tuple[Any, ...] = ()) -> None:
    """Delete claims and their full-text entries (an external-content index is told what it indexed)."""
    rows = f"SELECT rowid FROM claims WHERE {where}"
    db.execute(f"INSERT INTO claims_fts (claims_fts, rowid, terms) SELECT 'delete', rowid, terms FROM claims "
               f"WHERE rowid IN ({rows})", params)
    db.execute(f"DELETE FROM indexed WHERE digest IN (SELECT digest FROM claims WHERE {where})", params)
    db.execute(f"DELETE FROM claims WHERE rowid IN ({rows})", params)


def _checksum(dig: str, ord_: int, values: Iterable[Any]) -> str:
    return digest(dig.encode(), str(ord_).encode(), "\x1f".join(map(str, values)).encode())


def _phrase(term: str) -> str:
    """A term as an FTS5 string (terms are word characters: quoting is all it needs)."""
    return '"' + term.replace('"', '""') + '"'


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _trusted(st: os.stat_result) -> tuple[int | None, ...]:
    """The stamp to store: none for a file modified too recently to be trusted by its stat."""
    if time.time() - st.st_mtime < RACY_S:
        return (None, None, None, None)
    return stamp(st)


_TABLES = (
    # What each file held when it last validated cleanly; a paper's summary (what `list` shows) beside it,
    # before the data: SQLite reads a row's columns in order, so one after the data would read all of it.
    "CREATE TABLE files (folder TEXT, name TEXT, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, inode INTEGER,"
    " digest TEXT, context TEXT, checksum TEXT, summary TEXT, summary_checksum TEXT, data TEXT,"
    " PRIMARY KEY (folder, name))",
    # validate's answer to one question (its arguments, working directory, layers) about one state of its
    # files (every content hash): the latest only (argmap.verdict).
    "CREATE TABLE verdicts (scope TEXT PRIMARY KEY, state TEXT, checksum TEXT, data TEXT)",
    # The search index: one row per claim of each paper content (by hash), its search terms
    # (argmap.similarity) in a full-text index, and what a hit shows.
    "CREATE TABLE claims (digest TEXT, ord INTEGER, paper TEXT, role TEXT, tags TEXT, lean TEXT, terms TEXT,"
    " text_terms TEXT, claim TEXT, entities TEXT, voice TEXT, checksum TEXT, hit TEXT, hit_checksum TEXT,"
    " PRIMARY KEY (digest, ord))",
    "CREATE TABLE indexed (digest TEXT PRIMARY KEY, claims INTEGER)",  # the paper contents in `claims`
    "CREATE VIRTUAL TABLE claims_fts USING fts5 (terms, content='claims', content_rowid='rowid',"
    " tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")",
    "CREATE VIRTUAL TABLE claims_vocab USING fts5vocab (claims_fts, 'row')",
)
SEARCH_COLUMNS = ("paper", "role", "tags", "lean", "terms", "text_terms", "claim", "entities", "voice")  # `claims`
_INSERT_FILE = "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


@cache
def layout_version() -> str:
    """The schema version and the model's field layout: rows are positional, so a field added, removed
    or moved in any model dataclass makes every stored row meaningless (it must never decode shifted)."""
    from . import model

    layout = [(name, [f.name for f in dataclasses.fields(cls)]) for name, cls in sorted(vars(model).items())
              if isinstance(cls, type) and dataclasses.is_dataclass(cls)]
    return f"{SCHEMA_VERSION}:{digest(repr(layout).encode())[:12]}"


def _connect(path: Path) -> sqlite3.Connection | None:
    """The database, created or rebuilt as needed; None when it is locked, unwritable or otherwise unusable."""
    for attempt in range(2):
        db = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            version = layout_version()
            if row is None or row[0] != version:  # another argmap's layout: start over
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    for table in ("files", "verdicts", "derived", "claims_vocab", "claims_fts", "claims", "indexed"):
                        db.execute(f"DROP TABLE IF EXISTS {table}")
                    for ddl in _TABLES:
                        db.execute(ddl)
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
            return db
        except sqlite3.OperationalError:  # locked by another process, read-only, disk full...: go without
            if db is not None:
                db.close()
            break
        except sqlite3.DatabaseError:  # not a database, or damaged: rebuild it once
            if db is not None:
                db.close()
            if attempt:
                break
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.unlink(str(path) + suffix)
        except OSError:  # no cache folder can be made
            break
    return None


# --- the stored form ------------------------------------------------------------
# A dataclass becomes the list of its field values in field order: decoding JSON
# arrays is about twice as fast as objects, and building is a plain cls(*values).


def to_rows(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return [to_rows(getattr(obj, f.name)) for f in dataclasses.fields(obj)]
    if isinstance(obj, list):
        return [to_rows(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_rows(v) for k, v in obj.items()}
    return obj


# Builders of nested instances, looked up when first used: the model is recursive (a Claim holds Claims).
def _one(tp: Any) -> Callable[[Any], Any]:
    return lambda values: _builder(tp)(values)


def _each(tp: Any) -> Callable[[Any], Any]:
    return lambda items: [_builder(tp)(values) for values in items]


def _each_value(tp: Any) -> Callable[[Any], Any]:
    return lambda items: {k: _builder(tp)(values) for k, values in items.items()}


@cache
def _builder(cls: type) -> Callable[[list[Any]], Any]:
    """Build `cls` from `to_rows` output of an instance that passed `spec.convert`: no checks, just nesting."""
    from .spec import hints

    nested: list[tuple[int, Callable[[Any], Any]]] = []
    for i, f in enumerate(dataclasses.fields(cls)):
        tp: Any = hints(cls)[f.name]
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if dataclasses.is_dataclass(tp):
            nested.append((i, _one(tp)))
        elif origin is list and dataclasses.is_dataclass(args[0]):
            nested.append((i, _each(args[0])))
        elif origin is dict and dataclasses.is_dataclass(args[1]):
            nested.append((i, _each_value(args[1])))

    def build(values: list[Any]) -> Any:
        for i, make in nested:
            if values[i]:
                values[i] = make(values[i])
        return cls(*values)

    return build


def from_rows(cls: type, values: list[Any]) -> Any:
    """An instance from `to_rows` output (consumes `values`)."""
    return _builder(cls)(values)
