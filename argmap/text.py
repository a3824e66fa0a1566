"""Text normalisation shared by search, alignment and verification."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Typographic quotes and dashes to ASCII, so quotes match however they were typed."""
    return text.translate(_FOLD)


def normalise(text: str) -> str:
    """Lower case, no diacritics, punctuation to spaces, single spaces: for fuzzy matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def words(text: str) -> set[str]:
    """The set of normalised words of a text."""
    return set(normalise(text).split())
