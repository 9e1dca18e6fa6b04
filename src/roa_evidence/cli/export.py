"""`roa-evidence export`: evidence out of the tool, for spreadsheets, pandas, R,
reference managers and manuscripts. It registers itself on the app."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import (
    ConditionOpt,
    DocumentOpt,
    MinCertaintyOpt,
    RouteOpt,
    SearchOpt,
    SourceOpt,
    StatusOpt,
    TopicOpt,
    _connection,
    _err,
    _fail,
    app,
    claim_filter,
)


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    md = "md"
    bib = "bib"
    csl_json = "csl-json"


class ExportWhat(StrEnum):
    evidence = "evidence"
    claims = "claims"
    sources = "sources"


class GroupBy(StrEnum):
    route = "route"
    topic = "topic"


_RECORDS = {
    "csv": "rows",
    "md": "table rows",
    "json": "records",
    "bib": "BibTeX entries",
    "csl-json": "CSL items",
}


@app.command()
def export(
    ctx: typer.Context,
    route: RouteOpt = None,
    topic: TopicOpt = None,
    condition: ConditionOpt = None,
    status: StatusOpt = None,
    min_certainty: MinCertaintyOpt = None,
    source: SourceOpt = None,
    document: DocumentOpt = None,
    search: SearchOpt = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv (spreadsheets, pandas, R), json, md (Summary-of-Findings "
            "tables), bib (BibTeX) or csl-json (citeproc, Zotero, pandoc).",
        ),
    ] = ExportFormat.csv,
    what: Annotated[
        ExportWhat,
        typer.Option(
            "--what",
            "-w",
            help="evidence: one row per claim x source link; claims: one row per "
            "claim; sources: one per work (BibTeX and CSL-JSON: every work, instead of the cited "
            "ones).",
        ),
    ] = ExportWhat.evidence,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            dir_okay=False,
            help="Write to this file (atomically) instead of stdout.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the --output file if it exists.")
    ] = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="CSV only: start with the byte-order mark Excel needs to read UTF-8."
        ),
    ] = False,
    group_by: Annotated[
        GroupBy | None,
        typer.Option("--group-by", help="md only: one table per route (default) or per topic."),
    ] = None,
) -> None:
    """Export evidence, claims or sources as CSV, JSON, Markdown, BibTeX or CSL-JSON.

    Takes every filter `claims` takes. Without -o the export goes to stdout.

    Example: roa-evidence export --route IM --format csv -o im-evidence.csv
    """
    from ..export import atomic_output
    from ..export import export as write_export

    if excel and fmt is not ExportFormat.csv:
        _fail(f"--excel applies to CSV only, not --format {fmt.value}")
    if group_by is not None and fmt is not ExportFormat.md:
        _fail(f"--group-by applies to --format md only, not --format {fmt.value}")
    flt = claim_filter(route, topic, condition, status, min_certainty, source, document, search)
    # A reader that leaves early (`export | head`) is handled once, for every command.
    with atomic_output(output, force=force) as stream, _connection(ctx) as conn:
        count = write_export(
            conn,
            stream,
            fmt.value,
            what.value,
            flt,
            group_by=(group_by or GroupBy.route).value,
            excel=excel,
        )
    if count == 0:
        _err("roa-evidence: nothing matches those filters; the export holds no records.")
    if output is not None and str(output) != "-":
        print(
            f"Exported {count} {_RECORDS[fmt.value]} ({what.value}) to {output}.", file=sys.stdout
        )
