"""Hostile input: no file can crash argmap, hang it, run code or hide the valid files.

Each case builds a corpus of the mini fixture plus one hostile file and runs
`python -m argmap validate` and `list` in a fresh process, measuring CPU time
and peak memory of that process alone (os.wait4, from bench/bounds.py's
launcher). CPU time, not wall time: a loaded machine must not fail the test.
A blow-up still does, by the bound and, for inputs that have a size, by the
growth of the work from n to 2n.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from argmap.load import check_corpus
from conftest import FIXTURES, MINI, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from bounds import Run, least, linear, run_argmap  # noqa: E402

BAD = FIXTURES / "bad"
MAX_CPU_SECONDS = 2.0  # CPU time of the validate process
TRIES = 3  # a cost is the least CPU time of up to this many runs (bounds.least)
MAX_RSS_MB = 200


def _write(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path
    return make


def _copy(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        return Path(shutil.copy(BAD / name, folder / name))
    return make


def _symlink_loop(folder: Path) -> Path:
    os.symlink("loop.yaml", folder / "loop.yaml")
    return folder / "loop.yaml"


def _directory(folder: Path) -> Path:
    (folder / "x.yaml").mkdir()
    return folder / "x.yaml"


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.yaml")  # reading it would block forever
    return folder / "pipe.yaml"


def _huge(folder: Path) -> Path:
    path = folder / "huge.yaml"
    with open(path, "wb") as f:
        f.write(b"id: huge\ntitle: " + b"a" * (50 * 1024 * 1024) + b"\n")
    return path


def _unreadable(folder: Path) -> Path:
    path = _write("locked.yaml", "id: locked\n")(folder)
    path.chmod(0)
    return path


# name -> (make the file, expected message fragment, has a line:col position)
CASES: dict[str, tuple[Callable[[Path], Path], str, bool]] = {
    "syntax error": (_copy("syntax_error.yaml"), "this '[' list is never closed", True),
    "python object tag": (_copy("python_tag.yaml"), "tag '!!python/object/apply:os.system' is not allowed", True),
    "custom tag": (_write("tag.yaml", "id: !shell rm -rf /\n"), "tag '!shell' is not allowed", True),
    "billion laughs": (_copy("alias_bomb.yaml"), "more than 100 alias uses", True),
    "self-referencing alias": (_write("selfref.yaml", "id: selfref\ntitle: &a [*a]\n"),
                               "alias refers to itself", True),
    "nesting 500 deep": (_copy("deep.yaml"), "nesting deeper than 64 levels", True),
    "nesting 5000 deep": (_write("deeper.yaml", "x: " + "[" * 5000 + "]" * 5000 + "\n"), "nesting depth", True),
    "duplicate keys": (_copy("duplicate_key.yaml"), "duplicate key 'title'", True),
    "binary garbage": (_write("garbage.yaml", bytes(range(256)) * 40), "invalid UTF-8 byte 0x80", True),
    "empty file": (_write("empty.yaml", ""), "file is empty", True),
    "50 MB file": (_huge, "over the limit of", False),
    "invalid UTF-8": (_copy("bad_utf8.yaml"), "invalid UTF-8 byte 0xe9", True),
    "tabs": (_write("tabs.yaml", "id: tabs\nthesis:\n\tid: t\n"), "YAML does not allow tabs", True),
    "symlink loop": (_symlink_loop, "cannot read", False),
    "directory named x.yaml": (_directory, "cannot read: is a directory", False),
    "FIFO named pipe.yaml": (_fifo, "not a regular file", False),
    "unreadable file": (_unreadable, "cannot read: Permission denied", False),
    "unknown claim": (_copy("bad_reference.yaml"), "unknown claim 'p2'", True),
    "unknown axis": (_copy("unknown_axis.yaml"), "unknown axis 'alignmnt'", True),
    "unknown value": (_copy("bad_value.yaml"), "'hrd' is not a value", True),
    "unknown paper in link": (_write("links.yaml", "links:\n  - {a: ghost#t, b: smith2020#t, relation: agrees, note: n}\n"),
                              "unknown paper 'ghost'", True),
    "merge key": (_write("merge.yaml", "id: merge\nbase: &b {title: T}\nother:\n  <<: *b\n"),
                  "merge keys ('<<') are not supported", True),
}


def run(args: list[str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one argmap process (its cost: bounds.run_argmap)."""
    proc = subprocess.Popen([sys.executable, "-m", "argmap", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "200"})
    try:
        out, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"argmap {' '.join(args)} hung")
    return proc.returncode, out.decode(), err.decode()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("axes.yaml", "smith2020.yaml", "jones2021.yaml"):
        shutil.copy(MINI / name, folder)
    return folder


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file(case: str, corpus: Path) -> None:
    make, fragment, positioned = CASES[case]
    if case == "unreadable file" and os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading the file")
    bad = make(corpus)

    code, out, err = run(["validate", str(corpus)])
    assert code == 1, err
    assert "Traceback" not in out + err and fragment in out  # validate answers on stdout
    lines = [line for line in out.splitlines() if bad.name in line]
    assert lines, out
    if positioned:
        assert any(line.split(bad.name + ":", 1)[1][:1].isdigit() for line in lines), lines  # name:line:col
    assert "smith2020.yaml" not in out  # the valid files beside it are clean ...
    corpus_obj, _ = check_corpus(corpus)
    if bad.name != "links.yaml":
        assert corpus_obj is not None and {"smith2020", "jones2021"} <= set(corpus_obj.papers)  # ... and still load

    code, out, err = run(["list", "--corpus", str(corpus), "--format", "plain"])
    assert code == 0 and "Traceback" not in err  # ... and every other command still answers,
    assert [line.split()[0] for line in out.splitlines()[1:3]] == ["smith2020", "jones2021"]
    assert len(err.splitlines()) == 1 and bad.name in err  # with one line naming the broken file

    measured = run_argmap(["validate", str(corpus)], timeout=60)
    assert measured.code == 1
    assert measured.cpu < MAX_CPU_SECONDS, f"{case}: {measured.cpu:.2f} s CPU"
    assert measured.rss_mb < MAX_RSS_MB, f"{case}: {measured.rss_mb:.0f} MB"


# Hostile files of n bytes, and the n to try (then 2n): validating 2n costs about twice n, never four times.
SIZED: dict[str, tuple[Callable[[int], bytes], int]] = {
    "nesting n deep": (lambda n: b"x: " + b"[" * (n // 2) + b"]" * (n // 2) + b"\n", 1_000_000),
    "n bytes of garbage": (lambda n: bytes(range(256)) * (n // 256), 1_000_000),
    "a file n bytes over the limit": (lambda n: b"id: huge\ntitle: " + b"a" * (4 * 1024 * 1024 + n) + b"\n",
                                      1_000_000),
    "n bytes of tabs": (lambda n: b"id: tabs\nthesis:\n" + b"\tid: t\n" * (n // 8), 1_000_000),
    "an unclosed list of n bytes": (lambda n: b"id: open\ntitle: [" + b"a, " * (n // 3) + b"\n", 1_000_000),
    "unknown keys in n bytes": (lambda n: b"id: keys\n" + b"".join(b"k%d: v\n" % i for i in range(n // 10)),
                                100_000),  # a problem each: printing 10k of them is most of the work
}


@pytest.mark.parametrize("name", sorted(SIZED))
def test_hostile_file_work_grows_linearly(name: str, corpus: Path) -> None:
    make, size = SIZED[name]
    start_up = least(lambda: (run_argmap(["validate", str(corpus)], timeout=60),), TRIES)[0]  # the valid corpus

    def at(n: int) -> Run:
        (corpus / "sized.yaml").write_bytes(make(n))
        measured = run_argmap(["validate", str(corpus)], timeout=60)
        assert measured.code == 1, measured.stderr
        return measured

    small, large = least(lambda: (at(size), at(2 * size)), TRIES,
                         lambda s, l: max(s.cpu, l.cpu) < MAX_CPU_SECONDS and linear(s, l, start_up.cpu))
    for n, run in ((size, small), (2 * size, large)):
        assert run.cpu < MAX_CPU_SECONDS, f"{name}, n={n}: {run.cpu:.2f} s CPU"
    assert linear(small, large, start_up.cpu), \
        f"{name}: work {small.cpu - start_up.cpu:.2f} s -> {large.cpu - start_up.cpu:.2f} s"


def test_bom_and_crlf_are_accepted(corpus: Path) -> None:
    text = (MINI / "smith2020.yaml").read_text(encoding="utf-8")
    (corpus / "smith2020.yaml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    code, out, err = run(["validate", str(corpus)])
    assert code == 0, err


def test_link_cycle_loads_and_terminates(corpus: Path) -> None:
    (corpus / "links.yaml").write_text(
        "links:\n"
        "  - {a: smith2020#t, b: jones2021#t, relation: contradicts, note: n}\n"
        "  - {a: jones2021#p1, b: smith2020#c1, relation: agrees, note: n}\n"
        "  - {a: smith2020#c1, b: jones2021#t, relation: refines, note: n}\n", encoding="utf-8")
    measured = run_argmap(["validate", str(corpus)], timeout=60)
    assert measured.code == 0, measured.stderr
    assert measured.cpu < MAX_CPU_SECONDS


def test_debug_shows_the_traceback(corpus: Path) -> None:
    (corpus / "axes.yaml").write_text("axes: [\n", encoding="utf-8")  # no command can do without axes.yaml
    code, _, err = run(["--debug", "list", "--corpus", str(corpus)])
    assert code != 0 and "Traceback" in err and "InputError" in err


def test_closed_stdout_pipe_exits_quietly() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "argmap", "tree", "smith", "--quotes", "--corpus", str(MINI)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before argmap writes a byte (like `| head -0`)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=20) == 0
    assert err == ""


def test_keyboard_interrupt_is_one_line_and_130(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import argmap.views

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(argmap.views, "list_papers", interrupted)
    r = cli("list", "-c", MINI)
    assert r.exit_code == 130
    assert r.stderr == "argmap: interrupted\n"
