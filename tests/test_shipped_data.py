"""The shipped evidence base: true to its documents, and findable the way users look."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import SHIPPED_DATA
from roa_evidence.cli import app


def _run(tmp_path: Path, *args: str, data: Path = SHIPPED_DATA) -> Result:
    db = f"sqlite:///{tmp_path / 'shipped.sqlite'}"
    return CliRunner().invoke(app, ["--data", str(data), "--db", db, *args], env={"NO_COLOR": "1"})


def test_every_quote_is_verbatim_in_its_document(shared_dir: Path, tmp_path: Path) -> None:
    result = _run(tmp_path, "validate", "--documents", str(shared_dir / "seeds"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("OK: ")
    assert "quotes found verbatim in their documents." in result.stdout


def test_an_altered_quote_is_caught(shared_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    claims = data / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    original = 'quote: "Bioavailability is slightly lower (approximately 93%)'
    assert original in text
    claims.write_text(
        text.replace(original, 'quote: "Bioavailability is slightly lower (approximately 95%)', 1),
        encoding="utf-8",
    )
    result = _run(tmp_path, "validate", "--documents", str(shared_dir / "seeds"), data=data)
    assert result.exit_code == 2
    assert (
        "claim 'im-bioavailability-93': the quote \"Bioavailability is slightly lower "
        "(approximately 95%)" in result.stderr
    )
    assert "is not in synaptica2025comparing's text; copy it verbatim" in result.stderr


@pytest.mark.parametrize(
    ("route", "value"),
    [
        ("IV", {"estimate": 100.0, "unit": "%"}),
        ("IM", {"estimate": 93.0, "unit": "%"}),
        ("oral", {"estimate": 16.0, "unit": "%"}),
        ("IN", {"low": 25.0, "high": 50.0, "unit": "%"}),
    ],
)
def test_every_bioavailability_figure_is_a_claim(
    route: str, value: dict[str, object], tmp_path: Path
) -> None:
    result = _run(
        tmp_path, "claims", "--route", route, "--topic", "bioavailability", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    assert value in [claim["value"] for claim in json.loads(result.stdout)]


def test_oral_first_pass_figure_is_a_claim(tmp_path: Path) -> None:
    result = _run(tmp_path, "claims", "--route", "oral", "--search", "84", "--format", "json")
    assert [c["value"] for c in json.loads(result.stdout)] == [{"estimate": 84.0, "unit": "%"}]


def test_every_work_the_first_document_cites_is_a_source(tmp_path: Path) -> None:
    keys = {w["key"] for w in json.loads(_run(tmp_path, "sources", "--format", "json").stdout)}
    cited = {
        "boroumandrezazadeh2015comparison",
        "chilukuri2014acute",
        "innerbloom2025comparing",
        "rosenbaum2024ketamine",
        "momeni2014comparison",
        "wolfson_nd_guidelines",
    }
    assert cited <= keys
    momeni = json.loads(_run(tmp_path, "source", "momeni2014comparison", "--format", "json").stdout)
    assert "Saeedi" in momeni["citation_issue"] and "Momeni" in momeni["citation_issue"]


def test_gaps_holds_the_anecdotes_and_not_the_trials(tmp_path: Path) -> None:
    found = json.loads(_run(tmp_path, "gaps", "--format", "json").stdout)["claims"]
    gap_ids = {c["id"] for c in found}
    everything = json.loads(_run(tmp_path, "claims", "--format", "json").stdout)
    for claim in everything:
        designs = {e["design"] for e in claim["evidence"] if e["stance"] == "supports"}
        if claim["grade_override"]:  # a reviewer's stated rationale (IV is 100 % by definition)
            assert claim["grade_override"]["rationale"]
            continue
        if designs and designs <= {"patient-reports", "web-article", "expert-opinion"}:
            assert claim["id"] in gap_ids, claim["id"]  # anecdote alone is never strong
        if not designs:
            assert claim["id"] in gap_ids, claim["id"]  # nor is nothing
        if claim["id"] not in gap_ids:
            assert claim["status"] == "strong"
    assert "im-as-effective-as-iv-depression" in gap_ids
    assert "street-ketamine-100-adulterated" in gap_ids or any(
        "adulterated" in c["statement"] for c in found
    )
