"""One self-contained HTML page of the evidence: map, study quality, conflicts, claims.

`render_report(claims, works)` returns the page as a string; `write_report`
writes it to a stream. Everything is inline (CSS, SVG charts); the page loads
nothing, runs no script (its Content-Security-Policy forbids both), and every
value from the data files is HTML-escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import TextIO
from urllib.parse import quote

from . import vocab
from .grading import levels_reached
from .queries import (
    AssertionView,
    ClaimView,
    EvidenceView,
    WorkView,
    count_by_kind,
    retraction_text,
)
from .tabular import effect_text
from .views import Conflict, EvidenceMap, Side, conflicts, evidence_map

__all__ = ["CERTAINTY_COLOUR", "render_report", "write_report"]

CERTAINTY_COLOUR = {
    "high": "#1b7837",
    "moderate": "#7fbc41",
    "low": "#fdb863",
    "very_low": "#d6604d",
    "none": "#bababa",
}
_INK = {"high": "#fff", "moderate": "#102a10", "low": "#3a2400", "very_low": "#fff", "none": "#222"}
_LEVEL_COLOUR = {4: "#1b7837", 2: "#e08214", 1: "#b2182b"}
_CERTAINTY_LABEL = {
    "high": "high",
    "moderate": "moderate",
    "low": "low",
    "very_low": "very low",
    "none": "none",
}

_CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9dce1; --bg: #fff; --soft: #f5f6f8; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; color: var(--ink); background: var(--bg); margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .8rem; padding-bottom: .3rem;
     border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
a { color: #0b57d0; }
nav { position: sticky; top: 0; background: var(--bg); border-bottom: 1px solid var(--rule);
      padding: .5rem 2rem; z-index: 1; }
nav a { margin-right: 1.2rem; text-decoration: none; font-weight: 600; }
.muted { color: var(--muted); }
.summary { display: flex; flex-wrap: wrap; gap: .6rem 1.4rem; margin: .8rem 0; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1rem; font-size: .9rem; margin: .5rem 0; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px;
          vertical-align: -.1em; margin-right: .3em; border: 1px solid #0002; }
.badge { display: inline-block; padding: 0 .45em; border-radius: 3px; font-size: .82rem;
         font-weight: 600; white-space: nowrap; }
.status-strong { background: #d9f0d3; } .status-weak { background: #fee0b6; }
.status-unsupported { background: #fddbc7; } .status-contested { background: #e7d4e8; }
.status-contradicted, .status-refuted { background: #f4a582; }
.status-confirmed { background: #d1e5f0; } .status-unchecked { background: #f0f0f0; }
.retracted { background: #b2182b; color: #fff; }
svg { max-width: 100%; height: auto; display: block; }
svg text { font-family: inherit; }
.map a:hover rect, .map a:focus rect { stroke: #000; stroke-width: 2; }
.cells { columns: 2 360px; column-gap: 2rem; font-size: .9rem; }
.cells section { break-inside: avoid; margin: 0 0 .8rem; }
.cells section:target { background: #fff7d6; outline: 2px solid #e0c050; }
.cells ul, .claim ul { margin: .2rem 0; padding-left: 1.2rem; }
.conflict, .claim { border: 1px solid var(--rule); border-radius: 6px; padding: .9rem 1rem;
                    margin: 0 0 1rem; break-inside: avoid; }
.claim:target, .conflict:target { outline: 3px solid #e0c050; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.side { background: var(--soft); border-radius: 5px; padding: .6rem .8rem; }
.side h4 { margin: 0 0 .3rem; font-size: .95rem; }
blockquote { margin: .3rem 0 .5rem; padding: .1rem .7rem; border-left: 3px solid var(--rule);
             font-style: italic; }
blockquote cite { display: block; font-style: normal; font-size: .85rem; color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin: .4rem 0; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem;
         border-bottom: 1px solid var(--rule); }
th { background: var(--soft); font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
.meta { font-size: .9rem; color: var(--muted); margin: .1rem 0 .5rem; }
@media (max-width: 760px) { .sides { grid-template-columns: 1fr; } main { padding: 1rem; } }
@media print {
  nav { display: none; }
  main { max-width: none; padding: 0; }
  body { font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  .claim, .conflict, .cells section, figure { break-inside: avoid; }
  .side, th { background: #f3f3f3 !important; print-color-adjust: exact;
              -webkit-print-color-adjust: exact; }
  svg rect { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
@page { margin: 14mm; }
"""


def _e(value: object) -> str:
    """HTML-escaped text (quotes too, so it is safe in attributes)."""
    return escape("" if value is None else str(value), quote=True)


def _frag(kind: str, name: str) -> str:
    """An element id and its link target: `claim-<id>`, percent-encoded for the href."""
    return f"{kind}-{quote(name, safe='')}"


def _certainty(certainty: str | None) -> str:
    if certainty is None:
        return f'<span class="badge status-unchecked">{_e(vocab.NOT_GRADED)}</span>'
    label = _CERTAINTY_LABEL.get(certainty, certainty)
    return (
        f'<span class="badge" style="background:{CERTAINTY_COLOUR[certainty]};'
        f'color:{_INK[certainty]}">{_e(label)}</span>'
    )


def _status(status: str) -> str:
    return f'<span class="badge status-{_e(status)}">{_e(status)}</span>'


def _claim_link(claim: ClaimView) -> str:
    return f'<a href="#{_frag("claim", claim.id)}">{_e(claim.id)}</a>'


def _legend() -> str:
    items = "".join(
        f'<span><span class="swatch" style="background:{colour}"></span>'
        f"{_e(_CERTAINTY_LABEL[name])}</span>"
        for name, colour in reversed(CERTAINTY_COLOUR.items())
    )
    return f'<div class="legend"><span class="muted">Best certainty:</span>{items}</div>'


# --------------------------------------------------------------------------
# Evidence map


def _map_svg(emap: EvidenceMap) -> str:
    label_w, cell_w, cell_h, head_h = 150, 112, 44, 34
    width = label_w + cell_w * len(emap.routes) + 4
    height = head_h + cell_h * len(emap.topics) + 4
    out = [
        f'<svg class="map" id="map-svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="Evidence map: routes by topics">'
    ]
    for i, route in enumerate(emap.routes):
        x = label_w + i * cell_w + cell_w / 2
        out.append(
            f'<text x="{x}" y="{head_h - 12}" text-anchor="middle" font-weight="700" '
            f'font-size="15">{_e(route)}</text>'
        )
    for j, topic in enumerate(emap.topics):
        y = head_h + j * cell_h
        out.append(
            f'<text x="{label_w - 10}" y="{y + cell_h / 2 + 5}" text-anchor="end" '
            f'font-size="14">{_e(topic)}</text>'
        )
        for i, route in enumerate(emap.routes):
            cell = emap.cell(route, topic)
            x = label_w + i * cell_w
            if not cell.count:
                out.append(
                    f'<rect x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" '
                    f'height="{cell_h - 4}" rx="4" fill="#f3f4f6" stroke="#e1e3e8"/>'
                )
                continue
            best = cell.best
            contested = cell.statuses().get("contested", 0)
            title = (
                f"{route} \u00b7 {topic}: {cell.count} claim{'s' if cell.count > 1 else ''}, "
                f"best certainty {_CERTAINTY_LABEL[best]}"
                + (f", {contested} contested" if contested else "")
            )
            mark = f" \u26a0{contested}" if contested else ""
            out.append(
                f'<a href="#{_frag("cell", f"{route}-{topic}")}" '
                f'data-cell="{_e(route)}/{_e(topic)}"><title>{_e(title)}</title>'
                f'<rect x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" height="{cell_h - 4}" '
                f'rx="4" fill="{CERTAINTY_COLOUR[best]}"/>'
                f'<text x="{x + cell_w / 2}" y="{y + cell_h / 2 + 5}" text-anchor="middle" '
                f'font-size="15" font-weight="700" fill="{_INK[best]}">{cell.count}{mark}</text>'
                "</a>"
            )
    out.append("</svg>")
    return "".join(out)


def _map_cells(emap: EvidenceMap) -> str:
    out = ['<div class="cells">']
    for topic in emap.topics:
        for route in emap.routes:
            cell = emap.cell(route, topic)
            if not cell.count:
                continue
            items = "".join(
                f"<li>{_claim_link(c)} {_certainty(c.certainty)} {_status(c.status)}<br>"
                f"{_e(c.statement)}</li>"
                for c in cell.claims
            )
            out.append(
                f'<section id="{_frag("cell", f"{route}-{topic}")}"><h3>{_e(route)} '
                f'\u00b7 {_e(topic)} <span class="muted">({cell.count})</span></h3>'
                f"<ul>{items}</ul></section>"
            )
    out.append("</div>")
    return "".join(out)


# --------------------------------------------------------------------------
# Study quality


def _studies(works: Sequence[WorkView]) -> list[WorkView]:
    studies = [w for w in works if not w.is_document and w.cited_by]
    return sorted(
        studies, key=lambda w: (-vocab.DESIGN_LEVEL.get(w.design or "", 0), -(w.n or 0), w.key)
    )


def _quality_svg(studies: Sequence[WorkView]) -> str:
    if not studies:
        return '<p class="muted">No appraised study is cited yet.</p>'
    key_w, bar_x, bar_w, row_h, top = 250, 260, 300, 24, 30
    width, height = 1100, top + row_h * len(studies) + 10
    top_n = max(1000, max((w.n or 0) for w in studies))
    scale_max = math.log10(top_n)

    def bar(n: int) -> float:
        return bar_w * math.log10(max(n, 1)) / scale_max if scale_max else 0.0

    out = [
        f'<svg class="quality" id="quality-svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        'aria-label="Study quality: design, sample size and flags of each cited study">'
    ]
    out.append(f'<text x="{bar_x}" y="14" font-size="12" fill="#5f6368">n (log scale)</text>')
    for tick in (1, 10, 100, 1000, 10000):
        if tick > top_n:
            break
        x = bar_x + bar(tick)
        out.append(
            f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{height - 6}" stroke="#e1e3e8"/>'
            f'<text x="{x}" y="{top - 8}" font-size="11" text-anchor="middle" '
            f'fill="#5f6368">{tick}</text>'
        )
    for i, work in enumerate(studies):
        y = top + i * row_h
        level = vocab.DESIGN_LEVEL.get(work.design or "", 1)
        colour = _LEVEL_COLOUR.get(level, "#b2182b")
        concerns = [flag for flag in work.quality]
        if work.blinding == "open-label":
            concerns.insert(0, "open-label")
        design = work.design or "not appraised"
        n_text = f"n {work.n}" if work.n is not None else "n not reported"
        out.append(
            f'<g data-study="{_e(work.key)}"><title>{_e(work.key)}: {_e(design)}, '
            f"{_e(n_text)}{'; ' + _e(', '.join(concerns)) if concerns else ''}</title>"
        )
        out.append(
            f'<text x="{key_w}" y="{y + 16}" text-anchor="end" font-size="13">{_e(work.key)}</text>'
        )
        width_n = bar(work.n) if work.n else 0.0
        if work.n:
            out.append(
                f'<rect x="{bar_x}" y="{y + 5}" width="{max(width_n, 2):.1f}" '
                f'height="{row_h - 9}" rx="2" fill="{colour}"/>'
            )
        else:
            out.append(
                f'<rect x="{bar_x}" y="{y + 5}" width="{bar_w}" height="{row_h - 9}" '
                f'rx="2" fill="none" stroke="{colour}" stroke-dasharray="4 3"/>'
            )
        label = f"{design} \u00b7 {n_text}"
        out.append(
            f'<text x="{bar_x + bar_w + 12}" y="{y + 16}" font-size="12" '
            f'fill="{colour}" font-weight="600">{_e(label)}</text>'
        )
        if concerns:
            out.append(
                f'<text x="{bar_x + bar_w + 230}" y="{y + 16}" font-size="12" '
                f'fill="#5f6368">\u26a0 {_e(", ".join(concerns))}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def _quality_legend() -> str:
    names = {
        4: "starts high (RCT, meta-analysis, PK study...)",
        2: "starts low (cohort, non-randomized...)",
        1: "starts very low (case series, reports, web...)",
    }
    items = "".join(
        f'<span><span class="swatch" style="background:{_LEVEL_COLOUR[level]}">'
        f"</span>{_e(name)}</span>"
        for level, name in names.items()
    )
    return (
        f'<div class="legend"><span class="muted">Design:</span>{items}'
        '<span class="muted">dashed bar: n not reported; \u26a0 quality flags</span></div>'
    )


# --------------------------------------------------------------------------
# Conflicts and claims


def _quotes(quotes: Sequence[AssertionView]) -> str:
    return "".join(
        f"<blockquote>\u201c{_e(q.quote)}\u201d<cite>\u2014 {_e(q.document)}"
        + (f" (citation issue: {_e(q.citation_issue)})" if q.citation_issue else "")
        + "</cite></blockquote>"
        for q in quotes
    )


def _evidence_items(evidence: Sequence[EvidenceView]) -> str:
    if not evidence:
        return '<p class="muted">No evidence cited on this side.</p>'
    items = "".join(
        f"<li><b>{_e(e.source)}</b>: {_e(e.design or 'not appraised')}, "
        f"{_e('n ' + str(e.n) if e.n is not None else 'n not reported')}"
        + (f", {_e(', '.join(e.quality))}" if e.quality else "")
        + (f" \u2014 {_e(e.note)}" if e.note else "")
        + "</li>"
        for e in evidence
    )
    return f"<ul>{items}</ul>"


def _side(title: str, side: Side, grade: str) -> str:
    return (
        f'<div class="side"><h4>{_e(title)}</h4>{_quotes(side.quotes) or ""}'
        f"{'' if side.quotes else '<p class=muted>No document says so.</p>'}"
        f"<p><b>Evidence</b></p>{_evidence_items(side.evidence)}<p>{grade}</p></div>"
    )


def _conflict(conflict: Conflict) -> str:
    claim = conflict.claim
    for_grade = f"Graded: {_certainty(claim.certainty)} {_status(claim.status)}"
    against = conflict.against
    if against.evidence and claim.kind == "finding":
        n = f", total n {against.total_n}" if against.total_n is not None else ""
        against_grade = f"Graded against: {_certainty(claim.certainty_against)}{_e(n)}"
    elif against.evidence:
        against_grade = "The linked record refutes the description."
    else:
        against_grade = "No evidence cited against: the dispute rests on the document's word."
    kinds = " and ".join(
        {"disputed": "disputed by a document", "contradicted": "contradicted by evidence"}[k]
        for k in conflict.kinds
    )
    return (
        f'<div class="conflict" id="{_frag("conflict", claim.id)}">'
        f"<h3>{_claim_link(claim)}: {_e(claim.statement)}</h3>"
        f'<p class="meta">{_e(", ".join(claim.routes))} \u00b7 {_e(claim.topic)} \u00b7 '
        f'{_e(kinds)}</p><div class="sides">'
        f"{_side('For: asserted and supported', conflict.for_side, for_grade)}"
        f"{_side('Against: disputed and contradicted', against, against_grade)}"
        "</div></div>"
    )


def _grading_rows(claim: ClaimView, steps: tuple[dict[str, object], ...] | None = None) -> str:
    rows = []
    recorded = claim.grading if steps is None else steps
    for step, level in zip(recorded, levels_reached(recorded), strict=True):
        change = int(str(step["change"]))
        shown = str(change) if step["domain"] == "start" else f"{change:+d}"
        name = vocab.CERTAINTY_OF_LEVEL.get(level, "none")
        if claim.kind != "finding" and steps is None:
            name = "none"
        rows.append(
            f"<tr><td>{_e(str(step['domain']).replace('_', ' '))}</td>"
            f'<td class="num">{_e(shown)}</td><td>{_e(_CERTAINTY_LABEL[name])}</td>'
            f"<td>{_e(step['reason'])}</td></tr>"
        )
    if not rows:
        rows.append(
            "<tr><td>start</td><td class=num>0</td><td>none</td>"
            "<td>no supporting evidence</td></tr>"
        )
    return (
        "<table><thead><tr><th>domain</th><th>change</th><th>level</th><th>reason</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _evidence_table(claim: ClaimView) -> str:
    if not claim.evidence:
        return '<p class="muted">Evidence: none linked.</p>'
    rows = "".join(
        f"<tr><td>{_e(e.source)}{_retracted_badge(e.retraction)}</td><td>{_e(e.stance)}</td>"
        f"<td>{_e(e.design or 'not appraised')}</td>"
        f'<td class="num">{_e(e.n if e.n is not None else "")}</td><td>{_e(e.blinding)}</td>'
        f"<td>{_e(', '.join(e.quality))}</td><td>{_e(e.locator)}</td>"
        f"<td>{_e(effect_text(e.effect))}</td><td>{_e(e.note)}</td></tr>"
        for e in claim.evidence
    )
    return (
        "<table><thead><tr><th>source</th><th>stance</th><th>design</th><th>n</th>"
        "<th>blinding</th><th>quality</th><th>locator</th><th>effect</th><th>note</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _retracted_badge(notice: dict[str, object] | None) -> str:
    if notice is None:
        return ""
    return f' <span class="badge retracted">{_e(retraction_text(notice))}</span>'


def _claim(claim: ClaimView) -> str:
    total = claim.total_n if claim.total_n is not None else "not reported"
    parts = [
        f'<article class="claim" id="{_frag("claim", claim.id)}" data-claim="{_e(claim.id)}">'
        f"<h3>{_e(claim.statement)}</h3>"
        f'<p class="meta"><code>{_e(claim.id)}</code> \u00b7 {_e(", ".join(claim.routes))} '
        f"\u00b7 {_e(claim.topic)} \u00b7 {_e(claim.condition)} \u00b7 {_e(claim.kind)} "
        f"\u00b7 {_certainty(claim.certainty)} {_status(claim.status)} \u00b7 total n "
        f"{_e(total)}"
        + (
            f" \u00b7 against {_certainty(claim.certainty_against)}"
            if claim.kind == "finding" and claim.certainty_against not in (None, "none")
            else ""
        )
        + "</p>"
    ]
    if claim.rationale:
        parts.append(f"<p><b>Rationale</b> {_e(claim.rationale)}</p>")
    if claim.note:
        parts.append(f'<p class="muted">{_e(claim.note)}</p>')
    for notice in claim.retraction:
        parts.append(
            f'<p class="cites-retracted"><span class="badge retracted">cites a retracted work'
            f"</span> {_e(retraction_text(notice))}"
            f"{'; left out of the grade' if claim.kind == 'finding' else ''}</p>"
        )
    if claim.asserted_by:
        parts.append(f"<p><b>Asserted by</b></p>{_quotes(claim.asserted_by)}")
    if claim.disputed_by:
        parts.append(f"<p><b>Disputed by</b></p>{_quotes(claim.disputed_by)}")
    parts.append(_evidence_table(claim))
    if claim.pooled_effect:
        parts.append(f"<p><b>Pooled effect</b> {_e(effect_text(claim.pooled_effect))}</p>")
    how = "How the grade was reached" if claim.kind == "finding" else "How the claim was checked"
    parts.append(f"<p><b>{how}</b></p>{_grading_rows(claim)}")
    if claim.grading_against:
        parts.append(
            "<p><b>How the contradicting evidence was graded</b></p>"
            f"{_grading_rows(claim, claim.grading_against)}"
        )
    parts.append("</article>")
    return "".join(parts)


# --------------------------------------------------------------------------
# The page


def render_report(
    claims: Sequence[ClaimView],
    works: Sequence[WorkView],
    title: str = "Ketamine routes of administration: the evidence",
) -> str:
    """The whole report as one HTML document."""
    emap = evidence_map(claims)
    found = conflicts(claims)
    studies = _studies(works)
    # Each kind counted apart: a confirmed description is not a strong finding.
    summary = "".join(
        f"<span><b>{_e(kind)}s</b> "
        + " ".join(f"{_status(s)} {n}" for s, n in by_status.items())
        + "</span>"
        for kind, by_status in count_by_kind(claims).items()
    )
    conflict_html = "".join(_conflict(c) for c in found) or (
        '<p class="muted">No claim is disputed or contradicted.</p>'
    )
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; img-src data:\">"
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
            '<nav><a href="#map">Evidence map</a><a href="#studies">Study quality</a>'
            f'<a href="#conflicts">Conflicts ({len(found)})</a>'
            f'<a href="#claims">Claims ({len(claims)})</a></nav><main>',
            f"<h1>{_e(title)}</h1>",
            f'<p class="muted">{len(claims)} claims, {len(studies)} cited studies, '
            f"{len(found)} conflicts. Certainty is graded GRADE-style from the body of evidence "
            "behind each claim; every claim below shows how.</p>",
            f'<div class="summary">{summary}</div>',
            '<h2 id="map">Evidence map</h2>',
            '<p class="muted">Routes across, topics down. Each cell counts the claims about that '
            "route and topic, coloured by the best certainty among them (\u26a0 counts the "
            "contested ones); click a cell for its claims.</p>",
            _legend(),
            f"<figure>{_map_svg(emap)}</figure>"
            if emap.routes
            else '<p class="muted">No claims.</p>',
            _map_cells(emap),
            '<h2 id="studies">Study quality</h2>',
            '<p class="muted">Each cited study: its design (the level GRADE starts from), sample '
            "size and the quality flags behind risk-of-bias ratings.</p>",
            _quality_legend(),
            f"<figure>{_quality_svg(studies)}</figure>",
            '<h2 id="conflicts">Conflicts</h2>',
            conflict_html,
            '<h2 id="claims">Every claim</h2>',
            "".join(_claim(c) for c in claims) or '<p class="muted">No claims.</p>',
            "</main></body></html>\n",
        ]
    )


def write_report(
    stream: TextIO, claims: Sequence[ClaimView], works: Sequence[WorkView], title: str | None = None
) -> None:
    """Write the report to `stream`."""
    stream.write(render_report(claims, works, title) if title else render_report(claims, works))
