"""Study-level risk of bias in the shape R's robvis reads with `tool = "Generic"`.

robvis wants the study in the first column, one column per domain, the overall
judgement second to last and a weight last. The judgements come from the same
appraisal the grader rates risk of bias from (design, blinding and the quality
flags of studies.bib), so the plot and the grades never disagree:

- a flag that names a concern (`open-label`, `not-randomized`, `no-control`,
  `high-attrition`, `stopped-early`) makes its domain `High`;
- an appraised study of a design the domain applies to, without that flag, is `Low`;
- where the appraisal cannot tell (blinding `unclear` or `not-applicable`, a design
  the domain does not fit) the cell is `No information`.

Only studies of a design a risk-of-bias tool appraises (trials, cohorts, case-control
studies: RoB 2 and ROBINS-I's ground) get a row; reviews, PK studies, case reports,
patient reports and web pages do not. Weight is the study's n, 1 where it reports none
(robvis's vignette: weights "can all be set to 1"). The first line is a `#` note saying
these are screening judgements from quality flags, not RoB 2 assessments.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ..query.records import WorkRecord
from . import csv
from .read import Selection, iter_works

LOW, SOME, HIGH, NO_INFO = "Low", "Some concerns", "High", "No information"
DOMAINS = (
    "Randomisation",
    "Blinding",
    "Control group",
    "Missing outcome data",
    "Early stopping",
)
COLUMNS = ("Study", *DOMAINS, "Overall", "Weight")
NOTE = (
    "# Screening judgements derived from roa-evidence's quality flags (design, blinding, "
    "flags), not RoB 2 or ROBINS-I assessments; Weight is n, 1 where not reported. "
    'Read with comment.char = "#".\n'
)

_RANDOMISED = frozenset({"rct", "crossover-rct"})
_NOT_RANDOMISED = frozenset(
    {
        "non-randomized-trial",
        "cohort",
        "case-control",
        "cross-sectional",
        "case-series",
        "case-report",
    }
)
_CONTROLLED = _RANDOMISED | {"non-randomized-trial", "cohort", "case-control"}
_UNCONTROLLED = frozenset({"case-series", "case-report", "patient-reports"})
_TRIALS = _RANDOMISED | {"non-randomized-trial"}
_FOLLOWED_UP = _TRIALS | {"cohort", "pk-study"}
# The designs RoB 2 (randomised trials) and ROBINS-I (non-randomised studies) appraise.
APPRAISED = _TRIALS | {"cohort", "case-control"}
_BLINDING = {"double-blind": LOW, "single-blind": SOME, "open-label": HIGH}


def judgements(work: WorkRecord) -> dict[str, str]:
    """Each domain's judgement for one work, from its appraisal."""
    design, flags = work.design, set(work.quality)
    if design is None:  # not appraised: nothing can be said
        return dict.fromkeys(DOMAINS, NO_INFO)

    def judge(concern: bool, applies: bool) -> str:
        return HIGH if concern else LOW if applies else NO_INFO

    return {
        "Randomisation": judge(
            "not-randomized" in flags or design in _NOT_RANDOMISED, design in _RANDOMISED
        ),
        "Blinding": _BLINDING.get(work.blinding or "", NO_INFO),
        "Control group": judge(
            "no-control" in flags or design in _UNCONTROLLED, design in _CONTROLLED
        ),
        "Missing outcome data": judge("high-attrition" in flags, design in _FOLLOWED_UP),
        "Early stopping": judge("stopped-early" in flags, design in _TRIALS),
    }


def overall(domains: Iterable[str]) -> str:
    """The worst domain: any High is High; any Some concerns, or missing information
    beside Low domains, is Some concerns; all Low is Low; nothing known is No information."""
    found = set(domains)
    if HIGH in found:
        return HIGH
    if SOME in found or (NO_INFO in found and LOW in found):
        return SOME
    return LOW if found == {LOW} else NO_INFO


def rows(works: Iterable[WorkRecord]) -> Iterator[tuple[Any, ...]]:
    """One row per study a risk-of-bias tool appraises: key, the domains, Overall,
    Weight (n; 1 when not reported)."""
    for work in works:
        if work.design not in APPRAISED:
            continue
        domains = judgements(work)
        weight = work.n if work.n is not None else 1
        yield (work.key, *domains.values(), overall(domains.values()), weight)


def write(stream: TextIO, works: Iterable[WorkRecord]) -> int:
    """The robvis table of the works, after its note; rows written."""
    stream.write(NOTE)
    return csv.write(stream, rows(works), COLUMNS)


def export(stream: TextIO, selection: Selection) -> int:
    """A row per work the selection's claims cite as evidence; rows written."""
    cited = iter_works(selection.conn, selection.flt, selection.batch_size, evidence_only=True)
    return write(stream, cited)
