"""`link add` / `link list`: validated, atomic, locked, and byte-preserving."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.errors import UsageError
from argmap.links import add_link, append_link
from argmap.load import load_corpus
from argmap.model import Link

from conftest import MINI


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "c")
    return tmp_path / "c"


def test_add_appends_and_keeps_every_other_byte(corpus_dir: Path) -> None:
    path = corpus_dir / "links.yaml"
    path.write_text("# curated by hand\n" + path.read_text() + "# trailing comment, kept\n")
    before = path.read_bytes()
    add_link(corpus_dir, "smith2020#p1", "jones2021#c1", "agrees", "both: trade has grown")
    after = path.read_bytes()
    assert after.startswith(before)
    links = load_corpus(corpus_dir, use_cache=False).links
    assert (links[-1].a, links[-1].b, links[-1].note) == ("smith2020#p1", "jones2021#c1", "both: trade has grown")


def test_add_to_an_empty_or_missing_file(corpus_dir: Path) -> None:
    (corpus_dir / "links.yaml").unlink()
    add_link(corpus_dir, "smith2020#p2", "jones2021#p2", "refines", "note")
    assert len(load_corpus(corpus_dir, use_cache=False).links) == 1
    assert append_link("links: []\n", Link("a#b", "c#d", "same", "n")).startswith("links:\n  - a: a#b")


@pytest.mark.parametrize("a, b, relation, message", [
    ("smith2020#p9", "jones2021#p1", "agrees", "unknown claim 'smith2020#p9'"),
    ("smyth2020#p1", "jones2021#p1", "agrees", "did you mean 'smith2020'"),
    ("smith2020", "jones2021#p1", "agrees", "PAPER#CLAIM"),
    ("smith2020#p1", "smith2020#c1", "agrees", "two different papers"),
    ("smith2020#p1", "jones2021#p1", "agree", "did you mean 'agrees'"),
    ("jones2021#p1", "smith2020#c1", "agrees", "already linked"),  # the reverse of an existing link
])
def test_bad_links_are_refused_and_nothing_is_written(corpus_dir: Path, a: str, b: str, relation: str,
                                                      message: str) -> None:
    before = (corpus_dir / "links.yaml").read_bytes()
    with pytest.raises(UsageError, match=message):
        add_link(corpus_dir, a, b, relation, "why")
    assert (corpus_dir / "links.yaml").read_bytes() == before


def test_twenty_concurrent_adds_lose_nothing(corpus_dir: Path) -> None:
    claims_a = ["t", "p1", "p2", "c1", "r1"]
    claims_b = ["t", "p1", "p2", "c1"]
    (corpus_dir / "lee2022.yaml").write_text((corpus_dir / "jones2021.yaml").read_text().replace("jones2021", "lee2022"))
    pairs = [(x, y) for x in claims_a for y in claims_b]
    assert len(pairs) == 20
    procs = [subprocess.Popen([sys.executable, "-m", "argmap", "--no-cache", "link", "add", f"smith2020#{x}",
                               f"lee2022#{y}", "--relation", "agrees", "--note", f"pair {x} {y}",
                               "--corpus", str(corpus_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for x, y in pairs]
    errors = [p.communicate()[1].decode() for p in procs if p.wait() != 0]
    assert errors == []
    links = load_corpus(corpus_dir, use_cache=False).links
    assert len(links) == 2 + 20
    assert {(l.a, l.b) for l in links[2:]} == {(f"smith2020#{x}", f"lee2022#{y}") for x, y in pairs}


def test_cli_link_add_and_list(cli, corpus_dir: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("link", "add", "smith2020#p2", "jones2021#p2", "-r", "contradicts", "-m", "energy vs arms",
            "--corpus", corpus_dir)
    assert r.exit_code == 0, r.stderr
    assert "linked smith2020#p2 contradicts jones2021#p2" in r.stdout
    listed = cli("link", "list", "smith", "--corpus", corpus_dir, "--format", "json").json()
    assert [l["relation"] for l in listed["links"]] == ["agrees", "contradicts", "contradicts"]
    assert listed["links"][0]["a_text"] == "Old mistrust limits how far they can go."
    rich = cli("link", "add", "smith2020#r1", "jones2021#p2", "-r", "refines", "-m", "x", "--corpus", corpus_dir,
               "--format", "rich")
    assert rich.exit_code == 0 and "linked smith2020#r1 refines jones2021#p2" in rich.stdout


def test_cli_refuses_to_write_into_the_bundled_corpus(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    r = cli("link", "add", "rezapour2020#t", "dubey2021#t", "-r", "agrees", "-m", "x")
    assert r.exit_code == 2 and "read-only" in r.stderr


def test_cli_bad_link_exits_2_without_traceback(cli, corpus_dir: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("link", "add", "smith2020#zz", "jones2021#p1", "-r", "agrees", "-m", "x", "--corpus", corpus_dir)
    assert r.exit_code == 2 and "unknown claim 'smith2020#zz'" in r.stderr and "Traceback" not in r.stderr


def test_link_add_names_papers_by_id_prefix_or_surname(cli, corpus_dir: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("link", "add", "smi#p2", "Jones#p2", "-r", "refines", "-m", "by prefix and surname",
            "--corpus", corpus_dir, "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert (r.json()["a"], r.json()["b"]) == ("smith2020#p2", "jones2021#p2")  # recorded by id
    assert "a: smith2020#p2\n    b: jones2021#p2" in (corpus_dir / "links.yaml").read_text()
    unknown = cli("link", "add", "nobody#p2", "jones#p2", "-r", "refines", "-m", "x", "--corpus", corpus_dir)
    assert unknown.exit_code == 2 and "no paper named 'nobody'" in unknown.stderr
