"""`check` on a sentence that cites nothing but speaks of the study cited just before it
("That trial followed its patients for two weeks"): its claim is looked for among that
study's, the match never vouches for it, and nothing is reported against the key it did not
cite. Through the CLI on a real draft and the shipped base."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import Run

CITED = "In one 2014 trial, depression scores fell by close to 60 % within two hours"


def check_draft(run: Run, tmp_path: Path, *sentences: str) -> list[dict[str, Any]]:
    draft = tmp_path / "draft.md"
    draft.write_text(" ".join(sentences) + "\n", encoding="utf-8")
    result = run("check", str(draft), "--format", "json", "--min-confidence", "0")
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout)["findings"])


def test_a_sentence_pointing_back_is_checked_against_the_study_cited_before(
    shipped: Run, tmp_path: Path
) -> None:
    findings = check_draft(
        shipped,
        tmp_path,
        f"{CITED} [@chilukuri2014acute].",
        "And those benefits held steady for a full two weeks.",
    )
    pointing = findings[1]
    assert pointing["claim"] == "chilukuri-effect-sustained-3-days", pointing
    assert pointing["pointed_back_to"] == ["chilukuri2014acute"], pointing
    assert pointing["keys"] == [], pointing
    assert {p["kind"] for p in pointing["problems"]} == {"mismatch"}, pointing
    assert "found among the claims of the study cited before it" in pointing["loose"], pointing


def test_a_study_pointed_back_to_never_vouches(shipped: Run, tmp_path: Path) -> None:
    findings = check_draft(
        shipped,
        tmp_path,
        f"{CITED} [@chilukuri2014acute].",
        "Those patients were followed for three days.",
    )
    assert findings[1]["verdict"] not in ("confirmed", "strong"), findings[1]


@pytest.mark.parametrize(
    "before",
    [
        f"{CITED} [@chilukuri2014acute; @loo2016placebo].",  # two studies: which one?
        f"{CITED} [@chilukuri2014acute]. Ketamine is an old drug. Clinics are everywhere.",
        f"{CITED}.",  # nothing cited
    ],
    ids=["two_keys_cited", "cited_three_sentences_before", "nothing_cited"],
)
def test_no_study_is_pointed_back_to_unless_one_was_cited_just_before(
    shipped: Run, tmp_path: Path, before: str
) -> None:
    findings = check_draft(
        shipped, tmp_path, before, "And those benefits held steady for a full two weeks."
    )
    assert "pointed_back_to" not in findings[-1], findings[-1]


def test_a_study_of_ones_own_is_not_the_one_cited_before(shipped: Run, tmp_path: Path) -> None:
    findings = check_draft(
        shipped,
        tmp_path,
        f"{CITED} [@chilukuri2014acute].",
        "Our new study will follow those patients for two weeks.",
    )
    assert "pointed_back_to" not in findings[1], findings[1]


@pytest.mark.parametrize(
    "after",
    [
        "Critics argue that trial design matters more than the route.",
        "Ketamine and its benefits are much discussed.",
    ],
    ids=["that_as_a_conjunction", "the_drugs_own_benefits"],
)
def test_a_that_or_its_pointing_nowhere_points_nowhere(
    shipped: Run, tmp_path: Path, after: str
) -> None:
    findings = check_draft(shipped, tmp_path, f"{CITED} [@chilukuri2014acute].", after)
    assert "pointed_back_to" not in findings[1], findings[1]


def test_only_12_of_those_patients_is_held_to_the_study_pointed_back_to(
    shipped: Run, tmp_path: Path
) -> None:
    findings = check_draft(
        shipped,
        tmp_path,
        "The trial had 27 patients in three groups [@chilukuri2014acute].",
        "Only 12 of those patients received IM ketamine.",
    )
    assert findings[1]["claim"] == "im-study-18-subjects", findings[1]
    assert "mismatch" in {p["kind"] for p in findings[1]["problems"]}, findings[1]


def test_the_text_report_names_the_study_pointed_back_to(shipped: Run, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        f"{CITED} [@chilukuri2014acute]. And those benefits held steady for two weeks.\n",
        encoding="utf-8",
    )
    result = shipped("check", str(draft), "--min-confidence", "0")
    assert result.exit_code == 0, result.output
    [line] = [x for x in result.stdout.splitlines() if "pointing back to" in x]
    assert line.endswith("pointing back to chilukuri2014acute"), line
    assert "found among the claims of the study cited before it" in line, line
