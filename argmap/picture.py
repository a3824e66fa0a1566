"""A paper's argument tree as a picture (SVG or PNG), drawn by Graphviz's `dot`.

Graphviz is a system program, not a Python package, so its absence or
failure is a `ToolError` (exit 69) with an install hint, never "invalid input".
"""

from __future__ import annotations

import shutil
import subprocess

from .errors import ToolError, UsageError
from .model import Corpus, Paper

PICTURE_FORMATS = ("svg", "png")
TIMEOUT = 120  # seconds; the bundled papers take well under one
INSTALL_HINT = ("Graphviz's 'dot' program was not found on PATH; install the 'graphviz' package "
                "(apt install graphviz, brew install graphviz, or conda install graphviz)")


def draw_tree(corpus: Corpus, paper: Paper, fmt: str = "svg") -> bytes:
    """The paper's DOT export laid out and drawn by `dot -T<fmt>`."""
    from .exporters import dot

    if fmt not in PICTURE_FORMATS:
        raise UsageError(f"cannot draw a tree as '{fmt}'; choose one of: {', '.join(PICTURE_FORMATS)}")
    exe = shutil.which("dot")
    if exe is None:
        raise ToolError(INSTALL_HINT)
    source = dot.render(corpus, [paper]).encode("utf-8")
    try:
        done = subprocess.run([exe, f"-T{fmt}"], input=source, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired as e:
        raise ToolError(f"Graphviz took more than {TIMEOUT} s to draw {paper.id}") from e
    if done.returncode != 0 or not done.stdout:
        detail = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
        raise ToolError(f"Graphviz could not draw {paper.id}: {detail}")
    return done.stdout
