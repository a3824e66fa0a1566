"""The index cache: warm loads equal cold ones, edits are seen, corruption is survived."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from argmap.cache import cache_dir
from argmap.load import check_corpus, load_corpus
from conftest import MINI


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "c")
    return tmp_path / "c"


def db_rows(folder: Path) -> int:
    with sqlite3.connect(cache_dir() / "index.sqlite") as db:
        return db.execute("SELECT count(*) FROM files WHERE folder = ?", (str(folder.resolve()),)).fetchone()[0]


def test_cache_lives_in_xdg_cache_home_and_round_trips(corpus: Path) -> None:
    cold = load_corpus(corpus, use_cache=False)
    first = load_corpus(corpus)  # fills
    assert db_rows(corpus) == 4  # axes.yaml, two papers, links.yaml
    warm = load_corpus(corpus)
    assert warm.papers == cold.papers == first.papers
    assert warm.links == cold.links
    assert str(cache_dir()).startswith(os.environ["XDG_CACHE_HOME"])


def test_an_edit_is_never_served_stale(corpus: Path) -> None:
    load_corpus(corpus)
    path = corpus / "smith2020.yaml"
    stat = path.stat()
    text = path.read_text().replace("An example paper", "An edited paperr")  # same length
    path.write_text(text)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with size and mtime unchanged
    assert load_corpus(corpus).papers["smith2020"].title == "An edited paperr"


def test_an_edit_that_breaks_a_file_is_reported(corpus: Path) -> None:
    load_corpus(corpus)
    path = corpus / "jones2021.yaml"
    path.write_text(path.read_text().replace("value: hard", "value: hrad"))
    _, problems = check_corpus(corpus)
    assert [p.message for p in problems] == ["'hrad' is not a value of axis 'balancing'"]


def test_axes_change_revalidates_cached_papers(corpus: Path) -> None:
    load_corpus(corpus)
    axes = corpus / "axes.yaml"
    axes.write_text(axes.read_text().replace("values: [soft, mixed, hard]", "values: [soft, mixed, coercive]"))
    _, problems = check_corpus(corpus)
    assert any("'hard' is not a value of axis 'balancing'" in p.message for p in problems)


def test_links_revalidated_when_a_paper_changes(corpus: Path) -> None:
    load_corpus(corpus)
    path = corpus / "jones2021.yaml"
    path.write_text(path.read_text().replace("id: p1\n", "id: p9\n").replace("evidence: [t, p1]", "evidence: [t, p9]"))
    _, problems = check_corpus(corpus)
    assert [p.message for p in problems] == ["unknown claim 'jones2021#p1' in link"]


def test_corrupt_cache_is_rebuilt_silently(corpus: Path) -> None:
    load_corpus(corpus)
    db = cache_dir() / "index.sqlite"
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    assert set(load_corpus(corpus).papers) == {"smith2020", "jones2021"}
    assert db_rows(corpus) == 4


def test_no_cache_writes_nothing(corpus: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("--no-cache", "list", "-c", corpus).exit_code == 0
    assert not (cache_dir() / "index.sqlite").exists()
    assert cli("list", "-c", corpus).exit_code == 0
    assert (cache_dir() / "index.sqlite").exists()


def test_unwritable_cache_dir_is_not_an_error(corpus: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    assert set(load_corpus(corpus).papers) == {"smith2020", "jones2021"}


def test_search_strings_come_from_the_cache_and_follow_edits(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap import search

    first = search.ClaimIndex(load_corpus(corpus))  # computes and stores the normalised strings
    calls: list[str] = []
    real = search._paper_strings

    def counting(paper):  # type: ignore[no-untyped-def]
        calls.append(paper.id)
        return real(paper)

    monkeypatch.setattr(search, "_paper_strings", counting)
    again = search.ClaimIndex(load_corpus(corpus))
    assert calls == [] and again.choices == first.choices  # warm: nothing normalised again

    path = corpus / "jones2021.yaml"
    path.write_text(path.read_text().replace("Trade has grown a lot.", "Commerce boomed."))
    edited = search.ClaimIndex(load_corpus(corpus))
    assert calls == ["jones2021"]  # only the edited paper
    assert any("commerce boomed" in c for c in edited.choices)
    assert search.ClaimIndex(load_corpus(corpus, use_cache=False), use_cache=False).choices == edited.choices
