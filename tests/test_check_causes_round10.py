"""`check` on the general causes behind the blind round 10's green verdict on a wrong
sentence, false alarms and misses (tests/fixtures/drafts/paraphrase-heldout-10.yaml): a
design a claim about a study does not state, "far from", "has been said to", a route named
before "injection", a capitalised first word taken for a name, "infused". Through the CLI on
a real draft and the shipped base, in sentences worded apart from the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GREEN, Run, check_one, problem_kinds
from roa_evidence.draftcheck.routes import routes_named

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow


def test_a_design_the_claim_does_not_state_is_never_green(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "The Chilukuri study of IV against IM was fully blinded [@chilukuri2014acute].",
    )
    assert finding["claim"] is not None, finding
    assert finding["verdict"] not in GREEN, finding
    # the claim that states the study's blinding, reversed; or another claim, not stating it
    assert finding["parts"].get("design") in {"differs", "reversed"}, finding["parts"]


def test_a_design_picks_the_claim_that_states_it(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Chilukuri's trial of IM against IV was double-blind [@chilukuri2014acute].",
    )
    assert finding["claim"] == "im-study-not-double-blind", finding
    assert {"opposite", "cited-against"} <= problem_kinds(finding), finding["problems"]


def test_far_from_negates(shipped: Run, tmp_path: Path) -> None:
    # the claim of minimal vomiting is contradicted: saying the opposite is no problem
    finding = check_one(
        shipped, tmp_path, "After an IM dose, vomiting during recovery is far from negligible."
    )
    assert finding["claim"] == "im-minimal-vomiting", finding
    assert not finding["problems"], finding


def test_what_has_been_said_is_hedged(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "IM bioavailability has been said to be around 93 %.")
    assert finding["claim"] == "im-bioavailability-93", finding
    assert "overclaim" not in problem_kinds(finding), finding["problems"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Coming up: the routes compared on bioavailability, first-pass metabolism and cost.",
        "Today: how the routes differ in onset, first-pass metabolism and bioavailability.",
    ],
)
def test_a_capitalised_first_word_is_no_name(shipped: Run, tmp_path: Path, sentence: str) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] is None, finding


@pytest.mark.parametrize(
    ("text", "routes"),
    [
        ("Peak levels after a subcutaneous injection", {"SC"}),
        ("a sublingual tablet", {"SL"}),
        ("Clinics infuse ketamine over forty minutes", {"IV"}),
    ],
)
def test_routes_named(text: str, routes: set[str]) -> None:
    assert routes_named(text) == routes


# Blind round 11's one green verdict on a wrong sentence: a ranking without "than".
@pytest.mark.parametrize(
    "sentence",
    [
        "The trial's authors favoured the drip over the shot for depression [@chilukuri2014acute].",
        "Chilukuri reported an edge for IV over IM in relieving depression [@chilukuri2014acute].",
    ],
)
def test_a_ranking_without_than_is_read(shipped: Run, tmp_path: Path, sentence: str) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["verdict"] not in GREEN, finding
    assert finding["parts"].get("comparison") in ("agrees", "differs"), finding["parts"]


def test_a_design_alone_does_not_tie_a_new_study_to_a_tracked_one(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Our vaccine study next year will be double-blind and placebo-controlled.",
    )
    assert finding["claim"] is None, finding
