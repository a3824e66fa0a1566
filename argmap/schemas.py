"""JSON Schemas of the file kinds, generated from the model."""

from __future__ import annotations

from typing import Any

from .errors import UsageError, did_you_mean
from .model import AxesFile, LinksFile, Manifest, Paper, Reading
from .spec import json_schema

KINDS = {"paper": (Paper, "argmap paper map"), "axes": (AxesFile, "argmap axes.yaml"),
         "links": (LinksFile, "argmap links.yaml"), "corpus": (Manifest, "argmap corpus.yaml"),
         "reading": (Reading, "argmap reading (positions only)")}


def schema_for(kind: str) -> dict[str, Any]:
    if kind not in KINDS:
        raise UsageError(f"no schema for '{kind}'; {did_you_mean(kind, list(KINDS))}")
    cls, title = KINDS[kind]
    return json_schema(cls, title)
