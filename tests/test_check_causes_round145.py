"""`check` on the general causes behind the misses and false alarms of rounds 145-152 (and
the one sentence of 165-172 reported green), read in the twenty-third pass (docs/check.md).
Through the CLI on a real draft and the shipped base, in sentences worded apart from the
rounds'. Each case names the rule that finds it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, problem_kinds

FOUND_WITH_PROBLEM = [
    pytest.param(
        "In Chilukuri's study, shots ended up beating infusions on depression scores "
        "[@chilukuri2014acute].",
        "iv-im-no-efficacy-difference-chilukuri",
        "opposite",
        id="beating_ranks_the_routes_as_beats_does",
    ),
    pytest.param(
        "Staff on the ward can turn the infusion off the moment a patient feels unwell.",
        "iv-instant-shut-off",
        "overclaim",
        id="turning_the_drip_off_is_shutting_it_off",
    ),
    pytest.param(
        "Patients with a cardiac or psychiatric history should have nurses supervising them "
        "throughout any ketamine treatment.",
        "professional-oversight-cardiac-psychiatric",
        "overclaim",
        id="nurses_supervising_them_is_professional_oversight",
    ),
    pytest.param(
        "HAM-D scores dropped by more than half within two hours in every arm "
        "[@lapidus2014randomized].",
        "chilukuri-hamd-reduction-2h",
        "cited-against",
        id="a_claim_about_one_named_study_cited_to_another",
    ),
    pytest.param(
        "Racemic ketamine as a nasal spray now has a raft of published depression trials "
        "behind it.",
        "in-single-published-study",
        "opposite",
        id="a_raft_of_trials_is_many",
    ),
    pytest.param(
        "The same authors reported that the muscle injection clearly beat the infusion "
        "[@chilukuri2014acute].",
        "iv-im-no-efficacy-difference-chilukuri",
        "opposite",
        id="the_same_authors_point_back_they_say_nothing_alike",
    ),
    pytest.param(
        "Blood pressure usually drops during an IV ketamine infusion.",
        "iv-transient-blood-pressure-rise",
        "opposite",
        id="drops_is_the_contrary_of_increases",
    ),
    pytest.param(
        "Side effects of IV and IM ketamine, such as nausea and dizziness, are severe and lasting.",
        "side-effects-rare-mild-transient",
        "opposite",
        id="severe_and_lasting_are_the_contraries_of_mild_and_transient",
    ),
]
FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "Chilukuri's group ran a randomised trial in India, setting an infusion against two "
        "different intramuscular doses.",
        "chilukuri-randomized-trial",
        "opposite",
        id="two_different_doses_is_no_difference_found",
    ),
]

test_each_cause_is_read = found_test(FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM)


def test_a_trial_shown_beating_the_other_route_is_never_confirmed(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "The randomised trial from India had the jab outperforming the drip for low mood "
        "[@chilukuri2014acute].",
    )
    assert finding["verdict"] not in ("confirmed", "supported"), finding
    assert {"opposite", "cited-against"} <= problem_kinds(finding), finding


def test_close_watching_stays_a_word_of_the_dose(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Because its speed can be set exactly, a drip suits anyone needing close watching.",
    )
    assert finding["claim"] == "iv-precise-dosing-close-monitoring", finding


def test_little_solid_evidence_is_a_hedge_of_the_very_uncertain(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "There is little solid evidence on this, but an IV ketamine infusion may cause a brief "
        "rise in blood pressure.",
    )
    assert finding["claim"] == "iv-transient-blood-pressure-rise", finding
    assert "overclaim" not in problem_kinds(finding), finding


def test_a_cited_work_against_a_negation_is_no_surer_than_the_negation(
    shipped: Run, tmp_path: Path
) -> None:
    """'supports the claim this sentence negates' rests on reading the negation: a doubtful
    negation ("...was not significant" read as denying the claim of no difference) leaves
    the cited-against as doubtful, and the sentence is reported without either."""
    sentence = (
        "In that head-to-head trial, those given the jab got better about as much as those on "
        "the drip, and the difference between the groups was not significant "
        "[@chilukuri2014acute]."
    )
    finding = check_one(shipped, tmp_path, sentence)
    confidence = {p["kind"]: p["confidence"] for p in finding["problems"]}
    assert confidence["opposite"] < 0.5, finding
    assert confidence["cited-against"] <= confidence["opposite"], finding
    draft = tmp_path / "draft.md"
    result = shipped("check", str(draft), "--format", "json")
    assert result.exit_code == 0, result.stderr
    [reported] = json.loads(result.stdout)["findings"]
    assert problem_kinds(reported) == set(), reported


@pytest.mark.parametrize(
    "sentence",
    [
        "It is often said that side effects from either IV or IM ketamine are rare, mild "
        "and short-lived [@short2018sideeffects].",
        "It is frequently said that side effects from either IV or IM ketamine are rare, mild "
        "and short-lived [@short2018sideeffects].",
        "Side effects of a drip or an intramuscular shot are mild and fade quickly "
        "[@short2018sideeffects].",
    ],
    ids=[
        "often_said_ranks_nothing",
        "frequently_said_hedges",
        "side_effects_that_fade_quickly_are_transient",
    ],
)
def test_the_claim_of_mild_side_effects_is_read_as_asserted(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    """Asserted, not flipped: the cited review contradicts it (and a plain statement of it
    overclaims)."""
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == "side-effects-rare-mild-transient", finding
    assert "opposite" not in problem_kinds(finding), finding
    assert "cited-against" in problem_kinds(finding), finding
    hedged = sentence.startswith("It is")
    assert ("overclaim" in problem_kinds(finding)) != hedged, finding


@pytest.mark.parametrize(
    "sentence",
    [
        "In hospices ketamine is often run under the skin from a small pump over the whole day.",
        "She was kept in overnight after her first ketamine infusion.",
        "Ketamine routes, an overview (nursing module, week 3).",
    ],
    ids=["over_a_span_of_time_compares_nothing", "overnight_is_a_storys_time", "a_courses_week"],
)
def test_no_figure_and_nothing_to_check(shipped: Run, tmp_path: Path, sentence: str) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert problem_kinds(finding) == set(), finding
    assert not finding.get("not_checked"), finding


def test_a_route_preferred_over_another_still_ranks() -> None:
    from roa_evidence.draftcheck import polarity

    assert polarity.has_than("Patients preferred the shot over the drip.")
    assert not polarity.has_than("The pump delivers it steadily over several hours.")


def test_different_results_are_still_a_difference(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "IV and IM ketamine gave different results in that trial."
    )
    assert finding["claim"] == "iv-im-no-efficacy-difference-chilukuri", finding
    assert "opposite" in problem_kinds(finding), finding


def test_the_same_effect_is_still_a_likeness(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "IM and IV ketamine had the same effect on depression in that trial [@chilukuri2014acute].",
    )
    assert finding["claim"] == "iv-im-no-efficacy-difference-chilukuri", finding
    assert "opposite" not in problem_kinds(finding), finding


def test_a_contrary_said_of_something_else_reverses_nothing(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "Oral ketamine has low bioavailability and a high first-pass loss."
    )
    assert finding["claim"] is not None and "bioavailability" in finding["claim"], finding
    assert "opposite" not in problem_kinds(finding), finding


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "Contrary to claims that no valid data exist on IM ketamine for depression, a small "
            "double-blind trial did include an IM arm [@loo2016placebo].",
            "im-no-valid-efficacy-data",
        ),
        (
            "Some say there is zero valid data on intramuscular ketamine for depression, but a "
            "small blinded trial did give it [@loo2016placebo].",
            "im-no-valid-efficacy-data",
        ),
        (
            "Patients are often told that IV infusion is the only route whose delivery rate can "
            "be controlled, which is simply untrue [@hardy2012randomized].",
            "iv-only-route-rate-controlled",
        ),
        (
            "The leaflet says the drip is the only route whose rate staff can control, but "
            "subcutaneous pumps were adjusted for days in one large trial "
            "[@hardy2012randomized].",
            "iv-only-route-rate-controlled",
        ),
    ],
    ids=[
        "contrary_to_claims_that_denies",
        "zero_data_is_no_data",
        "denied_just_after_its_clause",
        "a_documents_claim_answered_with_a_trial",
    ],
)
def test_a_claim_denied_or_said_to_be_wrong_is_not_asserted(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert problem_kinds(finding) == set(), finding


def test_zero_data_asserted_plainly_is_the_claim_overclaimed(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "There is zero valid data on intramuscular ketamine for depression."
    )
    assert finding["claim"] == "im-no-valid-efficacy-data", finding
    assert problem_kinds(finding) == {"overclaim"}, finding


def test_not_true_of_other_routes_denies_nothing(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "IV infusion is the only route whose rate of delivery can be controlled, and that is "
        "not true of any other route.",
    )
    assert "overclaim" in problem_kinds(finding), finding


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "HAM-D scores dropped by 58-60 % within two hours in every arm, but with no placebo "
            "arm the drop cannot be credited to ketamine [@chilukuri2014acute].",
            "chilukuri-hamd-reduction-2h",
        ),
        (
            "Intramuscular ketamine seems to ease depression quickly, but with no placebo group "
            "the change cannot be attributed to the drug [@chilukuri2014acute].",
            "im-effective-depression",
        ),
    ],
    ids=["cannot_be_credited", "cannot_be_attributed"],
)
def test_a_caveat_on_the_cause_denies_nothing(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert "opposite" not in problem_kinds(finding), finding


# What a second reader of the pass found, each held here.
@pytest.mark.parametrize(
    ("sentence", "claim", "not_reported"),
    [
        (
            "Side effects of IV and IM ketamine, such as nausea and dizziness, are rare, mild "
            "and transient [@ketalar_label].",
            "side-effects-rare-mild-transient",
            "cited-against",  # "Side" begins the sentence: no study's author
        ),
        (
            "Unlike IM ketamine, an IV infusion reaches the brain at a steady, controlled rate.",
            "im-rate-uncontrolled",
            "opposite",  # the steady rate is said of IV
        ),
        (
            "The single IM depression study had high dropout.",
            "im-study-poor-quality",
            "opposite",  # high dropout is no contrary of poor quality
        ),
        (
            "IV infusion is the only route whose rate of delivery can be controlled, which is "
            "not the case with subcutaneous pumps.",
            "iv-only-route-rate-controlled",
            "",  # a restriction after the claim, not a denial of it: still an overclaim
        ),
    ],
    ids=[
        "a_capital_is_no_author",
        "a_contrary_of_another_route",
        "a_general_word_anchors_nothing",
        "not_the_case_with_is_a_restriction",
    ],
)
def test_what_the_review_found_is_read_right(
    shipped: Run, tmp_path: Path, sentence: str, claim: str, not_reported: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    if not_reported:
        assert not_reported not in problem_kinds(finding), finding
    else:
        assert "overclaim" in problem_kinds(finding), finding


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "IM and IV ketamine had a different effect on depression in that trial "
            "[@chilukuri2014acute].",
            "iv-im-no-efficacy-difference-chilukuri",
        ),
        ("IV and IM ketamine were tolerated the same in trials.", "iv-better-tolerated-than-im"),
    ],
    ids=["a_different_effect_is_a_difference", "the_same_in_trials_is_a_likeness"],
)
def test_a_difference_or_a_likeness_stated_still_flips(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert "opposite" in problem_kinds(finding), finding
