"""Flat, spreadsheet-safe rows of claims and works, and a CSV writer for them.

Shared by `claims` and `sources --format csv` and the exports: the column order here
is the documented, stable order of those CSVs (the evidence table's is in
`exporters/evidence.py`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any, TextIO

from .records import ClaimRecord, WorkRecord, retraction_text

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)  # each start is one character

CLAIM_COLUMNS = (
    "claim_id",
    "statement",
    "routes",
    "topic",
    "condition",
    "certainty",
    "status",
    "total_n",
    "n_sources",
    "asserted_by",
    "disputed_by",
    "kind",  # appended so that existing column positions hold
    "certainty_against",
    "retraction",
    "unverified_sources",  # linked sources whose appraisal is an unverified record
)
_CLAIM_ROW: Callable[[dict[str, Any]], tuple[Any, ...]] = itemgetter(*CLAIM_COLUMNS)
WORK_COLUMNS = (
    "key",
    "type",
    "title",
    "authors",
    "year",
    "container",
    "doi",
    "pmid",
    "url",
    "design",
    "n",
    "blinding",
    "population",
    "condition",
    "routes",
    "quality",
    "verification",
    "citation_issue",
    "cited_by",
    "retraction",
)


def safe_cell(value: Any) -> str:
    """A cell as text, neutralised (a leading apostrophe) if a spreadsheet would run it.

    Numbers are written as numbers; a negative number is data, not a formula.
    """
    if type(value) is str:  # most cells: checked first, an export calls this per cell
        return "'" + value if value[:1] in _FORMULA_FIRST else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def effect_text(effect: dict[str, Any] | None) -> str:
    """`RR 0.77 (95% CI 0.6 to 0.99); 6 studies, n 1365`, or "" when there is none."""
    if not effect:
        return ""
    text = (
        f"{effect['measure']} {effect['estimate']:g} "
        f"(95% CI {effect['low']:g} to {effect['high']:g})"
    )
    extras = [
        template.format(effect[key])
        for key, template in (("n_studies", "{} studies"), ("n", "n {}"), ("events", "{} events"))
        if effect.get(key) is not None
    ]
    return text + (f"; {', '.join(extras)}" if extras else "")


def claim_row(claim: ClaimRecord) -> tuple[Any, ...]:
    """The claim's `CLAIM_COLUMNS`, each named with its value."""
    cells = {
        "claim_id": claim.id,
        "statement": claim.statement,
        "routes": ";".join(claim.routes),
        "topic": claim.topic,
        "condition": claim.condition,
        "certainty": claim.certainty,
        "status": claim.status,
        "total_n": claim.total_n,
        "n_sources": len(claim.evidence),
        "asserted_by": ";".join(dict.fromkeys(a.document for a in claim.asserted_by)),
        "disputed_by": ";".join(dict.fromkeys(a.document for a in claim.disputed_by)),
        "kind": claim.kind,
        "certainty_against": claim.certainty_against,
        "retraction": "; ".join(retraction_text(notice) for notice in claim.retraction),
        "unverified_sources": ";".join(
            dict.fromkeys(e.source for e in claim.evidence if e.verification == "unverified")
        ),
    }
    return _CLAIM_ROW(cells)


def work_row(work: WorkRecord) -> tuple[Any, ...]:
    """The work's `WORK_COLUMNS`, taken by name from its JSON: lists joined with ";", the
    retraction in force as text."""
    data = work.to_dict()
    return tuple(_cell(data[column]) for column in WORK_COLUMNS)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, dict):
        return retraction_text(value)
    return value


def write_csv(
    stream: TextIO,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    cells_safe: bool = False,
) -> None:
    """RFC 4180 CSV (CRLF line ends, minimal quoting) with every cell made safe.

    `cells_safe` says the rows were neutralised already (by the query that made them),
    so they go to the writer as they are; None is written as an empty cell.
    """
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows if cells_safe else (map(safe_cell, row) for row in rows))
