"""The model as JSON: every paper in full and the curated links between them.

One object `{"argmap": 1, "papers": [paper, ...], "links": [link, ...]}`.
Keys are stable: every field of the model is present in every object, in
the model's field order, with null or an empty list/object when unset (the
YAML maps leave defaults out). The schema, `docs/json/export.schema.json`,
is `schema()` written out; a test keeps the two equal.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..model import Corpus, Link, Paper
from ..spec import json_schema
from . import links_between

VERSION = 1


def document(corpus: Corpus, papers: list[Paper]) -> dict[str, Any]:
    return {"argmap": VERSION, "papers": [dataclasses.asdict(p) for p in papers],
            "links": [dataclasses.asdict(link) for link in links_between(corpus, papers)]}


def render(corpus: Corpus, papers: list[Paper]) -> str:
    return json.dumps(document(corpus, papers), indent=2, ensure_ascii=False) + "\n"


def schema() -> dict[str, Any]:
    """JSON Schema of `document`, from the model: the map schema with every key required."""
    paper = json_schema(Paper, "")
    defs = {**paper["$defs"], **json_schema(Link, "")["$defs"]}
    for name, definition in defs.items():
        if "anyOf" in definition:  # a shorthand (bare `unstated`) is never exported: keep the full form
            definition = defs[name] = next(d for d in definition["anyOf"] if "properties" in d)
        definition["required"] = list(definition["properties"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "argmap export --to json",
        "type": "object",
        "required": ["argmap", "papers", "links"],
        "additionalProperties": False,
        "properties": {
            "argmap": {"const": VERSION, "description": "version of this format"},
            "papers": {"type": "array", "items": {"$ref": "#/$defs/Paper"}},
            "links": {"type": "array", "items": {"$ref": "#/$defs/Link"},
                      "description": "curated links whose both ends are among the papers"},
        },
        "$defs": defs,
    }
