"""`roa-evidence claims`: list claims, narrowed by any of the filters."""

from __future__ import annotations

import typer

from ..common import EVERY_FILTER, FilterOptions, Format, FormatOpt, connection, with_filters
from ..output import render
from ..results import ClaimList


@with_filters(*EVERY_FILTER, "retracted")
def claims(ctx: typer.Context, filters: FilterOptions, fmt: FormatOpt = Format.table) -> None:
    """List claims with their certainty and status, narrowed by any of the filters.

    Example: roa-evidence claims --route IM,IV --all-routes --topic efficacy
    """
    # lazy: SQLAlchemy; the CLI starts without it
    from ...query.queries import find_claims

    flt = filters.parse()
    with connection(ctx) as conn:
        # the table shows no quotes or evidence: leave them out, it is much quicker
        found = find_claims(conn, flt, details=fmt is not Format.table)
    render(ClaimList(found), fmt)
