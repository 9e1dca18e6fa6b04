"""Grade the body of evidence behind a claim, GRADE-style, recording every step.

`grade()` is a pure function: it takes a claim with its evidence links and a
`GradingConfig` and returns a `Grade` (certainty, status, the steps that led
there, total n, and the contradicting body's certainty with its own steps). It
reads no file and prints nothing. docs/grading.md states the rules in full;
in brief (docs/grading.md has the whole account):

- Kinds: a `description` is checked against the records it links (`confirmed`,
  `refuted`, `unchecked`), a `definition` is `confirmed` by its rationale; both
  have certainty None. A `finding` is graded.
- A finding's supporting and contradicting links are two bodies graded by the
  same rules: start at the best design, rate down for risk of bias,
  imprecision, inconsistency (opposing evidence or disagreeing values),
  indirectness and publication bias (a reviewer's judgement replaces a domain's
  automatic rule), rate up for a large effect or dose-response (from a start
  below high, with no rating down, on studies that report n), clamp to 1..4.
- Imprecision: from the effect's CI when there is one (GRADE guidelines 6; with
  the claim's `mid`, the minimally contextualised approach of GRADE guidance
  34), the optimal information size only when n or events are known; without
  an effect, from the reported sample size.
- A study that reports no n never counts for a body: it is not a second study,
  adds no participants, may hold most participants when flagged, never makes a
  body more direct, and a body where none reports n is read as below 50.
  A link `within` a pooled source in the same body is counted once, inside it.
- Status, the first that holds: `contradicted` (contradicting links and no
  support, or the contradicting body grades higher), `contested`,
  `unsupported`, `strong` (high or moderate), `weak`.
- Notices (`screening`, findings only): a retracted work's links leave
  both bodies; an expression of concern is a risk-of-bias concern; each is a
  0-change `retraction` step after the start step (docs/retractions.md).

Modules, each importing only those after it: `derivation` (grade, status),
`domains` and `imprecision` (each domain's automatic rule), `screening` (notices),
`body` (what every rule reads of a body of links), `config`, `types`.
"""

from __future__ import annotations

from .config import DEFAULT_CONFIG, GradingConfig
from .derivation import grade, levels_reached
from .types import (
    AppraisalSpec,
    ClaimEvidence,
    CountSpec,
    Effect,
    Grade,
    Judgement,
    Link,
    Mid,
    Override,
    Step,
    Study,
    Value,
)

__all__ = [
    "DEFAULT_CONFIG",
    "AppraisalSpec",
    "ClaimEvidence",
    "CountSpec",
    "Effect",
    "Grade",
    "GradingConfig",
    "Judgement",
    "Link",
    "Mid",
    "Override",
    "Step",
    "Study",
    "Value",
    "grade",
    "levels_reached",
]
