"""Every JSON Schema argmap publishes, generated one way (`argmap.spec.json_schema`).

- the file kinds (docs/schema/KIND.schema.json), from the model's dataclasses;
- each command's `--format json` output (docs/json/NAME.schema.json), from
  the TypedDicts in `argmap.outputs`.

`argmap schema NAME` prints one; `python -m argmap.schemas [ROOT]` rewrites
the published files, which a test keeps equal to what this module generates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from . import outputs as o
from .errors import UsageError, did_you_mean
from .model import AxesFile, DecisionsFile, LinksFile, Manifest, Paper, Reading
from .spec import json_schema

KINDS = {"paper": (Paper, "argmap paper map"), "axes": (AxesFile, "argmap axes.yaml"),
         "links": (LinksFile, "argmap links.yaml"), "corpus": (Manifest, "argmap corpus.yaml"),
         "reading": (Reading, "argmap reading (positions only)"),
         "decisions": (DecisionsFile, "argmap decisions.yaml (review decisions)")}
OUTPUTS: dict[str, Any] = {
    "list": o.ListData, "show": o.ShowData, "tree": o.TreeOutput, "strength": o.StrengthData,
    "validate": o.ValidateData, "query": o.QueryData, "align": o.AlignData, "diff": o.DiffData,
    "compare": o.CompareData, "where": o.WhereData, "matrix": o.MatrixData, "tensions": o.TensionsData,
    "verify": o.VerifyData, "link-list": o.LinkList, "link-add": o.AddedLink, "link-suggest": o.LinkSuggestions,
    "new": o.Wrote, "import": o.Wrote, "link-dismiss": o.Wrote,
    "export": o.ExportDoc, "agree": o.AgreeData,
}
COMPLETE = {"export"}  # written out in full: every field of the model present


def schema_for(name: str) -> dict[str, Any]:
    """The schema of a file kind (paper, axes, links) or of a command's JSON output (list, diff, ...)."""
    if name in KINDS:
        cls, title = KINDS[name]
        return json_schema(cls, title)
    if name in OUTPUTS:
        command = "export --to json" if name == "export" else f"{name.replace('-', ' ')} --format json"
        return json_schema(OUTPUTS[name], f"argmap {command}", complete=name in COMPLETE)
    raise UsageError(f"no schema for '{name}'; {did_you_mean(name, [*KINDS, *OUTPUTS])}")


def published() -> dict[str, str]:
    """Path under the project root -> text, for every published schema."""
    files = {f"docs/schema/{k}.schema.json": schema_for(k) for k in KINDS}
    files.update({f"docs/json/{n}.schema.json": schema_for(n) for n in OUTPUTS})
    return {path: json.dumps(schema, indent=2, ensure_ascii=False) + "\n" for path, schema in files.items()}


def main(root: str = ".") -> None:
    for path, text in published().items():
        (Path(root) / path).write_text(text, encoding="utf-8")
        print("wrote", path)


if __name__ == "__main__":
    main(*sys.argv[1:])
