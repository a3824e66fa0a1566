"""Every command's JSON output matches its published schema in docs/json/."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from conftest import MINI, ROOT

CASES = {
    "list": ["list"],
    "show": ["show", "smith2020"],
    "tree": ["tree", "smith2020", "--strength"],
    "validate": ["validate", str(MINI)],
    "align": ["align", "smith2020", "jones2021", "--threshold", "50"],
}


@pytest.mark.parametrize("command", sorted(CASES))
def test_json_output_matches_schema(cli, command: str) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads((ROOT / "docs" / "json" / f"{command}.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    r = cli(*CASES[command], "--corpus", MINI, "--format", "json")
    assert r.exit_code == 0, r.stderr
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(r.json())]
    assert errors == []


def test_every_command_with_json_documents_it() -> None:
    documented = (ROOT / "docs" / "json.md").read_text()
    for command in CASES:
        assert f"## {command}" in documented
