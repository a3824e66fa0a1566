"""The model as JSON: every paper in full and the curated links between them.

One object `{"argmap": 1, "papers": [paper, ...], "links": [link, ...]}`.
Keys are stable: every field of the model is present in every object, in
the model's field order, with null or an empty list/object when unset (the
YAML maps leave defaults out). Its shape is `argmap.outputs.ExportDoc`, from
which `docs/json/export.schema.json` is generated.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..model import Corpus, Paper
from . import links_between


def document(corpus: Corpus, papers: list[Paper]) -> dict[str, Any]:
    """The ExportDoc of `papers`, as plain JSON data (dataclasses.asdict of the model)."""
    return {"argmap": 1, "papers": [dataclasses.asdict(p) for p in papers],
            "links": [dataclasses.asdict(link) for link in links_between(corpus, papers)]}


def render(corpus: Corpus, papers: list[Paper]) -> str:
    return json.dumps(document(corpus, papers), indent=2, ensure_ascii=False) + "\n"
