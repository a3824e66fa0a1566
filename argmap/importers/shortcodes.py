"""Argdown's default shortcodes: `.^.` or `:^:` for ∧, `:+1:` for 👍 (the Argdown CLI's own table,
`plugins/shortcodes` of `@argdown/core` 1.7.5, as `@argdown/cli` 1.7.5 installs it; MIT licence, Copyright
(c) Christian Voigt).

Read as the CLI's lexer reads them (its SpecialChar token): `.name.` or `:name:`, the shortest such run
with no space in it, plus one following space or tab; a known name becomes its character (a space after
it kept, a tab not), any other run stays as written; more space after it is dropped, as the lexer skips
it. Escapes, links and tags are not looked into.

The same pass drops the other space the lexer skips (`packages/argdown-core/src/lexer.ts`): every token
but plain text (its Freestyle) takes at most one space or tab after it (an escape, every space), and a
further run of spaces or tabs is its Spaces token, skipped. So `a.   b`, `a:   b`, `[l](u)   b` and
`#tag   b` read with one space, `a   b` keeps its three. A link, like a shortcode, keeps a space after it
but not a tab.
"""

from __future__ import annotations

import re

SHORTCODES = {
    ".A.": "∀", ":A:": "∀", ".E.": "∃", ":E:": "∃", ".O.": "𝗢", ":O:": "𝗢", ".P.": "𝗣", ":P:": "𝗣",
    ".->.": "→", ":->:": "→", ".<->.": "↔", ":<->:": "↔", ".~.": "¬", ":~:": "¬", ".^.": "∧", ":^:": "∧",
    ".v.": "∨", ":v:": "∨", ".v_.": "⊻", ":v_:": "⊻", ".<>.": "◇", ":<>:": "◇", ".[].": "◻", ":[]:": "◻",
    ":happy:": "😀", ".happy.": "😀", ":smile:": "☺️", ".smile.": "☺", ":smiley:": "☺", ".smiley.": "☺",
    ":laugh:": "😆", ".laugh.": "😆", ":lol:": "😆", ".lol.": "😆", ":rofl:": "🤣", ".rofl.": "🤣", ":joy:": "😂",
    ".joy.": "😂", ":heart:": "❤", ".heart.": "❤", ".?.": "❓", ":?:": "❓", ".question.": "❓", ":question:": "❓",
    ":love:": "😍", ".love.": "😍", ":wink:": "😉", ".wink.": "😉", ":shush:": "🤫", ".shush.": "🤫", ":meh:": "😐",
    ".meh.": "😐", ":eye-roll:": "🙄", ".eye-roll.": "🙄", ":sad:": "😢", ".sad.": "😢", ":disappointed:": "😞",
    ".disappointed.": "😞", ":scream:": "😱", ".scream.": "😱", ":+1:": "👍", ".+1.": "👍", ":up:": "👍",
    ".up.": "👍", ":-1:": "👎", ".-1.": "👎", ":down:": "👎", ".down.": "👎", ":think:": "🤔", ".think.": "🤔",
    ".star.": "⭐", ":star:": "⭐", ".y.": "✔", ":y:": "✔", ".agree.": "✔", ":agree:": "✔", ".n.": "❌",
    ":n:": "❌", ".disagree.": "❌", ":disagree:": "❌",
}

# The lexer's tokens, each with what it takes after it, then the space it skips: an escape, a tag, a
# mention or a markup character kept as written; a link (as importers/argdown.py reads one), its space
# kept and its tab not; a shortcode run. (`A-z` is the lexer's tag class as written: `_`, `^` and `[` too.)
_TOKEN = re.compile(r"(?:(?P<kept>\\.(?: )*|#(?:\([^)]+\)|[a-zA-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+)[ \t]?"
                    r"|@(?:\[[^\]]+\]|<[^>]+>)[ \t]?)|(?P<link>(?<!\\)\[[^\]]*\]\([^)\s]*\))(?P<after>[ \t]?)"
                    r"|(?P<code>(?P<mark>[.:])\S+?(?P=mark))(?P<space>[ \t]?)|(?P<char>[@#*_\[\],.:;</>\-(){}][ \t]?))"
                    r"[ \t]*")
_CHANGED = re.compile(r"[.:]|[ \t]{2}|\t")  # what the pass can change: a shortcode, or space the lexer skips


def expand(raw: str) -> str:
    """`raw` statement text with each known shortcode written as its character and the space the lexer
    skips dropped (still raw: escapes are undone after)."""
    def one(m: re.Match[str]) -> str:
        if m["link"]:
            return m["link"] + m["after"].replace("\t", "")
        if not m["code"]:  # an escape, a tag, a mention or a markup character
            return m["kept"] or m["char"]
        char = SHORTCODES.get(m["code"])
        if char is None:  # kept as the lexer keeps it, a backslash in it too: escaped, as the text is still raw
            return m["code"].replace("\\", "\\\\") + m["space"]
        return char + (" " if m["space"] == " " else "")

    return _TOKEN.sub(one, raw) if _CHANGED.search(raw) else raw

