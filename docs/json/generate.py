"""Writes docs/json/<command>.schema.json for the comparison commands.

The schemas of command output are written here once, from shared pieces
(claim, position value, refs), so the pieces are identical in every file;
tests/test_json_output.py checks the files equal what this script writes.
Run: python docs/json/generate.py docs/json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SLUG = "^[a-z0-9][a-z0-9_-]*$"
ADDRESS = r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)?$"
REF = "^[a-z0-9][a-z0-9_-]*#[a-z0-9][a-z0-9_-]*$"
ROLES = ["thesis", "premise", "counterpoint", "rebuttal"]
RELATIONS = ["agrees", "contradicts", "refines", "same"]


def ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def obj(props: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """A closed object: every property required except `optional`, nothing else allowed."""
    return {"type": "object", "required": [k for k in props if k not in optional],
            "properties": props, "additionalProperties": False}


def array(items: Any, **extra: Any) -> dict[str, Any]:
    return {"type": "array", "items": items, **extra}


STR = {"type": "string"}
INT = {"type": "integer"}
COUNT = {"type": "integer", "minimum": 0}
BOOL = {"type": "boolean"}
NULL_STR = {"type": ["string", "null"]}
SCORE = {"type": "number", "minimum": 0, "maximum": 100}
UNIT = {"type": "number", "minimum": 0, "maximum": 1}

CLAIM_PROPS: dict[str, Any] = {
    "id": ref("slug"),
    "role": {"enum": ROLES},
    "text": STR,
    "quote": STR,
    "locator": STR,
    "tags": array(ref("slug")),
    "lean": {"type": "object", "propertyNames": ref("address"), "additionalProperties": ref("value")},
}

DEFS: dict[str, Any] = {
    "slug": {"type": "string", "pattern": SLUG},
    "address": {"type": "string", "pattern": ADDRESS},
    "ref": {"type": "string", "pattern": REF},
    "value": {"type": ["integer", "string"]},
    "authors": array(STR),
    "claim": obj(CLAIM_PROPS),
    "evidence": array(ref("slug")),
    "relation": {"enum": RELATIONS},
}

SCHEMAS: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {}  # file stem -> (title, body, own defs)


def schema(stem: str, title: str, body: dict[str, Any], **own: Any) -> None:
    SCHEMAS[stem] = (title, body, own)


schema("query", "argmap query --format json", obj({
    "query": STR,
    "searched": COUNT,
    "total": COUNT,
    "hits": array(ref("hit")),
}), hit=obj({
    "paper": ref("slug"),
    "id": ref("slug"),
    "ref": ref("ref"),
    "role": {"enum": ROLES},
    "path": array(ref("slug"), minItems=1),
    "score": SCORE,
    "text": STR,
    "quote": STR,
    "locator": STR,
    "tags": array(ref("slug")),
    "highlights": obj({"text": array(ref("span")), "quote": array(ref("span"))}),
}), span={"type": "array", "prefixItems": [COUNT, COUNT], "minItems": 2, "maxItems": 2})

schema("diff", "argmap diff --format json", {
    **obj({
        "a": ref("paper"),
        "b": ref("paper"),
        "axes": array(ref("axis_row")),
        "matches": array(ref("match")),
        "only_a": array(ref("claim")),
        "only_b": array(ref("claim")),
        "summary": obj({k: COUNT for k in ("converge", "diverge", "only_a", "only_b", "contradicting_claims")}),
        "summary_line": STR,
    }, optional=("matches", "only_a", "only_b")),
    # --axis leaves out the claims: all three claim lists, or none.
    "dependentRequired": {"matches": ["only_a", "only_b"], "only_a": ["matches", "only_b"],
                          "only_b": ["matches", "only_a"]},
}, paper=obj({"id": ref("slug"), "authors": ref("authors"), "year": INT, "thesis": ref("claim")}),
    axis_row=obj({
        "axis": ref("address"),
        "a": {"oneOf": [ref("side"), {"type": "null"}]},
        "b": {"oneOf": [ref("side"), {"type": "null"}]},
        "status": {"enum": ["converge", "diverge", "only_a", "only_b"]},
        "distance": {"type": ["integer", "null"], "minimum": 0},
        "agreement": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
    }),
    side=obj({"value": ref("value"), "label": STR, "evidence": ref("evidence")}),
    match={
        **obj({
            "kind": {"enum": [*RELATIONS, "related"]},
            "source": {"enum": ["link", "suggestion"]},
            "score": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
            "note": NULL_STR,
            "a": ref("claim"),
            "b": ref("claim"),
        }),
        # a curated link has a note and no score; a fuzzy suggestion the reverse
        "if": {"properties": {"source": {"const": "link"}}},
        "then": {"properties": {"score": {"type": "null"}, "note": STR, "kind": ref("relation")}},
        "else": {"properties": {"score": {"type": "number"}, "note": {"type": "null"},
                                "kind": {"enum": ["agrees", "contradicts", "related"]}}},
    })

schema("compare", "argmap compare --format json", obj({
    "axis": ref("axis"),
    "keys": array(ref("slug")),
    "papers": array(obj({
        "paper": ref("slug"),
        "authors": ref("authors"),
        "year": INT,
        "positions": {"type": "object", "propertyNames": ref("slug"), "additionalProperties": ref("cell")},
    })),
}), axis=obj({
    "id": ref("slug"),
    "title": STR,
    "question": STR,
    "ordered": BOOL,
    "numeric": BOOL,
    "subjects": array(ref("slug")),
    "values": array(obj({"value": ref("value"), "label": STR}), minItems=1),
}), cell={
    **obj({
        "value": {"type": ["integer", "string", "null"]},
        "stated": BOOL,
        "label": STR,
        "note": STR,
        "evidence": ref("evidence"),
        "claims": array(ref("claim")),
    }, optional=("claims",)),
    # an unstated (or absent) position has no value
    "if": {"properties": {"stated": {"const": False}}},
    "then": {"properties": {"value": {"type": "null"}, "label": {"const": "unstated"}}},
    "else": {"properties": {"value": ref("value")}},
})

schema("where", "argmap where --format json", obj({
    "conditions": array(STR, minItems=1),
    "papers": array(obj({
        "paper": ref("slug"),
        "authors": ref("authors"),
        "year": INT,
        "matches": array(obj({
            "condition": STR,
            "axis": ref("address"),
            "value": ref("value"),
            "label": STR,
            "note": STR,
            "evidence": ref("evidence"),
            "claims": array(ref("claim")),
        }), minItems=1),
    })),
    "total": COUNT,
}))

schema("matrix", "argmap matrix --format json", obj({
    "papers": array(ref("slug")),
    "cells": array(array({"oneOf": [ref("cell"), {"type": "null"}]})),
}), cell=obj({
    "agreement": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
    **{k: COUNT for k in ("shared_axes", "converge", "diverge", "links_agree", "links_contradict", "links_refine")},
}))

schema("tensions", "argmap tensions --format json", obj({
    "papers": array(obj({
        "paper": ref("slug"),
        "recorded": array(obj({"a": ref("claim"), "b": ref("claim"), "note": STR})),
        "detected": array({"oneOf": [
            obj({"kind": {"const": "position_vs_lean"}, "axis": ref("address"), "note": STR,
                 "a": obj({"position": ref("value"), "evidence": ref("evidence")}), "b": ref("claim")}),
            obj({"kind": {"const": "opposite_leans"}, "axis": ref("address"), "note": STR,
                 "a": ref("claim"), "b": ref("claim")}),
        ]}),
    })),
    "recorded": COUNT,
    "detected": COUNT,
}))

schema("strength", "argmap strength --format json", obj({
    "paper": ref("slug"),
    "title": STR,
    "root": ref("node"),
}), node=obj({**CLAIM_PROPS, "strength": UNIT, "children": array(ref("node"))}))

schema("verify", "argmap verify --format json", obj({
    "sources": STR,
    "quotes": array(ref("quote")),
    "counts": obj({k: COUNT for k in ("exact", "near", "missing")}),
    "missing_sources": array(obj({"paper": ref("slug"), "source": NULL_STR, "problem": STR})),
    "ok": BOOL,
}), quote={
    **obj({
        "paper": ref("slug"),
        "id": ref("slug"),
        "locator": STR,
        "quote": STR,
        "status": {"enum": ["exact", "near", "missing"]},
        "score": SCORE,
        "closest": NULL_STR,
    }),
    # an exact quote has nothing closer to show
    "if": {"properties": {"status": {"const": "exact"}}},
    "then": {"properties": {"score": {"const": 100}, "closest": {"type": "null"}}},
})

LINK = {"a": ref("ref"), "b": ref("ref"), "relation": ref("relation"), "note": STR}
schema("link-list", "argmap link list --format json", obj({
    "paper": {"oneOf": [ref("slug"), {"type": "null"}]},
    "links": array(obj({**LINK, "a_text": STR, "b_text": STR})),
    "total": COUNT,
}))
schema("link-add", "argmap link add --format json", obj({**LINK, "file": STR}))


def used_defs(node: Any, table: dict[str, Any], seen: set[str]) -> set[str]:
    """Names of the $defs a schema refers to, transitively."""
    if isinstance(node, dict):
        target = node.get("$ref", "")
        if target.startswith("#/$defs/") and (name := target.rsplit("/", 1)[1]) not in seen:
            seen.add(name)
            used_defs(table[name], table, seen)
        for value in node.values():
            used_defs(value, table, seen)
    elif isinstance(node, list):
        for value in node:
            used_defs(value, table, seen)
    return seen


def build(title: str, body: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    table = {**DEFS, **own}
    names = used_defs(body, table, set())
    order = list(own) + [n for n in DEFS if n not in own]
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title}
    out.update({k: v for k, v in body.items()})
    out["$defs"] = {n: table[n] for n in order if n in names}
    return out


def rendered() -> dict[str, str]:
    """File name -> text of every schema this script owns."""
    return {f"{stem}.schema.json": json.dumps(build(title, body, own), indent=2, ensure_ascii=False) + "\n"
            for stem, (title, body, own) in SCHEMAS.items()}


def main(folder: str) -> None:
    for name, text in rendered().items():
        (Path(folder) / name).write_text(text, encoding="utf-8")
        print("wrote", Path(folder) / name)


if __name__ == "__main__":
    main(sys.argv[1])
