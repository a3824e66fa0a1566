"""The JSON Schema is generated from the model and accepts exactly what the loader accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from argmap import yamlsafe
from argmap.schemas import KINDS, OUTPUTS, schema_for
from conftest import BUNDLED, FIXTURES, MINI


def kind_of(path: Path) -> str:
    return {"axes.yaml": "axes", "links.yaml": "links"}.get(path.name, "paper")


def maps(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(KINDS) + sorted(OUTPUTS))
def test_generated_schema_is_valid_2020_12(name: str) -> None:
    Draft202012Validator.check_schema(schema_for(name))


@pytest.mark.parametrize("path", maps(MINI) + maps(BUNDLED), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_map_validates_against_the_schema(path: Path) -> None:
    data, problems = yamlsafe.parse(path.read_bytes(), str(path))
    assert not problems
    errors = list(Draft202012Validator(schema_for(kind_of(path))).iter_errors(data))
    assert not errors, [e.message for e in errors]


@pytest.mark.parametrize("name", ["unknown_key.yaml", "wrong_type.yaml", "missing_key.yaml"])
def test_schema_rejects_what_the_loader_rejects(name: str) -> None:
    data, _ = yamlsafe.parse((FIXTURES / "bad" / name).read_bytes(), name)
    assert list(Draft202012Validator(schema_for("paper")).iter_errors(data))
