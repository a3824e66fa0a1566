"""`argmap compare AXIS`: every paper's position on one axis, in order."""

from __future__ import annotations

from typing import Mapping, Sequence

from ..model import Axis, Corpus, Paper, Reading
from ..outputs import (Cell, ClaimData, CompareData, CompareRow, Contrast, Order, PaperContrast, ReadingCell,
                       Side)
from ..views import claims_by_ref
from .evidence import Leans, profile, voiced_leans
from .positions import axis_data, resolve_axis


def evidence_data(paper: Paper, refs: list[str]) -> list[ClaimData]:
    """The claims a position cites, with role, text, quote and locator."""
    claims = claims_by_ref(paper)
    return [claims[r] for r in refs if r in claims]


def compare_axis(corpus: Corpus, name: str, evidence: bool = False, readings: Sequence[Reading] = (),
                 leans: Mapping[str, Leans] | None = None) -> CompareData:
    """Each paper's value on every address of the axis, papers ordered along the axis.

    Papers are sorted by their value on the axis's first address (low to
    high; unordered axes keep the order of values), silent papers last, then
    by year and id. `evidence` adds the cited claims with their quotes;
    `readings` (argmap.readings) add each reading's position and mark the
    cells a reading contests (another value, `unstated` included).
    `leans`: each paper's `evidence.voiced_leans` by id, to compare many axes reading each paper once.
    """
    axis = resolve_axis(corpus, name)
    order: dict[int | str | None, int] = {v: i for i, v in enumerate(axis.value_ids)}
    rows: list[CompareRow] = []
    for paper in corpus.papers.values():
        paper_leans = leans[paper.id] if leans is not None else voiced_leans(paper)
        positions: dict[str, Cell] = {}
        for address in axis.addresses:
            subject = address.partition(".")[2] or None
            position = paper.positions.get(address)
            value = position.value if position is not None else None
            item: Cell = {
                "value": value if value != "unstated" else None,
                "stated": position is not None and position.stated,
                "label": axis.label(position.value) if position is not None and position.stated else "unstated",
                "note": position.note if position is not None else "",
                "evidence": list(position.evidence) if position is not None else [],
                "profile": profile(corpus, paper, address, paper_leans),
            }
            if evidence and position is not None:
                item["claims"] = evidence_data(paper, position.evidence)
            if readings:
                item["readings"] = _read(readings, paper.id, address)
                item["contested"] = any(r["value"] != item["value"] for r in item["readings"])
            positions[subject or axis.id] = item
        rows.append({"paper": paper.id, "authors": paper.authors, "year": paper.year, "positions": positions})

    first = (axis.subjects or [axis.id])[0]

    def sort_key(row: CompareRow) -> tuple[bool, int, int, str]:
        p = row["positions"][first]
        return (not p["stated"], order.get(p["value"], len(order)), row["year"], row["paper"])

    rows.sort(key=sort_key)
    return {"axis": axis_data(axis), "keys": list(rows[0]["positions"]) if rows else [], "papers": rows,
            "contrasts": contrasts(axis, rows)}


def _order(x: float | None, y: float | None) -> Order | None:
    if x is None or y is None:
        return None
    return "higher" if x > y else "lower" if x < y else "equal"


def _count(orders: list[Order | None]) -> Side:
    return {"higher": orders.count("higher"), "equal": orders.count("equal"), "lower": orders.count("lower")}


def _total(side: Side) -> int:
    return side["higher"] + side["equal"] + side["lower"]


def _summary(claim: str, coded: Side, by_evidence: Side) -> str | None:
    """The counts across papers, each over the papers it can compare; None when neither can compare any."""
    halves = [f"in {side['higher']} of {_total(side)} papers by {by} (equal in {side['equal']}, "
              f"the other way in {side['lower']})"
              for side, by in ((coded, "coded value"), (by_evidence, "own-voice evidence")) if _total(side)]
    return f"{claim} {'; '.join(halves)}" if halves else None


def contrasts(axis: Axis, rows: list[CompareRow]) -> list[Contrast]:
    """For each pair of subjects, which sits higher in each paper, by coded value and by evidence."""
    if not axis.ordered or len(axis.subjects) < 2:
        return []
    out: list[Contrast] = []
    top = axis.value_ids[-1]
    for i, a in enumerate(axis.subjects):
        for b in axis.subjects[i + 1:]:
            papers: list[PaperContrast] = []
            for row in rows:
                ca, cb = row["positions"][a], row["positions"][b]
                papers.append({
                    "paper": row["paper"],
                    "coded": _order(axis.rank(ca["value"]) if ca["stated"] and ca["value"] is not None else None,
                                    axis.rank(cb["value"]) if cb["stated"] and cb["value"] is not None else None),
                    "evidence": _order(ca["profile"]["mean"], cb["profile"]["mean"]),
                })
            coded, by_evidence = _count([p["coded"] for p in papers]), _count([p["evidence"] for p in papers])
            out.append({"a": a, "b": b, "toward": top, "papers": papers, "coded": coded, "evidence": by_evidence,
                        "summary": _summary(f"{a} nearer {top} than {b}", coded, by_evidence)})
    return out


def _read(readings: Sequence[Reading], paper_id: str, address: str) -> list[ReadingCell]:
    """Each reading's position on one cell, for the readings that code it."""
    out: list[ReadingCell] = []
    for reading in readings:
        read = reading.papers.get(paper_id)
        position = read.positions.get(address) if read is not None else None
        if position is not None:
            out.append({"reading": reading.reading, "value": position.value if position.stated else None,
                        "stated": position.stated, "evidence": list(position.evidence), "note": position.note})
    return out
