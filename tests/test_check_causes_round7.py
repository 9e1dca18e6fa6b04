"""`check` on the general causes behind the blind round 7's misses and false alarms
(tests/fixtures/drafts/paraphrase-heldout-7.yaml), one test per cause, through the CLI on a
real draft and the shipped base, in sentences worded apart from the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, problem_kinds
from roa_evidence.draftcheck.numbers import quantities
from roa_evidence.draftcheck.routes import routes_meant

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow


def test_what_patients_have_reported_is_hedged(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Some users on forums have said a shot in the muscle gives them a racing heart.",
    )
    assert finding["claim"] == "im-tachycardia", finding
    assert "overclaim" not in problem_kinds(finding), finding["problems"]


def test_advice_after_the_finding_does_not_flip_it(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "There is no conversion formula between doses by different routes, so never guess.",
    )
    assert finding["claim"] == "routes-not-interchangeable", finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_a_contrast_about_something_else_does_not_flip_the_clause(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "The nasal portion may escape first-pass metabolism whereas the swallowed part does not.",
    )
    assert finding["claim"] == "in-partial-first-pass", finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_a_route_named_as_an_analogy_is_not_what_the_sentence_is_about(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Intramuscular ketamine passes through the liver first, much like a capsule would.",
    )
    assert finding["claim"] == "im-no-first-pass", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_another_pair_of_routes_is_another_comparison(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "SC ketamine works as well as IM ketamine for depression."
    )
    assert finding["claim"] != "im-as-effective-as-iv-depression", finding


def test_a_span_of_the_calendar_is_not_a_duration(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Across the last three months we ran 40 ketamine infusions, each lasting about forty "
        "minutes.",
    )
    assert "mismatch" not in problem_kinds(finding), finding["problems"]


def test_a_date_is_no_topic_and_one_shared_word_no_paraphrase(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "The pharmacy dispensed 180 ketamine vials to the ward last quarter."
    )
    assert finding["claim"] is None, finding


def test_a_stated_value_points_to_its_claim(shipped: Run, tmp_path: Path) -> None:
    # no word in common with the claim but the route: the 93 % is the 93 % claim's
    finding = check_one(
        shipped, tmp_path, "The figure quoted for IM is 93 %, though nobody has checked it."
    )
    assert finding["claim"] == "im-bioavailability-93", finding
    # a concession after the finding qualifies it, it does not flip it
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_a_duration_in_words_points_to_its_claim(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "My last drip ran about fifty minutes from start to finish."
    )
    assert finding["claim"] == "iv-infusion-over-40-60-min", finding
    assert not finding["problems"], finding


@pytest.mark.parametrize(
    ("text", "routes"),
    [
        ("IM goes through the liver first, just like pills do.", {"IM"}),
        ("A drip is metabolised in the liver, like a swallowed tablet.", {"IV"}),
        ("IM and IV were compared head to head.", {"IM", "IV"}),
        ("Tablets, like a nasal spray, are easy to use.", {"oral"}),
    ],
)
def test_routes_meant(text: str, routes: set[str]) -> None:
    assert routes_meant(text) == routes


def test_the_past_two_years_is_not_read_as_a_time() -> None:
    assert quantities("over the past two years") == []
    assert [q.text for q in quantities("effects last 5-10 minutes")] == ["5-10 minutes"]
