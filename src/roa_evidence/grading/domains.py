"""The automatic rules of four GRADE domains, each rating a body down 0-2 levels with
its reason: risk of bias, inconsistency, indirectness and publication bias
(imprecision, the fifth, has its own module)."""

from __future__ import annotations

from .body import (
    NO_CONCERN,
    Rating,
    counted_links,
    design_level,
    design_name,
    show_number,
    unique_studies,
)
from .config import GradingConfig
from .types import ClaimEvidence, Link, Study, Value


def risk_of_bias(body: list[Link], start: int, config: GradingConfig) -> Rating:
    at_start = [link for link in counted_links(body) if design_level(link.study) == start]

    def concerns(study: Study) -> list[str]:
        found = [b for b in config.bias_blinding if study.blinding == b]
        found += [flag for flag in config.bias_flags if flag in study.quality]
        if config.rate_down_unverified and study.verification == "unverified":
            found.append("unverified record")
        return found

    # Weighted by participants. A study that does not report n is read at its worst:
    # with a concern it may hold most participants, without one it adds no weight,
    # so an unreported n can never dilute the flagged studies (it counts against
    # the body, never for it).
    sized = [link for link in at_start if link.participants is not None]
    total = sum(link.participants or 0 for link in sized)

    def share(flagged: list[Link]) -> float:
        if any(link.participants is None for link in flagged):
            return 1.0
        return sum(link.participants or 0 for link in flagged) / total if total else 0.0

    some = [link for link in at_start if concerns(link.study)]
    many = [link for link in some if len(concerns(link.study)) >= 2]
    share_some, share_many = share(some), share(many)
    if not some or share_some <= config.bias_share:
        return NO_CONCERN
    flagged = many if many and share_many > config.bias_share else some
    details = "; ".join(
        f"{link.study.key}: {', '.join(concerns(link.study))}" for link in unique_studies(flagged)
    )
    levels = 2 if flagged is many else 1
    what = "two or more concerns" if levels == 2 else "a concern"
    if any(link.participants is None for link in flagged):
        held = "may hold most participants (one does not report n)"
    else:
        held = f"hold {share_many if levels == 2 else share_some:.0%} of the participants"
    return Rating(levels, f"studies with {what} {held} at the start level ({details})")


def _centre_and_range(value: Value) -> tuple[float, float, float] | None:
    low = value.low if value.low is not None else value.estimate
    high = value.high if value.high is not None else value.estimate
    if low is None or high is None:
        return None
    low, high = min(low, high), max(low, high)
    centre = value.estimate if value.estimate is not None else (low + high) / 2
    return centre, low, high


def _disagree(a: Value, b: Value, tolerance: float) -> bool:
    ra, rb = _centre_and_range(a), _centre_and_range(b)
    if ra is None or rb is None or a.unit != b.unit:
        return False
    (ca, la, ha), (cb, lb, hb) = ra, rb
    if la <= hb and lb <= ha:  # ranges overlap
        return False
    scale = max(abs(ca), abs(cb))
    return scale > 0 and abs(ca - cb) > tolerance * scale


def _show_value(value: Value) -> str:
    unit = f" {value.unit}" if value.unit else ""
    if value.low is not None and value.high is not None:
        text = f"{show_number(value.low)}-{show_number(value.high)}"
        if value.estimate is not None:
            text = f"{show_number(value.estimate)} ({text})"
        return text + unit
    if value.estimate is not None:
        return show_number(value.estimate) + unit
    return "?"


def inconsistency(
    body: list[Link], opposing: list[Link], start: int, config: GradingConfig, opposed: str
) -> Rating:
    reasons: list[str] = []
    against = [
        link for link in opposing if design_level(link.study) >= start - config.inconsistency_gap
    ]
    if against:
        designs = "; ".join(f"{link.study.key} ({design_name(link.study)})" for link in against)
        reasons.append(f"{opposed} by evidence of a comparable design: {designs}")
    valued = [link for link in body if link.value is not None]
    for i, first in enumerate(valued):
        for second in valued[i + 1 :]:
            assert first.value is not None and second.value is not None
            if _disagree(first.value, second.value, config.value_tolerance):
                reasons.append(
                    f"supporting values disagree: {first.study.key} reports "
                    f"{_show_value(first.value)}, {second.study.key} {_show_value(second.value)}"
                )
                break
        else:
            continue
        break
    if not reasons:
        return NO_CONCERN
    return Rating(1, "; ".join(reasons))


def _facets(link: Link, claim: ClaimEvidence) -> dict[str, str]:
    found = {facet: "flagged by hand" for facet in sorted(link.indirect)}
    study = link.study
    if study.routes and not claim.routes <= study.routes:
        lacking = ", ".join(sorted(claim.routes - study.routes))
        found.setdefault("intervention", f"routes {', '.join(sorted(study.routes))} lack {lacking}")
    if (
        study.condition is not None
        and study.condition != "any"
        and claim.condition != "any"
        and study.condition != claim.condition
    ):
        found.setdefault("population", f"condition {study.condition}, not {claim.condition}")
    return found


def indirectness(claim: ClaimEvidence, body: list[Link]) -> Rating:
    """Indirect when every study that reports n is; when none does, when any is (a
    study without n can never make a body more direct: it counts against, never for)."""
    sized = [link for link in body if link.participants is not None]
    per_link = [(link, _facets(link, claim)) for link in (sized or body)]
    indirect = [(link, facets) for link, facets in per_link if facets]
    if sized:
        if len(indirect) < len(per_link):
            return NO_CONCERN
        levels = min(2, min(len(facets) for _, facets in indirect))
        which = "every supporting link" if len(sized) == len(body) else "every link reporting n"
    else:
        if not indirect:
            return NO_CONCERN
        levels = min(2, max(len(facets) for _, facets in indirect))
        which = "every supporting link" if len(indirect) == len(body) else "a link without n"
    details = "; ".join(
        f"{link.study.key}: " + ", ".join(f"{facet} ({why})" for facet, why in facets.items())
        for link, facets in indirect
    )
    what = "two or more facets" if levels == 2 else "a facet"
    return Rating(levels, f"{which} is indirect in {what}: {details}")


def publication_bias(body: list[Link], config: GradingConfig) -> Rating:
    flagged: list[str] = []
    for link in body:
        flags = [f for f in config.publication_bias_flags if f in link.study.quality]
        if "publication-bias" in link.flags:
            flags.append("publication-bias")
        if flags:
            flagged.append(f"{link.study.key} ({', '.join(flags)})")
    if not flagged:
        return NO_CONCERN
    return Rating(1, f"flagged: {'; '.join(flagged)}")
