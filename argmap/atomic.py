"""Writes that respect the user's files: atomic, with the right mode, through links, into devices.

A regular file is written to a temporary file beside it, fsynced, then
renamed over the target (or hard-linked into place when the target must not
exist yet), so a reader sees the old file or the new one, never half. The
new file gets the mode the user's umask gives (0666 & ~umask) and a
replaced file keeps its mode. `-o` onto a symlink writes through it (the
link stays a link); onto a device or FIFO (`/dev/stdout`, `/dev/null`) it
writes into it. Temporary files are named `.NAME.argmap-XXXX.tmp`; ones left
by a killed argmap are swept on the next write to that folder.

Every OS error becomes an `OutputError` saying what went wrong in words
(read-only folder, full disk, file too large, a folder in the way).

`locked` serialises read-modify-write cycles between processes with a lock
file in argmap's cache folder, never beside the user's files.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Iterator

from .errors import ExistsError, OutputError

TEMP_MARK = ".argmap-"  # in every temporary file's name: `.links.yaml.argmap-k3j2.tmp`
STALE_SECONDS = 3600  # a temporary file this old is left by a killed argmap: swept
LOCK_TIMEOUT = 10.0  # seconds to wait for another argmap's lock before giving up


def write_atomic(path: Path | str, text: str | bytes, overwrite: bool = True) -> Path:
    """Write `text` (or bytes) to `path`; with overwrite=False, refuse (ExistsError) if it exists.

    The folder must exist: a missing one is an OutputError (a typo must not create folders).
    """
    path = Path(path)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    target = Path(os.path.realpath(path))  # through symlinks: the link stays, its target is written
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise _output_error(path, e) from None
    if st is not None and not overwrite:
        raise ExistsError(f"{path} already exists; argmap never overwrites it (choose another name)")
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"cannot write {path}: it is a folder; give a file name (e.g. {path / 'out.txt'})")
    if st is not None and not stat.S_ISREG(st.st_mode):  # a device or FIFO: write into it, as a shell would
        try:
            with open(target, "wb") as f:
                f.write(data)
        except OSError as e:
            raise _output_error(path, e) from None
        return path
    if not target.parent.is_dir():
        raise OutputError(f"cannot write {path}: the folder {target.parent} does not exist; "
                          f"create it first (mkdir -p {target.parent})")
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
    _sweep(target.parent)
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}{TEMP_MARK}", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # atomic and refuses an existing target
            except FileExistsError:
                raise ExistsError(f"{path} already exists; argmap never overwrites it (choose another name)") from None
        _fsync_dir(target.parent)
    except OSError as e:
        raise _output_error(path, e) from None
    finally:
        if tmp:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    return path


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it: put it straight back
    os.umask(mask)
    return mask


def _sweep(folder: Path) -> None:
    """Delete temporary files of argmap's own naming that a killed argmap left behind."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and TEMP_MARK in entry.name and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > STALE_SECONDS:
                        os.unlink(entry.path)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can fsync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_REASONS = {
    errno.EACCES: "permission denied (check the folder's permissions)",
    errno.EPERM: "permission denied (check the folder's permissions)",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full (free some space and try again)",
    errno.EDQUOT: "your disk quota is exceeded",
    errno.EFBIG: "the file is too large for this file system",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder; give a file name",
    errno.ELOOP: "too many levels of symbolic links",
}


def _output_error(path: Path, e: OSError) -> OutputError:
    reason = _REASONS.get(e.errno or 0, e.strerror or str(e))
    return OutputError(f"cannot write {path}: {reason}; nothing was written")


def lock_path(path: Path | str) -> Path:
    """Where the lock of `path` lives: argmap's cache folder, keyed by the file's real path."""
    import hashlib

    from .cache import cache_dir

    key = hashlib.blake2b(os.path.realpath(path).encode(), digest_size=12).hexdigest()
    return cache_dir() / "locks" / f"{key}.lock"


@contextlib.contextmanager
def locked(path: Path | str, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """An exclusive inter-process lock on `path`, held in argmap's cache folder (never beside the file).

    Waits up to `timeout` seconds for another argmap, then fails with an
    OutputError; whatever sits at the lock path (a FIFO, a folder) never hangs it.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; writes stay atomic
        yield
        return
    lock = lock_path(path)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as e:
        raise OutputError(f"cannot lock {path}: {lock}: {_REASONS.get(e.errno or 0, e.strerror)}; "
                          "remove whatever is there") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputError(f"cannot lock {path}: {lock} is not a regular file; remove it")
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OutputError(f"another argmap has been writing {path} for {timeout:.0f} s; "
                                      "try again when it is done") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
