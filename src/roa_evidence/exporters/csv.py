"""CSV: the evidence table (a row per link), a row per claim or a row per work.

The claim and work rows have the columns of `claims` and `sources --format csv`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ..query.tabular import CLAIM_COLUMNS, WORK_COLUMNS, claim_row, work_row, write_csv
from . import profile
from .evidence import EVIDENCE_COLUMNS, evidence_rows
from .read import Selection


def write(
    stream: TextIO, records: Iterable[Any], columns: tuple[str, ...], *, cells_safe: bool = False
) -> int:
    """The header `columns`, then a row per record (cells neutralised for spreadsheets
    unless `cells_safe` says they already are); rows written."""
    count = 0

    def counted() -> Iterator[Any]:
        nonlocal count
        for record in records:
            count += 1
            yield record

    write_csv(stream, columns, counted(), cells_safe=cells_safe)
    return count


def export(stream: TextIO, selection: Selection) -> int:
    """The selection's evidence rows, claims or works as CSV; rows written."""
    if selection.what == "profile":
        return profile.export_csv(stream, selection)
    if selection.what == "evidence":
        rows = evidence_rows(selection.conn, selection.flt)
        return write(stream, rows, EVIDENCE_COLUMNS, cells_safe=True)
    if selection.what == "claims":
        return write(stream, (claim_row(c) for c in selection.claims()), CLAIM_COLUMNS)
    return write(stream, (work_row(w) for w in selection.works()), WORK_COLUMNS)
