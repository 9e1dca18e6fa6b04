"""Effects and reviewers' judgements, as users see them: show, exports, report, gaps."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run

POOLED_CLAIM = """
  - id: iv-pooled-response
    statement: IV ketamine doubles the response rate at 24 hours.
    routes: [IV]
    topic: efficacy
    condition: depression
    asserted_by:
      - document: docbeta
        quote: "IV works best for depression"
    pooled_effect: {measure: RR, estimate: 1.8, low: 0.9, high: 3.6, n_studies: 3, n: 620}
    judgements:
      risk_of_bias: {level: not-serious, reason: "all three trials at low risk"}
    evidence:
      - source: big2020trial
        stance: supports
        effect: {measure: RR, estimate: 2.1, low: 1.2, high: 3.7}
"""


def _add_pooled_claim(evidence_dir: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    claims.write_text(claims.read_text() + POOLED_CLAIM)


def test_show_prints_the_pooled_effect_and_the_rule_that_rated_it_down(
    run: Run, evidence_dir: Path
) -> None:
    _add_pooled_claim(evidence_dir)
    result = run("show", "iv-pooled-response")
    assert result.exit_code == 0, result.stderr
    assert "Pooled effect: RR 1.8 (95% CI 0.9 to 3.6); 3 studies, n 620" in result.stdout
    assert "pooled RR 1.8: 95 % CI 0.9 to 3.6 crosses 1 (no effect)" in result.stdout
    data = json.loads(run("show", "iv-pooled-response", "--format", "json").stdout)
    assert data["pooled_effect"] == {
        "measure": "RR",
        "estimate": 1.8,
        "low": 0.9,
        "high": 3.6,
        "n_studies": 3,
        "n": 620,
    }
    assert [s["domain"] for s in data["grading"]] == ["start", "imprecision"]
    assert data["certainty"] == "moderate"


def test_exports_and_report_print_effects(run: Run, evidence_dir: Path, tmp_path: Path) -> None:
    _add_pooled_claim(evidence_dir)
    md = run("export", "--format", "md", "--route", "IV", "--topic", "efficacy").stdout
    row = next(line for line in md.splitlines() if "iv-pooled-response" in line)
    assert "RR 1.8 (95% CI 0.9 to 3.6); 3 studies, n 620" in row
    csv_text = run("export", "--format", "csv", "--search", "doubles").stdout
    assert "RR,2.1,1.2,3.7" in csv_text
    page = tmp_path / "report.html"
    assert run("report", "-o", str(page)).exit_code == 0
    html = page.read_text()
    assert "Pooled effect</b> RR 1.8 (95% CI 0.9 to 3.6)" in html
    assert "RR 2.1 (95% CI 1.2 to 3.7)" in html


def test_unjudged_claims_are_listed(run: Run, evidence_dir: Path) -> None:
    _add_pooled_claim(evidence_dir)
    gaps = json.loads(run("gaps", "--unjudged", "--format", "json").stdout)["claims"]
    assert [c["id"] for c in gaps] == ["im-as-effective-as-iv", "im-bad-trips"]
    result = run("validate", "--unjudged")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        "3 supported claims are graded on automatic judgements alone:",
        "  claims.yaml:4: im-as-effective-as-iv",
        "  claims.yaml:21: iv-efficacy",
        "  claims.yaml:56: im-bad-trips",
    ]
