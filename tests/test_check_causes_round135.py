"""`check` on the general causes behind the false alarms and misses of rounds 135-144, read
in the twenty-second pass (docs/check.md). Through the CLI on a real draft and the shipped
base, in sentences worded apart from the rounds'. Each case names the rule that finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, problem_kinds

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow

FOUND_WITH_PROBLEM = [
    pytest.param(
        "Roughly 84 % of a ketamine tablet is cleared by the liver before it gets into the "
        "bloodstream.",
        "oral-first-pass-84",
        "overclaim",
        id="a_share_stated_is_still_the_shares_claim",
    ),
    pytest.param(
        "Only about 30 % of a ketamine pill reaches the blood.",
        "oral-bioavailability-16",
        "mismatch",
        id="the_drug_named_between_an_article_and_a_lay_noun_a_ketamine_pill",
    ),
    pytest.param(
        "Just 15 of its patients had the injection [@chilukuri2014acute].",
        "im-study-18-subjects",
        "mismatch",
        id="n_of_its_patients_counts_them",
    ),
    pytest.param(
        "Infusions given at the trial rate of 0.5 mg/kg over 40 minutes work for depression "
        "[@zarate2006randomized].",
        "iv-target-rate-shown-to-work",
        "overclaim",
        id="a_protocol_said_to_work_is_the_trials_finding",
    ),
    pytest.param(
        "Less than a fifth of an intramuscular dose reaches the blood.",
        "im-bioavailability-93",
        "mismatch",
        id="a_bound_93_percent_breaks_is_a_mismatch",
    ),
    pytest.param(
        "At least three trials of nasal ketamine for depression have been published "
        "[@lapidus2014randomized].",
        "in-single-published-study",
        "mismatch",
        id="at_least_three_trials_is_not_a_single_study",
    ),
    pytest.param(
        "A study that set the drip against the jab found the drip clearly worked better "
        "[@chilukuri2014acute].",
        "iv-im-no-efficacy-difference-chilukuri",
        "opposite",
        id="better_with_the_two_routes_set_against_each_other_ranks_them",
    ),
    pytest.param(
        "Fact: the spray trial found it did no better than a salt-water placebo "
        "[@lapidus2014randomized].",
        "in-may-be-effective-depression",
        "opposite",
        id="no_better_than_a_salt_water_placebo_is_not_effective",
    ),
    pytest.param(
        "The evidence is sufficient to conclude that IM and IV ketamine are equally safe.",
        "iv-im-similar-safety",
        "overclaim",
        id="evidence_sufficient_to_conclude_x_asserts_x",
    ),
    pytest.param(
        "Of every route, the drip is the one scientists have researched least.",
        "iv-most-researched-route",
        "opposite",
        id="researched_least_is_not_the_most_researched",
    ),
    pytest.param(
        "The drug acts by turning on receptors in the brain called NMDA receptors.",
        "nmda-receptor-target",
        "opposite",
        id="receptors_called_nmda_receptors_turned_on_are_stimulated",
    ),
    pytest.param(
        "Ketamine's main target isn't the NMDA receptor at all, whatever the leaflets tell you.",
        "nmda-receptor-target",
        "opposite",
        id="its_target_is_not_the_receptor",
    ),
    pytest.param(
        "Pills are fine, since hardly any of a swallowed dose gets broken down by the liver.",
        "oral-bioavailability-low",
        "opposite",
        id="hardly_any_lost_to_the_liver_is_well_absorbed",
    ),
    pytest.param(
        "Children given the IV dose in that trial stayed sedated for a median of about 20 "
        "minutes [@roback2006randomized].",
        "iv-effects-fade-within-minutes",
        "mismatch",
        id="how_long_patients_stayed_sedated_is_a_duration",
    ),
    pytest.param(
        "Nowadays the drip is usually over in about ten minutes.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="a_drip_over_in_n_minutes_is_its_length",
    ),
    pytest.param(
        "Some clinics stretch each drip out to three hours.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="a_drip_stretched_out_to_n_hours_is_its_length",
    ),
]

FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "A good deal of a ketamine tablet may be broken down by the liver before it reaches "
        "the bloodstream.",
        "oral-bioavailability-low",
        "overclaim",
        id="no_figure_stated_is_the_shares_qualitative_sibling",
    ),
    pytest.param(
        "It is mistaken to suggest there are no controlled data at all on intramuscular "
        "ketamine for depression [@loo2016placebo].",
        "im-no-valid-efficacy-data",
        "cited-against",
        id="mistaken_to_suggest_x_denies_x",
    ),
    pytest.param(
        "It would thus be wrong to say that no valid data exist on IM ketamine for depression.",
        "im-no-valid-efficacy-data",
        "overclaim",
        id="it_would_thus_be_wrong_to_say_x_denies_x",
    ),
    pytest.param(
        "Nor is it true that controlled data on IM ketamine for depression are lacking "
        "[@loo2016placebo].",
        "im-no-valid-efficacy-data",
        "cited-against",
        id="nor_is_it_true_that_x_is_lacking_denies_the_lack",
    ),
    pytest.param(
        "Readers who've had infusions tell us the effects fade within minutes of the drip "
        "stopping.",
        "iv-effects-fade-within-minutes",
        "overclaim",
        id="people_who_had_one_route_tell_us_is_what_patients_report",
    ),
    pytest.param(
        "It's widely claimed that a shot is simpler to give than a drip, since no line is needed.",
        "im-simpler-to-administer",
        "overclaim",
        id="its_widely_claimed_is_hearsay",
    ),
    pytest.param(
        "I've heard it said, though I can't judge it, that the shot works as well as the drip "
        "for depression.",
        "im-as-effective-as-iv-depression",
        "overclaim",
        id="heard_it_said_is_hearsay",
    ),
    pytest.param(
        "I've heard it said, though I can't judge it, that the shot works as well as the drip "
        "for depression.",
        "im-as-effective-as-iv-depression",
        "opposite",
        id="cannot_judge_it_negates_nothing",
    ),
    pytest.param(
        "The regulator does not find the evidence strong enough to conclude that IM and IV "
        "ketamine are equally safe.",
        "iv-im-similar-safety",
        "opposite",
        id="evidence_not_strong_enough_to_conclude_x_says_nothing_against_x",
    ),
    pytest.param(
        "Onset after an IM injection is usually reported at one to two minutes.",
        "im-onset-1-2-min",
        "overclaim",
        id="reported_at_a_figure_is_hearsay",
    ),
    pytest.param(
        "Sceptics say there is no valid evidence for the shot in depression at all, yet a small "
        "blinded trial found it relieved depression [@loo2016placebo].",
        "im-no-valid-efficacy-data",
        "cited-against",
        id="what_others_say_answered_with_a_study_is_denied",
    ),
    pytest.param(
        "Clinics often say the jab works as well as the drip for depression, but that rests on "
        "very small trials and is very uncertain.",
        "im-as-effective-as-iv-depression",
        "opposite",
        id="what_others_say_answered_with_a_doubt_is_hedged_not_denied",
    ),
    pytest.param(
        "Under a fifth of a nasal dose reached the blood in one recent study "
        "[@pharmacotherapy2022intranasal].",
        "in-bioavailability-25-50",
        "mismatch",
        id="under_a_fifth_is_a_bound_the_cited_11_to_17_percent_keeps",
    ),
    pytest.param(
        "Chilukuri's randomised trial had three groups of nine patients each "
        "[@chilukuri2014acute].",
        "chilukuri-randomized-trial",
        "mismatch",
        id="n_patients_each_is_a_groups_size",
    ),
    pytest.param(
        "Nasal ketamine was compared with saline in one small crossover trial, which suggests "
        "it may ease depression [@lapidus2014randomized].",
        "in-may-be-effective-depression",
        "overclaim",
        id="which_suggests_it_may_is_the_sentences_hedge",
    ),
    pytest.param(
        "Clinic pages put the share of a muscle dose reaching the blood at about 93 %, but we "
        "could not find one study that measured it.",
        "im-bioavailability-93",
        "overclaim",
        id="a_figure_passed_on_and_doubted_is_no_assertion",
    ),
    pytest.param(
        "That the jab peaks faster than a drip is an idea that rests mostly on clinic blogs.",
        "im-peaks-faster-than-iv",
        "overclaim",
        id="what_rests_on_clinic_blogs_is_doubted",
    ),
    pytest.param(
        "Most of the early trials infused the dose over 40 minutes [@zarate2006randomized].",
        "iv-infusion-over-40-60-min",
        "overclaim",
        id="a_protocols_length_cited_to_a_trial_is_the_length_not_its_finding",
    ),
    pytest.param(
        "Given into a vein, the dose enters the bloodstream directly, so there is no "
        "first-pass loss through the liver.",
        "iv-no-first-pass",
        "opposite",
        id="the_clause_holding_what_the_claims_negation_governs_carries_its_negation",
    ),
    pytest.param(
        "A drip sends the drug straight into a vein, so none of it is lost before it reaches "
        "the blood.",
        "iv-no-first-pass",
        "opposite",
        id="none_lost_before_the_blood_is_no_first_pass",
    ),
    pytest.param(
        "Because a drip goes straight into the vein, the whole dose is available to the body "
        "and none is lost on the way.",
        "iv-bioavailability-100",
        "opposite",
        id="none_lost_on_the_way_is_the_whole_dose_kept",
    ),
]

test_the_claim_is_found_and_the_problem_read_right = found_test(
    FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM
)


@pytest.mark.parametrize(
    "sentence",
    [
        "2.3 The panel reviewed how intramuscular ketamine was given on the unit.",
        "Our 15-year-old has been offered ketamine and we are weighing the options.",
        "Newsletter issue 12: what our members asked about ketamine clinics.",
        "Month 4 diary: another ketamine session at the clinic.",
        "The service met audit standard 2 for every ketamine dose given.",
        "The application fails criterion 5 because the route is not covered.",
        "Our ketamine patients rest afterwards in bay 3B.",
    ],
    ids=[
        "a_numbered_paragraph",
        "a_possessive_age",
        "an_issue_number",
        "a_heading_of_a_numbered_month",
        "an_audit_standard",
        "a_policy_criterion",
        "a_ward_with_a_letter",
    ],
)
def test_a_documents_numbering_is_no_unsourced_number(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    assert "unsourced" not in problem_kinds(check_one(shipped, tmp_path, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "2.5 times more ketamine reaches the blood from an injection than from a pill.",
        "Standard doses of ketamine lift mood in 3 of every 4 patients.",
    ],
    ids=["a_multiple_at_the_head_is_no_paragraph_number", "a_count_after_standard"],
)
def test_a_figure_beside_numbering_words_is_still_read(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    assert "unsourced" in problem_kinds(check_one(shipped, tmp_path, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Clients ask us nearly every day whether the shot works as well as the drip for "
        "depression.",
        "This leaflet compares intravenous and intramuscular ketamine for depression, with a "
        "short note on sprays.",
    ],
    ids=["a_question_reported_with_words_before_whether", "what_the_writing_goes_on_to_do"],
)
def test_a_sentence_stating_no_finding_has_no_problem(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["parts"].get("assertion") == "states no finding", finding
    assert problem_kinds(finding) == set(), finding


def test_one_of_the_patients_counts_nobody(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "One of its patients had the injection [@chilukuri2014acute]."
    )
    assert "mismatch" not in problem_kinds(finding), finding


def test_offering_jabs_as_well_as_drips_compares_nothing(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "Many private clinics now sell ketamine shots as well as drips."
    )
    assert "unsourced" not in problem_kinds(finding), finding


def test_jabs_that_work_as_well_as_drips_still_compare(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "Ketamine shots work as well as drips for easing a migraine."
    )
    assert finding["claim"] is not None or "unsourced" in problem_kinds(finding), finding


# What a review of the pass found, each held here.


def test_a_lay_phrase_naming_the_drug_is_read_whole() -> None:
    from roa_evidence.draftcheck.routes import RouteWords, routes_named, using

    words = RouteWords.build({"IN": ("ketamine nasal spray",)}, ("ketamine",))
    with using(words):
        assert routes_named("She was given a ketamine nasal spray.") == {"IN"}


def test_a_claim_ending_on_its_negation_is_read() -> None:
    from roa_evidence.draftcheck import polarity

    statement = "Evidence on IM ketamine for depression is lacking"  # no full stop
    sentence = "Some trials exist, so the evidence on IM ketamine for depression is not lacking."
    assert polarity.opposite(sentence, statement) is not None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Not more than 20 % of an intramuscular dose reaches the blood.", "mismatch"),
        ("No less than 99 % of an intramuscular dose reaches the blood.", "mismatch"),
    ],
    ids=["not_more_than_is_a_ceiling", "no_less_than_is_a_floor"],
)
def test_a_negated_bound_is_read_the_right_way_round(
    shipped: Run, tmp_path: Path, sentence: str, kind: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == "im-bioavailability-93", finding
    assert kind in problem_kinds(finding), finding


def test_a_few_of_its_patients_are_no_count(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Two of its patients felt sick after the injection [@chilukuri2014acute].",
    )
    assert not {"mismatch", "cited-against"} & problem_kinds(finding), finding


def test_none_lost_consciousness_is_no_dose_kept(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "None lost consciousness after the IM injection.")
    assert finding["claim"] != "im-bioavailability-93", finding


def test_n_patients_each_received_is_still_a_count(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "In that trial, 40 patients each received the injection [@chilukuri2014acute].",
    )
    assert "cited-against" in problem_kinds(finding), finding


def test_a_trial_result_reported_by_patients_is_no_hearsay() -> None:
    from roa_evidence.draftcheck import hedging

    assert hedging.hedge("Patients who had the infusion reported faster relief than IM.") == 0
    assert hedging.hedge("Readers who have had infusions tell us the effects fade fast.") == 3


def test_acting_as_an_agonist_at_the_receptor_is_never_confirmed(
    shipped: Run, tmp_path: Path
) -> None:
    """The one sentence of the final held-out rounds (145-152) reported green on a problem,
    read after they were measured: its cause, in other words."""
    finding = check_one(
        shipped,
        tmp_path,
        "The drug works chiefly as an agonist of the NMDA receptor [@peltoniemi2016ketamine].",
    )
    assert finding["claim"] == "nmda-receptor-target", finding
    assert finding["verdict"] == "opposite", finding
    assert {"opposite", "cited-against"} <= problem_kinds(finding), finding


@pytest.mark.parametrize(
    ("sentence", "keys", "unknown"),
    [
        ("@maya.rose thanks for asking, ketamine clinics vary a lot.", [], False),
        ("As @smith2020 showed, ketamine clinics vary a lot.", ["smith2020"], True),
        ("Ketamine clinics vary a lot [@maya.rose].", ["maya.rose"], True),
        ("The label @ketalar_label lists raised blood pressure.", ["ketalar_label"], False),
    ],
    ids=[
        "a_bare_handle_is_a_mention",
        "a_bare_key_with_a_year_is_cited",
        "a_bracketed_name_is_cited",
        "a_bare_known_key_is_cited",
    ],
)
def test_a_bare_name_that_no_work_has_is_a_mention_not_a_citation(
    shipped: Run, tmp_path: Path, sentence: str, keys: list[str], unknown: bool
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["keys"] == keys, finding
    assert ("unknown-key" in problem_kinds(finding)) is unknown, finding
