"""Positions-only readings: a second reader's positions over a corpus's maps.

A reading is one YAML file (format: docs/readings.md): for each paper it
read, a position per axis address citing the map's own claim ids, plus any
new claims the reader needed as evidence. It never changes the maps; `agree`
compares it with them, and `compare --reading` marks the cells it contests.
Readings shipped with a corpus live in its `readings/` folder.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError, Problem, UsageError, did_you_mean
from .limits import limits_from_env
from .load import Source, _check_address, display
from .model import Claim, Corpus, Reading, walk

READINGS_DIR = "readings"


def reading_files(corpus: Corpus) -> dict[str, Path]:
    """The readings shipped with each layer of the corpus (`<layer>/readings/*.yaml`), by file stem."""
    found: dict[str, Path] = {}
    for layer in corpus.layers or []:
        folder = layer.root / READINGS_DIR
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                found.setdefault(path.stem, path)
    return found


def find_reading(corpus: Corpus, name: str) -> Path:
    """A reading by file path, or by name among the corpus's readings."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return path
    shipped = reading_files(corpus)
    if name in shipped:
        return shipped[name]
    known = f"{did_you_mean(name, list(shipped))} " if shipped else ""
    raise UsageError(f"no reading or corpus named '{name}'; {known}(name a corpus folder, 'bundled', "
                     "a reading file, or a reading in the corpus's readings/ folder)")


def load_reading(path: Path, corpus: Corpus) -> Reading:
    """Load a reading and check it against the corpus; raise InputError listing every problem."""
    problems: list[Problem] = []
    src = Source(Path(path), problems)
    reading: Reading | None = src.convert(Reading, src.read(limits_from_env()))
    if reading is not None:
        _check_reading(reading, corpus, src)
    if problems or reading is None:
        raise InputError(sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0)))
    return reading


def _check_reading(reading: Reading, corpus: Corpus, src: Source) -> None:
    for pid, read in reading.papers.items():
        at = ("papers", pid)
        paper = corpus.papers.get(pid)
        if paper is None:
            src.report(at, f"unknown paper '{pid}' (the reading is over {display(corpus.root)})",
                       did_you_mean(pid, list(corpus.papers)), at_key=True)
            continue
        ids = {n.claim.id for n in paper.claims()}
        new: set[str] = set()
        for i, claim in enumerate(read.claims):
            for node in walk(claim):
                cid = node.claim.id
                if cid in ids or cid in new:
                    src.report(at + ("claims", i, "id"), f"claim id '{cid}' is already used in {pid}",
                               "give a new claim a new id (x1, x2, …)")
                new.add(cid)
                for address, value in node.claim.lean.items():
                    _check_address(address, value, corpus.axes, src, at + ("claims", i, "lean", address), False)
        known = ids | new

        def check_ref(ref: str, key: tuple[object, ...]) -> None:
            if ref not in known:
                src.report(key, f"unknown claim '{ref}' in {pid}",
                           did_you_mean(ref, sorted(known)) + " (cite the map's claims or add one under claims)")

        for address, position in read.positions.items():
            key = at + ("positions", address)
            _check_address(address, position.value, corpus.axes, src, key, allow_unstated=True)
            if position.stated and not position.evidence:
                src.report(key, f"position on '{address}' has no evidence",
                           "list the claim ids that justify it, or write 'unstated'")
            for j, ref in enumerate(position.evidence):
                check_ref(ref, key + ("evidence", j))
        for j, tension in enumerate(read.tensions or []):
            check_ref(tension.a, at + ("tensions", j, "a"))
            check_ref(tension.b, at + ("tensions", j, "b"))


def open_readings(corpus: Corpus, names: list[str]) -> list[Reading]:
    """Readings by file or name (see `find_reading`), each checked against the corpus."""
    return [load_reading(find_reading(corpus, name), corpus) for name in names]


def new_claims(reading: Reading, paper_id: str) -> list[Claim]:
    """The claims a reading adds to a paper (nested ones included), in file order."""
    read = reading.papers.get(paper_id)
    return [node.claim for claim in (read.claims if read else []) for node in walk(claim)]
