"""Flat, spreadsheet-safe rows of claims and works, and a CSV writer for them.

Shared by `claims --format csv` and the exports: the column order here is the
documented, stable order of every CSV roa-evidence writes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TextIO

from .records import ClaimView, WorkView, retraction_text

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)  # each start is one character

CLAIM_COLUMNS = (
    "claim_id",
    "statement",
    "routes",
    "topic",
    "condition",
    "certainty",
    "status",
    "total_n",
    "n_sources",
    "asserted_by",
    "disputed_by",
    "kind",  # appended so that existing column positions hold
    "certainty_against",
    "retraction",
)
WORK_COLUMNS = (
    "key",
    "type",
    "title",
    "authors",
    "year",
    "container",
    "doi",
    "pmid",
    "url",
    "design",
    "n",
    "blinding",
    "population",
    "condition",
    "routes",
    "quality",
    "verification",
    "citation_issue",
    "cited_by",
    "retraction",
)
# GRADE's reasons for rating down, each a column of the evidence CSV: "serious (-1): why".
GRADE_DOMAINS = ("risk_of_bias", "inconsistency", "indirectness", "imprecision", "publication_bias")
_JUDGEMENT = {0: "not serious", -1: "serious", -2: "very serious"}
_RATED_UP = ("large_effect", "dose_response")

# One row per claim x evidence link: the contract's columns first, then the rest of the link.
EVIDENCE_COLUMNS = (
    "claim_id",
    "statement",
    "routes",
    "topic",
    "certainty",
    "status",
    "source",
    "stance",
    "design",
    "n",
    "blinding",
    "population",
    "quality",
    "year",
    "title",
    "doi",
    "condition",
    "total_n",
    "authors",
    "locator",
    "indirect",
    "flags",
    "value_estimate",
    "value_low",
    "value_high",
    "value_unit",
    "effect_measure",
    "effect_estimate",
    "effect_low",
    "effect_high",
    "note",
    "verification",
    # the claim's grading, for a reviewer's evidence profile (docs/exports.md)
    "kind",
    "certainty_against",
    "asserted_by",
    *GRADE_DOMAINS,
    "rated_up",
    "override",
    "retraction",
)


def safe_cell(value: Any) -> str:
    """A cell as text, neutralised (a leading apostrophe) if a spreadsheet would run it.

    Numbers are written as numbers; a negative number is data, not a formula.
    """
    if type(value) is str:  # most cells: checked first, an export calls this per cell
        return "'" + value if value[:1] in _FORMULA_FIRST else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def effect_text(effect: dict[str, Any] | None) -> str:
    """`RR 0.77 (95% CI 0.6 to 0.99); 6 studies, n 1365`, or "" when there is none."""
    if not effect:
        return ""
    text = (
        f"{effect['measure']} {effect['estimate']:g} "
        f"(95% CI {effect['low']:g} to {effect['high']:g})"
    )
    extras = [
        template.format(effect[key])
        for key, template in (("n_studies", "{} studies"), ("n", "n {}"), ("events", "{} events"))
        if effect.get(key) is not None
    ]
    return text + (f"; {', '.join(extras)}" if extras else "")


def claim_row(claim: ClaimView) -> tuple[Any, ...]:
    return (
        claim.id,
        claim.statement,
        ";".join(claim.routes),
        claim.topic,
        claim.condition,
        claim.certainty,
        claim.status,
        claim.total_n,
        len(claim.evidence),
        ";".join(dict.fromkeys(a.document for a in claim.asserted_by)),
        ";".join(dict.fromkeys(a.document for a in claim.disputed_by)),
        claim.kind,
        claim.certainty_against,
        "; ".join(retraction_text(notice) for notice in claim.retraction),
    )


def work_row(work: WorkView) -> tuple[Any, ...]:
    return (
        work.key,
        work.entry_type,
        work.title,
        work.authors,
        work.year,
        work.container,
        work.doi,
        work.pmid,
        work.url,
        work.design,
        work.n,
        work.blinding,
        work.population,
        work.condition,
        ";".join(work.routes),
        ";".join(work.quality),
        work.verification,
        work.citation_issue,
        ";".join(work.cited_by),
        retraction_text(work.retraction) if work.retraction else "",
    )


def grading_cells(grading: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """The evidence CSV's grading columns (GRADE_DOMAINS, rated_up, override) from a
    claim's derivation: each domain as "<judgement> (<change>): <reason>", "not serious
    (0)" when the grader found nothing to rate down; all blank when the claim was not
    graded (nothing supports it, or it is a description or a definition)."""
    if not any(step["domain"] == "start" and int(step["change"]) > 0 for step in grading):
        return ("",) * (len(GRADE_DOMAINS) + 2)

    def joined(steps: Iterable[Mapping[str, Any]], label: Any) -> str:
        return "; ".join(
            f"{label(step)} ({_change(int(step['change']))}): {step['reason']}".rstrip(": ")
            for step in steps
        )

    cells = []
    for domain in GRADE_DOMAINS:
        steps = [step for step in grading if step["domain"] == domain]
        judged = joined(steps, lambda step: _JUDGEMENT.get(int(step["change"]), "rated down"))
        cells.append(judged or "not serious (0)")
    up = [step for step in grading if step["domain"] in _RATED_UP]
    cells.append(joined(up, lambda step: str(step["domain"]).replace("_", " ")))
    overridden = [step for step in grading if step["domain"] == "override"]
    cells.append(joined(overridden, lambda step: "override"))
    return tuple(cells)


def _change(change: int) -> str:
    return f"{change:+d}" if change else "0"


def whole_number(value: Any) -> Any:
    """A stored float that is whole (93.0) as it was written (93)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def evidence_rows(claim: ClaimView) -> Iterator[tuple[Any, ...]]:
    """The claim's rows of the evidence table; one row with blank link cells if it has none."""
    head = (
        claim.id,
        claim.statement,
        ";".join(claim.routes),
        claim.topic,
        claim.certainty,
        claim.status,
    )
    graded = (
        claim.kind,
        claim.certainty_against,
        ";".join(dict.fromkeys(a.document for a in claim.asserted_by)),
        *grading_cells(claim.grading),
    )
    if not claim.evidence:
        yield (*head, *([None] * 10), claim.condition, claim.total_n, *([None] * 14), *graded, None)
    for e in claim.evidence:
        value, effect = e.value or {}, e.effect or {}
        yield (
            *head,
            e.source,
            e.stance,
            e.design,
            e.n,
            e.blinding,
            e.population,
            ";".join(e.quality),
            e.year,
            e.title,
            e.doi,
            claim.condition,
            claim.total_n,
            e.authors,
            e.locator,
            ";".join(e.indirect),
            ";".join(e.flags),
            whole_number(value.get("estimate")),
            whole_number(value.get("low")),
            whole_number(value.get("high")),
            value.get("unit"),
            effect.get("measure"),
            effect.get("estimate"),
            effect.get("low"),
            effect.get("high"),
            e.note,
            e.verification,
            *graded,
            retraction_text(e.retraction) if e.retraction else None,
        )


def write_csv(
    stream: TextIO,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    cells_safe: bool = False,
) -> None:
    """RFC 4180 CSV (CRLF line ends, minimal quoting) with every cell made safe.

    `cells_safe` says the rows were neutralised already (by the query that made them),
    so they go to the writer as they are; None is written as an empty cell.
    """
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows if cells_safe else (map(safe_cell, row) for row in rows))
