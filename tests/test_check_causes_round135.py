"""`check` on the general causes behind the false alarms and misses of rounds 135-144, read
in the twenty-second pass (docs/check.md). Through the CLI on a real draft and the shipped
base, in sentences worded apart from the rounds'. Each case names the rule that finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, problem_kinds


@pytest.mark.parametrize(
    "sentence",
    [
        "2.3 The panel reviewed how intramuscular ketamine was given on the unit.",
        "Our 15-year-old has been offered ketamine and we are weighing the options.",
        "Newsletter issue 12: what our members asked about ketamine clinics.",
        "Month 4 diary: another ketamine session at the clinic.",
        "The service met audit standard 2 for every ketamine dose given.",
        "The application fails criterion 5 because the route is not covered.",
        "Our ketamine patients rest afterwards in bay 3B.",
    ],
    ids=[
        "a_numbered_paragraph",
        "a_possessive_age",
        "an_issue_number",
        "a_heading_of_a_numbered_month",
        "an_audit_standard",
        "a_policy_criterion",
        "a_ward_with_a_letter",
    ],
)
def test_a_documents_numbering_is_no_unsourced_number(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    assert "unsourced" not in problem_kinds(check_one(shipped, tmp_path, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "2.5 times more ketamine reaches the blood from an injection than from a pill.",
        "Standard doses of ketamine lift mood in 3 of every 4 patients.",
    ],
    ids=["a_multiple_at_the_head_is_no_paragraph_number", "a_count_after_standard"],
)
def test_a_figure_beside_numbering_words_is_still_read(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    assert "unsourced" in problem_kinds(check_one(shipped, tmp_path, sentence))
