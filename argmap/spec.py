"""Plain data <-> typed model, and the JSON Schema, both from the dataclasses.

`convert(cls, data, file)` checks the shape of the data against the
dataclass type hints (unknown and missing keys, wrong types, patterns) and
builds the instances, collecting every problem with its key path.
`json_schema(cls)` emits JSON Schema 2020-12 from the same hints and field
metadata, so the format is never written down twice.

Supported annotations: str, int, float, bool, `X | None`, unions of scalars,
`Literal[...]`, `list[X]`, `dict[str, X]`, and dataclasses (which may
declare `__shorthand__ = "field"` to accept a bare scalar for that field).
A field's metadata may carry `normalise`, a function applied to each valid
string (model.SAME_PAPER drops a reference's `#`), so the model holds one spelling.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from functools import cache
from typing import Any, Callable, Literal, Union

from .errors import did_you_mean

KeyPath = tuple[object, ...]
# A problem found while converting: key path, is it about the key itself, message, hint.
Issue = tuple[KeyPath, bool, str, str]
Converter = Callable[[Any, KeyPath, list[Issue]], Any]

_MISSING = object()
_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false", type(None): "null"}


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return _TYPE_NAMES.get(type(value), type(value).__name__) + f" ({value!r})"


def _scalar(tp: type, meta: dict[str, Any]) -> Converter:
    """A converter for one scalar type, enforcing the same constraints the schema states."""
    regex = re.compile(meta["pattern"]) if tp is str and "pattern" in meta else None
    min_length = meta.get("minLength", 0) if tp is str else 0
    low, high = (meta.get("minimum"), meta.get("maximum")) if tp in (int, float) else (None, None)
    normalise = meta.get("normalise")  # e.g. model.bare: one spelling of a value, fixed once at load

    def check(data: Any, path: KeyPath, issues: list[Issue]) -> Any:
        if tp is float and isinstance(data, int) and not isinstance(data, bool):
            data = float(data)
        if not isinstance(data, tp) or (tp in (int, float) and isinstance(data, bool)):
            issues.append((path, False, f"expected {_TYPE_NAMES[tp]}, got {_describe(data)}", "fix the value"))
            return _MISSING
        if regex and not regex.fullmatch(data):  # fullmatch: '$' alone lets a trailing newline through
            what, hint = meta.get("invalid", ("a valid id (lower-case letters, digits, '-', '_')",
                                              "use a slug such as 'p1' or 'smith2020'"))
            issues.append((path, False, f"'{data}' is not {what}", hint))
            return _MISSING
        if min_length and len(str(data).strip()) < min_length:
            issues.append((path, False, "must not be empty", "write the text"))
            return _MISSING
        if (low is not None and data < low) or (high is not None and data > high):
            issues.append((path, False, f"{data} is outside [{low}, {high}]", "use a number in that range"))
            return _MISSING
        return normalise(data) if normalise else data

    return check


def _args(tp: Any) -> tuple[Any, ...]:
    return typing.get_args(tp)


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (Union, types.UnionType)


@cache
def hints(cls: type) -> dict[str, Any]:
    """The resolved type hints of a model dataclass."""
    import argmap.model as model  # resolves forward references such as list[Claim]

    return typing.get_type_hints(cls, vars(model))


def _converter(tp: Any, meta: dict[str, Any]) -> Converter:
    origin = typing.get_origin(tp)
    if tp in (str, int, float, bool):
        return _scalar(tp, meta)
    if origin is Literal:
        allowed = _args(tp)

        def literal(data: Any, path: KeyPath, issues: list[Issue]) -> Any:
            if data in allowed:
                return data
            issues.append((path, False, f"'{data}' is not one of {', '.join(allowed)}",
                           did_you_mean(str(data), [str(a) for a in allowed])))
            return _MISSING

        return literal
    if _is_union(tp):
        options = [a for a in _args(tp) if a is not type(None)]
        optional = len(options) < len(_args(tp))
        inner = [_converter(a, meta) for a in options]

        def union(data: Any, path: KeyPath, issues: list[Issue]) -> Any:
            if data is None and optional:
                return None
            for option, convert in zip(options, inner):
                if option in (str, int, float, bool) and not (
                    isinstance(data, option) and not (option is int and isinstance(data, bool))
                ):
                    continue
                return convert(data, path, issues)
            if len(inner) == 1:
                return inner[0](data, path, issues)
            names = " or ".join(_TYPE_NAMES.get(o, o.__name__) for o in options)
            issues.append((path, False, f"expected {names}, got {_describe(data)}", "fix the value"))
            return _MISSING

        return union
    if origin is list:
        item = _converter(_args(tp)[0], meta)

        min_items = meta.get("minItems", 0)

        def seq(data: Any, path: KeyPath, issues: list[Issue]) -> Any:
            if not isinstance(data, list):
                issues.append((path, False, f"expected a list, got {_describe(data)}", "write it as a YAML list"))
                return _MISSING
            if len(data) < min_items:
                issues.append((path, False, f"needs at least {min_items} item{'s' * (min_items != 1)}", "add one"))
                return _MISSING
            out = [item(x, path + (i,), issues) for i, x in enumerate(data)]
            return [x for x in out if x is not _MISSING]

        return seq
    if origin is dict:
        value = _converter(_args(tp)[1], meta)

        def mapping(data: Any, path: KeyPath, issues: list[Issue]) -> Any:
            if not isinstance(data, dict):
                issues.append((path, False, f"expected a mapping, got {_describe(data)}", "write it as key: value"))
                return _MISSING
            out = {}
            for k, v in data.items():
                converted = value(v, path + (k,), issues)
                if converted is not _MISSING:
                    out[str(k)] = converted
            return out

        return mapping
    if dataclasses.is_dataclass(tp):
        record_type = typing.cast(type, tp)  # is_dataclass narrows to instance-or-type; here it is a type
        return lambda data, path, issues: _record(record_type)(data, path, issues)  # lazy: models are recursive
    raise TypeError(f"unsupported annotation {tp!r}")  # a bug in the model, not in user input


@cache
def _record(cls: type) -> Converter:
    field_types = hints(cls)
    plan = [(f.name, f, _converter(field_types[f.name], dict(f.metadata))) for f in dataclasses.fields(cls)]
    required = [name for name, f, _ in plan if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    known = [name for name, _, _ in plan]
    shorthand = getattr(cls, "__shorthand__", None)

    def record(data: Any, path: KeyPath, issues: list[Issue]) -> Any:
        if shorthand and not isinstance(data, (dict, list)):
            data = {shorthand: data}
        if not isinstance(data, dict):
            issues.append((path, False, f"expected a mapping ({cls.__name__}), got {_describe(data)}",
                           "write it as key: value lines"))
            return _MISSING
        missing = [name for name in required if name not in data]
        for key in data:
            if key not in known:
                hint = did_you_mean(str(key), known)
                issues.append((path + (key,), True, f"unknown key '{key}' in {cls.__name__.lower()}", hint))
                # a misspelt required key is one mistake, not two: drop its "missing" report
                missing = [name for name in missing if hint != f"did you mean '{name}'?"]
        for name in missing:
            issues.append((path, False, f"missing required key '{name}' in {cls.__name__.lower()}",
                           f"add '{name}: ...'"))
        kwargs = {}
        for name, _, convert in plan:
            if name in data:
                value = convert(data[name], path + (name,), issues)
                if value is not _MISSING:
                    kwargs[name] = value
        try:
            return cls(**kwargs)
        except TypeError:  # a required field failed to convert; already reported
            return _MISSING

    return record


def convert(cls: type, data: Any, path: KeyPath = ()) -> tuple[Any, list[Issue]]:
    """An instance of `cls` (None if its shape is wrong) and the issues found."""
    issues: list[Issue] = []
    value = _record(cls)(data, path, issues)
    return (None if value is _MISSING else value), issues


def to_data(obj: Any) -> Any:
    """Plain data (for YAML and JSON) from model instances, leaving defaults out."""
    if dataclasses.is_dataclass(obj):
        out = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            if value != default:  # a required field's default is MISSING, never equal
                out[f.name] = to_data(value)
        return out
    if isinstance(obj, list):
        return [to_data(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_data(v) for k, v in obj.items()}
    return obj


# --- JSON Schema ---------------------------------------------------------------
# The one generator of every schema argmap publishes: the map formats (from the
# model's dataclasses) and every command's JSON output (from the TypedDicts in
# argmap.outputs). Constraints ride on field metadata or `Annotated[T, Constraint(...)]`.

_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


class Constraint:
    """JSON-Schema constraints on a type: `Annotated[str, Constraint(pattern=SLUG)]` (hashable, unlike a dict)."""

    __slots__ = ("values",)

    def __init__(self, **values: Any):
        self.values = values

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.values.items())))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Constraint) and other.values == self.values


class Every:
    """As a `When`'s `then`: every `record` the annotated record holds has `key`, all the way down.

    `When({"semantics": "df-quad"}, then=Every(TreeNode, "strength"))` checks each TreeNode the
    annotated record names against TreeNodeWithStrength as well: a TreeNode that requires `strength`
    and whose own TreeNodes are TreeNodeWithStrength again.
    """

    __slots__ = ("record", "key")

    def __init__(self, record: Any, key: str):
        self.record, self.key = record, key

    def schema(self, annotated: dict[str, Any], defs: dict[str, Any], complete: bool) -> dict[str, Any]:
        base = _schema(self.record, {}, defs, complete)["$ref"]
        variant = f"{base}With{self.key.title()}"

        def swap(node: Any) -> Any:
            if isinstance(node, dict):
                return {**node, "$ref": variant} if node.get("$ref") == base else {k: swap(v) for k, v in node.items()}
            return [swap(x) for x in node] if isinstance(node, list) else node

        def narrowed(ref: str) -> dict[str, Any]:
            """The properties of the def at `ref` that name the record, naming the variant instead."""
            props = defs[ref.rpartition("/")[2]]["properties"]
            return {k: swap(v) for k, v in props.items() if swap(v) != v}

        name = variant.rpartition("/")[2]
        if name not in defs:
            defs[name] = {"$ref": base, "required": [self.key], "properties": narrowed(base)}
        return {"properties": narrowed(annotated["$ref"])}


class When:
    """A condition between a record's keys, which no key's type states alone: JSON Schema's if/then/else.

    `Annotated[QuoteCheck, When({"status": "exact"}, then={"score": 100, "closest": None})]`: where the
    keys in `case` hold those constants, the keys in `then` must match it, else those in `otherwise`.
    A value there is a constant, or a type whose schema the key must match; `then` may instead be an
    `Every`, a condition on the records the annotated one holds.
    """

    __slots__ = ("case", "then", "otherwise")

    def __init__(self, case: dict[str, Any], then: dict[str, Any] | Every, otherwise: dict[str, Any] | None = None):
        self.case, self.then, self.otherwise = case, then, otherwise

    def schema(self, annotated: dict[str, Any], defs: dict[str, Any], complete: bool) -> dict[str, Any]:
        def match(value: Any) -> dict[str, Any]:
            is_type = isinstance(value, type) or typing.get_origin(value) is not None
            return _schema(value, {}, defs, complete) if is_type else {"const": value}

        def clause(keys: dict[str, Any] | Every) -> dict[str, Any]:
            if isinstance(keys, Every):
                return keys.schema(annotated, defs, complete)
            return {"properties": {k: match(v) for k, v in keys.items()}}

        out = {"if": {"properties": {k: {"const": v} for k, v in self.case.items()}, "required": list(self.case)},
               "then": clause(self.then)}
        if self.otherwise is not None:
            out["else"] = clause(self.otherwise)
        return out


_CONSTRAINTS = ("pattern", "minLength", "minItems", "minimum", "maximum")


def _schema(tp: Any, meta: dict[str, Any], defs: dict[str, Any], complete: bool) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        inner, *extra = _args(tp)
        added = {k: v for m in extra if isinstance(m, Constraint) for k, v in m.values.items()}
        annotated = _schema(inner, {**meta, **added}, defs, complete)
        if "required" in added:  # on a record: keys its type leaves optional that this use requires
            annotated["required"] = list(added["required"])
        conditions = [m.schema(annotated, defs, complete) for m in extra if isinstance(m, When)]
        if len(conditions) == 1:
            annotated.update(conditions[0])
        elif conditions:
            annotated["allOf"] = conditions
        return annotated
    if tp in _JSON_TYPES:
        out: dict[str, Any] = {"type": _JSON_TYPES[tp]}
        out.update({k: meta[k] for k in _CONSTRAINTS if k in meta and (tp is str) == (k in ("pattern", "minLength"))})
        return out
    if origin is Literal:
        return {"enum": list(_args(tp))}
    if _is_union(tp):
        return {"anyOf": [_schema(a, meta, defs, complete) for a in _args(tp)]}
    if origin is list:
        out = {"type": "array", "items": _schema(_args(tp)[0], meta, defs, complete)}
        if "minItems" in meta:
            out["minItems"] = meta["minItems"]
        return out
    if origin is tuple:  # a fixed-length array, e.g. a [start, end] span
        items = [_schema(a, meta, defs, complete) for a in _args(tp)]
        return {"type": "array", "prefixItems": items, "minItems": len(items), "maxItems": len(items)}
    if origin is dict:
        out = {"type": "object", "additionalProperties": _schema(_args(tp)[1], meta, defs, complete)}
        keys = _schema(_args(tp)[0], {}, defs, complete)
        if keys != {"type": "string"}:
            out = {"type": "object", "propertyNames": keys, "additionalProperties": out["additionalProperties"]}
        return out
    name = tp.__name__
    if name not in defs:
        defs[name] = {}  # placeholder: breaks recursion (Claim contains Claims)
        defs[name] = _record_schema(tp, defs, complete)
    return {"$ref": f"#/$defs/{name}"}


def _record_schema(tp: Any, defs: dict[str, Any], complete: bool) -> dict[str, Any]:
    """A closed object for a dataclass or a TypedDict."""
    props = {}
    if typing.is_typeddict(tp):
        keys = typing.get_type_hints(tp, include_extras=True)
        for key, hint in keys.items():
            props[key] = _schema(hint, {}, defs, complete)
        required = [k for k in keys if k in tp.__required_keys__]
    else:
        field_types = hints(tp)
        for f in dataclasses.fields(tp):
            prop = _schema(field_types[f.name], dict(f.metadata), defs, complete)
            if f.metadata.get("doc"):
                prop["description"] = f.metadata["doc"]
            props[f.name] = prop
        # `complete`: data written out in full (the JSON export), every field present
        required = [f.name for f in dataclasses.fields(tp) if complete or (
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)]
    record: dict[str, Any] = {"type": "object"}
    if (tp.__doc__ or "").strip() and not (tp.__doc__ or "").startswith(f"{tp.__name__}("):
        record["description"] = tp.__doc__.strip()
    record.update({"properties": props, "required": required, "additionalProperties": False})
    shorthand = getattr(tp, "__shorthand__", None)
    return {"anyOf": [props[shorthand], record]} if shorthand and not complete else record


def json_schema(tp: Any, title: str, complete: bool = False) -> dict[str, Any]:
    """JSON Schema 2020-12 rooted at `tp`: a dataclass of the model, or a TypedDict of argmap.outputs.

    `complete` requires every dataclass field and refuses shorthands: the
    shape of data written out in full (the JSON export), not of a hand-written map.
    """
    defs: dict[str, Any] = {}
    root = _schema(tp, {}, defs, complete)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **root, "$defs": defs}
