"""The derivation: a finding's two bodies graded by the domains' rules into a `Grade`
and its status; descriptions checked, definitions confirmed; `levels_reached` replays
a recorded derivation's levels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..vocab import (
    CERTAINTY_OF_LEVEL,
    JUDGEMENT_DOMAINS,
    JUDGEMENT_LEVELS,
    LEVEL_OF_CERTAINTY,
    RATING_UP_LEVELS,
)
from .body import Rating, counted_links, design_level, design_name, joined_keys, link_n, total_n
from .checks import check_appraisal, check_count
from .comparative import qualify_absent_differences
from .config import DEFAULT_CONFIG, GradingConfig
from .domains import inconsistency, indirectness, publication_bias, risk_of_bias
from .imprecision import imprecision
from .screening import screen_notices
from .status import status_of
from .types import ClaimEvidence, Effect, Grade, Judgement, Link, Step

LEVEL_NAME: dict[int, str] = {4: "high", 3: "moderate", 2: "low", 1: "very low"}


def _domain_step(
    domain: str, automatic: Rating, judgements: Mapping[str, Judgement]
) -> Step | None:
    judgement = judgements.get(domain)
    if judgement is None:
        if automatic.levels == 0:
            # A 0-change step only to say what could not be checked.
            return Step(domain, 0, automatic.reason) if automatic.reason else None
        return Step(domain, -automatic.levels, automatic.reason)
    levels = JUDGEMENT_LEVELS[judgement.level]
    reason = (
        f"judged by the reviewer: {judgement.reason}"
        if judgement.reason
        else (f"judged by the reviewer: {judgement.level}")
    )
    if levels == 0:
        if automatic.levels == 0:
            return None
        reason += (
            f" (the automatic rule would have rated down {automatic.levels}: {automatic.reason})"
        )
    return Step(domain, -levels, reason)


# The link flag that lets the automatic rule rate up for each of GRADE's reasons.
_FLAG_OF = {domain: domain.replace("_", "-") for domain in RATING_UP_LEVELS}


def _rating_up(
    body: list[Link], start: int, *, rated_down: bool, judgements: Mapping[str, Judgement]
) -> list[Step]:
    """GRADE's reasons to rate up. A reviewer's judgement of one is recorded as judged; the
    automatic rule rates up only from a start below high, only when nothing was rated down,
    and only on links flagged for it whose study reports its size."""
    steps = []
    for domain, levels in RATING_UP_LEVELS.items():
        flag = _FLAG_OF[domain]
        judgement = judgements.get(domain)
        if judgement is not None:
            up = levels[judgement.level]
            reason = f"judged by the reviewer: {judgement.reason or judgement.level}"
            if up or any(flag in link.flags for link in body):
                steps.append(Step(domain, up, reason))
            continue
        if start == 4 or rated_down:
            continue
        # An effect of unknown precision cannot be judged large, and a missing n never
        # counts for a body.
        carriers = [
            link for link in counted_links(body) if flag in link.flags and link_n(link) is not None
        ]
        if carriers:
            steps.append(Step(domain, 1, f"{flag} flagged on {joined_keys(carriers)}"))
    return steps


def _grade_body(
    claim: ClaimEvidence,
    body: list[Link],
    opposing: list[Link],
    config: GradingConfig,
    *,
    judgements: Mapping[str, Judgement],
    pooled: Effect | None,
    what: str,
) -> tuple[int, list[Step]]:
    """One body of evidence (supporting or contradicting) graded by the rules above:
    its level (0 when empty) and the steps that led there."""
    if not body:
        return 0, [Step("start", 0, f"no {what} evidence")]
    start = max(design_level(link.study) for link in body)
    best = [link for link in body if design_level(link.study) == start]
    designs = sorted({design_name(link.study) for link in best})
    steps = [
        Step(
            "start",
            start,
            f"starts {LEVEL_NAME[start]} ({start}): best {what} design "
            f"{' / '.join(designs)} ({joined_keys(best)})",
        )
    ]
    ratings = {
        "risk_of_bias": risk_of_bias(body, start, config),
        "imprecision": imprecision(pooled, claim.mid, body, config),
        "inconsistency": inconsistency(
            claim,
            body,
            opposing,
            start,
            config,
            "contradicted" if what == "supporting" else "opposed",
        ),
        "indirectness": indirectness(claim, body, what),
        "publication_bias": publication_bias(body, config),
    }
    for domain, automatic in ratings.items():
        step = _domain_step(domain, automatic, judgements)
        if step is not None:
            steps.append(step)
    steps += _rating_up(
        body, start, rated_down=any(step.change < 0 for step in steps[1:]), judgements=judgements
    )
    return levels_reached({"domain": step.domain, "change": step.change} for step in steps)[
        -1
    ], steps


def _check_description(claim: ClaimEvidence) -> Grade:
    """A description is checked against the records it describes, not graded."""
    refuting = [link for link in claim.links if link.stance == "contradicts"]
    unverified = [link for link in claim.links if link.study.verification != "verified"]
    not_supporting = [link for link in claim.links if link.stance != "supports"]
    if refuting:
        status, reason = "refuted", f"contradicted by the record of {joined_keys(refuting)}"
    elif not claim.links:
        status, reason = "unchecked", "no described source is linked"
    elif unverified or not_supporting:
        why = []
        if unverified:
            why.append(f"{joined_keys(unverified)} not a verified record")
        if not_supporting:
            why.append(f"{joined_keys(not_supporting)} only qualifies it")
        status, reason = "unchecked", "; ".join(why)
    else:
        status, reason = (
            "confirmed",
            f"the verified record of {joined_keys(claim.links)} supports it",
        )
    return Grade(
        certainty=None,
        status=status,
        steps=(Step("check", 0, f"a description, checked not graded: {reason}"),),
        total_n=total_n(claim.links),
        certainty_against=None,
    )


def grade(claim: ClaimEvidence, config: GradingConfig = DEFAULT_CONFIG) -> Grade:
    """Grade the evidence behind a claim; every change is a `Step` with its reason.

    A finding's supporting and contradicting bodies are graded by the same rules
    (the reviewer's judgements, pooled effect and override belong to the supporting
    body); descriptions are checked and definitions confirmed, with no certainty.
    """
    domains = (*JUDGEMENT_DOMAINS, *RATING_UP_LEVELS)
    unknown = set(claim.judgements) - set(domains)
    if unknown:
        raise ValueError(f"unknown judgement domain {min(unknown)!r} (one of {', '.join(domains)})")
    for domain, judgement in claim.judgements.items():
        allowed = RATING_UP_LEVELS.get(domain, JUDGEMENT_LEVELS)
        if judgement.level not in allowed:
            raise ValueError(
                f"{domain} cannot be judged {judgement.level!r} (one of {', '.join(allowed)})"
            )
    if claim.kind == "description":
        return _check_description(claim)
    if claim.kind == "count":
        return check_count(claim)
    if claim.kind == "appraisal":
        return check_appraisal(claim)
    if claim.kind == "definition":
        return Grade(
            certainty=None,
            status="confirmed",
            steps=(Step("definition", 0, f"true by definition: {claim.rationale or ''}".strip()),),
            total_n=total_n(link for link in claim.links if link.stance == "supports"),
            certainty_against=None,
        )
    claim, config, notice_steps = screen_notices(claim, config)
    claim, absent_steps = qualify_absent_differences(claim, config)
    notice_steps += absent_steps
    body = [link for link in claim.links if link.stance == "supports"]
    against = [link for link in claim.links if link.stance == "contradicts"]
    level, steps = _grade_body(
        claim,
        body,
        against,
        config,
        judgements=claim.judgements,
        pooled=claim.pooled_effect,
        what="supporting",
    )
    steps[1:1] = notice_steps  # right after the start step
    if claim.override is not None:
        new = LEVEL_OF_CERTAINTY[claim.override.certainty]
        steps.append(
            Step(
                "override",
                new - level,
                f"reviewer override, sets {LEVEL_NAME[new]}: {claim.override.rationale}",
            )
        )
        level = new
    level_against, steps_against = _grade_body(
        claim, against, body, config, judgements={}, pooled=None, what="contradicting"
    )
    return Grade(
        certainty=CERTAINTY_OF_LEVEL.get(level, "none"),
        status=status_of(level if body else 0, level_against if against else 0, claim.disputed)[0],
        steps=tuple(steps),
        total_n=total_n(body),
        certainty_against=CERTAINTY_OF_LEVEL.get(level_against, "none"),
        steps_against=tuple(steps_against) if against else (),
    )


def levels_reached(steps: Iterable[Mapping[str, object]]) -> list[int]:
    """The level each step of a derivation reaches, as `show` prints it and as the
    grade is computed: the running level after that step, never below very low (1)
    once a body has started, never above high (4); a body that never started stays
    at 0 (none). An override's change is measured from the clamped level, so its row
    shows the level it sets."""
    levels, level, started = [], 0, False
    for step in steps:
        change = int(str(step["change"]))
        if step["domain"] == "start":
            level, started = change, change > 0
        else:
            level += change
        level = max(1 if started else 0, min(4, level))
        levels.append(level)
    return levels
