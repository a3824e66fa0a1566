"""Curated links edited from the command line: `argmap link add` and `link list`.

Adding a link appends a few lines to `links.yaml` and leaves every other
byte as it was (comments, order, style), under an inter-process lock, by
an atomic rename; the result is re-read with the strict loader before it
replaces the file, so a link that would not validate is never written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .atomic import locked, write_atomic
from .errors import InputError, UsageError, did_you_mean
from .load import LINKS_FILE
from .model import RELATIONS, Corpus, Link
from .outputs import AddedLink, LinkList, LinkRow

_ITEM_INDENT = re.compile(r"^([ \t]*)- ", re.M)


def list_links(corpus: Corpus, paper: str | None = None) -> LinkList:
    """Every curated link (touching `paper`, when given), with both claims' texts."""
    rows: list[LinkRow] = []
    for link in corpus.links:
        if paper and paper not in link.papers:
            continue
        rows.append({"a": link.a, "b": link.b, "relation": link.relation, "note": link.note,
                     "a_text": _text(corpus, link.a), "b_text": _text(corpus, link.b)})
    return {"paper": paper, "links": rows, "total": len(corpus.links)}


def _text(corpus: Corpus, ref: str) -> str:
    found = corpus.claim(ref)
    return found[1].text if found else ""


def check_link(corpus: Corpus, link: Link) -> None:
    """The loader's link rules (`load.LinkRules`), plus what a typed-in link can get wrong besides."""
    from .load import LinkRules

    for ref in (link.a, link.b):
        paper_id, sep, claim_id = ref.partition("#")
        if not sep or not claim_id:
            raise UsageError(f"'{ref}' is not a claim reference; write PAPER#CLAIM, e.g. dubey2021#p3")
    for _, message, hint in LinkRules(corpus.papers, corpus.links).problems(link)[:1]:
        raise UsageError(f"{message}; {hint}")
    if link.relation not in RELATIONS:
        raise UsageError(f"unknown relation '{link.relation}'; {did_you_mean(link.relation, RELATIONS)}")
    if not link.note.strip():
        raise UsageError("a link needs a one-line --note saying why")


def link_yaml(link: Link, indent: str = "  ") -> str:
    """One list item; strings as JSON, which is valid YAML and escapes everything."""
    pad = indent + "  "
    return (f"{indent}- a: {link.a}\n{pad}b: {link.b}\n{pad}relation: {link.relation}\n"
            f"{pad}note: {json.dumps(' '.join(link.note.split()), ensure_ascii=False)}\n")


def append_link(text: str, link: Link) -> str:
    """`links.yaml` text with the link appended as the last item of the `links:` list."""
    if not text.strip():
        return "links:\n" + link_yaml(link)
    if re.search(r"^links:\s*\[\s*\]\s*(#.*)?$", text, re.M):  # an empty flow list: open it up
        text = re.sub(r"^links:\s*\[\s*\]", "links:", text, count=1, flags=re.M)
    m = _ITEM_INDENT.search(text)
    if not text.endswith("\n"):
        text += "\n"
    return text + link_yaml(link, m.group(1) if m else "  ")


def add_link(corpus_root: Path, a: str, b: str, relation: str, note: str) -> AddedLink:
    """Validate and append one link to `corpus_root/links.yaml`; return it as data.

    Papers are named as everywhere (id, unique id prefix, surname); the link records their ids."""
    path = Path(corpus_root) / LINKS_FILE
    with locked(path):  # read-check-write as one step: concurrent adds lose nothing
        from .corpus import open_corpus, resolve_ref

        corpus = open_corpus([corpus_root], use_cache=False)  # with what it builds on: links may cross layers
        link = Link(resolve_ref(corpus, a), resolve_ref(corpus, b), relation.strip().lower(),  # type: ignore[arg-type]
                    note.strip())
        check_link(corpus, link)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        new = append_link(old, link)
        _check_result(path, new, corpus.layers[0].links + 1)
        write_atomic(path, new)
    return {"a": link.a, "b": link.b, "relation": link.relation, "note": link.note, "file": str(path)}


def _check_result(path: Path, text: str, expected: int) -> None:
    """Parse the new text as the loader will; refuse to write anything it would reject."""
    from .load import Source
    from .limits import DEFAULT_LIMITS
    from .model import LinksFile

    problems: list[Any] = []
    src = Source(path, problems)
    data = src.parse(text.encode("utf-8"), DEFAULT_LIMITS)
    parsed = None if problems else src.convert(LinksFile, data)
    if problems or parsed is None or len(parsed.links) != expected:
        raise UsageError(f"cannot append to {path}: it is not a plain block list under 'links:'; "
                         "add the link by hand") from (InputError(problems) if problems else None)
