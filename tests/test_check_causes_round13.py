"""`check` on the general causes behind the blind rounds 13 and 14's false alarms and
misses (tests/fixtures/drafts/paraphrase-heldout-13.yaml, -14.yaml): escaping the liver's
first pass, a negation in a relative clause, after "but we" or in a second predicate, "more
of a hassle", "every 10 minutes", "this study was double-blind". Through the CLI on a real
draft and the shipped base, in sentences worded apart from the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, problem_kinds
from roa_evidence.draftcheck.numbers import quantities

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow

# Each says what its claim says; a negation elsewhere in it is about something else.
AGREEING = [
    (
        "Intramuscular ketamine bypasses the liver's first pass, as the drug leaves the muscle "
        "straight into the blood.",
        "im-no-first-pass",
    ),
    (
        "IM bioavailability is usually given as 93 %, but we found no human study behind it, "
        "so it is very uncertain.",
        "im-bioavailability-93",
    ),
    (
        "The Chilukuri trial took place at one hospital in India and was not blinded "
        "[@chilukuri2014acute].",
        "im-study-local-hospital-india",
    ),
]


@pytest.mark.parametrize(("sentence", "claim"), AGREEING)
def test_no_opposite_from_a_negation_elsewhere(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_a_relative_clause_about_people_does_not_flip_the_finding(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "An infusion probably eases depression quickly for many patients who have not "
        "responded to other drugs [@kishimoto2016single].",
    )
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_more_of_a_hassle_ranks_on_ease(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "A shot in the muscle is more of a hassle than a drip.")
    assert finding["claim"] == "im-simpler-to-administer", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_that_study_was_double_blind_is_read_against_the_tracked_study(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(shipped, tmp_path, "This study was double-blind, which adds weight to it.")
    assert finding["claim"] == "im-study-not-double-blind", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_how_often_is_not_how_long() -> None:
    assert quantities("blood pressure every 10 minutes") == []
    assert [q.text for q in quantities("a drip of 40 minutes")] == ["40 minutes"]
