"""`check` on the general causes behind the misses of blind rounds 25 and 27 (and the
rounds before them that showed the same cause): how much a route has been studied, a heart
rate or a blood pressure raised or lowered, the lining of the nose, a dose that goes
through the liver, effects that subside within a time, "No," answering a question.
Through the CLI on a real draft and the shipped base, in sentences worded apart from the
corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GREEN, Run, check_one, problem_kinds
from roa_evidence.draftcheck import numbers

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "sentence",
    [
        "Infusions have been researched less than any of the other routes.",
        "Of all the routes, the drip is the least studied one.",
    ],
)
def test_studied_less_than_the_rest_reverses_the_most_researched(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert "opposite" in problem_kinds(finding), finding


@pytest.mark.parametrize(
    "sentence",
    [
        "The drip has been studied more than any other route.",
        "Of all the routes, the drip has the largest body of clinical research behind it.",
    ],
)
def test_studied_more_than_the_rest_is_the_most_researched(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] in {"iv-most-researched-route", "iv-most-common-most-studied"}
    assert "opposite" not in problem_kinds(finding), finding


def test_a_heart_rate_not_raised_denies_tachycardia(shipped: Run, tmp_path: Path) -> None:
    denied = check_one(shipped, tmp_path, "An IM injection will not push up your pulse.")
    assert denied["claim"] == "im-tachycardia", denied
    assert "opposite" in problem_kinds(denied), denied
    stated = check_one(shipped, tmp_path, "An IM injection can raise your heart rate, reportedly.")
    assert stated["claim"] == "im-tachycardia", stated
    assert "opposite" not in problem_kinds(stated), stated


def test_a_blood_pressure_lowered_denies_a_rise(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "A ketamine drip usually lowers the patient's blood pressure."
    )
    assert finding["claim"] == "iv-transient-blood-pressure-rise", finding
    assert "opposite" in problem_kinds(finding), finding


def test_nearly_all_taken_up_by_the_nose_reverses_most_not_absorbed(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Almost all of every puff of the spray crosses the lining of the nose, we are told.",
    )
    assert finding["claim"] == "in-most-dose-not-absorbed", finding
    assert "opposite" in problem_kinds(finding), finding


@pytest.mark.parametrize(
    "sentence",
    [
        "An IM dose is still subject to hepatic first-pass metabolism.",
        "A jab in the arm passes through the liver like any tablet does.",
    ],
)
def test_a_dose_through_the_liver_has_a_first_pass(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == "im-no-first-pass", finding
    assert "opposite" in problem_kinds(finding), finding


def test_no_first_pass_without_the_liver_is_not_reversed(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "From the muscle the drug reaches the brain without passing through the liver, so an "
        "IM dose avoids first-pass metabolism.",
    )
    assert "opposite" not in problem_kinds(finding), finding


def test_no_answering_a_question_is_not_a_negation(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "A: No, an intramuscular dose is metabolised by the liver first."
    )
    assert finding["claim"] == "im-no-first-pass", finding
    assert "opposite" in problem_kinds(finding), finding


def test_effects_that_subside_within_a_time_last_that_long(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "The effects of an IM injection subside within about ten minutes."
    )
    assert finding["claim"] == "im-duration-30-60-min", finding
    assert "mismatch" in problem_kinds(finding), finding
    within = check_one(
        shipped,
        tmp_path,
        "The effects of an IM injection reportedly wear off somewhere between half an hour "
        "and an hour.",
    )
    assert within["claim"] == "im-duration-30-60-min", within
    assert not {"opposite", "mismatch"} & problem_kinds(within), within


def test_a_benefit_still_present_after_a_fortnight_is_sustained(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "In the Chilukuri trial the improvement was still present a fortnight after the dose.",
    )
    assert finding["claim"] == "chilukuri-effect-sustained-3-days", finding
    assert "mismatch" in problem_kinds(finding), finding
    assert "opposite" not in problem_kinds(finding), finding
    assert finding["verdict"] not in GREEN


def test_a_dozen_is_twelve() -> None:
    [found] = numbers.quantities("A dozen volunteers took part.")
    assert (found.low, found.dimension) == (12.0, "participants")


def test_allocated_by_chance_is_randomised(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "The Chilukuri team put their patients into groups at random."
    )
    assert finding["claim"] == "chilukuri-randomized-trial", finding
    assert not problem_kinds(finding), finding


def test_came_out_ahead_of_ranks(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "In the Chilukuri trial the IV arm came out well ahead of the IM arms on depression "
        "scores [@chilukuri2014acute].",
    )
    assert finding["claim"] == "iv-im-no-efficacy-difference-chilukuri", finding
    assert "opposite" in problem_kinds(finding), finding


def test_contrary_to_a_source_is_a_lead_in(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Contrary to the older pharmacology books, ketamine switches NMDA receptors on.",
    )
    assert finding["claim"] == "nmda-receptor-target", finding
    assert "opposite" in problem_kinds(finding), finding


@pytest.mark.parametrize(
    "sentence",
    [
        "Infusions simply fail to touch depression.",
        "For depression the infusion did no better than injecting saline.",
    ],
)
def test_more_words_for_no_effect(shipped: Run, tmp_path: Path, sentence: str) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert "opposite" in problem_kinds(finding), finding


@pytest.mark.parametrize("hedge", ["appears to have", "seems to have", "perhaps has"])
def test_a_may_level_hedge_in_other_words_hedges_a_low_certainty_claim(
    shipped: Run, tmp_path: Path, hedge: str
) -> None:
    """The sentence's may-level hedges ("appears to", "perhaps") had been shadowed by the
    rewording's own pattern of the same name, which knows only "may", "might" and "could"."""
    finding = check_one(
        shipped,
        tmp_path,
        f"Swallowed ketamine {hedge} low bioavailability, because most of an oral dose is "
        "metabolised on first pass.",
    )
    assert finding["claim"] == "oral-bioavailability-low", finding
    assert "overclaim" not in problem_kinds(finding), finding


def test_a_work_the_base_does_not_link_never_vouches(shipped: Run, tmp_path: Path) -> None:
    """A street-drug survey cited for an efficacy claim had made the sentence 'strong'. (Since
    the thirty-first pass that survey's own record, a study of recreational use, makes it
    cited-against: tests/test_check_causes_round213.py. A work of any condition the base
    links to nothing stays only a doubt.)"""
    finding = check_one(
        shipped,
        tmp_path,
        "IV ketamine probably gives rapid relief of depression [@rosenbaum2024ketamine].",
    )
    assert finding["claim"] == "iv-effective-rapid-depression", finding
    assert finding["verdict"] not in GREEN, finding
    assert finding["parts"]["citations"] == "not linked to the claim", finding["parts"]
    assert "cites a work not linked to it" in finding["loose"], finding
    linked = check_one(
        shipped,
        tmp_path,
        "IV ketamine probably gives rapid relief of depression [@kishimoto2016single].",
    )
    assert linked["parts"]["citations"] == "agrees", linked


def test_a_work_on_another_condition_is_cited_against(shipped: Run, tmp_path: Path) -> None:
    """The pain meta-analysis cited for depression had pulled the sentence to the pain claim,
    where it was read as a mismatch of condition, not a citation of the wrong work."""
    finding = check_one(
        shipped,
        tmp_path,
        "IV ketamine probably relieves depression rapidly and effectively, as a meta-analysis "
        "showed [@orhurhu2019ketamine].",
    )
    assert finding["claim"] != "iv-im-effective-chronic-pain", finding
    assert "cited-against" in problem_kinds(finding), finding
    pain = check_one(
        shipped,
        tmp_path,
        "It is very uncertain whether IV and IM ketamine relieve chronic pain quickly "
        "[@orhurhu2019ketamine].",
    )
    assert pain["claim"] == "iv-im-effective-chronic-pain", pain
    assert "cited-against" not in problem_kinds(pain), pain


def test_a_speakers_label_is_not_part_of_what_is_said(shipped: Run, tmp_path: Path) -> None:
    """A transcript's "MARA:" had been read as a name the claim lacks, and lost the match."""
    said = "TESSA: Hamilton scores went down by roughly a third within a couple of hours in all three arms."
    finding = check_one(shipped, tmp_path, said)
    assert finding["claim"] == "chilukuri-hamd-reduction-2h", finding
    assert "mismatch" in problem_kinds(finding), finding
    assert finding["sentence"].startswith("TESSA:"), finding  # shown as written
    route = check_one(shipped, tmp_path, "IM: Effects last 30-60 minutes, reportedly.")
    assert route["claim"] == "im-duration-30-60-min", route


def test_a_couple_of_is_two() -> None:
    [found] = numbers.quantities("within a couple of hours")
    assert (found.low, found.dimension) == (120.0, "time")


def test_neck_and_neck_is_no_difference(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "In the Chilukuri trial the drip and the jab finished neck and neck on depression "
        "scores [@chilukuri2014acute].",
    )
    assert finding["claim"] in {
        "iv-im-no-efficacy-difference-chilukuri",
        "im-as-effective-as-iv-depression",
    }, finding
    assert "opposite" not in problem_kinds(finding), finding


def test_a_trial_set_directly_against_a_route_or_a_dummy(shipped: Run, tmp_path: Path) -> None:
    routes = check_one(
        shipped,
        tmp_path,
        "The Lapidus trial pitted the nasal spray directly against an IV drip "
        "[@lapidus2014randomized].",
    )
    assert routes["claim"] == "in-no-head-to-head-vs-iv", routes
    assert "opposite" in problem_kinds(routes), routes
    dummy = check_one(
        shipped,
        tmp_path,
        "The Lapidus trial pitted the nasal spray directly against saline "
        "[@lapidus2014randomized].",
    )
    assert "opposite" not in problem_kinds(dummy), dummy


@pytest.mark.parametrize(
    "sentence",
    [
        "IM ketamine loses some of the dose in the muscle, so its bioavailability is about 93 %.",
        "Oral bioavailability falls short of 20 % in most studies.",
        "IV ketamine has been studied less than other antidepressants such as SSRIs.",
        "Clonidine lowers blood pressure during IV ketamine infusions.",
        "An IV dose passes through the liver only after it has circulated round the body.",
        "IM ketamine came out ahead of IV ketamine on cost.",
        "No, or very little, first-pass metabolism occurs after an IM injection.",
    ],
)
def test_a_second_readers_probes_are_not_reversals(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    """Ordinary sentences a second reader found read as the opposite of a claim by this
    pass's first rules (another drug lowering blood pressure, a bound, later clearance)."""
    finding = check_one(shipped, tmp_path, sentence)
    assert "opposite" not in problem_kinds(finding), finding


@pytest.mark.parametrize(
    "sentence",
    [
        "Session 2: dissociation during the infusion, settled within the observation period.",
        "Referred by her GP, a 52-year-old man with depression asked about ketamine.",
        "New treatments for depression are arriving faster than at any time in a generation.",
    ],
)
def test_a_note_label_an_age_or_an_off_subject_ranking_is_not_unsourced(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert "unsourced" not in problem_kinds(finding), finding


def test_a_routes_ranking_is_still_unsourced(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "Sublingual ketamine acts faster than a subcutaneous injection."
    )
    assert "unsourced" in problem_kinds(finding), finding


def test_no_placebo_in_a_list_of_flaws_is_a_design_not_a_negation(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Chilukuri design flaws: open-label, eighteen on IM, no placebo [@chilukuri2014acute].",
    )
    assert not {"opposite", "cited-against"} & problem_kinds(finding), finding


def test_a_work_on_other_claims_only_is_cited_against(shipped: Run, tmp_path: Path) -> None:
    """The writers' cited-against includes a source that says something else; the base
    knows what each linked work bears on."""
    finding = check_one(
        shipped,
        tmp_path,
        "IV ketamine probably gives rapid relief of depression [@roback2006randomized].",
    )
    assert finding["claim"] == "iv-effective-rapid-depression", finding
    [cited] = [p for p in finding["problems"] if p["kind"] == "cited-against"]
    assert "roback2006randomized is not evidence on this claim" in cited["detail"], cited
    both = check_one(
        shipped,
        tmp_path,
        "IV ketamine probably gives rapid relief of depression [@kishimoto2016single; "
        "@roback2006randomized].",
    )
    assert "cited-against" not in problem_kinds(both), both  # one cited work bears on it


def test_metabolites_that_swamp_the_drug_outweigh_it(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "After an oral dose, breakdown products reportedly swamp the ketamine itself on the way "
        "to the brain.",
    )
    assert finding["claim"] == "oral-metabolites-dwarf-ketamine", finding
    assert "opposite" not in problem_kinds(finding), finding


def test_what_the_nose_cannot_soak_up_is_not_absorbed(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Most of each puff of a nasal spray never reaches the part of the nose that can soak "
        "it up.",
    )
    assert finding["claim"] == "in-most-dose-not-absorbed", finding
    assert "opposite" not in problem_kinds(finding), finding


def test_a_verdict_label_is_not_a_speaker(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "False: Intravenous ketamine has 100 % bioavailability.")
    assert finding["verdict"] not in GREEN, finding
    assert "opposite" in problem_kinds(finding), finding


def test_a_comparison_with_placebo_is_no_design() -> None:
    from roa_evidence.draftcheck import designs

    assert designs.read("IV ketamine was no better than placebo.").terms == {"placebo"}
    assert designs.read("The trial had no placebo arm.").terms == {"uncontrolled"}
    assert designs.read("It was not placebo-controlled.").terms == {"uncontrolled"}


@pytest.mark.parametrize(
    ("sentence", "reversed_"),
    [
        ("False: the Chilukuri study was double-blind.", False),
        ("It is a myth that the Chilukuri study was double-blind.", False),
        ("False: the Chilukuri study was not double-blind.", True),
    ],
)
def test_a_statement_denied_whole_denies_the_design_it_states(
    shipped: Run, tmp_path: Path, sentence: str, reversed_: bool
) -> None:
    """A newcomer's "False: ... was double-blind" had been called the opposite of "was not
    double-blind", which is what it says."""
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == "im-study-not-double-blind", finding
    assert ("opposite" in problem_kinds(finding)) is reversed_, finding
