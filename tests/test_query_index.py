"""`query` from the cache's full-text index answers exactly what scoring every claim answers."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from argmap import search
from argmap.cache import cache_dir
from argmap.errors import UsageError
from argmap.load import load_corpus
from conftest import BUNDLED, MINI


def queries(corpus, n: int = 60) -> list[str]:  # type: ignore[no-untyped-def]
    """Queries from the corpus's own words: runs of a claim's words, some misspelt, plus tags."""
    rng = random.Random(7)
    texts = [node.claim.text for p in corpus.papers.values() for node in p.claims()]
    out = ["alliance", "hard balancing", "strategic partnership against united states hegemony", "xyzzy",
           "a", "the and of"]
    for text in rng.sample(texts, min(n, len(texts))):
        words = text.split()
        start = rng.randrange(len(words))
        q = " ".join(words[start:start + rng.randint(1, 4)])
        if rng.random() < 0.3 and len(q) > 4:
            i = rng.randrange(len(q))
            q = q[:i] + q[i + 1:]  # a typo
        out.append(q)
    return out + sorted({t for p in corpus.papers.values() for node in p.claims() for t in node.claim.tags})


@pytest.mark.parametrize("source, beside", [(MINI, None), (BUNDLED, None), (BUNDLED, MINI)],
                         ids=["mini", "bundled", "bundled-beside-mini"])
def test_indexed_results_equal_an_exhaustive_scan(source: Path, beside: Path | None, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    if beside is not None:  # another corpus's claims in the same index: never among the hits
        shutil.copytree(beside, tmp_path / "other")
        search.query(load_corpus(tmp_path / "other"), "alliance")
    shutil.copytree(source, tmp_path / "c")
    corpus = load_corpus(tmp_path / "c")
    exhaustive = search.ClaimIndex(load_corpus(tmp_path / "c", use_cache=False))

    def no_scan(self, corpus):  # type: ignore[no-untyped-def]
        raise AssertionError("the index was not used")

    monkeypatch.setattr(search.ClaimIndex, "__init__", no_scan)
    def answer(q: str, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return search.query(corpus, q, **kwargs)
        except UsageError as e:
            return str(e)

    checked = 0
    for q in queries(corpus):
        for min_score in (45.0, 70.0, 20.0):
            want = answer(q, min_score=min_score, index=exhaustive)
            assert answer(q, min_score=min_score) == want, (q, min_score)
            checked += isinstance(want, dict) and bool(want["hits"])
        for kwargs in ({"papers": [sorted(corpus.papers)[0]]}, {"roles": ["premise"]}):
            assert answer(q, **kwargs) == answer(q, index=exhaustive, **kwargs), (q, kwargs)
    assert checked > 30  # most queries find something: the comparison is not of empty lists


def test_the_index_follows_edits_and_survives_a_damaged_row(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "c")
    path = tmp_path / "c" / "jones2021.yaml"
    assert search.query(load_corpus(tmp_path / "c"), "commerce boomed", min_score=90)["hits"] == []
    path.write_text(path.read_text().replace("Trade has grown a lot.", "Commerce boomed."))
    hits = search.query(load_corpus(tmp_path / "c"), "commerce boomed", min_score=90)["hits"]
    assert [h["ref"] for h in hits] == ["jones2021#c1"]
    with sqlite3.connect(cache_dir() / "index.sqlite") as db:
        db.execute("UPDATE claims SET hit = replace(hit, 'Commerce', 'Forged')")
    again = search.query(load_corpus(tmp_path / "c"), "commerce boomed", min_score=90)
    assert [h["text"] for h in again["hits"]] == ["Commerce boomed."]  # scanned instead, and re-indexed
    with sqlite3.connect(cache_dir() / "index.sqlite") as db:
        assert db.execute("SELECT count(*) FROM claims WHERE hit LIKE '%Forged%'").fetchone()[0] == 0
    assert search.query(load_corpus(tmp_path / "c"), "commerce boomed", min_score=90)["hits"] == again["hits"]
    with sqlite3.connect(cache_dir() / "index.sqlite") as db:  # the next query indexed that paper again
        assert db.execute("SELECT count(*) FROM claims WHERE hit LIKE '%Commerce%'").fetchone()[0] == 1


def test_no_cache_query_writes_no_cache(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(MINI, tmp_path / "c")
    assert cli("--no-cache", "query", "trade", "-c", tmp_path / "c").exit_code == 0
    assert not (cache_dir() / "index.sqlite").exists()
