"""One self-contained HTML page of the evidence: map, study quality, conflicts, claims.

`render_report(claims, works)` returns the page as a string; `write_report`
writes it to a stream. The page is drawn from the Jinja2 templates in
`roa_evidence/templates/` with autoescaping on, so every value from the data files
is HTML-escaped. Everything is inline (CSS, SVG charts); the page loads nothing and
runs no script (its Content-Security-Policy forbids both).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TextIO
from urllib.parse import quote

import jinja2
from jinja2.ext import Extension
from markupsafe import Markup

from . import certainty, vocab
from .grading import levels_reached
from .query.csvrows import effect_text
from .query.queries import count_by_kind
from .query.records import ClaimRecord, WorkRecord, retraction_text
from .query.views import conflicts, evidence_map

__all__ = ["CERTAINTY_COLOUR", "render_report", "write_report"]

CERTAINTY_COLOUR = certainty.COLOUR
# The colour of each design's GRADE starting level (4 high, 2 low, 1 very low).
_LEVEL_COLOUR = {4: "#1b7837", 2: "#e08214", 1: "#b2182b"}
# "contradicted" here means links against it, whatever the status they lead to
# (a body against two levels below the body for is shown, not weighed).
_CONFLICT_KIND = {"disputed": "disputed by a document", "contradicted": "evidence against"}


class _JoinLines(Extension):
    """Drops the templates' line breaks and indentation: they are there for reading."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return re.sub(r"\n\s*", "", source) if name and name.endswith(".j2") else source


def _escape(value: object) -> object:
    """Every value escaped as `html.escape` does (`&#x27;` for a quote, as the page
    always had); markup from the templates' own macros is left as it is."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def _fragment(name: str, kind: str) -> str:
    """An element id and its link target: `claim-<id>`, percent-encoded for the href."""
    return f"{kind}-{quote(name, safe='')}"


def _joined(items: Sequence[object], separator: str) -> str:
    # Jinja's own `join` escapes with markupsafe's entities; this one leaves it to `_escape`.
    return separator.join(str(item) for item in items)


def _derivation(
    claim: ClaimRecord, steps: Sequence[dict[str, Any]] | None = None
) -> list[tuple[str, str, str, object]]:
    """(domain, change, level reached, reason) for each step of a derivation: the
    supporting body's unless `steps` are given; a check of a description reaches none."""
    rows = []
    recorded = claim.grading if steps is None else steps
    for step, level in zip(recorded, levels_reached(recorded), strict=True):
        change = int(str(step["change"]))
        shown = str(change) if step["domain"] == "start" else f"{change:+d}"
        graded = claim.kind == "finding" or steps is not None
        reached = certainty.level_label(level) if graded else "none"
        rows.append((str(step["domain"]).replace("_", " "), shown, reached, step["reason"]))
    return rows


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("roa_evidence", "templates"),
        autoescape=True,
        finalize=_escape,
        keep_trailing_newline=True,  # report.css ends in a line break the page keeps
        undefined=jinja2.StrictUndefined,
        extensions=[_JoinLines],
    )
    env.filters.update(
        fragment=_fragment,
        joined=_joined,
        effect_text=effect_text,
        retraction_text=retraction_text,
        derivation=_derivation,
        conflict_kind=_CONFLICT_KIND.__getitem__,
    )
    env.globals.update(
        label=certainty.LABEL,
        colour=certainty.COLOUR,
        ink=certainty.INK,
        not_graded=vocab.NOT_GRADED,
        level_colour=_LEVEL_COLOUR,
    )
    return env


# --------------------------------------------------------------------------
# Study quality: what the bar chart draws of each study


@dataclass(frozen=True)
class _QualityRow:
    key: str
    design: str
    n: int | None
    n_text: str
    colour: str
    concerns: list[str]


@dataclass(frozen=True)
class _LogScale:
    """Sample sizes on a log scale up to the largest n (at least 1,000)."""

    top_n: int

    @property
    def ticks(self) -> list[int]:
        return [tick for tick in (1, 10, 100, 1000, 10000) if tick <= self.top_n]

    def bar(self, n: int, width: int) -> float:
        scale_max = math.log10(self.top_n)
        return width * math.log10(max(n, 1)) / scale_max if scale_max else 0.0


def _studies(works: Sequence[WorkRecord]) -> list[WorkRecord]:
    studies = [w for w in works if not w.is_document and w.cited_by]
    return sorted(
        studies, key=lambda w: (-vocab.DESIGN_LEVEL.get(w.design or "", 0), -(w.n or 0), w.key)
    )


def _quality_row(work: WorkRecord) -> _QualityRow:
    level = vocab.DESIGN_LEVEL.get(work.design or "", 1)
    concerns = list(work.quality)
    if work.blinding == "open-label":
        concerns.insert(0, "open-label")
    return _QualityRow(
        key=work.key,
        design=work.design or "not appraised",
        n=work.n,
        n_text=f"n {work.n}" if work.n is not None else "n not reported",
        colour=_LEVEL_COLOUR.get(level, "#b2182b"),
        concerns=concerns,
    )


# --------------------------------------------------------------------------
# The page


def render_report(
    claims: Sequence[ClaimRecord],
    works: Sequence[WorkRecord],
    title: str = "Ketamine routes of administration: the evidence",
) -> str:
    """The whole report as one HTML document."""
    studies = _studies(works)
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title,
            claims=claims,
            emap=evidence_map(claims),
            conflicts=conflicts(claims),
            counts=count_by_kind(claims),
            studies=[_quality_row(w) for w in studies],
            scale=_LogScale(max([1000, *((w.n or 0) for w in studies)])),
        )
    )


def write_report(
    stream: TextIO,
    claims: Sequence[ClaimRecord],
    works: Sequence[WorkRecord],
    title: str | None = None,
) -> None:
    """Write the report to `stream`."""
    stream.write(render_report(claims, works, title) if title else render_report(claims, works))
