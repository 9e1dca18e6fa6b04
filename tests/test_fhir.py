"""`export --format fhir`: an EBM-on-FHIR R5 Bundle that fhir.resources validates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.bundle import Bundle

from conftest import SHIPPED_DATA, Run

DOMAIN_CODES = [
    "RiskOfBias",
    "Inconsistency",
    "Indirectness",
    "Imprecision",
    "PublicationBias",
    "LargeEffect",
    "DoseResponseGradient",
    "PlausibleConfounding",
]
PROFILE = "http://hl7.org/fhir/uv/ebm/StructureDefinition/certainty-of-evidence"


def _export(run: Run, tmp_path: Path, *args: str, data: Path | None = None) -> dict[str, Any]:
    out = tmp_path / "bundle.json"
    result = run("export", "--format", "fhir", "-o", str(out), *args, data=data)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    Bundle.model_validate_json(text)  # raises on anything R5 does not allow
    return json.loads(text)  # type: ignore[no-any-return]


def _resources(bundle: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {
        e["resource"]["id"]: e["resource"]
        for e in bundle.get("entry", [])
        if e["resource"]["resourceType"] == kind
    }


def _claims(run: Run, data: Path | None = None) -> list[dict[str, Any]]:
    result = run("claims", "--format", "json", data=data)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_shipped_base_is_a_valid_bundle_with_a_certainty_per_graded_finding(
    run: Run, tmp_path: Path
) -> None:
    bundle = _export(run, tmp_path, data=SHIPPED_DATA)
    claims = _claims(run, SHIPPED_DATA)
    findings = {c["id"]: c for c in claims if c["kind"] == "finding"}
    graded = {k for k, c in findings.items() if c["certainty"] not in (None, "none")}
    assert set(_resources(bundle, "Evidence")) == set(findings)
    assessments = _resources(bundle, "ArtifactAssessment")
    assert {a.removeprefix("certainty-") for a in assessments} == graded
    assert len(graded) > 30
    for claim_id in graded:
        assessment = assessments[f"certainty-{claim_id}"]
        assert assessment["meta"]["profile"] == [PROFILE]
        system, overall = assessment["content"]
        assert system["classifier"][0]["coding"][0]["code"] == "GRADE"
        assert overall["type"]["coding"][0]["code"] == "Overall"
        rating = overall["classifier"][0]["coding"][0]["code"]
        assert rating == findings[claim_id]["certainty"].replace("_", "-")
        codes = [c["type"]["coding"][0]["code"] for c in overall["component"]]
        assert codes == DOMAIN_CODES
        assert all(c["summary"] for c in overall["component"])


def test_each_domain_carries_its_rating_and_the_derivations_reason(
    run: Run, tmp_path: Path
) -> None:
    bundle = _export(run, tmp_path)
    claim = next(c for c in _claims(run) if c["id"] == "im-as-effective-as-iv")
    steps = {s["domain"]: s for s in claim["grading"]}
    assessment = _resources(bundle, "ArtifactAssessment")["certainty-im-as-effective-as-iv"]
    components = {c["type"]["coding"][0]["code"]: c for c in assessment["content"][1]["component"]}
    bias = components["RiskOfBias"]
    expected = {-1: "serious-concern", -2: "very-serious-concern"}[steps["risk_of_bias"]["change"]]
    assert bias["classifier"][0]["coding"][0]["code"] == expected
    assert bias["summary"] == steps["risk_of_bias"]["reason"]
    assert components["Inconsistency"]["classifier"][0]["coding"][0]["code"] == "no-concern"
    assert components["LargeEffect"]["classifier"][0]["coding"][0]["code"] == "absent"


def test_evidence_holds_the_statement_studies_and_pooled_effect(
    run: Run, evidence_dir: Path, tmp_path: Path
) -> None:
    claims = evidence_dir / "claims.yaml"
    claims.write_text(
        claims.read_text().replace(
            "    statement: IV ketamine relieves depression within a day.\n",
            "    statement: IV ketamine relieves depression within a day.\n"
            "    pooled_effect: {measure: SMD, estimate: -0.8, low: -1.2, high: -0.4, "
            "n_studies: 3, n: 210}\n",
        )
    )
    bundle = _export(run, tmp_path)
    evidence = _resources(bundle, "Evidence")["iv-efficacy"]
    assert evidence["assertion"] == "IV ketamine relieves depression within a day."
    assert [a["display"] for a in evidence["relatedArtifact"]] == [
        "supports: big2020trial (rct, n=520)"
    ]
    citations = {e["fullUrl"]: e["resource"]["id"] for e in bundle["entry"]}
    assert citations[evidence["relatedArtifact"][0]["resourceReference"]["reference"]] == (
        "big2020trial"
    )
    (statistic,) = evidence["statistic"]
    assert statistic["quantity"] == {"value": -0.8}
    assert statistic["attributeEstimate"][0]["range"] == {
        "low": {"value": -1.2},
        "high": {"value": -0.4},
    }
    assert statistic["sampleSize"] == {"numberOfStudies": 3, "numberOfParticipants": 210}


def test_citations_relate_to_their_retraction_and_correction_notices(
    run: Run, evidence_dir: Path, tmp_path: Path
) -> None:
    bib = evidence_dir / "studies.bib"
    bib.write_text(
        bib.read_text().replace(
            "  routes  = {IV},\n",
            "  routes  = {IV},\n  notices = {Correction 2020-06-01 10.1000/corr.1; "
            "Retraction 2021-03-04 10.1000/retr.1: data could not be verified},\n",
        )
    )
    citation = _resources(_export(run, tmp_path), "Citation")["big2020trial"]
    relations = citation["citedArtifact"]["relatesTo"]
    assert [(r["type"], r["resourceReference"]["identifier"]["value"]) for r in relations] == [
        ("correction-in", "10.1000/corr.1"),
        ("retracted-by", "10.1000/retr.1"),
    ]
    assert relations[1]["display"] == "Retraction 2021-03-04: data could not be verified"
    assert citation["citedArtifact"]["title"] == [
        {"text": "A large double-blind trial of intravenous ketamine"}
    ]


def test_nothing_matching_is_an_empty_bundle_that_still_validates(run: Run, tmp_path: Path) -> None:
    bundle = _export(run, tmp_path, "--search", "no claim says this")
    assert bundle == {"resourceType": "Bundle", "type": "collection"}


@pytest.mark.parametrize("flag", [["--what", "sources"], ["--documents", "."]])
def test_options_fhir_does_not_take_are_refused(run: Run, flag: list[str]) -> None:
    result = run("export", "--format", "fhir", *flag)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --")
    assert len(result.stderr.splitlines()) == 1
