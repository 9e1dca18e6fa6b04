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

from ..vocab import certainty_label

if TYPE_CHECKING:
    from ..draftcheck import CheckReport, Finding
    from ..views import Comparison, Conflict, EvidenceMap, Side


def _plain() -> bool:
    from .render import plain

    return plain()


def _box() -> box.Box:
    return box.ASCII2 if _plain() else box.SIMPLE_HEAD


def _certainty(certainty: str | None) -> Text:
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


def comparison_table(comparison: Comparison) -> Table:
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


def map_table(emap: EvidenceMap) -> Table:
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


def finding_line(report: CheckReport, finding: Finding) -> Text:
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
            f" {claim.id} (certainty {certainty_label(claim.certainty)}, "
            f"status {claim.status}; match {finding.sure}: {finding.how} "
            f"{finding.score:.0f})"
        )
        if finding.unknown_keys:
            text.append(f"; unknown keys {', '.join(finding.unknown_keys)}")
    text.append(f"\n    {finding.sentence}")
    if claim is not None:
        text.append(f"\n    claim: {claim.statement}", style="" if _plain() else "dim")
    return text
