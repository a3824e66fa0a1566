"""The index cache: warm loads equal cold ones, edits are seen, corruption is survived."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
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
    assert [p.message for p in problems] == ["'hrad' is not a value of axis 'balancing' "
                                             "(5 values, low to high: soft, mostly_soft, mixed, mostly_hard, hard)",
                                             "2 links into jones2021 not checked: that map failed to load"]


def test_axes_change_revalidates_cached_papers(corpus: Path) -> None:
    load_corpus(corpus)
    axes = corpus / "axes.yaml"
    axes.write_text(axes.read_text().replace("values: [soft, mostly_soft, mixed, mostly_hard, hard]", "values: [soft, mostly_soft, mixed, mostly_hard, coercive]"))
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


def age(folder: Path, seconds: float = 3600) -> None:
    """Make every file look written an hour ago (a fresh file is never trusted by its stat alone)."""
    for path in folder.iterdir():
        old = path.stat().st_mtime - seconds
        os.utime(path, (old, old))


def test_a_tampered_row_is_detected_dropped_and_rebuilt(corpus: Path) -> None:
    load_corpus(corpus)
    with sqlite3.connect(cache_dir() / "index.sqlite") as db:
        (data,) = db.execute("SELECT data FROM files WHERE name = 'smith2020.yaml'").fetchone()
        assert "An example paper" in data
        db.execute("UPDATE files SET data = ? WHERE name = 'smith2020.yaml'",
                   (data.replace("An example paper", "A forged title"),))
    assert load_corpus(corpus).papers["smith2020"].title.startswith("An example paper")
    with sqlite3.connect(cache_dir() / "index.sqlite") as db:  # rebuilt from the file, so good again
        (data,) = db.execute("SELECT data FROM files WHERE name = 'smith2020.yaml'").fetchone()
    assert "A forged title" not in data and "An example paper" in data


def test_a_row_that_does_not_decode_never_needs_the_cache_deleted(corpus: Path) -> None:
    from argmap.cache import digest

    load_corpus(corpus)
    with sqlite3.connect(cache_dir() / "index.sqlite") as db:
        dig, ctx = db.execute("SELECT digest, context FROM files WHERE name = 'jones2021.yaml'").fetchone()
        bad = '["not", "a paper"]'  # with a valid checksum: the decoder itself must refuse it
        db.execute("UPDATE files SET data = ?, checksum = ? WHERE name = 'jones2021.yaml'",
                   (bad, digest(dig.encode(), ctx.encode(), bad.encode())))
    assert load_corpus(corpus).papers["jones2021"].id == "jones2021"
    assert load_corpus(corpus).papers["jones2021"] == load_corpus(corpus, use_cache=False).papers["jones2021"]


def test_the_limits_in_force_are_part_of_the_key(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert check_corpus(corpus)[1] == []  # cached under the default limits
    monkeypatch.setenv("ARGMAP_MAX_CLAIMS", "6")  # smith2020 has 5 claims, jones2021 8
    assert [p.message for p in check_corpus(corpus)[1]] == ["jones2021 has 8 claims, over the limit of 6",
                                                             "2 links into jones2021 not checked: that map failed to load"]


def test_a_locked_cache_is_waited_on_then_bypassed_never_deleted(corpus: Path) -> None:
    import time

    load_corpus(corpus)
    path = cache_dir() / "index.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a write
    try:
        (corpus / "smith2020.yaml").write_text((corpus / "smith2020.yaml").read_text().replace(
            "An example paper", "An edited paper"))
        start = time.monotonic()
        assert load_corpus(corpus).papers["smith2020"].title.startswith("An edited paper")
        assert time.monotonic() - start < 5
    finally:
        holder.rollback()
        holder.close()
    assert path.exists() and db_rows(corpus) == 4  # kept, rows and all


def test_unchanged_files_are_checked_by_stat_alone(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.load import Source

    age(corpus)
    load_corpus(corpus)
    read: list[str] = []
    real = Source.read_raw

    def counting(self):  # type: ignore[no-untyped-def]
        read.append(self.path.name)
        return real(self)

    monkeypatch.setattr(Source, "read_raw", counting)
    load_corpus(corpus)
    assert read == []
    path = corpus / "jones2021.yaml"
    path.write_text(path.read_text().replace("Trade has grown a lot.", "Commerce boomed."))
    assert "Commerce boomed." in str(load_corpus(corpus).papers["jones2021"])
    assert read == ["jones2021.yaml", "links.yaml"]  # the changed file, and the links checked against it


def test_a_file_written_just_now_is_not_trusted_by_its_stat(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.load import Source

    path = corpus / "smith2020.yaml"
    path.write_text(path.read_text())  # written now: a second edit in the same clock tick could keep its stat
    soon = time.time() + 60  # "now" however slow this machine is (and a clock ahead is no more trusted)
    os.utime(path, (soon, soon))
    load_corpus(corpus)
    read: list[str] = []
    real = Source.read_raw
    monkeypatch.setattr(Source, "read_raw", lambda self: read.append(self.path.name) or real(self))
    load_corpus(corpus)
    assert read == ["smith2020.yaml"]


def test_a_model_field_change_is_a_new_layout_never_a_shifted_row(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from argmap import cache, model

    load_corpus(corpus)
    before = cache.layout_version()

    @dataclasses.dataclass
    class Extra:  # a model dataclass gaining a field changes the layout
        new_field: int = 0

    monkeypatch.setattr(model, "Extra", Extra, raising=False)
    cache.layout_version.cache_clear()
    try:
        assert cache.layout_version() != before
        assert load_corpus(corpus).papers["smith2020"] == load_corpus(corpus, use_cache=False).papers["smith2020"]
        with sqlite3.connect(cache_dir() / "index.sqlite") as db:
            assert db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0] == cache.layout_version()
    finally:
        monkeypatch.undo()
        cache.layout_version.cache_clear()


def never_decode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make decoding a paper's cached row fail the test (axes.yaml and links.yaml still decode)."""
    from argmap.cache import FolderCache
    from argmap.model import Paper

    real = FolderCache._fetch

    def fetch(self, name, dig, context, cls):  # type: ignore[no-untyped-def]
        assert cls is not Paper, f"{name} was decoded"
        return real(self, name, dig, context, cls)

    monkeypatch.setattr(FolderCache, "_fetch", fetch)


def test_a_warm_list_and_validate_read_summaries_not_papers(corpus: Path, cli, monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:  # type: ignore[no-untyped-def]
    cold = {fmt: cli("--no-cache", "list", "-c", corpus, "-f", fmt).stdout for fmt in ("plain", "json")}
    checked = cli("--no-cache", "validate", corpus, "-f", "json").stdout
    assert cli("validate", corpus).exit_code == 0  # fills the cache
    never_decode(monkeypatch)
    assert {fmt: cli("list", "-c", corpus, "-f", fmt).stdout for fmt in ("plain", "json")} == cold
    assert cli("validate", corpus, "-f", "json").stdout == checked
    assert '"claims": 13' in checked  # the counts come from the summaries: 5 + 8 claims


def test_an_edit_is_listed_not_its_old_summary(corpus: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert "An example paper" in cli("list", "-c", corpus).stdout
    path = corpus / "smith2020.yaml"
    stat = path.stat()
    path.write_text(path.read_text().replace("An example paper", "An edited paperr"))  # same length
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same mtime
    assert "An edited paperr" in cli("list", "-c", corpus, "-f", "plain").stdout


def test_a_tampered_summary_is_not_listed(corpus: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("list", "-c", corpus).exit_code == 0
    with sqlite3.connect(cache_dir() / "index.sqlite") as db:
        (summary,) = db.execute("SELECT summary FROM files WHERE name = 'smith2020.yaml'").fetchone()
        assert "An example paper" in summary
        db.execute("UPDATE files SET summary = ? WHERE name = 'smith2020.yaml'",
                   (summary.replace("An example paper", "A forged title"),))
    listed = cli("list", "-c", corpus, "-f", "plain").stdout
    assert "An example paper" in listed and "A forged title" not in listed
