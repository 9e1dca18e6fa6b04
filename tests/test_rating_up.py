"""GRADE's three reasons to rate up (large effect, dose-response gradient, plausible
confounding) judged by a reviewer on the claim, through the files and the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import Run

CLAIM = "im-as-effective-as-iv"  # one open-label RCT of 27: high -1 bias -2 imprecision


def _judge(evidence_dir: Path, judgements: str) -> None:
    claims = evidence_dir / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    anchor = "    disputed_by:\n      - document: docbeta\n"
    assert text.count(anchor) >= 1
    claims.write_text(text.replace(anchor, f"    judgements:\n{judgements}{anchor}", 1))


def _show(run: Run) -> dict[str, object]:
    result = run("show", CLAIM, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_judged_reason_to_rate_up_is_a_step_of_its_own(run: Run, evidence_dir: Path) -> None:
    assert _show(run)["certainty"] == "very_low"
    _judge(
        evidence_dir,
        "      large_effect: {level: very-large, reason: RR above 5 in every trial}\n"
        "      plausible_confounding: {level: present, reason: sicker patients got IM}\n",
    )
    shown = _show(run)
    steps = [(s["domain"], s["change"]) for s in shown["grading"]]  # type: ignore[index]
    assert steps[-2:] == [("large_effect", 2), ("plausible_confounding", 1)]
    reasons = " ".join(s["reason"] for s in shown["grading"])  # type: ignore[index]
    assert "judged by the reviewer: sicker patients got IM" in reasons
    # 4 -1 -2 = 1, +2 = 3, +1 = 4: the running level, never above high
    assert shown["certainty"] == "high"

    table = run("export", "--what", "evidence", "--format", "csv")
    assert table.exit_code == 0, table.output
    row = next(r for r in csv.DictReader(io.StringIO(table.stdout)) if r["claim_id"] == CLAIM)
    assert "plausible confounding (+1): judged by the reviewer" in row["rated_up"]


def test_judged_none_sets_aside_the_automatic_rule_and_says_so(
    run: Run, evidence_dir: Path
) -> None:
    claims = evidence_dir / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(
        text.replace("        n: 27\n", "        n: 27\n        flags: [dose-response]\n", 1)
    )
    _judge(evidence_dir, "      dose_response: {level: none, reason: one dose only}\n")
    steps = _show(run)["grading"]
    judged = [s for s in steps if s["domain"] == "dose_response"]  # type: ignore[union-attr]
    assert judged == [
        {"domain": "dose_response", "change": 0, "reason": "judged by the reviewer: one dose only"}
    ]


def test_a_level_outside_the_domain_is_refused_with_file_and_line(
    run: Run, evidence_dir: Path
) -> None:
    _judge(evidence_dir, "      dose_response: {level: serious, reason: a down level}\n")
    result = run("validate")
    assert result.exit_code == 2
    assert "claims.yaml:" in result.stderr and "dose_response" in result.stderr
    assert "'none' or 'present'" in result.stderr
    assert "Traceback" not in result.output
