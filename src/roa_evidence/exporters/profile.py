"""A GRADE evidence profile: one row per finding, with GRADEpro's columns.

Number of studies, design, the four domains rated in the profile (risk of bias,
inconsistency, indirectness, imprecision), other considerations (publication bias,
rating up, a reviewer's override, unverified appraisals), patients per arm where an
effect gives arms, the relative effect and the absolute effect per 1,000 where a
baseline risk is known, certainty and importance; each judgement's reason is a
numbered footnote. Written as CSV (a row per finding, its footnotes in the last
column), Markdown or HTML (footnotes under the table).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from .. import vocab
from ..certainty import LABEL, SYMBOL
from ..mdescape import md_escape
from ..query.csvrows import write_csv as write_table
from ..query.records import ClaimRecord, EvidenceRecord
from .read import Selection

DOMAINS = ("risk_of_bias", "inconsistency", "indirectness", "imprecision")
COLUMNS = (
    "Claim",
    "Outcome",
    "Number of studies",
    "Study design",
    "Risk of bias",
    "Inconsistency",
    "Indirectness",
    "Imprecision",
    "Other considerations",
    "Patients (intervention)",
    "Patients (comparator)",
    "Total patients",
    "Relative effect (95% CI)",
    "Absolute effect per 1,000 (95% CI)",
    "Certainty",
    "Importance",
    "Footnotes",
)
DEFAULT_IMPORTANCE = "important"  # a claim that states none
_JUDGEMENT = {0: "not serious", -1: "serious"}
_RATED_UP = {
    "large_effect": "large effect",
    "dose_response": "dose-response gradient",
    "plausible_confounding": "plausible confounding would reduce the effect",
}
NO_EVIDENCE = "no evidence"


@dataclass(frozen=True)
class ProfileRow:
    """One finding's row: its cells in `COLUMNS` order, and its footnotes by number."""

    cells: tuple[Any, ...]
    footnotes: tuple[tuple[int, str], ...]


class _Notes:
    """Footnotes numbered through the whole profile, as GRADEpro numbers them."""

    def __init__(self) -> None:
        self.count = 0
        self.row: list[tuple[int, str]] = []

    def mark(self, text: str, reason: str) -> str:
        self.count += 1
        self.row.append((self.count, reason))
        return f"{text} [{self.count}]"


def profile_rows(claims: Iterable[ClaimRecord]) -> Iterator[ProfileRow]:
    """A row per finding among `claims` (descriptions and definitions are checked, not
    graded, so they have none)."""
    notes = _Notes()
    for claim in claims:
        if claim.kind != "finding":
            continue
        notes.row = []
        yield ProfileRow(_cells(claim, notes), tuple(notes.row))


def _cells(claim: ClaimRecord, notes: _Notes) -> tuple[Any, ...]:
    graded = any(s["domain"] == "start" and int(s["change"]) > 0 for s in claim.grading)
    studies = _counted_studies(claim)
    if graded:
        domains = [_domain(claim, domain, notes) for domain in DOMAINS]
        other = _other(claim, studies, notes)
    else:
        domains, other = [NO_EVIDENCE] * len(DOMAINS), ""
    effect = _effect(claim)
    intervention, comparator = (_arm(effect, arm) for arm in ("intervention", "comparator"))
    certainty = claim.certainty or "none"
    cells = (
        claim.id,
        claim.statement,
        len(studies),
        _designs(studies),
        *domains,
        other,
        intervention,
        comparator,
        claim.total_n if claim.total_n is not None else "not reported",
        _relative(effect),
        _absolute(effect, notes),
        f"{SYMBOL[certainty]} {LABEL[certainty].upper()}" if certainty != "none" else NO_EVIDENCE,
        (claim.importance or DEFAULT_IMPORTANCE).replace("-", " ").upper(),
    )
    return (*cells, "; ".join(f"[{number}] {reason}" for number, reason in notes.row))


def _counted_studies(claim: ClaimRecord) -> list[EvidenceRecord]:
    """The supporting studies the grade counts, each once (a retracted one is left out)."""
    seen: dict[str, EvidenceRecord] = {}
    for link in claim.evidence:
        if link.stance == "supports" and link.retraction is None:
            seen.setdefault(link.source, link)
    return list(seen.values())


def _designs(studies: list[EvidenceRecord]) -> str:
    counts = Counter(link.design or "not appraised" for link in studies)
    order = [*vocab.DESIGNS, "not appraised"]
    return ", ".join(f"{counts[d]} {d}" for d in sorted(counts, key=order.index))


def _domain(claim: ClaimRecord, domain: str, notes: _Notes) -> str:
    steps = [s for s in claim.grading if s["domain"] == domain and int(s["change"]) < 0]
    judgement = _JUDGEMENT.get(sum(int(s["change"]) for s in steps), "very serious")
    if not steps:
        return judgement
    return notes.mark(judgement, "; ".join(str(s["reason"]) for s in steps))


def _other(claim: ClaimRecord, studies: list[EvidenceRecord], notes: _Notes) -> str:
    parts = []
    for step in claim.grading:
        domain, change = step["domain"], int(step["change"])
        if domain == "publication_bias" and change < 0:
            parts.append(notes.mark("publication bias strongly suspected", step["reason"]))
        elif domain in _RATED_UP and change > 0:
            parts.append(notes.mark(_RATED_UP[domain], step["reason"]))
        elif domain == "override":
            parts.append(notes.mark("reviewer override", step["reason"]))
        elif domain == "retraction":
            parts.append(notes.mark("retraction notice", step["reason"]))
    unverified = [link.source for link in studies if link.verification == "unverified"]
    if unverified:
        why = (
            f"the appraisal (design, n, blinding, flags) of {', '.join(unverified)} is an "
            "unverified record, not checked against the source"
        )
        parts.append(notes.mark("unverified appraisal", why))
    return "; ".join(parts) or "none"


def _effect(claim: ClaimRecord) -> dict[str, Any] | None:
    """The pooled effect, else a single supporting study's."""
    supporting = [e.effect for e in claim.evidence if e.stance == "supports" and e.effect]
    return claim.pooled_effect or (supporting[0] if len(supporting) == 1 else None)


def _arm(effect: dict[str, Any] | None, name: str) -> str:
    arm = (effect or {}).get(name)
    if not arm:
        return ""
    if arm.get("events") is None:
        return str(arm["n"])
    return f"{arm['events']}/{arm['n']} ({arm['events'] / arm['n']:.1%})"


def _relative(effect: dict[str, Any] | None) -> str:
    if not effect or effect["measure"] not in vocab.RATIO_MEASURES:
        return ""
    return f"{effect['measure']} {effect['estimate']:g} ({effect['low']:g} to {effect['high']:g})"


def baseline_risk(effect: dict[str, Any]) -> float | None:
    """The comparator's risk: as stated, else from the comparator arm's events."""
    if effect.get("baseline_risk") is not None:
        return float(effect["baseline_risk"])
    arm = effect.get("comparator") or {}
    if arm.get("events") is not None and arm.get("n"):
        return float(arm["events"]) / float(arm["n"])
    return None


def per_thousand(measure: str, ratio: float, risk: float) -> float:
    """The difference per 1,000 a ratio makes at this baseline risk (GRADE handbook 5.2)."""
    if measure == "RR":
        exposed = risk * ratio
    elif measure == "OR":
        exposed = ratio * risk / (1 - risk + ratio * risk)
    else:  # HR, under proportional hazards
        exposed = 1 - (1 - risk) ** ratio
    return (exposed - risk) * 1000


def _absolute(effect: dict[str, Any] | None, notes: _Notes) -> str:
    if not effect:
        return ""
    measure = effect["measure"]
    if measure in ("MD", "SMD"):
        return f"{measure} {effect['estimate']:g} ({effect['low']:g} to {effect['high']:g})"
    if measure == "RD":
        values = [effect[k] * 1000 for k in ("estimate", "low", "high")]
    else:
        risk = baseline_risk(effect)
        if risk is None:
            return ""
        values = [per_thousand(measure, effect[k], risk) for k in ("estimate", "low", "high")]
    estimate, low, high = (_fewer_more(v) for v in values)
    text = f"{estimate} per 1,000 (from {low} to {high})"
    if measure != "RD":
        risk = baseline_risk(effect)
        return notes.mark(text, f"baseline (comparator) risk {risk:.1%}")
    return text


def _fewer_more(value: float) -> str:
    count = round(value)
    return f"{abs(count)} {'fewer' if count < 0 else 'more'}"


# -- writers ---------------------------------------------------------------------------


def write_csv(stream: TextIO, claims: Iterable[ClaimRecord]) -> int:
    """The profile as CSV, a row per finding; rows written."""
    rows = [row.cells for row in profile_rows(claims)]
    write_table(stream, COLUMNS, rows)
    return len(rows)


LEGEND = (
    "Certainty of the evidence (GRADE): "
    + ", ".join(f"{SYMBOL[c]} {LABEL[c]}" for c in ("high", "moderate", "low", "very_low"))
    + f". Importance is stated per claim (default {DEFAULT_IMPORTANCE}). Patients per arm "
    "and the absolute effect appear where an effect gives arms or a baseline risk."
)


def write_markdown(stream: TextIO, claims: Iterable[ClaimRecord]) -> int:
    """The profile as one Markdown table with its footnotes below; rows written."""
    shown = COLUMNS[:-1]
    stream.write("# GRADE evidence profile\n\n" + LEGEND + "\n\n")
    stream.write("| " + " | ".join(shown) + " |\n|" + "---|" * len(shown) + "\n")
    footnotes: list[tuple[int, str]] = []
    count = 0
    for row in profile_rows(claims):
        cells = (md_escape(cell, "entities") for cell in row.cells[:-1])
        stream.write("| " + " | ".join(cells) + " |\n")
        footnotes += row.footnotes
        count += 1
    if not count:
        stream.write("\nNo findings match.\n")
    if footnotes:
        stream.write("\n## Footnotes\n\n")
        for number, reason in footnotes:
            stream.write(f"{number}. {md_escape(reason, 'entities')}\n")
    return count


_HTML_HEAD = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'\">\n<title>GRADE evidence profile</title>\n<style>"
    "body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;font-size:.85em}"
    "th,td{border:1px solid #999;padding:.3em;vertical-align:top}th{background:#eee}"
    "</style>\n</head>\n<body>\n<h1>GRADE evidence profile</h1>\n"
)


def write_html(stream: TextIO, claims: Iterable[ClaimRecord]) -> int:
    """The profile as a self-contained HTML page (no script): a table, then footnotes."""
    stream.write(_HTML_HEAD + f"<p>{html.escape(LEGEND)}</p>\n<table>\n<thead><tr>")
    stream.write("".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS[:-1]))
    stream.write("</tr></thead>\n<tbody>\n")
    footnotes: list[tuple[int, str]] = []
    count = 0
    for row in profile_rows(claims):
        cells = "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row.cells[:-1])
        stream.write(f'<tr id="{html.escape(str(row.cells[0]))}">{cells}</tr>\n')
        footnotes += row.footnotes
        count += 1
    stream.write("</tbody>\n</table>\n")
    if not count:
        stream.write("<p>No findings match.</p>\n")
    if footnotes:
        stream.write("<h2>Footnotes</h2>\n<ol>\n")
        for number, reason in footnotes:
            stream.write(f'<li value="{number}">{html.escape(reason)}</li>\n')
        stream.write("</ol>\n")
    stream.write("</body>\n</html>\n")
    return count


def export_csv(stream: TextIO, selection: Selection) -> int:
    return write_csv(stream, selection.claims())


def export_markdown(stream: TextIO, selection: Selection) -> int:
    return write_markdown(stream, selection.claims())


def export_html(stream: TextIO, selection: Selection) -> int:
    """The selection's findings as an HTML evidence profile; rows written."""
    return write_html(stream, selection.claims())
