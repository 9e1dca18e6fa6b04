"""Documentation that failed as written in the second new-user trial (B6): the exports
recipe's printed counts, and the PostgreSQL install line."""

from __future__ import annotations

import io
import re
from pathlib import Path

from typer.testing import CliRunner

from conftest import REPO, SHIPPED_DATA
from roa_evidence.cli import app

DOCS = REPO / "docs"


def test_the_exports_recipe_prints_what_the_doc_says(tmp_path: Path) -> None:
    import pandas as pd

    text = (DOCS / "exports.md").read_text(encoding="utf-8")
    documented = dict(
        re.findall(
            r"^(risk_of_bias|inconsistency|indirectness|imprecision|"
            r"publication_bias) +(\d+)$",
            text,
            flags=re.MULTILINE,
        )
    )
    assert len(documented) == 5
    args = ["--data", str(SHIPPED_DATA), "--db", f"sqlite:///{tmp_path / 'e.sqlite'}", "export"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    links = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    findings = links[links["kind"] == "finding"].drop_duplicates("claim_id")
    counts = (findings[list(documented)].apply(lambda c: c.str.contains(r"\(-"))).sum()
    assert {k: str(v) for k, v in counts.items()} == documented


def test_the_postgres_install_line_works_from_a_clone() -> None:
    """The package is not on PyPI: from a clone the extra is installed from '.'."""
    text = (DOCS / "scale.md").read_text(encoding="utf-8")
    assert "pip install 'roa-evidence[postgres]'" not in text
    assert "pip install '.[postgres]'" in text
