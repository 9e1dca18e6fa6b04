"""How likely a reported problem is right, from what the checker saw when it found it.

The rules read wording; on prose they were not tuned on they are right about four times in
five (docs/check.md). What they saw when they flagged a sentence says how far to trust
the flag: how the claim was found and how closely it is worded, which parts agreed, the
claim's grade, what kind of flip or number it was, how long the sentence is, and the
sentence's words (a hedge or an attribution no rule knows). A logistic
model over those features, one per problem kind, gives each problem a confidence in 0-1.
Its weights (`confidence.json`) are learned from the labelled rounds in tests/fixtures by
`bench/train_confidence.py`, which also reports what they are worth on rounds held out.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Protocol

from .clauses import negated_shared
from .findings import JUDGED_PARTS, SUPPORTS_WHAT_IT_NEGATES, looseness

if TYPE_CHECKING:
    from ..query.records import ClaimRecord
    from .findings import SentenceProblem
    from .matching import Match

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "SCORED_KINDS",
    "WORD",
    "Judged",
    "confidence",
    "features",
    "probability",
    "sorted_out",
    "words",
]

# A problem more likely wrong than right is doubtful (the CLI's --min-confidence default).
# The weights are learned from rounds the rules were written from, and on prose they were
# not (rounds 197-212 before the rules of the thirtieth pass) a problem scored 0.5-0.7 was
# right 10 times in 27: there, below 0.6 is more likely wrong than right (docs/check.md).
DEFAULT_MIN_CONFIDENCE = 0.6
# The kinds a confidence is given to: those read from meaning, where the rules can misread.
# (An unknown or retracted key, a number stated with no source, are facts of the text.)
SCORED_KINDS = ("opposite", "mismatch", "cited-against", "overclaim")

# What a problem's detail says it found, by the words the judging rules write.
_DETAILS = (
    "adds a negation",
    "drops a negation",
    "reverses the comparison",
    "says the contrary",
    "ranks them",
    "says they are alike",
    "finds no difference",
    "finds a difference",
    "the claim says",
    "states it plainly",
    "says only",
    "contradicts the claim",
    SUPPORTS_WHAT_IT_NEGATES,
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


class Judged(Protocol):
    """What the checker found of a sentence: a `judging.Verdict`, or a `findings.Finding`."""

    @property
    def claim(self) -> ClaimRecord | None: ...
    @property
    def match(self) -> Match | None: ...
    @property
    def problems(self) -> tuple[SentenceProblem, ...]: ...
    @property
    def parts(self) -> dict[str, str]: ...


def features(
    judged: Judged, problem: SentenceProblem, keys: Sequence[str], sentence: str
) -> dict[str, float]:
    """What the checker saw when it found `problem` in the `sentence` (as written, citing
    `keys`), as named features."""
    found: dict[str, float] = {"bias": 1.0}
    match, claim = judged.match, judged.claim
    if match is not None:
        found[f"how={match.how}"] = 1.0
        found[f"sure={match.sure}"] = 1.0
        found["score"] = match.score / 100.0
    loose = looseness(match, judged.parts, but=JUDGED_PARTS) if match is not None else []
    found["loose"] = len(loose) / 3.0
    found.update({f"loose:{reason}": 1.0 for reason in loose})
    found.update({f"{part}={verdict}": 1.0 for part, verdict in judged.parts.items()})
    if claim is not None:
        found[f"certainty={claim.certainty}"] = 1.0
        found[f"status={claim.status}"] = 1.0
    # the rule's own words, not the claim statement or source note it goes on to quote
    said = _QUOTED.split(problem.detail, maxsplit=1)[0]
    found.update({f"detail:{d}": 1.0 for d in _DETAILS if d in said})
    if claim is not None and problem.kind == "opposite" and "a negation" in said:
        # how much of what the negation governs the claim says (or the sentence, for a
        # negation the sentence drops): "not sustained" against "sustained for three days"
        negated, other = (sentence, claim.statement)
        if "drops a negation" in said:
            negated, other = other, negated
        found["negation shares"] = min(negated_shared(negated, other), 3) / 3.0
    found["problems"] = len(judged.problems) / 3.0
    found["keys"] = min(len(keys), 3) / 3.0
    found["words"] = min(len(sentence.split()), _LONG) / _LONG
    found.update({f"also:{p.kind}": 1.0 for p in judged.problems if p.kind != problem.kind})
    # the sentence's own words: a hedge or an attribution the rules do not know ("members who
    # have had both tell us") is in them (only words the training saw often have a weight)
    found.update({f"{WORD}{w}": 1.0 for w in words(sentence)})
    return found


WORD = "w:"  # the prefix of a word's feature
_WORDS = re.compile(r"[a-z][a-z'-]+")


def words(sentence: str) -> set[str]:
    """The sentence's words, lower-cased, as the model weighs them."""
    return set(_WORDS.findall(sentence.lower()))


def probability(weights: Mapping[str, float], found: Mapping[str, float]) -> float:
    """The logistic model's answer for one problem's features."""
    return 1.0 / (1.0 + math.exp(-sum(weights.get(n, 0.0) * v for n, v in found.items())))


@cache
def _weights() -> dict[str, dict[str, float]]:
    text = resources.files(__package__).joinpath("confidence.json").read_text(encoding="utf-8")
    return dict(json.loads(text)["weights"])


def confidence(
    judged: Judged, problem: SentenceProblem, keys: Sequence[str], sentence: str
) -> float | None:
    """How likely `problem` is right, 0-1 to two places (what is shown is what is compared
    with --min-confidence), or None for a kind not scored."""
    weights = _weights().get(problem.kind)
    if weights is None:
        return None
    return round(probability(weights, features(judged, problem, keys, sentence)), 2)


def _no_surer_than_its_flip(scored: Sequence[SentenceProblem]) -> tuple[SentenceProblem, ...]:
    """`scored` (each with its confidence), where a cited work said to support the claim the
    sentence negates is no surer than that negation is read: the `cited-against` rests on
    the `opposite` (cross-validated on rounds 125-156 with weights from 2-124: 2 false alarms
    fewer, 1 right problem lost)."""
    flips = [p.confidence for p in scored if p.kind == "opposite" and p.confidence is not None]
    if not flips:
        return tuple(scored)
    surest = max(flips)
    return tuple(
        replace(p, confidence=min(p.confidence, surest))
        if p.kind == "cited-against"
        and p.confidence is not None
        and SUPPORTS_WHAT_IT_NEGATES in p.detail
        else p
        for p in scored
    )


def sorted_out(
    scored: Sequence[SentenceProblem], least: float
) -> tuple[tuple[SentenceProblem, ...], tuple[SentenceProblem, ...]]:
    """The problems to report, and those set apart as doubtful (below `least`), of a
    sentence's `scored` problems (each with its confidence, or None for a kind not scored)."""
    checked = _no_surer_than_its_flip(scored)
    kept = tuple(p for p in checked if p.confidence is None or p.confidence >= least)
    if any(p.kind == "opposite" for p in kept):
        # a sentence saying the contrary does not also assert the claim too firmly, nor
        # against a cited work that contradicts it
        checked = tuple(p for p in checked if not _asserts_it(p))
        kept = tuple(p for p in kept if not _asserts_it(p))
    return kept, tuple(p for p in checked if p not in kept)


def _asserts_it(problem: SentenceProblem) -> bool:
    """Whether `problem` holds only where the sentence asserts its claim."""
    return problem.kind == "overclaim" or problem.if_asserted
