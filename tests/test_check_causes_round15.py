"""`check` on the general causes behind the blind round 15's green verdict on a wrong
sentence and its false alarms (tests/fixtures/drafts/paraphrase-heldout-15.yaml): "a full
week", "hepatic first-pass", a clause opened by "yet we", "it is simply wrong to say that",
a trial's whole size beside an arm's. Through the CLI on a real draft and the shipped base,
in sentences worded apart from the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GREEN, Run, check_one, problem_kinds
from roa_evidence.draftcheck.numbers import quantities

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow


def test_a_whole_week_against_three_days_is_never_green(shipped: Run, tmp_path: Path) -> None:
    # the worst case, in other words: "disappeared within a day" came back confirmed
    finding = check_one(
        shipped,
        tmp_path,
        "The benefit of one IM dose lasted a whole week in the Chilukuri trial "
        "[@chilukuri2014acute].",
    )
    assert finding["claim"] == "chilukuri-effect-sustained-3-days", finding
    assert finding["verdict"] not in GREEN, finding
    assert "mismatch" in problem_kinds(finding), finding["problems"]


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("IM ketamine escapes hepatic first-pass metabolism.", "im-no-first-pass"),
        (
            "It has been said that IM bioavailability is about 93 %, yet we could not find the "
            "human data.",
            "im-bioavailability-93",
        ),
    ],
)
def test_agreeing_sentences_are_not_opposite(
    shipped: Run, tmp_path: Path, sentence: str, claim: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_wrong_to_say_negates_what_follows(shipped: Run, tmp_path: Path) -> None:
    # the claim that IM has no valid efficacy data is contradicted: denying it is no problem
    finding = check_one(
        shipped, tmp_path, "It is simply wrong to say that IM ketamine lacks valid efficacy data."
    )
    assert finding["claim"] == "im-no-valid-efficacy-data", finding
    assert not finding["problems"], finding


@pytest.mark.parametrize("text", ["a full week", "one whole day", "a single hour"])
def test_one_unit_of_time_with_an_adjective(text: str) -> None:
    assert {q.text for q in quantities(f"it lasted {text}")} == {text}


def test_a_trials_whole_size_is_known_beside_its_arms(shipped: Run, tmp_path: Path) -> None:
    # Roback's link counts the IM arm (99); its effect, the whole trial (208)
    finding = check_one(
        shipped,
        tmp_path,
        "In Roback's trial of 208 children, vomiting after IM ketamine was far from minimal "
        "[@roback2006randomized].",
    )
    assert finding["claim"] == "im-minimal-vomiting", finding
    assert "mismatch" not in problem_kinds(finding), finding["problems"]
