"""Resource bounds for one input file (docs/limits.md), overridable from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 4 * 1024 * 1024
    max_depth: int = 64
    max_aliases: int = 100
    max_nodes: int = 500_000
    max_claims: int = 10_000  # per paper: a real map has tens; more is a generator gone wrong


DEFAULT_LIMITS = Limits()


def limits_from_env() -> Limits:
    """Limits, each overridable by ARGMAP_MAX_BYTES, ARGMAP_MAX_DEPTH, ARGMAP_MAX_ALIASES, ARGMAP_MAX_NODES, ARGMAP_MAX_CLAIMS."""
    values = {}
    for f in fields(Limits):
        raw = os.environ.get(f"ARGMAP_{f.name.upper()}", "")
        if raw.strip().isdigit():
            values[f.name] = int(raw)
    return replace(DEFAULT_LIMITS, **values)
