"""`check` on the general causes behind the blind round 3's misses and false alarms
(tests/fixtures/drafts/paraphrase-heldout-3.yaml), one test per cause, through the CLI on a
real draft and the shipped base, in sentences worded apart from the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GREEN, Run, check_one, problem_kinds

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow

# A result stated of a study (an outcome, a time, a share, a comparison) is never the claim
# that only describes its design; it goes to the study's claim stating that part, and the
# part is judged. (sentence, the claim, the problems it must get)
RESULTS_OF_A_STUDY = [
    (
        "In Chilukuri's randomized study, patients on the drip improved much more than "
        "patients on the shot [@chilukuri2014acute].",
        "iv-im-no-efficacy-difference-chilukuri",
        {"opposite", "cited-against"},
    ),
    (
        "In Chilukuri's randomized trial, one injection kept symptoms at bay for a month.",
        "chilukuri-effect-sustained-3-days",
        {"mismatch"},
    ),
    (
        "HAM-D scores in the randomized Chilukuri trial fell by half within two hours of "
        "either route.",
        "chilukuri-hamd-reduction-2h",
        {"mismatch"},
    ),
    (
        "The nasal spray did not help depressed patients in the Lapidus study "
        "[@lapidus2014randomized].",
        "in-may-be-effective-depression",
        {"opposite", "cited-against"},
    ),
]


@pytest.mark.parametrize(("sentence", "claim", "kinds"), RESULTS_OF_A_STUDY)
def test_a_result_of_a_study_is_not_its_design_and_is_judged(
    shipped: Run, tmp_path: Path, sentence: str, claim: str, kinds: set[str]
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert kinds <= problem_kinds(finding), finding["problems"]
    assert finding["verdict"] not in GREEN


def test_a_design_described_still_finds_the_design_claim(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Chilukuri's team randomly allocated depressed adults to IV or IM ketamine "
        "[@chilukuri2014acute].",
    )
    assert finding["claim"] == "chilukuri-randomized-trial"
    assert finding["problems"] == []


def test_a_head_to_head_test_flips_a_study_that_compared_nothing(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Lapidus's team compared the nasal route head-to-head with an IV infusion.",
    )
    assert finding["claim"] == "in-no-head-to-head-vs-iv"
    assert "opposite" in problem_kinds(finding)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        # the negation of a reason given for a ranking does not negate the ranking
        (
            "It has been claimed that IM ketamine is simpler to give than IV, since it needs "
            "no pump.",
            "im-simpler-to-administer",
        ),
        # "no real gap between the arms" is a likeness, not a negation
        (
            "Responses to the infusion and to the injection were much the same in the Chilukuri "
            "study, with no real gap between the arms.",
            "iv-im-no-efficacy-difference-chilukuri",
        ),
        # the whole dose in the blood is bioavailability, not the dose in the brain
        ("The whole dose given into a vein ends up in the circulation.", "iv-bioavailability-100"),
    ],
)
def test_true_sentences_get_their_claim_and_no_opposite(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_poor_absorption_after_the_liver_is_the_low_claim_not_a_figure(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "An oral dose is probably poorly absorbed because the liver destroys most of it first.",
    )
    assert finding["claim"] == "oral-bioavailability-low"
    assert "mismatch" not in problem_kinds(finding)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "Some clinics permit screened patients to take intranasal ketamine at home.",
            "in-take-home-use",
        ),
        ("The cannula a drip needs can make patients feel tied down.", "iv-catheter-restrictive"),
        (
            "Routes besides an infusion might offer some benefit for depression.",
            "other-routes-partial-benefit",
        ),
        (
            "The speed at which a nasal spray delivers ketamine to the brain varies widely.",
            "in-rate-variable",
        ),
    ],
)
def test_lay_wordings_find_their_claim(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    assert check_one(shipped, tmp_path, sentence)["claim"] == claim
