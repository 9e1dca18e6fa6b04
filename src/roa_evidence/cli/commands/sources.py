"""`roa-evidence sources`: list the works."""

from __future__ import annotations

from typing import Annotated

import typer

from ...vocab import parse_terms
from .. import completion
from ..common import Format, FormatOpt, connection
from ..output import render
from ..results import WorkList


def sources(
    ctx: typer.Context,
    design: Annotated[
        list[str] | None,
        typer.Option(
            "--design",
            metavar="DESIGN",
            autocompletion=completion.designs,
            help="Only works of this design (rct, pk-study, patient-reports, ...; aliases such "
            "as 'randomized' work). Repeatable, or comma-separated.",
        ),
    ] = None,
    min_n: Annotated[
        int | None,
        typer.Option(
            "--min-n", metavar="N", min=1, help="Only works with at least this many participants."
        ),
    ] = None,
    route: Annotated[
        list[str] | None,
        typer.Option(
            "--route",
            "-r",
            metavar="ROUTE",
            autocompletion=completion.routes,
            help="Only works about this route: their appraisal names it, or a claim about it "
            "cites or quotes them. Repeatable, or comma-separated.",
        ),
    ] = None,
    condition: Annotated[
        list[str] | None,
        typer.Option(
            "--condition",
            metavar="CONDITION",
            autocompletion=completion.conditions,
            help="Only works about this condition: their appraisal names it, or a claim about "
            "it cites or quotes them. Repeatable, or comma-separated.",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List the works (studies, reviews, documents) with design, n, flags and citing claims.

    Example: roa-evidence sources --route IM --design rct --min-n 20
    """
    # lazy: SQLAlchemy; the CLI starts without it
    from ...query.queries import find_works

    designs = parse_terms("design", design)
    routes = parse_terms("route", route)
    conditions = parse_terms("condition", condition)
    with connection(ctx) as conn:
        works = find_works(
            conn, design=designs or None, min_n=min_n, routes=routes, conditions=conditions
        )
    render(WorkList(works), fmt)
