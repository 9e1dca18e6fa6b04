"""`roa-evidence gaps`: the claims that lack strong support."""

from __future__ import annotations

from typing import Annotated

import typer

from ..common import FilterOptions, Format, FormatOpt, connection, with_filters
from ..output import render
from ..results import GapList


@with_filters("route", "all_routes", "topic", "condition", "status", "fail", "unjudged")
def gaps(
    ctx: typer.Context,
    filters: FilterOptions,
    fail: Annotated[
        bool,
        typer.Option(
            "--fail", help="Exit 1 when any claim lacks strong support or cites a retracted work."
        ),
    ] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """List findings that are not strong and descriptions not confirmed, most asserted first.

    Findings: contradicted, very_uncertain, contested, unsupported or weak; descriptions: refuted
    or unchecked. The summary counts each kind apart; with --format json the
    output is {"summary": {kind: {status: count}}, "claims": [...]}.

    Claims citing a retracted work are listed too, whatever their grade (unless --status).

    Example: roa-evidence gaps --route IM --fail
    """
    # lazy: SQLAlchemy; the CLI starts without it
    from ...query.queries import count_by_kind, summary_text
    from ...query.queries import gaps as find_gaps

    flt = filters.parse()
    with connection(ctx) as conn:
        found = find_gaps(conn, flt)
    counts = count_by_kind(found)
    result = GapList(
        found,
        empty="No gaps: every matching finding is strong and every description confirmed.",
        title=f"{len(found)} claims lack strong support: {summary_text(counts)}",
        summary=counts,
    )
    render(result, fmt)
    if fail and found:
        raise typer.Exit(1)
