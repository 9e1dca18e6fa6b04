"""`roa-evidence compare`: routes side by side, topic by topic."""

from __future__ import annotations

from typing import Annotated

import typer

from ...vocab import parse_terms
from .. import completion
from ..common import FilterOptions, ViewFormat, ViewFormatOpt, connection, fail, with_filters
from ..output import render
from ..results import comparison_output


@with_filters("topic")
def compare(
    ctx: typer.Context,
    routes: Annotated[
        list[str],
        typer.Argument(
            metavar="ROUTE ROUTE...",
            autocompletion=completion.routes,
            help="Two or more routes (IV, IM, IN, oral, SL, rectal, SC).",
        ),
    ],
    filters: FilterOptions,
    fmt: ViewFormatOpt = ViewFormat.table,
) -> None:
    """Compare routes side by side, topic by topic: each route's claims with their certainty.

    Claims naming two or more of the routes (head-to-head claims) get their own column.

    Example: roa-evidence compare IM IV --topic efficacy --topic duration
    """
    # lazy: SQLAlchemy and the views; the CLI starts without them
    from ...query.queries import ClaimFilter, find_claims
    from ...query.views import compare as compare_routes

    wanted = parse_terms("route", routes)
    if len(wanted) < 2:
        fail(f"compare needs two different routes, not only {', '.join(wanted)}")
    topics = parse_terms("topic", filters.topic)
    with connection(ctx) as conn:
        found = find_claims(conn, ClaimFilter(routes=wanted, topics=topics))
    comparison = compare_routes(found, wanted, topics)
    render(comparison_output(comparison, f"No claims about {' or '.join(wanted)}."), fmt)
