"""Absence of evidence is not evidence against: a non-significant difference from an
imprecise comparison qualifies a claim of superiority or difference, it does not
contradict it (docs/grading.md, "Comparative claims")."""

from __future__ import annotations

from dataclasses import replace

from ..vocab import COMPARISONS, RATIO_MEASURES
from .body import show_number
from .config import GradingConfig
from .types import ClaimEvidence, Link, Mid, Step


def absence_of_evidence(link: Link, mid: Mid | None, config: GradingConfig) -> str | None:
    """Why a link against a comparative claim only shows that a difference was not
    found, or None. Its interval holds both no difference and an important one, or
    (without an effect) its arms are too small to show one."""
    effect = link.effect
    if effect is None:
        n = link.participants
        if n is not None and n < config.imprecision_n_very:
            return f"{n} participants, too few to show a difference"
        return None
    null = 1.0 if effect.measure in RATIO_MEASURES else 0.0
    lower: float | None
    upper: float | None
    if not effect.low <= null <= effect.high:
        return None  # a significant difference: it may well contradict
    if mid is not None and mid.measure == effect.measure:
        lower, upper = mid.thresholds()
    elif effect.measure in RATIO_MEASURES:
        lower, upper = config.ratio_low, config.ratio_high
    elif (margin := config.margin(effect.measure)) is not None:
        lower, upper = -margin, margin
    else:
        lower = upper = None
    ci = f"{effect.measure} {show_number(effect.estimate)} (95 % CI {show_number(effect.low)} to "
    ci += f"{show_number(effect.high)})"
    if lower is not None and upper is not None and (effect.low < lower or effect.high > upper):
        return f"{ci} holds both no difference and an important one"
    n = link.participants if link.participants is not None else effect.n
    if n is not None and n < config.imprecision_n_very:
        return f"{ci} from {n} participants, too few to show a difference"
    return None


def qualify_absent_differences(
    claim: ClaimEvidence, config: GradingConfig
) -> tuple[ClaimEvidence, list[Step]]:
    """A comparative claim's contradicting links that only fail to find a difference
    become qualifying links, each with a 0 step saying why."""
    if claim.comparison not in COMPARISONS:
        return claim, []
    links: list[Link] = []
    steps: list[Step] = []
    for link in claim.links:
        why = absence_of_evidence(link, claim.mid, config) if link.stance == "contradicts" else None
        if why is None:
            links.append(link)
            continue
        links.append(replace(link, stance="qualifies"))
        steps.append(
            Step(
                "absence_of_evidence",
                0,
                f"{link.study.key}: {why}; a non-significant difference qualifies a claim of "
                f"{claim.comparison}, it does not contradict it",
            )
        )
    return replace(claim, links=tuple(links)), steps
