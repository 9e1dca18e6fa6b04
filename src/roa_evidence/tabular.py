"""Flat, spreadsheet-safe rows of claims and works, and a CSV writer for them.

Shared by `claims --format csv` and the exports: the column order here is the
documented, stable order of every CSV roa-evidence writes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from .queries import ClaimView, WorkView

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CLAIM_COLUMNS = ("claim_id", "statement", "routes", "topic", "condition", "certainty",
                 "status", "total_n", "n_sources", "asserted_by", "disputed_by")
WORK_COLUMNS = ("key", "type", "title", "authors", "year", "container", "doi", "pmid", "url",
                "design", "n", "blinding", "population", "condition", "routes", "quality",
                "verification", "citation_issue", "cited_by")


def safe_cell(value: Any) -> str:
    """A cell as text, neutralised (a leading apostrophe) if a spreadsheet would run it.

    Numbers are written as numbers; a negative number is data, not a formula.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def claim_row(claim: ClaimView) -> tuple[Any, ...]:
    return (
        claim.id, claim.statement, ";".join(claim.routes), claim.topic, claim.condition,
        claim.certainty, claim.status, claim.total_n, len(claim.evidence),
        ";".join(dict.fromkeys(a.document for a in claim.asserted_by)),
        ";".join(dict.fromkeys(a.document for a in claim.disputed_by)),
    )


def work_row(work: WorkView) -> tuple[Any, ...]:
    return (
        work.key, work.entry_type, work.title, work.authors, work.year, work.container,
        work.doi, work.pmid, work.url, work.design, work.n, work.blinding, work.population,
        work.condition, ";".join(work.routes), ";".join(work.quality), work.verification,
        work.citation_issue, ";".join(work.cited_by),
    )


def write_csv(stream: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """RFC 4180 CSV (CRLF line ends, minimal quoting) with every cell made safe."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
