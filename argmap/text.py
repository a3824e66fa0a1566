"""Text normalisation shared by search, alignment and verification."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")
# The same as _NON_WORD for ASCII text, as a translation table: twice as fast as the regex.
_ASCII_NON_WORD = str.maketrans({chr(i): " " for i in range(128) if not (chr(i).isalnum() or chr(i) == "_")})
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Typographic quotes and dashes to ASCII, so quotes match however they were typed."""
    return text.translate(_FOLD)


def normalise(text: str) -> str:
    """Lower case, no diacritics, punctuation to spaces, single spaces: for fuzzy matching."""
    folded = text.casefold()
    if folded.isascii():  # most claims: no diacritics to strip, and a faster punctuation pass
        return " ".join(folded.translate(_ASCII_NON_WORD).split())
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def words(text: str) -> set[str]:
    """The set of normalised words of a text."""
    return set(normalise(text).split())


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: object, keep_columns: bool = False) -> str:
    """Text on one line, with invisible controls and bidi overrides written as [U+XXXX].

    Every export and every terminal line uses it, so hostile text (a
    right-to-left override, an escape sequence, a NUL, a newline inside a
    Mermaid or DOT label) can neither break a format's syntax nor hide what it
    says. `keep_columns` shows one character for each instead (a control
    picture such as ␉, or �), so a caret printed under a source line still
    points at the right column.
    """
    if keep_columns:
        return _INVISIBLE.sub(_picture, str(text))
    return _shown(" ".join(str(text).split()))


_SPACES = str.maketrans("\t\n\r\v\f", "     ")


def for_terminal(text: object) -> str:
    """Text safe to print on a terminal, spacing kept: whitespace controls become spaces; every other
    control (the ESC of CSI/OSC sequences, NUL, BEL) and the bidi overrides are shown as [U+XXXX]."""
    text = str(text)
    if text.isascii() and text.isprintable():  # most text: nothing to change, told without the regex
        return text
    return _shown(text.translate(_SPACES))


def csv_cell(text: object) -> str:
    """A CSV cell: `printable`, and escaped with a leading ' when a spreadsheet would read it as a
    formula (OWASP's rule: it starts with =, +, -, @, a tab or a carriage return)."""
    cell = printable(text)
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def _shown(text: str) -> str:
    return _INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def plural(n: int, noun: str) -> str:
    """'1 claim', '2 claims'."""
    return f"{n} {noun}{'s' * (n != 1)}"
