"""CSV: one row per claim, depth first, for spreadsheets and data tools.

Every text cell goes through `csv_cell`: `printable` (one line, invisible
controls shown as [U+XXXX], as in every export) and a leading ' where a
spreadsheet would run the cell as a formula (OWASP). Rows end in "\\n" so a
file written in text mode is the same on every platform.
"""

from __future__ import annotations

import csv
import io

from ..model import Corpus, Paper
from ..text import csv_cell

# reported_by: who holds a view the paper only reports ("" for the paper's own claims)
COLUMNS = ["paper", "id", "role", "parent", "depth", "text", "quote", "locator", "tags", "reported_by"]


def render(corpus: Corpus, papers: list[Paper]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for paper in papers:
        for n in paper.claims():
            c = n.claim
            writer.writerow([paper.id, c.id, n.role, n.parent or "", n.depth, *map(csv_cell, (
                c.text, c.quote or "", c.locator, ";".join(c.tags), c.reported_by or ""))])
    return out.getvalue()
