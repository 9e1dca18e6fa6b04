"""Flat, spreadsheet-safe rows of claims and works, and a CSV writer for them.

Shared by `claims --format csv` and the exports: the column order here is the
documented, stable order of every CSV roa-evidence writes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any, TextIO

from .records import ClaimView, EvidenceView, WorkView, retraction_text

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
    """The work's `WORK_COLUMNS`, taken by name from its JSON: lists joined with ";", the
    retraction in force as text."""
    data = work.to_dict()
    return tuple(_cell(data[column]) for column in WORK_COLUMNS)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, dict):
        return retraction_text(value)
    return value


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
    """The claim's rows of the evidence table (`EVIDENCE_COLUMNS`, cells by name); one
    row with blank link cells if it has none."""
    claim_cells = {
        "claim_id": claim.id,
        "statement": claim.statement,
        "routes": ";".join(claim.routes),
        "topic": claim.topic,
        "certainty": claim.certainty,
        "status": claim.status,
        "condition": claim.condition,
        "total_n": claim.total_n,
        "kind": claim.kind,
        "certainty_against": claim.certainty_against,
        "asserted_by": ";".join(dict.fromkeys(a.document for a in claim.asserted_by)),
        **dict(zip(_GRADING_COLUMNS, grading_cells(claim.grading), strict=True)),
    }
    if not claim.evidence:
        yield _evidence_row(claim_cells | _NO_LINK)
    for link in claim.evidence:
        yield _evidence_row(claim_cells | _link_cells(link))


_GRADING_COLUMNS = (*GRADE_DOMAINS, "rated_up", "override")
_evidence_row = itemgetter(*EVIDENCE_COLUMNS)


def _link_cells(link: EvidenceView) -> dict[str, Any]:
    value, effect = link.value or {}, link.effect or {}
    return {
        "source": link.source,
        "stance": link.stance,
        "design": link.design,
        "n": link.n,
        "blinding": link.blinding,
        "population": link.population,
        "quality": ";".join(link.quality),
        "year": link.year,
        "title": link.title,
        "doi": link.doi,
        "authors": link.authors,
        "locator": link.locator,
        "indirect": ";".join(link.indirect),
        "flags": ";".join(link.flags),
        **{f"value_{key}": whole_number(value.get(key)) for key in ("estimate", "low", "high")},
        "value_unit": value.get("unit"),
        **{f"effect_{key}": effect.get(key) for key in ("measure", "estimate", "low", "high")},
        "note": link.note,
        "verification": link.verification,
        "retraction": retraction_text(link.retraction) if link.retraction else None,
    }


_NO_LINK = dict.fromkeys(_link_cells(EvidenceView(source="", stance="", design=None, n=None)))


def write_csv(stream: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """RFC 4180 CSV (CRLF line ends, minimal quoting) with every cell made safe."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(map(safe_cell, row) for row in rows)
