"""Lists as plain text for pipes: one row per line, columns two spaces apart.

Piped output is read by grep, less and scripts, so it gets no colour, no box
art and no wrapping, and (for thousands of rows) no rich layout engine either:
this module does not import rich.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

from ..certainty import label as certainty_label
from ..query.csvrows import effect_text
from ..query.records import ClaimRecord, EvidenceRecord, WorkRecord

CLAIM_HEADER = ("id", "routes", "topic", "certainty", "status", "n", "statement")
EVIDENCE_HEADER = (
    "source",
    "stance",
    "design",
    "n",
    "blinding",
    "quality",
    "indirect",
    "locator",
    "value",
)
WORK_HEADER = ("key", "design", "n", "blinding", "year", "quality", "verification", "claims")


def is_plain() -> bool:
    """Plain output: stdout is not a terminal, or NO_COLOR is set."""
    return bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty()


def claim_cells(claim: ClaimRecord) -> tuple[str, ...]:
    return (
        claim.id,
        ",".join(claim.routes),
        claim.topic,
        certainty_label(claim.certainty),
        claim.status,
        "" if claim.total_n is None else str(claim.total_n),
        claim.statement,
    )


def work_cells(work: WorkRecord) -> tuple[str, ...]:
    return (
        work.key,
        work.design or "not appraised",
        "" if work.n is None else str(work.n),
        work.blinding or "",
        "" if work.year is None else str(work.year),
        ", ".join(work.quality),
        work.verification or "",
        str(len(set(work.cited_by) | set(work.asserts))),
    )


def grid(header: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None) -> str:
    """Left-aligned columns, two spaces apart, no trailing spaces; the title above."""
    cells = [[" ".join(cell.split()) for cell in row] for row in (header, *rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [title] if title else []
    for row in cells:
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    return "\n".join(lines) + "\n"


def dump_json_bytes(data: Any) -> bytes:
    """Indented UTF-8 JSON, as json.dumps(indent=2, ensure_ascii=False) writes it, by
    orjson's encoder: on a 10k-claim list the json module's indenting encoder took 1.8 s."""
    # lazy: orjson; the CLI starts without it
    import orjson

    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


def notice_line(notice: dict[str, Any]) -> str:
    """`Retraction 2021-03-04, notice 10.1000/x: reason (Retraction Watch)`."""
    text = f"{notice['nature']} {notice['date'] or '(undated)'}"
    if notice["notice_doi"]:
        text += f", notice {notice['notice_doi']}"
    if notice["reason"]:
        text += f": {notice['reason']}"
    origin = "Retraction Watch" if notice["origin"] == "retraction-watch" else notice["origin"]
    text += f" ({origin})"
    if notice["nature"] == "Retraction" and not notice["in_force"]:
        text += ", undone by a reinstatement"
    return text


def value_text(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    unit = value.get("unit", "")
    sep = "" if unit in ("%", "") else " "
    if "low" in value and "high" in value:
        text = f"{_num(value['low'])}-{_num(value['high'])}{sep}{unit}"
        if "estimate" in value:
            text = f"{_num(value['estimate'])}{sep}{unit} ({text})"
        return text
    if "estimate" in value:
        return f"{_num(value['estimate'])}{sep}{unit}"
    return ""


def _num(value: float) -> str:
    return f"{value:g}"


def evidence_cells(e: EvidenceRecord) -> tuple[str, ...]:
    reported = value_text(e.value)
    if e.effect:
        reported = (reported + "; " if reported else "") + effect_text(e.effect)
    return (
        e.source,
        e.stance,
        design_text(e),
        "" if e.n is None else str(e.n),
        e.blinding or "",
        ", ".join(e.quality),
        ", ".join(e.indirect),
        e.locator or "",
        reported,
    )


def design_text(link: EvidenceRecord) -> str:
    """The linked study's design, marked when its appraisal is an unverified record."""
    design = link.design or "not appraised"
    return f"{design} (unverified record)" if link.verification == "unverified" else design
