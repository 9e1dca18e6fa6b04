"""`conflicts`, `compare`, `map`, `check` and `report`: seeing the evidence.

Each command calls one library view (`roa_evidence.views`, `.draftcheck`,
`.report`) and renders it; they register themselves on the app.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import (
    RouteOpt,
    TopicOpt,
    _canonical,
    _connection,
    _emit_json,
    _fail,
    _print,
    app,
    claim_filter,
    completion,
)


class ViewFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


class DraftKind(StrEnum):
    markdown = "markdown"
    latex = "latex"
    text = "text"


ViewFormatOpt = Annotated[
    ViewFormat,
    typer.Option(
        "--format", "-f", help="table (rich on a terminal, plain when piped), json or md."
    ),
]


# --------------------------------------------------------------------------
# conflicts


@app.command()
def conflicts(
    ctx: typer.Context,
    route: RouteOpt = None,
    topic: TopicOpt = None,
    fmt: ViewFormatOpt = ViewFormat.table,
) -> None:
    """List claims a document disputes or evidence contradicts, the two sides next to each other.

    Example: roa-evidence conflicts --route IM --topic efficacy
    """
    from ..queries import find_claims
    from ..views import conflicts as find_conflicts
    from ..views import conflicts_markdown

    with _connection(ctx) as conn:
        found = find_conflicts(find_claims(conn, claim_filter(route, topic)))
    if fmt is ViewFormat.json:
        _emit_json([c.to_dict() for c in found])
    elif fmt is ViewFormat.md:
        sys.stdout.write(conflicts_markdown(found))
    elif not found:
        print("No conflicts: no matching claim is disputed or contradicted.", file=sys.stderr)
    else:
        from rich.text import Text

        from .viewrender import conflict_panel

        _print(Text(f"{len(found)} conflicts", style="bold"))
        for conflict in found:
            _print(conflict_panel(conflict))


# --------------------------------------------------------------------------
# compare


@app.command()
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
    topic: TopicOpt = None,
    fmt: ViewFormatOpt = ViewFormat.table,
) -> None:
    """Compare routes side by side, topic by topic: each route's claims with their certainty.

    Claims naming two or more of the routes (head-to-head claims) get their own column.

    Example: roa-evidence compare IM IV --topic efficacy --topic duration
    """
    from ..queries import ClaimFilter, find_claims
    from ..views import compare as compare_routes
    from ..views import comparison_markdown

    wanted = tuple(dict.fromkeys(_canonical("route", routes)))
    if len(wanted) < 2:
        _fail(f"compare needs two different routes, not only {', '.join(wanted)}")
    topics = _canonical("topic", topic)
    with _connection(ctx) as conn:
        found = find_claims(conn, ClaimFilter(routes=wanted, topics=topics))
    comparison = compare_routes(found, wanted, topics)
    if fmt is ViewFormat.json:
        _emit_json(comparison.to_dict())
    elif fmt is ViewFormat.md:
        sys.stdout.write(comparison_markdown(comparison))
    elif not comparison.rows:
        print(f"No claims about {' or '.join(wanted)}.", file=sys.stderr)
    else:
        from .viewrender import comparison_table

        _print(comparison_table(comparison))


# --------------------------------------------------------------------------
# map


@app.command(name="map")
def map_(
    ctx: typer.Context,
    route: RouteOpt = None,
    topic: TopicOpt = None,
    fmt: ViewFormatOpt = ViewFormat.table,
) -> None:
    """Draw the evidence map: routes across, topics down, each cell the number of claims
    and the best certainty among them.

    Example: roa-evidence map --route IV --route IM --route IN
    """
    from ..queries import find_claims
    from ..views import evidence_map, map_markdown

    flt = claim_filter(route, topic)
    with _connection(ctx) as conn:
        found = find_claims(conn, flt)
    emap = evidence_map(found)
    if flt.routes:  # a claim about IM and IV keeps its IV cell out of an IM-only map
        emap = type(emap)(tuple(r for r in emap.routes if r in flt.routes), emap.topics, emap.cells)
    if fmt is ViewFormat.json:
        _emit_json(emap.to_dict())
    elif fmt is ViewFormat.md:
        sys.stdout.write(map_markdown(emap))
    elif not emap.topics:
        print("No claims match those filters.", file=sys.stderr)
    else:
        from rich.text import Text

        from .viewrender import map_table

        _print(Text("Evidence map: claims per route (across) and topic (down)", style="bold"))
        _print(map_table(emap))
        _print(
            Text(
                "Each cell: the number of claims, then the best certainty among them; "
                "!N: N of them contested.\nDetails: roa-evidence claims --route R --topic T"
            )
        )


# --------------------------------------------------------------------------
# check


@app.command()
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
            help="Exit 1 when a sentence has this problem (opposite, cited-retracted, "
            "cited-against, mismatch, "
            "overclaim, unknown-key, unsourced) or repeats a claim with this status (weak, "
            "contested, contradicted, unsupported, refuted, unchecked...). Repeatable, or "
            "comma-separated.",
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="The draft's encoding, if not UTF-8 (e.g. latin-1)."),
    ] = None,
    fmt: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (file:line:col: verdict: message, like a linter) or json (every sentence).",
        ),
    ] = CheckFormat.text,
) -> None:
    """Check a draft sentence by sentence: the claim each repeats, and whether it states the
    opposite, a wrong number, cites a source against it, or words it more firmly than the
    evidence allows.

    Example: roa-evidence check draft.md --fail-on opposite,mismatch,cited-against,overclaim
    """
    from ..draftcheck import FAIL_ON, check, decode_draft, kind_of, read_draft
    from ..queries import find_claims, find_works, retraction_text
    from ..vocab import nearest
    from . import progress

    failing: list[str] = []
    for value in fail_on or []:
        for item in filter(None, (v.strip().lower() for v in value.split(","))):
            if item not in FAIL_ON:
                _fail(
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
    with _connection(ctx) as conn:
        claims = find_claims(conn)
        works = find_works(conn)
    keys = [w.key for w in works]
    retracted = {w.key: retraction_text(w.retraction) for w in works if w.retraction}
    with progress("Checking sentences") as bar:
        report = check(
            text, claims, draft_kind, name, keys, progress=bar.advance, retracted=retracted
        )
    if fmt is CheckFormat.json:
        _stream_json(report.to_dict())
    else:
        from .viewrender import check_lines

        sys.stdout.write("".join(line + "\n" for line in check_lines(report)))
    if failing and report.failing(failing):
        raise typer.Exit(1)


def _stream_json(data: object) -> None:
    """`_emit_json`'s output, written as it is encoded: a large draft's report (a finding per
    sentence) never sits in memory as one string."""
    import json

    buffered: list[str] = []
    size = 0
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        buffered.append(chunk)
        size += len(chunk)
        if size > 1 << 16:
            sys.stdout.write("".join(buffered))
            buffered, size = [], 0
    sys.stdout.write("".join(buffered) + "\n")


# --------------------------------------------------------------------------
# report


@app.command()
def report(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", dir_okay=False, help="The HTML file to write ('-' for stdout)."
        ),
    ],
    route: RouteOpt = None,
    topic: TopicOpt = None,
    title: Annotated[str | None, typer.Option("--title", help="The page's title.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUTPUT if it exists.")] = False,
) -> None:
    """Write one self-contained HTML page: the evidence map, a study-quality chart, the
    conflicts, and every claim with its grading. It loads nothing from the network.

    Example: roa-evidence report -o report.html --force
    """
    from ..atomic import atomic_output
    from ..queries import find_claims, find_works
    from ..report import write_report

    flt = claim_filter(route, topic)
    with _connection(ctx) as conn:
        claims = find_claims(conn, flt)
        works = find_works(conn)
    cited = {e.source for c in claims for e in c.evidence}
    works = [w for w in works if w.key in cited]
    with atomic_output(output, force=force) as stream:
        write_report(stream, claims, works, title)
    if str(output) != "-":
        print(f"Wrote {output}: {len(claims)} claims, {len(works)} cited works.")
