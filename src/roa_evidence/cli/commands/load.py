"""`roa-evidence load`: build or refresh the database now."""

from __future__ import annotations

from typing import Annotated

import typer

from ..common import data_dir, kept, store_of
from ..progress import progress


def load(
    ctx: typer.Context,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Rebuild even if nothing changed, or replace a database built from another "
            "evidence base (a shared one).",
        ),
    ] = False,
) -> None:
    """Build or refresh the database from the evidence base now, and say what changed.

    Example: roa-evidence --data ./my-evidence load
    """
    from ...load.refresh import refresh

    base = data_dir(ctx)
    store = store_of(ctx, base)
    url = store.url
    try:
        with progress("Loading") as bar:
            summary = refresh(store, base, force=force, progress=bar.stage)
    finally:
        store.close()
    where = store.path or url.split("@")[-1]
    if summary is None:
        print(f"Up to date: {where} already holds {base} as it is.")
    elif not summary.rebuilt:
        print(
            f"Updated {where} from {', '.join(summary.changed) or 'removed files'}: now "
            f"{summary.claims} claims, {summary.works} works, {summary.links} evidence links "
            f"and {summary.assertions} quotes."
        )
    else:
        print(
            f"Loaded {summary.claims} claims, {summary.works} works, {summary.links} evidence "
            f"links and {summary.assertions} quotes from {base} into {where}"
            f"{kept(summary.notices)}."
        )
