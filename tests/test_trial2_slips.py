"""The second new-user trial's small slips: "1 sentences checked", `--format xlsx`
answered with pydantic's "Value error", and a retraction import silent about the rows it
skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run
from test_retractions import RETRACTED, evidence, record, write_csv  # noqa: F401


def test_one_sentence_is_one_sentence(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("IM ketamine is cheaper than IV ketamine.\n", encoding="utf-8")
    result = run("check", str(draft))
    assert "1 sentence checked:" in result.stdout
    assert "1 sentences" not in result.stdout


@pytest.mark.parametrize("command", [("export",), ("claims",), ("sources",)])
def test_an_unknown_format_gets_the_list_of_formats(run: Run, command: tuple[str, ...]) -> None:
    result = run(*command, "--format", "xlsx")
    assert result.exit_code == 2
    assert "Value error" not in result.output
    assert "'xlsx' is not one of 'csv'" in result.output or "'xlsx' is not one of 'table'" in (
        result.output
    )


def test_the_retraction_import_counts_the_records_it_skipped(
    run: Run,
    evidence: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    nothing = record("9", doi="", pmid="0")  # neither a DOI nor a PubMed id
    csv_file = write_csv(tmp_path / "rw.csv", RETRACTED, nothing)
    result = run("retractions", "import", str(csv_file), data=evidence)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Imported 1 notice from rw.csv (skipped 1 record naming neither a DOI nor a PubMed id): "
    )
