"""`roa-evidence report`: one self-contained HTML page of the evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..common import FilterOptions, connection, with_filters


@with_filters("route", "topic")
def report(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", dir_okay=False, help="The HTML file to write ('-' for stdout)."
        ),
    ],
    filters: FilterOptions,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="The page's title.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUTPUT if it exists.")] = False,
) -> None:
    """Write one self-contained HTML page: the evidence map, a study-quality chart, the
    conflicts, and every claim with its grading. It loads nothing from the network.

    Example: roa-evidence report -o report.html --force
    """
    # lazy: tempfile, SQLAlchemy and Jinja2; the CLI starts without them
    from ...atomic import atomic_output
    from ...query.queries import find_claims, find_works
    from ...report import write_report

    flt = filters.parse()
    with connection(ctx) as conn:
        claims = find_claims(conn, flt)
        works = find_works(conn)
    cited = {e.source for c in claims for e in c.evidence}
    works = [w for w in works if w.key in cited]
    with atomic_output(output, force=force) as stream:
        write_report(stream, claims, works, title)
    if str(output) != "-":
        print(f"Wrote {output}: {len(claims)} claims, {len(works)} cited works.")
