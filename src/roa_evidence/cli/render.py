"""Terminal output: rich tables on a terminal, plain text when piped or NO_COLOR."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .. import certainty as certainties
from ..grading import levels_reached
from ..query.csvrows import effect_text
from ..query.records import ClaimRecord, WorkRecord, retraction_text
from . import widths
from .piped import (
    CLAIM_HEADER,
    EVIDENCE_HEADER,
    WORK_HEADER,
    design_text,
    evidence_cells,
    is_plain,
    notice_line,
    value_text,
    work_cells,
)
from .widths import MIN_FREE, PIPED_RECORD_WIDTH, unsplit, wrap, wrapped_record

STATUS_STYLE = {
    "strong": "green",
    "weak": "yellow",
    "unsupported": "red",
    "contested": "magenta",
    "very_uncertain": "red",
    "contradicted": "bold red",
    "confirmed": "green",
    "refuted": "bold red",
    "unchecked": "yellow",
    "partly": "yellow",
}


# Piped output is for grep and less: one row per line, however long.
_PLAIN_WIDTH = 10_000
# Below this many columns a table's free-text column is squeezed to a few characters, so
# lists are stacked instead: the id on its own line, the facts, then the text wrapped on words.
NARROW_BELOW = 100


def console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    if is_plain() or not stream.isatty():
        # Piped: no colour, no box art that breaks grep, wide enough not to wrap ids.
        return Console(
            file=stream,
            no_color=True,
            highlight=False,
            width=_PLAIN_WIDTH,
            force_terminal=False,
            soft_wrap=False,
        )
    return Console(file=stream, highlight=False)


def narrow() -> bool:
    """A terminal too narrow for the tables: draw lists stacked."""
    return not is_plain() and console().width < NARROW_BELOW


def fits(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    free: Sequence[int] = (),
    min_free: int = MIN_FREE,
) -> bool:
    """Whether a table fits the terminal without splitting a word, an id or a key (see
    `widths.fits`). Piped output is one row per line and always fits."""
    return is_plain() or widths.fits(header, rows, console().width, free, min_free)


def _key(text: str, style: str = "bold") -> Text:
    """An id or citation key on a line of its own: never cut, never split."""
    return Text(text, style="" if is_plain() else style, no_wrap=True, overflow="ignore")


def _indented(text: Text | str, level: int = 2) -> Padding:
    """Text wrapped on words, indented under the key above it."""
    return Padding(Text(text) if isinstance(text, str) else text, (0, 0, 0, level))


def _dotted(*parts: Text | str) -> Text:
    text = Text()
    for part in parts:
        if not (part.plain if isinstance(part, Text) else part):
            continue
        if text:
            text.append(" \u00b7 ")
        text.append_text(part if isinstance(part, Text) else Text(part))
    return text


def _titled(body: Any, title: str) -> Panel:
    """A box around `body` with `title` (an id or key) on its top edge; ASCII when piped."""
    return Panel(
        body,
        title=title,
        title_align="left",
        expand=False,
        box=box.ASCII if is_plain() else box.ROUNDED,
    )


def _table(*columns: str, title: str | None = None) -> Table:
    table = Table(
        title=title,
        box=None if is_plain() else box.SIMPLE_HEAD,
        show_lines=False,
        title_justify="left",
        pad_edge=False,
    )
    for column in columns:
        table.add_column(column)
    return table


def certainty_text(certainty: str | None) -> Text:
    label = certainties.label(certainty)
    if certainty is None:
        return Text(label, style="" if is_plain() else "dim")
    if is_plain():
        return Text(label)
    return Text(f"{certainties.SYMBOL[certainty]} {label}", style=certainties.STYLE[certainty])


def status_text(status: str) -> Text:
    return Text(status, style="" if is_plain() else STATUS_STYLE[status])


def claims_stacked(claims: Sequence[ClaimRecord], title: str | None = None) -> Group:
    """The claims list for a narrow terminal: per claim its id, its facts, its statement."""
    parts: list[Any] = [Text(title, style="bold")] if title else []
    for claim in claims:
        n = "" if claim.total_n is None else f"n {claim.total_n}"
        facts = _dotted(
            ",".join(claim.routes),
            claim.topic,
            certainty_text(claim.certainty),
            status_text(claim.status),
            n,
        )
        parts += [_key(claim.id), _indented(facts), _indented(claim.statement), Text()]
    return Group(*parts)


def claims_table(claims: Sequence[ClaimRecord], title: str | None = None) -> Table | Group:
    rows = [
        (
            claim.id,
            ",".join(claim.routes),
            claim.topic,
            certainty_text(claim.certainty),
            status_text(claim.status),
            "" if claim.total_n is None else str(claim.total_n),
            Text(claim.statement),
        )
        for claim in claims
    ]
    free = (len(CLAIM_HEADER) - 1,)
    if narrow() or not fits(CLAIM_HEADER, rows, free):
        return claims_stacked(claims, title)
    table = unsplit(_table(*CLAIM_HEADER, title=title), free)
    for row in rows:
        table.add_row(*row)
    return table


def claim_detail(claim: ClaimRecord) -> Group:
    """Everything `show` prints about one claim."""
    parts: list[Any] = []
    head = Text()
    head.append(claim.statement + "\n", style="bold")
    head.append(
        f"{claim.kind} \u00b7 routes {', '.join(claim.routes)} \u00b7 topic {claim.topic} "
        f"\u00b7 condition {claim.condition}"
    )
    if claim.value:
        head.append(f" \u00b7 value {value_text(claim.value)}")
    head.append("\ncertainty ")
    head.append_text(certainty_text(claim.certainty))
    head.append(" \u00b7 status ")
    head.append_text(status_text(claim.status))
    if claim.kind == "finding" and claim.certainty_against not in (None, "none"):
        head.append(" \u00b7 certainty against ")
        head.append_text(certainty_text(claim.certainty_against))
    head.append(f" \u00b7 total n {claim.total_n if claim.total_n is not None else 'not reported'}")
    if claim.importance:
        head.append(f" \u00b7 importance {claim.importance}")
    if claim.rationale:
        head.append(f"\nrationale: {claim.rationale}")
    if claim.note:
        head.append(f"\nnote: {claim.note}", style="italic")
    for notice in claim.retraction:
        head.append(
            f"\ncites a retracted work: {retraction_text(notice)}{_ungraded(claim)}",
            style="" if is_plain() else "bold red",
        )
    if narrow():  # a panel's title is cut when it is wider than the panel
        parts += [_key(claim.id), Panel(head, expand=False, box=box.ROUNDED)]
    else:
        parts.append(_titled(head, claim.id))
    for label, assertions in (
        ("Asserted by", claim.asserted_by),
        ("Disputed by", claim.disputed_by),
    ):
        if not assertions:
            continue
        text = Text(f"{label}\n", style="bold")
        for a in assertions:
            text.append(f"  {a.document}: ", style="cyan" if not is_plain() else "")
            text.append(f"\u201c{a.quote}\u201d\n")
            if a.citation_issue:
                text.append(
                    f"    citation issue: {a.citation_issue}\n",
                    style="" if is_plain() else "yellow",
                )
        parts.append(text)
    evidence_rows = [evidence_cells(e) for e in claim.evidence]
    evidence_free = (5, 6, 7, 8)  # quality, indirect, locator, value
    fit = fits(EVIDENCE_HEADER, evidence_rows, evidence_free, min_free=12)
    if claim.evidence and (narrow() or not fit):
        parts.append(Text("Evidence", style="bold"))
        for e in claim.evidence:
            reported = value_text(e.value)
            if e.effect:
                reported = (reported + "; " if reported else "") + effect_text(e.effect)
            facts = _dotted(
                e.stance,
                design_text(e),
                "" if e.n is None else f"n {e.n}",
                e.blinding or "",
                e.locator or "",
            )
            parts += [_key(e.source, "cyan"), _indented(facts)]
            for label, value in (
                ("quality", ", ".join(e.quality)),
                ("indirect", ", ".join(e.indirect)),
                ("value", reported),
                ("note", e.note or ""),
            ):
                if value:
                    parts.append(_indented(f"{label}: {value}"))
        parts.append(Text())
    elif claim.evidence:
        table = unsplit(_table(*EVIDENCE_HEADER, title="Evidence"), evidence_free, 12)
        for row in evidence_rows:
            table.add_row(*row)
        parts.append(table)
        notes = [f"  {e.source}: {e.note}" for e in claim.evidence if e.note]
        if notes:
            parts.append(Text("Notes on the evidence\n" + "\n".join(notes) + "\n"))
    else:
        parts.append(Text("Evidence: none linked.\n", style="" if is_plain() else "red"))
    noticed = [(e.source, notice) for e in claim.evidence for notice in e.notices]
    if noticed:
        lines = [f"  {source}: {notice_line(notice)}" for source, notice in noticed]
        parts.append(Text("Notices on the evidence\n" + "\n".join(lines) + "\n"))
    if claim.pooled_effect:
        parts.append(Text(f"Pooled effect: {effect_text(claim.pooled_effect)}\n"))
    parts.append(grading_table(claim))
    if claim.grading_against:
        parts.append(
            grading_table(claim, claim.grading_against, "How the contradicting evidence was graded")
        )
    return Group(*parts)


def grading_table(
    claim: ClaimRecord,
    steps: Sequence[dict[str, Any]] | None = None,
    title: str | None = None,
) -> Table | Group:
    """A derivation step by step: the supporting body's unless `steps` are given; stacked
    on a narrow terminal."""
    if claim.kind != "finding" and steps is None:
        title = title or "How the claim was checked"
        checks = [(step["domain"], Text(step["reason"])) for step in claim.grading]
        if narrow() or not fits(("check", "reason"), checks, (1,)):
            parts: list[Any] = [Text(title, style="bold")]
            for step in claim.grading:
                parts += [_key(step["domain"], ""), _indented(step["reason"])]
            return Group(*parts)
        table = unsplit(_table("check", "reason", title=title), (1,))
        for check, reason in checks:
            table.add_row(check, reason)
        return table
    rows = _grading_steps(claim, steps)
    if not claim.grading:
        rows.append(_NO_EVIDENCE)
    header = ("domain", "change", "level", "reason")
    if narrow() or not fits(header, rows, (3,)):
        return grading_stacked(claim, steps, title)
    table = unsplit(_table(*header, title=title or "How the grade was reached"), (3,))
    for domain, change, level, why in rows:
        table.add_row(domain, change, level, Text(why))
    return table


def _grading_steps(
    claim: ClaimRecord, steps: Sequence[dict[str, Any]] | None = None
) -> list[tuple[str, str, str, str]]:
    """(domain, change, level reached, reason) for each step of the derivation."""
    rows = []
    recorded = claim.grading if steps is None else steps
    for step, level in zip(recorded, levels_reached(recorded), strict=True):
        change = int(step["change"])
        shown = str(change) if step["domain"] == "start" else f"{change:+d}"
        reached = certainties.level_label(level)
        rows.append((step["domain"].replace("_", " "), shown, reached, step["reason"]))
    return rows


_NO_EVIDENCE = ("start", "0", "none", "no supporting evidence")


def grading_stacked(
    claim: ClaimRecord, steps: Sequence[dict[str, Any]] | None = None, title: str | None = None
) -> Group:
    """The derivation for a narrow terminal: each step's domain and change, its reason below."""
    parts: list[Any] = [Text(title or "How the grade was reached", style="bold")]
    for domain, change, level, reason in _grading_steps(claim, steps) or [_NO_EVIDENCE]:
        parts += [_key(f"{domain} {change} \u2192 {level}", ""), _indented(reason)]
    return Group(*parts)


def works_stacked(works: Sequence[WorkRecord]) -> Group:
    """The works list for a narrow terminal: per work its key, then its appraisal."""
    parts: list[Any] = []
    for w in works:
        key, design, n, blinding, year, quality, verification, claims = work_cells(w)
        facts = _dotted(
            design, f"n {n}" if n else "", blinding, year, verification, f"{claims} claims"
        )
        parts += [_key(key), _indented(facts)]
        if quality:
            parts.append(_indented(f"quality: {quality}"))
        parts.append(Text())
    return Group(*parts)


def works_table(works: Sequence[WorkRecord]) -> Table | Group:
    rows = [work_cells(w) for w in works]
    free = (WORK_HEADER.index("quality"),)
    if narrow() or not fits(WORK_HEADER, rows, free):
        return works_stacked(works)
    table = unsplit(_table(*WORK_HEADER), free)
    for row in rows:
        table.add_row(*row)
    return table


def work_detail(work: WorkRecord) -> Group:
    rows = [
        ("title", work.title),
        ("authors", work.authors),
        ("year", work.year),
        ("in", work.container),
        ("doi", work.doi),
        ("pmid", work.pmid),
        ("url", work.url),
        ("design", work.design or "not appraised"),
        ("n", work.n),
        ("blinding", work.blinding),
        ("population", work.population),
        ("condition", work.condition),
        ("routes", ", ".join(work.routes)),
        ("quality", ", ".join(work.quality)),
        ("verification", work.verification),
        ("file", work.file),
        ("citation issue", work.citation_issue),
        ("note", work.note),
    ]
    if is_plain():
        return Group(Text(wrapped_record(work.key, rows)), *_citing(work))
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold" if not is_plain() else "", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows:
        if value not in (None, ""):
            table.add_row(label, escape(str(value)) if not isinstance(value, str) else Text(value))
    if narrow():
        return Group(_key(work.key), table, *_citing(work))
    return Group(_titled(table, work.key), *_citing(work))


def _citing(work: WorkRecord) -> list[Text]:
    parts = []
    if work.notices:
        lines = [f"  {notice_line(notice)}" for notice in work.notices]
        parts.append(Text("Notices\n" + "\n".join(lines)))
    for label, claims in (
        ("Cited as evidence by", work.cited_by),
        ("Asserts or disputes", work.asserts),
    ):
        if not claims:
            continue
        line = f"{label}: {', '.join(claims)}"
        if is_plain():  # ids are never split: only the spaces between them break
            line = "\n".join(wrap(line, PIPED_RECORD_WIDTH, "", "  "))
        parts.append(Text(line))
    return parts


def _ungraded(claim: ClaimRecord) -> str:
    """Only a finding is graded: a description or definition keeps its retracted source."""
    return "; left out of the grade" if claim.kind == "finding" else ""
