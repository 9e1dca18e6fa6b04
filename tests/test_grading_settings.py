"""A grading.toml changes the grades, through the full load and through the
incremental load that applies a changed claims file afterwards."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run
from roa_evidence.load.read import read_evidence_base

CLAIM = "im-as-effective-as-iv"  # open-label evidence: rated down for blinding by default


def _certainties(run: Run) -> dict[str, str]:
    result = run("claims", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {claim["id"]: claim["certainty"] for claim in json.loads(result.stdout)}


def test_grading_settings_apply_to_full_and_incremental_loads(run: Run, evidence_dir: Path) -> None:
    before = _certainties(run)
    assert before[CLAIM] == "very_low"

    (evidence_dir / "grading.toml").write_text(
        "# open-label trials are not rated down here\n[grading]\nbias_blinding = []\n",
        encoding="utf-8",
    )
    assert read_evidence_base(evidence_dir).config.bias_blinding == ()
    loaded = run("load")
    assert loaded.exit_code == 0 and loaded.stdout.startswith("Loaded"), loaded.stdout
    after = _certainties(run)
    assert after[CLAIM] == "low"
    assert {k: v for k, v in after.items() if k != CLAIM} == {
        k: v for k, v in before.items() if k != CLAIM
    }

    # Only claims.yaml changes now: the incremental load re-grades its claims with the
    # settings, and agrees with a full rebuild.
    claims = evidence_dir / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("for depression.", "for depression (edited).", 1))
    updated = run("load")
    assert updated.exit_code == 0 and updated.stdout.startswith("Updated"), updated.stdout
    incremental = _certainties(run)
    assert incremental[CLAIM] == "low"
    assert run("load", "--force").exit_code == 0
    assert _certainties(run) == incremental


def test_a_bad_setting_names_the_file_and_loads_nothing(run: Run, evidence_dir: Path) -> None:
    assert run("load").exit_code == 0
    (evidence_dir / "grading.toml").write_text("[grading]\nbias_share = 'half'\n")
    result = run("load")
    assert result.exit_code == 2
    assert "grading.toml" in result.stderr and "bias_share" in result.stderr
    assert "Traceback" not in result.output
    (evidence_dir / "grading.toml").unlink()
    again = run("load")  # the database was left as it was built before
    assert again.exit_code == 0 and again.stdout.startswith("Up to date"), again.stdout
