"""The comparison commands through the CLI: golden plain output, rich output, errors."""

from __future__ import annotations

import json

import pytest

from argmap.compare.positions import stated
from argmap.load import load_corpus

from conftest import BUNDLED, MINI

GOLDEN_MINI = {
    "mini_compare_alignment.txt": ["compare", "alignment", "--evidence"],
    "mini_compare_balancing.txt": ["compare", "balancing"],
    "mini_diff.txt": ["diff", "smith2020", "jones2021"],
    "mini_where.txt": ["where", "lens=realism", "alignment<=0"],
    "mini_matrix.txt": ["matrix"],
    "mini_tensions.txt": ["tensions"],
    "mini_query.txt": ["query", "mistrust central asia"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_MINI))
def test_plain_output_golden(cli, golden, name: str) -> None:  # type: ignore[no-untyped-def]
    r = cli(*GOLDEN_MINI[name], "--corpus", MINI, "--format", "plain")
    assert r.exit_code == 0, r.stderr
    golden(name, r.stdout)


GOLDEN_BUNDLED = {
    "bundled_list.txt": ["list"],
    "bundled_tree_rezapour2020.txt": ["tree", "rezapour2020", "--quotes"],
    "bundled_show_dubey2021.txt": ["show", "dubey2021"],
    "bundled_tensions.txt": ["tensions"],
    "bundled_compare_alignment.txt": ["compare", "alignment"],
    "bundled_compare_balancing.txt": ["compare", "balancing"],
    "bundled_matrix.txt": ["matrix"],
    "bundled_where_russia_mixed.txt": ["where", "balancing.russia=mixed"],
    "bundled_diff_axes.txt": ["diff", "rezapour2020", "shah2024", "--axis"],
    "bundled_query_alliance.txt": ["query", "informal alliance", "--limit", "5"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_BUNDLED))
def test_bundled_plain_output_golden(cli, golden, name: str) -> None:  # type: ignore[no-untyped-def]
    r = cli(*GOLDEN_BUNDLED[name], "--corpus", BUNDLED, "--format", "plain")
    assert r.exit_code == 0, r.stderr
    golden(name, r.stdout.replace(str(BUNDLED), "<bundled>"))  # the same on every machine


@pytest.mark.parametrize("args", [["compare", "alignment"], ["compare", "balancing", "-e"], ["diff", "smith", "jones"],
                                  ["where", "lens=realism"], ["matrix"], ["tensions"], ["query", "trade"],
                                  ["strength", "smith"], ["link", "list"]])
def test_rich_output_renders(cli, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    r = cli(*args, "--corpus", MINI, "--format", "rich")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip() and "Traceback" not in r.stdout


def test_rich_number_line_puts_papers_under_their_values(cli) -> None:  # type: ignore[no-untyped-def]
    lines = cli("compare", "alignment", "--corpus", MINI, "--format", "rich").stdout.splitlines()
    ticks = next(line for line in lines if "●" in line)
    names = next(line for line in lines if "jones2021" in line)
    assert ticks.count("●") == 2 and ticks.count("┼") == 3  # two values held, three empty
    dots = [i for i, ch in enumerate(ticks) if ch == "●"]
    centres = [names.index(n) + len(n) // 2 for n in ("jones2021", "smith2020")]
    assert all(abs(d - c) <= 1 for d, c in zip(dots, centres))  # each paper under its dot, -1 left of +2


def test_where_without_hits_exits_1(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("where", "balancing.china=hard", "--corpus", MINI, "--format", "plain")
    assert r.exit_code == 1 and r.stdout.startswith("balancing.china=hard: 0 of 2 papers")


def test_query_without_hits_exits_1_and_counts_are_honest(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("query", "xylophone", "--corpus", MINI, "--format", "plain")
    assert r.exit_code == 1 and r.stdout == "0 hits for 'xylophone' among 13 claims\n"
    r = cli("query", "mistrust", "--limit", "1", "--min-score", "0", "--corpus", MINI, "--format", "plain")
    assert r.exit_code == 0 and r.stdout.splitlines()[-1].startswith("4 hits (showing 1;")


def test_plain_query_output_is_the_claims_own_words(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("query", "mistrust central asia", "--corpus", MINI, "--format", "plain")
    assert "Mistrust over Central Asia persists." in r.stdout and "*" not in r.stdout


@pytest.mark.parametrize("args, code, message", [
    (["diff", "smith", "nobody"], 2, "no paper named 'nobody'"),
    (["diff", "smith", "smith2020"], 2, "name two different papers"),
    (["compare", "alignmnet"], 2, "did you mean 'alignment'"),
    (["where", "balancing.russia=softish"], 2, "values: soft, mostly_soft, mixed, mostly_hard, hard"),
    (["where", "what?"], 2, "write ADDRESS OP VALUE"),
    (["query", "   "], 2, "no words"),
    (["query", "x", "--role", "premis"], 2, "unknown role"),
    (["query", "x", "--paper", "zz"], 2, "no paper named 'zz'"),
    (["tensions", "nobody"], 2, "no paper named"),
    (["strength", "nobody"], 2, "no paper named"),
])
def test_bad_arguments_exit_with_a_message_not_a_traceback(cli, args: list[str], code: int, message: str) -> None:  # type: ignore[no-untyped-def]
    r = cli(*args, "--corpus", MINI)
    assert r.exit_code == code, (r.stdout, r.stderr)
    assert message in r.stderr and "Traceback" not in r.stderr + r.stdout


def test_main_job_from_the_readme_answers_both_headline_questions(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("compare", "balancing", "--corpus", BUNDLED, "--format", "json")
    data = r.json()
    assert r.exit_code == 0 and data["keys"] == ["russia", "china"] and len(data["papers"]) == 5
    alignment = cli("compare", "alignment", "--corpus", BUNDLED, "--format", "json").json()
    assert all(row["positions"]["alignment"]["stated"] for row in alignment["papers"])


def test_diff_says_how_many_one_sided_claims_it_left_out_and_how_to_see_them(cli) -> None:  # type: ignore[no-untyped-def]
    short = cli("diff", "rezapour2020", "shah2024", "--corpus", BUNDLED, "--format", "json").json()
    full = cli("diff", "rezapour2020", "shah2024", "--all", "--corpus", BUNDLED, "--format", "json").json()
    assert len(short["only_a"]) == 10 and full["left_out"] == {"a": 0, "b": 0}
    assert short["left_out"]["a"] == len(full["only_a"]) - 10 > 0
    assert full["only_a"][:10] == short["only_a"]  # the first ten in tree order, thesis first
    plain = cli("diff", "rezapour2020", "shah2024", "--corpus", BUNDLED, "--format", "plain").stdout
    assert f"... {short['left_out']['a']} more not shown (argmap diff rezapour2020 shah2024 --all" in plain


def test_where_compares_two_subjects_on_the_cli(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("where", "balancing.russia>balancing.china", "--corpus", MINI, "--format", "plain")
    assert r.exit_code == 1 and r.stdout.startswith("balancing.russia>balancing.china: 0 of 2 papers")
    r = cli("where", "balancing.russia>alignment.x", "--corpus", MINI)
    assert r.exit_code == 2 and "on different axes (balancing, alignment)" in r.stderr and "Traceback" not in r.stderr


def test_where_russia_harder_than_china_on_the_bundled_maps(cli) -> None:  # type: ignore[no-untyped-def]
    corpus = load_corpus(BUNDLED, use_cache=False)
    axis = corpus.axes["balancing"]
    harder = {p.id for p in corpus.papers.values()
              if all(stated(p, a) for a in axis.addresses)
              and axis.rank(p.positions["balancing.russia"].value) > axis.rank(p.positions["balancing.china"].value)}
    assert harder  # the maps code some paper's Russia harder than its China
    r = cli("where", "balancing.russia>balancing.china", "--corpus", BUNDLED, "--format", "json")
    assert r.exit_code == 0
    assert {p["paper"] for p in json.loads(r.stdout)["papers"]} == harder
