"""Rich rendering for `conflicts`, `compare`, `map` and `check`.

Kept apart from the commands so that rich is imported only when one of them draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .. import certainty

if TYPE_CHECKING:
    from ..draftcheck import CheckReport, Finding
    from ..query.views import Comparison, Conflict, EvidenceMap, Side


def _plain() -> bool:
    # lazy: csv; the CLI starts without it
    from .piped import is_plain

    return is_plain()


def _box() -> box.Box:
    return box.ASCII2 if _plain() else box.SIMPLE_HEAD


def _certainty(certainty: str | None) -> Text:
    # lazy: rich; the CLI starts without it
    from .render import certainty_text

    return certainty_text(certainty)


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


def conflict_panel(conflict: Conflict) -> Panel | Text:
    """Side by side in a panel on a terminal; one side after the other when piped."""
    claim = conflict.claim
    for_grade = Text("graded ")
    for_grade.append_text(_certainty(claim.certainty))
    for_grade.append(f", {claim.status}")
    against = conflict.against
    if against.evidence and claim.kind == "finding":
        against_grade = Text("graded ")
        against_grade.append_text(_certainty(claim.certainty_against))
    elif against.evidence:
        against_grade = Text("the linked record refutes the description")
    else:
        against_grade = Text("no evidence cited against")
    kinds = " and ".join(conflict.kinds)
    # lazy: rich; the CLI starts without it
    from .render import narrow

    if _plain() or narrow():  # side by side, narrow columns would split ids and keys
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


def _claim_lines(claims: Any, routes: Any = (), head_to_head: bool = False) -> Text:
    """A claim a line: certainty, id, status, and which of the compared routes it is
    about (`routes_note`)."""
    # lazy: the views; the CLI starts without them
    from ..query.views import routes_note

    text = Text()
    for i, claim in enumerate(claims):
        if i:
            text.append("\n")
        text.append_text(_certainty(claim.certainty))
        text.append(f" {claim.id}")
        note = routes_note(claim, routes, head_to_head)
        if note:
            text.append(f" [{note}]", style="" if _plain() else "cyan")
        if claim.status not in ("strong", "weak"):
            text.append(f" ({claim.status})", style="" if _plain() else "magenta")
    if not claims:
        text.append("\u2014", style="" if _plain() else "dim")
    return text


def comparison_table(comparison: Comparison) -> Table | Group:
    routes = comparison.routes
    both = " + ".join(routes) if len(routes) == 2 else "head to head"
    # lazy: rich; the CLI starts without it
    from .render import fits, narrow

    header = ("topic", *routes, both)
    cells: list[list[Text]] = [
        [
            Text(row.topic),
            *(_claim_lines(row.by_route[r], routes) for r in routes),
            _claim_lines(row.head_to_head, routes, head_to_head=True),
        ]
        for row in comparison.rows
    ]
    if narrow() or not fits(header, cells):  # columns would split ids: stack them
        parts: list[Any] = [Text(f"{' vs '.join(routes)}: what the claims say, by topic")]
        for row in comparison.rows:
            parts.append(Text(f"\n{row.topic}", style="bold"))
            for label, claims in (
                *((r, row.by_route[r]) for r in routes),
                (both, row.head_to_head),
            ):
                parts.append(Text(f"  {label}:", style="underline"))
                for claim in claims:
                    line = Text("    ")
                    line.append_text(_claim_lines([claim], routes, head_to_head=label == both))
                    parts.append(line)
                if not claims:
                    parts.append(Text("    \u2014", style="dim"))
        return Group(*parts)
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
    for row_cells in cells:
        table.add_row(*row_cells)
    return table


def map_table(emap: EvidenceMap) -> Table | Group:
    """A topic x route grid; stacked, a topic after another, where the grid would not fit
    (a cut cell would hide the contested counts the legend explains)."""
    # lazy: rich; the CLI starts without it
    from .render import fits

    rows: list[list[Text]] = [
        [Text(topic), *(_map_cell(emap, route, topic) for route in emap.routes)]
        for topic in emap.topics
    ]
    if not fits(("topic", *emap.routes), rows):
        parts: list[Any] = []
        for topic, *cells in rows:
            parts.append(Text(topic.plain, style="" if _plain() else "bold"))
            for route, cell in zip(emap.routes, cells, strict=True):
                if cell.plain not in ("\u00b7", "-"):
                    line = Text(f"  {route}: ")
                    line.append_text(cell)
                    parts.append(line)
        return Group(*parts)
    table = Table(box=_box(), pad_edge=False)
    table.add_column("topic", no_wrap=True)
    for route in emap.routes:
        table.add_column(route, justify="center", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return table


def _map_cell(emap: EvidenceMap, route: str, topic: str) -> Text:
    cell = emap.cell(route, topic)
    if not cell.count:
        return Text("\u00b7" if not _plain() else "-", style="dim")
    contested = cell.statuses().get("contested", 0)
    mark = f" !{contested}" if contested else ""
    if _plain():
        return Text(f"{cell.count} {certainty.LABEL[cell.best]}{mark}")
    return Text(
        f"{cell.count} {certainty.SYMBOL[cell.best]}{mark}", style=certainty.STYLE[cell.best]
    )


def check_lines(report: CheckReport) -> list[str]:
    """`file:line:col: verdict: message`, one line per sentence with a claim or a problem,
    then a count of verdicts (plain text: editors and CI read it like a linter's)."""
    from ..draftcheck.findings import NO_CLAIM  # loaded already: the check made the report

    lines = [_finding_line(report.path, f) for f in report.findings if f.verdict != NO_CLAIM]
    counts = ", ".join(f"{n} {verdict}" for verdict, n in report.counts().items())
    blind = report.not_checked
    unchecked = f" {blind} not checked: see the lines that say 'not checked'." * bool(blind)
    doubted = sum(len(f.doubtful) for f in report.findings)  # problems not counted above
    possibly = f" {doubted} possible problem{'' if doubted == 1 else 's'}, below the confidence"
    possibly += " asked for: see the lines that say 'possibly'."
    sentences = f"{report.sentences} sentence{'' if report.sentences == 1 else 's'}"
    lines.append(f"{sentences} checked: {counts or 'none'}.{unchecked}{possibly * bool(doubted)}")
    if not report.sentences:  # a draft of headings only, say: they are not prose
        lines.append("No prose found: headings, code, maths, HTML and front matter are not read.")
    return lines


def _finding_line(path: str, finding: Finding) -> str:
    parts: list[str] = []
    claim = finding.claim
    if claim is not None:
        loose = f"; loose match: {', '.join(finding.loose)}" if finding.loose else ""
        parts.append(f"{claim.id} ({certainty.label(claim.certainty)}, {claim.status}{loose})")
    for problem in finding.problems:
        # with no claim, the verdict already names the problem ("unsourced: a number...")
        said = claim is None and not parts and problem.kind == finding.verdict
        text = problem.detail if said else f"{problem.kind}: {problem.detail}"
        if problem.suggestion:
            text += f" [suggestion: {problem.suggestion}]"
        parts.append(text)
    # found, but with less confidence than asked for: shown, not counted as a problem
    parts += [f"possibly {p.kind} ({p.confidence}): {p.detail}" for p in finding.doubtful]
    if finding.pointed:  # "that trial ...": which trial the checker took it to be
        parts.append(f"pointing back to {', '.join(finding.pointed)}")
    if finding.suggested_keys:
        parts.append(f"cite {', '.join(finding.suggested_keys)}")
    if finding.not_checked:
        parts.append(f"not checked: {finding.not_checked}: \u201c{finding.sentence[:80]}\u201d")
    message = "; ".join(parts).replace("\n", " ")
    return f"{path}:{finding.line}:{finding.col}: {finding.verdict}: {message}"
