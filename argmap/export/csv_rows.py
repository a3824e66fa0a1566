"""CSV: one row per claim, depth first, for spreadsheets and data tools.

Text is kept exactly as written (newlines included, quoted by the csv
module); it is data here, not display. Rows end in "\\n" so a file written
in text mode is the same on every platform.
"""

from __future__ import annotations

import csv
import io

from ..model import Corpus, Paper

COLUMNS = ["paper", "id", "role", "parent", "depth", "text", "quote", "locator", "tags"]


def render(corpus: Corpus, papers: list[Paper]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for paper in papers:
        for n in paper.claims():
            c = n.claim
            writer.writerow([paper.id, c.id, n.role, n.parent or "", n.depth, c.text, c.quote, c.locator,
                             ";".join(c.tags)])
    return out.getvalue()
