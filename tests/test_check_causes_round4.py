"""`check` on the general causes behind the blind round 4's misses and false alarm
(tests/fixtures/drafts/paraphrase-heldout-4.yaml), one test per cause, through the CLI on a
real draft and the shipped base, in sentences worded apart from the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, problem_kinds

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow

# The antonym of a claim's comparative, however the ranking is worded, is a flip.
ANTONYMS = [
    # "more difficult" is about giving a dose, as "simpler" is
    (
        "An intramuscular injection is more difficult to give than an infusion.",
        "im-simpler-to-administer",
    ),
    # "more than IV does": a ranking of routes, not a bound like "more than 40 %"
    (
        "The spray pushes up blood pressure and heart rate more than IV ketamine does.",
        "in-smaller-dissociation-bp-hr",
    ),
    # "cost the patient more": the payer named between does not hide the ranking
    ("Intramuscular shots cost the patient more than an infusion does.", "im-cheaper-than-iv"),
]


@pytest.mark.parametrize(("sentence", "claim"), ANTONYMS)
def test_an_antonym_of_the_claims_comparative_is_opposite(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_compared_directly_is_a_head_to_head_comparison(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "The Lapidus team compared intranasal ketamine directly against intravenous ketamine.",
    )
    assert finding["claim"] == "in-no-head-to-head-vs-iv", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_a_named_study_without_a_route_still_finds_its_claim(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "Chilukuri's study enrolled patients at many hospitals in India."
    )
    assert finding["claim"] == "im-study-local-hospital-india", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_how_long_a_drip_takes_to_run_is_its_infusion_time(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "An intravenous drip usually needs around three hours to run."
    )
    assert finding["claim"] == "iv-infusion-over-40-60-min", finding
    assert "mismatch" in problem_kinds(finding), finding["problems"]


def test_about_an_hour_to_run_still_agrees_with_40_to_60_minutes(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(shipped, tmp_path, "A drip takes about an hour to run.")
    assert finding["claim"] == "iv-infusion-over-40-60-min", finding
    assert finding["problems"] == []


def test_little_evidence_about_tolerating_is_a_hedge_not_a_flip(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Research offers little evidence that a shot is harder to tolerate than a drip.",
    )
    assert finding["claim"] != "im-simpler-to-administer", finding
    assert problem_kinds(finding) == set(), finding["problems"]


def test_a_modal_in_a_relative_clause_does_not_hedge_the_finding(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Most of an intranasal dose probably fails to reach the membrane in the nose, where it "
        "might be absorbed.",
    )
    assert finding["claim"] == "in-most-dose-not-absorbed", finding
    assert "overclaim" in problem_kinds(finding), finding["problems"]
