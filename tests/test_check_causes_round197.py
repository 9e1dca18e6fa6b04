"""`check` on the general causes behind the false alarms and misses of rounds 197-212, read
in the thirtieth pass (docs/check.md). In sentences worded apart from the rounds'; a reading
alone (a hedge, a label's number) through the function that reads it, a finding through the
CLI on a real draft and the shipped base."""

from __future__ import annotations

import pytest

from conftest import found_test, hearsay_test
from roa_evidence.draftcheck import numbers, polarity, reading, reversals, unchecked

FOUND_WITH_PROBLEM = [
    # more often than the claim's word allows, said against a claim that is not contradicted
    pytest.param(
        "Nausea and dizziness after IV or IM ketamine are not as rare as the leaflets say.",
        "side-effects-rare-mild-transient",
        "opposite",
        id="not_as_rare_as_the_leaflets_say_denies_rare",
    ),
    # a drip's running time said with "it" for the drug is still the infusion time
    pytest.param(
        "Our unit runs it over ten minutes.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="runs_it_over_ten_minutes_is_not_the_infusion_time",
    ),
]
FOUND_WITHOUT_PROBLEM = [
    # ...and a dose "given over" a time, written in words
    pytest.param(
        "The team gave half a milligram per kilo over fifty minutes.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="gave_half_a_milligram_per_kilo_over_fifty_minutes",
    ),
    pytest.param(
        "The nurse runs it in gently over about forty-five minutes.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="runs_it_in_over_forty_five_minutes",
    ),
    # the contradicted claim, denied in other words: no problem, cited work and all
    pytest.param(
        "Children's trials put sickness after the jab well above minimal [@roback2006randomized].",
        "im-minimal-vomiting",
        "cited-against",
        id="well_above_minimal_denies_minimal",
    ),
    pytest.param(
        "Sickness after a jab is not as rare as clinic pages would have it [@roback2006randomized].",
        "im-minimal-vomiting",
        "cited-against",
        id="not_as_rare_as_claimed_denies_minimal",
    ),
    # ...and through the scale "rare" and "minimal" share: "far from rare" denies "minimal"
    pytest.param(
        "In children's trials, being sick after the jab was far from rare [@roback2006randomized].",
        "im-minimal-vomiting",
        "cited-against",
        id="far_from_rare_denies_minimal",
    ),
    pytest.param(
        "One clinic says jabs keep children from being sick, which the trials do not bear out "
        "[@roback2006randomized].",
        "im-minimal-vomiting",
        "cited-against",
        id="a_claim_the_trials_do_not_bear_out_is_passed_on",
    ),
    # a refuted claim under a numbered "Myth" heading is denied, not asserted
    pytest.param(
        "Myth 4: only an infusion lets staff set the rate.",
        "iv-only-route-rate-controlled",
        "overclaim",
        id="a_numbered_myth_is_denied",
    ),
]

FOUND_WITHOUT_PROBLEM += [
    # "Not quite," answers: what follows is said, not denied
    pytest.param(
        "Tutor: Not quite, IV and IM cut HAM-D scores by roughly 58-60 % at two hours "
        "[@chilukuri2014acute].",
        "chilukuri-hamd-reduction-2h",
        "opposite",
        id="not_quite_is_an_answer_not_a_negation",
    ),
    # breathing spared is breathing not affected
    pytest.param(
        "Breathing is largely spared with either IV or IM ketamine, though the evidence is very "
        "uncertain.",
        "no-respiratory-depression",
        "opposite",
        id="breathing_spared_is_not_affected",
    ),
    # the liver "reportedly" breaking down a share is still the first pass
    pytest.param(
        "The liver reportedly breaks down about 84 % of a swallowed dose before it reaches the "
        "blood.",
        "oral-first-pass-84",
        "mismatch",
        id="the_liver_reportedly_breaking_down_a_share_is_the_first_pass",
    ),
    # a dose said to be uncertain is a dose no one can know
    pytest.param(
        "With nasal ketamine, it may be that the amount actually absorbed is anyone's guess.",
        "in-dose-unknown",
        "opposite",
        id="the_amount_absorbed_being_anyones_guess_is_no_way_to_know_it",
    ),
    # a route the claim does not name doing what it says only one route does
    pytest.param(
        "A subcutaneous infusion's rate can be turned up or down as well [@hardy2012randomized].",
        "iv-only-route-rate-controlled",
        "cited-against",
        id="another_route_too_denies_the_only_route",
    ),
]

FOUND_WITH_PROBLEM += [
    # a swallowed dose said to be well absorbed, in a patient's words
    pytest.param(
        "Taken as a tablet, it slips past the liver almost untouched.",
        "oral-bioavailability-low",
        "opposite",
        id="past_the_liver_almost_untouched_is_well_absorbed",
    ),
    pytest.param(
        "My sister says swallowed ketamine barely gets touched by the liver.",
        "oral-bioavailability-low",
        "opposite",
        id="barely_touched_by_the_liver_is_well_absorbed",
    ),
    # ("nearly all" is a share in words since the thirty-third pass: the share claim, whose
    # sources give values, judges it)
    pytest.param(
        "Swallow the tablet and nearly all of the dose makes it into your bloodstream.",
        "oral-bioavailability-16",
        "opposite",
        id="nearly_all_of_the_dose_into_the_bloodstream_is_well_absorbed",
    ),
    pytest.param(
        "A swallowed dose gets into the blood very well.",
        "oral-bioavailability-16",  # (the sibling of "low": well absorbed contradicts both)
        "opposite",
        id="into_the_blood_very_well_is_well_absorbed",
    ),
    pytest.param(
        "Very little of a swallowed dose is lost on its first pass through the liver.",
        "oral-bioavailability-low",
        "opposite",
        id="little_lost_on_the_first_pass_is_well_absorbed",
    ),
    # a share of a dose absorbed, or reaching the blood, is its bioavailability
    pytest.param(
        "With a nasal spray, about 75 % of the dose is absorbed.",
        "in-bioavailability-25-50",
        "mismatch",
        id="a_share_of_the_dose_absorbed_is_the_bioavailability",
    ),
    pytest.param(
        "The liver takes so much that only about 4 % of a tablet reaches the blood.",
        "oral-bioavailability-16",
        "mismatch",
        id="a_share_of_a_tablet_reaching_the_blood_is_the_bioavailability",
    ),
    pytest.param(
        "A pill only gets about 60 % of the drug into your blood.",
        "oral-bioavailability-16",
        "mismatch",
        id="a_share_of_the_drug_into_the_blood_is_the_bioavailability",
    ),
    # how long a dose takes "to come on" is its onset
    pytest.param(
        "A shot in the muscle takes roughly twenty minutes to come on.",
        "im-onset-1-2-min",
        "mismatch",
        id="minutes_to_come_on_is_the_onset",
    ),
]

FOUND_WITHOUT_PROBLEM += [
    # a figure passed on and answered after ", and": the answer's figures are the writer's
    pytest.param(
        "The claim that a spray gets 25 to 50 % into the blood comes from tiny studies, and a "
        "2022 study found far lower values [@pharmacotherapy2022intranasal].",
        "in-bioavailability-25-50",
        "cited-against",
        id="a_claim_answered_after_and_is_not_asserted",
    ),
    # "...; it is false": what was just said, denied
    pytest.param(
        "Some websites say only an infusion's rate can be controlled; it is false, since "
        "subcutaneous pumps are titrated [@hardy2012randomized].",
        "iv-only-route-rate-controlled",
        "cited-against",
        id="it_is_false_after_a_semicolon_denies_what_was_said",
    ),
]

# A second reader's sentences (docs/check.md, thirtieth pass): where a first draft of these
# readings fired wrongly, or missed a near variant
FOUND_WITH_PROBLEM += [
    pytest.param(
        "IV infusion is the route whose rate of delivery can be controlled, so IM patients are "
        "watched for longer.",
        "iv-only-route-rate-controlled",
        "overclaim",
        id="the_claims_route_first_is_no_other_route_too",
    ),
    pytest.param(
        "The leaflet states that IM ketamine is as effective as IV for depression, and a later "
        "randomised trial confirmed it.",
        "im-as-effective-as-iv-depression",
        "overclaim",
        id="and_a_trial_that_confirmed_it_answers_nothing",
    ),
    pytest.param(
        "IM ketamine is as effective as IV ketamine for depression; I know of no trial that "
        "found otherwise.",
        "im-as-effective-as-iv-depression",
        "overclaim",
        id="no_trial_that_found_otherwise_is_emphasis",
    ),
    pytest.param(
        "IV is better tolerated than IM: side effects hit them less often.",
        "iv-better-tolerated-than-im",
        "overclaim",
        id="side_effects_hitting_them_is_no_account",
    ),
    pytest.param(
        "Patients know the difference between IV and IM ketamine for depression: IV works better.",
        "im-as-effective-as-iv-depression",
        "opposite",
        id="knowing_the_difference_is_a_difference",
    ),
    pytest.param(
        "With a nasal spray, about 75 % of it is absorbed.",
        "in-bioavailability-25-50",
        "mismatch",
        id="a_share_of_it_absorbed_is_the_bioavailability",
    ),
]
FOUND_WITHOUT_PROBLEM += [
    pytest.param(
        "For women on the pill, IM ketamine has a bioavailability of about 93 %.",
        "im-bioavailability-93",
        "mismatch",
        id="the_pill_is_no_route",
    ),
    pytest.param(
        "IV is the most researched route of ketamine administration, though only about 30 % of "
        "its trials were placebo-controlled.",
        "iv-most-researched-route",
        "mismatch",
        id="a_share_of_trials_is_no_share_of_a_dose",
    ),
    pytest.param(
        "Clinic websites suggest that jabs keep children from being sick, which the trials have "
        "not borne out [@roback2006randomized].",
        "im-minimal-vomiting",
        "cited-against",
        id="suggested_and_not_borne_out_is_passed_on",
    ),
]

test_each_cause_is_read = found_test(FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM)


@pytest.mark.parametrize(
    ("sentence", "difference"),
    [
        # a difference to learn about is no difference found
        ("You wanted to understand the difference between a drip and a jab.", False),
        ("This leaflet explains the main differences between a spray and a drip.", False),
        # ...a difference found is one
        ("The jab and the drip differ in how fast they work.", True),
        ("There is a difference between a drip and a jab in how fast they work.", True),
    ],
)
def test_a_difference_to_learn_about_is_none_found(sentence: str, difference: bool) -> None:
    assert polarity.polarity(sentence).difference is difference


@pytest.mark.parametrize(
    ("sentence", "too"),
    [
        ("The rate of a subcutaneous infusion can be controlled too.", True),
        # a contrast, a superlative or a negation of its own is read elsewhere
        ("Unlike IM, an IV drip's rate can be controlled.", False),
        ("Only the IV route lets the rate be controlled, as the SC trial shows.", False),
        ("A subcutaneous pump's rate cannot be changed.", False),
    ],
)
def test_another_route_too(sentence: str, too: bool) -> None:
    statement = "IV infusion is the only route whose rate of delivery can be controlled."
    assert reversals.another_route_too(sentence, statement, ("IV",)) is too


test_an_account_or_a_doubt_is_passed_on = hearsay_test(
    [
        # what the writer's people say of their own treatment, or find
        "Two of the clients we support said the jab hit them like a train.",
        "My brother had the spray, and for him it kicked in within minutes.",
        "Some patients find the spray wears off by teatime.",
        "Many people notice the drip leaves them groggy.",
        "The nasal spray did nothing for me, but that's just my own experience.",
        "He says the jab beats the drip, though that is only his say-so.",
        "We've heard that one clinic lets patients take a spray home.",
        # a figure passed on and doubted
        "The 93 % figure is everywhere, but we could not trace it to any study.",
        "I know of no trial that measures how much a swallowed dose loses to the liver.",
        "Calling the jab as good as a drip goes far beyond what nine patients per arm can show.",
        "Myth 3: a spray works as well as a drip.",
    ],
    asserted=[
        # a trial's result, what the writer's doctor said, and the writer's own experience as
        # a clinician: asserted
        "Patients in the IM arm found the recovery slower.",
        "My doctor said the jab works as well as a drip.",
        "In our experience the jab works as well as a drip.",
        # what hit the writer is theirs; what hit a drug is no account
        "The new rules hit clinics with extra paperwork.",
    ],
)


@pytest.mark.parametrize(
    ("sentence", "unsourced"),
    [
        # a decade, an age range, a numbered box or stop, a figure of speech
        ("Before the 1840s, operations on the arm were done without any anaesthetic drug.", False),
        ("The study wants adults aged 18 to 65 who have tried a nasal spray.", False),
        ("Box 3.1 Ketamine: the drip, the jab and the spray", False),
        ("Walk on to Stop 5, where the nasal spray display is.", False),
        # ...a verb is no label ("stop 90 minutes after")
        ("The effects of a jab usually stop 90 minutes or so after the injection.", True),
        ("The pharmacist explained the drip, but half of it went over my head.", False),
        # a figure is still a figure
        ("Half of the spray never gets absorbed.", True),
        ("Adults aged 18 to 65 absorb about 45 % of the spray.", True),
    ],
)
def test_a_date_an_age_or_a_label_is_no_finding(sentence: str, unsourced: bool) -> None:
    assert unchecked.unsourced(sentence) is unsourced


def test_a_decade_is_no_duration_but_a_count_is_a_count() -> None:
    assert numbers.quantities("In the 1840s, surgery was done awake.") == []
    [count] = numbers.quantities("A trial of 1600 patients compared the routes.")
    assert (count.dimension, count.low) == ("participants", 1600)


def test_a_numbered_myth_is_no_speaker() -> None:
    assert reading.speaker("Myth 2: a drip is the only way to control the rate.") == ""
    assert reading.speaker("TESSA: A drip is the only way to control the rate.") == "TESSA: "
