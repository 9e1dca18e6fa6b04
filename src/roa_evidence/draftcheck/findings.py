"""What a check finds: a problem, a finding per sentence, and the report on a draft.

The problem kinds and claim statuses, each the worst first, rank the findings: a
sentence's verdict is its worst problem, else its claim's status, else `no-claim`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..query.records import ClaimRecord
from ..vocab import STATUSES_WORST_FIRST
from .matching import Match
from .parts import NOT_IN_CLAIM

__all__ = [
    "FAIL_ON",
    "JUDGED_PARTS",
    "LOOSE",
    "NOT_CHECKED",
    "NO_CLAIM",
    "PROBLEM_KINDS",
    "STATUSES_WORST_FIRST",
    "SUPPORTS_WHAT_IT_NEGATES",
    "UNLINKED",
    "CheckReport",
    "Finding",
    "SentenceProblem",
    "loosely_matched",
    "looseness",
]

# SentenceProblem kinds, the worst first: the verdict is the first a sentence has.
PROBLEM_KINDS = (
    "opposite",
    "cited-retracted",
    "cited-against",
    "mismatch",
    "overclaim",
    "unknown-key",
    "unsourced",
)
# Verdicts that are neither a problem nor a status: a claim matched too loosely to vouch
# for the sentence, and a sentence stating a number, comparison or cause left unchecked.
LOOSE = "loose-match"
# How a claim found only by the number a sentence states of one route was found (Match.how,
# valued.by_value): no wording in common, so it never vouches for the sentence.
BY_VALUE = "value"
# How a claim was found for a sentence citing nothing that speaks of the study cited just
# before it ("that trial ..."): among that study's claims (Sentence.pointed); never vouches.
BY_POINTING = "pointed"
# How a claim was found for a sentence naming no route that states a study's design ("it
# was properly double-blinded"): the one claim of the base on that design (valued.by_design);
# never vouches.
BY_DESIGN = "design"
# The citations part of a sentence citing a work the base does not link to its claim.
UNLINKED = "not linked to the claim"
# a cited-against's detail when the cited work is on the side of the claim the sentence
# negates (judging writes it; the confidence caps such a problem at the negation's)
SUPPORTS_WHAT_IT_NEGATES = "supports the claim this sentence negates"
# The assertion part of a question ("Is a shot as good as a drip?", "True or false: ..."), a
# reported question, a plan or a patient's history: nothing the evidence could vouch for.
NO_FINDING_STATED = "states no finding"


# The parts judged once a claim is matched: one that differs is a problem of its own
# (opposite, mismatch, overclaim, cited-against), not a doubt about the match.
JUDGED_PARTS = frozenset({"negation and direction", "quantity", "hedging", "citations"})


def looseness(match: Match, parts: dict[str, str], *, but: Collection[str] = ()) -> list[str]:
    """Why a match cannot vouch for its sentence, empty when it can: its wording is only a
    possible match, or a part the sentence states differs from the claim's (`but`: parts
    not to count)."""
    if match.how == BY_VALUE:
        reasons = ["found only by the value it states"]
    elif match.how == BY_POINTING:
        reasons = ["found among the claims of the study cited before it"]
    elif match.how == BY_DESIGN:
        reasons = ["found only by the design it states"]
    else:
        reasons = ["worded only near it"] if match.sure == "possible" else []
    if match.sure == "likely" and "citation" in match.how:  # by citation, worded under 70
        # the cited work bears on the claim, but the words may say another thing of it
        reasons.append("cited, but worded only near it")
    if parts.get("citations") == UNLINKED:  # no problem of its own: a doubt only
        reasons.append("cites a work not linked to it")
    if parts.get("assertion") == NO_FINDING_STATED:
        reasons.append(NO_FINDING_STATED)
    differing = (p for p, verdict in parts.items() if verdict == "differs" and p not in but)
    reasons += [f"{part} differ{'' if part.endswith('s') else 's'}" for part in differing]
    # a part the sentence states and the claim does not ("in adults with depression" against a
    # claim naming no condition) is not vouched for either
    return reasons + [f"{part} not in the claim" for part, v in parts.items() if v == NOT_IN_CLAIM]


def loosely_matched(match: Match, parts: dict[str, str], *, but: str = "") -> bool:
    """Whether a match cannot vouch for its sentence (see `looseness`)."""
    return bool(looseness(match, parts, but=(but,)))


NOT_CHECKED = "not-checked"
NO_CLAIM = "no-claim"  # nothing to say of the sentence
FAIL_ON = (*PROBLEM_KINDS, *STATUSES_WORST_FIRST, LOOSE, NOT_CHECKED, NO_CLAIM)


@dataclass(frozen=True)
class SentenceProblem:
    """One thing wrong with a sentence, and what to write instead when we know."""

    kind: str
    detail: str
    suggestion: str | None = None
    confidence: float | None = None  # how likely it is right, 0-1, two places (confidence.py)
    # holds only where the sentence asserts its claim (a cited work contradicting the claim):
    # dropped where the sentence is read as flipping it (`confidence.sorted_out`)
    if_asserted: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "detail": self.detail}
        if self.suggestion:
            data["suggestion"] = self.suggestion
        if self.confidence is not None:
            data["confidence"] = self.confidence
        return data


@dataclass(frozen=True)
class Finding:
    """One sentence of the draft: the claim it repeats, if any, and its problems."""

    line: int
    col: int
    sentence: str
    verdict: str
    claim: ClaimRecord | None = None
    problems: tuple[SentenceProblem, ...] = ()
    keys: tuple[str, ...] = ()
    # the key of a study cited just before a sentence that speaks of it ("that trial") and
    # cites nothing itself: its claim is looked for among that study's
    pointed: tuple[str, ...] = ()
    match: Match | None = None
    suggested_keys: tuple[str, ...] = ()
    parts: dict[str, str] = field(default_factory=dict)
    not_checked: str = ""
    # problems found with less confidence than asked for (check --min-confidence): not
    # reported as problems, but the match cannot vouch for the sentence either
    doubtful: tuple[SentenceProblem, ...] = ()

    @property
    def loose(self) -> list[str]:
        """Why the matched claim may not be what this sentence says (the parts judged after
        matching are its problems); empty when the match is close."""
        return looseness(self.match, self.parts, but=JUDGED_PARTS) if self.match else []

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "line": self.line,
            "col": self.col,
            "sentence": self.sentence,
            "claim": self.claim.id if self.claim is not None else None,
            "verdict": self.verdict,
            "problems": [p.to_dict() for p in self.problems],
            "keys": list(self.keys),
        }
        if self.pointed:
            data["pointed_back_to"] = list(self.pointed)
        if self.not_checked:
            data["not_checked"] = self.not_checked
        if self.doubtful:
            data["doubtful"] = [p.to_dict() for p in self.doubtful]
        if self.claim is not None and self.match is not None:
            data.update(
                {
                    "statement": self.claim.statement,
                    "certainty": self.claim.certainty,
                    "status": self.claim.status,
                    "score": round(self.match.score, 1),
                    "how": self.match.how,
                    "matched": self.match.against,
                    "sure": self.match.sure,
                    "loose": self.loose,
                    "suggested_keys": list(self.suggested_keys),
                    "parts": dict(self.parts),
                }
            )
            if self.match.clause:
                data["clause"] = self.match.clause
        return data


@dataclass(frozen=True)
class CheckReport:
    """What `check` found in one draft: a finding for every sentence."""

    path: str
    kind: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def sentences(self) -> int:
        return len(self.findings)

    def failing(self, wanted: Iterable[str]) -> list[Finding]:
        """The findings with one of `wanted` as a problem kind or as their claim's status."""
        wanted = set(wanted)
        return [
            f
            for f in self.findings
            if wanted & {p.kind for p in f.problems}
            or (f.claim is not None and f.claim.status in wanted)
            or f.verdict in wanted
            or (NOT_CHECKED in wanted and bool(f.not_checked))  # whatever else it has
        ]

    def counts(self) -> dict[str, int]:
        """How many sentences have each verdict, the worst first."""
        order = FAIL_ON  # the worst first
        tally: dict[str, int] = {}
        for finding in self.findings:
            tally[finding.verdict] = tally.get(finding.verdict, 0) + 1
        ranked = sorted(tally, key=lambda v: order.index(v) if v in order else len(order))
        return {v: tally[v] for v in ranked}

    @property
    def not_checked(self) -> int:
        """How many sentences state a number, comparison or cause that nothing checked."""
        return sum(1 for f in self.findings if f.not_checked)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "sentences": self.sentences,
            "not_checked": self.not_checked,
            "counts": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
        }
