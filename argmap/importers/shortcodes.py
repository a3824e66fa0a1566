"""Argdown's default shortcodes: `.^.` or `:^:` for ∧, `:+1:` for 👍 (the Argdown CLI's own table,
`plugins/shortcodes` of `@argdown/core` 1.7.5, as `@argdown/cli` 1.7.5 installs it; MIT licence, Copyright
(c) Christian Voigt).

Read as the CLI's lexer reads them (its SpecialChar token): `.name.` or `:name:`, the shortest such run
with no space in it, plus one following space or tab; a known name becomes its character (a space after
it kept, a tab not), any other run stays as written; more space after it is dropped, as the lexer skips
it. Escapes, links and tags are not looked into.
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

# An escape, a link, a `#(tag)` or a mention is one token to the lexer: kept whole. Else a shortcode run.
_TOKEN = re.compile(r"\\.|(?<!\\)\[[^\]]*\]\([^)\s]*\)|#\([^)]*\)|@(?:\[[^\]]+\]|<[^>]+>)"
                    r"|(?P<code>([.:])\S+?\2)(?P<space>[ \t]?)[ \t]*")  # more space: the lexer skips it


def expand(raw: str) -> str:
    """`raw` statement text with each known shortcode written as its character (still raw: escapes are
    undone after)."""
    def one(m: re.Match[str]) -> str:
        if not m["code"]:  # an escape, a link, a tag or a mention
            return m[0]
        char = SHORTCODES.get(m["code"])
        if char is None:  # kept as the lexer keeps it, a backslash in it too: escaped, as the text is still raw
            return m["code"].replace("\\", "\\\\") + m["space"]
        return char + (" " if m["space"] == " " else "")

    return _TOKEN.sub(one, raw) if "." in raw or ":" in raw else raw
