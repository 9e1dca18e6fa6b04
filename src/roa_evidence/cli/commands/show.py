"""`roa-evidence show`: one claim, its quotes, evidence and grading."""

from __future__ import annotations

import typer

from ..common import ClaimIdArg, DetailFormat, DetailFormatOpt, connection
from ..output import render
from ..results import Detail


def show(
    ctx: typer.Context, claim_id: ClaimIdArg, fmt: DetailFormatOpt = DetailFormat.table
) -> None:
    """Show one claim: who asserts or disputes it (quotes), its evidence, and how it was graded.

    Example: roa-evidence show im-bioavailability-93
    """
    # lazy: SQLAlchemy; the CLI starts without it
    from ...query.queries import get_claim

    with connection(ctx) as conn:
        claim = get_claim(conn, claim_id)
    render(Detail(claim), fmt)
