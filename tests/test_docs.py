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


def test_pre_commit_hook_validates_the_local_corpus(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shlex
    import shutil

    import yaml

    from conftest import MINI

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    words = shlex.split(hook["entry"])
    assert words[0] == "argmap" and hook["pass_filenames"] is False
    shutil.copytree(MINI, tmp_path / "claims")
    monkeypatch.chdir(tmp_path)
    assert cli(*words[1:]).exit_code == 0
    (tmp_path / "claims" / "jones2021.yaml").write_text("id: jones2021\nbogus: 1\n")
    r = cli(*words[1:])
    assert r.exit_code == 1 and "jones2021.yaml:2:1" in r.stdout


def test_readme_exit_code_table_is_the_exit_code_enum() -> None:
    from argmap.errors import ExitCode

    section = (ROOT / "README.md").read_text().split("### Exit codes", 1)[1].split("\n#", 1)[0]
    documented = [int(code) for code in re.findall(r"^\| (\d+) \|", section, re.M)]
    assert documented == sorted(int(c) for c in ExitCode)


def test_a_missing_golden_fails_and_is_not_written(golden, request) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from conftest import GOLDEN

    if request.config.getoption("--update-golden"):
        pytest.skip("--update-golden writes goldens by design")
    with pytest.raises(pytest.fail.Exception, match="is missing"):
        golden("no_such_golden.txt", "anything")
    assert not (GOLDEN / "no_such_golden.txt").exists()


def test_every_file_the_docs_link_to_exists() -> None:
    """A relative link in README.md or docs/*.md names a file of the repository (docs/format.md once named
    a schema file that did not exist)."""
    missing = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            if "://" not in target and not (doc.parent / target).exists():
                missing.append(f"{doc.name}: {target}")
    assert missing == []


def test_every_published_schema_file_is_named_in_the_format_doc() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert [f.name for f in sorted((ROOT / "docs" / "schema").glob("*.json")) if f.name not in text] == []


def test_the_format_doc_says_where_a_same_paper_ref_may_carry_its_hash() -> None:
    """Each field naming a claim of the same paper takes `p3` or `#p3` (model.REF); its row in docs/format.md
    says so, under its own section."""
    import dataclasses

    from argmap.model import REF, Claim, Position, Tension

    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for cls in (Claim, Position, Tension):
        section = text.split(f"\n## {cls.__name__}\n", 1)[1].split("\n## ", 1)[0]
        rows = {m[1]: m[0] for m in re.finditer(r"^\| `(\w+)` \|.*$", section, re.M)}
        same_paper = [f.name for f in dataclasses.fields(cls) if f.metadata.get("pattern") == REF]
        assert same_paper, cls
        for name in same_paper:
            assert "`#p3`" in rows[name], (cls.__name__, name, rows[name])
