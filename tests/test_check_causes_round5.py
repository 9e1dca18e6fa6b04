"""`check` on the general causes behind the blind round 5's misses, false alarms and the
problem it showed green (tests/fixtures/drafts/paraphrase-heldout-5.yaml), one test per
cause, through the CLI on a real draft and the shipped base, in sentences worded apart
from the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GREEN, Run, check_one, problem_kinds

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow


def test_an_outcome_that_failed_is_not_confirmed_by_a_design_claim(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "The Lapidus study found that the spray failed to relieve depressive symptoms "
        "[@lapidus2014randomized].",
    )
    assert finding["claim"] == "in-may-be-effective-depression", finding
    assert finding["verdict"] not in GREEN, finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


# A denial of any effect, however it is worded, flips a claim that the route works.
NO_EFFECT = [
    ("A nasal spray of ketamine does nothing for low mood.", "in-may-be-effective-depression"),
    (
        "An injection of ketamine into the muscle is no better than a placebo for depression.",
        "im-effective-depression",
    ),
]


@pytest.mark.parametrize(("sentence", "claim"), NO_EFFECT)
def test_a_denial_of_any_effect_is_opposite(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_well_absorbed_contradicts_low_bioavailability(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "Oral ketamine is readily absorbed from the gut.")
    assert finding["claim"].startswith("oral-bioavailability"), finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_a_steady_rate_contradicts_a_variable_one(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Intranasal ketamine gets to the brain at a consistent and reliable pace.",
    )
    assert finding["claim"] == "in-rate-variable", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_the_safer_choice_ranks_the_routes_it_names(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "An intramuscular shot is the safer option, and IV is riskier."
    )
    assert finding["claim"] == "iv-im-similar-safety", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_delivering_a_dose_over_hours_is_an_infusion_time(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "An IV infusion gives its dose over roughly four hours.")
    assert finding["claim"] == "iv-infusion-over-40-60-min", finding
    assert "mismatch" in problem_kinds(finding), finding["problems"]


def test_the_spray_alone_names_the_nasal_route(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Reportedly, those who tried both found an infusion gave more relief, for longer, than the spray.",
    )
    assert finding["claim"] == "iv-more-relief-than-in", finding
    assert problem_kinds(finding) == set(), finding["problems"]


def test_free_to_walk_about_is_freedom_to_move(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Patients say a single IM injection, and being able to move around in the session, "
        "suits them better.",
    )
    assert finding["claim"] == "im-freedom-of-movement", finding
    assert problem_kinds(finding) == set(), finding["problems"]


def test_not_yet_known_at_the_end_is_a_hedge(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Whether IM ketamine relieves anxiety as well as IV ketamine does is still unknown.",
    )
    assert finding["claim"] == "im-comparable-relief-anxiety", finding
    assert "overclaim" not in problem_kinds(finding), finding["problems"]


def test_run_in_over_an_hour_is_an_infusion_time(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "Intravenous ketamine is usually run in over forty-five minutes."
    )
    assert finding["claim"] == "iv-infusion-over-40-60-min", finding
    assert problem_kinds(finding) == set(), finding["problems"]
