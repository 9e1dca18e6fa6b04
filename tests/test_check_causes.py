"""`check` on the general causes of issue 23's last misses and false alarms, one test per
cause, each through the CLI on a real draft and the shipped base. The sentences are worded
apart from the labelled corpora's, so that a rule written for a corpus string fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GREEN, Run, check_one, problem_kinds

# (sentence, the claim it repeats, the problems it must have; no others)
CAUSES = [
    # a share that reaches the blood is bioavailability, a share lost on first pass is not
    (
        "About a third of an oral dose reaches the blood.",
        "oral-bioavailability-16",
        {"mismatch", "overclaim"},
    ),
    (
        "About 84 % of an oral dose is metabolised before reaching the bloodstream.",
        "oral-first-pass-84",
        {"overclaim"},
    ),
    # "fully available", "makes it into the circulation": bioavailability in other words
    ("Ketamine into a vein is fully available to the body.", "iv-bioavailability-100", set()),
    (
        "Around a quarter of an intranasal dose makes it into the circulation.",
        "in-bioavailability-25-50",
        {"overclaim"},
    ),
    # "cut with" is adulterated
    (
        "All street ketamine samples were cut with other substances.",
        "street-ketamine-100-adulterated",
        {"overclaim"},
    ),
    # "antagonises", "blocks": the receptor target
    ("Ketamine given IV antagonises NMDA receptors.", "nmda-receptor-target", set()),
    ("Ketamine does not block the NMDA receptor.", "nmda-receptor-target", {"opposite"}),
    # one site or study against several
    (
        "The IM depression study took place at several hospitals.",
        "im-study-local-hospital-india",
        {"opposite"},
    ),
    (
        "There are many published studies of intranasal ketamine for depression.",
        "in-single-published-study",
        {"opposite"},
    ),
    # comparison words citing a trial go to the claim comparing the routes
    (
        "IM ketamine beat IV ketamine in the Chilukuri trial [@chilukuri2014acute].",
        "iv-im-no-efficacy-difference-chilukuri",
        {"opposite", "cited-against"},
    ),
    (
        "IV and IM ketamine did equally well in the Chilukuri trial [@chilukuri2014acute].",
        "iv-im-no-efficacy-difference-chilukuri",
        set(),
    ),
    # tolerability is its own scale: "better tolerated" is not "more effective"
    (
        "IM ketamine is better tolerated than IV ketamine.",
        "iv-better-tolerated-than-im",
        {"opposite"},
    ),
]


@pytest.mark.parametrize(("sentence", "claim", "kinds"), CAUSES)
def test_each_cause_gets_the_right_claim_and_problems(
    shipped: Run, tmp_path: Path, sentence: str, claim: str, kinds: set[str]
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert problem_kinds(finding) == kinds, finding["problems"]
    if kinds:
        assert finding["verdict"] not in GREEN


@pytest.mark.parametrize(
    "sentence",
    [
        "It is not known whether intravenous ketamine acts faster than intramuscular ketamine.",
        "Whether IM ketamine has a faster onset than IV ketamine is unclear.",
    ],
)
def test_an_open_question_is_never_an_opposite(shipped: Run, tmp_path: Path, sentence: str) -> None:
    """ "Unclear whether X" asks what "unclear whether not X" asks: it flips nothing."""
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] is not None
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_the_opposite_of_a_partly_right_appraisal_is_not_a_problem(
    shipped: Run, tmp_path: Path
) -> None:
    """The IM study had an active (IV) control arm: 'no control group' is only partly right."""
    finding = check_one(shipped, tmp_path, "The IM depression study had a control group.")
    assert finding["claim"] == "im-study-no-control-group"
    assert finding["problems"] == []
    assert finding["verdict"] == "partly"


@pytest.mark.parametrize(
    "sentence",
    [
        "The IM depression study was run at one hospital in India.",
        "At least one study of intranasal ketamine for depression has been published.",
    ],
)
def test_one_against_one_or_at_least_one_is_no_flip(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    assert "opposite" not in problem_kinds(check_one(shipped, tmp_path, sentence))


def test_a_ranking_against_a_likeness_is_never_green_however_loosely_worded(
    shipped: Run, tmp_path: Path
) -> None:
    """A comparison is read for a flip even when the rest of the sentence is worded far from
    the claim (a cited match with a low similarity used to skip it, and came back green)."""
    finding = check_one(
        shipped,
        tmp_path,
        "Intramuscular dosing outperformed intravenous dosing in the one randomised "
        "head-to-head comparison [@chilukuri2014acute].",
    )
    assert finding["verdict"] not in GREEN
    assert "opposite" in problem_kinds(finding), finding


def test_an_arm_of_a_trial_is_not_a_mismatch_with_its_total(shipped: Run, tmp_path: Path) -> None:
    """The trial's n is 27; 18 and 9 are its arms. A claim with no count of its own knows
    only the total, so a smaller count is not a different number."""
    finding = check_one(
        shipped,
        tmp_path,
        "The IM arm of the Chilukuri trial had 18 patients and the IV arm had 9 "
        "[@chilukuri2014acute].",
    )
    assert finding["claim"] == "chilukuri-randomized-trial"
    assert "mismatch" not in problem_kinds(finding), finding["problems"]


def test_a_claim_with_its_own_count_still_catches_a_smaller_one(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped, tmp_path, "The IM depression study gave IM ketamine to 12 subjects."
    )
    assert finding["claim"] == "im-study-18-subjects"
    assert "mismatch" in problem_kinds(finding)


def test_limited_evidence_for_it_is_a_very_uncertain_hedge(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Oral ketamine has low bioavailability, though the evidence for this is limited.",
    )
    assert finding["claim"] is not None
    assert "overclaim" not in problem_kinds(finding), finding["problems"]


@pytest.mark.parametrize(
    "sentence",
    [
        # a question asserts nothing
        "Is a shot in the muscle as good as a drip?",
        "Does IM ketamine really have a bioavailability of 39 %?",
        # what the evidence does not show is not its negation
        "The evidence does not show that IM ketamine is cheaper than IV ketamine.",
        # "not always cheaper" agrees with "can be cheaper"
        "Intranasal ketamine is not always cheaper than an infusion, though this is very uncertain.",
    ],
)
def test_sentences_that_assert_nothing_false_get_no_problem(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["problems"] == [], finding


def test_a_flat_negation_is_still_an_opposite(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "IM ketamine is not cheaper than IV ketamine.")
    assert finding["claim"] == "im-cheaper-than-iv"
    assert "opposite" in problem_kinds(finding)


def test_controlled_clinical_settings_are_not_rate_control(shipped: Run, tmp_path: Path) -> None:
    """'cannot be adjusted' is about control of the dose; 'controlled clinical settings'
    (a safety claim) is not, so it is never this sentence's claim, nor flipped by it."""
    finding = check_one(
        shipped,
        tmp_path,
        "While a drip lets staff adjust the dose, a shot in the muscle cannot be adjusted once "
        "given, although the evidence is very uncertain.",
    )
    assert finding["claim"] != "iv-im-safe-clinical-settings"
    assert "opposite" not in problem_kinds(finding)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "After a single dose the benefit was gone by the following day in the Chilukuri "
            "trial [@chilukuri2014acute].",
            "chilukuri-effect-sustained-3-days",
        ),
        ("The IM depression study was a multi-centre trial.", "im-study-local-hospital-india"),
    ],
)
def test_an_effect_gone_overnight_and_a_multicentre_trial_are_opposites(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    """The first came back `confirmed` against the three-day claim: green on a difference."""
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim
    assert "opposite" in problem_kinds(finding), finding["problems"]
    assert finding["verdict"] not in GREEN


def test_a_negation_repeated_over_a_list_negates_once(shipped: Run, tmp_path: Path) -> None:
    """ "no drip and no catheter" is one negation, as the claim's "no equipment" is."""
    finding = check_one(
        shipped,
        tmp_path,
        "Nasal ketamine needs no drip and no catheter, though this is very uncertain.",
    )
    assert finding["claim"] == "in-no-special-equipment"
    assert finding["problems"] == []


def test_a_double_negation_still_flips(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "It is not true that IV ketamine has no first-pass metabolism."
    )
    assert finding["claim"] == "iv-no-first-pass"
    assert "opposite" in problem_kinds(finding)


@pytest.mark.parametrize(
    "sentence",
    [
        # two clauses, each with its own "not": not a list
        "Not every patient responds to a single nasal treatment, so one failure may not "
        "mean much, though this is uncertain.",
        # a trailing contrast does not negate the clause
        "The drip is usually given over 40 to 60 minutes, not faster.",
        # "more common" is what Roback found against "minimal vomiting": no problem
        "In children, vomiting was more common after IM ketamine [@roback2006randomized].",
    ],
)
def test_negations_and_antonyms_read_in_their_scope(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] is not None
    assert finding["problems"] == [], finding["problems"]


def test_common_against_rare_is_an_opposite(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "Side effects such as nausea are common after IV and IM ketamine."
    )
    assert finding["claim"] == "side-effects-rare-mild-transient"
    assert "opposite" in problem_kinds(finding)


def test_the_most_common_route_is_not_a_frequency(shipped: Run, tmp_path: Path) -> None:
    """ "second most common ..., though still rare" holds both words; neither flips it."""
    finding = check_one(
        shipped,
        tmp_path,
        "Intranasal is still a rare ketamine route for depression, though this is very uncertain.",
    )
    assert finding["claim"] == "in-second-most-common"
    assert "opposite" not in problem_kinds(finding)
