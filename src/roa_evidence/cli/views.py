"""`conflicts`, `compare`, `map`, `check` and `report`: seeing the evidence.

Each command calls one library view (`roa_evidence.views`, `.draftcheck`,
`.report`) and renders it; they register themselves on the app.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

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
)

if TYPE_CHECKING:
    from ..draftcheck import CheckReport, Finding
    from ..views import Comparison, Conflict, EvidenceMap, Side


class ViewFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


class CheckFormat(StrEnum):
    table = "table"
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


def _plain() -> bool:
    from .render import plain

    return plain()


def _box() -> box.Box:
    return box.ASCII2 if _plain() else box.SIMPLE_HEAD


def _certainty(certainty: str) -> Text:
    from .render import certainty_text

    return certainty_text(certainty)


# --------------------------------------------------------------------------
# conflicts


def _side_text(side: Side, grade: Text) -> Text:
    text = Text()
    for q in side.quotes:
        text.append(f"{q.document}: ", style="" if _plain() else "cyan")
        text.append(f"\u201c{q.quote}\u201d\n")
    if not side.quotes:
        text.append("(no document says so)\n", style="" if _plain() else "dim")
    for e in side.evidence:
        n = f"n {e.n}" if e.n is not None else "n not reported"
        flags = f", {', '.join(e.quality)}" if e.quality else ""
        text.append(f"\u2022 {e.source} ({e.design or 'not appraised'}, {n}{flags})\n")
    if not side.evidence:
        text.append("\u2022 no evidence cited\n", style="" if _plain() else "dim")
    text.append_text(grade)
    return text


def _conflict_panel(conflict: Conflict) -> Panel | Text:
    """Side by side in a panel on a terminal; one side after the other when piped."""
    claim = conflict.claim
    for_grade = Text("graded ")
    for_grade.append_text(_certainty(claim.certainty))
    for_grade.append(f", {claim.status}")
    against = conflict.against
    if against.evidence:
        against_grade = Text(f"best design {against.best_design}, would start ")
        against_grade.append_text(_certainty(against.start))
    else:
        against_grade = Text("no evidence cited against")
    kinds = " and ".join(conflict.kinds)
    if _plain():
        text = Text(
            f"{claim.id}: {claim.statement}\n  {', '.join(claim.routes)} \u00b7 "
            f"{claim.topic} \u00b7 {kinds}\n"
        )
        for title, side, grade in (
            ("FOR (asserted and supported)", conflict.for_side, for_grade),
            ("AGAINST (disputed and contradicted)", against, against_grade),
        ):
            text.append(f"  {title}\n")
            body = _side_text(side, grade)
            text.append("\n".join("    " + line for line in body.plain.splitlines()) + "\n")
        return text
    table = Table(box=_box(), expand=True, pad_edge=False)
    table.add_column("For: asserted and supported", ratio=1, overflow="fold")
    table.add_column("Against: disputed and contradicted", ratio=1, overflow="fold")
    table.add_row(_side_text(conflict.for_side, for_grade), _side_text(against, against_grade))
    head = Text(f"{claim.statement}\n", style="bold")
    head.append(f"{', '.join(claim.routes)} \u00b7 {claim.topic} \u00b7 {kinds}")
    return Panel(
        Group(head, table),
        title=Text(claim.id),
        title_align="left",
        box=box.ASCII if _plain() else box.ROUNDED,
    )


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
        _print(Text(f"{len(found)} conflicts", style="bold"))
        for conflict in found:
            _print(_conflict_panel(conflict))


# --------------------------------------------------------------------------
# compare


def _claim_lines(claims: Any) -> Text:
    text = Text()
    for i, claim in enumerate(claims):
        if i:
            text.append("\n")
        text.append_text(_certainty(claim.certainty))
        text.append(f" {claim.id}")
        if claim.status == "contested":
            text.append(" (contested)", style="" if _plain() else "magenta")
    if not claims:
        text.append("\u2014", style="" if _plain() else "dim")
    return text


def _comparison_table(comparison: Comparison) -> Table:
    routes = comparison.routes
    both = " + ".join(routes) if len(routes) == 2 else "head to head"
    table = Table(
        box=_box(),
        show_lines=True,
        pad_edge=False,
        title=f"{' vs '.join(routes)}: what the claims say, by topic",
        title_justify="left",
    )
    table.add_column("topic", no_wrap=True)
    for column in (*routes, both):
        table.add_column(column, overflow="fold")
    for row in comparison.rows:
        table.add_row(
            row.topic,
            *(_claim_lines(row.by_route[r]) for r in routes),
            _claim_lines(row.head_to_head),
        )
    return table


@app.command()
def compare(
    ctx: typer.Context,
    routes: Annotated[
        list[str],
        typer.Argument(
            metavar="ROUTE ROUTE...", help="Two or more routes (IV, IM, IN, oral, SL, rectal, SC)."
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
        _print(_comparison_table(comparison))


# --------------------------------------------------------------------------
# map


def _map_table(emap: EvidenceMap) -> Table:
    from .render import CERTAINTY_STYLE, CERTAINTY_SYMBOL

    table = Table(box=_box(), pad_edge=False)
    table.add_column("topic", no_wrap=True)
    for route in emap.routes:
        table.add_column(route, justify="center", no_wrap=True)
    for topic in emap.topics:
        cells: list[Text] = []
        for route in emap.routes:
            cell = emap.cell(route, topic)
            if not cell.count:
                cells.append(Text("\u00b7" if not _plain() else "-", style="dim"))
                continue
            contested = cell.statuses().get("contested", 0)
            mark = f" !{contested}" if contested else ""
            if _plain():
                cells.append(Text(f"{cell.count} {cell.best.replace('_', ' ')}{mark}"))
            else:
                cells.append(
                    Text(
                        f"{cell.count} {CERTAINTY_SYMBOL[cell.best]}{mark}",
                        style=CERTAINTY_STYLE[cell.best],
                    )
                )
        table.add_row(topic, *cells)
    return table


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
        _print(Text("Evidence map: claims per route (across) and topic (down)", style="bold"))
        _print(_map_table(emap))
        _print(
            Text(
                "Each cell: the number of claims, then the best certainty among them; "
                "!N: N of them contested.\nDetails: roa-evidence claims --route R --topic T"
            )
        )


# --------------------------------------------------------------------------
# check


def _finding_line(report: CheckReport, finding: Finding) -> Text:
    styles = {
        "ok": "green",
        "weak": "yellow",
        "contested": "magenta",
        "unsupported": "red",
        "unsourced": "cyan",
    }
    text = Text(f"{report.path}:{finding.line}: ")
    claim = finding.claim
    if claim is None:
        label = (
            "cites an unknown key " + ", ".join(finding.unknown_keys)
            if finding.unknown_keys
            else "no claim found: unsourced?"
        )
        text.append(label, style="" if _plain() else styles["unsourced"])
    else:
        text.append(finding.verdict, style="" if _plain() else f"bold {styles[finding.verdict]}")
        text.append(
            f" {claim.id} (certainty {claim.certainty.replace('_', ' ')}, "
            f"status {claim.status}; match {finding.sure}: {finding.how} "
            f"{finding.score:.0f})"
        )
        if finding.unknown_keys:
            text.append(f"; unknown keys {', '.join(finding.unknown_keys)}")
    text.append(f"\n    {finding.sentence}")
    if claim is not None:
        text.append(f"\n    claim: {claim.statement}", style="" if _plain() else "dim")
    return text


@app.command()
def check(
    ctx: typer.Context,
    draft: Annotated[
        Path,
        typer.Argument(
            metavar="DRAFT", dir_okay=False, help="The draft: Markdown (.md), LaTeX (.tex) or text."
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
            help="Exit 1 when a sentence repeats a claim with this status: weak, "
            "contested, unsupported; or 'unsourced' for a number or comparison with no claim. "
            "Repeatable, or comma-separated.",
        ),
    ] = None,
    fmt: Annotated[
        CheckFormat,
        typer.Option(
            "--format", "-f", help="table (one finding per line, file:line first) or json."
        ),
    ] = CheckFormat.table,
) -> None:
    """Check a draft: which sentences repeat a known claim (by citation key or by text), and
    how well each is supported; numbers and comparisons with no claim are listed as unsourced.

    Example: roa-evidence check draft.md --fail-on weak --fail-on contested
    """
    from ..draftcheck import FAIL_ON, check, kind_of, read_draft
    from ..queries import find_claims, find_works
    from ..schema import nearest

    failing: list[str] = []
    for value in fail_on or []:
        for item in filter(None, (v.strip().lower() for v in value.split(","))):
            if item not in FAIL_ON:
                _fail(
                    f"unknown --fail-on '{item}'; {nearest(item, FAIL_ON)} "
                    f"(one of {', '.join(FAIL_ON)})"
                )
            failing.append(item)
    text = read_draft(draft)
    with _connection(ctx) as conn:
        claims = find_claims(conn)
        keys = [w.key for w in find_works(conn)]
    report = check(text, claims, kind.value if kind else kind_of(draft), str(draft), keys)
    if fmt is CheckFormat.json:
        _emit_json(report.to_dict())
    else:
        for finding in report.findings:
            _print(_finding_line(report, finding))
        counts = report.counts()
        shown = ", ".join(
            f"{n} {'unsourced?' if v == 'unsourced' else v}" for v, n in counts.items()
        )
        _print(
            Text(
                f"{report.sentences} sentences checked: "
                f"{shown or 'no claims repeated, nothing unsourced'}."
            )
        )
    if failing and report.failing(failing):
        raise typer.Exit(1)


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
    from ..export import atomic_output
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
