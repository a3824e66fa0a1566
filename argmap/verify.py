"""`argmap verify`: is every quote really in its paper's full text?

Both sides are normalised the same way before matching: HTML entities
decoded, `<sup>` footnote markers and other tags dropped, line-break
hyphenation joined, markdown emphasis removed, typographic quotes and
dashes folded, whitespace collapsed. A quote is then `exact` (a substring),
`near` (the best-aligned passage scores at least NEAR, shown with its
score, via `rapidfuzz.fuzz.partial_ratio_alignment`) or `missing`. A claim
with no quote yet (an import, a claim still being coded) is `unquoted`:
nothing to check, and not a pass.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

from .errors import UsageError
from .model import Corpus
from .outputs import MissingSource, QuoteCheck, QuoteCounts, VerifyData
from .text import fold

ENV_VAR = "ARGMAP_SOURCES"
NEAR = 80.0
_SUP = re.compile(r"<sup>.*?</sup>", re.S | re.I)
_TAG = re.compile(r"<[^>\n]+>")
_HYPHEN_BREAK = re.compile(r"(\w)-[ \t]*\n[ \t]*(\w)")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Text as it reads, with the conversion artefacts of a PDF-to-markdown text removed."""
    text = _TAG.sub("", _SUP.sub("", html.unescape(text)))
    text = _EMPHASIS.sub("", _HYPHEN_BREAK.sub(r"\1\2", text)).replace("\u00ad", "")
    return _SPACE.sub(" ", fold(text)).strip()


def locate_sources(explicit: str | Path | None = None, base: Path = Path()) -> Path | None:
    """--sources, else $ARGMAP_SOURCES, else ../shared/papers or ./papers (under `base`) when present."""
    if explicit:
        return Path(explicit)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    return next((p for p in (base / "../shared/papers", base / "papers") if p.is_dir()), None)


def find_sources(explicit: str | Path | None = None) -> Path:
    """The sources folder `locate_sources` names; a UsageError saying how to give one otherwise."""
    chosen = locate_sources(explicit)
    if chosen is None:
        raise UsageError("no sources folder: pass --sources DIR or set ARGMAP_SOURCES "
                         "(the folder holding the papers' full texts)")
    if not chosen.is_dir():
        raise UsageError(f"sources folder {chosen} does not exist; pass --sources DIR")
    return chosen


def optional_sources(explicit: str | Path | None = None) -> Path | None:
    """The sources folder as `find_sources` finds it, or None when none is at hand (an explicit one must exist)."""
    try:
        return find_sources(explicit)
    except UsageError:
        if explicit:
            raise
        return None


def _whole_words(text: str, start: int, end: int) -> str:
    """The passage widened to word boundaries, so it reads as the paper does."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].strip()


def verify(corpus: Corpus, sources: Path, papers: list[str] | None = None) -> VerifyData:
    """Every quote of the corpus (or of `papers`) checked against its source text."""
    from rapidfuzz import fuzz

    results: list[QuoteCheck] = []
    missing_sources: list[MissingSource] = []
    for paper in sorted(corpus.papers.values(), key=lambda p: p.id):
        if papers and paper.id not in papers:
            continue
        path = sources / paper.source if paper.source else None
        if path is None or not path.is_file():
            missing_sources.append({"paper": paper.id, "source": paper.source,
                                    "problem": "no 'source' in the map" if path is None
                                    else f"{path} not found"})
            continue
        text = clean(path.read_text(encoding="utf-8", errors="replace"))
        for n in paper.claims():
            item: QuoteCheck = {"paper": paper.id, "id": n.claim.id, "locator": n.claim.locator,
                                    "quote": n.claim.quote, "status": "exact", "score": 100.0, "closest": None}
            if n.claim.quote is None:
                item["status"], item["score"] = "unquoted", 0.0
            elif (quote := clean(n.claim.quote)) not in text:
                found = fuzz.partial_ratio_alignment(quote, text)
                score = round(found.score, 1) if found else 0.0
                item["status"] = "near" if score >= NEAR else "missing"
                item["score"] = score
                item["closest"] = _whole_words(text, found.dest_start, found.dest_end) if found else None
            results.append(item)
    statuses = [r["status"] for r in results]
    counts: QuoteCounts = {"exact": statuses.count("exact"), "near": statuses.count("near"),
                           "missing": statuses.count("missing"), "unquoted": statuses.count("unquoted")}
    return {"sources": str(sources), "quotes": results, "counts": counts, "missing_sources": missing_sources,
            "ok": not missing_sources and counts["near"] == counts["missing"] == counts["unquoted"] == 0}
