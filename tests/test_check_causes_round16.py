"""`check` on the general causes behind the blind round 16's misses
(tests/fixtures/drafts/paraphrase-heldout-16.yaml): a stated time among a cited work's
claims, "the trial was double-blind", a reason opened by "since", and a study of the
writer's own. Through the CLI on a real draft and the shipped base, in sentences worded
apart from the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, problem_kinds

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow


def test_a_stated_time_picks_the_cited_works_claim_about_time(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "In those trials ketamine was run in over about two hours [@zarate2006randomized].",
    )
    assert finding["claim"] == "iv-infusion-over-40-60-min", finding
    assert {"mismatch", "cited-against"} & problem_kinds(finding), finding["problems"]


def test_the_trial_was_double_blind_is_read_against_the_tracked_study(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(shipped, tmp_path, "The trial was double-blind, which reassures readers.")
    assert finding["claim"] == "im-study-not-double-blind", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_a_reason_opened_by_since_is_a_clause_of_its_own(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Intramuscular ketamine skips the liver's first pass, since blood from muscle does "
        "not drain to the portal vein.",
    )
    assert finding["claim"] == "im-no-first-pass", finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]


@pytest.mark.parametrize(
    "sentence",
    ["Our next study will be double-blind.", "A planned trial at our clinic will use a placebo."],
)
def test_a_study_of_ones_own_is_not_a_tracked_one(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] is None, finding
