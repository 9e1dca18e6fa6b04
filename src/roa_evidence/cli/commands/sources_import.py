"""`roa-evidence sources [import FILE]`: list the works, or add a reference manager's RIS
export to studies.bib. `..app` registers the group; the listing is `sources.sources`."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any

import typer

from ..common import data_dir, err
from .sources import sources

sources_app = typer.Typer(rich_markup_mode=None)


@sources_app.callback(invoke_without_command=True)
@functools.wraps(sources)
def list_sources(ctx: typer.Context, **options: Any) -> None:
    if ctx.invoked_subcommand is None:  # `sources import ...` lists nothing
        sources(ctx=ctx, **options)


list_sources.__doc__ = (sources.__doc__ or "") + (
    "\n\n    `sources import FILE.ris` adds a reference manager's export to studies.bib."
)


@sources_app.command("import")
def import_(
    ctx: typer.Context,
    ris_file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.ris",
            dir_okay=False,
            help="An RIS export: Zotero, EndNote, Mendeley, Covidence, Rayyan, PubMed, Embase, "
            "Scopus, Ovid, ProQuest, Web of Science.",
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Say what would be added and skipped; write nothing."),
    ] = False,
) -> None:
    """Add the references of an RIS file to the base's studies.bib, not yet appraised.

    Keys are made from author, year and title (clements1982bioavailability); title,
    authors, year, journal, volume, issue, pages, DOI, PubMed id and abstract are kept.
    A reference already in the base (same DOI, PubMed id or title) is skipped and named.
    A malformed file changes nothing. `validate` then lists what each new entry needs.

    Example: roa-evidence --data mybase sources import scopus.ris
    """
    # lazy: pydantic, bibtexparser and rispy; the CLI starts without them
    from ...interchange.importing import import_references

    summary = import_references(data_dir(ctx), ris_file, dry_run=dry_run)
    for duplicate in summary.duplicates:
        ref = duplicate.reference
        err(
            f"skipped: {ris_file.name} record {ref.record} (line {ref.line}) "
            f"'{_short(ref.title or '')}': {duplicate.reason} as {duplicate.key}"
        )
    verb = "Would add" if dry_run else "Added"
    added = len(summary.added)
    print(
        f"{verb} {added} {'entry' if added == 1 else 'entries'} to studies.bib from "
        f"{ris_file.name}; skipped {len(summary.duplicates)} already in the base."
    )
    for key, _ in summary.added:
        print(f"  {key}")
    if added and not dry_run:
        print("Appraise them (design, n, blinding, ...): roa-evidence validate lists each one.")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
