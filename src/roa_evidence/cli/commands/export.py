"""`roa-evidence export`: evidence out of the tool, for spreadsheets, pandas, R,
reference managers and manuscripts."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ...errors import EvidenceError
from ..common import EVERY_FILTER, FilterOptions, connection, data_dir, err, fail, with_filters


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    md = "md"
    bib = "bib"
    csl_json = "csl-json"
    robvis = "robvis"
    ris = "ris"
    fhir = "fhir"
    annotations = "annotations"
    html = "html"


class ExportWhat(StrEnum):
    evidence = "evidence"
    claims = "claims"
    sources = "sources"
    profile = "profile"


class GroupBy(StrEnum):
    route = "route"
    topic = "topic"


_RECORDS = {
    "csv": "rows",
    "md": "table rows",
    "json": "records",
    "bib": "BibTeX entries",
    "csl-json": "CSL items",
    "robvis": "studies",
    "ris": "RIS records",
    "fhir": "FHIR resources",
    "annotations": "annotations",
    "html": "findings",
}
# What each format can export; the first is its default.
_WHATS = {
    "csv": ("evidence", "claims", "sources", "profile"),
    "json": ("claims", "sources"),
    "md": ("claims", "sources", "profile"),
    "bib": ("cited", "sources"),
    "csl-json": ("cited", "sources"),
    "robvis": ("cited",),
    "ris": ("cited", "sources"),
    "fhir": ("cited",),
    "annotations": ("cited",),
    "html": ("profile",),
}
_WHY_NOT = {
    "json": "a JSON export holds each claim with its evidence already",
    "md": "a Summary-of-Findings table lists each claim with its evidence already",
    "bib": "a bibliography holds works: those the matching claims cite, or every work with "
    "--what sources",
    "csl-json": "a bibliography holds works: those the matching claims cite, or every work "
    "with --what sources",
    "robvis": "a robvis table holds one row per study the matching claims cite",
    "ris": "RIS holds works: those the matching claims cite, or every work with --what sources",
    "fhir": "a FHIR Bundle holds the matching findings with the works they cite",
    "annotations": "the annotations are the matching claims' quotes",
    "html": "the HTML export is the GRADE evidence profile",
}


def _what_for(fmt: ExportFormat, what: ExportWhat | None) -> str:
    """The --what the format will export, or one sentence refusing a --what it ignores."""
    allowed = _WHATS[fmt.value]
    if what is None:
        return allowed[0]
    if what.value not in allowed:
        takes = [w for w in allowed if w != "cited"]
        instead = f"; use --what {' or --what '.join(takes)}" if takes else ""
        fail(
            f"--what {what.value} has no effect with --format {fmt.value} "
            f"({_WHY_NOT[fmt.value]}){instead}"
        )
    return what.value


@with_filters(*EVERY_FILTER)
def export(
    ctx: typer.Context,
    filters: FilterOptions,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv (spreadsheets, pandas, R), json, md (Summary-of-Findings "
            "tables), bib (BibTeX), csl-json (citeproc, Zotero, pandoc), robvis (the "
            'study-level risk-of-bias table R\'s robvis plots with tool = "Generic"), ris '
            "(reference managers), fhir (an EBM-on-FHIR R5 Bundle: citations, findings and "
            "their GRADE certainty), annotations (each quote as a W3C Web Annotation; "
            "needs --documents) or html (the evidence profile).",
        ),
    ] = ExportFormat.csv,
    what: Annotated[
        ExportWhat | None,
        typer.Option(
            "--what",
            "-w",
            help="csv: evidence (default; one row per claim x source link), claims (one row "
            "per claim), sources (one per work) or profile (a GRADE evidence profile, one row "
            "per finding); json: claims (default) or sources; md: claims (default), sources "
            "or profile; html: profile; bib and csl-json: sources for every work instead of "
            "the cited ones.",
        ),
    ] = None,
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
    documents: Annotated[
        Path | None,
        typer.Option(
            "--documents",
            metavar="DIR",
            file_okay=False,
            help="annotations only: the folder of the documents' text files (default: the "
            "`documents_dir` claims.yaml records).",
        ),
    ] = None,
    with_appraisal: Annotated[
        bool,
        typer.Option(
            "--with-appraisal",
            help="bib and csl-json only: add each work's appraisal (design, n, blinding, "
            "quality...) and curator's notes; without it they hold bibliographic fields only.",
        ),
    ] = False,
) -> None:
    """Export evidence, claims or sources as CSV, JSON, Markdown, BibTeX, CSL-JSON, a robvis
    risk-of-bias table, RIS, a FHIR Bundle or W3C Web Annotations, or a GRADE evidence
    profile (--what profile) as CSV, Markdown or HTML.

    Takes every filter `claims` takes. Without -o the export goes to stdout.

    Example: roa-evidence export --route IM --format csv -o im-evidence.csv
    """
    # lazy: tempfile and SQLAlchemy; the CLI starts without them
    from ...atomic import atomic_output
    from ...exporters import export as write_export

    if excel and fmt is not ExportFormat.csv:
        fail(f"--excel applies to CSV only, not --format {fmt.value}")
    if group_by is not None and fmt is not ExportFormat.md:
        fail(f"--group-by applies to --format md only, not --format {fmt.value}")
    if with_appraisal and fmt not in (ExportFormat.bib, ExportFormat.csl_json):
        fail(f"--with-appraisal applies to --format bib and csl-json only, not {fmt.value}")
    if documents is not None and fmt is not ExportFormat.annotations:
        fail(f"--documents applies to --format annotations only, not {fmt.value}")
    chosen = _what_for(fmt, what)
    if group_by is not None and chosen != "claims":
        fail(f"--group-by applies to the Summary-of-Findings tables only, not --what {chosen}")
    flt = filters.parse()
    placed: list[Any] = []
    if fmt is ExportFormat.annotations and documents is None:
        documents = _documents_dir(ctx)
    # A reader that leaves early (`export | head`) is handled once, for every command.
    with atomic_output(output, force=force) as stream, connection(ctx) as conn:
        count = write_export(
            conn,
            stream,
            fmt.value,
            "evidence" if chosen == "cited" else chosen,
            flt,
            group_by=(group_by or GroupBy.route).value,
            excel=excel,
            with_appraisal=with_appraisal,
            documents_dir=documents,
            on_placement=placed.append,
        )
    for placement in placed:
        _report_placement(placement)
    if count == 0:
        err("roa-evidence: nothing matches those filters; the export holds no records.")
    if output is not None and str(output) != "-":
        print(f"Exported {count} {_RECORDS[fmt.value]} ({chosen}) to {output}.", file=sys.stdout)


def _documents_dir(ctx: typer.Context) -> Path:
    """The documents folder claims.yaml records, or one sentence asking for --documents."""
    # lazy: pydantic and the parsers; the CLI starts without them
    from ...load.read import read_evidence_base

    try:
        recorded = read_evidence_base(data_dir(ctx)).documents_dir
    except EvidenceError:
        recorded = None  # the export itself says what is wrong with the base
    if recorded is None:
        fail(
            "--format annotations needs the documents' text: pass --documents DIR (or record "
            "`documents_dir: DIR` in claims.yaml)"
        )
    return recorded


def _report_placement(placement: Any) -> None:
    """Say which quotes were placed only approximately, and which not at all."""
    if placement.fuzzy:
        err(
            f"roa-evidence: {len(placement.fuzzy)} quotes placed approximately (their text "
            f"changed in the document): {'; '.join(placement.fuzzy)}."
        )
    if placement.orphans:
        err(
            f"roa-evidence: {len(placement.orphans)} quotes could not be placed (orphans, "
            f"exported without a position): {'; '.join(placement.orphans)}; "
            "run validate --documents DIR for the closest passages."
        )
