"""`roa-evidence source`: one work, its appraisal and the claims citing it."""

from __future__ import annotations

import typer

from ..common import CitationKeyArg, DetailFormat, DetailFormatOpt, connection
from ..output import render
from ..results import Detail


def source(
    ctx: typer.Context, key: CitationKeyArg, fmt: DetailFormatOpt = DetailFormat.table
) -> None:
    """Show one work: bibliographic record, appraisal, citation issues and the claims citing it.

    Example: roa-evidence source chilukuri2014acute
    """
    # lazy: SQLAlchemy; the CLI starts without it
    from ...query.queries import get_work

    with connection(ctx) as conn:
        work = get_work(conn, key)
    render(Detail(work), fmt)
