"""`check` on the general causes behind the false alarms of rounds 79-110, read again in
the twentieth pass (docs/check.md). Through the CLI on a real draft and the shipped base, in
sentences worded apart from the rounds'. Each case names the rule that finds it."""

from __future__ import annotations

import pytest

from conftest import found_test

FOUND_WITH_PROBLEM = [
    pytest.param(
        "A shot into the thigh, which is easier for the nurse to give because nobody has to "
        "find a vein, is what our clinic prefers.",
        "im-simpler-to-administer",
        "overclaim",
        id="a_ranking_without_than_is_read_in_its_own_clause_not_its_reason",
    ),
    pytest.param(
        "Please don't worry if your blood pressure is taken often, since an infusion may push "
        "it up briefly.",
        "iv-transient-blood-pressure-rise",
        "overclaim",
        id="reassuring_the_reader_negates_nothing",
    ),
]

FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "A ketamine drip probably brings quick relief from depression, and we do not think its "
        "price should stand in the way.",
        "iv-effective-rapid-depression",
        "opposite",
        id="the_writers_own_clause_after_and_we_is_a_clause_apart",
    ),
    pytest.param(
        "A shot into the thigh, which is easier for the nurse to give because nobody has to "
        "find a vein, is what our clinic prefers.",
        "im-simpler-to-administer",
        "opposite",
        id="a_negation_in_the_rankings_reason_does_not_flip_it",
    ),
]

test_the_claim_is_found_and_the_problem_read_right = found_test(
    FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM
)
