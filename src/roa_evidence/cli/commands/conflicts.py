"""`roa-evidence conflicts`: disputed or contradicted claims, both sides shown."""

from __future__ import annotations

import typer

from ..common import FilterOptions, ViewFormat, ViewFormatOpt, connection, with_filters
from ..output import render
from ..results import conflicts_output


@with_filters("route", "topic")
def conflicts(
    ctx: typer.Context, filters: FilterOptions, fmt: ViewFormatOpt = ViewFormat.table
) -> None:
    """List claims a document disputes or evidence contradicts, the two sides next to each other.

    Example: roa-evidence conflicts --route IM --topic efficacy
    """
    # lazy: SQLAlchemy and the views; the CLI starts without them
    from ...query.queries import find_claims
    from ...query.views import conflicts as find_conflicts

    with connection(ctx) as conn:
        found = find_conflicts(find_claims(conn, filters.parse()))
    render(conflicts_output(found), fmt)
