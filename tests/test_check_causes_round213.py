"""`check` on the general causes behind the false alarms and misses of rounds 213-224, read
in the thirty-first pass (docs/check.md). In sentences worded apart from the rounds'; a reading
alone (a hedge, a figure) through the function that reads it, a finding through the CLI on a
real draft and the shipped base."""

from __future__ import annotations

import tempfile

import pytest

from conftest import SHIPPED_DATA, found_test, hearsay_test, reviewed_test
from roa_evidence import open_store
from roa_evidence.draftcheck import check, numbers, reversals, unchecked, valued
from roa_evidence.draftcheck.matching import Matcher
from roa_evidence.query.queries import find_claims

FOUND_WITH_PROBLEM = [
    # "no longer" is "not any more", no length
    pytest.param(
        "Spray trials have grown so fast that IV is no longer the most researched route, "
        "as the newer trials have overtaken it.",
        "iv-most-researched-route",
        "opposite",
        id="no_longer_the_most_researched_is_a_negation",
    ),
    # a shot's dose turned down after it is in: it can be adjusted
    pytest.param(
        "Even after the jab is in, the team can turn the dose down if you feel unwell.",
        "non-iv-cannot-be-stopped",
        "opposite",
        id="after_the_jab_is_in_they_can_turn_the_dose_down",
    ),
    pytest.param(
        "A shot can still be scaled back or reversed after it has been given.",
        "non-iv-cannot-be-stopped",
        "opposite",
        id="can_still_be_scaled_back_after_it_has_been_given",
    ),
    # a swallowed dose escaping the liver, or losing little to it: well absorbed
    pytest.param(
        "A tablet largely escapes breakdown in the liver, so most of it reaches the blood.",
        "oral-bioavailability-low",
        "opposite",
        id="escapes_breakdown_in_the_liver_is_well_absorbed",
    ),
    pytest.param(
        "Taking ketamine by mouth works fine, as relatively little gets lost through the liver.",
        "oral-bioavailability-low",
        "opposite",
        id="little_lost_through_the_liver_is_well_absorbed",
    ),
]
FOUND_WITH_PROBLEM += [
    # a route said to go in at a steady rate: the claims' rate of reaching the brain
    pytest.param(
        "A jab gets absorbed at a smooth, regular pace, so the effects arrive on schedule.",
        "im-rate-uncontrolled",
        "opposite",
        id="a_jab_absorbed_at_a_regular_pace_has_a_steady_rate",
    ),
    pytest.param(
        "The spray enters the bloodstream at a regular, predictable rate.",
        "in-rate-variable",
        "opposite",
        id="a_spray_entering_the_blood_at_a_predictable_rate",
    ),
    # how hard a route is on people, or on the stomach: its tolerability
    pytest.param(
        "A drip is tougher on patients than a jab.",
        "iv-better-tolerated-than-im",
        "opposite",
        id="tougher_on_patients_is_tolerability",
    ),
    # a breath suppressed, in the claim's words
    pytest.param(
        "IM ketamine never depresses respiration.",
        "no-respiratory-depression",
        "overclaim",
        id="depresses_respiration_is_respiratory_function",
    ),
]
FOUND_WITH_PROBLEM += [
    # a shot's share measured against what a drip gets: the drip is the yardstick
    pytest.param(
        "A jab delivers about 60 % of the dose to the blood, a fair way below what a drip does.",
        "im-bioavailability-93",
        "mismatch",
        id="a_share_below_what_a_drip_does_is_the_shots",
    ),
    # a strength "in each ml", and a strength with no route: the one claim with a strength
    pytest.param(
        "The spray we stock holds 25 mg in every ml.",
        "in-concentration-50-200",
        "mismatch",
        id="mg_in_every_ml_is_a_strength",
    ),
    pytest.param(
        "Compounded solutions are said to range from 2 to 12 mg/ml.",
        "in-concentration-50-200",
        "mismatch",
        id="a_strength_with_no_route_is_the_one_strength_claim",
    ),
]
FOUND_WITH_PROBLEM += [
    # a work whose own record says it studied another condition, cited for depression
    pytest.param(
        "A study of party-goers suggests a nasal dose may lift depression within a day "
        "[@palamar2020extensive].",
        "in-may-be-effective-depression",
        "cited-against",
        id="a_survey_of_party_goers_cited_for_depression",
    ),
    pytest.param(
        "It may be that a jab relieves depression as well as a drip [@momeni2014comparison].",
        "im-as-effective-as-iv-depression",
        "cited-against",
        id="a_sedation_trial_cited_for_depression",
    ),
    # ...a depression trial, linked to other claims of its own topic, cited for anxiety
    pytest.param(
        "Reportedly the jab relieves anxiety as well as the drip does [@chilukuri2014acute].",
        "im-comparable-relief-anxiety",
        "cited-against",
        id="a_depression_trial_cited_for_anxiety",
    ),
]
FOUND_WITH_PROBLEM += [
    # a study's design said with no route: the one claim of the base on that design
    pytest.param(
        "To be fair to the authors, their study was double-blinded from start to finish.",
        "im-study-not-double-blind",
        "opposite",
        id="a_double_blinded_study_is_the_blinding_claims",
    ),
    pytest.param(
        "The study wasn't randomised: people chose their own route.",
        "chilukuri-randomized-trial",
        "opposite",
        id="a_study_not_randomised_is_the_randomisation_claims",
    ),
]
FOUND_WITH_PROBLEM += [
    # a study's size said beside where it was run: the count is its size claim's
    pytest.param(
        "Run at one hospital in India, that study gave the jab to 60 people.",
        "im-study-18-subjects",
        "mismatch",
        id="a_count_beside_the_setting_is_the_size_claims",
    ),
    # a drip's time "per session" is how long it runs
    pytest.param(
        "The drip usually runs about fifteen minutes a session.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="minutes_a_session_is_the_infusion_time",
    ),
]
FOUND_WITH_PROBLEM += [
    # a pain review cited for depression, described as such: its condition is the work's
    pytest.param(
        "A drip probably eases low mood fast, she said, citing a pain review "
        "[@orhurhu2019ketamine].",
        "iv-effective-rapid-depression",
        "cited-against",
        id="a_pain_review_pointed_to_for_low_mood",
    ),
]
FOUND_WITH_PROBLEM += [
    # a drip no better than a dummy or sham drip is not effective (it had come back green)
    pytest.param(
        "For depression a ketamine drip is probably no better than a sham drip "
        "[@kishimoto2016single].",
        "iv-effective-rapid-depression",
        "opposite",
        id="no_better_than_a_sham_drip_is_not_effective",
    ),
]
FOUND_WITHOUT_PROBLEM = [
    # two routes that "came out about the same" in the trial: no difference, as the claim
    pytest.param(
        "Reportedly, in the Indian trial the jab and the drip came out roughly the same.",
        "iv-im-no-efficacy-difference-chilukuri",
        "opposite",
        id="came_out_roughly_the_same_is_no_difference",
    ),
    # a claim passed on and called wrong after a semicolon ("; this is incorrect"), or
    # undercut by a cited work: the cited work agrees with the sentence
    pytest.param(
        "Some guides say only a drip's delivery rate can be set by staff; this is incorrect, "
        "as pumps under the skin are adjusted for days [@hardy2012randomized].",
        "iv-only-route-rate-controlled",
        "cited-against",
        id="this_is_incorrect_after_a_semicolon_denies_what_was_said",
    ),
    pytest.param(
        "Five patients on a controlled crossover got IM doses, which refutes the idea that "
        "there are no valid data on IM ketamine for depression [@loo2016placebo].",
        "im-no-valid-efficacy-data",
        "cited-against",
        id="refutes_the_idea_that_denies_it",
    ),
]

FOUND_WITHOUT_PROBLEM += [
    # a route with no first pass "escapes first-pass metabolism" in the claims' own words
    pytest.param(
        "Blood from the deltoid goes straight to the heart, so an IM dose escapes first-pass "
        "metabolism.",
        "im-no-first-pass",
        "opposite",
        id="an_im_dose_escaping_first_pass_metabolism_agrees",
    ),
]

FOUND_WITHOUT_PROBLEM += [
    # what one patient was prescribed is their history, not a finding
    pytest.param(
        "R. has been prescribed a nasal spray to use at home.",
        "in-take-home-use",
        "overclaim",
        id="a_patient_prescribed_a_spray_for_home_is_history",
    ),
    # "even" as an adverb is no steady rate
    pytest.param(
        "The rate at which a nasal dose reaches the brain may vary, even from one spray to the "
        "next.",
        "in-rate-variable",
        "opposite",
        id="even_as_an_adverb_is_no_steady_rate",
    ),
]

test_each_cause_is_read = found_test(FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM)


test_an_account_is_passed_on = hearsay_test(
    [
        # an observation passed on as reported, one patient's report, hearsay set apart
        "Brief rises in heart rate have been reported with the spray.",
        "Gwen reports that her nausea eased after the second jab.",
        "J., who has had six sessions at a private clinic, reports that her drip wears off fast.",
        "Patients at the drop-in reported that the spray hit within minutes.",
        "A few clinics, I'm told, offer the spray at home.",
        "A regular at the bar says it hits him within five minutes up the nose.",
        # a claim quoted and doubted
        "The leaflet says a jab is as good as a drip, which is much stronger than the evidence.",
    ],
    asserted=[
        # a study's report, an author's, and a figure reported by a trial are asserted
        "Rises in heart rate have been reported in several trials of the spray.",
        "Chilukuri reports that IM ketamine worked as well as IV [@chilukuri2014acute].",
        "Patients in the IM arm reported more nausea.",
    ],
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a report's paragraph number is no figure; the figure after it is one
        ("4.2 Only twelve participants received IM ketamine.", [("participants", 12.0)]),
        ("2.1 The label says IM works within 4 minutes.", [("time", 4.0)]),
        # "would one day be": some day, not a day long
        ("The drug would one day be sold in clinics.", []),
        ("The effect was gone within one day.", [("time", 1440.0)]),
    ],
)
def test_a_paragraph_number_or_some_day_is_no_figure(
    text: str, found: list[tuple[str, float]]
) -> None:
    assert [(q.dimension, q.low) for q in numbers.quantities(text)] == found


def test_an_audit_cycle_is_no_figure() -> None:
    assert not unchecked.unsourced("Re-audit of route choice on the mood unit, cycle 3.")
    assert unchecked.unsourced("Three in ten patients on the mood unit got the spray.")


@pytest.mark.parametrize(
    ("studied", "against"),
    [
        ({"palamar2020extensive": "recreational"}, True),
        # a work of any condition, or of the claim's, or none given: nothing known against it
        ({"palamar2020extensive": "any"}, False),
        ({"palamar2020extensive": "depression"}, False),
        ({}, False),
    ],
)
def test_a_works_own_condition_is_held_to_the_claims(
    studied: dict[str, str], against: bool
) -> None:
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_store(SHIPPED_DATA, f"sqlite:///{tmp}/claims.sqlite") as conn,
    ):
        claims = find_claims(conn)
    text = "A nasal dose may ease depression within a day [@palamar2020extensive].\n"
    [finding] = check(text, claims, "markdown", min_confidence=0.0, studied=studied).findings
    assert finding.claim is not None and finding.claim.id == "in-may-be-effective-depression"
    assert ("cited-against" in {p.kind for p in finding.problems}) is against


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("The authors kept patients and raters blind to the route.", True),
        # a design wished for, or one of a study cited instead, is not the claim's
        ("A double-blind trial would settle the question.", False),
        ("The trial was double-blind [@loo2016placebo].", False),
        # a route named: the claim is found by its words, if at all
        ("The spray trial was double-blind.", False),
    ],
)
def test_a_design_finds_the_one_claim_on_it(sentence: str, found: bool) -> None:
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_store(SHIPPED_DATA, f"sqlite:///{tmp}/claims.sqlite") as conn,
    ):
        matcher = Matcher(find_claims(conn))
    keys = ("loo2016placebo",) if "@loo" in sentence else ()
    match = valued.by_design(sentence, matcher, keys)
    assert (match is not None and match.claim.id == "im-study-not-double-blind") is found


@pytest.mark.parametrize(
    ("sentence", "likened"),
    [
        ("Swallowed ketamine works every bit as well as the drip.", True),
        ("A meta-analysis found every route works equally well.", True),
        # ...or ranks it above
        ("Swallowed ketamine outperformed the drip in one review.", True),
        ("The drip beats swallowed ketamine and every other route.", False),
        # the claim's own route first, a negation, or a superlative of its own: not likened
        ("The drip works just as well as swallowed ketamine.", False),
        ("Swallowed ketamine does not work as well as the drip.", False),
        ("Swallowed ketamine works as well as the drip and is the most convenient.", False),
    ],
)
def test_another_route_likened_to_the_best(sentence: str, likened: bool) -> None:
    statement = "IV gives the most predictable results and the greatest relief of any route."
    assert reversals.likened_to_the_best(sentence, statement, ("IV",)) is likened


# A second reader's sentences (docs/check.md, thirty-first pass): where a first draft of these
# readings fired wrongly, or missed a near variant; (sentence, kind reported, kind not reported)
test_a_second_readers_cases = reviewed_test(
    [
        # "X reports that" is one patient's account only of her own; a document's, an author's
        # or a paper's report is asserted
        (
            "It reports that IM ketamine is as effective as IV ketamine for depression.",
            "overclaim",
            None,
        ),
        (
            "Loo reports that IM ketamine is as effective as IV ketamine for depression.",
            "overclaim",
            None,
        ),
        (
            "Authors of the Indian paper reported that IM ketamine is as effective as IV ketamine "
            "for depression.",
            "overclaim",
            None,
        ),
        # a swallowed dose that mostly escapes the liver is well absorbed; "very little" of it,
        # or an IV dose, is not
        ("Very little swallowed ketamine escapes breakdown by the liver.", None, "opposite"),
        (
            "An IV dose escapes breakdown by the liver on its way into the bloodstream.",
            None,
            "opposite",
        ),
        # a design of the writer's practice, of a survey, of trials, or wished for
        (
            "At our clinic we didn't randomise anyone; patients chose their own route.",
            None,
            "opposite",
        ),
        ("The survey of club drugs wasn't randomised, of course.", None, "opposite"),
        ("Had the study been double-blinded, we would trust its result more.", None, "opposite"),
        ("The esketamine trials used a placebo control.", None, "opposite"),
        # a study's true total, or its size per group, is no wrong count
        (
            "The IM depression study was run at a single hospital in India with 27 participants.",
            None,
            "mismatch",
        ),
        (
            "The IM depression study was run at one hospital in India, with 9 patients per IM dose "
            "group.",
            None,
            "mismatch",
        ),
        # "the only route" ranks nothing: an assertion of it stays an overclaim
        (
            "The spray beats IV for convenience, though only IV's rate of delivery can be "
            "controlled.",
            "overclaim",
            None,
        ),
        # a healthy-volunteer study cited for a claim that holds for any condition
        (
            "IV ketamine for depression has 100 % bioavailability, since the whole dose enters the "
            "blood [@rolan2014absolute].",
            None,
            "cited-against",
        ),
        # "about the same in price" is no efficacy
        (
            "Per session, IM and IV came out about the same in price at our clinic.",
            "opposite",
            None,
        ),
        # a dose consistent from patient to patient is no rate
        (
            "The dose of a nasal spray is fairly consistent from patient to patient.",
            None,
            "opposite",
        ),
        # a strength of a vial or a dilution is not the spray's
        ("Hospital pharmacies dilute ketamine to 1 mg/ml before use.", None, "mismatch"),
        # time "in the chair" is a visit's, not an effect's or an infusion's
        (
            "With the jab, you spend only ten minutes in the chair before moving to the recovery "
            "room.",
            None,
            "mismatch",
        ),
        # a denial in the past tense; a purpose is no denial
        (
            "The result contradicted the idea that there are no valid data on IM ketamine for "
            "depression [@loo2016placebo].",
            None,
            "cited-against",
        ),
        (
            "To refute the claim that IM ketamine is as effective as IV ketamine for depression, we "
            "would need a larger trial.",
            None,
            "opposite",
        ),
        # the next dose turned down is no dose adjusted once given
        (
            "Even after the shot is in, the clinic can dial the dose down at the next visit.",
            None,
            "opposite",
        ),
    ]
)
