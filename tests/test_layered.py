"""Layered corpora: your maps beside another corpus (--corpus repeated, ARGMAP_CORPUS, corpus.yaml)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from argmap.corpus import find_layers, open_corpus
from argmap.errors import InputError
from conftest import MINI

MAP = """id: {id}
title: My own paper
authors: [Ann Reader]
year: 2025
thesis:
  id: t
  text: The partnership is deep.
  quote: a partnership deeper than it looks
  locator: Abstract
  lean: {{alignment: 2}}
positions:
  alignment: {{value: 2, evidence: [t]}}
"""


def mine(folder: Path, paper: str = "doe2025", builds_on: str | None = None) -> Path:
    """A corpus folder holding one map and no axes.yaml (optionally a corpus.yaml)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{paper}.yaml").write_text(MAP.format(id=paper), encoding="utf-8")
    if builds_on is not None:
        (folder / "corpus.yaml").write_text(f"builds_on: [{builds_on}]\n", encoding="utf-8")
    return folder


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(p["id"] for p in result.json()["papers"])


def test_corpus_flag_layers_folders_top_first(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    top = mine(tmp_path / "mine")
    r = cli("list", "-c", top, "-c", MINI, "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert ids(r) == ["doe2025", "jones2021", "smith2020"]
    assert [(Path(layer["path"]).name, layer["origin"], layer["papers"]) for layer in r.json()["layers"]] == [
        ("mine", "--corpus", 1), ("mini", "--corpus", 2)]
    plain = cli("list", "-c", top, "-c", MINI, "-f", "plain").stdout
    assert "corpus: 2 layers, top first" in plain and "(--corpus): 1 paper" in plain


def test_the_word_bundled_names_the_bundled_corpus(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("compare", "alignment", "-c", mine(tmp_path / "mine"), "-c", "bundled", "-f", "json")
    assert r.exit_code == 0, r.stderr
    papers = [row["paper"] for row in r.json()["papers"]]
    assert "doe2025" in papers and "rezapour2020" in papers and len(papers) == 6


def test_env_var_takes_a_path_list(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    top = mine(tmp_path / "mine")
    r = cli("list", "-f", "json", env={"ARGMAP_CORPUS": os.pathsep.join([str(top), str(MINI)])})
    assert ids(r) == ["doe2025", "jones2021", "smith2020"]
    assert [layer["origin"] for layer in r.json()["layers"]] == ["ARGMAP_CORPUS", "ARGMAP_CORPUS"]


def test_a_manifest_in_the_working_directory_brings_its_base(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(MINI, tmp_path / "base")
    mine(tmp_path / "mine", builds_on="../base")
    monkeypatch.chdir(tmp_path / "mine")
    r = cli("list", "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert ids(r) == ["doe2025", "jones2021", "smith2020"]
    assert [layer["origin"] for layer in r.json()["layers"]] == ["./corpus.yaml", "builds_on in corpus.yaml"]
    assert cli("validate").exit_code == 0
    assert cli("validate", ".").exit_code == 0


def test_manifests_chain_and_a_folder_named_twice_keeps_its_highest_place(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "base")
    mine(tmp_path / "middle", "lee2024", builds_on="../base")
    mine(tmp_path / "top", "doe2025", builds_on="../middle")
    layers, problems = find_layers([tmp_path / "top", tmp_path / "base", tmp_path / "middle"])
    assert problems == []
    assert [layer.root.name for layer in layers] == ["top", "middle", "base"]
    corpus = open_corpus([tmp_path / "top"], use_cache=False)
    assert [layer.papers for layer in corpus.layers] == [["doe2025"], ["lee2024"], ["jones2021", "smith2020"]]
    assert corpus.file_of("smith2020").resolve() == (tmp_path / "base" / "smith2020.yaml").resolve()


def test_a_manifest_cycle_ends(tmp_path: Path) -> None:
    mine(tmp_path / "a", "aaa2020", builds_on="../b")
    mine(tmp_path / "b", "bbb2020", builds_on="../a")
    layers, _ = find_layers([tmp_path / "a"])
    assert [layer.root.name for layer in layers] == ["a", "b"]


def test_a_paper_id_in_two_layers_names_both_files(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    top = mine(tmp_path / "mine", "smith2020")
    r = cli("validate", "-c", top, "-c", MINI, "-f", "plain")
    assert r.exit_code == 1
    line = next(line for line in r.stdout.splitlines() if "smith2020" in line)
    assert "mine/smith2020.yaml:1:" in line and "mini/smith2020.yaml" in line and "unique across layers" in line
    r = cli("list", "-c", top, "-c", MINI)  # the other commands leave the second one out, saying so
    assert r.exit_code == 0 and "mine/smith2020.yaml: left out" in r.stderr


def test_an_axis_redefined_differently_says_where(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    top = mine(tmp_path / "mine")
    axes = (MINI / "axes.yaml").read_text(encoding="utf-8")
    (top / "axes.yaml").write_text(axes.replace("values: [soft, mostly_soft, mixed, mostly_hard, hard]", "values: [soft, hard]"),
                                   encoding="utf-8")
    r = cli("list", "-c", top, "-c", MINI)
    assert r.exit_code == 3
    assert "axis 'balancing' differs from the one in" in r.stderr and "mini/axes.yaml" in r.stderr
    assert "values: [soft, hard] here, [soft, mostly_soft, mixed, mostly_hard, hard] below" in r.stderr
    assert "mine/axes.yaml:" in r.stderr  # pointing at the axis in the top file


def test_an_identical_axis_and_a_new_one_are_fine(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    top = mine(tmp_path / "mine")
    base_axes = (MINI / "axes.yaml").read_text(encoding="utf-8")
    extra = base_axes.split("tags:")[0] + ("  - id: mood\n    title: Mood\n    question: How hopeful?\n"
                                           "    values: [gloomy, hopeful]\n")
    (top / "axes.yaml").write_text(extra, encoding="utf-8")
    corpus = open_corpus([top, MINI], use_cache=False)
    assert list(corpus.axes) == ["alignment", "balancing", "lens", "mood"]
    assert corpus.tags == ["alignment", "military", "economy", "mistrust", "soft_balancing", "energy"]
    assert corpus.layers[0].axes == ["alignment", "balancing", "lens", "mood"]


def test_links_may_cross_layers(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    top = mine(tmp_path / "mine", builds_on=os.path.relpath(MINI, tmp_path / "mine"))
    (top / "links.yaml").write_text("links:\n  - a: doe2025#t\n    b: smith2020#t\n    relation: agrees\n"
                                    "    note: both see deep convergence\n", encoding="utf-8")
    corpus = open_corpus([top], use_cache=False)
    assert [link.a for link in corpus.links][-1] == "doe2025#t" and len(corpus.links) == 3
    r = cli("link", "add", "doe2025#t", "jones2021#t", "-r", "contradicts", "-m", "deep vs shallow", "-c", top)
    assert r.exit_code == 0, r.stderr
    assert "jones2021#t" in (top / "links.yaml").read_text(encoding="utf-8")
    assert (MINI / "links.yaml").read_text(encoding="utf-8").count("- a:") == 2  # the base is untouched
    bad = cli("link", "add", "doe2025#t", "nobody2020#t", "-r", "agrees", "-m", "x", "-c", top)
    assert bad.exit_code == 2 and "nobody2020" in bad.stderr


@pytest.mark.parametrize("manifest, message", [
    ("builds_on: [../nowhere]\n", "corpus folder '../nowhere' not found"),
    ("builds_on: bundled\n", "expected a list"),
    ("build_on: [bundled]\n", "did you mean 'builds_on'?"),
])
def test_a_bad_manifest_points_at_the_token(cli, tmp_path: Path, manifest: str, message: str) -> None:  # type: ignore[no-untyped-def]
    top = mine(tmp_path / "mine")
    (top / "corpus.yaml").write_text(manifest, encoding="utf-8")
    r = cli("list", "-c", top)
    assert r.exit_code == 3 and "Traceback" not in r.stderr
    assert "mine/corpus.yaml:1:" in r.stderr and message in r.stderr, r.stderr
    assert cli("validate", top).exit_code == 1


def test_new_in_a_fresh_folder_keeps_the_bundled_corpus_in_view(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    r = cli("new", "rezapour2020")  # a bundled paper's id: refused before anything is written
    assert r.exit_code == 2 and "already exists" in r.stderr and not (tmp_path / "claims" / "rezapour2020.yaml").exists()
    assert cli("new", "doe2025").exit_code == 0
    shown = cli("compare", "balancing", "-f", "json").json()
    assert len(shown["papers"]) == 6
    data = cli("validate", "claims", "-f", "json").json()
    assert data["ok"] and data["stats"]["papers"] == 1  # the folder's own maps, checked on the bundled axes


def test_a_missing_layer_is_an_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("list", "-c", tmp_path / "nowhere", "-c", "bundled")
    assert r.exit_code == 3 and "corpus folder not found" in r.stderr


def test_find_layers_reports_manifest_problems_without_raising(tmp_path: Path) -> None:
    top = mine(tmp_path / "mine")
    (top / "corpus.yaml").write_text("builds_on: [../nowhere]\n", encoding="utf-8")
    layers, problems = find_layers([top])
    assert [layer.root.name for layer in layers] == ["mine"] and len(problems) == 1
    with pytest.raises(InputError):
        open_corpus([top])


def test_a_folder_called_bundled_is_named_with_a_dot(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINI, tmp_path / "bundled")
    assert ids(cli("list", "-c", "./bundled", "-f", "json")) == ["jones2021", "smith2020"]
    assert len(cli("list", "-c", "bundled", "-f", "json").json()["papers"]) == 5  # the word: the shipped corpus


def test_validate_checks_a_map_on_the_corpus_given(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`validate PATH --corpus C`: PATH's folder checked on top of C, as `-c PATH_FOLDER -c C` layers it."""
    draft = mine(tmp_path / "drafts") / "doe2025.yaml"  # a folder with no axes.yaml and no corpus.yaml
    alone = cli("validate", draft, "-f", "json")
    assert alone.exit_code == 1  # nothing to check its leans on: said, not 'ok'
    assert [Path(p["file"]).name for p in alone.json()["problems"]] == ["axes.yaml"]
    r = cli("validate", draft, "-c", MINI, "-f", "json")
    assert r.exit_code == 0, r.stdout
    assert r.json()["stats"]["papers"] == 1
    draft.write_text(draft.read_text(encoding="utf-8").replace("lean: {alignment: 2}", "lean: {alignmnt: 2}"))
    (problem,) = cli("validate", draft, "-c", MINI, "-f", "json").json()["problems"]
    assert problem["file"].endswith("doe2025.yaml") and "alignmnt" in problem["message"], problem
    assert cli("validate", draft.parent, "-c", MINI).exit_code == 1  # a folder too


def test_validate_checks_a_map_on_argmap_corpus_as_on_the_corpus_given(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`ARGMAP_CORPUS=C validate PATH` is `validate PATH --corpus C`, as for every command; --corpus wins."""
    draft = mine(tmp_path / "drafts") / "doe2025.yaml"  # a folder with no axes.yaml and no corpus.yaml
    r = cli("validate", draft, "-f", "json", env={"ARGMAP_CORPUS": str(MINI)})
    assert r.exit_code == 0, r.stdout
    assert r.json()["stats"]["papers"] == 1
    assert cli("validate", draft.parent, env={"ARGMAP_CORPUS": str(MINI)}).exit_code == 0  # a folder too
    over = cli("validate", draft, "-c", draft.parent, "-f", "json", env={"ARGMAP_CORPUS": str(MINI)})
    assert [Path(p["file"]).name for p in over.json()["problems"]] == ["axes.yaml"]  # on -c alone: no axes
