"""validate's verdict in the index cache: reused for an unchanged corpus, never for a changed one."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Callable

import pytest

from argmap.cache import cache_dir
from argmap.load import validate_paths
from conftest import MINI


def age(root: Path, seconds: float = 3600) -> None:
    """Every file under `root` written an hour ago: a fresh file's stat is never trusted, and no verdict
    is stored while one is."""
    for path in root.rglob("*"):
        if path.is_file():
            old = path.stat().st_mtime - seconds
            os.utime(path, (old, old))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.fixture
def top(tmp_path: Path) -> Path:
    """A corpus of one map (lee2022) and a decisions.yaml, built on a copy of the mini corpus."""
    shutil.copytree(MINI, tmp_path / "base")
    alt = tmp_path / "alt"  # another base: the mini corpus without jones2021 and the links
    shutil.copytree(MINI, alt)
    (alt / "jones2021.yaml").unlink()
    (alt / "links.yaml").unlink()
    top = tmp_path / "top"
    top.mkdir()
    (top / "corpus.yaml").write_text("builds_on: [../base]\n")
    (top / "lee2022.yaml").write_text((MINI / "smith2020.yaml").read_text().replace("id: smith2020", "id: lee2022"))
    (top / "decisions.yaml").write_text("unrelated:\n  - a: lee2022#p1\n    b: jones2021#p2\n")
    age(tmp_path)
    return top


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """One entry each time a corpus is really checked (an answer from the cache checks none)."""
    import argmap.corpus

    calls: list[object] = []
    real = argmap.corpus.check_layers

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(argmap.corpus, "check_layers", counting)
    return calls


def stored(cli, *args: object) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    result = cli("validate", *args)
    return result.exit_code, result.stdout


def fresh(cli, *args: object) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    result = cli("--no-cache", "validate", *args)
    return result.exit_code, result.stdout


def test_an_unchanged_corpus_is_answered_without_checking_it(top: Path, cli, checks: list[object]) -> None:  # type: ignore[no-untyped-def]
    first = stored(cli, top)
    assert first == (0, "ok: 1 papers, 5 claims, 0 links, 3 axes\n") and checks
    checks.clear()
    assert stored(cli, top) == first and stored(cli, "-c", top) == fresh(cli, "-c", top)
    assert stored(cli, "-c", top) == (0, "ok: 3 papers, 18 claims, 2 links, 3 axes\n")
    checks.clear()
    assert stored(cli, "-c", top)[1] == "ok: 3 papers, 18 claims, 2 links, 3 axes\n" and checks == []


def rename(path: Path, new: str) -> None:
    path.rename(path.with_name(new))


EDITS: dict[str, Callable[[Path], object]] = {
    "a map": lambda top: edit(top / "lee2022.yaml", "value: soft", "value: sfot"),
    "axes.yaml": lambda top: edit(top.parent / "base" / "axes.yaml", "[realism, liberalism]", "[idealism, liberalism]"),
    "links.yaml": lambda top: edit(top.parent / "base" / "links.yaml", "jones2021#p1", "jones2021#p8"),
    "decisions.yaml": lambda top: edit(top / "decisions.yaml", "jones2021#p2", "jones2021#p9"),
    "corpus.yaml": lambda top: edit(top / "corpus.yaml", "../base", "../alt"),
    "a map in a lower layer": lambda top: edit(top.parent / "base" / "jones2021.yaml", "value: hard", "value: hrad"),
    "a map added": lambda top: shutil.copy(MINI / "smith2020.yaml", top / "smith2023.yaml"),  # a clash of ids, too
    "a map deleted": lambda top: (top.parent / "base" / "jones2021.yaml").unlink(),
    "a map renamed": lambda top: rename(top / "lee2022.yaml", "lee2023.yaml"),
}


@pytest.mark.parametrize("change", EDITS.values(), ids=EDITS.keys())
@pytest.mark.parametrize("asked", [("top",), ("-c", "top")], ids=["folder", "corpus"])
def test_any_change_is_checked_afresh(top: Path, cli, checks: list[object], change: Callable[[Path], object],  # type: ignore[no-untyped-def]
                                      asked: tuple[str, ...]) -> None:
    args = [top if a == "top" else a for a in asked]
    before = stored(cli, *args)
    assert stored(cli, *args) == before  # stored
    change(top)
    age(top.parent)  # the edited files look old too: nothing but their content tells
    checks.clear()
    after = stored(cli, *args)
    assert checks and after == fresh(cli, *args) and after != before
    checks.clear()
    assert stored(cli, *args) == after and checks == []  # the new answer is stored in its turn


def test_a_broken_corpus_gets_the_same_verdict_in_every_format(top: Path, cli, checks: list[object]) -> None:  # type: ignore[no-untyped-def]
    edit(top.parent / "base" / "jones2021.yaml", "value: hard", "value: hrad")
    age(top.parent)
    formats = [("plain",), ("json",), ("rich",)]
    first = {fmt: stored(cli, "-c", top, "-f", *fmt) for fmt in formats}
    checks.clear()
    for fmt in formats:
        assert stored(cli, "-c", top, "-f", *fmt) == first[fmt] == fresh(cli, "-c", top, "-f", *fmt)
    for fmt in formats:
        assert stored(cli, "-c", top, "-f", *fmt) == first[fmt]
    assert len(checks) == len(formats)  # the --no-cache runs only
    code, out = first[("plain",)]
    assert code == 1 and "base/jones2021.yaml:" in out and ": 'hrad' is not a value of axis 'balancing'" in out
    assert out.endswith("3 problems found\n")  # and the links and decisions into jones2021
    problem = json.loads(first[("json",)][1])["problems"][0]
    assert (problem["line"], problem["column"]) == (60, 29) and out.count(":60:29: ") == 1


def test_no_cache_and_argmap_no_cache_check_afresh(top: Path, cli, checks: list[object],  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    stored(cli, top)
    checks.clear()
    assert fresh(cli, top) == stored(cli, top) and len(checks) == 1
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    assert stored(cli, top)[0] == 0 and validate_paths([top])["ok"] and len(checks) == 3
    monkeypatch.delenv("ARGMAP_NO_CACHE")
    assert validate_paths([top], use_cache=False)["ok"] and len(checks) == 4
    assert validate_paths([top])["ok"] and len(checks) == 4


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_cache_gives_a_fresh_answer(top: Path, cli, checks: list[object], damage: str) -> None:  # type: ignore[no-untyped-def]
    edit(top / "lee2022.yaml", "value: soft", "value: sfot")
    age(top.parent)
    first = stored(cli, "-c", top)
    db = cache_dir() / "index.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file, then damage it
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    raw = db.read_bytes()
    db.write_bytes(b"not a database" * 100 if damage == "garbage" else raw[:len(raw) // 2])
    checks.clear()
    result = cli("validate", "-c", top)
    assert (result.exit_code, result.stdout) == first and result.stderr == "" and first[0] == 1
    assert checks  # checked afresh


def test_a_tampered_verdict_is_not_believed(top: Path, cli) -> None:  # type: ignore[no-untyped-def]
    edit(top / "lee2022.yaml", "value: soft", "value: sfot")
    age(top.parent)
    first = stored(cli, top)
    assert first[0] == 1
    with sqlite3.connect(cache_dir() / "index.sqlite") as db:
        (data,) = db.execute("SELECT data FROM verdicts").fetchone()
        forged = '{"ok":true,"count":0,"problems":[],"stats":{"papers":1,"claims":5,"links":0,"axes":0}}'
        assert data != forged
        db.execute("UPDATE verdicts SET data = ?", (forged,))
    assert stored(cli, top) == first


def test_a_touched_file_is_hashed_once_and_still_answered_from_the_cache(top: Path, checks: list[object],
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap import verdict

    first = validate_paths([top])
    path = top / "lee2022.yaml"
    old = path.stat().st_mtime + 10
    os.utime(path, (old, old))  # the same content, another stat (and still old enough to be trusted)
    read: list[str] = []
    real = verdict._read
    monkeypatch.setattr(verdict, "_read", lambda p: read.append(Path(p).name) or real(p))
    checks.clear()
    assert validate_paths([top]) == first and checks == []
    assert "lee2022.yaml" in read
    read.clear()
    assert validate_paths([top]) == first and checks == [] and "lee2022.yaml" not in read  # its new stat is known


def test_an_edit_that_keeps_size_and_mtime_is_seen(top: Path) -> None:
    assert validate_paths([top])["ok"] and validate_paths([top])["ok"]
    path = top / "lee2022.yaml"
    st = path.stat()
    edit(path, "value: soft", "value: sfot")  # same length
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the mtime put back: the ctime still tells
    found = validate_paths([top])
    assert not found["ok"] and "'sfot' is not a value" in found["problems"][0]["message"]


def test_the_working_directory_and_the_limits_are_part_of_the_question(top: Path, cli,  # type: ignore[no-untyped-def]
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    base = (top.parent / "base").resolve()  # one folder, no manifest: the same question from anywhere
    edit(base / "smith2020.yaml", "value: soft", "value: sfot")
    age(base)
    monkeypatch.chdir(base.parent)
    here = stored(cli, base)
    assert here[1].startswith("base/smith2020.yaml:")  # problems name files relative to the working directory
    monkeypatch.chdir(base)
    there = stored(cli, base)
    assert there == fresh(cli, base) and there[1].startswith("smith2020.yaml:")
    monkeypatch.setenv("ARGMAP_MAX_CLAIMS", "4")  # smith2020 has 5
    limited = stored(cli, base)
    assert limited == fresh(cli, base) and "over the limit of 4" in limited[1]


def test_no_verdict_is_stored_while_a_file_is_too_fresh_to_trust(top: Path, checks: list[object]) -> None:
    (top / "lee2022.yaml").touch()  # written now: a second edit in this clock tick could keep its stat
    validate_paths([top])
    checks.clear()
    validate_paths([top])
    assert checks  # checked again
    age(top.parent)
    validate_paths([top])
    checks.clear()
    validate_paths([top])
    assert checks == []


def test_a_map_linked_elsewhere_is_known_by_its_target(top: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    broken = (top / "lee2022.yaml").read_text().replace("value: soft", "value: sfot")
    for name in ("a", "b"):  # the same text in two places outside the corpus
        (tmp_path / name).mkdir()
        (tmp_path / name / "lee2022.yaml").write_text(broken)
    link = top / "lee2022.yaml"
    link.unlink()
    link.symlink_to(tmp_path / "a" / "lee2022.yaml")
    age(tmp_path)
    assert f"links to {os.path.realpath(tmp_path / 'a')}" in stored(cli, top)[1]
    link.unlink()
    link.symlink_to(tmp_path / "b" / "lee2022.yaml")
    age(tmp_path)
    assert stored(cli, top) == fresh(cli, top) and f"links to {os.path.realpath(tmp_path / 'b')}" in stored(cli, top)[1]


def test_one_file_asked_about_is_answered_afresh_after_an_edit(top: Path, cli, checks: list[object]) -> None:  # type: ignore[no-untyped-def]
    path = top / "lee2022.yaml"
    assert stored(cli, path) == stored(cli, path) == (0, "ok: 1 papers, 5 claims, 0 links, 0 axes\n")
    edit(path, "value: soft", "value: sfot")
    age(top.parent)
    assert stored(cli, path) == fresh(cli, path) and stored(cli, path)[0] == 1
    edit(top.parent / "base" / "axes.yaml", "[realism, liberalism]", "[idealism, liberalism]")
    age(top.parent)
    checks.clear()
    found = stored(cli, path)
    assert checks and found == fresh(cli, path) and "'realism' is not a value of axis 'lens'" in found[1]
