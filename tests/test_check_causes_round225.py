"""`check` on the general causes behind the misses of rounds 225-236, read in the
thirty-second pass (docs/check.md). In sentences worded apart from the rounds'; a finding
through the CLI on a real draft and the shipped base."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, problem_kinds, reviewed_test
from roa_evidence.draftcheck import unchecked

FOUND_WITH_PROBLEM = [
    # a survey of people's own drug use is no evidence on treatment, whoever it treats
    pytest.param(
        "An infusion probably raises blood pressure for a short while [@palamar2020extensive].",
        "iv-transient-blood-pressure-rise",
        "cited-against",
        id="a_recreational_survey_cited_for_a_claim_on_any_condition",
    ),
    # ... nor on a claim about street drugs that the base holds unsourced
    pytest.param(
        "Reportedly every bag of street ketamine tested in New York clubs had been cut with "
        "something [@palamar2020extensive].",
        "street-ketamine-100-adulterated",
        "cited-against",
        id="a_recreational_survey_cited_for_an_unsourced_street_claim",
    ),
    # what takes weeks to work is slow, against a claim of rapid relief
    pytest.param(
        "An IV infusion can take several weeks to make any difference to depression.",
        "iv-effective-rapid-depression",
        "opposite",
        id="weeks_to_make_a_difference_is_slow",
    ),
    # "no different from placebo" is not effective
    pytest.param(
        "A single IV infusion was essentially no different from a placebo for depression.",
        "iv-effective-rapid-depression",
        "opposite",
        id="no_different_from_placebo",
    ),
    # "people stay affected for" a time: how long the effects last
    pytest.param(
        "After a jab in the arm, people reportedly stay affected for around eight hours.",
        "im-duration-30-60-min",
        "mismatch",
        id="stay_affected_for_a_time",
    ),
    # another route given the claim's superlative is about the claim, though its route is not
    pytest.param(
        "Of every way to give ketamine, the spray up the nose is the one scientists have "
        "studied most.",
        "iv-most-researched-route",
        "opposite",
        id="another_route_given_the_superlative",
    ),
    pytest.param(
        "Tablets have been researched more than any other route of ketamine.",
        "iv-most-researched-route",
        "opposite",
        id="researched_more_than_any_other_route",
    ),
    # a share in words far off the claim's is its contrary, not a figure got wrong
    pytest.param(
        "Swallowed ketamine gets through well; most of a pill ends up in the blood.",
        "oral-bioavailability-16",
        "opposite",
        id="most_of_a_pill_gets_in_is_the_contrary",
    ),
    # how soon a dose acts, on another scale than the claim's seconds, is a wrong onset
    pytest.param(
        "Reportedly a bolus into the vein needs twenty minutes to kick in.",
        "iv-bolus-onset-seconds",
        "mismatch",
        id="minutes_to_kick_in_against_seconds",
    ),
    pytest.param(
        "An IV bolus is said to act within roughly three minutes.",
        "iv-bolus-onset-seconds",
        "mismatch",
        id="acts_within_minutes_is_an_onset",
    ),
    # someone disagreeing that X denies X
    pytest.param(
        "Our pharmacist disagrees that a jab into the muscle is simpler to give than a drip.",
        "im-simpler-to-administer",
        "opposite",
        id="disagrees_that_denies",
    ),
    # "more demanding", "fiddlier": harder, a ranking reversed
    pytest.param(
        "A shot into the muscle is fiddlier to give than an IV line.",
        "im-simpler-to-administer",
        "opposite",
        id="fiddlier_is_harder",
    ),
    # a swallowed dose not much lost, or efficient: well absorbed
    pytest.param(
        "Honestly, an oral dose is not greatly lost on its trip through the liver, as one small "
        "study showed [@chong2006bioavailability].",
        "oral-bioavailability-low",
        "cited-against",
        id="an_oral_dose_not_greatly_lost",
    ),
    pytest.param(
        "Ketamine taken by mouth is really efficient and hardly any is lost.",
        "oral-bioavailability-low",
        "opposite",
        id="by_mouth_efficient",
    ),
    # "you can slow it down or stop it": it can be stopped
    pytest.param(
        "Once the spray is in, the nurse could slow things down or halt the dose at any point.",
        "non-iv-cannot-be-stopped",
        "opposite",
        id="slow_things_down_or_halt_the_dose",
    ),
    # uptake said to be steady or erratic is the rate a dose gets in at
    pytest.param(
        "Uptake of ketamine from the muscle is fairly steady and reliable.",
        "im-rate-uncontrolled",
        "opposite",
        id="absorption_from_a_jab_is_steady",
    ),
]

FOUND_WITHOUT_PROBLEM = [
    # "most of it" lost to the liver is the other side of the dose from the 16 % absorbed
    pytest.param(
        "With tablets, the liver strips out most of it before it ever reaches the blood, so "
        "little gets through.",
        "oral-bioavailability-low",
        "opposite",
        id="most_of_it_lost_agrees_with_a_low_share",
    ),
    # "the only trial" counts studies: no route ranked above the others
    pytest.param(
        "The spray may help depression, but the only trial of the plain racemic spray was small.",
        "in-may-be-effective-depression",
        "opposite",
        id="the_only_trial_ranks_no_route",
    ),
    # nobody denying it denies nothing
    pytest.param(
        "Nobody disputes that a jab into the muscle is simpler to give than a drip.",
        "im-simpler-to-administer",
        "opposite",
        id="nobody_disputes_that_denies_nothing",
    ),
    # the least efficient way is no efficiency
    pytest.param(
        "Swallowing it may be the least efficient way to take ketamine, because your liver could "
        "break down most of a swallowed dose before it reaches your blood.",
        "oral-bioavailability-low",
        "opposite",
        id="the_least_efficient_way_is_not_efficient",
    ),
    # the survey's own claim, flipped, is not held against it
    pytest.param(
        "Not every ketamine sample from New York clubs is adulterated [@palamar2020extensive].",
        "street-ketamine-100-adulterated",
        "cited-against",
        id="a_recreational_survey_cited_where_the_street_claim_is_denied",
    ),
    # a fast claim worded fast is no contrary
    pytest.param(
        "An IV drip probably lifts depression within a few hours.",
        "iv-effective-rapid-depression",
        "opposite",
        id="hours_to_lift_is_not_slow",
    ),
]

test_each_cause_is_read = found_test(FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM)


def test_running_a_drip_over_a_time_is_how_long_it_is_infused(shipped: Run, tmp_path: Path) -> None:
    # found by its parts (the infusion's length), not only by the value it gets wrong
    finding = check_one(
        shipped,
        tmp_path,
        "Staff planned to run a low-dose drip over roughly twenty minutes, thinking this the "
        "usual infusion length in mood clinics.",
    )
    assert finding["claim"] == "iv-infusion-over-40-60-min"
    assert finding["how"] != "value", finding["how"]
    assert "mismatch" in problem_kinds(finding)


def test_a_doubtful_negation_leaves_a_cited_work_against_the_assertion(
    shipped: Run, tmp_path: Path
) -> None:
    # "leaves breathing alone" may be read as dropping the claim's "neither... significantly":
    # where that flip is set apart as doubtful, the sentence asserts the claim, which the
    # cited label contradicts; where the flip is kept, that reading goes with the overclaim
    sentence = (
        "Reportedly ketamine leaves a patient's breathing alone at the usual doses "
        "[@ketalar_label]."
    )
    default = check_one(shipped, tmp_path, sentence, min_confidence="0.6")
    assert default["claim"] == "no-respiratory-depression"
    assert {p["kind"] for p in default["doubtful"]} == {"opposite"}
    [against] = default["problems"]
    assert against["kind"] == "cited-against" and "contradicts the claim" in against["detail"]
    every = check_one(shipped, tmp_path, sentence)
    assert problem_kinds(every) == {"opposite"}


@pytest.mark.parametrize(
    "sentence",
    [
        "She was on the drip for a couple of months.",
        "Priya: honestly, I actually did the nasal spray for a while",
    ],
)
def test_a_patients_time_on_a_route_is_history(shipped: Run, tmp_path: Path, sentence: str) -> None:
    # all the sentence says is one patient's history: no finding, no figure to source
    assert check_one(shipped, tmp_path, sentence)["problems"] == []


@pytest.mark.parametrize(
    ("sentence", "unsourced"),
    [
        # a clock time, a patent's number, a patent claim's number, a star rating, an age
        ("Your daughter Amy visited at 2 pm with the football scores.", False),
        ("Prior art: US Patent 5,543,434 describes a nasal spray pump.", False),
        ("Claim 1: A device according to any preceding claim, wherein the valve is steel.", False),
        ("Two stars: the app keeps logging me out.", False),
        ("He ran his last marathon at the age of 70.", False),
        # ...beside a figure, which is still one
        ("Two stars: the spray cost £40 more than the tablets.", True),
    ],
)
def test_labels_and_times_are_no_figures(sentence: str, unsourced: bool) -> None:
    assert unchecked.unsourced(sentence) is unsourced


# A second reader's cases (sentence, kind reported or None, kind not reported or None): the
# pass's first rules misread each
test_a_second_reader_finds_no_regression = reviewed_test(
    [
        # weeks said of other antidepressants, not of ketamine
        (
            "Unlike standard antidepressants, which take weeks to work, IV ketamine gives rapid "
            "relief of depression.",
            "overclaim",
            "opposite",
        ),
        # denials denied, a noun, a concession, a relative clause
        (
            "Few would dispute that IV ketamine gives effective, rapid relief of depression.",
            None,
            "opposite",
        ),
        (
            "Hardly anyone disputes that IM ketamine is simpler to administer than IV.",
            None,
            "opposite",
        ),
        (
            "Despite the disputes that followed the trial, IV ketamine gives effective, rapid "
            "relief of depression.",
            None,
            "opposite",
        ),
        (
            "Although one reviewer disagreed that the trial was well run, IV ketamine gives "
            "effective, rapid relief of depression.",
            None,
            "opposite",
        ),
        (
            "Dr Smith, who disagreed that the spray was worth trying, now agrees that intranasal "
            "ketamine may be effective for depression.",
            None,
            "opposite",
        ),
        # a swallowed dose's efficiency is not the drip's; absorbed, then broken down
        ("Tablets are handy at home, but an IV drip is very efficient.", None, "opposite"),
        (
            "Unlike swallowed ketamine, with an IV line barely any of it gets lost.",
            None,
            "opposite",
        ),
        (
            "Swallowed ketamine is absorbed readily from the gut but mostly broken down by the "
            "liver.",
            None,
            "opposite",
        ),
        # a finding before one patient's history is still judged
        (
            "IM ketamine gave rapid relief of depression, and I did the shots for a while.",
            "overclaim",
            None,
        ),
        # a dose of an application, a fraction: figures
        ("Each application is 28 mg.", "unsourced", None),
        ("Only 1/5 of the patients in our audit needed a second visit.", "unsourced", None),
        # dropout no different from placebo says nothing of efficacy
        (
            "Intranasal ketamine may be effective for depression, with dropout no different from "
            "placebo.",
            None,
            "opposite",
        ),
        # feeling involved is no difficulty
        (
            "With IM, patients feel more involved in their own care than with a drip.",
            None,
            "opposite",
        ),
        # another route "least studied" agrees that IV is the most researched
        ("Oral ketamine is the least studied route of all.", None, "opposite"),
        # an open question asserts nothing a survey could be cited for
        (
            "It is not known whether street samples contained no ketamine at all "
            "[@palamar2020extensive].",
            None,
            "cited-against",
        ),
        # acting within a place is no onset
        ("IM ketamine acts within the muscle before reaching the brain.", None, "overclaim"),
    ]
)


def test_a_claim_with_no_linked_work_is_not_told_to_cite_one(shipped: Run, tmp_path: Path) -> None:
    # the street-drug claim has no evidence linked: "cite a work linked to it" can't be done
    finding = check_one(
        shipped,
        tmp_path,
        "Reportedly every street sample in New York clubs was cut with something "
        "[@palamar2020extensive].",
    )
    [against] = [p for p in finding["problems"] if p["kind"] == "cited-against"]
    assert "cite a work linked" not in against["suggestion"]
    assert "street-ketamine-100-adulterated" in against["suggestion"]
