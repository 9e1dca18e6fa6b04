"""`check` on the general causes behind the misses of rounds 47-50, read in the eighteenth
pass (docs/check.md). Through the CLI on a real draft and the shipped base, in sentences
worded apart from the rounds'. Each case names the rule that finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, problem_kinds

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow

# Sentences whose claim and problem a rule of this pass finds (the id names the rule).
FOUND_WITH_PROBLEM = [
    pytest.param(
        "The one head-to-head trial of IM and IV ketamine saw the mood lift fade after a day.",
        "chilukuri-effect-sustained-3-days",
        "mismatch",
        id="the_one_trial_names_a_trial_and_counts_none",
    ),
    pytest.param(
        "That one study of shots against drips found that the benefit lasted a week.",
        "chilukuri-effect-sustained-3-days",
        "mismatch",
        id="that_one_study_names_a_study_and_counts_none",
    ),
    pytest.param(
        "At our unit, nurses run the whole drip in over about fifteen minutes.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="a_whole_drip_run_in_over_minutes_is_infused_over_them",
    ),
    pytest.param(
        "An IV ketamine drip is run slowly over two to three hours.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="a_drip_run_slowly_over_a_range_of_hours_is_infused_over_it",
    ),
    pytest.param(
        "But no, the drug does not work via the NMDA receptor.",
        "nmda-receptor-target",
        "opposite",
        id="an_answers_no_adds_nothing_to_the_negation_after_it",
    ),
    pytest.param(
        "In a blinded trial, IM ketamine for depression fared no better than the active placebo.",
        "im-effective-depression",
        "opposite",
        id="no_better_than_an_active_placebo_is_not_effective",
    ),
    pytest.param(
        "After a ketamine lozenge under the tongue, the nurse can always halt the treatment.",
        "non-iv-cannot-be-stopped",
        "opposite",
        id="a_nurse_who_can_halt_it_means_it_can_be_stopped",
    ),
    pytest.param(
        "In Chilukuri's study, patients chose their own route rather than being assigned one.",
        "chilukuri-randomized-trial",
        "opposite",
        id="patients_choosing_their_own_route_is_no_randomisation",
    ),
    pytest.param(
        "After a pill, the brain receives far more breakdown products than ketamine itself.",
        "oral-metabolites-dwarf-ketamine",
        "overclaim",
        id="far_more_metabolites_than_ketamine_outweigh_it",
    ),
    pytest.param(
        "It was properly double-blind: no one knew which route anyone had.",
        "im-study-not-double-blind",
        "opposite",
        id="it_was_double_blind_points_back_to_a_study",
    ),
    pytest.param(
        "After a capsule, what gets to the brain is mostly metabolites, with barely any ketamine.",
        "oral-metabolites-dwarf-ketamine",
        "overclaim",
        id="metabolites_are_a_topic_of_their_own",
    ),
    pytest.param(
        "It was actually a big multicentre trial in several countries.",
        "im-study-local-hospital-india",
        "opposite",
        id="it_was_a_study_points_back_and_needs_less_wording",
    ),
    pytest.param(
        "Reportedly, ketamine is not really an NMDA medicine.",
        "nmda-receptor-target",
        "opposite",
        id="an_nmda_medicine_acts_on_nmda_receptors",
    ),
    pytest.param(
        "Its authors found the infusion clearly beat the injection at two hours.",
        "iv-im-no-efficacy-difference-chilukuri",
        "opposite",
        id="its_authors_found_points_back_to_a_named_study",
    ),
    pytest.param(
        "Oddly, the nasal spray, not the infusion, is the route that scientists have studied most.",
        "iv-most-researched-route",
        "opposite",
        id="a_superlative_given_to_another_route_is_the_claims_opposite",
    ),
    pytest.param(
        "A quarter-milligram IM injection works every bit as well as a full IV dose for depression.",
        "im-lower-dose-as-effective",
        "overclaim",
        id="a_quarter_milligram_injection_states_a_dose",
    ),
    pytest.param(
        "In adults the two injectable routes are surely equally safe.",
        "iv-im-similar-safety",
        "overclaim",
        id="the_two_injectable_routes_are_the_routes_compared",
    ),
    pytest.param(
        "Patients are often told otherwise, yet ketamine has nothing to do with NMDA receptors.",
        "nmda-receptor-target",
        "opposite",
        id="a_receptors_acronym_anchors_a_claim_naming_it",
    ),
    pytest.param(
        "That one little study of both routes found the drip plainly beat the shot.",
        "iv-im-no-efficacy-difference-chilukuri",
        "opposite",
        id="that_one_study_points_back_to_a_named_study",
    ),
    pytest.param(
        "Neither the patients nor the assessors in that trial knew which route they had.",
        "im-study-not-double-blind",
        "opposite",
        id="a_design_said_of_that_trial_anchors_a_claim_with_no_route",
    ),
    pytest.param(
        "The trial was run across several hospitals in different countries.",
        "im-study-local-hospital-india",
        "opposite",
        id="the_setting_said_of_the_trial_anchors_a_claim_with_no_route",
    ),
    pytest.param(
        "Research confirms that the two routes are equally safe.",
        "iv-im-similar-safety",
        "overclaim",
        id="the_two_routes_alike_compares_the_routes",
    ),
    pytest.param(
        "A shot in the muscle, unlike a drip, must pass through the liver before it reaches the blood.",
        "im-no-first-pass",
        "opposite",
        id="a_route_brought_in_by_unlike_is_no_route_of_the_sentence",
    ),
    pytest.param(
        "Reportedly, about six in every ten parts of an IM dose get absorbed.",
        "im-bioavailability-93",
        "mismatch",
        id="six_in_every_ten_parts_is_a_share",
    ),
    pytest.param(
        "It is very uncertain, but roughly half the volunteers in ketamine depression research got infusions.",
        "ninety-eight-percent-infusions",
        "mismatch",
        id="half_the_volunteers_is_a_share",
    ),
    pytest.param(
        "The drip is run steadily, over three hours.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="a_drip_run_steadily_comma_over_hours_is_infused_over_them",
    ),
    pytest.param(
        "Anecdotally, an IM dose takes half an hour to take hold.",
        "im-onset-1-2-min",
        "mismatch",
        id="taking_a_time_to_take_hold_is_onset",
    ),
    pytest.param(
        "IV ketamine can leave patients unable to breathe.",
        "no-respiratory-depression",
        "opposite",
        id="unable_to_breathe_is_breathing_affected",
    ),
    pytest.param(
        "A ketamine drip is of little use for depression.",
        "iv-effective-rapid-depression",
        "opposite",
        id="of_little_use_for_depression_is_not_effective",
    ),
    pytest.param(
        "Blocking NMDA receptors, ketamine cranks up glutamate and rewires brain circuits.",
        "nmda-glutamate-neuroplasticity",
        "overclaim",
        id="cranking_up_glutamate_and_rewiring_is_the_neuroplasticity_claim",
    ),
    pytest.param(
        "IV is reportedly the kinder of the two routes [@ketalar_label].",
        "iv-better-tolerated-than-im",
        "cited-against",
        id="the_kinder_of_the_two_routes_is_better_tolerated",
    ),
    pytest.param(
        "IM is the gentler of the two routes.",
        "iv-better-tolerated-than-im",
        "opposite",
        id="the_other_route_ranked_alone_is_oriented_against_the_claims",
    ),
    pytest.param(
        "An IM injection builds up more gradually than an IV infusion.",
        "im-peaks-faster-than-iv",
        "opposite",
        id="building_up_more_gradually_is_peaking_slower",
    ),
    pytest.param(
        "I hear the drip does nothing fast for low mood.",
        "iv-effective-rapid-depression",
        "opposite",
        id="doing_nothing_fast_for_low_mood_is_not_rapidly_effective",
    ),
    pytest.param(
        "Only with an IV line can nurses set the pace at which ketamine is given.",
        "iv-only-route-rate-controlled",
        "overclaim",
        id="the_pace_at_which_it_is_given_is_its_rate_of_delivery",
    ),
    pytest.param(
        "Only a drip lets the team control how fast the medicine goes in.",
        "iv-only-route-rate-controlled",
        "overclaim",
        id="how_fast_it_goes_in_is_its_rate_of_delivery",
    ),
    pytest.param(
        "According to the same study, the lift in mood lasted a fortnight.",
        "chilukuri-effect-sustained-3-days",
        "mismatch",
        id="according_to_that_study_points_back_to_a_named_study",
    ),
    pytest.param(
        "The Chilukuri team saw the gains hold for a whole week after one dose.",
        "chilukuri-effect-sustained-3-days",
        "mismatch",
        id="gains_that_hold_for_a_whole_week_were_sustained",
    ),
    pytest.param(
        "Ketamine swallowed as a tablet is absorbed nearly as fully as an infusion.",
        "oral-bioavailability-low",
        "opposite",
        id="absorbed_nearly_as_fully_as_a_drip_is_well_absorbed",
    ),
]

# Sentences whose claim a rule of this pass finds, with no problem to report.
FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "Blinding was absent in that trial: everyone knew who had the IM shot.",
        "im-study-not-double-blind",
        "opposite",
        id="blinding_absent_is_open_label",
    ),
    pytest.param(
        "IV is the most researched route of ketamine, and nobody disputes that.",
        "iv-most-researched-route",
        "opposite",
        id="nobody_disputes_that_lets_the_clause_before_it_stand",
    ),
    pytest.param(
        "IV is the most researched route, well ahead of the nasal spray [@andrade2017ketamine].",
        "iv-most-researched-route",
        "opposite",
        id="a_superlative_kept_by_the_claims_route_is_no_flip",
    ),
    pytest.param(
        "By whatever route, the drug blocks a glutamate receptor called NMDA.",
        "nmda-receptor-target",
        "overclaim",
        id="a_glutamate_receptor_is_the_receptor_not_glutamate_raised",
    ),
    pytest.param(
        "Q. No, the Chilukuri trial was not double-blind.",
        "im-study-not-double-blind",
        "opposite",
        id="an_answers_no_after_a_speakers_label_adds_no_negation",
    ),
    pytest.param(
        "Some say, without good evidence, that IM bioavailability is about 93 %.",
        "im-bioavailability-93",
        "opposite",
        id="without_good_evidence_is_a_hedge_not_a_negation",
    ),
    pytest.param(
        "Reportedly, lots of patients get better with IV ketamine yet never with the nasal form.",
        "iv-responders-fail-intranasal",
        "opposite",
        id="getting_better_on_one_route_is_responding_not_ranking",
    ),
    pytest.param(
        "It is very uncertain whether IM at a quarter of a milligram per kilo equals IV at 0.5 mg/kg "
        "for depression [@chilukuri2014acute].",
        "im-lower-dose-as-effective",
        "mismatch",
        id="a_quarter_of_a_milligram_is_a_dose_not_a_share",
    ),
    pytest.param(
        "Swallowed as a capsule, ketamine may lose most of itself to the liver on its first pass.",
        "oral-bioavailability-low",
        "overclaim",
        id="a_sentence_with_no_figure_fits_the_claim_with_none",
    ),
    pytest.param(
        "Given into a vein, every drop of the dose is in the circulation: full bioavailability.",
        "iv-bioavailability-100",
        "opposite",
        id="full_bioavailability_states_the_hundred_percent",
    ),
    pytest.param(
        "A nasal spray may lose most of every squirt before it reaches the lining of your nose.",
        "in-most-dose-not-absorbed",
        "opposite",
        id="a_dose_lost_before_it_reaches_the_lining_fails_to_reach_it",
    ),
    pytest.param(
        "By its pharmacology, ketamine blocks the glutamate NMDA receptor.",
        "nmda-receptor-target",
        "opposite",
        id="the_glutamate_nmda_receptor_blocked_is_acted_on",
    ),
]


test_the_claim_is_found_and_the_problem_read_right = found_test(
    FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM
)


def test_a_dose_in_words_is_held_against_the_doses_the_claim_names(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Reportedly, a fifth of a milligram per kilo by IM did as well as a full IV dose for "
        "depression.",
    )
    assert finding["claim"] == "im-lower-dose-as-effective", finding
    [mismatch] = [p for p in finding["problems"] if p["kind"] == "mismatch"]
    assert "0.25 mg/kg (the claim)" in mismatch["detail"], mismatch


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Capsules lose most of the drug in the liver.", "to first-pass metabolism"),
        ("It leaves her blood pressure unchanged.", "does not affect blood pressure"),
        ("A jab may do little or nothing for depression.", "is not effective for"),
        ("By IV the whole dose reaches my circulation.", "has 100 % bioavailability"),
        ("The jab hits sooner than the drip.", "peaks sooner"),
        ("Most of each puff soaks in through the lining of the nose.", "is absorbed through"),
        ("Pills may be absorbed perfectly well.", "not has low bioavailability"),
        ("Even a drip does not get all of it into your blood.", "has 100 % bioavailability"),
        ("The spray has been studied more than the drip.", "the most researched rather than"),
        ("No route has been researched more than the intravenous one.", "the drip is the most"),
        ("An IV dose is treated as escaping the first pass.", "without first-pass"),
        ("A drip puts the whole dose directly into his blood.", "has 100 % bioavailability"),
        ("Tablets may be absorbed fairly well.", "not has low bioavailability"),
        ("A pill may be absorbed almost in full.", "not have low bioavailability"),
        ("IM has the largest research literature.", "the most researched"),
        ("The spray arrives at very different speeds.", "a highly variable rate"),
        ("A push into a vein acts more slowly.", "has onset more slowly"),
        ("The drip runs in slowly, over something like two hours.", "is infused over"),
        ("A spray delivers about half of the dose to the circulation.", "bioavailability"),
        ("Nasal sprays are no use for depression.", "not effective for depression"),
        (
            "What reaches the brain is predominantly metabolites.",
            "metabolites outweighing ketamine",
        ),
        ("A surge in glutamate follows.", "raises glutamate activity"),
        ("It helps the brain grow new synapses.", "promotes neuroplasticity"),
        ("By IV the whole dose arrives, with nothing lost on the way.", "fully retained"),
        ("A pill loses relatively little to the liver.", "is not has low bioavailability"),
        ("What crosses the nasal lining dodges the liver.", "without first-pass"),
        ("It leaves your pulse completely alone.", "does not affect pulse"),
        ("How fast it reaches the brain can swing wildly.", "is highly variable"),
        ("It excites NMDA receptors.", "acts on NMDA receptors as an agonist"),
        ("Supervision by trained staff is unnecessary.", "not necessary"),
        ("Tablets run the gauntlet of the liver.", "goes through first-pass metabolism"),
        ("What is absorbed from muscle escapes a first pass.", "without first-pass"),
        (
            "Much of a spray never gets to the lining of the nose.",
            "fails to reach the nasal membrane",
        ),
        ("The drug is swamped by metabolites.", "is outweighed by metabolites"),
        ("What crosses the lining escapes hepatic metabolism.", "without first-pass"),
        ("First-pass loss takes a share, but the nasal part skips that step.", "without it"),
        ("A tablet is processed by the liver.", "lost to first-pass metabolism"),
        ("The effects of an IM shot fade within the hour.", "last within the hour"),
        ("A drip gets the whole dose into your bloodstream.", "has 100 % bioavailability"),
        ("Reportedly, nasal ketamine arrives at a very erratic rate.", "a highly variable rate"),
        ("The shot must still clear the liver.", "goes through first-pass metabolism"),
        ("The pump gets about ninety percent of the dose into my blood.", "bioavailability"),
        ("It comes on within minutes.", "onset within"),
        ("Heart patients need a nurse on hand.", "professional oversight"),
        ("They must be supervised by a doctor.", "with professional oversight"),
        ("Children seldom throw up after it.", "vomiting"),
        ("Each session runs for somewhere between forty minutes and an hour.", "is infused over"),
        (
            "With oral ketamine, virtually all of the dose gets absorbed.",
            "not has low bioavailability",
        ),
        ("Nearly the whole tablet makes it into your bloodstream.", "not has low bioavailability"),
    ],
)
def test_what_the_liver_takes_and_what_is_absorbed_in_other_words(text: str, says: str) -> None:
    from roa_evidence.draftcheck.lexicon import canonical

    assert says in canonical(text)


def test_nearly_the_whole_dose_absorbed_by_mouth_is_the_low_claims_opposite(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped, tmp_path, "With oral ketamine, virtually all of the dose gets absorbed."
    )
    assert finding["claim"] in {"oral-bioavailability-low", "oral-bioavailability-16"}, finding
    assert "opposite" in problem_kinds(finding), finding


@pytest.mark.parametrize(
    ("text", "routes"),
    [
        ("Chilukuri compared jab and drip for depression.", {"IM", "IV"}),
        ("Scores fell alike in the vein and muscle groups.", {"IM", "IV"}),
        ("What crosses the lining of the nose is absorbed.", {"IN"}),
        ("Swallowing ketamine is cheaper.", {"oral"}),
    ],
)
def test_bare_lay_words_name_their_route(text: str, routes: set[str]) -> None:
    from roa_evidence.draftcheck.parts import read_parts

    assert read_parts(text).routes == routes


@pytest.mark.parametrize(
    "sentence",
    [
        "Guideline section 4.2: ketamine infusions on the day unit.",
        "Lecture notes, week 6: ketamine and its routes.",
        "Please avoid alcohol for twenty-four hours after your ketamine dose.",
        "This ketamine protocol will be reviewed in eighteen months.",
        "He has tried five antidepressants over nine years, none with lasting benefit.",
        "Thank you for your time; I look forward to hearing from you within fourteen days.",
        "For thirty years I gave ketamine into veins and muscles in the operating theatre.",
        "Reviewer 3 comments on the ketamine manuscript follow below.",
        "I am writing to appeal the decision of June 12 about my ketamine infusions.",
        "I attach his GAD-7 and PHQ-9 scores from the ketamine clinic.",
        "The board discussed offering ketamine by injection as well as by drip.",
        "The ketamine support group closed at 9:15 with a short meditation.",
        "Continue to Module 4 for ketamine dosing by route.",
    ],
)
def test_a_documents_numbering_an_instruction_or_a_review_date_is_no_finding(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert "unsourced" not in problem_kinds(finding), finding


@pytest.mark.parametrize(
    "sentence",
    [
        "Her GP offered a drip or a shot, and she wants to know which is faster.",
        "My brother asked how quickly IM ketamine works for depression.",
    ],
)
def test_a_question_reported_as_which_or_how_is_not_answered(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert not problem_kinds(finding) - {"unsourced"}, finding


# A second reader's probes of this pass's rules, sentences no rule was written from: each
# had turned clean into a problem (False: must not be found), or a problem into none (True).
@pytest.mark.parametrize(
    ("sentence", "kind", "found"),
    [
        ("Compared with IM ketamine, IV gives the most predictable results.", "opposite", False),
        (
            "The most exciting NMDA receptor findings come from IV ketamine studies.",
            "opposite",
            False,
        ),
        (
            "Avoiding unnecessary delays, IV ketamine takes effect within seconds.",
            "opposite",
            False,
        ),
        ("IM is the easier of the two routes to administer.", "opposite", False),
        (
            "Without maintenance doses, depression can take hold again within a week.",
            "opposite",
            False,
        ),
        (
            "Every drop of a nasal spray matters, because only 25-50 % is bioavailable.",
            "mismatch",
            False,
        ),
        ("Patients who lost weight on oral ketamine had high liver enzymes.", "overclaim", False),
        ("Patients who turned down the nasal spray were offered IV ketamine.", "overclaim", False),
        ("Doses were increased more gradually in the IM arm.", "overclaim", False),
        # two findings in one sentence: since the twenty-fifth pass it is checked against the
        # one whose topic it states (efficacy: "found it effective", stated plainly for a
        # low-certainty claim), not the count of studies ("two" against "a single")
        (
            "The two published studies of IM ketamine for depression both found it effective.",
            "overclaim",
            True,
        ),
        (
            "Doctors are not sure which patients will respond, but IV ketamine gives effective, "
            "rapid relief of depression.",
            "overclaim",
            True,
        ),
        (
            "Please note that IM ketamine lowers blood sugar by 30 % within two hours.",
            "unsourced",
            True,
        ),
        ("IM ketamine does not work on depression.", "opposite", True),
    ],
)
def test_a_second_readers_probe_is_read_right(
    shipped: Run, tmp_path: Path, sentence: str, kind: str, found: bool
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert (kind in problem_kinds(finding)) is found, finding


def test_muscle_rigidity_is_no_route() -> None:
    from roa_evidence.draftcheck.parts import read_parts

    assert read_parts("IV ketamine can cause muscle rigidity and tachycardia.").routes == {"IV"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Item 7: a request to add nasal ketamine to the formulary for depression.",
        "The sample size calculation assumes an IV ketamine effect of one standard deviation.",
        "The leaflet calls IV ketamine the gold standard, which is asserted rather than shown.",
        "Given into a vein, ketamine lands in the bloodstream in full.",
        "This paper compares intramuscular and intravenous ketamine in depression.",
        "Aim 2 will compare nasal and intravenous ketamine in a blinded design.",
        "He has lived with depression for nine years and has tried five medications without relief.",
        "The investigators plan to compare IM and IV ketamine for depression.",
        "She began IV ketamine after four older antidepressants had failed to help.",
        "Last slide: IV remains the most researched way of giving ketamine.",
        "More research has gone into the infusion than into any other way of giving ketamine.",
        "We asked why they do not simply offer tablets, and were told a pill may lose much to the liver.",
    ],
)
def test_a_heading_a_plan_a_disputed_assertion_or_a_full_dose_is_no_problem(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert not problem_kinds(finding), finding


@pytest.mark.parametrize(
    "text",
    [
        "The doctors simply chose who got which route.",
        "The team never randomised anyone.",
        "Patients picked their own route.",
    ],
)
def test_a_study_whose_routes_were_chosen_was_not_randomised(text: str) -> None:
    from roa_evidence.draftcheck import designs

    assert "non-randomised" in designs.read(text).terms


def test_a_twentieth_is_a_share() -> None:
    from roa_evidence.draftcheck import numbers

    [share] = numbers.quantities("only about one twentieth of a tablet reaches the blood")
    assert (share.low, share.dimension) == (5.0, "percent")
