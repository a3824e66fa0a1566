"""Writes respect the user's files, and OS errors are user errors (issue 12 items 5 and 6)."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from argmap.errors import ExitCode
from conftest import FIXTURES, MINI

DEBATE = FIXTURES / "interop" / "debate.argdown"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "claims"
    shutil.copytree(MINI, folder)
    return folder


@pytest.fixture
def umask_027():  # type: ignore[no-untyped-def]
    old = os.umask(0o027)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- modes ---------------------------------------------------------------------------

def test_new_files_honour_the_umask(cli, corpus: Path, tmp_path: Path, umask_027) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "smith.argdown"
    assert cli("export", "smith", "-c", corpus, "-o", out).exit_code == 0
    assert _mode(out) == 0o640  # 0666 & ~027, not mkstemp's 0600
    assert cli("new", "brown2022", "-c", corpus).exit_code == 0
    assert _mode(corpus / "brown2022.yaml") == 0o640
    fresh = tmp_path / "fresh"
    assert cli("import", DEBATE, "--id", "debate", "-c", fresh).exit_code == 0
    assert {p.name: _mode(p) for p in fresh.iterdir()} == {"corpus.yaml": 0o640, "debate.yaml": 0o640}


def test_a_replaced_file_keeps_its_mode(cli, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.html"
    out.write_text("old")
    out.chmod(0o604)
    assert cli("report", "-c", corpus, "-o", out).exit_code == 0
    assert _mode(out) == 0o604 and out.read_text().startswith("<!")
    links = corpus / "links.yaml"
    links.chmod(0o664)
    r = cli("link", "add", "smith2020#p2", "jones2021#p1", "-r", "agrees", "-m", "n", "-c", corpus)
    assert r.exit_code == 0, r.stderr
    assert _mode(links) == 0o664


# --- where -o writes -----------------------------------------------------------------

def test_o_onto_a_symlink_writes_through_it(cli, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    real = tmp_path / "real.dot"
    real.write_text("old")
    link = tmp_path / "link.dot"
    link.symlink_to(real)
    assert cli("export", "smith", "--to", "dot", "-c", corpus, "-o", link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("digraph")


def _device(folder: Path, name: str, minor: int) -> Path:
    """A private copy of /dev/null (minor 3) or /dev/full (minor 7): a regression that replaces the
    device with a file must break this test, never the machine's /dev/null."""
    path = folder / name
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("creating device nodes needs CAP_MKNOD")
    return path


def test_o_onto_a_device_writes_into_it(cli, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    null = _device(tmp_path, "null", 3)
    r = cli("export", "smith", "-c", corpus, "-o", null)
    assert r.exit_code == 0, r.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_o_onto_a_fifo_writes_into_it(cli, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    r = cli("export", "smith", "--to", "json", "-c", corpus, "-o", fifo)
    reader.join(timeout=10)
    assert r.exit_code == 0, r.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and got and got[0].startswith(b"{")


def test_o_dash_means_stdout(cli, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    r = cli("export", "smith", "--to", "dot", "-c", corpus, "-o", "-")
    assert r.exit_code == 0 and r.stdout.startswith("digraph")
    assert not (tmp_path / "-").exists()
    r = cli("report", "-c", corpus, "-o", "-")
    assert r.exit_code == 0 and r.stdout.startswith("<!")


# --- nothing left in the user's folders ------------------------------------------------

def test_no_lock_or_temp_file_is_left_beside_the_users_files(cli, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = sorted(p.name for p in corpus.iterdir())
    r = cli("link", "add", "smith2020#p2", "jones2021#p1", "-r", "agrees", "-m", "n", "-c", corpus)
    assert r.exit_code == 0, r.stderr
    assert cli("export", "--all", "-c", corpus, "-o", corpus / "all.argdown").exit_code == 0
    assert sorted(p.name for p in corpus.iterdir()) == sorted([*before, "all.argdown"])


def test_stale_temp_files_of_argmaps_naming_are_swept(cli, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stale = tmp_path / ".out.dot.argmap-k3j2x.tmp"
    fresh = tmp_path / ".out.dot.argmap-a1b2c.tmp"  # maybe another argmap writing right now: kept
    mine = tmp_path / ".notes.tmp"  # not argmap's: never touched
    for p in (stale, fresh, mine):
        p.write_text("x")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    os.utime(mine, (time.time() - 7200, time.time() - 7200))
    assert cli("export", "smith", "--to", "dot", "-c", corpus, "-o", tmp_path / "out.dot").exit_code == 0
    assert not stale.exists() and fresh.exists() and mine.exists()


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_something_odd_at_the_lock_path_never_hangs(corpus: Path, kind: str) -> None:
    from argmap.atomic import lock_path

    lock = lock_path(corpus / "links.yaml")
    lock.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(lock) if kind == "fifo" else lock.mkdir()
    proc = subprocess.run([sys.executable, "-m", "argmap", "link", "add", "smith2020#p2", "jones2021#p1",
                           "-r", "agrees", "-m", "n", "-c", str(corpus)], capture_output=True, text=True, timeout=30)
    assert proc.returncode == ExitCode.CANT_WRITE, proc.stderr
    assert "cannot lock" in proc.stderr and str(lock) in proc.stderr


def test_a_held_lock_is_waited_on_then_reported(corpus: Path) -> None:
    from argmap.atomic import locked
    from argmap.errors import OutputError

    with locked(corpus / "links.yaml"):
        start = time.monotonic()
        with pytest.raises(OutputError, match="another argmap"):
            with locked(corpus / "links.yaml", timeout=0.3):
                pass
        assert time.monotonic() - start < 5


def test_parallel_new_into_a_fresh_folder(tmp_path: Path) -> None:
    for round_ in range(4):
        fresh = tmp_path / f"fresh{round_}"
        procs = [subprocess.Popen([sys.executable, "-m", "argmap", "new", f"p{i}", "-c", str(fresh)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(3)]
        results = [(p.wait(timeout=60), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
        assert [code for code, _ in results] == [0, 0, 0], results
        assert sorted(p.name for p in fresh.iterdir()) == ["corpus.yaml", "p0.yaml", "p1.yaml", "p2.yaml"]


# --- import and new write nothing the loader would refuse ----------------------------

def test_import_refuses_a_map_that_would_not_validate(cli, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "tagged.argdown"
    source.write_text("[Ban]: Cities should ban cars. {tags: [no_such_tag], lean: {alignment: 9}}\n"
                      "  + [Air]: Cleaner air. {tags: [economy]}\n", encoding="utf-8")
    r = cli("import", source, "--id", "tagged", "-c", corpus)
    assert r.exit_code == ExitCode.INPUT, r.stdout + r.stderr
    assert "'9' is not a value of axis 'alignment'" in r.stderr
    assert "no_such_tag" not in r.stderr  # an unknown tag is left out with a warning, never a reason to refuse
    assert not (corpus / "tagged.yaml").exists()
    assert cli("validate", corpus).exit_code == 0  # the corpus is as it was


def test_import_refuses_a_map_over_the_size_limit(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("import", DEBATE, "--id", "debate", "-c", corpus, env={"ARGMAP_MAX_BYTES": "1000"})  # the source has 727 bytes, the map 1132
    assert r.exit_code == ExitCode.INPUT, r.stdout + r.stderr
    assert "over the loader's limit of 1000" in r.stderr
    assert not (corpus / "debate.yaml").exists()


def test_what_new_and_import_write_validates(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fresh = tmp_path / "fresh"
    assert cli("new", "smith2030", "-c", fresh).exit_code == 0
    assert cli("import", DEBATE, "--id", "debate", "-c", fresh).exit_code == 0
    r = cli("validate", fresh)
    assert r.exit_code == 0, r.stdout


def test_a_refused_import_into_a_fresh_folder_creates_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "bad.argdown"
    source.write_text("[Ban]: Cities should ban cars. {lean: {alignment: 9}}\n", encoding="utf-8")
    fresh = tmp_path / "fresh"
    assert cli("import", source, "--id", "bad", "-c", fresh).exit_code == ExitCode.INPUT
    assert not fresh.exists()


# --- OS errors are user errors ---------------------------------------------------------

def test_o_onto_a_folder(cli, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("export", "smith", "-c", corpus, "-o", tmp_path)
    assert r.exit_code == ExitCode.CANT_WRITE
    assert "it is a folder; give a file name" in r.stderr and "Traceback" not in r.stderr


def test_o_into_a_missing_folder(cli, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("export", "smith", "-c", corpus, "-o", tmp_path / "nope" / "x.argdown")
    assert r.exit_code == ExitCode.CANT_WRITE
    assert "does not exist; create it first" in r.stderr
    assert not (tmp_path / "nope").exists()


def test_a_full_disk(cli, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    full = _device(tmp_path, "full", 7)  # every write to /dev/full fails with ENOSPC
    r = cli("export", "smith", "-c", corpus, "-o", full)
    assert r.exit_code == ExitCode.CANT_WRITE
    assert "the disk is full" in r.stderr and "nothing was written" in r.stderr


def test_a_file_too_large(corpus: Path, tmp_path: Path) -> None:
    import resource
    import signal

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))

    out = tmp_path / "all.json"
    proc = subprocess.run([sys.executable, "-m", "argmap", "export", "--all", "--to", "json", "-c", str(corpus),
                           "-o", str(out)], capture_output=True, text=True, timeout=60, preexec_fn=small_files)
    assert proc.returncode == ExitCode.CANT_WRITE, proc.stderr
    assert "too large for this file system" in proc.stderr
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("code, words", [(errno.EROFS, "read-only"), (errno.EACCES, "permission denied")])
def test_a_read_only_folder(cli, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                            code: int, words: str) -> None:
    import tempfile

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # as root, chmod cannot make a folder read-only
    r = cli("new", "brown2022", "-c", corpus)
    assert r.exit_code == ExitCode.CANT_WRITE
    assert words in r.stderr and "Traceback" not in r.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_really_read_only_folder(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    corpus.chmod(0o555)
    try:
        r = cli("new", "brown2022", "-c", corpus)
    finally:
        corpus.chmod(0o755)
    assert r.exit_code == ExitCode.CANT_WRITE and "permission denied" in r.stderr


def test_list_never_says_nothing_was_written(cli, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    (corpus / "axes.yaml").write_text("axes: [\n", encoding="utf-8")
    r = cli("list", "-c", corpus)
    assert r.exit_code == ExitCode.INPUT and "nothing was written" not in r.stderr


def test_a_graphviz_failure_is_not_invalid_input(cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess as sp

    from argmap import picture

    monkeypatch.setattr(picture.shutil, "which", lambda name: "/usr/bin/dot")
    monkeypatch.setattr(picture.subprocess, "run",
                        lambda *a, **k: sp.CompletedProcess(a, 1, b"", b"Error: syntax error in line 1"))
    r = cli("tree", "smith", "--to", "svg", "-o", tmp_path / "t.svg", "-c", MINI)
    assert r.exit_code == ExitCode.UNAVAILABLE
    assert "Graphviz could not draw" in r.stderr and "invalid input" not in r.stderr
    monkeypatch.setattr(picture.shutil, "which", lambda name: None)
    r = cli("tree", "smith", "--to", "svg", "-o", tmp_path / "t.svg", "-c", MINI)
    assert r.exit_code == ExitCode.UNAVAILABLE and "apt install graphviz" in r.stderr
