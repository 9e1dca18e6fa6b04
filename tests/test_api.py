"""The library API: every public name resolves, and the README's example runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

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


def test_the_sqlmodel_classes_create_exactly_the_tables_the_queries_read() -> None:
    """queries reads through `tables` (no SQLModel import on a query) and the store
    creates the tables through the SQLModel classes derived from them: the two must
    give the same schema, column for column, on both databases."""
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable
    from sqlmodel import SQLModel

    import roa_evidence.store.models  # noqa: F401 - defines the SQLModel classes
    from roa_evidence.store.tables import TABLES

    def ddl(table: Any, dialect: Any) -> list[str]:
        indexes = sorted(table.indexes, key=lambda index: str(index.name))
        statements = [CreateTable(table), *(CreateIndex(index) for index in indexes)]
        return [str(statement.compile(dialect=dialect)) for statement in statements]

    assert sorted(SQLModel.metadata.tables) == sorted(table.name for table in TABLES)
    for table in TABLES:
        model = SQLModel.metadata.tables[table.name]
        for dialect in (sqlite.dialect(), postgresql.dialect()):
            assert ddl(model, dialect) == ddl(table, dialect), table.name
        assert "FOREIGN KEY" in " ".join(ddl(model, sqlite.dialect())) or not table.foreign_keys


def test_the_sqlmodel_classes_read_typed_rows(evidence_dir: Path, db_url: str) -> None:
    """The models docstring's example: ORM rows of a built store, equal to the records."""
    import sqlalchemy as sa
    from sqlmodel import Session, select

    from roa_evidence.store.models import Claim, Work

    with open_store(evidence_dir, db_url) as conn:
        records = {c.id: c for c in find_claims(conn)}
    engine = sa.create_engine(db_url)
    try:
        with Session(engine) as session:
            contested = session.exec(select(Claim).where(Claim.status == "contested")).all()
            works = session.exec(select(Work)).all()
    finally:
        engine.dispose()
    assert contested and all(records[c.id].status == "contested" for c in contested)
    assert {c.id for c in contested} == {i for i, c in records.items() if c.status == "contested"}
    assert {type(w.n) for w in works} <= {int, type(None)} and any(w.is_document for w in works)


def _run_reporting(args: list[str], module: str) -> tuple[str, bool]:
    """Run the CLI with `args` in a fresh interpreter: what it printed, and whether it
    imported `module` on the way."""
    import subprocess
    import sys

    code = (
        "import sys; from roa_evidence.console import main; sys.argv = ['roa-evidence', "
        f"*{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print({module!r} in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return done.stdout, done.stderr.strip().splitlines()[-1] == "True"


@pytest.mark.slow  # a fresh interpreter
def test_a_query_does_not_import_sqlmodel(evidence_dir: Path, tmp_path: Path) -> None:
    args = ["--data", str(evidence_dir), "--db", str(tmp_path / "e.sqlite")]
    _run_reporting([*args, "load"], "sqlmodel")
    printed, imported = _run_reporting([*args, "claims", "--format", "json"], "sqlmodel")
    assert printed.startswith("[") and not imported


@pytest.mark.slow  # a fresh interpreter
def test_a_changed_claims_file_is_applied_without_sqlalchemy(
    evidence_dir: Path, tmp_path: Path
) -> None:
    """An incremental load of a SQLite store takes its row layout from the database it
    updates: importing SQLAlchemy would be a fifth of its time."""
    args = ["--data", str(evidence_dir), "--db", str(tmp_path / "e.sqlite")]
    _run_reporting([*args, "load"], "sqlalchemy")
    claims = evidence_dir / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("IM treatment costs less", "IM costs less"), encoding="utf-8")
    printed, imported = _run_reporting([*args, "load"], "sqlalchemy")
    assert printed.startswith("Updated "), printed
    assert not imported


def test_a_claim_made_through_the_models_has_the_store_defaults() -> None:
    from roa_evidence.store.models import Claim, EvidenceLink, Work

    claim = Claim(id="c", position=0, statement="s", topic="t", condition="any", level=0)
    assert (claim.kind, claim.grading_json, claim.n_asserted, claim.line) == ("finding", "[]", 0, 0)
    work = Work(key="k", position=0, entry_type="article")
    assert (work.level, work.routes, work.is_document, work.fields_json) == (1, "", False, "{}")
    assert EvidenceLink(claim_id="c", source="k", stance="supports").flags == ""


@pytest.mark.slow  # a fresh interpreter
def test_only_check_loads_the_draft_checker(evidence_dir: Path, tmp_path: Path) -> None:
    """The checker (rapidfuzz and its rules, about 0.1 s) is loaded by `check` alone."""
    args = ["--data", str(evidence_dir), "--db", str(tmp_path / "e.sqlite")]
    printed, imported = _run_reporting([*args, "claims", "--format", "json"], "rapidfuzz")
    assert printed.startswith("[") and not imported
    draft = tmp_path / "draft.md"
    draft.write_text("IM ketamine has a bioavailability of 93 %.\n", encoding="utf-8")
    printed, imported = _run_reporting([*args, "check", str(draft)], "rapidfuzz")
    assert "sentence checked" in printed and imported
