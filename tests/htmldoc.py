"""An HTML document as Python's own parser reads it: the oracle the HTML tests check pages against."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}


class Document(HTMLParser):
    """Tags, ids, internal links, text, scripts and nesting errors of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.events: list[tuple[str, ...]] = []  # every start tag with its attributes, end tag and text
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.csp = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)  # <line .../> in inline SVG

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.events.append(("start", tag, *(f"{n}={v}" for n, v in attrs)))
        for name, value in attrs:
            self.attrs.append((name, value or ""))
            if name == "id":
                self.ids.append(value or "")
            if name == "href":
                self.hrefs.append(value or "")
        if tag == "meta" and ("http-equiv", "Content-Security-Policy") in attrs:
            self.csp = dict(attrs)["content"] or ""

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.events.append(("text", data))
        if self.stack and self.stack[-1] == "script":
            self.scripts.append(data)
        self.text.append(data)

    @classmethod
    def read(cls, document: str) -> Document:
        parser = cls()
        parser.feed(document)
        parser.close()
        return parser

    @property
    def folded(self) -> str:
        """The text, whitespace folded to single spaces, as a reader sees it."""
        return " ".join("".join(self.text).split())
