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
    total_n,
    unique_studies,
)
from .config import GradingConfig
from .types import ClaimEvidence, Link, Study, Value


def risk_of_bias(body: list[Link], start: int, config: GradingConfig) -> Rating:
    at_start = [link for link in counted_links(body) if design_level(link.study) == start]

    def concerns(study: Study) -> list[str]:
        return _concerns(study, config)

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


def _concerns(study: Study, config: GradingConfig) -> list[str]:
    found = [b for b in config.bias_blinding if study.blinding == b]
    found += [flag for flag in config.bias_flags if flag in study.quality]
    if config.rate_down_unverified and study.verification == "unverified":
        found.append("unverified record")  # a team's choice (grading.toml)
    return found


def _size_level(n: int | None, config: GradingConfig) -> int | None:
    """How far a sample size falls short: 2 below `imprecision_n_very`, 1 below
    `imprecision_n`, 0 otherwise; None when unknown."""
    if n is None:
        return None
    return 2 if n < config.imprecision_n_very else 1 if n < config.imprecision_n else 0


def _not_counted(
    claim: ClaimEvidence, body: list[Link], link: Link, start: int, config: GradingConfig
) -> str | None:
    """Why an opposing link does not count for inconsistency (GRADE puts inconsistency
    between direct bodies of comparable design, unexplained by risk of bias or
    imprecision), or None when it counts."""
    facets = _facets(link, claim)
    if facets:
        return f"indirect ({', '.join(facets)})"
    if design_level(link.study) < start - config.inconsistency_gap:
        return f"a {design_name(link.study)}, not of a comparable design"
    concerns = _concerns(link.study, config)
    if concerns and risk_of_bias(body, start, config).levels == 0:
        return f"risk of bias explains it ({', '.join(concerns)})"
    own = _size_level(link.participants, config)
    body_level = _size_level(total_n(body), config)
    if own is not None and body_level is not None and own > body_level:
        return f"imprecision explains it (n {link.participants} against the body's {total_n(body)})"
    return None


def inconsistency(
    claim: ClaimEvidence,
    body: list[Link],
    opposing: list[Link],
    start: int,
    config: GradingConfig,
    opposed: str,
) -> Rating:
    """-1 for direct opposing evidence of a comparable design that neither risk of bias
    nor imprecision explains, or for direct values that disagree when the claim states
    a value they do not all satisfy. Opposing links set aside are named in a 0 step."""
    reasons: list[str] = []
    against: list[Link] = []
    set_aside: list[str] = []
    for link in unique_studies(opposing):
        why = _not_counted(claim, body, link, start, config)
        if why is None:
            against.append(link)
        else:
            set_aside.append(f"{link.study.key}: {why}")
    if against:
        designs = "; ".join(f"{link.study.key} ({design_name(link.study)})" for link in against)
        reasons.append(f"{opposed} by direct evidence of a comparable design: {designs}")
    what = "supporting" if opposed == "contradicted" else "contradicting"
    disagreement = _disagreeing_values(claim, body, config, what)
    if disagreement:
        reasons.append(disagreement)
    not_counted = f"not counted: {'; '.join(set_aside)}" if set_aside else ""
    if not reasons:
        return Rating(0, not_counted) if not_counted else NO_CONCERN
    return Rating(1, "; ".join([*reasons, *([not_counted] if not_counted else [])]))


def _satisfies(value: Value, claimed: Value) -> bool:
    """Whether a reported value lies inside the range a claim states."""
    found = _centre_and_range(value)
    if found is None or claimed.unit != value.unit:
        return False
    low = claimed.low if claimed.low is not None else claimed.estimate
    high = claimed.high if claimed.high is not None else claimed.estimate
    if low is None and high is None:
        return False
    _, v_low, v_high = found
    return (low is None or v_low >= low) and (high is None or v_high <= high)


def _disagreeing_values(
    claim: ClaimEvidence, body: list[Link], config: GradingConfig, what: str
) -> str:
    """Two direct values that disagree, when that matters: a claim that states no value
    ("low", "rare", "common") is satisfied by every value its curator linked as support,
    and values inside the range a claim states agree with it whatever their spread."""
    if claim.value is None:
        return ""
    valued = [
        link
        for link in body
        if link.value is not None
        and not _facets(link, claim)
        and not _satisfies(link.value, claim.value)
    ]
    valued_all = [link for link in body if link.value is not None and not _facets(link, claim)]
    if not valued:
        return ""
    for i, first in enumerate(valued_all):
        for second in valued_all[i + 1 :]:
            assert first.value is not None and second.value is not None
            if _disagree(first.value, second.value, config.value_tolerance):
                return (
                    f"{what} values disagree: {first.study.key} reports "
                    f"{_show_value(first.value)}, {second.study.key} {_show_value(second.value)}"
                )
    return ""


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


def indirectness(claim: ClaimEvidence, body: list[Link], what: str = "supporting") -> Rating:
    """Indirect when every study that reports n is; when none does, when any is (a
    study without n can never make a body more direct: it counts against, never for)."""
    sized = [link for link in body if link.participants is not None]
    per_link = [(link, _facets(link, claim)) for link in (sized or body)]
    indirect = [(link, facets) for link, facets in per_link if facets]
    if sized:
        if len(indirect) < len(per_link):
            return NO_CONCERN
        levels = min(2, min(len(facets) for _, facets in indirect))
        which = f"every {what} link" if len(sized) == len(body) else "every link reporting n"
    else:
        if not indirect:
            return NO_CONCERN
        levels = min(2, max(len(facets) for _, facets in indirect))
        which = f"every {what} link" if len(indirect) == len(body) else "a link without n"
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
