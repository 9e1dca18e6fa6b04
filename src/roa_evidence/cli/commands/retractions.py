"""`roa-evidence retractions import|diff`: Retraction Watch notices in, and what they changed.

The library does the work (`roa_evidence.retractions`); these commands parse,
call and render. `..app` registers the group.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..common import DetailFormat, DetailFormatOpt, connection, err, open_database
from ..output import emit_json
from ..progress import progress

if TYPE_CHECKING:
    from ...retractions.importing import Change

retractions_app = typer.Typer(
    help="Import the Retraction Watch file and see which grades it changed.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@retractions_app.command("import")
def import_(
    ctx: typer.Context,
    csv_file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.csv",
            dir_okay=False,
            help="retraction_watch.csv as Crossref publishes it "
            "(gitlab.com/crossref/retraction-watch-data).",
        ),
    ],
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Import even if the file would drop most of the notices imported before "
            "(without it, such a file is taken for a truncated download and refused).",
        ),
    ] = False,
) -> None:
    """Replace the imported notices with this Retraction Watch file and regrade every claim.

    Works are matched by DOI (any case, with or without https://doi.org/ or doi:)
    and by PubMed id. The notices stay in the database across rebuilds until the
    next import; a bad file changes nothing, and a file that would drop most of the
    notices imported before is refused unless --replace (see first what it would
    change: roa-evidence retractions diff FILE.csv).

    Example: roa-evidence retractions import retraction_watch.csv
    """
    # lazy: the Retraction Watch reader; the CLI starts without it
    from ...retractions.importing import import_retractions

    db = open_database(ctx)
    try:
        with progress("Importing notices") as bar:
            summary = import_retractions(
                db.store, db.data_dir, csv_file, progress=bar.stage, replace=replace
            )
    finally:
        db.close()
    works = "work" if summary.works_matched == 1 else "works"
    claims = "claim" if summary.claims_changed == 1 else "claims"
    skipped = ""
    if summary.skipped:
        record = "record" if summary.skipped == 1 else "records"
        skipped = f" (skipped {summary.skipped:,} {record} naming neither a DOI nor a PubMed id)"
    print(
        f"Imported {summary.records:,} notice{'' if summary.records == 1 else 's'} from "
        f"{csv_file.name}{skipped}: "
        f"{summary.works_matched} {works} of the evidence base matched, "
        f"{summary.works_retracted} retracted; "
        f"{summary.claims_changed} {claims} changed grade (roa-evidence retractions diff)."
    )
    if summary.removed:
        print(
            f"{summary.removed:,} notices of the previous import are not in this file and "
            "were dropped."
        )


@retractions_app.command("diff")
def diff(
    ctx: typer.Context,
    csv_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE.csv]",
            dir_okay=False,
            help="A Retraction Watch file: show what importing it would change, without "
            "importing it.",
        ),
    ] = None,
    fmt: DetailFormatOpt = DetailFormat.table,
) -> None:
    """List the claims whose certainty or status the latest import changed, before and after;
    with FILE.csv, what importing that file would change (nothing is imported).

    Example: roa-evidence retractions diff --format json
    """
    if csv_file is not None:
        _preview(ctx, csv_file, fmt)
        return
    # lazy: the Retraction Watch reader; the CLI starts without it
    from ...retractions.importing import retraction_changes

    with connection(ctx) as conn:
        facts, changes = retraction_changes(conn)
    if fmt is DetailFormat.json:
        emit_json(
            {
                "imported_at": facts.get("imported_at"),
                "file": facts.get("file"),
                "changes": [change.to_dict() for change in changes],
            }
        )
        return
    if not facts:
        err("No Retraction Watch file imported yet; run: roa-evidence retractions import FILE.csv")
        return
    if not changes:
        err(f"The import of {facts.get('imported_at')} changed no claim's grade.")
        return

    print(f"Changed by the import of {facts.get('imported_at')} ({Path(facts['file']).name}):")
    _print_changes(changes)


def _preview(ctx: typer.Context, csv_file: Path, fmt: DetailFormat) -> None:
    # lazy: the Retraction Watch reader; the CLI starts without it
    from ...retractions.importing import preview_retractions

    db = open_database(ctx)
    try:
        with progress("Reading notices") as bar:
            preview = preview_retractions(db.store, db.data_dir, csv_file, progress=bar.stage)
    finally:
        db.close()
    if fmt is DetailFormat.json:
        emit_json(
            {
                "file": str(csv_file),
                "notices": preview.records,
                "notices_imported_now": preview.previous,
                "added": preview.added,
                "dropped": preview.removed,
                "changes": [change.to_dict() for change in preview.changes],
            }
        )
        return
    print(
        f"Importing {csv_file.name} would replace the {preview.previous:,} notices imported "
        f"now with {preview.records:,}: {preview.added:,} added, {preview.removed:,} dropped; "
        f"{len(preview.changes)} claim{'s' * (len(preview.changes) != 1)} would change grade"
        f"{':' if preview.changes else '.'}"
    )
    if preview.changes:
        _print_changes(preview.changes)


def _print_changes(changes: list[Change]) -> None:
    # lazy: csv; the CLI starts without it
    from ..piped import grid

    header = ("claim", "certainty before", "status before", "certainty after", "status after")
    rows = [
        [
            change.claim_id,
            change.certainty_before or "",
            change.status_before or "",
            change.certainty_after or "",
            change.status_after or "",
        ]
        for change in changes
    ]
    print(grid(header, rows), end="")
