"""`roa-evidence check`: a draft, sentence by sentence, against the evidence base."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..common import CheckFormat, CheckFormatOpt, connection, fail
from ..output import stream_json
from ..progress import progress


class DraftKind(StrEnum):
    markdown = "markdown"
    latex = "latex"
    text = "text"


def check(
    ctx: typer.Context,
    draft: Annotated[
        str,
        typer.Argument(
            metavar="DRAFT",
            help="The draft: Markdown (.md), LaTeX (.tex) or text; '-' reads standard input.",
        ),
    ],
    kind: Annotated[
        DraftKind | None,
        typer.Option("--as", help="Read the draft as this kind instead of guessing from its name."),
    ] = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="PROBLEM",
            help="Exit 1 when a sentence has this problem (opposite, cited-retracted, "
            "cited-against, mismatch, "
            "overclaim, unknown-key, unsourced) or repeats a claim with this status (weak, "
            "contested, very_uncertain, contradicted, unsupported, refuted, unchecked...). "
            "Repeatable, or comma-separated.",
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="ENCODING",
            help="The draft's encoding, if not UTF-8 (e.g. latin-1).",
        ),
    ] = None,
    fmt: CheckFormatOpt = CheckFormat.text,
) -> None:
    """Check a draft sentence by sentence: the claim each repeats, and whether it states the
    opposite, a wrong number, cites a source against it, or words it more firmly than the
    evidence allows.

    Example: roa-evidence check draft.md --fail-on opposite,mismatch,cited-against,overclaim
    """
    from ...draftcheck import FAIL_ON, decode_draft, kind_of, read_draft
    from ...draftcheck import check as check_draft
    from ...query.queries import find_claims, find_works
    from ...query.records import retraction_text
    from ...vocab import nearest

    failing: list[str] = []
    for value in fail_on or []:
        for item in filter(None, (v.strip().lower() for v in value.split(","))):
            if item not in FAIL_ON:
                fail(
                    f"unknown --fail-on '{item}'; {nearest(item, FAIL_ON)} "
                    f"(one of {', '.join(FAIL_ON)})"
                )
            failing.append(item)
    if draft == "-":
        name, text = "<stdin>", decode_draft(sys.stdin.buffer.read(), "standard input", encoding)
        draft_kind = kind.value if kind else "text"
    else:
        name, text = draft, read_draft(Path(draft), encoding)
        draft_kind = kind.value if kind else kind_of(Path(draft))
    with connection(ctx) as conn:
        claims = find_claims(conn)
        works = find_works(conn)
    keys = [w.key for w in works]
    retracted = {w.key: retraction_text(w.retraction) for w in works if w.retraction}
    with progress("Checking sentences") as bar:
        report = check_draft(
            text, claims, draft_kind, name, keys, progress=bar.advance, retracted=retracted
        )
    if fmt is CheckFormat.json:
        stream_json(report.to_dict())
    else:
        from ..viewrender import check_lines

        sys.stdout.write("".join(line + "\n" for line in check_lines(report)))
    if failing and report.failing(failing):
        raise typer.Exit(1)
