"""`check` on the general causes behind the misses of rounds 26 and 28-30, read in the
seventeenth pass: numbers that place or time a note rather than state a finding, ratios
("twice as fast") as comparisons, negations that are idioms ("in no time") or belong to a
lead-in, an aside in brackets or a question reported, "impossible" as a negation, effects
that fade within minutes, and a control group as part of a study's design. Through the CLI
on a real draft and the shipped base, in sentences worded apart from the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GREEN, Run, check_one, found_test, problem_kinds

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "sentence",
    [
        "The ward round finished at 11:15 today.",
        "Agenda item 7: the ketamine service's staffing for the spring.",
        "The woman in bed 3 had her second ketamine session this afternoon.",
    ],
)
def test_a_clock_time_a_bed_or_an_agenda_item_is_no_finding(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert "unsourced" not in problem_kinds(finding), finding


@pytest.mark.parametrize(
    "sentence",
    [
        "A lozenge under the tongue works roughly twice as fast as a swallowed tablet.",
        "Given rectally, ketamine reaches about three times the blood level of a pill.",
        "Switching from tablets to lozenges roughly doubles the dose that reaches the blood.",
    ],
)
def test_a_ratio_between_routes_with_no_source_is_unsourced(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert "unsourced" in problem_kinds(finding), finding


def test_a_lead_in_keeps_its_own_negation(shipped: Run, tmp_path: Path) -> None:
    kept = check_one(
        shipped,
        tmp_path,
        "What no leaflet mentions: neither a drip nor an IM shot does anything to breathing.",
    )
    assert kept["claim"] == "no-respiratory-depression", kept
    assert "opposite" not in problem_kinds(kept), kept
    # a lead-in with no negation of its own is no clause apart: the answer after it counts
    answered = check_one(
        shipped,
        tmp_path,
        "Liver first-pass loss with an IV dose: none, since it enters the bloodstream directly.",
    )
    assert answered["claim"] == "iv-no-first-pass", answered
    assert "opposite" not in problem_kinds(answered), answered


def test_a_question_reported_is_not_answered(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Readers keep writing in to ask whether the drip is better than the jab for chronic pain.",
    )
    assert "opposite" not in problem_kinds(finding), finding
    assert finding["verdict"] not in GREEN, finding


def test_the_last_months_say_when_not_how_long(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "She has had nine IV infusions over the last three months."
    )
    assert finding["claim"] != "iv-effects-fade-within-minutes", finding


def test_a_control_group_is_part_of_the_design(shipped: Run, tmp_path: Path) -> None:
    denied = check_one(
        shipped,
        tmp_path,
        "Chilukuri and colleagues ran their trial without any control group [@chilukuri2014acute].",
    )
    assert denied["claim"] == "im-study-no-control-group", denied
    assert "cited-against" in problem_kinds(denied), denied
    # a description of the trial vouches only for the design it states
    described = check_one(
        shipped,
        tmp_path,
        "Chilukuri 2014 randomised depressed patients to IV or IM ketamine and had no "
        "comparison arm [@chilukuri2014acute].",
    )
    assert described["verdict"] not in GREEN, described


def test_a_flip_read_on_a_far_wording_is_never_green(shipped: Run, tmp_path: Path) -> None:
    # the Lapidus study did not compare the spray with IV; saying it did must not be green
    finding = check_one(
        shipped,
        tmp_path,
        "Usefully, the nasal trial also set the spray head to head against an IV drip "
        "[@lapidus2014randomized].",
    )
    assert finding["verdict"] not in GREEN, finding


def test_a_planned_trial_states_no_finding(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Our proposed trial will compare IM and IV ketamine in a double-blind design.",
    )
    assert not problem_kinds(finding), finding


@pytest.mark.parametrize(
    ("sentence", "claim", "kind"),
    [
        # a share in words of what reaches the blood, against 100 % (read as a quantity; one
        # off every known value is the claim's contrary since the thirty-second pass)
        (
            "Even given into a vein, only part of the ketamine dose reaches the bloodstream.",
            "iv-bioavailability-100",
            "opposite",
        ),
        # against 16 %
        (
            "Reportedly, when ketamine is swallowed as a tablet, most of the dose reaches the blood.",
            "oral-bioavailability-16",
            "opposite",
        ),
    ],
)
def test_a_share_in_words_of_what_reaches_the_blood_is_a_quantity(
    shipped: Run, tmp_path: Path, sentence: str, claim: str, kind: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert kind in problem_kinds(finding), finding
    assert any("nearest known" in p["detail"] for p in finding["problems"]), finding


def test_a_share_the_liver_removes_is_not_what_reaches_the_blood() -> None:
    from roa_evidence.draftcheck import numbers

    lost = "The liver breaks down most of a swallowed dose before it gets into the blood."
    assert not [q for q in numbers.quantities(lost) if q.dimension == "percent"]
    never = "Most of a sprayed dose never reaches the lining where it is absorbed."
    assert not [q for q in numbers.quantities(never) if q.dimension == "percent"]


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "A ketamine drip tends to bring the patient's blood pressure down.",
            "iv-transient-blood-pressure-rise",
        ),
        ("An IM dose of ketamine slows the pulse down.", "im-tachycardia"),
    ],
)
def test_brought_down_denies_a_rise(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert "opposite" in problem_kinds(finding), finding


@pytest.mark.parametrize(
    "sentence",
    [
        "Ketamine activates a kind of receptor known as the NMDA receptor.",
        "Ketamine is, in effect, an NMDA agonist.",
    ],
)
def test_an_agonist_reverses_a_blocker(shipped: Run, tmp_path: Path, sentence: str) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == "nmda-receptor-target", finding
    assert "opposite" in problem_kinds(finding), finding


def test_an_improvement_held_to_day_three_is_sustained(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "In Chilukuri's trial the improvement on the HAM-D held until day 3 after a single "
        "dose [@chilukuri2014acute].",
    )
    assert finding["claim"] == "chilukuri-effect-sustained-3-days", finding
    assert not problem_kinds(finding), finding


def test_a_groups_size_is_not_the_trials() -> None:
    from roa_evidence.draftcheck import numbers

    found = numbers.quantities("The trial had nine patients in each arm.")
    assert not [q for q in found if q.dimension == "participants"]
    assert [q for q in numbers.quantities("The trial had nine patients.") if q.low == 9]


def test_no_longer_is_no_duration(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "A drip is no longer the only way to receive ketamine at our clinic."
    )
    assert "opposite" not in problem_kinds(finding), finding


def test_an_uncontrolled_rate_is_no_design() -> None:
    from roa_evidence.draftcheck import designs

    assert not designs.read("IM ketamine reaches the brain at an uncontrolled rate.").terms
    assert designs.read("It was an uncontrolled study.").terms == {"uncontrolled"}


def test_a_bioavailability_study_of_one_route_bears_on_iv(shipped: Run, tmp_path: Path) -> None:
    # bioavailability is measured against an IV dose: such a study is no wrong citation for IV
    finding = check_one(
        shipped,
        tmp_path,
        "Intravenous ketamine is fully bioavailable, at 100 per cent "
        "[@clements1982bioavailability].",
    )
    assert "cited-against" not in problem_kinds(finding), finding


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("within a quarter of an hour", 15.0),
        ("after three-quarters of an hour", 45.0),
        ("in half an hour", 30.0),
    ],
)
def test_parts_of_an_hour_are_minutes(text: str, minutes: float) -> None:
    from roa_evidence.draftcheck import numbers

    [quantity] = numbers.quantities(text)
    assert (quantity.dimension, quantity.low) == ("time", minutes)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        # how long: "takes around three hours", "hang around for six hours"
        (
            "At a clinic, an IV ketamine infusion takes about two hours.",
            "iv-infusion-over-40-60-min",
        ),
        (
            "After an IM dose, reportedly, the effects stick around for five hours.",
            "im-duration-30-60-min",
        ),
        # what the liver takes, in words
        (
            "Swallowed ketamine reportedly loses about half of the dose to the liver.",
            "oral-first-pass-84",
        ),
        # how long a benefit held
        (
            "In the Chilukuri trial, one IV or IM dose kept everyone feeling better for a month.",
            "chilukuri-effect-sustained-3-days",
        ),
    ],
)
def test_times_and_shares_in_other_words_are_checked(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert "mismatch" in problem_kinds(finding), finding


def test_effects_that_begin_within_a_time_speak_of_onset(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "The effects of an IM shot reportedly begin within twenty minutes."
    )
    assert finding["claim"] == "im-onset-1-2-min", finding
    assert finding["parts"]["topic"] == "agrees", finding
    assert "mismatch" in problem_kinds(finding), finding


def test_a_reading_taken_is_no_rise(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "The nurse measures your pulse and blood pressure during the IV drip."
    )
    assert not problem_kinds(finding), finding


def test_a_hypothesis_states_no_finding(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "If an IM shot worked as well as an IV drip for depression, clinics would save money.",
    )
    assert not problem_kinds(finding), finding


@pytest.mark.parametrize(
    ("sentence", "route"),
    [("Each lozenge dissolves slowly.", "SL"), ("People snorted it at parties.", "IN")],
)
def test_more_lay_words_for_routes(sentence: str, route: str) -> None:
    from roa_evidence.draftcheck.routes import routes_named

    assert route in routes_named(sentence)


def test_nothing_much_is_mild_not_absent(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Reportedly, side effects of an IV or IM dose, such as nausea and dizziness, are "
        "nothing serious and pass quickly.",
    )
    assert "opposite" not in problem_kinds(finding), finding


def test_a_fierce_high_is_an_intense_side_effect(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "An IM ketamine shot gives people an overwhelming, scary trip."
    )
    assert finding["claim"] == "im-can-cause-intense-side-effects", finding


def test_half_the_dose_is_a_share_unless_it_is_a_dose_ratio() -> None:
    from roa_evidence.draftcheck import numbers

    [lost] = numbers.quantities("The liver takes half the dose of a swallowed tablet.")
    assert (lost.dimension, lost.low) == ("percent", 50.0)
    ratio = numbers.quantities("IM at 0.25 mg/kg works at half the dose of IV.")
    assert not [q for q in ratio if q.dimension == "percent"]


# Causes read in rounds 33 and 34 (read after their first measurement; see their headers).


def test_nobody_blinded_four_words_away_is_open_label() -> None:
    from roa_evidence.draftcheck import designs

    said = designs.read("Nobody on either arm was blinded.")
    assert said.terms == {"open-label"}


@pytest.mark.parametrize(
    ("sentence", "claim", "kind"),
    [
        (
            "To be honest, an IV drip does next to nothing for depression.",
            "iv-effective-rapid-depression",
            "opposite",
        ),
        (
            "An IV ketamine drip knocks back depression within hours.",
            "iv-effective-rapid-depression",
            "overclaim",
        ),
        (
            "For depression, an IM shot of ketamine rivals an IV infusion.",
            "im-as-effective-as-iv-depression",
            "overclaim",
        ),
    ],
)
def test_efficacy_in_plain_verbs(
    shipped: Run, tmp_path: Path, sentence: str, claim: str, kind: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert kind in problem_kinds(finding), finding


def test_hard_to_treat_is_no_treatment(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "Ketamine for hard-to-treat depression comes in several forms."
    )
    assert not problem_kinds(finding), finding


def test_little_difference_is_a_likeness() -> None:
    from roa_evidence.draftcheck import polarity

    assert polarity.polarity("There was little difference between IV and IM.").equivalence


def test_rare_for_a_route_to_do_it_is_seldom() -> None:
    from roa_evidence.draftcheck import polarity

    said = "It is rare for an IV or IM dose of ketamine to affect respiratory function."
    claimed = "Neither IV nor IM ketamine significantly affects respiratory function."
    assert polarity.opposite(said, claimed) is None


def test_beating_a_dummy_is_no_ranking_of_routes(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "The nasal spray may do better than saline for depression."
    )
    assert "opposite" not in problem_kinds(finding), finding


def test_worse_opening_a_sentence_ranks_nothing() -> None:
    from roa_evidence.draftcheck.lexicon import canonical

    assert canonical("Worse still, the trial was small.") == "the trial was small."


# Causes read in rounds 35 and 36 (read after checkpoint A; see their headers).


def test_unable_to_travel_alone_is_no_negation_of_needing_a_lift(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Arrange a ride: after an IV ketamine session, lingering effects reportedly leave some "
        "patients unable to get home alone [@ketalar_label].",
    )
    assert "opposite" not in problem_kinds(finding), finding


@pytest.mark.parametrize(
    "text",
    [
        "The two routes showed no meaningful difference in effect.",
        "There was no real difference between IV and IM.",
    ],
)
def test_no_meaningful_difference_is_a_likeness(text: str) -> None:
    from roa_evidence.draftcheck import polarity

    found = polarity.polarity(text)
    assert found.equivalence and not found.negated


def test_no_question_about_it_is_certainty_not_negation() -> None:
    from roa_evidence.draftcheck import polarity

    assert not polarity.polarity("An IV drip works for depression, no question about it.").negated


@pytest.mark.parametrize(
    "sentence",
    [
        "An IV drip of ketamine probably does nothing much for depression.",
        "An IV infusion probably does little, if anything, for depression.",
    ],
)
def test_does_little_if_anything_for_is_ineffective(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == "iv-effective-rapid-depression", finding
    assert "opposite" in problem_kinds(finding), finding


def test_neither_patients_nor_raters_knew_is_double_blind() -> None:
    from roa_evidence.draftcheck import designs

    said = designs.read("Neither the participants nor the assessors knew which arm was which.")
    assert said.terms == {"double-blind"}


def test_nothing_to_compare_against_is_no_control_group(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Worse still, it had nothing at all to compare with [@chilukuri2014acute].",
    )
    assert finding["claim"] == "im-study-no-control-group", finding


def test_erratic_is_variable(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "How fast nasal ketamine gets to the brain is notoriously erratic between patients.",
    )
    assert finding["claim"] == "in-rate-variable", finding


def test_next_meeting_is_no_finding(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "Next review in three weeks, with the ward pharmacist.")
    assert "unsourced" not in problem_kinds(finding), finding


def test_beating_placebo_is_efficacy_not_a_ranking_of_routes(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "Intranasal ketamine may outperform a placebo spray for depression."
    )
    assert finding["claim"] == "in-may-be-effective-depression", finding
    assert not problem_kinds(finding) & {"opposite", "overclaim"}, finding


def test_unaffected_is_not_affected() -> None:
    from roa_evidence.draftcheck import polarity

    said = "Respiratory function is unaffected by IV or IM ketamine."
    claimed = "Neither IV nor IM ketamine significantly affects respiratory function."
    assert polarity.opposite(said, claimed) is None


def test_rather_than_randomised_is_not_randomised() -> None:
    from roa_evidence.draftcheck import designs

    said = designs.read("Doctors picked each patient's route instead of randomising it.")
    assert said.terms == {"non-randomised"}


def test_a_comment_opening_with_thats_is_its_own_clause() -> None:
    from roa_evidence.draftcheck import polarity

    assert len(polarity.clauses("It blocks NMDA receptors, and that's why it works.")) == 2


def test_almost_fully_absorbed_is_well_absorbed(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Taken by mouth as a tablet, ketamine is nearly completely absorbed, reportedly.",
    )
    assert finding["claim"] in {"oral-bioavailability-low", "oral-bioavailability-16"}, finding
    assert problem_kinds(finding) & {"opposite", "mismatch"}, finding


def test_easier_on_patients_is_better_tolerated(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Reportedly an IV drip is kinder on the body than an IM shot [@ketalar_label].",
    )
    assert finding["claim"] == "iv-better-tolerated-than-im", finding


def test_varies_hugely_is_highly_variable(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "How quickly nasal ketamine reaches the brain varies hugely between patients.",
    )
    assert finding["claim"] == "in-rate-variable", finding
    assert finding["parts"]["wording"] != "possible", finding


def test_an_infusion_run_in_minutes_is_infused_over_them(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "A ketamine drip is typically given in twenty minutes.")
    assert finding["claim"] == "iv-infusion-over-40-60-min", finding
    assert finding["parts"]["wording"] != "possible", finding
    assert "mismatch" in problem_kinds(finding), finding


def test_a_part_the_claim_does_not_state_is_not_vouched_for(shipped: Run, tmp_path: Path) -> None:
    # the claim names no condition: it cannot confirm what the sentence says of depression
    finding = check_one(
        shipped, tmp_path, "In depressed patients, ketamine given IV or IM blocks NMDA receptors."
    )
    assert finding["claim"] == "nmda-receptor-target", finding
    assert finding["parts"]["condition"] == "not in the claim", finding
    assert finding["verdict"] not in GREEN, finding
    assert "condition not in the claim" in finding["loose"], finding


# Causes read in rounds 37 to 42 (read after their measurement; see their headers).


@pytest.mark.parametrize(
    ("sentence", "claim", "kind"),
    [
        ("After an IM dose, expect your pulse to race for a while.", "im-tachycardia", "overclaim"),
        (
            "Injected IM ketamine never causes severe side effects.",
            "im-can-cause-intense-side-effects",
            "opposite",
        ),
        (
            "With IV or IM ketamine you won't need a nurse to keep an eye on you.",
            "professional-oversight-cardiac-psychiatric",
            "opposite",
        ),
        (
            "Ketamine has absolutely nothing to do with NMDA receptors.",
            "nmda-receptor-target",
            "opposite",
        ),
        (
            "A nasal ketamine spray simply has no effect on depression.",
            "in-may-be-effective-depression",
            "opposite",
        ),
        (
            "Intravenous ketamine still has to get past the liver first.",
            "iv-no-first-pass",
            "opposite",
        ),
    ],
)
def test_more_wordings_from_rounds_37_to_42(
    shipped: Run, tmp_path: Path, sentence: str, claim: str, kind: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert kind in problem_kinds(finding), finding


def test_a_lift_home_is_no_improvement() -> None:
    from roa_evidence.draftcheck.lexicon import canonical

    assert "improvement" not in canonical("He needed a lift home after the infusion.")
    assert "improvement" in canonical("The lift in mood lasted a day.")


def test_nor_opening_a_sentence_negates_it() -> None:
    from roa_evidence.draftcheck import polarity

    assert polarity.polarity("Nor does an IM shot relieve depression.").negated
    assert polarity.polarity("Neither IV nor IM ketamine affects breathing.").negated


def test_in_one_trial_names_a_trial_without_counting_them() -> None:
    from roa_evidence.draftcheck import numbers

    found = numbers.quantities("In one small trial, scores fell.")
    assert all(q.dimension != "studies" for q in found)
    assert [q for q in numbers.quantities("There is only one trial.") if q.dimension == "studies"]


def test_a_dummy_set_against_and_a_route_set_aside_is_no_comparison_of_routes() -> None:
    from roa_evidence.draftcheck import polarity

    said = "The nasal trial set the spray against saline, not against an IV infusion."
    claimed = "The intranasal depression study did not compare intranasal with IV ketamine."
    assert polarity.opposite(said, claimed) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Even IV doses lose a little to hepatic extraction.", "first-pass metabolism"),
        ("The gut soaks up nearly all of a swallowed dose.", "not poorly absorbed"),
        ("Tablets are absorbed almost completely.", "not have low bioavailability"),
    ],
)
def test_rules_opening_on_a_list_are_split_so_each_is_tried(text: str, says: str) -> None:
    # a rule opening on a list of words is tried only where one of them is written: a
    # second alternative after it would never run on its own words
    from roa_evidence.draftcheck.lexicon import canonical

    assert says in canonical(text)


# Sentences whose claim and problem a rule of this pass finds (the id names the rule).
FOUND_WITH_PROBLEM = [
    pytest.param(
        "The lone trial that set an IM shot against an IV drip for depression was double-blind.",
        "im-study-not-double-blind",
        "opposite",
        id="the_design_of_a_study_of_im_against_iv_is_the_im_studys",
    ),
    pytest.param(
        "With an IM injection, the liver filters out much of the dose first.",
        "im-no-first-pass",
        "opposite",
        id="filtered_out_by_the_liver_is_a_first_pass",
    ),
    pytest.param(
        "Among the routes, IV infusion has drawn the least research interest.",
        "iv-most-researched-route",
        "opposite",
        id="the_least_research_attention_is_not_the_most_researched",
    ),
    pytest.param(
        "Nasal ketamine may ease depression, according to a meta-analysis [@kishimoto2016single].",
        "in-may-be-effective-depression",
        "cited-against",
        id="a_work_on_other_routes_is_cited_against",
    ),
    pytest.param(
        "Only about three per cent of a swallowed dose reaches your bloodstream.",
        "oral-bioavailability-16",
        "mismatch",
        id="a_share_of_the_dose_in_your_blood_is_bioavailability",
    ),
    pytest.param(
        "My neighbour, who volunteers at an animal shelter, told me ketamine works by activating NMDA receptors.",
        "nmda-receptor-target",
        "opposite",
        id="what_someone_told_the_writer_is_matched_alone",
    ),
    pytest.param(
        "BP during an IV ketamine infusion: it never rises, not even briefly.",
        "iv-transient-blood-pressure-rise",
        "opposite",
        id="bp_is_blood_pressure",
    ),
    pytest.param(
        "In that trial the IV arm did clearly better than the IM arm.",
        "iv-im-no-efficacy-difference-chilukuri",
        "opposite",
        id="in_that_trial_points_to_the_claim_about_the_trial",
    ),
    pytest.param(
        "Worse, it lacked a comparison arm of any kind [@chilukuri2014acute].",
        "im-study-no-control-group",
        "cited-against",
        id="a_design_said_of_the_cited_study_finds_its_claim",
    ),
    pytest.param(
        "Whether you get it through a drip or a shot, ketamine slows your breathing down.",
        "no-respiratory-depression",
        "opposite",
        id="whether_by_one_route_or_another_is_no_open_question",
    ),
    pytest.param(
        "A nasal ketamine spray reportedly gets about four fifths of the dose into your blood.",
        "in-bioavailability-25-50",
        "mismatch",
        id="a_share_of_the_dose_got_into_the_blood_is_bioavailability",
    ),
    pytest.param(
        "Apparently that Indian trial found the infusion did better than the shot.",
        "iv-im-no-efficacy-difference-chilukuri",
        "opposite",
        id="that_trial_found_points_back_to_it",
    ),
    pytest.param(
        "An IM injection reportedly gets roughly half of the drug into your blood.",
        "im-bioavailability-93",
        "mismatch",
        id="a_share_of_the_drug_delivered_into_the_blood_is_bioavailability",
    ),
    pytest.param(
        "The IM patients the site heard from reportedly felt the anaesthetic effects for ten hours.",
        "im-anaesthetic-effects-2-4-h",
        "mismatch",
        id="effects_felt_for_a_time_lasted_that_long",
    ),
    # from rounds 43-46, read after their measurement at c65ee52
    pytest.param(
        "Ketamine acts by switching on the brain's NMDA receptors, reportedly.",
        "nmda-receptor-target",
        "opposite",
        id="the_brains_receptors_switched_on",
    ),
    pytest.param(
        "After an IM injection your pulse can race for a while.",
        "im-tachycardia",
        "overclaim",
        id="a_pulse_that_can_race",
    ),
    pytest.param(
        "Reportedly, the effects of an IM shot are gone within five minutes.",
        "im-duration-30-60-min",
        "mismatch",
        id="effects_gone_within_a_time_lasted_it",
    ),
    pytest.param(
        "With an IM jab it reportedly takes twenty minutes before you feel anything.",
        "im-onset-1-2-min",
        "mismatch",
        id="before_you_feel_anything_is_onset",
    ),
    pytest.param(
        "A single dose in the Chilukuri trial kept people's mood lifted for a month.",
        "chilukuri-effect-sustained-3-days",
        "mismatch",
        id="mood_kept_lifted_for_a_time",
    ),
    pytest.param(
        "An IV ketamine drip puts about seven tenths of the drug into your bloodstream.",
        "iv-bioavailability-100",
        "mismatch",
        id="a_share_put_into_the_blood_in_tenths",
    ),
    pytest.param(
        "IV ketamine infusions probably do little to relieve depression quickly.",
        "iv-effective-rapid-depression",
        "opposite",
        id="do_little_to_relieve",
    ),
    pytest.param(
        "A single IV ketamine infusion is unlikely to give rapid relief of depression.",
        "iv-effective-rapid-depression",
        "opposite",
        id="unlikely_to_is_a_negation",
    ),
]


# Sentences whose claim is found and which a rule of this pass keeps from a wrong problem.
FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "Reportedly, the nausea and dizziness that come with an IV or IM dose are rare, mild and over in no time.",
        "side-effects-rare-mild-transient",
        "opposite",
        id="gone_in_no_time_is_quickly_not_a_negation",
    ),
    pytest.param(
        "Only a single study of intranasal racemic ketamine (not esketamine, which is another product) has been published for depression [@lapidus2014randomized].",
        "in-single-published-study",
        "opposite",
        id="an_aside_in_brackets_does_not_negate_the_sentence",
    ),
    pytest.param(
        "It is impossible, reportedly, to know what dose of a nasal ketamine spray is absorbed.",
        "in-dose-unknown",
        "opposite",
        id="impossible_to_know_is_no_way_to_know",
    ),
    pytest.param(
        "Reportedly, once an IV infusion is stopped its effects wear off within a few minutes.",
        "iv-effects-fade-within-minutes",
        "opposite",
        id="effects_that_wear_off_in_minutes_fade_within_minutes",
    ),
    pytest.param(
        "IV is still the gold standard of ketamine therapy, reportedly, and this won't change soon.",
        "iv-gold-standard",
        "opposite",
        id="a_comment_on_the_claim_keeps_its_negation_to_itself",
    ),
    pytest.param(
        "IM ketamine can cause intense side effects, ones that most clinics never talk about.",
        "im-can-cause-intense-side-effects",
        "opposite",
        id="what_others_never_say_is_their_clause",
    ),
]


test_the_claim_is_found_and_the_problem_read_right = found_test(
    FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM
)


def test_a_negation_after_but_is_its_own_clause(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "A nasal ketamine spray may help depression, but nobody prescribes it in our area.",
    )
    assert "opposite" not in problem_kinds(finding), finding


def test_not_finding_one_route_better_is_no_difference() -> None:
    from roa_evidence.draftcheck import polarity

    said = "The trial did not find that either route worked significantly better."
    claimed = "There was no significant difference in efficacy between IV and IM."
    assert polarity.opposite(said, claimed) is None


def test_raters_of_that_study_who_did_not_know_were_blinded() -> None:
    from roa_evidence.draftcheck import designs

    said = designs.read("Neither the patients nor the raters in the trial knew the route.")
    assert said.terms == {"double-blind"}


def test_a_dose_the_claim_does_not_state_is_not_vouched_for(shipped: Run, tmp_path: Path) -> None:
    # the claim says the routes did not differ; it says nothing of 0.25 or 0.5 mg/kg
    said = check_one(
        shipped,
        tmp_path,
        "In Chilukuri 2014, 0.25 mg/kg IM and 0.5 mg/kg IV did not differ in antidepressant "
        "effect [@chilukuri2014acute].",
    )
    assert said["claim"] == "iv-im-no-efficacy-difference-chilukuri", said
    assert said["parts"]["quantity"] == "not in the claim", said
    assert said["verdict"] not in GREEN, said
    # a claim that states the doses in its statement knows them
    stated = check_one(
        shipped,
        tmp_path,
        "Reportedly, IM ketamine at 0.25 mg/kg is as effective as IV ketamine at 0.5 mg/kg, "
        "though this is very uncertain.",
    )
    assert stated["parts"].get("quantity") != "not in the claim", stated


def test_rules_on_common_words_open_on_their_rare_one() -> None:
    # a rule opening on "the|that|this" was tried on nearly every sentence; opening on the
    # word it is about, it is tried only where that word is written
    from roa_evidence.draftcheck import lexicon

    tried_on = {p.pattern: words for _, words, p, _ in lexicon._compiled()}
    common = {"the", "that", "this", "these"}
    assert not [p for p, words in tried_on.items() if words and words <= common]
    assert "past" in lexicon.canonical("over the last six months")
    assert "sustained" in lexicon.canonical("the benefit held for about a week")
    assert "sustained" not in lexicon.canonical("patients were held for three hours")


def test_a_rule_with_a_second_branch_is_tried_on_its_words() -> None:
    # a rule opening on a list of words is tried only where one of them is written, unless
    # the pattern has another branch at its top level, which may match without them
    from roa_evidence.draftcheck import lexicon

    assert lexicon._tried_on(r"\b(?:send|sends) your heart racing\b") == {"send", "sends"}
    branched = lexicon._tried_on(r"\b(?:send|sends) your heart racing\b|\bpulse to race\b")
    assert {"pulse", "race"} <= branched


def test_a_rule_is_tried_on_a_word_every_match_needs() -> None:
    # read from the pattern's parse: an optional word ("real") or one in a single choice
    # ("little") is no test, a short choice ("no") none at all; a rule needing no word of
    # three letters is tried on every text
    from roa_evidence.draftcheck import lexicon

    assert lexicon._tried_on(r"\b(?:no|little) (?:real )?use (?:for|in)\b") == {"use"}
    assert lexicon._tried_on(r"\b(?:left )?(?:largely )?untouched\b") == {"untouched"}
    assert lexicon._tried_on(r"^\W*(?:myth|false)\s*:") == {"myth", "false"}
    assert lexicon._tried_on(r"\b(?:goes|go) in(?= over)") == {"over"}
    assert lexicon._tried_on(r"\bbp\b") == frozenset()


def test_a_loose_match_suggests_no_citation(shipped: Run, tmp_path: Path) -> None:
    # the claim's sources say nothing of the condition the sentence adds: citing them would
    # vouch for more than they show; the same claim worded alone is offered them
    loose = check_one(
        shipped, tmp_path, "In depressed patients, ketamine given IV or IM blocks NMDA receptors."
    )
    assert loose["loose"], loose
    assert loose["suggested_keys"] == [], loose
    close = check_one(shipped, tmp_path, "Ketamine given IV or IM blocks NMDA receptors.")
    assert not close["loose"] and close["suggested_keys"], close
