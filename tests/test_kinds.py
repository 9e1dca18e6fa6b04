"""Claim kinds and v2 statuses through the real CLI: descriptions are checked against
their records, definitions confirmed by their rationale, contradicted findings
graded on both sides, and every summary counts each kind apart."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run

KINDS = """
  - id: smith-was-open-label
    kind: description
    statement: The Smith 2014 trial was open-label.
    routes: [IM, IV]
    topic: evidence-base
    evidence:
      - source: smith2014open
        stance: supports
  - id: big-trial-was-open-label
    kind: description
    statement: The big 2020 trial was open-label.
    routes: [IV]
    topic: evidence-base
    evidence:
      - source: big2020trial
        stance: contradicts
  - id: patients-were-surveyed
    kind: description
    statement: The patient reports come from a survey.
    routes: [IM]
    topic: evidence-base
    evidence:
      - source: patients2024
        stance: supports
  - id: iv-outweighed
    statement: IV ketamine does nothing for depression.
    routes: [IV]
    topic: efficacy
    condition: depression
    evidence:
      - source: patients2024
        stance: supports
      - source: big2020trial
        stance: contradicts
  - id: iv-bioavailability-100
    kind: definition
    rationale: an intravenous dose enters the circulation whole
    statement: IV ketamine has a bioavailability of 100 %.
    routes: [IV]
    topic: bioavailability
"""


def _with_kinds(evidence_dir: Path) -> None:
    with open(evidence_dir / "claims.yaml", "a", encoding="utf-8") as claims:
        claims.write(KINDS)


def test_descriptions_are_checked_and_definitions_confirmed(run: Run, evidence_dir: Path) -> None:
    _with_kinds(evidence_dir)
    result = run("claims", "--format", "json")
    assert result.exit_code == 0, result.stderr
    by_id = {c["id"]: c for c in json.loads(result.stdout)}
    checked = {
        claim_id: (by_id[claim_id]["kind"], by_id[claim_id]["status"], by_id[claim_id]["certainty"])
        for claim_id in (
            "smith-was-open-label",
            "big-trial-was-open-label",
            "patients-were-surveyed",
            "iv-bioavailability-100",
            "iv-outweighed",
        )
    }
    assert checked == {
        "smith-was-open-label": ("description", "confirmed", None),  # a verified record
        "big-trial-was-open-label": ("description", "refuted", None),
        "patients-were-surveyed": ("description", "unchecked", None),  # unverified record
        "iv-bioavailability-100": ("definition", "confirmed", None),
        # patient reports for, a double-blind RCT of 520 against: outweighed
        "iv-outweighed": ("finding", "contradicted", "very_low"),
    }
    assert by_id["iv-outweighed"]["certainty_against"] == "moderate"  # one RCT: -1
    assert by_id["iv-bioavailability-100"]["rationale"] == (
        "an intravenous dose enters the circulation whole"
    )
    # a checked claim is never "strong": --min-certainty leaves it out
    strong = json.loads(run("claims", "--min-certainty", "moderate", "--format", "json").stdout)
    assert [c["id"] for c in strong] == ["iv-efficacy"]


def test_gaps_count_each_kind_apart(run: Run, evidence_dir: Path) -> None:
    _with_kinds(evidence_dir)
    gaps = json.loads(run("gaps", "--format", "json").stdout)
    assert gaps["summary"] == {
        "finding": {"contradicted": 2, "contested": 1, "unsupported": 1, "weak": 1},
        "description": {"refuted": 1, "unchecked": 1},
    }
    assert {c["id"] for c in gaps["claims"]} >= {
        "big-trial-was-open-label",
        "patients-were-surveyed",
    }
    table = run("gaps")
    assert table.stdout.splitlines()[0] == (
        "7 claims lack strong support: 5 findings (2 contradicted, 1 contested, "
        "1 unsupported, 1 weak); 2 descriptions (1 refuted, 1 unchecked)"
    )


def test_show_prints_both_bodies_derivations(run: Run) -> None:
    out = run("show", "im-vomiting-minimal").stdout
    assert "status contradicted" in out
    assert "certainty against low" in out
    assert "How the grade was reached" in out
    assert "How the contradicting evidence was graded" in out
    assert "best contradicting design rct (jones2006kids)" in out
    shown = json.loads(run("show", "im-vomiting-minimal", "--format", "json").stdout)
    assert shown["certainty_against"] == "low"
    assert shown["grading_against"][0]["domain"] == "start"


def test_show_prints_how_a_description_was_checked(run: Run, evidence_dir: Path) -> None:
    _with_kinds(evidence_dir)
    out = run("show", "smith-was-open-label").stdout
    assert "description \u00b7 routes IV, IM" in out
    assert "certainty not graded \u00b7 status confirmed" in out
    assert "How the claim was checked" in out
    assert "the verified record of smith2014open supports it" in out


def test_report_and_exports_carry_kind(run: Run, evidence_dir: Path, tmp_path: Path) -> None:
    _with_kinds(evidence_dir)
    report = tmp_path / "report.html"
    assert run("report", "-o", str(report)).exit_code == 0
    html = report.read_text(encoding="utf-8")
    assert "<b>descriptions</b>" in html and "<b>findings</b>" in html
    assert "How the contradicting evidence was graded" in html
    csv_out = run("claims", "--format", "csv").stdout.splitlines()
    assert csv_out[0].endswith(",kind,certainty_against,retraction,unverified_sources")
    assert any(
        line.startswith("iv-bioavailability-100,") and ",definition," in line for line in csv_out
    )
    conflicts = json.loads(run("conflicts", "--format", "json").stdout)
    refuted = next(c for c in conflicts if c["id"] == "big-trial-was-open-label")
    assert (refuted["kind"], refuted["status"]) == ("description", "refuted")


def test_no_shipped_strong_finding_rests_on_a_judgement_that_sets_its_study_aside(
    tmp_path: Path,
) -> None:
    """A shipped finding is strong on its evidence, not because a reviewer judged a
    study's flagged weaknesses away (the audit's "strong means describes a study")."""
    from typer.testing import CliRunner

    from conftest import SHIPPED_DATA
    from roa_evidence.cli import app

    db = f"sqlite:///{tmp_path / 'shipped.sqlite'}"
    result = CliRunner().invoke(
        app, ["--data", str(SHIPPED_DATA), "--db", db, "claims", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    claims = json.loads(result.stdout)
    for claim in claims:
        if claim["status"] != "strong":
            continue
        assert claim["kind"] == "finding"
        set_aside = [
            s for s in claim["grading"] if "the automatic rule would have rated" in s["reason"]
        ]
        assert not set_aside, (claim["id"], set_aside)
    # and a summary can no longer be misread: checked kinds are never "strong"
    assert all(c["certainty"] is None for c in claims if c["kind"] != "finding")
