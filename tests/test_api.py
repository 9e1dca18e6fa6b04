"""The library API: every public name resolves, and the README's example runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import roa_evidence
from roa_evidence import ClaimFilter, find_claims, open_store


def test_every_public_name_resolves() -> None:
    for name in roa_evidence.__all__:
        assert getattr(roa_evidence, name) is not None, name


def test_open_store_builds_and_queries(evidence_dir: Path, sqlite_url: str) -> None:
    with open_store(evidence_dir, sqlite_url) as conn:
        contested = find_claims(
            conn, ClaimFilter(routes=("IM",), statuses=("contested", "contradicted"))
        )
    assert [c.id for c in contested] == ["im-as-effective-as-iv", "im-vomiting-minimal"]
    assert contested[0].grading[0]["domain"] == "start"


def test_import_stays_cheap_and_version_needs_no_framework() -> None:
    code = (
        "import sys, roa_evidence; "
        "print(sorted(m for m in ('typer', 'sqlalchemy', 'pydantic', 'rich') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    version = subprocess.run(
        [sys.executable, "-m", "roa_evidence", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout == f"roa-evidence {roa_evidence.__version__}\n"
