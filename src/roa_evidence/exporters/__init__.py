"""Exports for reviewers: CSV, JSON, Markdown, BibTeX, CSL-JSON, a robvis table, RIS,
FHIR (EBM-on-FHIR), W3C Web Annotations and a GRADE evidence profile (CSV, Markdown or
HTML).

One module per format, each with `write(stream, records)` (records in, text out, one
record in hand at a time) and `export(stream, selection)` (which reads its records
through `read.Selection`). `EXPORTERS` is the registry; `export` is the one call the
CLI makes. Files are written whole or not at all with `atomic.atomic_output`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.engine import Connection

from ..query.queries import ClaimFilter
from . import bibtex, csl, csv, fhir, json, markdown, profile, ris, robvis, webannotation
from .read import BATCH, Selection

__all__ = ["BATCH", "EXPORTERS", "FORMATS", "GROUPS", "WHATS", "Selection", "export"]

# format name -> its exporter, in the order the CLI offers them
EXPORTERS: dict[str, Callable[[TextIO, Selection], int]] = {
    "csv": csv.export,
    "json": json.export,
    "md": markdown.export,
    "bib": bibtex.export,
    "csl-json": csl.export,
    "robvis": robvis.export,
    "ris": ris.export,
    "fhir": fhir.export,
    "annotations": webannotation.export,
    "html": profile.export_html,  # the evidence profile only
}
FORMATS = tuple(EXPORTERS)
WHATS = ("evidence", "claims", "sources", "profile")
GROUPS = ("route", "topic")
EXCEL_BOM = "\ufeff"


def export(
    conn: Connection,
    stream: TextIO,
    fmt: str = "csv",
    what: str = "evidence",
    flt: ClaimFilter | None = None,
    *,
    group_by: str = "route",
    excel: bool = False,
    batch_size: int = BATCH,
    with_appraisal: bool = False,
    documents_dir: Path | None = None,
    on_placement: Callable[[Any], None] | None = None,
) -> int:
    """Write `what` (evidence, claims or sources) matching `flt` as `fmt` to `stream`.

    Returns the records written: CSV and Markdown rows, JSON records, bibliography entries.
    BibTeX and CSL-JSON hold the works the matching claims cite or quote, or with `what`
    "sources" and no filter, every work; bibliographic fields only, unless `with_appraisal`.
    robvis holds a row per work the matching claims cite as evidence. RIS holds works as
    BibTeX does; FHIR a Bundle of the matching findings, their certainty and the works they
    cite; annotations the matching claims' quotes placed in the texts in `documents_dir`
    (`on_placement` is told how they were placed).
    """
    if fmt not in FORMATS or what not in WHATS or group_by not in GROUPS:
        raise ValueError(f"format {fmt!r}, what {what!r}, group_by {group_by!r}")
    _consistent_snapshot(conn)
    selection = Selection(
        conn,
        what,
        flt or ClaimFilter(),
        group_by,
        batch_size,
        with_appraisal,
        documents_dir,
        on_placement,
    )
    if excel:
        stream.write(EXCEL_BOM)
    return EXPORTERS[fmt](stream, selection)


def _consistent_snapshot(conn: Connection) -> None:
    """On PostgreSQL, read every batch from one snapshot, so a concurrent rebuild between
    batches cannot mix two versions of the evidence base (SQLite's swap-by-rename already
    leaves an open connection on the old file)."""
    if conn.dialect.name == "postgresql" and not conn.in_transaction():
        conn.execution_options(isolation_level="REPEATABLE READ")
