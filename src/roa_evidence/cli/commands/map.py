"""`roa-evidence map`: the evidence map, routes across and topics down."""

from __future__ import annotations

import typer

from ..common import FilterOptions, ViewFormat, ViewFormatOpt, connection, with_filters
from ..output import render
from ..results import map_output


@with_filters("route", "topic")
def map_(ctx: typer.Context, filters: FilterOptions, fmt: ViewFormatOpt = ViewFormat.table) -> None:
    """Draw the evidence map: routes across, topics down, each cell the number of claims
    and the best certainty among them.

    Example: roa-evidence map --route IV --route IM --route IN
    """
    # lazy: SQLAlchemy and the views; the CLI starts without them
    from ...query.queries import find_claims
    from ...query.views import evidence_map

    flt = filters.parse()
    with connection(ctx) as conn:
        found = find_claims(conn, flt)
    emap = evidence_map(found)
    if flt.routes:  # a claim about IM and IV keeps its IV cell out of an IM-only map
        emap = type(emap)(tuple(r for r in emap.routes if r in flt.routes), emap.topics, emap.cells)
    render(map_output(emap), fmt)
