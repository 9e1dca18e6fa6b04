"""`check` on the general causes behind the blind round 6's misses
(tests/fixtures/drafts/paraphrase-heldout-6.yaml): a claim that stands out though no rule
knows the sentence's words, a cited work's claim found by its parts when the sentence names
no known topic, shares and units written out. Through the CLI on a real draft and the
shipped base, in sentences worded apart from the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GREEN, Run, check_one, problem_kinds
from roa_evidence.draftcheck.numbers import quantities

# A past pass's cases: the README's test command and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow


def test_a_claim_standing_out_from_every_other_is_matched(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "Chilukuri's participants came from hospitals across several continents."
    )
    assert finding["claim"] == "im-study-local-hospital-india", finding
    assert finding["how"] == "standing-out", finding
    assert finding["verdict"] not in GREEN, finding


# Sentences sharing a name, a topic word or the drug with a claim, and nothing else.
UNRELATED = [
    "The rest of this report is organised in four parts.",
    "The weather in Porto was mild last spring.",
    "A taxi from the clinic costs twenty euros.",
    "Our nurses no longer find the research boring.",
]


@pytest.mark.parametrize("sentence", UNRELATED)
def test_nothing_stands_out_in_an_unrelated_sentence(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] is None, finding
    assert not finding["problems"], finding


def test_a_cited_works_claim_is_found_by_its_parts_without_a_topic_word(
    shipped: Run, tmp_path: Path
) -> None:
    # "lets ... through" names no topic the parts know; the route, the share and the cited
    # work's few claims decide
    finding = check_one(
        shipped,
        tmp_path,
        "Spraying ketamine into the nose lets a quarter to a half of the dose through "
        "[@pharmacotherapy2022intranasal].",
    )
    assert finding["claim"] == "in-bioavailability-25-50", finding
    assert "cited-against" in problem_kinds(finding), finding["problems"]


def test_depression_ratings_are_an_outcome_not_a_design(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Depression ratings in the Chilukuri trial fell by nearly sixty percent within two "
        "hours [@chilukuri2014acute].",
    )
    assert finding["claim"] == "chilukuri-hamd-reduction-2h", finding
    assert not finding["problems"], finding


def test_a_concentration_in_words_is_compared(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Nasal ketamine is usually prepared at ten to forty milligrams per milliliter.",
    )
    assert finding["claim"] == "in-concentration-50-200", finding
    assert "mismatch" in problem_kinds(finding), finding["problems"]


@pytest.mark.parametrize(
    ("text", "dimension", "low", "high"),
    [
        ("a quarter to a half of the dose", "percent", 25.0, 50.0),
        ("between a third and a half of the dose", "percent", 100 / 3, 50.0),
        ("0.5 milligrams per kilogram", "dose", 0.5, 0.5),
        ("5 to 20 mg per ml", "concentration", 5.0, 20.0),
    ],
)
def test_shares_and_units_in_words(text: str, dimension: str, low: float, high: float) -> None:
    [found] = quantities(text)
    assert (found.dimension, found.low, found.high) == pytest.approx((dimension, low, high))
