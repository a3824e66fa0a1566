"""`argmap new`: a commented skeleton map that validates as written."""

from __future__ import annotations

from pathlib import Path

from .model import Corpus

TEMPLATE = '''\
# {id}: argument map (format: docs/format.md; check with `argmap validate`).
# Replace every TODO. Quotes must be verbatim passages of the paper (5-40 words).
id: {id}
title: "{title}"
authors: ["TODO Author Name"]
year: 2000
# year_note: "evidence, if the year is inferred from the text"
venue: "not stated"
# source: "file name of the full text, for `argmap verify`"
thesis:
  id: t
  text: "TODO the paper's main claim, in your own words"
  quote: "TODO a short verbatim passage stating it"
  locator: "Abstract"
  tags: []
  premises:        # claims that support their parent
    - id: p1
      text: "TODO a reason the paper gives"
      quote: "TODO verbatim passage"
      locator: "TODO section heading"
  counterpoints:   # claims that attack their parent; nest one in another for a rebuttal
    - id: c1
      text: "TODO a limit or objection the paper concedes"
      quote: "TODO verbatim passage"
      locator: "TODO section heading"
# Where the paper stands on each axis: {{value: ..., evidence: [claim ids], note: ...}} or unstated.
positions:
{positions}
# Places where the paper contradicts itself: {{a: claim id, b: claim id, note: ...}}
tensions: []
'''


def write_skeleton(root: Path, paper_id: str, title: str, standalone: bool = False) -> tuple[Path, str]:
    """Write `<root>/<paper_id>.yaml`, and what was set up if `root` was not a corpus yet.

    A new corpus builds on the bundled one unless `standalone` (see `start_corpus`).
    """
    from .corpus import write_new_map

    def text_for(corpus: Corpus | None) -> str:
        addresses = corpus.addresses if corpus else []
        positions = "\n".join(f"  {a}: unstated" for a in addresses) or "  {}"
        title_text = title.replace("\\", "\\\\").replace('"', '\\"')
        return TEMPLATE.format(id=paper_id, title=title_text, positions=positions)

    return write_new_map(root, paper_id, text_for, standalone)
