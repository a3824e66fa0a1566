"""`argmap matrix`: how much each pair of papers agrees, across axes and links."""

from __future__ import annotations

from ..model import Corpus
from ..outputs import MatrixCell, MatrixData
from .positions import agreement, stated


def matrix(corpus: Corpus) -> MatrixData:
    """Paper x paper cells: mean position agreement (0-1) and curated link counts.

    Agreement averages `positions.agreement` over the addresses both papers
    state; None when they share none. The diagonal is left empty.
    """
    papers = corpus.chronological()
    links: dict[frozenset[str], dict[str, int]] = {}
    for link in corpus.links:
        key = frozenset(link.papers)
        counts = links.setdefault(key, {"agrees": 0, "contradicts": 0, "refines": 0, "same": 0})
        counts[link.relation] += 1

    cells: list[list[MatrixCell | None]] = []
    for a in papers:
        row: list[MatrixCell | None] = []
        for b in papers:
            if a.id == b.id:
                row.append(None)
                continue
            scores, converge = [], 0
            for address in corpus.addresses:
                pa, pb = stated(a, address), stated(b, address)
                if pa is None or pb is None:
                    continue
                axis, _ = corpus.axis_of(address)
                scores.append(agreement(axis, pa.value, pb.value))
                converge += pa.value == pb.value
            counts = links.get(frozenset((a.id, b.id)), {})
            row.append({
                "agreement": round(sum(scores) / len(scores), 3) if scores else None,
                "shared_axes": len(scores),
                "converge": converge,
                "diverge": len(scores) - converge,
                "links_agree": counts.get("agrees", 0) + counts.get("same", 0),
                "links_contradict": counts.get("contradicts", 0),
                "links_refine": counts.get("refines", 0),
            })
        cells.append(row)
    return {"papers": [p.id for p in papers], "cells": cells}
