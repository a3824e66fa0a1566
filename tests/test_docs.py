"""Documentation that must stay in step with the code and the corpus."""

from __future__ import annotations

import re

from argmap.load import load_corpus

from conftest import BUNDLED, ROOT


def test_tag_vocabulary_doc_lists_exactly_the_corpus_tags() -> None:
    documented = re.findall(r"^\| `([a-z0-9_]+)` \|", (ROOT / "docs" / "tags.md").read_text(), re.M)
    assert sorted(documented) == sorted(load_corpus(BUNDLED, use_cache=False).tags or [])


def test_every_bundled_tag_is_used_by_some_claim_or_documented_as_spare() -> None:
    corpus = load_corpus(BUNDLED, use_cache=False)
    used = {t for p in corpus.papers.values() for n in p.claims() for t in n.claim.tags}
    assert used <= set(corpus.tags or [])
    assert len(used) >= len(corpus.tags or []) * 0.8  # a vocabulary nobody uses is noise


def test_readme_lists_every_command() -> None:
    from argmap.cli import app

    readme = (ROOT / "README.md").read_text()
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    names += [g.name for g in app.registered_groups if g.name]
    missing = [n for n in names if f"`argmap {n}" not in readme]
    assert missing == []
