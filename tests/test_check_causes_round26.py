"""`check` on the general causes behind the misses of rounds 26 and 28-30, read in the
seventeenth pass: numbers that place or time a note rather than state a finding, ratios
("twice as fast") as comparisons, negations that are idioms ("in no time") or belong to a
lead-in, an aside in brackets or a question reported, "impossible" as a negation, effects
that fade within minutes, and a control group as part of a study's design. Through the CLI
on a real draft and the shipped base, in sentences worded apart from the corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GREEN, Run, check_one, problem_kinds


@pytest.mark.parametrize(
    "sentence",
    [
        "The ward round finished at 11:15 today.",
        "Agenda item 7: the ketamine service's staffing for the spring.",
        "The woman in bed 3 had her second ketamine session this afternoon.",
    ],
)
def test_a_clock_time_a_bed_or_an_agenda_item_is_no_finding(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert "unsourced" not in problem_kinds(finding), finding


@pytest.mark.parametrize(
    "sentence",
    [
        "A lozenge under the tongue works roughly twice as fast as a swallowed tablet.",
        "Given rectally, ketamine reaches about three times the blood level of a pill.",
        "Switching from tablets to lozenges roughly doubles the dose that reaches the blood.",
    ],
)
def test_a_ratio_between_routes_with_no_source_is_unsourced(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert "unsourced" in problem_kinds(finding), finding


def test_gone_in_no_time_is_quickly_not_a_negation(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Reportedly, the nausea and dizziness that come with an IV or IM dose are rare, mild "
        "and over in no time.",
    )
    assert finding["claim"] == "side-effects-rare-mild-transient", finding
    assert "opposite" not in problem_kinds(finding), finding


def test_a_lead_in_keeps_its_own_negation(shipped: Run, tmp_path: Path) -> None:
    kept = check_one(
        shipped,
        tmp_path,
        "What no leaflet mentions: neither a drip nor an IM shot does anything to breathing.",
    )
    assert kept["claim"] == "no-respiratory-depression", kept
    assert "opposite" not in problem_kinds(kept), kept
    # a lead-in with no negation of its own is no clause apart: the answer after it counts
    answered = check_one(
        shipped,
        tmp_path,
        "Liver first-pass loss with an IV dose: none, since it enters the bloodstream directly.",
    )
    assert answered["claim"] == "iv-no-first-pass", answered
    assert "opposite" not in problem_kinds(answered), answered


def test_an_aside_in_brackets_does_not_negate_the_sentence(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Only a single study of intranasal racemic ketamine (not esketamine, which is another "
        "product) has been published for depression [@lapidus2014randomized].",
    )
    assert finding["claim"] == "in-single-published-study", finding
    assert "opposite" not in problem_kinds(finding), finding


def test_a_question_reported_is_not_answered(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Readers keep writing in to ask whether the drip is better than the jab for chronic pain.",
    )
    assert "opposite" not in problem_kinds(finding), finding
    assert finding["verdict"] not in GREEN, finding


def test_impossible_to_know_is_no_way_to_know(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "It is impossible, reportedly, to know what dose of a nasal ketamine spray is absorbed.",
    )
    assert finding["claim"] == "in-dose-unknown", finding
    assert "opposite" not in problem_kinds(finding), finding


def test_effects_that_wear_off_in_minutes_fade_within_minutes(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Reportedly, once an IV infusion is stopped its effects wear off within a few minutes.",
    )
    assert finding["claim"] == "iv-effects-fade-within-minutes", finding
    assert "opposite" not in problem_kinds(finding), finding


def test_the_last_months_say_when_not_how_long(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped, tmp_path, "She has had nine IV infusions over the last three months."
    )
    assert finding["claim"] != "iv-effects-fade-within-minutes", finding


def test_a_control_group_is_part_of_the_design(shipped: Run, tmp_path: Path) -> None:
    denied = check_one(
        shipped,
        tmp_path,
        "Chilukuri and colleagues ran their trial without any control group [@chilukuri2014acute].",
    )
    assert denied["claim"] == "im-study-no-control-group", denied
    assert "cited-against" in problem_kinds(denied), denied
    # a description of the trial vouches only for the design it states
    described = check_one(
        shipped,
        tmp_path,
        "Chilukuri 2014 randomised depressed patients to IV or IM ketamine and had no "
        "comparison arm [@chilukuri2014acute].",
    )
    assert described["verdict"] not in GREEN, described
