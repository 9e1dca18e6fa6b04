"""The numbers a claim knows (its value, its sources' values and counts, the doses its
statement names), and a sentence's numbers against them: what `judging` calls a mismatch,
and what only a contradicting source reports."""

from __future__ import annotations

import math
import re
from collections.abc import Collection

from ..query.records import ClaimRecord, EvidenceRecord
from . import numbers, parts
from .findings import SentenceProblem
from .firstchars import compiled
from .routes import routes_meant

__all__ = [
    "DOSES",
    "MAGNITUDE",
    "PARTICIPANTS",
    "contradicting",
    "counts_its_own",
    "counts_of",
    "doses_it_does_not_know",
    "knowns",
    "measures_what_it_denies",
    "mismatches",
    "ratio",
    "sides_with_contradiction",
    "vouched",
]

PARTICIPANTS = frozenset({"participants"})


def knowns(claim: ClaimRecord) -> list[numbers.Known]:
    """The values a claim knows: its own, its sources' (values and how many took part) and
    the doses its statement names."""
    found = [numbers.known_value(claim.value, "the claim")]
    found += [numbers.known_value(e.value, e.source, e.stance) for e in claim.evidence]
    # How many took part is known too: "the trial randomised 40 patients" against n 27
    found += [count for e in claim.evidence for count in counts_of(e)]
    # The doses its statement names ("IM at 0.25 mg/kg is as effective as IV at 0.5 mg/kg"):
    # a sentence giving another dose says something else.
    found += [
        numbers.Known(q.low, q.high, q.dimension, q.text, "the claim")
        for q in numbers.quantities(claim.statement)
        if q.dimension in DOSES
    ]
    return [k for k in found if k is not None]


def counts_of(link: EvidenceRecord) -> list[numbers.Known]:
    """How many took part in a linked work: the link's n, and its effect's when that differs
    (the link's n may be an arm, its effect's the whole trial: "randomised 208 children")."""
    found = [numbers.participants(link.n, link.source, link.stance)] if link.n else []
    whole = (link.effect or {}).get("n")
    if isinstance(whole, int) and whole != link.n:
        found.append(numbers.participants(whole, link.source, link.stance))
    return found


def mismatches(
    text: str,
    claim: ClaimRecord,
    only: frozenset[str] | None = None,
    cited: Collection[str] = (),
) -> tuple[list[SentenceProblem], list[numbers.Quantity], list[numbers.Known]]:
    """The sentence's numbers against the claim's and its sources' (`only`: these dimensions
    alone; `cited`: the keys the sentence cites): the mismatches (a share in words off every
    known one is the claim's contrary, an `opposite`), the numbers stated in a known
    dimension, and the known values."""
    known = knowns(claim)
    dimensions = {k.dimension for k in known if only is None or k.dimension in only}
    stated = [q for q in numbers.quantities(text) if q.dimension in dimensions]
    problems: list[SentenceProblem] = []
    # Without a count of its own, a claim knows only how many took part in its sources: fewer
    # may be an arm or a subgroup ("the IV arm had 9" of 27), not a different number.
    counted = counts_its_own(known)
    # ...of the cited work, when the sentence cites one that counts them: "the trial enrolled
    # 40 [a trial of 18]" is no arm of a larger pooled analysis the claim also knows
    totals = [k for k in known if k.origin in cited and k.dimension == "participants"] or known
    # each value once per origin: a source's "18 participants" and its n 18 are one count
    first: dict[tuple[str, str, float, float], numbers.Known] = {}
    for k in known:
        first.setdefault((k.origin, k.dimension, k.low, k.high), k)
    shown = list(first.values())
    agreeing = vouched(text, stated, known)
    for quantity in stated:
        if quantity in agreeing:
            continue
        an_arm = not counted and _below_a_total(quantity, totals)
        if quantity.dimension == "participants" and an_arm:
            continue
        if (
            quantity.dimension == "time"
            and _another_scale(quantity, known)
            and not (claim.topic == "onset" and _SAYS_ONSET.search(text))
        ):
            continue  # "eight infusions over three to four weeks": a course, not an infusion
        near = numbers.nearest(quantity, shown)
        named = ", ".join(f"{k.text} ({k.origin})" for k in near)
        given = "; ".join(
            f"{k.origin}: {k.text}" for k in shown if k.dimension == quantity.dimension
        )
        # a share in words ("most of a pill", 50-98 %) off every known one is no figure got
        # wrong but the contrary: "most of it gets in" against 16 %
        said = (
            f"the share in words '{quantity.text.strip()}' says the contrary of"
            if _in_words(quantity)
            else f"{quantity.text} is not"
        )
        problems.append(
            SentenceProblem(
                "opposite" if _in_words(quantity) else "mismatch",
                f"{said} what the claim or its sources say; nearest known: {named}",
                f"the known values are {given}",
            )
        )
    return problems, stated, known


def _in_words(quantity: numbers.Quantity) -> bool:
    return quantity.vague and quantity.dimension == "percent"


def vouched(
    text: str, stated: list[numbers.Quantity], known: list[numbers.Known]
) -> list[numbers.Quantity]:
    """The figures of `stated` (the sentence's, in `text`) that what is known vouches for:
    each agreeing with a known value, or the rest of a share that does, in a sentence about
    one route ("the 84 % lost is 100 minus the 16 % that gets through"; not "16 % by mouth and
    84 % by spray")."""
    agreeing = [q for q in stated if any(numbers.agrees(q, k) for k in known)]
    if len(agreeing) == len(stated) or len(routes_meant(text)) > 1:
        return agreeing
    return [q for q in stated if q in agreeing or _the_rest_of(q, agreeing)]


def _the_rest_of(quantity: numbers.Quantity, agreeing: list[numbers.Quantity]) -> bool:
    """Whether a share adds up to 100 with one the sentence also states, agreeing with the
    claim: "the 84 % lost is 100 minus the 16 % that gets through" (not "84 % gets through"
    alone, the claim's share turned round: that stays a mismatch)."""
    if quantity.dimension != "percent" or quantity.low != quantity.high:
        return False
    rest = 100.0 - quantity.low
    return any(
        q.dimension == "percent" and q.low - q.tolerance <= rest <= q.high + q.tolerance
        for q in agreeing
    )


def doses_it_does_not_know(
    said: parts.Parts, claimed: parts.Parts, knowns: list[numbers.Known]
) -> bool:
    """Whether the sentence states a dose or a concentration where neither the claim (its
    value or statement) nor its sources know one: a claim that the routes did alike vouches
    for no dose."""
    return bool((said.dimensions & DOSES) - claimed.dimensions - {k.dimension for k in knowns})


DOSES = frozenset({"dose", "concentration"})
# a time this many times longer or shorter than every known one is of another thing
MAGNITUDE = 20.0
# ...unless it is said to be how soon a dose acts, of a claim on that: "takes fifteen minutes
# to work" against "within seconds" is a wrong onset. (Narrower than the onset wordings of
# `onsets`, read on purpose: with theirs, "acts faster than antidepressants, which take four
# to six weeks" and "starts working within a minute or two" were held as wrong onsets.)
_SAYS_ONSET = compiled(
    r"\b(?:to (?:work|act|kick in|take effect)|takes? effect|kicks? in|onset|acts? within)\b",
    re.IGNORECASE,
)


def ratio(quantity: numbers.Quantity, known: numbers.Known) -> float:
    """How many times larger or smaller than the known value the quantity is (midpoints)."""
    stated, value = (quantity.low + quantity.high) / 2, (known.low + known.high) / 2
    if stated <= 0 or value <= 0:
        return math.inf
    return max(stated / value, value / stated)


def _another_scale(quantity: numbers.Quantity, knowns: list[numbers.Known]) -> bool:
    same = [k for k in knowns if k.dimension == quantity.dimension]
    return bool(same) and all(ratio(quantity, k) > MAGNITUDE for k in same)


def _below_a_total(quantity: numbers.Quantity, knowns: list[numbers.Known]) -> bool:
    return any(k.dimension == "participants" and quantity.high < k.low for k in knowns)


def counts_its_own(knowns: list[numbers.Known]) -> bool:
    return any(k.dimension == "participants" and k.origin == "the claim" for k in knowns)


def contradicting(claim: ClaimRecord) -> list[numbers.Known]:
    """The values the sources contradicting the claim report."""
    found = (
        numbers.known_value(e.value, e.source) for e in claim.evidence if e.stance == "contradicts"
    )
    return [k for k in found if k is not None]


def sides_with_contradiction(claim: ClaimRecord, stated: list[numbers.Quantity]) -> bool:
    """Whether the sentence states what a contradicting source found (so not the claim)."""
    return any(numbers.agrees(q, k) for q in stated for k in contradicting(claim))


def measures_what_it_denies(claim: ClaimRecord, stated: list[numbers.Quantity]) -> bool:
    """Whether the sentence states a measure only a contradicting source has, against a
    claim with no value of its own ("40 % of children vomited" against "minimal
    vomiting"): it reports a rate, wrong or right, not the claim's word for it."""
    if claim.value:
        return False
    measured = {k.dimension for k in contradicting(claim)}
    return any(q.dimension in measured for q in stated)
