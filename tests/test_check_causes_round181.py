"""`check` on the general causes behind the misses of rounds 181-184, read in the
twenty-seventh pass (docs/check.md). Through the CLI on a real draft and the shipped base, in
sentences worded apart from the rounds'; a reading alone (a rewriting, a hedge) through the
function that reads it. Each case names the rule that finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, hearsay_test, problem_kinds, reviewed_test
from roa_evidence.draftcheck import framing, parts
from roa_evidence.draftcheck.words import normalised

FOUND_WITH_PROBLEM = [
    pytest.param(
        "A jab into the arm works every bit as well as an infusion for depression, and we "
        "wondered why the clinic never mentioned it.",
        "im-as-effective-as-iv-depression",
        "overclaim",
        id="a_question_reported_after_the_main_clause_leaves_it_asserted",
    ),
    pytest.param(
        "My brother asked whether a jab goes through the liver first, and I told him yes, most "
        "of it is broken down by the liver before it reaches the blood.",
        "im-no-first-pass",
        "opposite",
        id="a_question_reported_and_answered_is_judged_on_its_answer",
    ),
    pytest.param(
        "In that trial the lift in mood had worn off within a day [@chilukuri2014acute].",
        "chilukuri-effect-sustained-3-days",
        "opposite",
        id="an_effect_worn_off_was_not_sustained",
    ),
    pytest.param(
        "Even a drip loses a fair share of the dose before it reaches the bloodstream.",
        "iv-bioavailability-100",
        "opposite",
        id="a_share_lost_before_the_blood_is_not_all_of_it",
    ),
    pytest.param(
        "A shot costs you about half of what a drip does.",
        "im-cheaper-than-iv",
        "overclaim",
        id="a_share_of_another_routes_price_with_the_payer_named",
    ),
    pytest.param(
        "The dissociation from a shot in the muscle is over in roughly ten minutes.",
        "im-duration-30-60-min",
        "mismatch",
        id="an_effect_over_in_ten_minutes_lasts_ten_minutes",
    ),
    pytest.param(
        "With a spray, you know exactly how much ketamine your body takes in.",
        "in-dose-unknown",
        "opposite",
        id="what_the_body_takes_in_is_what_is_absorbed",
    ),
    pytest.param(
        "A shot in the muscle can still be reduced or withdrawn if the patient is struggling.",
        "non-iv-cannot-be-stopped",
        "opposite",
        id="a_dose_that_can_be_withdrawn_can_be_stopped",
    ),
    pytest.param(
        "Given into the muscle, it reportedly took about fifteen minutes for her to go under.",
        "im-onset-1-2-min",
        "mismatch",
        id="minutes_to_go_under_is_an_onset",
    ),
    pytest.param(
        "The label says an IV bolus takes roughly five minutes to act [@ketalar_label].",
        "iv-bolus-onset-seconds",
        "cited-against",
        id="minutes_to_act_is_an_onset",
    ),
    pytest.param(
        "A drip gives a smoother, gentler session from start to finish.",
        "iv-gradual-smoother-experience",
        "overclaim",
        id="a_smoother_gentler_session_is_how_it_feels",
    ),
    pytest.param(
        "Coming off an infusion is always easy; nobody finds the comedown jarring or disorienting.",
        "iv-abrupt-comedown",
        "opposite",
        id="coming_off_a_drip_is_its_comedown",
    ),
    pytest.param(
        "Swallowed ketamine is fine, since the liver barely touches it on the way in.",
        "oral-bioavailability-low",
        "opposite",
        id="a_liver_that_barely_touches_it_leaves_it_well_absorbed",
    ),
    pytest.param(
        "After a jab in the thigh, the drug has to pass through the liver before it reaches the "
        "blood, much as a tablet does.",
        "im-no-first-pass",
        "opposite",
        id="much_as_a_tablet_does_is_an_analogy_not_a_route_compared",
    ),
    pytest.param(
        "The two routes are probably equally safe at antidepressant doses [@chilukuri2014acute].",
        "iv-im-similar-safety",
        "overclaim",
        id="antidepressant_doses_say_how_much_not_that_it_works",
    ),
    pytest.param(
        "A tablet may seem simpler, but swallowed ketamine is probably poorly absorbed, since the "
        "liver breaks most of it down.",
        "oral-bioavailability-low",
        "overclaim",
        id="a_point_conceded_before_but_does_not_hedge_what_follows",
    ),
    pytest.param(
        "Anyone with a heart condition or a history of psychosis needs a doctor supervising them "
        "at every session.",
        "professional-oversight-cardiac-psychiatric",
        "overclaim",
        id="a_heart_condition_or_psychosis_is_a_cardiovascular_or_psychiatric_history",
    ),
    pytest.param(
        "Ketamine boosts glutamate and helps the brain form new connections, which is how it "
        "lifts depression.",
        "nmda-glutamate-neuroplasticity",
        "overclaim",
        id="boosting_glutamate_and_new_connections_are_its_mechanism",
    ),
    pytest.param(
        "Swallowed ketamine is absorbed almost completely, with little lost on the way.",
        "oral-bioavailability-low",
        "opposite",
        id="well_absorbed_is_said_in_the_claims_words",
    ),
    pytest.param(
        "Most of a swallowed dose gets through the liver untouched.",
        "oral-bioavailability-low",
        "opposite",
        id="through_the_liver_untouched_is_one_fact_not_two_negations",
    ),
    pytest.param(
        "Once a jab is in, nothing can slow it down or undo it.",
        "non-iv-cannot-be-stopped",
        "overclaim",
        id="nothing_can_slow_it_down_or_undo_it_is_cannot_be_stopped",
    ),
    pytest.param(
        "With a shot, there is no dialling it back once it is in.",
        "non-iv-cannot-be-stopped",
        "overclaim",
        id="no_dialling_it_back_is_no_stopping_or_adjusting_it",
    ),
    pytest.param(
        "Our nurse says the drip is the only way anyone can control how fast the ketamine goes in.",
        "iv-only-route-rate-controlled",
        "overclaim",
        id="controlling_how_fast_the_ketamine_goes_in_is_controlling_its_rate",
    ),
    pytest.param(
        "For the nose, the figure of 25 to 50 per cent is well established.",
        "in-bioavailability-25-50",
        "overclaim",
        id="for_the_nose_is_the_nasal_route",
    ),
    pytest.param(
        "Only unchanged ketamine helps depression, and whatever the liver turns it into does "
        "nothing.",
        "metabolites-do-not-help",
        "overclaim",
        id="what_the_liver_turns_it_into_is_its_metabolites",
    ),
]

FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "People with heart trouble or a mental-health history may need closer professional "
        "supervision during treatment.",
        "professional-oversight-cardiac-psychiatric",
        "overclaim",
        id="oversight_for_those_histories_hedged_as_its_certainty_needs",
    ),
    pytest.param(
        "A single failed spray is not enough to rule the treatment out.",
        "single-in-failure-not-informative",
        "opposite",
        id="not_enough_to_rule_it_out_is_not_enough_to_conclude_it_fails",
    ),
    pytest.param(
        "I don't contest that IV ketamine for depression is probably given at a rate that trials "
        "have shown to work.",
        "iv-target-rate-shown-to-work",
        "opposite",
        id="not_contesting_a_finding_does_not_deny_it",
    ),
    pytest.param(
        "One woman said a shot takes effect in a minute or so, though that is only what she told "
        "us.",
        "im-onset-1-2-min",
        "overclaim",
        id="only_what_she_told_us_passes_an_account_on",
    ),
]

test_each_cause_is_read = found_test(FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM)

test_what_is_passed_on = hearsay_test(
    [
        "A shot works within minutes, though that's just what he said.",
        "A shot works within minutes, though I couldn't find anyone who has actually tested it.",
    ],
    ["A shot works within minutes, and that is what the trial showed."],
)

# (sentence, kind reported or None, kind not reported or None)
test_what_states_no_finding = reviewed_test(
    [
        # a claim passed on and then called wrong, or answered with evidence, is disputed:
        # the work cited for the answer is not against the sentence, nor is it overclaimed
        (
            "The brochure says only a drip lets the dose be adjusted; that is wrong, since pumps "
            "under the skin have been run for days with the dose stepped up "
            "[@hardy2012randomized].",
            None,
            "cited-against",
        ),
        (
            "The flyer asserts there are no valid efficacy data on IM ketamine, which is not "
            "correct [@loo2016placebo].",
            None,
            "cited-against",
        ),
        (
            "Many people assume only a drip can be adjusted, but a pump under the skin can be "
            "slowed as well [@hardy2012randomized].",
            None,
            "cited-against",
        ),
        (
            "Many people assume only a drip can be adjusted, but a pump under the skin can be "
            "slowed as well [@hardy2012randomized].",
            None,
            "overclaim",
        ),
        (
            "It has been said that only a drip can be controlled, but subcutaneous pumps have been "
            "adjusted for days [@hardy2012randomized].",
            None,
            "cited-against",
        ),
        (
            "The clinic's own leaflet argued that only a drip can have its speed controlled, yet "
            "a trial titrated ketamine under the skin for days [@hardy2012randomized].",
            None,
            "cited-against",
        ),
        (
            "It is sometimes said that only a drip lets you control the rate, but hospice teams "
            "have run ketamine under the skin for days with the dose stepped up "
            "[@hardy2012randomized].",
            None,
            "cited-against",
        ),
        (
            "It is often said that no valid data exist on IM ketamine, yet a small double-blind "
            "study does provide some [@loo2016placebo].",
            None,
            "cited-against",
        ),
        # how many patients do not respond is no denial that it works
        ("About a third of patients never respond to an infusion.", None, "opposite"),
        # a class's number, and oxygen, are no figures
        ("Workshop 3, Tuesday group: notes taken by the facilitator.", None, "unsourced"),
        ("Keep O2 and suction ready at the bedside, per unit policy.", None, "unsourced"),
        # a canned reply's numbered heading, with its title or "cont.", is numbering
        (
            "NOTE 4 (Aftercare): Drink water and rest for the remainder of the day.",
            None,
            "unsourced",
        ),
        ("REPLY 12, cont.: Bring the cuff to each of your sessions.", None, "unsourced"),
    ]
)


@pytest.mark.parametrize(
    ("sentence", "reads"),
    [
        ("About 93 % of the dose ends up in his blood.", "bioavailability"),
        ("Nasal ketamine is absorbed at roughly 80 %.", "has a bioavailability of roughly 80"),
        ("The staff on hand are what pushes the price up.", "raises its cost"),
        ("Whatever the body breaks it down into does nothing.", "its metabolites"),
        ("The side effects are mild ones that pass quickly.", "transient"),
        ("A jab gets about 60 % of the dose into your blood.", "has a bioavailability of about 60"),
        ("Blood from the muscle goes to the liver first.", "through first pass metabolism"),
        ("The effects have worn off within twenty minutes.", "last within twenty minutes"),
    ],
)
def test_the_wordings_read_as_a_claim_says_them(sentence: str, reads: str) -> None:
    assert reads in normalised(sentence)


def test_what_wears_off_within_a_day_was_not_sustained() -> None:
    """(The reading's "not" is read by the polarity: `normalised` drops negations.)"""
    read = normalised("The effects have worn off within a day.")
    assert "sustained" in read and "last" not in read


def test_randomising_is_about_the_evidence() -> None:
    assert "evidence" in parts.read_parts("They did not randomise anyone.").topics


def test_a_jab_over_in_seconds_is_its_giving_not_how_long_it_lasts() -> None:
    assert "last" not in normalised("The jab itself is over in seconds.")


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("People keep asking whether a shot works as well as a drip.", True),
        ("He asked whether a jab goes through the liver, and I told him yes, it does.", False),
        ("A shot works as well as a drip, and I wondered why nobody offered it.", False),
        ("I wondered why nobody offered a shot.", True),
    ],
)
def test_a_reported_question_asserts_only_where_nothing_answers_it(
    sentence: str, asks: bool
) -> None:
    assert framing.asks(sentence) is asks


def test_a_count_the_cited_work_does_not_have_is_also_a_mismatch(
    shipped: Run, tmp_path: Path
) -> None:
    """A count of participants above the cited work's n, in a sentence matching no claim: the
    work is against it (as before) and the count is a mismatch with what the base records."""
    finding = check_one(
        shipped, tmp_path, "That review pooled some 900 patients [@kishimoto2016single]."
    )
    assert {"cited-against", "mismatch"} <= problem_kinds(finding)
    mismatch = next(p for p in finding["problems"] if p["kind"] == "mismatch")
    assert "234" in mismatch["detail"] and "900" in mismatch["detail"]
