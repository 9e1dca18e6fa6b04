"""Imprecision: from the effect's CI when there is one (GRADE guidelines 6, or with
the claim's MID the minimally contextualised approach of GRADE guidance 34), the
optimal information size when n or events are known; without an effect, from the
reported sample size."""

from __future__ import annotations

from ..vocab import RATIO_MEASURES
from .body import (
    NO_CONCERN,
    Rating,
    counted_links,
    joined_keys,
    link_n,
    show_number,
    total_n,
    unique_studies,
)
from .config import GradingConfig
from .types import Effect, Link, Mid

DICHOTOMOUS_MEASURES: frozenset[str] = frozenset({"RR", "OR", "HR", "RD"})


def imprecision(
    pooled: Effect | None, mid: Mid | None, body: list[Link], config: GradingConfig
) -> Rating:
    """Judged from the pooled effect or the body's one sized effect, else from its size."""
    found = _body_effect(pooled, body)
    if found is not None:
        return _imprecision_from_effect(found[0], found[1], body, config, mid)
    return _imprecision_from_size(body, config)


def _body_effect(pooled: Effect | None, body: list[Link]) -> tuple[Effect, str] | None:
    """The effect imprecision is judged from: the claim's pooled effect, else the effect
    of the one study that holds every reported participant of the body (other studies
    without n cannot take that place: they count against the body, never for it)."""
    if pooled is not None:
        return pooled, "pooled"
    counted = counted_links(body)
    with_effect = [link for link in counted if link.effect is not None]
    sized = [link for link in counted if link_n(link) is not None]
    if not with_effect:
        return None
    best = max(with_effect, key=lambda link: link_n(link) or 0)
    if link_n(best) is not None and all(link.study.key == best.study.key for link in sized):
        assert best.effect is not None
        return best.effect, best.study.key
    return None


def _imprecision_from_effect(
    effect: Effect, whose: str, body: list[Link], config: GradingConfig, mid: Mid | None
) -> Rating:
    ratio = effect.measure in RATIO_MEASURES
    null = 1.0 if ratio else 0.0
    ci = f"95 % CI {show_number(effect.low)} to {show_number(effect.high)}"
    label = (
        f"{'pooled ' if whose == 'pooled' else ''}{effect.measure} {show_number(effect.estimate)}"
    )
    if whose != "pooled":
        label += f" ({whose})"

    findings: list[Rating] = []
    if mid is not None and mid.measure == effect.measure:
        findings += _against_mid(effect, mid, ci)
    else:
        findings += _against_defaults(effect, config, ci, null)

    # Optimal information size: checked only when n or events are known (design v2).
    # A pooled effect is judged on its own n, not on the links that happen to be
    # entered: adding a study to the claim cannot make the pooled estimate less precise.
    n = effect.n
    if n is None and whose != "pooled":
        n = total_n(body)
    events_known = effect.events is not None and effect.measure in DICHOTOMOUS_MEASURES
    if n is not None and n < config.imprecision_n_very:
        # Far below any optimal information size (GRADE guidance 34: rate down more
        # than one level when the sample is far less than the OIS).
        findings.append(Rating(2, f"total n {n} is below {config.imprecision_n_very}"))
    elif events_known:
        assert effect.events is not None
        if effect.events < config.ois_events:
            findings.append(
                Rating(
                    1,
                    f"{effect.events} events, below the optimal information size "
                    f"of {config.ois_events} events",
                )
            )
    elif n is not None and n < config.ois_participants:
        findings.append(
            Rating(
                1,
                f"total n {n} is below the optimal information size "
                f"of {config.ois_participants} participants",
            )
        )
    information_met = (
        effect.events >= config.ois_events
        if events_known and effect.events is not None
        else n is not None and n >= config.ois_participants
    )
    against_mid = mid is not None and mid.measure == effect.measure
    if config.wide_ci_with_ois_met == 1 and information_met and not against_mid:
        # GRADE guidance 6: once the optimal information size is met, an interval that
        # includes appreciable benefit and harm is serious imprecision, one level; very
        # serious is a wide interval with too little information behind it. (Against a
        # claim's MID, Core GRADE 2 counts the thresholds crossed: two stays two.)
        findings = [
            Rating(1, f"{f.reason} (one level: the optimal information size is met)")
            if f.levels == 2
            else f
            for f in findings
        ]
    levels = min(2, max((f.levels for f in findings), default=0))
    if n is None and not events_known:
        note = "the information size could not be checked (n not reported)"
        if levels == 0:
            return Rating(0, f"{label}: {ci}; {note}")
        findings.append(Rating(0, note))
    if levels == 0:
        return NO_CONCERN
    return Rating(levels, f"{label}: " + "; ".join(f.reason for f in findings))


def _against_defaults(effect: Effect, config: GradingConfig, ci: str, null: float) -> list[Rating]:
    """GRADE guidance 6: rate down when the CI crosses no effect (unless it stays inside
    both appreciable-effect thresholds), twice when it spans both thresholds."""
    lower: float | None = None
    upper: float | None = None
    if effect.measure in RATIO_MEASURES:
        lower, upper = config.ratio_low, config.ratio_high
    else:
        margin = config.margin(effect.measure)
        if margin is not None:
            lower, upper = -margin, margin
    findings: list[Rating] = []
    if lower is not None and upper is not None and effect.low < lower and effect.high > upper:
        findings.append(
            Rating(
                2,
                f"{ci} spans both an appreciable benefit (below {show_number(lower)}) "
                f"and an appreciable harm (above {show_number(upper)})",
            )
        )
    if effect.low <= null <= effect.high:
        inside = (
            lower is not None and upper is not None and lower <= effect.low and effect.high <= upper
        )
        if not (config.precise_null and inside):
            findings.append(Rating(1, f"{ci} crosses {show_number(null)} (no effect)"))
    return findings


def _against_mid(effect: Effect, mid: Mid, ci: str) -> list[Rating]:
    """The minimally contextualised approach (GRADE guidance 34; Core GRADE 2): the
    point estimate against the MID sets the target (an important effect, or little
    to no effect); rate down once when the CI crosses the MID on either side, twice
    when it includes both an important decrease and an important increase."""
    lower, upper = mid.thresholds()
    if effect.low < lower and effect.high > upper:
        return [
            Rating(
                2,
                f"{ci} includes both an important decrease (below {show_number(lower)}) and an "
                f"important increase (above {show_number(upper)}), the claim's MID",
            )
        ]
    if (effect.estimate < lower and effect.high > lower) or (
        effect.estimate > upper and (effect.low < upper)
    ):
        return [Rating(1, f"{ci} crosses the claim's MID: the effect may not be important")]
    if lower <= effect.estimate <= upper and (effect.low < lower or effect.high > upper):
        return [Rating(1, f"{ci} reaches beyond the claim's MID: the effect may be important")]
    return []


def _imprecision_from_size(body: list[Link], config: GradingConfig) -> Rating:
    """Without an effect: a single study, or total n below `imprecision_n`: -1; below
    `imprecision_n_very`: -2. Only reported n counts; a study without n never lowers
    the concern (it is not a second study, nor participants), and a body where none
    reports n is read as below `imprecision_n_very`."""
    counted = counted_links(body)
    sized = [link for link in counted if link.participants is not None]
    missing = [link for link in counted if link.participants is None]
    reasons: list[str] = []
    levels = 0
    if not sized:
        # Nobody reported a size: imprecision cannot be judged from the data. Not read
        # as tiny (a review or a label is not a small study); at most one level down.
        levels = config.unsized_imprecision
        reasons.append(
            f"n not reported ({joined_keys(missing)}): imprecision cannot be judged from "
            f"the data, so rated down {levels} (at most one level)"
        )
    else:
        total = sum(link.participants or 0 for link in sized)
        if total < config.imprecision_n_very:
            levels = 2
            reasons.append(f"total n {total} is below {config.imprecision_n_very}")
        elif total < config.imprecision_n:
            levels = 1
            reasons.append(f"total n {total} is below {config.imprecision_n}")
        if missing and levels:
            reasons.append(f"n not reported ({joined_keys(missing)}), so not counted")
        studies = unique_studies(sized)
        if len(studies) == 1:
            levels = max(levels, 1)
            only = "a single study" if not missing else "a single study reporting n"
            reasons.insert(0, f"{only} ({studies[0].study.key})")
    if levels == 0:
        return NO_CONCERN
    return Rating(levels, "; ".join(reasons))
