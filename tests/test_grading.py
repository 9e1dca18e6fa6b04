"""The grading rules, one table per domain; plain calls to `grade()`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from roa_evidence.grading import (
    DEFAULT_CONFIG,
    ClaimEvidence,
    Effect,
    Grade,
    GradingConfig,
    Judgement,
    Link,
    Mid,
    Override,
    Step,
    Study,
    Value,
    grade,
    levels_reached,
)

# ---------------------------------------------------------------- builders


def study(
    key: str = "s1",
    design: str | None = "rct",
    n: int | None = 500,
    blinding: str | None = "double-blind",
    routes: tuple[str, ...] = ("IM",),
    condition: str | None = "any",
    quality: tuple[str, ...] = (),
) -> Study:
    return Study(
        key=key,
        design=design,
        n=n,
        blinding=blinding,
        routes=frozenset(routes),
        condition=condition,
        quality=frozenset(quality),
    )


def link(
    s: Study | None = None,
    stance: str = "supports",
    n: int | None = None,
    value: Value | None = None,
    indirect: tuple[str, ...] = (),
    flags: tuple[str, ...] = (),
    effect: Effect | None = None,
) -> Link:
    return Link(
        study=s if s is not None else study(),
        stance=stance,
        n=n,
        value=value,
        indirect=frozenset(indirect),
        flags=frozenset(flags),
        effect=effect,
    )


def two_rcts(**kwargs: Any) -> tuple[Link, Link]:
    """Two large double-blind RCTs: a body with nothing to rate down."""
    return (link(study("a", **kwargs)), link(study("b", **kwargs)))


def claim(*links: Link, **kwargs: Any) -> ClaimEvidence:
    fields: dict[str, Any] = {"routes": frozenset({"IM"}), "condition": "any"}
    fields.update(kwargs)
    return ClaimEvidence(links=links, **fields)


def changes(g: Grade) -> dict[str, int]:
    return {step.domain: step.change for step in g.steps}


def step(g: Grade, domain: str) -> Step:
    (found,) = [s for s in g.steps if s.domain == domain]
    return found


# ---------------------------------------------------------------- body and start


def test_clean_body_is_high_and_strong() -> None:
    g = grade(claim(*two_rcts()))
    assert (g.certainty, g.status, g.total_n) == ("high", "strong", 1000)
    assert g.steps == (Step("start", 4, "starts high (4): best supporting design rct (a, b)"),)


@pytest.mark.parametrize(
    ("links", "disputed", "certainty", "status"),
    [
        pytest.param((), False, "none", "unsupported", id="no-evidence"),
        pytest.param(
            (link(stance="contradicts"),), False, "none", "contradicted", id="only-contra"
        ),
        pytest.param(
            (link(stance="qualifies"),), False, "none", "unsupported", id="qualifies-only"
        ),
        pytest.param((), True, "none", "contested", id="disputed-no-evidence"),
    ],
)
def test_without_support(
    links: tuple[Link, ...], disputed: bool, certainty: str, status: str
) -> None:
    g = grade(claim(*links, disputed=disputed))
    assert (g.certainty, g.status) == (certainty, status)
    assert g.steps == (Step("start", 0, "no supporting evidence"),)
    assert g.total_n is None


@pytest.mark.parametrize(
    ("designs", "start"),
    [
        (("rct", "cohort"), 4),
        (("meta-analysis",), 4),
        (("pk-study", "case-report"), 4),
        (("cohort", "case-series"), 2),
        (("cross-sectional",), 2),
        (("expert-opinion", "web-article"), 1),
        ((None, "case-report"), 1),
        ((None, None), 1),
    ],
)
def test_start_is_best_supporting_design(designs: tuple[str | None, ...], start: int) -> None:
    links = [link(study(f"s{i}", design=d, n=1000)) for i, d in enumerate(designs)]
    links.append(link(study("x", design="meta-analysis"), stance="qualifies"))
    g = grade(claim(*links))
    assert g.steps[0].domain == "start"
    assert g.steps[0].change == start


def test_unappraised_study_is_named_in_start() -> None:
    g = grade(claim(link(study("u", design=None, n=1000)), link(study("v", design=None, n=10))))
    assert g.steps[0] == Step(
        "start", 1, "starts very low (1): best supporting design not appraised (u, v)"
    )


@pytest.mark.parametrize(
    ("ns", "total"),
    [((None, None), None), ((10, None), 10), ((10, 20), 30)],
)
def test_total_n_uses_link_n_else_study_n(ns: tuple[int | None, ...], total: int | None) -> None:
    links = [link(study(f"s{i}", n=n)) for i, n in enumerate(ns)]
    links.append(link(study("c", n=999), stance="contradicts"))
    assert grade(claim(*links)).total_n == total


def test_link_n_takes_precedence_over_study_n() -> None:
    g = grade(claim(link(study("a", n=5000), n=30), link(study("b", n=5000), n=10)))
    assert g.total_n == 40
    assert changes(g)["imprecision"] == -2


# ---------------------------------------------------------------- risk of bias


@pytest.mark.parametrize(
    ("studies", "change"),
    [
        pytest.param(
            [study("a", blinding="open-label")] * 1 + [study("b")], None, id="half-is-not-most"
        ),
        pytest.param(
            [study("a", blinding="open-label", n=600), study("b", n=400)],
            -1,
            id="open-label-majority",
        ),
        pytest.param(
            [study("a", blinding="open-label", n=400), study("b", n=600)],
            None,
            id="open-label-minority",
        ),
        pytest.param(
            [study("a", quality=("not-randomized",), n=900), study("b", n=100)],
            -1,
            id="not-randomized",
        ),
        pytest.param(
            [study("a", quality=("no-control",)), study("b", quality=("high-attrition",))],
            -1,
            id="flags",
        ),
        pytest.param(
            [study("a", quality=("stopped-early", "high-attrition"), n=900), study("b", n=100)],
            -2,
            id="two-flags",
        ),
        pytest.param(
            [study("a", blinding="open-label", quality=("no-control",), n=900), study("b", n=100)],
            -2,
            id="open-label-and-flag",
        ),
        pytest.param(
            [
                study("a", blinding="open-label", quality=("no-control",), n=300),
                study("b", blinding="open-label", n=400),
                study("c", n=300),
            ],
            -1,
            id="two-flags-only-in-minority",
        ),
        pytest.param(
            [study("a", quality=("single-centre", "industry-funded"), n=900), study("b", n=100)],
            None,
            id="other-flags-ignored",
        ),
        pytest.param(
            [study("a", blinding="open-label", n=5000, design="cohort"), study("b", n=500)],
            None,
            id="only-start-level-counts",
        ),
        pytest.param(
            [
                study("a", blinding="open-label", n=None),
                study("b", blinding="open-label", n=None),
                study("c", n=None),
            ],
            -1,
            id="no-n-counts-equally",
        ),
        pytest.param(
            [study("a", blinding="open-label", n=None), study("b", n=3000)],
            -1,  # a flagged study without n may hold most participants
            id="flagged-study-without-n-is-read-at-its-worst",
        ),
        pytest.param(
            [study("a", blinding="open-label", n=1000), study("b", n=None), study("c", n=10)],
            -1,  # the study without n adds no weight: 1000 of 1010 are flagged
            id="clean-study-without-n-does-not-dilute",
        ),
        pytest.param(
            [study("a", blinding="open-label", n=100), study("b", n=None), study("c", n=900)],
            None,
            id="clean-studies-with-n-still-weigh",
        ),
    ],
)
def test_risk_of_bias(studies: list[Study], change: int | None) -> None:
    g = grade(claim(*(link(s) for s in studies)))
    assert changes(g).get("risk_of_bias") == change


def test_risk_of_bias_reason_names_studies_and_share() -> None:
    g = grade(claim(link(study("a", blinding="open-label", n=600)), link(study("b", n=400))))
    assert step(g, "risk_of_bias").reason == (
        "studies with a concern hold 60% of the participants at the start level (a: open-label)"
    )
    assert g.certainty == "moderate"


# ---------------------------------------------------------------- imprecision (sample size)


@pytest.mark.parametrize(
    ("ns", "change"),
    [
        ((1,), -2),
        ((49,), -2),
        ((50,), -1),
        ((399,), -1),
        ((400,), -1),  # a single study
        ((20, 29), -2),
        ((25, 25), -1),
        ((200, 199), -1),
        ((200, 200), None),
        # nobody reported a size: cannot be judged, at most one level (issue 21)
        ((None,), -1),
        ((None, None), -1),
        ((300, None), -1),
        ((400, None), -1),  # a study without n is not a second study
        ((300, 100, None), None),  # the reported part already reaches 400
    ],
)
def test_imprecision_from_sample_size(ns: tuple[int | None, ...], change: int | None) -> None:
    links = [link(study(f"s{i}", n=n)) for i, n in enumerate(ns)]
    assert changes(grade(claim(*links))).get("imprecision") == change


@pytest.mark.parametrize(
    ("ns", "reason"),
    [
        ((5000,), "a single study (s0)"),
        ((30,), "a single study (s0); total n 30 is below 50"),
        ((100, 200), "total n 300 is below 400"),
        (
            (100, None),
            "a single study reporting n (s0); total n 100 is below 400; "
            "n not reported (s1), so not counted",
        ),
        (
            (None, None),
            "n not reported (s0, s1): imprecision cannot be judged from the data, "
            "so rated down 1 (at most one level)",
        ),
    ],
)
def test_imprecision_sample_size_reason(ns: tuple[int | None, ...], reason: str) -> None:
    links = [link(study(f"s{i}", n=n)) for i, n in enumerate(ns)]
    assert step(grade(claim(*links)), "imprecision").reason == reason


def test_same_study_twice_is_a_single_study() -> None:
    s = study("a", n=300)
    assert changes(grade(claim(link(s, n=300), link(s, n=300)))).get("imprecision") == -1


# ---------------------------------------------------------------- imprecision (effect)


def rr(low: float, high: float, est: float = 0.8, **kw: Any) -> Effect:
    return Effect("RR", est, low, high, **kw)


@pytest.mark.parametrize(
    ("effect", "change", "reason"),
    [
        pytest.param(rr(0.6, 0.9, n=1000), None, None, id="precise-benefit"),
        pytest.param(
            rr(0.6, 1.1, n=1000),
            -1,
            "pooled RR 0.8: 95 % CI 0.6 to 1.1 crosses 1 (no effect)",
            id="crosses-1",
        ),
        pytest.param(
            rr(0.6, 1.3, n=1000),
            -2,
            "pooled RR 0.8: 95 % CI 0.6 to 1.3 spans both an appreciable benefit (below 0.75)"
            " and an appreciable harm (above 1.25); 95 % CI 0.6 to 1.3 crosses 1 (no effect)",
            id="spans-both",
        ),
        pytest.param(rr(0.76, 1.3, n=1000), -1, None, id="reaches-harm-only"),
        pytest.param(rr(0.9, 1.1, est=1.0, n=1000), None, None, id="precise-null"),
        pytest.param(rr(0.75, 1.25, est=1.0, n=1000), None, None, id="precise-null-at-bounds"),
        pytest.param(
            rr(0.6, 0.9, n=399),
            -1,
            "pooled RR 0.8: total n 399 is below the optimal information size of 400 participants",
            id="below-ois",
        ),
        pytest.param(rr(0.6, 0.9, n=400), None, None, id="at-ois"),
        pytest.param(
            rr(0.6, 0.9, n=30, events=12),
            -2,
            "pooled RR 0.8: total n 30 is below 50",
            id="tiny-n-as-the-size-rule",
        ),
        pytest.param(
            rr(0.6, 0.9, n=100_000, events=299),
            -1,
            "pooled RR 0.8: 299 events, below the optimal information size of 300 events",
            id="few-events",
        ),
        pytest.param(rr(0.6, 0.9, n=100, events=300), None, None, id="events-enough"),
        pytest.param(
            rr(0.6, 0.9),
            0,  # a pooled effect is judged on its own n; unknown, so only noted
            "pooled RR 0.8: 95 % CI 0.6 to 0.9; the information size could not be checked "
            "(n not reported)",
            id="pooled-n-unknown-is-noted",
        ),
        pytest.param(Effect("OR", 1.2, 0.9, 1.6, n=800), -1, None, id="or-crosses-1"),
        pytest.param(Effect("HR", 0.5, 0.3, 0.8, n=800), None, None, id="hr-precise"),
        pytest.param(
            Effect("MD", -1.2, -3.0, 0.6, n=800),
            -1,
            "pooled MD -1.2: 95 % CI -3 to 0.6 crosses 0 (no effect)",
            id="md-crosses-0",
        ),
        pytest.param(Effect("MD", -30, -90, 40, n=800), -1, None, id="md-no-thresholds"),
        pytest.param(Effect("MD", -3, -5, -1, n=800), None, None, id="md-precise"),
        pytest.param(Effect("RD", -0.05, -0.1, 0.01, n=800), -1, None, id="rd-crosses-0"),
        pytest.param(
            Effect("SMD", 0.1, -0.6, 0.8, n=800),
            -2,
            "pooled SMD 0.1: 95 % CI -0.6 to 0.8 spans both an appreciable benefit (below -0.5)"
            " and an appreciable harm (above 0.5); 95 % CI -0.6 to 0.8 crosses 0 (no effect)",
            id="smd-spans-both",
        ),
        pytest.param(Effect("SMD", 0.1, -0.2, 0.4, n=800), None, None, id="smd-precise-null"),
        pytest.param(Effect("SMD", 0.3, -0.2, 0.7, n=800), -1, None, id="smd-crosses-0"),
        pytest.param(
            Effect("SMD", 0.3, -0.2, 0.7),
            -1,
            None,
            id="smd-crosses-0-n-from-links",
        ),
        pytest.param(
            Effect("SMD", 0.1, -0.6, 0.8, n=100), -2, None, id="worst-rule-kept-not-summed"
        ),
    ],
)
def test_imprecision_from_pooled_effect(
    effect: Effect, change: int | None, reason: str | None
) -> None:
    g = grade(claim(*two_rcts(), pooled_effect=effect))
    assert changes(g).get("imprecision") == change
    if reason is not None:
        assert step(g, "imprecision").reason == reason


def test_pooled_effect_without_any_n_is_not_rated_down_for_it() -> None:
    """design.md v2: an unreported n alone does not rate a precise interval down."""
    g = grade(claim(link(study("a", n=None)), link(study("b", n=None)), pooled_effect=rr(0.6, 0.9)))
    assert step(g, "imprecision") == Step(
        "imprecision",
        0,
        "pooled RR 0.8: 95 % CI 0.6 to 0.9; the information size could not be checked "
        "(n not reported)",
    )
    wide = grade(claim(link(study("a", n=None)), pooled_effect=rr(0.6, 1.1)))
    assert step(wide, "imprecision").change == -1


def test_single_links_effect_replaces_sample_size_rule() -> None:
    precise = link(study("a", n=2000), effect=Effect("MD", -3, -5, -1))
    assert "imprecision" not in changes(grade(claim(precise)))  # a single study, but precise
    wide = link(study("a", n=2000), effect=Effect("RR", 1.0, 0.5, 2.0))
    assert step(grade(claim(wide)), "imprecision").reason == (
        "RR 1 (a): 95 % CI 0.5 to 2 spans both an appreciable benefit (below 0.75) and an "
        "appreciable harm (above 1.25); 95 % CI 0.5 to 2 crosses 1 (no effect)"
    )


def test_link_effects_in_a_multi_study_body_fall_back_to_sample_size() -> None:
    links = (
        link(study("a", n=100), effect=Effect("MD", -3, -5, -1)),
        link(study("b", n=100), effect=Effect("MD", -3, -5, -1)),
    )
    assert step(grade(claim(*links)), "imprecision").reason == "total n 200 is below 400"


@pytest.mark.parametrize(
    ("settings", "effect", "change"),
    [
        ({"md_margin": 2.0}, Effect("MD", -0.5, -3.0, 2.5, n=800), -2),
        # GRADE guidelines 6's reading, not the default: with the information size met, a
        # CI spanning both thresholds is one level; short or unknown, it stays two
        ({"md_margin": 2.0, "wide_ci_with_ois_met": 1}, Effect("MD", -0.5, -3.0, 2.5, n=800), -1),
        ({"md_margin": 2.0, "wide_ci_with_ois_met": 1}, Effect("MD", -0.5, -3.0, 2.5, n=300), -2),
        ({"wide_ci_with_ois_met": 1}, rr(0.6, 1.3), -2),
        ({"wide_ci_with_ois_met": 1}, rr(0.6, 1.3, n=100, events=300), -1),
        ({"wide_ci_with_ois_met": 1}, rr(0.6, 1.3, n=100_000, events=299), -2),
        ({"md_margin": 5.0}, Effect("MD", -0.5, -3.0, 2.5, n=800), None),
        ({"md_margin": 5.0, "precise_null": False}, Effect("MD", -0.5, -3.0, 2.5, n=800), -1),
        ({"rd_margin": 0.02}, Effect("RD", 0.0, -0.03, 0.03, n=800), -2),
        ({"ratio_low": 0.5, "ratio_high": 2.0}, rr(0.6, 1.3, n=800), None),
        ({"ois_participants": 1000}, rr(0.6, 0.9, n=800), -1),
        ({"smd_margin": None}, Effect("SMD", 0.1, -0.6, 0.8, n=800), -1),
    ],
)
def test_imprecision_thresholds_are_configurable(
    settings: dict[str, object], effect: Effect, change: int | None
) -> None:
    config = GradingConfig.from_mapping(settings)
    g = grade(claim(*two_rcts(), pooled_effect=effect), config)
    assert changes(g).get("imprecision") == change


# ---------------------------------------------------------------- inconsistency


@pytest.mark.parametrize(
    ("best", "against", "change", "status"),
    [
        ("rct", "rct", -1, "contested"),  # moderate for, low against
        ("rct", "pk-study", -1, "contested"),
        # two levels below the start: shown (a 0 step), not counted; the body against
        # (very low) is three levels below the body for: shown, not weighed
        ("rct", "cohort", 0, "strong"),
        ("rct", "case-report", 0, "strong"),
        ("cohort", "case-series", -1, "very_uncertain"),  # one level below; both very low
        ("cohort", "cross-sectional", -1, "very_uncertain"),
        ("cohort", "rct", -1, "contradicted"),  # a better design contradicts and outranks
        ("case-series", "expert-opinion", -1, "very_uncertain"),
        ("case-series", None, -1, "very_uncertain"),
        ("rct", None, 0, "strong"),
    ],
)
def test_inconsistency_from_contradicting_design(
    best: str, against: str | None, change: int | None, status: str
) -> None:
    g = grade(
        claim(
            link(study("a", design=best, n=5000)),
            link(study("b", design=best, n=5000)),
            link(study("c", design=against), stance="contradicts"),
        )
    )
    assert changes(g).get("inconsistency") == change
    assert g.status == status


def test_inconsistency_reason_names_contradicting_study() -> None:
    g = grade(claim(*two_rcts(), link(study("c", design="rct"), stance="contradicts")))
    assert step(g, "inconsistency").reason == (
        "contradicted by direct evidence of a comparable design: c (rct)"
    )


@pytest.mark.parametrize(
    ("first", "second", "change"),
    [
        (Value(93, unit="%"), Value(25, unit="%"), -1),
        (Value(93, unit="%"), Value(90, unit="%"), None),  # 3 % apart
        (Value(100), Value(74), -1),  # 26 % of 100
        (Value(100), Value(76), None),  # 24 %
        (Value(low=20, high=30, unit="%"), Value(low=70, high=95, unit="%"), -1),
        (Value(low=20, high=80, unit="%"), Value(75, unit="%"), None),  # ranges overlap
        (Value(93, unit="%"), Value(25, unit="mg"), None),  # units differ
        (Value(unit="%"), Value(25, unit="%"), None),  # nothing to compare
        (Value(-10), Value(10), -1),
    ],
)
def test_inconsistency_from_disagreeing_values(
    first: Value, second: Value, change: int | None
) -> None:
    # the claim states a value (0 to 1): the values differ from it and from each other
    stated = Value(low=0, high=1, unit=first.unit)
    evidence = claim(link(study("a"), value=first), link(study("b"), value=second))
    g = grade(replace(evidence, value=replace(stated, unit=first.unit)))
    assert changes(g).get("inconsistency") == change


def test_disagreeing_values_reason_and_tolerance() -> None:
    links = (
        link(study("a"), value=Value(93, unit="%")),
        link(study("b"), value=Value(25, unit="%")),
    )
    stated = Value(50, unit="%")
    assert step(grade(claim(*links, value=stated)), "inconsistency").reason == (
        "supporting values disagree: a reports 93 %, b 25 %"
    )
    loose = GradingConfig.from_mapping({"value_tolerance": 0.8})
    assert "inconsistency" not in changes(grade(claim(*links, value=stated), loose))


def test_values_that_all_satisfy_a_qualitative_claim_are_consistent() -> None:
    """'Oral bioavailability is low': 8, 20 and 23 % all satisfy it (audit D8)."""
    links = tuple(
        link(study(k), value=Value(v, unit="%")) for k, v in (("a", 8), ("b", 20), ("c", 23))
    )
    assert "inconsistency" not in changes(grade(claim(*links)))  # no value stated
    # a stated range every value lies in: consistent however the values spread
    within = claim(*links, value=Value(low=0, high=30, unit="%"))
    assert "inconsistency" not in changes(grade(within))
    # a stated range some value misses: their disagreement counts
    outside = claim(*links, value=Value(low=15, high=30, unit="%"))
    assert changes(grade(outside)).get("inconsistency") == -1


# ---------------------------------------------------------------- indirectness


@pytest.mark.parametrize(
    ("links", "claim_routes", "claim_condition", "change"),
    [
        pytest.param(
            [link(study("a"), indirect=("population",)), link(study("b"), indirect=("outcome",))],
            ("IM",),
            "any",
            -1,
            id="by-hand-all",
        ),
        pytest.param(
            [link(study("a"), indirect=("population",)), link(study("b"))],
            ("IM",),
            "any",
            None,
            id="by-hand-not-all",
        ),
        pytest.param(
            [link(study("a", routes=("IV",))), link(study("b", routes=("IV", "IN")))],
            ("IM",),
            "any",
            -1,
            id="route-facet",
        ),
        pytest.param(
            [link(study("a", routes=("IV",))), link(study("b", routes=("IV", "IM")))],
            ("IM", "IV"),
            "any",
            None,
            id="route-facet-one-direct",
        ),
        pytest.param(
            [link(study("a", routes=()))], ("IM",), "any", None, id="routes-unknown-not-indirect"
        ),
        pytest.param(
            [link(study("a", condition="pain")), link(study("b", condition="sedation"))],
            ("IM",),
            "depression",
            -1,
            id="condition-facet",
        ),
        pytest.param(
            [link(study("a", condition="any")), link(study("b", condition="pain"))],
            ("IM",),
            "depression",
            None,
            id="study-any-matches",
        ),
        pytest.param(
            [link(study("a", condition="pain"))], ("IM",), "any", None, id="claim-any-matches"
        ),
        pytest.param(
            [link(study("a", condition="pain", routes=("IV",)))],
            ("IM",),
            "depression",
            -2,
            id="two-facets",
        ),
        pytest.param(
            [
                link(study("a", routes=("IV",)), indirect=("outcome",)),
                link(study("b", condition="pain")),
            ],
            ("IM",),
            "depression",
            -1,
            id="two-facets-not-everywhere",
        ),
        pytest.param(
            [link(study("a", routes=("IV",)), indirect=("intervention",))],
            ("IM",),
            "any",
            -1,
            id="route-and-hand-same-facet",
        ),
        pytest.param(
            [link(study("a"), indirect=("population", "intervention", "outcome"))],
            ("IM",),
            "any",
            -2,
            id="capped-at-2",
        ),
    ],
)
def test_indirectness(
    links: list[Link], claim_routes: tuple[str, ...], claim_condition: str, change: int | None
) -> None:
    g = grade(claim(*links, routes=frozenset(claim_routes), condition=claim_condition))
    assert changes(g).get("indirectness") == change


def test_indirectness_reason_names_facets() -> None:
    g = grade(claim(link(study("a", condition="pain", routes=("IV",))), condition="depression"))
    assert step(g, "indirectness").reason == (
        "every supporting link is indirect in two or more facets: a: intervention "
        "(routes IV lack IM), population (condition pain, not depression)"
    )


# ---------------------------------------------------------------- publication bias


@pytest.mark.parametrize(
    ("links", "change"),
    [
        ([link(study("a", quality=("industry-funded",))), link(study("b"))], -1),
        ([link(study("a"), flags=("publication-bias",)), link(study("b"))], -1),
        (
            [
                link(study("a", quality=("industry-funded",)), flags=("publication-bias",)),
                link(study("b", quality=("industry-funded",))),
            ],
            -1,
        ),
        ([link(study("a")), link(study("b"))], None),
        (
            [
                link(study("a")),
                link(study("b")),
                link(study("c", quality=("industry-funded",)), stance="qualifies"),
            ],
            None,
        ),
    ],
)
def test_publication_bias(links: list[Link], change: int | None) -> None:
    assert changes(grade(claim(*links))).get("publication_bias") == change


# ---------------------------------------------------------------- rating up, clamping


def cohorts(*flags: str, quality: tuple[str, ...] = ()) -> tuple[Link, ...]:
    return tuple(
        link(study(k, design="cohort", n=1000, quality=quality), flags=flags) for k in ("a", "b")
    )


@pytest.mark.parametrize(
    ("links", "certainty", "ups"),
    [
        (cohorts(), "low", {}),
        (cohorts("large-effect"), "moderate", {"large_effect": 1}),
        (cohorts("dose-response"), "moderate", {"dose_response": 1}),
        (cohorts("large-effect", "dose-response"), "high", {"large_effect": 1, "dose_response": 1}),
        (cohorts("large-effect", quality=("industry-funded",)), "very_low", {}),  # blocked
        ((*two_rcts()[:1], link(study("b"), flags=("large-effect",))), "high", {}),  # start 4
    ],
)
def test_rating_up(links: tuple[Link, ...], certainty: str, ups: dict[str, int]) -> None:
    g = grade(claim(*links))
    assert g.certainty == certainty
    assert {d: c for d, c in changes(g).items() if c > 0 and d != "start"} == ups


def test_upgrade_from_very_low_start_only_needs_one_flagged_link() -> None:
    links = (
        link(study("a", design="case-series", n=500), flags=("dose-response",)),
        link(study("b", design="case-series", n=500)),
    )
    g = grade(claim(*links))
    assert (g.certainty, step(g, "dose_response").reason) == ("low", "dose-response flagged on a")


def test_upgrade_blocked_by_reviewer_downgrade() -> None:
    judged = {"risk_of_bias": Judgement("serious", "confounding")}
    g = grade(claim(*cohorts("large-effect"), judgements=judged))
    assert g.certainty == "very_low"
    assert "large_effect" not in changes(g)


@pytest.mark.parametrize(
    ("links", "certainty"),
    [
        # 4 - 1 (rob) - 2 (imprecision) - 2 (indirectness) - 1 (publication) = -2 -> 1
        (
            (
                link(
                    study("a", n=10, blinding="open-label", quality=("industry-funded",)),
                    indirect=("population", "outcome"),
                ),
            ),
            "very_low",
        ),
        ((link(study("a", design="case-report", n=1)),), "very_low"),
    ],
)
def test_certainty_is_clamped(links: tuple[Link, ...], certainty: str) -> None:
    g = grade(claim(*links))
    assert g.certainty == certainty
    assert sum(s.change for s in g.steps) < 1 or g.steps[0].change == 1


# ---------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("links", "disputed", "status"),
    [
        (two_rcts(), False, "strong"),
        (two_rcts(), True, "contested"),
        (  # very low against, high for: shown as evidence against, not weighed
            (*two_rcts(), link(study("c", design="case-report"), stance="contradicts")),
            False,
            "strong",
        ),
        (cohorts(), False, "weak"),
        ((*two_rcts(), link(study("c"), stance="qualifies")), False, "strong"),
        ((link(study("a", n=300)), link(study("b", n=50))), False, "strong"),  # moderate
        ((link(stance="qualifies"),), False, "unsupported"),
    ],
)
def test_status_order(links: tuple[Link, ...], disputed: bool, status: str) -> None:
    assert grade(claim(*links, disputed=disputed)).status == status


# ---------------------------------------------------------------- override


@pytest.mark.parametrize(
    ("links", "to", "certainty", "change", "status"),
    [
        (two_rcts(), "low", "low", -2, "weak"),
        (cohorts(), "high", "high", 2, "strong"),
        (cohorts(), "low", "low", 0, "weak"),
        ((), "moderate", "moderate", 3, "unsupported"),
    ],
)
def test_override(
    links: tuple[Link, ...], to: str, certainty: str, change: int, status: str
) -> None:
    g = grade(claim(*links, override=Override(to, "trials unblinded in practice")))
    assert (g.certainty, g.status) == (certainty, status)
    assert g.steps[-1] == Step(
        "override", change, f"reviewer override, sets {to}: trials unblinded in practice"
    )
    # the override row shows the level it sets (audit D16: it read "low" under "high")
    rows = [{"domain": s.domain, "change": s.change} for s in g.steps]
    assert levels_reached(rows)[-1] == {"low": 2, "moderate": 3, "high": 4}[to]


def test_override_rejects_unknown_certainty() -> None:
    with pytest.raises(ValueError, match="unknown override certainty 'very low'"):
        Override("very low", "x")


# ---------------------------------------------------------------- reviewer judgements


@pytest.mark.parametrize(
    ("domain", "level", "links", "change"),
    [
        ("risk_of_bias", "serious", two_rcts(), -1),
        ("risk_of_bias", "very-serious", two_rcts(), -2),
        ("risk_of_bias", "not-serious", two_rcts(blinding="open-label"), 0),
        ("risk_of_bias", "serious", two_rcts(blinding="open-label", quality=("no-control",)), -1),
        ("imprecision", "not-serious", two_rcts(n=10), 0),
        ("imprecision", "very-serious", two_rcts(), -2),
        ("inconsistency", "serious", two_rcts(), -1),
        ("indirectness", "very-serious", two_rcts(), -2),
        ("indirectness", "not-serious", two_rcts(condition="pain"), 0),
        ("publication_bias", "serious", two_rcts(), -1),
        ("publication_bias", "not-serious", two_rcts(quality=("industry-funded",)), 0),
    ],
)
def test_judgement_replaces_automatic_rule(
    domain: str, level: str, links: tuple[Link, ...], change: int
) -> None:
    g = grade(
        claim(*links, condition="depression", judgements={domain: Judgement(level, "reviewed")})
    )
    assert step(g, domain).change == change
    assert step(g, domain).reason.startswith("judged by the reviewer: reviewed")
    assert g.certainty == {4: "high", 3: "moderate", 2: "low"}[4 + change]


def test_not_serious_judgement_without_automatic_concern_records_nothing() -> None:
    g = grade(claim(*two_rcts(), judgements={"risk_of_bias": Judgement("not-serious", "fine")}))
    assert [s.domain for s in g.steps] == ["start"]


def test_not_serious_judgement_names_what_it_set_aside() -> None:
    g = grade(
        claim(
            *two_rcts(),
            pooled_effect=rr(0.6, 1.1, n=1000),
            judgements={"imprecision": Judgement("not-serious", "CI excludes important harm")},
        )
    )
    assert step(g, "imprecision") == Step(
        "imprecision",
        0,
        "judged by the reviewer: CI excludes important harm (the automatic rule would have "
        "rated down 1: pooled RR 0.8: 95 % CI 0.6 to 1.1 crosses 1 (no effect))",
    )
    assert g.certainty == "high"


def test_unknown_judgement_domain_or_level_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown judgement level 'grave'"):
        Judgement("grave", "x")
    with pytest.raises(ValueError, match="unknown judgement domain 'other'"):
        grade(claim(*two_rcts(), judgements={"other": Judgement("serious", "x")}))


# ---------------------------------------------------------------- derivation text


def test_full_derivation() -> None:
    links = (
        link(study("trial1", n=200, blinding="open-label")),
        link(study("trial2", n=150, blinding="open-label", quality=("industry-funded",))),
        link(study("obs", design="cohort", n=5000)),
    )
    g = grade(
        claim(
            *links,
            pooled_effect=Effect("RR", 0.77, 0.60, 0.99, n=350, n_studies=2),
            judgements={"inconsistency": Judgement("serious", "I2 = 70 %")},
        )
    )
    assert g.steps == (
        Step("start", 4, "starts high (4): best supporting design rct (trial1, trial2)"),
        Step(
            "risk_of_bias",
            -1,
            "studies with a concern hold 100% of the participants at the start level "
            "(trial1: open-label; trial2: open-label)",
        ),
        Step(
            "imprecision",
            -1,
            "pooled RR 0.77: total n 350 is below the optimal information size of 400 participants",
        ),
        Step("inconsistency", -1, "judged by the reviewer: I2 = 70 %"),
        Step("publication_bias", -1, "flagged: trial2 (industry-funded)"),
    )
    assert (g.certainty, g.status, g.total_n) == ("very_low", "weak", 5350)


# ---------------------------------------------------------------- effects and config


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("RRR", 1.0, 0.5, 2.0), "unknown effect measure 'RRR'"),
        (("RR", 1.0, 2.0, 0.5), "effect CI low 2 is above high 0.5"),
        (("OR", 1.0, 0.0, 2.0), "a OR CI must be above 0, not 0"),
    ],
)
def test_bad_effect(args: tuple[Any, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Effect(*args)


def test_config_defaults() -> None:
    assert GradingConfig.from_mapping({}) == DEFAULT_CONFIG
    assert (DEFAULT_CONFIG.imprecision_n, DEFAULT_CONFIG.imprecision_n_very) == (400, 50)
    assert (DEFAULT_CONFIG.ratio_low, DEFAULT_CONFIG.ratio_high) == (0.75, 1.25)
    assert (DEFAULT_CONFIG.ois_participants, DEFAULT_CONFIG.ois_events) == (400, 300)
    assert (DEFAULT_CONFIG.smd_margin, DEFAULT_CONFIG.md_margin, DEFAULT_CONFIG.rd_margin) == (
        0.5,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"imprecision_n": 300}, replace(DEFAULT_CONFIG, imprecision_n=300)),
        ({"ratio_low": 0.8, "ratio_high": 1}, None),  # ratio_high must be above 1
        ({"ratio_low": 0.8}, replace(DEFAULT_CONFIG, ratio_low=0.8)),
        ({"md_margin": 3}, replace(DEFAULT_CONFIG, md_margin=3.0)),
        ({"smd_margin": None}, replace(DEFAULT_CONFIG, smd_margin=None)),
        ({"precise_null": False}, replace(DEFAULT_CONFIG, precise_null=False)),
        ({"bias_flags": ["no-control"]}, replace(DEFAULT_CONFIG, bias_flags=("no-control",))),
    ],
)
def test_config_from_mapping(raw: dict[str, object], expected: GradingConfig | None) -> None:
    if expected is None:
        with pytest.raises(ValueError, match="ratio_high above 1"):
            GradingConfig.from_mapping(raw)
    else:
        assert GradingConfig.from_mapping(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"imprecision": 300}, "unknown grading setting 'imprecision' \\(known: bias_blinding, "),
        (
            {"imprecision_n": "400"},
            "grading setting 'imprecision_n' must be an integer, not str '400'",
        ),
        ({"imprecision_n": 400.0}, "'imprecision_n' must be an integer, not float"),
        ({"imprecision_n": True}, "'imprecision_n' must be an integer, not bool"),
        ({"ratio_low": "0.75"}, "'ratio_low' must be a number, not str"),
        ({"ratio_low": None}, "'ratio_low' must be a number, not NoneType"),
        ({"precise_null": 1}, "'precise_null' must be true or false, not int"),
        ({"bias_flags": "no-control"}, "'bias_flags' must be a list of strings, not str"),
        ({"bias_flags": [1]}, "'bias_flags' must be a list of strings, not list"),
        ({"imprecision_n": 40}, "imprecision_n_very must not exceed imprecision_n"),
        ({"bias_share": 1.0}, "bias_share must be at least 0 and below 1"),
        ({"md_margin": -1}, "md_margin must be positive"),
    ],
)
def test_config_from_mapping_rejects(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        GradingConfig.from_mapping(raw)


def test_config_thresholds_change_sample_size_rule() -> None:
    config = GradingConfig.from_mapping({"imprecision_n": 100, "imprecision_n_very": 10})
    links = [link(study("a", n=60)), link(study("b", n=60))]
    assert "imprecision" not in changes(grade(claim(*links), config))
    assert changes(grade(claim(*links))).get("imprecision") == -1


# ---------------------------------------------------------------- imprecision (a claim's MID)


@pytest.mark.parametrize(
    ("effect", "mid", "change"),
    [
        pytest.param(Effect("SMD", 0.8, 0.6, 1.0, n=2000), Mid("SMD", 0.5), None, id="important"),
        pytest.param(
            Effect("SMD", 0.8, 0.3, 1.3, n=2000), Mid("SMD", 0.5), -1, id="may-be-trivial"
        ),
        pytest.param(Effect("SMD", 0.1, -0.2, 0.4, n=2000), Mid("SMD", 0.5), None, id="trivial"),
        pytest.param(Effect("SMD", 0.1, -0.3, 0.7, n=2000), Mid("SMD", 0.5), -1, id="may-matter"),
        pytest.param(Effect("SMD", 0.0, -0.7, 0.7, n=2000), Mid("SMD", 0.5), -2, id="both-ways"),
        pytest.param(rr(0.5, 0.7, est=0.6, n=2000), Mid("RR", 0.8), None, id="ratio-important"),
        pytest.param(rr(0.5, 0.9, est=0.7, n=2000), Mid("RR", 0.8), -1, id="ratio-may-be-trivial"),
        pytest.param(
            rr(0.85, 1.2, est=1.0, n=2000), Mid("RR", 1.25), None, id="ratio-mirror-trivial"
        ),
        # a MID on another measure leaves the default rules: this CI crosses 0
        pytest.param(Effect("SMD", 0.1, -0.2, 0.4, n=2000), Mid("MD", 5), None, id="other"),
        pytest.param(Effect("MD", 1, -0.2, 2.2, n=2000), Mid("SMD", 0.5), -1, id="other-md"),
    ],
)
def test_imprecision_against_the_claims_mid(effect: Effect, mid: Mid, change: int | None) -> None:
    """GRADE guidance 34 / Core GRADE 2: the CI judged against the MID, not against 0."""
    g = grade(replace(claim(*two_rcts(), pooled_effect=effect), mid=mid))
    assert changes(g).get("imprecision") == change


def test_a_mid_can_make_a_null_crossing_interval_precise() -> None:
    # crosses 0, so the default rule (precise null off) rates it down; against a MID of
    # 0.5 the whole interval is trivial: "little to no effect" is a precise conclusion
    effect = Effect("SMD", 0.05, -0.1, 0.2, n=2000)
    config = GradingConfig.from_mapping({"precise_null": False})
    without = grade(claim(*two_rcts(), pooled_effect=effect), config)
    with_mid = grade(replace(claim(*two_rcts(), pooled_effect=effect), mid=Mid("SMD", 0.5)), config)
    assert changes(without).get("imprecision") == -1
    assert changes(with_mid).get("imprecision") is None
