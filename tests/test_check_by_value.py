"""`check` finds a claim by the value a sentence states of one route (`valued.by_value`,
twenty-first pass, docs/check.md), where no wording or topic finds it. Through the CLI on a
real draft and the shipped base, in sentences of our own wording."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from conftest import SHIPPED_DATA, Run, check_one, found_test, problem_kinds
from roa_evidence import open_store
from roa_evidence.draftcheck.findings import BY_VALUE, looseness
from roa_evidence.draftcheck.matching import Match
from roa_evidence.query.queries import find_claims
from roa_evidence.query.records import ClaimRecord

FOUND_WITH_PROBLEM = [
    pytest.param(
        "Only thirty or so people ended up getting the injection.",
        "im-study-18-subjects",
        "mismatch",
        id="a_count_of_people_on_one_route_is_the_claim_counting_them",
    ),
    pytest.param(
        "Patients notice something about twenty minutes after the jab.",
        "im-onset-1-2-min",
        "mismatch",
        id="a_time_before_after_the_jab_is_how_soon_it_acts",
    ),
    pytest.param(
        "A nasal dose reportedly gets around 70 per cent of the drug circulating.",
        "in-bioavailability-25-50",
        "mismatch",
        id="a_share_of_the_dose_on_one_route_is_its_bioavailability",
    ),
    pytest.param(
        "A dose into the muscle gets roughly 93 per cent of the drug circulating.",
        "im-bioavailability-93",
        "overclaim",
        id="the_claims_own_value_stated_plainly_is_an_overclaim",
    ),
    pytest.param(
        "A small study of the swallowed drug found about 40 per cent of it reached the blood "
        "[@yanagihara2003plasma].",
        "oral-bioavailability-16",
        "mismatch",
        id="a_share_reaching_the_blood_in_a_study_is_the_bioavailability_not_the_first_pass",
    ),
    pytest.param(
        "Intramuscular effects reportedly need around ten minutes to set in.",
        "im-onset-1-2-min",
        "mismatch",
        id="a_time_before_it_sets_in_is_how_soon_it_acts",
    ),
]

FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "Only thirty or so people ended up getting the injection.",
        "im-study-18-subjects",
        "overclaim",
        id="a_wrong_count_does_not_assert_the_claim",
    ),
    pytest.param(
        "It is very uncertain, but a dose into the muscle may get roughly 93 per cent of the "
        "drug circulating.",
        "im-bioavailability-93",
        "mismatch",
        id="the_claims_own_value_is_no_mismatch",
    ),
]

test_the_claim_is_found_by_its_value = found_test(FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM)


@pytest.mark.parametrize(
    "sentence",
    [
        "About one person in ten who uses the spray gets a nosebleed.",
        "The usual plan is eight infusions over three to four weeks.",
        "We ask you not to drive for twelve hours after an IM or IV session.",
        "With the spray, 40 per cent responded against 10 per cent on saline.",
    ],
    ids=[
        "a_share_of_people_is_no_share_of_a_dose",
        "weeks_are_no_infusion_time",
        "two_routes",
        "a_share_of_an_arm_is_no_share_of_a_dose",
    ],
)
def test_a_number_of_another_thing_finds_no_claim_by_value(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding.get("how") != "value", finding
    assert "mismatch" not in problem_kinds(finding), finding


def test_a_claim_found_by_its_value_is_shown_loose(shipped: Run, tmp_path: Path) -> None:
    sentence = "Only thirty or so people ended up getting the injection."
    finding = check_one(shipped, tmp_path, sentence)
    assert (finding["claim"], finding["how"]) == ("im-study-18-subjects", "value"), finding
    assert finding["loose"] == ["found only by the value it states"], finding


def test_a_match_by_value_never_vouches_even_for_a_confirmed_claim() -> None:
    # im-study-18-subjects is confirmed: a close wording of it would be green
    [claim] = [c for c in _shipped_claims() if c.id == "im-study-18-subjects"]
    match = Match(claim, 0.0, BY_VALUE, "statement")
    assert looseness(match, {"quantity": "agrees"}) == ["found only by the value it states"]


def _shipped_claims() -> list[ClaimRecord]:
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_store(SHIPPED_DATA, f"sqlite:///{tmp}/claims.sqlite") as conn,
    ):
        return find_claims(conn)
