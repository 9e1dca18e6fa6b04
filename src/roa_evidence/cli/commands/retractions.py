"""`roa-evidence retractions import|diff`: Retraction Watch notices in, and what they changed.

The library does the work (`roa_evidence.retractions`); these commands parse,
call and render. `..app` registers the group.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..common import DetailFormat, DetailFormatOpt, connection, data_dir, err, settings
from ..output import emit_json
from ..progress import progress

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
) -> None:
    """Replace the imported notices with this Retraction Watch file and regrade every claim.

    Works are matched by DOI (any case, with or without https://doi.org/ or doi:)
    and by PubMed id. The notices stay in the database across rebuilds until the
    next import; a bad file changes nothing.

    Example: roa-evidence retractions import retraction_watch.csv
    """
    from ...retractions.importing import import_retractions
    from ...store.connection import default_db_url
    from ...store.database import Store

    base = data_dir(ctx)
    store = Store(settings(ctx).db_url or default_db_url(base))
    try:
        with progress("Importing notices") as bar:
            summary = import_retractions(store, base, csv_file, progress=bar.stage)
    finally:
        store.close()
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


@retractions_app.command("diff")
def diff(
    ctx: typer.Context,
    fmt: DetailFormatOpt = DetailFormat.table,
) -> None:
    """List the claims whose certainty or status the latest import changed, before and after.

    Example: roa-evidence retractions diff --format json
    """
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
    from ..plain import grid

    print(f"Changed by the import of {facts.get('imported_at')} ({Path(facts['file']).name}):")
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
