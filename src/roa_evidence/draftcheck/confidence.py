"""How likely a reported problem is right, from what the checker saw when it found it.

The rules read wording; on prose they were not tuned on they are right about four times in
five (docs/check.md). What they saw when they flagged a sentence says how far to trust
the flag: how the claim was found and how closely it is worded, which parts agreed, the
claim's grade, what kind of flip or number it was, how long the sentence is. A logistic
model over those features, one per problem kind, gives each problem a confidence in 0-1.
Its weights (`confidence.json`) are learned from the labelled rounds in tests/fixtures by
`bench/train_confidence.py`, which also reports what they are worth on rounds held out.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .findings import JUDGED_PARTS, looseness

if TYPE_CHECKING:
    from .findings import Finding, SentenceProblem

__all__ = ["DEFAULT_MIN_CONFIDENCE", "SCORED_KINDS", "confidence", "features"]

# A problem more likely wrong than right is doubtful (the CLI's --min-confidence default).
DEFAULT_MIN_CONFIDENCE = 0.5
# The kinds a confidence is given to: those read from meaning, where the rules can misread.
# (An unknown or retracted key, a number stated with no source, are facts of the text.)
SCORED_KINDS = ("opposite", "mismatch", "cited-against", "overclaim")

# What a problem's detail says it found, by the words the judging rules write.
_DETAILS = (
    "adds a negation",
    "drops a negation",
    "reverses the comparison",
    "ranks them",
    "says they are alike",
    "finds no difference",
    "finds a difference",
    "the claim says",
    "states it plainly",
    "says only",
    "contradicts the claim",
    "supports the claim this sentence negates",
    "reports",
    "is not what the claim",
    "disputes",
    "sets the claim aside",
    "superlative",
    "receptors",
    "evidence on",
    "by the cited work's claim",
)
_LONG = 60  # words: a sentence's length counts up to this
_QUOTED = re.compile(r"['(\u201c]")  # where a detail starts quoting a statement or a note


def features(finding: Finding, problem: SentenceProblem) -> dict[str, float]:
    """What the checker saw when it found `problem` in `finding`, as named features."""
    found: dict[str, float] = {"bias": 1.0}
    match, claim = finding.match, finding.claim
    if match is not None:
        found[f"how={match.how}"] = 1.0
        found[f"sure={match.sure}"] = 1.0
        found["score"] = match.score / 100.0
    loose = looseness(match, finding.parts, but=JUDGED_PARTS) if match is not None else []
    found["loose"] = len(loose) / 3.0
    found.update({f"loose:{reason}": 1.0 for reason in loose})
    found.update({f"{part}={verdict}": 1.0 for part, verdict in finding.parts.items()})
    if claim is not None:
        found[f"certainty={claim.certainty}"] = 1.0
        found[f"status={claim.status}"] = 1.0
    # the rule's own words, not the claim statement or source note it goes on to quote
    said = _QUOTED.split(problem.detail, maxsplit=1)[0]
    found.update({f"detail:{d}": 1.0 for d in _DETAILS if d in said})
    found["problems"] = len(finding.problems) / 3.0
    found["keys"] = min(len(finding.keys), 3) / 3.0
    found["words"] = min(len(finding.sentence.split()), _LONG) / _LONG
    found.update({f"also:{p.kind}": 1.0 for p in finding.problems if p.kind != problem.kind})
    return found


@cache
def _weights() -> dict[str, dict[str, float]]:
    text = resources.files(__package__).joinpath("confidence.json").read_text(encoding="utf-8")
    return dict(json.loads(text)["weights"])


def confidence(finding: Finding, problem: SentenceProblem) -> float | None:
    """How likely `problem` is right (0-1), or None for a kind not scored."""
    weights = _weights().get(problem.kind)
    if weights is None:
        return None
    found = features(finding, problem)
    total = sum(weights.get(name, 0.0) * value for name, value in found.items())
    return 1.0 / (1.0 + math.exp(-total))
