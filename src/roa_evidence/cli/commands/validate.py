"""`roa-evidence validate`: check the evidence base's files, quotes included."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ...errors import InvalidData
from ..common import data_dir, err


def validate(
    ctx: typer.Context,
    documents: Annotated[
        Path | None,
        typer.Option(
            "--documents",
            metavar="DIR",
            file_okay=False,
            help="Folder with the documents' text files, to check every quote is verbatim "
            "(default: the `documents_dir` claims.yaml records, if any).",
        ),
    ] = None,
    unjudged: Annotated[
        bool,
        typer.Option(
            "--unjudged",
            help="Also list the supported claims graded on automatic judgements alone "
            "(no reviewer judgement, no override).",
        ),
    ] = False,
) -> None:
    """Check the evidence base's files and list every problem with file:line (exit 2 if any).

    Quotes are checked against the documents' text whenever their folder is known
    (--documents, or `documents_dir:` in claims.yaml); otherwise validate says so.

    Example: roa-evidence validate --documents ../shared/seeds
    """
    # lazy: pydantic and the parsers; the CLI starts without them
    from ...load.evidence_base import unjudged as find_unjudged
    from ...load.quotes import check_quotes, declared_documents_dir
    from ...load.read import read_evidence_base

    base_dir = data_dir(ctx)
    base = read_evidence_base(base_dir)  # raises InvalidData with every problem
    for warning in base.warnings:
        err(f"warning: {warning}")
    documents = documents or declared_documents_dir(base)
    quotes = sum(len(c.spec.asserted_by) + len(c.spec.disputed_by) for c in base.claims)
    if documents is not None:
        problems = check_quotes(base, documents)
        if problems:
            raise InvalidData(problems)
        checked = f"; all {quotes} quotes found verbatim in their documents"
    else:
        checked = f"; the {quotes} quotes were not checked"
        err(
            "note: quotes were not checked against the documents: no documents folder is "
            "known; pass --documents DIR or record `documents_dir: DIR` in claims.yaml."
        )
    print(f"OK: {len(base.claims)} claims and {len(base.works)} works in {base_dir}{checked}.")
    if unjudged:
        automatic = find_unjudged(base)
        print(f"{len(automatic)} supported claims are graded on automatic judgements alone:")
        for claim in automatic:
            print(f"  {claim.path.name}:{claim.line}: {claim.spec.id}")
