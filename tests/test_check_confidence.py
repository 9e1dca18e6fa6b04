"""`check`'s confidence in each problem it reads from meaning, and `--min-confidence`:
through the CLI on real drafts and the shipped base."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Run

REPO = Path(__file__).resolve().parents[1]
# The IV claim is confirmed: a green status, were its flip not a problem.
FLIP = "Intravenous ketamine does not have 100 % bioavailability."
UNKNOWN_KEY = "IV ketamine has 100 % bioavailability [@nosuchkey2099]."


def _findings(run: Run, tmp_path: Path, *args: str, text: str = FLIP) -> list[dict[str, Any]]:
    draft = tmp_path / "draft.md"
    draft.write_text(text + "\n", encoding="utf-8")
    result = run("check", str(draft), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout)["findings"])


def test_each_problem_read_from_meaning_carries_its_confidence(
    shipped: Run, tmp_path: Path
) -> None:
    [flip] = _findings(shipped, tmp_path)
    [opposite] = flip["problems"]
    assert opposite["kind"] == "opposite"
    assert 0.0 < opposite["confidence"] < 1.0
    [cited] = _findings(shipped, tmp_path, text=UNKNOWN_KEY)
    unknown = [p for p in cited["problems"] if p["kind"] == "unknown-key"]
    assert unknown and "confidence" not in unknown[0], "a fact of the text is not scored"


def test_a_problem_below_the_asked_confidence_is_doubtful_and_never_green(
    shipped: Run, tmp_path: Path
) -> None:
    [finding] = _findings(shipped, tmp_path, "--min-confidence", "1")
    assert finding["problems"] == []
    assert finding["verdict"] == "loose-match", "a doubted flip must not show the claim green"
    [doubtful] = finding["doubtful"]
    assert doubtful["kind"] == "opposite" and doubtful["confidence"] < 1
    assert finding["suggested_keys"] == [], "a doubted sentence is not vouched for"


def test_the_text_shows_a_doubted_problem_and_counts_it_apart(shipped: Run, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(FLIP + "\n", encoding="utf-8")
    shown = shipped("check", str(draft), "--min-confidence", "1").stdout
    assert "loose-match: iv-bioavailability-100" in shown
    assert "possibly opposite (0." in shown and "the sentence adds a negation" in shown
    assert "1 possible problem, below the confidence asked for" in shown


def test_min_confidence_decides_what_fail_on_sees(shipped: Run, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(FLIP + "\n", encoding="utf-8")
    assert shipped("check", str(draft), "--fail-on", "opposite").exit_code == 1
    doubted = shipped("check", str(draft), "--fail-on", "opposite", "--min-confidence", "1")
    assert doubted.exit_code == 0, doubted.output
    assert "possibly opposite" in doubted.stdout


def test_a_confidence_outside_0_to_1_is_refused(shipped: Run, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(FLIP + "\n", encoding="utf-8")
    result = shipped("check", str(draft), "--min-confidence", "1.5")
    assert result.exit_code == 2
    assert "--min-confidence" in result.output and "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("numpy") is None, reason="numpy is not installed")
def test_the_shipped_weights_are_what_the_labelled_rounds_give() -> None:
    """confidence.json is reproducible from the repository: retrained, the same weights."""
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "train_confidence.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_fix_leaves_a_doubted_overclaim_as_written_and_says_so(
    shipped: Run, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.md"
    # the first wording whose overclaim is not certain (1.00), so that a higher minimum doubts
    # it: which one depends on the learned weights
    for sentence in (
        "Nasal ketamine has a bioavailability of 25-50 %.",
        "Intranasal ketamine has a bioavailability of 25 to 50 percent.",
        "The bioavailability of intranasal ketamine is 25-50 %.",
        "Between a quarter and a half of a nasal dose of ketamine is absorbed.",
    ):
        draft.write_text(sentence + "\n", encoding="utf-8")
        found = json.loads(shipped("check", str(draft), "--format", "json").stdout)
        [overclaim] = [p for p in found["findings"][0]["problems"] if p["kind"] == "overclaim"]
        if overclaim["confidence"] < 1.0:
            break
    assert overclaim["confidence"] < 1.0, overclaim
    fixed = shipped("check", str(draft), "--fix")
    assert fixed.exit_code == 0 and "contradicts" in fixed.stdout, fixed.output
    above = f"{overclaim['confidence'] + 0.01:.2f}"
    doubted = shipped("check", str(draft), "--fix", "--min-confidence", above)
    assert doubted.exit_code == 0, doubted.output
    assert "contradicts" not in doubted.stdout
    assert "1 possible overclaim below --min-confidence left as written" in doubted.stderr


def test_the_cli_default_is_the_librarys(shipped: Run) -> None:
    """The CLI states its default without importing the checker (start-up stays light):
    it must be the library's."""
    from roa_evidence.draftcheck.confidence import DEFAULT_MIN_CONFIDENCE

    shown = " ".join(shipped("check", "--help").stdout.split())
    assert f"[default: {DEFAULT_MIN_CONFIDENCE};" in shown
