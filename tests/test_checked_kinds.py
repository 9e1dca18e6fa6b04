"""Claims that are not effects (issue 21): counts of the literature checked against the
base's own records, a study's quality checked facet by facet, both through the real
CLI; the loader's refusals for them; the warning for absence of evidence marked as
contradicting a comparative claim."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run

CHECKED = """
  - id: single-im-study
    kind: count
    statement: There is a single published study of IM ketamine for depression.
    routes: [IM]
    topic: evidence-base
    condition: depression
    count: {routes: [IM], condition: depression, designs: [rct], at_most: 1}
  - id: iv-most-studied
    kind: count
    statement: IV is the most studied route.
    routes: [IV]
    topic: evidence-base
    count: {routes: [IV], more_than: [IM]}
  - id: none-before-2010
    kind: count
    statement: At least one IM depression trial was published before 2010.
    routes: [IM]
    topic: evidence-base
    count: {routes: [IM], condition: depression, until: 2009, at_least: 1}
  - id: smith-poor
    kind: appraisal
    statement: The Smith trial was small, not double-blind and had no control group.
    routes: [IM]
    topic: evidence-base
    appraisal: {source: smith2014open, double_blind: false, n_at_most: 50, randomized: false}
"""


def _append(evidence_dir: Path, text: str) -> None:
    with open(evidence_dir / "claims.yaml", "a", encoding="utf-8") as claims:
        claims.write(text)


def _claims(run: Run) -> dict[str, dict[str, object]]:
    result = run("claims", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {claim["id"]: claim for claim in json.loads(result.stdout)}


def test_counts_are_checked_against_the_records(run: Run, evidence_dir: Path) -> None:
    _append(evidence_dir, CHECKED)
    claims = _claims(run)
    assert (claims["single-im-study"]["status"], claims["single-im-study"]["certainty"]) == (
        "confirmed",
        None,
    )
    # IV: smith2014open, jones2006kids, big2020trial; IM: smith2014open, jones2006kids
    assert claims["iv-most-studied"]["status"] == "confirmed"
    assert claims["none-before-2010"]["status"] == "refuted"  # smith is from 2014
    shown = run("show", "single-im-study")
    assert shown.exit_code == 0, shown.stderr
    assert "1 work(s) of IM for depression, designs rct: smith2014open" in shown.stdout
    assert "not the whole literature" in shown.stdout
    reasons = [step["reason"] for step in claims["none-before-2010"]["grading"]]  # type: ignore[union-attr]
    assert reasons[0] == "0 work(s) of IM for depression, up to 2009: none"


def test_a_quality_claim_is_checked_facet_by_facet(run: Run, evidence_dir: Path) -> None:
    _append(evidence_dir, CHECKED)
    claim = _claims(run)["smith-poor"]
    # open-label and 27 are right; "not randomized" is wrong: partly
    assert (claim["status"], claim["certainty"]) == ("partly", None)
    reasons = [step["reason"] for step in claim["grading"]]  # type: ignore[union-attr]
    assert "smith2014open: design rct; the claim is wrong" in reasons
    assert "smith2014open: blinding open-label; the claim is right" in reasons
    assert "smith2014open: n 27; the claim is right" in reasons
    assert not any("imprecision" in r or "risk of bias" in r for r in reasons)


BAD = """
  - id: bad-count-route
    kind: count
    statement: x
    routes: [IM]
    topic: evidence-base
    count: {routes: [IX], at_most: 1}
  - id: bad-count-design
    kind: count
    statement: x
    routes: [IM]
    topic: evidence-base
    count: {routes: [IM], designs: [anecdote-ish], condition: gout, at_most: 1}
  - id: count-with-evidence
    kind: count
    statement: x
    routes: [IM]
    topic: evidence-base
    count: {routes: [IM], at_most: 1}
    evidence:
      - source: smith2014open
        stance: contradicts
  - id: override-without-rationale
    statement: x
    routes: [IM]
    topic: efficacy
    grade_override: {certainty: high}
"""


def test_bad_counts_and_overrides_are_refused_all_at_once(run: Run, evidence_dir: Path) -> None:
    assert run("validate").exit_code == 0
    _append(evidence_dir, BAD)
    result = run("validate")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if "claims.yaml:" in line]
    text = "\n".join(lines)
    assert "unknown route 'IX'" in text
    assert "unknown design 'anecdote-ish'" in text
    assert "unknown condition 'gout'" in text
    assert "a count is checked against the base's records, yet it links graded evidence" in text
    assert "rationale" in text
    assert "Traceback" not in result.stderr
    # every command refuses the bad data (exit 2), none reads half of it
    assert run("claims", "--format", "json").exit_code == 2


def test_absence_of_evidence_marked_contradicts_is_warned(run: Run, evidence_dir: Path) -> None:
    _append(
        evidence_dir,
        """
  - id: iv-better-than-im
    statement: IV ketamine relieves depression better than IM ketamine.
    comparison: superiority
    routes: [IV, IM]
    topic: efficacy
    condition: depression
    evidence:
      - source: smith2014open
        stance: contradicts
        n: 18
""",
    )
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert "claims.yaml:" in result.stderr
    assert "18 participants, too few to show a difference" in result.stderr
    assert "mark it `stance: qualifies`" in result.stderr
    claim = _claims(run)["iv-better-than-im"]
    # qualified, not contradicted: nothing for, nothing against counted
    assert (claim["status"], claim["certainty_against"]) == ("unsupported", "none")
