"""Markdown: Summary-of-Findings tables of claims (GRADE), or a table of works."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, TextIO

from .. import vocab
from ..certainty import LABEL, SYMBOL
from ..mdescape import md_escape
from ..query.csvrows import effect_text
from ..query.queries import ClaimFilter, check_filter_keys
from ..query.records import ClaimRecord, WorkRecord
from . import profile
from .read import Selection, groups, iter_claims

# GRADE's Summary-of-Findings spelling: symbols and the level in capitals.
_GRADED = ("high", "moderate", "low", "very_low")
CERTAINTY_LABEL = {c: f"{SYMBOL[c]} {LABEL[c].upper()}" for c in _GRADED} | {"none": "no evidence"}

SOF_HEADER = (
    "| Claim | Sources | Total n | Effect (95% CI) | Certainty (GRADE) | Status | "
    "Reasons for rating down |\n|---|---|--:|---|---|---|---|\n"
)
SOF_LEGEND = (
    "Certainty of the evidence (GRADE): "
    + ", ".join(f"{SYMBOL[c]} {LABEL[c]}" for c in _GRADED)
    + '; "no evidence" when nothing supports the claim.\n'
)


def _sources_cell(claim: ClaimRecord) -> str:
    parts: list[str] = []
    for stance in vocab.STANCES:
        links = [e for e in claim.evidence if e.stance == stance]
        if links:
            cited = ", ".join(
                f"{e.source} ({e.design or 'not appraised'}{'' if e.n is None else f', n={e.n}'})"
                for e in links
            )
            parts.append(f"{stance}: {cited}")
    return "; ".join(parts) or "none"


def _reasons_cell(claim: ClaimRecord) -> str:
    reasons = [
        f"{step['domain'].replace('_', ' ')} ({int(step['change']):+d}): {step['reason']}"
        for step in claim.grading
        if step["domain"] not in ("start", "override") and int(step["change"]) < 0
    ]
    reasons += [step["reason"] for step in claim.grading if step["domain"] == "override"]
    if reasons:
        return "; ".join(reasons)
    return "no supporting evidence" if claim.certainty == "none" else "none"


def _total_n(claim: ClaimRecord) -> Any:
    if claim.total_n is not None:
        return claim.total_n
    return "\u2014" if claim.certainty == "none" else "not reported"


def sof_row(claim: ClaimRecord) -> str:
    """One Summary-of-Findings row: claim, sources, total n, effect (the pooled one, else a
    single supporting study's), certainty, status, reasons for rating down."""
    supporting = [e.effect for e in claim.evidence if e.stance == "supports" and e.effect]
    effect = claim.pooled_effect or (supporting[0] if len(supporting) == 1 else None)
    cells = (
        f"{claim.statement} ({claim.id})",
        _sources_cell(claim),
        _total_n(claim),
        effect_text(effect),
        CERTAINTY_LABEL[claim.certainty] if claim.certainty else vocab.NOT_GRADED,
        claim.status,
        _reasons_cell(claim),
    )
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |\n"


def write(stream: TextIO, tables: Iterable[tuple[str, Iterable[ClaimRecord]]]) -> int:
    """A Summary-of-Findings table per (heading, claims) pair; table rows written."""
    count = 0
    stream.write("# Summary of findings\n\n" + SOF_LEGEND)
    for heading, claims in tables:
        stream.write(f"\n## {_cell(heading)}\n\n{SOF_HEADER}")
        for claim in claims:
            stream.write(sof_row(claim))
            count += 1
    if not count:
        stream.write("\nNo claims match.\n")
    return count


# The works table: heading, alignment and cell of each column, so they cannot drift apart.
WORK_TABLE: tuple[tuple[str, str, Callable[[WorkRecord], Any]], ...] = (
    ("Source", "---", lambda w: w.key),
    ("Design", "---", lambda w: w.design or "not appraised"),
    ("n", "--:", lambda w: w.n),
    ("Blinding", "---", lambda w: w.blinding),
    ("Year", "--:", lambda w: w.year),
    ("Title", "---", lambda w: w.title),
    ("Quality flags", "---", lambda w: ", ".join(w.quality)),
    ("Cited by", "---", lambda w: ", ".join(w.cited_by)),
)


def write_works(stream: TextIO, works: Iterable[WorkRecord]) -> int:
    """A table of works (key, design, n, blinding, year, title, quality, cited by); rows."""
    count = 0
    stream.write("| " + " | ".join(heading for heading, _, _ in WORK_TABLE) + " |\n")
    stream.write("|" + "|".join(align for _, align, _ in WORK_TABLE) + "|\n")
    for work in works:
        cells = (cell(work) for _, _, cell in WORK_TABLE)
        stream.write("| " + " | ".join(_cell(value) for value in cells) + " |\n")
        count += 1
    return count


def _cell(value: Any) -> str:
    return md_escape(value, "entities")


def export(stream: TextIO, selection: Selection) -> int:
    """The selection's works as a table, or its claims as a Summary-of-Findings table per
    route (or topic, by `group_by`); table rows written."""
    if selection.what == "sources":
        return write_works(stream, selection.works())
    if selection.what == "profile":
        return profile.export_markdown(stream, selection)
    conn, flt = selection.conn, selection.flt
    check_filter_keys(conn, flt)

    def narrowed(term: str) -> ClaimFilter:
        if selection.group_by == "route":
            return replace(flt, routes=(term,))
        return replace(flt, topics=(term,))

    if selection.group_by == "route" and flt.all_routes:
        # head-to-head claims are about every route given: one table, not one per route
        heading = f"Routes: {' and '.join(flt.routes)} (claims about all of them)"
        return write(stream, [(heading, iter_claims(conn, flt, selection.batch_size))])
    tables = (
        (
            f"{selection.group_by.capitalize()}: {term}",
            iter_claims(conn, narrowed(term), selection.batch_size),
        )
        for term in groups(conn, flt, selection.group_by)
    )
    return write(stream, tables)
