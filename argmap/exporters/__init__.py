"""Exporters: one module per format, each with the same small interface.

A format module defines

    def render(corpus: Corpus, papers: list[Paper]) -> str

`papers` holds one paper, or all of them for `--all`; cross-paper links of
`corpus.links` between the given papers appear in the graph formats.
Adding a format is adding a module and a line in FORMATS.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import UsageError, did_you_mean
from ..model import Corpus, Link, Paper

FORMATS = {
    "argdown": "argdown",
    "dot": "dot",
    "mermaid": "mermaid",
    "json": "json_model",
    "aif": "aif",
    "csv": "csv_rows",
    "markdown": "markdown",
    "kialo": "kialo",
    "html": "html",
}


def exporter(fmt: str) -> ModuleType:
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format '{fmt}'; {did_you_mean(fmt, list(FORMATS))}")
    return importlib.import_module(f"argmap.exporters.{FORMATS[fmt]}")


def export(corpus: Corpus, papers: list[Paper], fmt: str) -> str:
    """The text of `papers` in format `fmt`."""
    return exporter(fmt).render(corpus, papers)


def links_between(corpus: Corpus, papers: list[Paper]) -> list[Link]:
    """Curated links whose both ends are among `papers`."""
    ids = {p.id for p in papers}
    return [link for link in corpus.links if set(link.papers) <= ids]
