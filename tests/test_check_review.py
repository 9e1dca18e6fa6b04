"""`check` on what a second reader of the seventh to thirteenth passes found: each case a
reading that misfired on ordinary prose or let a wrong sentence through, and each pattern
linear on hostile input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import GREEN, Run, check_one, problem_kinds
from roa_evidence.draftcheck import numbers, parts, polarity
from roa_evidence.draftcheck.routes import routes_meant


def test_double_blind_against_not_double_blind_is_never_green(shipped: Run, tmp_path: Path) -> None:
    """The green this guards came from "properly double-blind" against the randomised-trial
    claim; the claim that the trial was not double-blind is the one to read it against."""
    finding = check_one(shipped, tmp_path, "The Chilukuri trial was properly double-blind.")
    assert finding["verdict"] not in GREEN, finding
    assert finding["claim"] == "im-study-not-double-blind", finding
    assert "opposite" in problem_kinds(finding), finding["problems"]


def test_far_from_a_place_is_no_negation(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "Patients living far from a hospital can use intranasal ketamine at home.",
    )
    assert "opposite" not in problem_kinds(finding), finding["problems"]


@pytest.mark.parametrize(
    ("sentence", "statement", "flipped"),
    [
        # a preference is no ranking of efficacy
        ("Most patients preferred IM over IV.", "IV ketamine is more effective than IM.", False),
        # "but it does not" denies the clause before it
        (
            "People expect IM ketamine to relieve pain, but it does not.",
            "IM ketamine relieves pain.",
            True,
        ),
        # a concession that compares may be the finding itself; its subject is the route
        # named nearest before the comparison
        (
            "Nurses prefer the shot, although IV ketamine acts faster than IM ketamine.",
            "IM ketamine acts faster than IV ketamine.",
            True,
        ),
    ],
)
def test_opposite(sentence: str, statement: str, flipped: bool) -> None:
    assert (polarity.opposite(sentence, statement) is not None) is flipped


def test_a_route_named_after_like_is_compared_not_dropped() -> None:
    assert routes_meant("IM ketamine works just like SC ketamine for depression.") == {"IM", "SC"}


@pytest.mark.parametrize("text", ["The relief lasts months.", "Effects lasting days."])
def test_lasting_months_is_a_duration(text: str) -> None:
    assert "duration" in parts.read_parts(text).topics


def test_the_previous_six_months_is_a_date() -> None:
    assert numbers.quantities("over the previous six months") == []


def test_mg_per_kilogram_is_a_dose() -> None:
    [dose] = numbers.quantities("0.5 mg per kilogram")
    assert dose.dimension == "dose"


# A linear read of these inputs takes 1-10 s on a loaded two-core machine; the quadratic
# and cubic patterns they guard against took minutes (a bound near the linear time failed
# on an ordinary run).
LINEAR_WITHIN = 30.0


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "a" + " " * 20_000 + "b",  # cubic in the run of spaces before: 2,000 took 48 s
        "x" + ", though y" * 20_000,
        "x" + " but" * 20_000 + " does not",
        "x" + " while" * 20_000 + " is not.",
        "IV is faster than IM " * 2_000,  # every comparative read: 400 took 30 s
        "the view that " * 5_000 + "it is wrong",
        "Rather than on NMDA receptors " * 2_000,
    ],
)
def test_clause_and_aside_patterns_are_linear(text: str) -> None:
    started = time.perf_counter()
    polarity.opposite(text, "IM ketamine is effective for depression.")
    assert time.perf_counter() - started < LINEAR_WITHIN


@pytest.mark.slow
def test_rather_than_a_route_is_linear() -> None:
    started = time.perf_counter()  # a search over every route for every "rather than" before
    polarity.opposite("rather than IV " * 20_000, "The study did not compare IN with IV.")
    assert time.perf_counter() - started < LINEAR_WITHIN


# A newcomer's trial of `check` (what a person reads), after the passes.


def test_fix_leaves_a_loosely_matched_sentence_alone(shipped: Run, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "Nasal spray ketamine is poorly absorbed compared with an injection.\n"
        "IM ketamine is as effective as IV ketamine for depression.\n",
        encoding="utf-8",
    )
    result = shipped("check", str(draft), "--fix")
    assert result.exit_code == 0, result.stderr
    # the close match is reworded; the loose one (another claim's wording) is not touched
    assert "+It is very uncertain whether IM ketamine is as effective" in result.stdout
    assert "-Nasal spray" not in result.stdout
    assert "1 sentence reworded (a diff; nothing written)" in result.stderr


def test_an_unknown_fail_on_lists_the_choices_once(shipped: Run, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("Text.\n", encoding="utf-8")
    result = shipped("check", str(draft), "--fail-on", "bogus")
    assert result.exit_code == 2
    assert result.stderr.count("loose-match") == 1, result.stderr


def test_a_draft_of_headings_says_none_is_prose(shipped: Run, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# Ketamine routes\n\n## Methods\n", encoding="utf-8")
    result = shipped("check", str(draft))
    assert result.exit_code == 0, result.stderr
    assert "No prose found: headings" in result.stdout


def test_a_key_the_base_lacks_is_no_agreeing_citation(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "IM bioavailability is about 93 % [@smith2099].")
    assert "unknown-key" in problem_kinds(finding), finding["problems"]
    assert finding["parts"]["citations"] == "differs", finding["parts"]


# The second review: a design read as such, once, for matching, parts and polarity.


def test_a_design_the_claim_denies_is_reversed_not_agreed(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "The IM depression study was double-blind.")
    assert finding["parts"]["design"] == "reversed", finding["parts"]
    assert finding["loose"] == [], finding  # the claim speaks of it: no doubt of the match


def test_neither_nor_denies_blinding(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(
        shipped,
        tmp_path,
        "In Chilukuri's trial neither the patients nor the assessors were blinded.",
    )
    assert finding["claim"] == "im-study-not-double-blind", finding
    assert "opposite" not in problem_kinds(finding), finding["problems"]


def test_a_suggestion_holds_the_hedge_it_asks_for(shipped: Run, tmp_path: Path) -> None:
    """From a newcomer's trial: "low certainty needs 'may'", and the suggestion had none,
    the claim's own "where it could be absorbed" taken for its hedge."""
    finding = check_one(
        shipped, tmp_path, "Most of a nasal ketamine dose never reaches the nasal membrane."
    )
    [overclaim] = [p for p in finding["problems"] if p["kind"] == "overclaim"]
    assert "needs 'may'" in overclaim["detail"], overclaim
    assert " may " in overclaim["suggestion"], overclaim


def test_every_verdict_check_prints_can_fail_it(shipped: Run, tmp_path: Path) -> None:
    """From a newcomer's trial: `partly` was printed as a verdict and refused by
    --fail-on; `no-claim` was answered "did you mean 'overclaim'?"."""
    draft = tmp_path / "draft.md"
    draft.write_text(
        "The Chilukuri trial had a control group.\n\nWe met on a Tuesday.\n", encoding="utf-8"
    )
    partly = shipped("check", str(draft), "--fail-on", "partly")
    assert partly.exit_code == 1, partly.output
    assert ": partly: im-study-no-control-group" in partly.stdout
    assert shipped("check", str(draft), "--fail-on", "no-claim").exit_code == 1


def test_fix_says_what_it_left(shipped: Run, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "Nasal spray ketamine is poorly absorbed compared with an injection.\n", encoding="utf-8"
    )
    result = shipped("check", str(draft), "--fix")
    assert result.exit_code == 0, result.output
    assert "1 overclaim left to you: a loose match" in result.stderr


def test_a_loose_match_worded_only_near_gets_no_citation_to_add(
    shipped: Run, tmp_path: Path
) -> None:
    """A newcomer's "Ketamine is a drug." was told to cite the IV bioavailability source."""
    finding = check_one(shipped, tmp_path, "Ketamine is a drug.")
    assert finding["sure"] == "possible", finding
    assert not finding.get("suggested_keys"), finding


def test_fix_keeps_who_says_it(shipped: Run, tmp_path: Path) -> None:
    """--fix had replaced "HOST: ..." with the reworded claim, dropping the speaker."""
    draft = tmp_path / "draft.md"
    draft.write_text(
        "HOST: IM ketamine is as effective as IV ketamine for depression.\n", encoding="utf-8"
    )
    result = shipped("check", str(draft), "--fix")
    assert result.exit_code == 0, result.stderr
    assert "+HOST: It is very uncertain whether IM ketamine" in result.stdout, result.stdout
