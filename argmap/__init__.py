"""argmap: map the arguments of a literature as trees and compare them across authors.

Everything the CLI does is a library call that returns plain data:

    import argmap
    corpus = argmap.open_corpus()          # --corpus, $ARGMAP_CORPUS, ./claims, or bundled
    paper = argmap.resolve_paper(corpus, "rezapour")
    argmap.views.tree_data(paper)          # what `argmap tree` prints
    argmap.compare_axis(corpus, "balancing")   # what `argmap compare balancing` prints
    argmap.query(corpus, "hard balancing")     # what `argmap query` prints

Submodules are imported on first use, so `import argmap` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "open_corpus": "corpus", "find_corpus": "corpus", "resolve_paper": "corpus", "bundled_root": "corpus",
    "load_corpus": "load", "check_corpus": "load", "validate_paths": "load",
    "Corpus": "model", "Paper": "model", "Claim": "model", "Axis": "model", "Link": "model",
    "Position": "model", "Tension": "model",
    "ArgmapError": "errors", "InputError": "errors", "UsageError": "errors", "Problem": "errors",
    "dfquad": "semantics", "strength": "semantics", "grounded": "semantics",
    "query": "search", "ClaimIndex": "search",
    "diff": "compare", "compare_axis": "compare", "where": "compare", "matrix": "compare", "tensions": "compare",
    "list_links": "links", "add_link": "links",
    "verify_quotes": "verify",
}
_SUBMODULES = {"views", "model", "load", "corpus", "errors", "spec", "schemas", "semantics", "yamlsafe", "text",
               "search", "compare", "links", "verify", "export", "importers", "report", "picture"}


_RENAMED = {"verify_quotes": "verify"}  # exported under another name: the module has the same name


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"argmap.{_EXPORTS[name]}"), _RENAMED.get(name, name))
    if name in _SUBMODULES:
        return importlib.import_module(f"argmap.{name}")
    raise AttributeError(f"module 'argmap' has no attribute '{name}'")


__all__ = sorted(_EXPORTS)
