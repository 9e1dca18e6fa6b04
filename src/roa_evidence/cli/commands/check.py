"""`roa-evidence check`: a draft, sentence by sentence, against the evidence base."""

from __future__ import annotations

import sys
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ...bounded import MAX_DRAFT_FILE
from ...query.records import retraction_text
from ...vocab import STATUSES_WORST_FIRST, nearest
from ..common import CheckFormat, CheckFormatOpt, connection, fail
from ..output import stream_json
from ..progress import progress

if TYPE_CHECKING:
    from ...draftcheck.findings import CheckReport


class DraftKind(StrEnum):
    markdown = "markdown"
    latex = "latex"
    text = "text"
    docx = "docx"


def check(
    ctx: typer.Context,
    draft: Annotated[
        str,
        typer.Argument(
            metavar="DRAFT",
            help="The draft: Markdown (.md), LaTeX (.tex), Word (.docx) or text; '-' reads "
            "standard input.",
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
            "cited-against, mismatch, overclaim, unknown-key, unsourced) or repeats a claim "
            f"with this status ({', '.join(STATUSES_WORST_FIRST)}), or whose verdict is "
            "loose-match, not-checked or no-claim. Repeatable, or comma-separated. A problem "
            "below --min-confidence is not counted. Without it, check exits 0 whatever it "
            "finds.",
        ),
    ] = None,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            metavar="P",
            help="Report an opposite, mismatch, cited-against or overclaim only when its "
            "confidence (0-1, two places, in the JSON of each problem) is at least P; one "
            "below is shown as 'possibly <kind> (its confidence)', is not counted by "
            "--fail-on, and its sentence is never green. The default 0.6 (below it, more "
            "likely wrong than right on prose the rules were not written from) drops about "
            "half the false alarms for about one real problem in forty, on drafts it never "
            "saw (docs/check.md); 0 reports every problem the rules find.",
        ),
    ] = 0.6,  # confidence.DEFAULT_MIN_CONFIDENCE (not imported: start-up stays light)
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="ENCODING",
            help="The draft's encoding, if not UTF-8 (e.g. latin-1).",
        ),
    ] = None,
    fmt: CheckFormatOpt = CheckFormat.text,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Reword each overclaimed sentence at its evidence's level (GRADE wording): "
            "print a unified diff, or write a corrected copy with -o. A loosely matched "
            "sentence, or one with another problem, is left to you. The draft itself is never "
            "changed without asking.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="With --fix: write the corrected copy here instead of printing a diff.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="With --fix -o: replace FILE if it exists.")
    ] = False,
) -> None:
    """Check a draft sentence by sentence: the claim each repeats, and whether it states the
    opposite, a wrong number, cites a source against it (or one the base knows to be
    evidence on something else, or to have studied another condition), or words it more
    firmly than the evidence allows. A claim
    matched only loosely says why ("loose match: worded only near it" when no part but the
    wording points to it; "cited, but worded only near it" when a cited work bears on the
    claim but the words may say another thing of it; "routes differ"; "cites a work not
    linked to it" when the base does not say what the cited work shows of it; "condition
    not in the claim" when the sentence says more than the claim does; "states no finding"
    for a question, a plan or a patient's own history; "found among the claims of the study
    cited before it" for a sentence citing nothing that speaks of "that trial"; "found only
    by the value it states" or "by the design it states" when a number, or a study's design,
    said with nothing else of a claim is all that points to it): it may be
    another claim than the sentence's, and never vouches for it. A problem found with less
    confidence than --min-confidence is shown as "possibly <kind> (0.42)", and never vouched
    for either.

    Example: roa-evidence check draft.md --fail-on opposite --fail-on overclaim
    """
    # lazy: SQLAlchemy and the checker (rapidfuzz, its rules); the CLI starts without them
    from ...draftcheck import (
        FAIL_ON,
        decode_draft,
        docx_text,
        kind_of,
        read_draft,
        studied_conditions,
    )
    from ...draftcheck import check as check_draft
    from ...query.queries import find_claims, find_works

    failing: list[str] = []
    for value in fail_on or []:
        for item in filter(None, (v.strip().lower() for v in value.split(","))):
            if item not in FAIL_ON:
                hint = nearest(item, FAIL_ON, limit=1)
                if hint.startswith("did you mean"):  # else the hint lists them all already
                    hint += f" (one of {', '.join(FAIL_ON)})"
                fail(f"unknown --fail-on '{item}'; {hint}")
            failing.append(item)
    if output is not None and not fix:
        fail("-o writes the corrected copy of --fix; add --fix, or leave -o out")
    if draft == "-":
        if kind is DraftKind.docx:
            fail("a Word draft cannot be read from standard input; name the .docx file")

        data = sys.stdin.buffer.read(MAX_DRAFT_FILE + 1)
        if len(data) > MAX_DRAFT_FILE:
            fail(
                f"standard input is over the {MAX_DRAFT_FILE // 2**20} MB limit for a draft; "
                "split a longer draft into chapters"
            )
        name, text = "<stdin>", decode_draft(data, "standard input", encoding)
        draft_kind = kind.value if kind else "text"
    else:
        draft_kind = kind.value if kind else kind_of(Path(draft))
        reader = docx_text if draft_kind == "docx" else partial(read_draft, encoding=encoding)
        name, text = draft, reader(Path(draft))
    if fix and draft_kind == "docx":
        fail("--fix rewrites Markdown, LaTeX or text drafts; check a .docx without --fix")
    with connection(ctx) as conn:
        claims = find_claims(conn)
        works = find_works(conn)
    keys = [w.key for w in works]
    retracted = {w.key: retraction_text(w.retraction) for w in works if w.retraction}
    # the lay route words ("a drip") are the base's own: its vocabulary is in use (app.py)
    with progress("Checking sentences") as bar:
        report = check_draft(
            text,
            claims,
            draft_kind,
            name,
            keys,
            progress=bar.advance,
            retracted=retracted,
            min_confidence=min_confidence,
            studied=studied_conditions(works),
        )
    if fix:
        _write_fix(text, report, name, output, force)
    elif fmt is CheckFormat.json:
        stream_json(report.to_dict())
    else:
        # lazy: rich; the CLI starts without it
        from ..viewrender import check_lines

        sys.stdout.write("".join(line + "\n" for line in check_lines(report)))
    if failing and report.failing(failing):
        raise typer.Exit(1)


def _write_fix(text: str, report: CheckReport, name: str, output: Path | None, force: bool) -> None:
    """The corrected draft: a unified diff on stdout, or a copy written to `output`."""
    # lazy: tempfile and the fixer; the CLI starts without them
    from ...atomic import atomic_output
    from ...draftcheck.fixing import fixed_text, unified_diff

    fixed, count = fixed_text(text, report)
    overclaims = sum(any(p.kind == "overclaim" for p in f.problems) for f in report.findings)
    if overclaims > count:  # say what --fix left, lest a writer think it was all
        left = overclaims - count
        sys.stderr.write(
            f"roa-evidence: {left} overclaim{'' if left == 1 else 's'} left to you: a loose "
            "match (another claim's wording must not replace yours), or an opposite, a wrong "
            "number or a source against it to settle first\n"
        )
    doubted = sum(any(p.kind == "overclaim" for p in f.doubtful) for f in report.findings)
    if doubted:
        sys.stderr.write(
            f"roa-evidence: {doubted} possible overclaim{'' if doubted == 1 else 's'} below "
            "--min-confidence left as written: see them with `check`, or lower it\n"
        )
    if output is None:
        sys.stdout.write(unified_diff(text, fixed, name))
        sys.stderr.write(f"roa-evidence: {_reworded(count)} (a diff; nothing written)\n")
        return
    same = name != "<stdin>" and output.resolve() == Path(name).resolve()
    if same and not (sys.stdin.isatty() and typer.confirm(f"Rewrite the draft {name} itself?")):
        fail(f"-o {output} is the draft itself; write the copy elsewhere and compare")
    with atomic_output(output, force=force or same) as stream:
        stream.write(fixed)
    sys.stderr.write(f"roa-evidence: {_reworded(count)}, written to {output}\n")


def _reworded(count: int) -> str:
    return f"{count} sentence{'' if count == 1 else 's'} reworded"
