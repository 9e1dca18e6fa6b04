"""`check` on the general causes behind the blind round 9's false alarms and misses
(tests/fixtures/drafts/paraphrase-heldout-9.yaml): a negation in another clause than the
one that says what the claim says, routes compared jointly with something else, a stated
value among a cited work's claims, side effects that wear off quickly. Through the CLI on a
real draft and the shipped base, in sentences worded apart from the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, problem_kinds

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow

# The negation is in a clause about the clinic; the claim is in the other clause.
OTHER_CLAUSE = [
    (
        "Our clinic does not offer home treatment, because an infusion needs close "
        "monitoring and precise dosing.",
        "iv-precise-dosing-close-monitoring",
    ),
    (
        "The practice does not stock nasal ketamine, although some doctors reportedly let "
        "screened patients use it at home.",
        "in-take-home-use",
    ),
    (
        "The Lapidus trial did not pit the spray against IV ketamine, so the two cannot be "
        "ranked from it.",
        "in-no-head-to-head-vs-iv",
    ),
]


@pytest.mark.parametrize(("sentence", "claim"), OTHER_CLAUSE)
def test_a_negation_in_another_clause_does_not_flip_the_claim(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_routes_weighed_together_against_something_else_are_not_ranked(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "For most patients, the choice between drips and shots matters less than the price.",
    )
    assert not finding["problems"], finding


def test_a_stated_value_picks_among_a_cited_works_claims(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Only a quarter to a half of the nasal dose gets absorbed, reportedly "
        "[@pharmacotherapy2022intranasal].",
    )
    assert finding["claim"] == "in-bioavailability-25-50", finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_side_effects_that_wear_off_quickly_are_transient(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Side effects such as nausea are rare and wear off quickly [@short2018sideeffects].",
    )
    assert finding["claim"] == "side-effects-rare-mild-transient", finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]
