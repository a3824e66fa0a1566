"""`query`: ranking, filters, highlighting, and its errors."""

from __future__ import annotations

import pytest

from argmap.errors import UsageError
from argmap.load import load_corpus
from argmap.search import ClaimIndex, highlights, query

from conftest import MINI


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return load_corpus(MINI, use_cache=False)


def refs(data: dict) -> list[str]:  # type: ignore[type-arg]
    return [h["ref"] for h in data["hits"]]


def test_claims_holding_every_query_word_rank_first(corpus) -> None:  # type: ignore[no-untyped-def]
    data = query(corpus, "mistrust central asia")
    assert refs(data)[0] == "jones2021#p1"
    assert data["hits"][0]["score"] == 100.0
    assert data["hits"][0]["path"] == ["t", "p1"] and data["hits"][0]["role"] == "premise"


def test_case_punctuation_and_diacritics_do_not_matter(corpus) -> None:  # type: ignore[no-untyped-def]
    assert refs(query(corpus, "MISTRÚST, Céntral-Asia!"))[0] == "jones2021#p1"


def test_misspelt_words_still_find_the_claim(corpus) -> None:  # type: ignore[no-untyped-def]
    assert "smith2020#p2" in refs(query(corpus, "enrgy deals anchr", min_score=40))


def test_filters(corpus) -> None:  # type: ignore[no-untyped-def]
    assert set(refs(query(corpus, "mistrust", papers=["jones2021"]))) <= {"jones2021#t", "jones2021#p1"}
    assert refs(query(corpus, "mistrust", roles=["counterpoint"])) == ["smith2020#c1"]
    assert set(refs(query(corpus, "grown", tags=["economy"], min_score=0))) == {"smith2020#p1", "jones2021#c1"}
    assert refs(query(corpus, "russia", axis="balancing.russia=hard", min_score=0)) == ["jones2021#p2"]
    assert set(refs(query(corpus, "russia", axis="balancing", min_score=0))) == {"jones2021#p2", "jones2021#p3",
                                                                                  "jones2021#c2"}
    # jones2021#p2 also leans on balancing, but a claim holding none of the query's words is no hit, even at 0
    assert refs(query(corpus, "trade", axis="balancing", min_score=0)) == ["smith2020#p1"]


def test_limit_and_min_score_and_honest_counts(corpus) -> None:  # type: ignore[no-untyped-def]
    data = query(corpus, "mistrust", min_score=0, limit=2)
    # in the text of jones2021#p1, smith2020#c1 and #r1, and the tag of jones2021#t
    assert len(data["hits"]) == 2 and data["found"] == 4
    assert all(h["score"] >= 90 for h in query(corpus, "mistrust", min_score=90)["hits"])


def test_rare_words_weigh_more_than_common_ones(corpus) -> None:  # type: ignore[no-untyped-def]
    # 'trade' is in three claims, 'energy' in one: the claim with the rare word wins, whatever the order
    assert refs(query(corpus, "trade energy"))[0] == refs(query(corpus, "energy trade"))[0] == "smith2020#p2"
    assert query(corpus, "energy shallow", min_score=0)["hits"][0]["score"] < 100


def test_stopwords_alone_never_match(corpus) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="only common words"):
        query(corpus, "the and of")
    assert refs(query(corpus, "the mistrust of", min_score=100)) == refs(query(corpus, "mistrust", min_score=100))


def test_highlights_mark_matched_words_only() -> None:
    text = "Old mistrust limits how far they can go."
    spans = highlights(text, "mistrust of limit")
    assert [text[a:b] for a, b in spans] == ["mistrust", "limits"]  # 'of' is too short to mark


@pytest.mark.parametrize("kwargs, message", [
    ({"text": "  ?! "}, "no words"),
    ({"text": "x", "roles": ["premis"]}, "unknown role"),
    ({"text": "x", "tags": ["econ"]}, "did you mean 'economy'"),
    ({"text": "x", "axis": "balancing.rusia"}, "no subject 'rusia'"),
    ({"text": "x", "axis": "nope"}, "no axis"),
])
def test_bad_queries_are_usage_errors(corpus, kwargs: dict, message: str) -> None:  # type: ignore[type-arg,no-untyped-def]
    with pytest.raises(UsageError, match=message):
        query(corpus, **kwargs)


def test_index_is_normalised_once_and_reusable(corpus) -> None:  # type: ignore[no-untyped-def]
    index = ClaimIndex(corpus)
    assert len(index.docs) == len(index) == 13
    assert all(t == t.lower() for doc in index.docs for t in doc)
    assert refs(query(corpus, "gas contracts", index=index))[0] == "smith2020#p2"
