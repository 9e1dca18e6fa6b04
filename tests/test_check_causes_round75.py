"""`check` on the general causes behind the false alarms of rounds 75-82, read in the
nineteenth pass (docs/check.md). Through the CLI on a real draft and the shipped base, in
sentences worded apart from the rounds'. Each case names the rule that finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, problem_kinds

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow

FOUND_WITH_PROBLEM = [
    pytest.param(
        "Through a vein, every milligram reaches the brain, with nothing lost along the way.",
        "iv-entire-dose-reaches-brain",
        "overclaim",
        id="the_brain_is_not_where_bioavailability_is_measured",
    ),
    pytest.param(
        "Nasal ketamine did no better than placebo for depression in a randomised trial.",
        "in-may-be-effective-depression",
        "opposite",
        id="no_better_than_placebo_still_negates_with_a_design_named",
    ),
    pytest.param(
        "The effects of an IM shot fade within thirty to sixty minutes.",
        "im-duration-30-60-min",
        "overclaim",
        id="effects_fading_within_a_range_of_minutes_last_them",
    ),
    pytest.param(
        "The trial in India actually found the drip did far better than the jab.",
        "iv-im-no-efficacy-difference-chilukuri",
        "opposite",
        id="a_trials_ranking_is_read_against_the_trials_own_claim",
    ),
    pytest.param(
        "Roughly 84 % of a swallowed dose is destroyed before it reaches the blood.",
        "oral-first-pass-84",
        "overclaim",
        id="destroyed_before_the_blood_is_the_first_pass",
    ),
    pytest.param(
        "At our unit, staff run the drip over about fifteen minutes.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="a_drip_run_over_minutes_is_infused_over_them",
    ),
    pytest.param(
        "Nasal ketamine costs about a third as much as an IV infusion.",
        "in-cheaper-than-iv",
        "overclaim",
        id="a_share_of_anothers_price_is_cheaper_not_alike",
    ),
    pytest.param(
        "My aunt says ketamine works by turning on some receptor called NMDA.",
        "nmda-receptor-target",
        "opposite",
        id="some_receptor_called_nmda_is_the_nmda_receptor",
    ),
    pytest.param(
        "That trial kept both patients and raters blind to the route [@chilukuri2014acute].",
        "im-study-not-double-blind",
        "opposite",
        id="a_design_said_of_the_cited_study_finds_the_claim_on_that_design",
    ),
    pytest.param(
        "At our clinic each IV drip session runs about an hour and a half.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="an_hour_and_a_half_is_ninety_minutes",
    ),
    pytest.param(
        "Once the nasal spray is up your nose, nothing can stop or slow it.",
        "non-iv-cannot-be-stopped",
        "overclaim",
        id="nothing_can_stop_or_slow_it_is_about_control",
    ),
    pytest.param(
        "Most protocols infuse 0.5 mg/kg over roughly two hours for depression.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="a_regimen_that_infuses_a_dose_over_hours_is_infused_over_them",
    ),
    pytest.param(
        "Only a dozen or so patients got IM ketamine in that trial [@chilukuri2014acute].",
        "im-study-18-subjects",
        "mismatch",
        id="a_dozen_or_so_is_a_count_held_against_eighteen",
    ),
    pytest.param(
        "In that study the nasal spray clearly worked against depression [@lapidus2014randomized].",
        "in-may-be-effective-depression",
        "overclaim",
        id="worked_is_a_result_not_the_studys_count",
    ),
    pytest.param(
        "Some readers asked why tablets are not used: the answer is that the liver breaks down "
        "most of an oral dose before it reaches the blood.",
        "oral-bioavailability-low",
        "overclaim",
        id="a_question_reported_then_answered_is_judged",
    ),
    pytest.param(
        "Card 5: Oral ketamine bioavailability? Roughly 45 %.",
        "oral-bioavailability-16",
        "mismatch",
        id="a_cards_question_and_short_answer_are_one_statement",
    ),
    pytest.param(
        "Q: Is a shot as good as a drip for depression? A: Yes.",
        "im-as-effective-as-iv-depression",
        "overclaim",
        id="a_yes_after_a_question_asserts_it",
    ),
    pytest.param(
        "Nurses can reportedly switch an infusion off the moment complications develop "
        "[@orhurhu2019ketamine].",
        "iv-instant-shut-off",
        "cited-against",
        id="a_work_on_one_claim_cited_for_another_worded_like_it",
    ),
    pytest.param(
        "According to a review, with an infusion the clinician can set and change the speed at "
        "will, so it is likely the better choice when a patient needs close watching "
        "[@andrade2017ketamine].",
        "iv-precise-dosing-close-monitoring",
        "overclaim",
        id="setting_and_changing_the_speed_is_control_not_a_green_rate_claim",
    ),
    # a second reader's probes of this pass's rules: each misfired before it was narrowed
    pytest.param(
        "We plan our sessions around the fact that IM ketamine peaks faster and more intensely "
        "than IV.",
        "im-peaks-faster-than-iv",
        "overclaim",
        id="we_plan_around_a_fact_is_no_plan",
    ),
    pytest.param(
        # (found, not told: "patients who tried both told us" is what patients report, a hedge
        # since the twenty-first pass)
        "Patients who tried both found the nasal spray did little for them compared with IV.",
        "iv-responders-fail-intranasal",
        "overclaim",
        id="did_little_for_them_is_no_one_patients_history",
    ),
    pytest.param(
        "IV ketamine is infused over 90 minutes since slower infusions are better tolerated.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="since_meaning_because_keeps_the_time",
    ),
    pytest.param(
        "Little is known about IM dosing, but IM ketamine is not as effective as IV ketamine for "
        "depression.",
        "im-as-effective-as-iv-depression",
        "opposite",
        id="little_is_known_hedges_without_blinding_the_sentence",
    ),
    pytest.param(
        "Vomiting after IM ketamine was reported in one child in three trials.",
        "im-minimal-vomiting",
        "overclaim",
        id="one_child_in_three_trials_is_no_share",
    ),
    pytest.param(
        "My neighbour insists that ketamine taken as a tablet goes into the bloodstream nearly "
        "completely.",
        # the qualitative claim since the twenty-second pass: no figure is stated, and "low
        # bioavailability" is worded as near as "about 16 %" (tests/test_check_causes_round135)
        "oral-bioavailability-low",
        "opposite",
        id="into_the_blood_nearly_completely_is_well_absorbed",
    ),
]
FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "Given through a vein, every bit of it, a full one hundred percent, arrives with "
        "nothing lost on the way in.",
        "iv-bioavailability-100",
        "unsourced",
        id="nothing_lost_on_the_way_in_is_bioavailability",
    ),
    pytest.param(
        "Just eighteen patients had the IM injection in Chilukuri's trial, and nobody was blinded.",
        "im-study-18-subjects",
        "opposite",
        id="a_design_the_claim_does_not_state_negates_nothing_of_it",
    ),
    pytest.param(
        "Next to nothing is known about how much of an IM dose gets into the bloodstream in "
        "humans.",
        "im-bioavailability-93",
        "opposite",
        id="little_is_known_about_is_an_open_question",
    ),
    pytest.param(
        "No trial has ever set intranasal against intravenous ketamine head to head.",
        "in-no-head-to-head-vs-iv",
        "opposite",
        id="no_trial_has_compared_keeps_its_negation",
    ),
    pytest.param(
        "No trial has shown that IM ketamine is as effective as IV ketamine for depression.",
        "im-as-effective-as-iv-depression",
        "opposite",
        id="no_trial_has_shown_that_x_is_a_hedge_not_a_denial",
    ),
    pytest.param(
        "The eighty-four percent first-pass figure for swallowed ketamine rests on no published "
        "study, so it is very uncertain.",
        "oral-first-pass-84",
        "opposite",
        id="resting_on_no_published_study_is_a_hedge",
    ),
    pytest.param(
        "The commonly cited 93 % figure for intramuscular bioavailability has never been "
        "verified in humans, so it is very uncertain.",
        "im-bioavailability-93",
        "opposite",
        id="the_claims_own_figure_doubted_is_not_denied",
    ),
    pytest.param(
        "Almost all of an IM dose, around 93 per cent, ends up in the circulation.",
        "im-bioavailability-93",
        "mismatch",
        id="almost_all_of_a_dose_is_not_the_whole_dose",
    ),
    pytest.param(
        "The clinic's claim, that only a drip lets staff control the rate, rates False: a pump "
        "can titrate subcutaneous ketamine [@hardy2012randomized].",
        "iv-only-route-rate-controlled",
        "cited-against",
        id="a_claim_rated_false_is_denied",
    ),
    pytest.param(
        "So the line that there are no valid data on IM ketamine for depression simply collapses.",
        "im-no-valid-efficacy-data",
        "overclaim",
        id="a_line_that_collapses_is_denied",
    ),
    pytest.param(
        "We take issue with the idea that only an infusion lets anyone control the rate of "
        "delivery.",
        "iv-only-route-rate-controlled",
        "overclaim",
        id="an_idea_taken_issue_with_is_denied",
    ),
    pytest.param(
        "The idea that IM has only one published study is out of date: a 2016 pilot also gave it "
        "to five patients [@loo2016placebo].",
        "im-study-virtually-nonexistent",
        "overclaim",
        id="an_idea_out_of_date_is_denied",
    ),
    pytest.param(
        "Let me push back on the idea that only an IV line lets staff control the rate of "
        "delivery.",
        "iv-only-route-rate-controlled",
        "overclaim",
        id="an_idea_pushed_back_on_is_denied",
    ),
    pytest.param(
        "The one head-to-head trial found no real difference between the jab and the drip "
        "[@chilukuri2014acute].",
        "iv-im-no-efficacy-difference-chilukuri",
        "overclaim",
        id="a_study_named_by_author_and_year_is_about_the_evidence",
    ),
    pytest.param(
        "In the children's trials about one patient in four vomited after the IM dose "
        "[@roback2006randomized].",
        "im-minimal-vomiting",
        "cited-against",
        id="one_patient_in_four_is_a_share_the_contradicting_source_found",
    ),
    pytest.param(
        "IM ketamine for depression has been studied more than once: a later blinded pilot "
        "also gave it to a few patients [@loo2016placebo].",
        "im-study-virtually-nonexistent",
        "overclaim",
        id="studied_more_than_once_flips_a_single_study_which_the_record_refutes",
    ),
    pytest.param(
        "A second double-blind trial also gave IM ketamine to five depressed patients "
        "[@loo2016placebo].",
        "im-study-virtually-nonexistent",
        "overclaim",
        id="a_second_trial_flips_a_single_study_however_loosely_worded",
    ),
    pytest.param(
        "Controlled data on IM ketamine for depression do exist, if few: a blinded pilot gave it "
        "to five patients [@loo2016placebo].",
        "im-no-valid-efficacy-data",
        "overclaim",
        id="controlled_data_that_exist_deny_that_there_are_no_valid_data",
    ),
    pytest.param(
        "Apparently a single IM shot works as well as an IV drip for depression.",
        "im-as-effective-as-iv-depression",
        "overclaim",
        id="apparently_is_hearsay_hedged_as_reportedly",
    ),
    pytest.param(
        "It has often been claimed that IM works as well as IV for depression.",
        "im-as-effective-as-iv-depression",
        "overclaim",
        id="it_has_often_been_claimed_attributes",
    ),
    pytest.param(
        "Few clinicians dispute the view that IV is the most researched route of ketamine "
        "administration.",
        "iv-most-researched-route",
        "opposite",
        id="few_dispute_the_view_denies_nothing",
    ),
    pytest.param(
        "There is only one published study of intranasal ketamine for depression, though a "
        "second trial is now recruiting.",
        "in-single-published-study",
        "opposite",
        id="a_second_trial_still_recruiting_is_not_a_second_study",
    ),
    pytest.param(
        "In that trial the shot did no better or worse than the drip for depression "
        "[@chilukuri2014acute].",
        "im-as-effective-as-iv-depression",
        "opposite",
        id="no_better_or_worse_is_a_likeness",
    ),
    pytest.param(
        "With an infusion every last bit of the dose ends up in the bloodstream.",
        "iv-bioavailability-100",
        "opposite",
        id="every_last_bit_is_the_whole_dose",
    ),
    pytest.param(
        "We wanted to know whether IM ketamine is as safe as IV ketamine in clinics.",
        "iv-im-similar-safety",
        "overclaim",
        id="wanting_to_know_whether_reports_a_question",
    ),
]


test_the_claim_is_found_and_the_problem_read_right = found_test(
    FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM
)


@pytest.mark.parametrize(
    "sentence",
    [
        "We therefore propose a blinded comparison of nasal and intravenous ketamine in sixty "
        "adults with depression.",
        "The main outcome will be the change in MADRS score at two days.",
        "Tip 4: Ask about the costs.",
        "Email 2: Why we offer injections.",
        "Three weeks since my last drip, and I am sleeping better.",
        "Ketamine reached operating theatres in the 1960s, long before psychiatrists took an "
        "interest.",
        "[12:05] So anyway, thanks for watching the whole thing.",
        "If she stops breathing, dial 112 at once.",
        "Lakeside researchers to compare nasal spray and drip ketamine for depression",
        "True or false: nasal ketamine cannot be stopped once it has been sprayed.",
        "I tried the nasal spray for depression and it did nothing for me.",
        "The nasal spray did next to nothing for him.",
        "3/ Quick recap: IV is a drip, IM is a shot, nasal is a spray.",
        "He was 29 when he first tried ketamine for his depression.",
        "Please make sure someone can drive you home, and rest until the next day.",
        "Action 3.2: audit every infusion chart by the end of the quarter.",
        "Care log, entry 22: a talk with a patient about her first infusion.",
        "Ms Lane, who was 52, had tried three antidepressants before ketamine.",
    ],
)
def test_a_plan_a_heading_a_quiz_question_or_ones_own_outcome_is_no_problem(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    assert not problem_kinds(check_one(shipped, tmp_path, sentence))


def test_a_number_passed_on_as_hearsay_is_still_unsourced(shipped: Run, tmp_path: Path) -> None:
    """ "Apparently" hedges a claim's wording, but names no one a number came from."""
    finding = check_one(
        shipped,
        tmp_path,
        "Subcutaneous ketamine apparently gets about 70 % of the dose into the blood.",
    )
    assert problem_kinds(finding) == {"unsourced"}, finding


def test_a_question_is_shown_its_claim_but_never_green(shipped: Run, tmp_path: Path) -> None:
    """A question asserts nothing the evidence could vouch for, whatever its claim's status."""
    finding = check_one(
        shipped, tmp_path, "Was the IM depression study run at a single hospital in India?"
    )
    assert finding["claim"] == "im-study-local-hospital-india", finding
    assert finding["verdict"] == "loose-match", finding
    assert "states no finding" in finding["loose"], finding


def test_a_count_let_pass_as_an_arm_is_not_vouched_for(shipped: Run, tmp_path: Path) -> None:
    """A count below a source's total may be an arm, so it is no mismatch; but the evidence
    does not vouch for it either, and the sentence is never shown green."""
    finding = check_one(
        shipped,
        tmp_path,
        "In the nasal trial only 6 people finished, and it set the spray against salt water "
        "rather than a drip [@lapidus2014randomized].",
    )
    assert finding["claim"] == "in-no-head-to-head-vs-iv", finding
    assert finding["verdict"] == "loose-match", finding
    assert finding["parts"]["quantity"] == "not in the claim", finding
