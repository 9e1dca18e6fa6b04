"""A store knows whose evidence base it holds: another base is refused (one sentence naming
both) unless `load --force`; `postgres://` URLs work; a missing schema or database is
named with the command that creates it."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import _PG_REASON, PG_SERVER
from roa_evidence.cli import app


def _invoke(data: Path, db: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["--data", str(data), "--db", db, *args], env={"NO_COLOR": "1"})


def _ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [line.split()[0] for line in result.stdout.splitlines()[1:] if line.strip()]


def _other_base(evidence_dir: Path, tmp_path: Path) -> Path:
    """A teammate's base: another folder, one claim fewer."""
    other = tmp_path / "teammate"
    shutil.copytree(evidence_dir, other)
    claims = other / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    start = text.index("  - id: im-cheaper")
    end = text.index("  - id: im-bad-trips")
    claims.write_text(text[:start] + text[end:], encoding="utf-8")
    return other


def test_another_base_is_refused_until_load_force(
    evidence_dir: Path, db_url: str, tmp_path: Path
) -> None:
    other = _other_base(evidence_dir, tmp_path)
    mine = _ids(_invoke(evidence_dir, db_url, "claims", "-f", "table"))
    assert "im-cheaper" in mine
    refused = _invoke(other, db_url, "claims")
    assert refused.exit_code == 2
    message = refused.stderr.strip()
    assert message.count("\n") == 0 and "Traceback" not in message
    assert str(evidence_dir.resolve()) in message and str(other.resolve()) in message
    assert "load --force" in message
    assert _ids(_invoke(evidence_dir, db_url, "claims")) == mine  # left as it was
    replaced = _invoke(other, db_url, "load", "--force")
    assert replaced.exit_code == 0, replaced.output
    assert "im-cheaper" not in _ids(_invoke(other, db_url, "claims"))
    assert _invoke(evidence_dir, db_url, "claims").exit_code == 2  # now the other way round


def test_the_same_base_in_another_folder_or_edited_in_place_is_not_refused(
    evidence_dir: Path, db_url: str, tmp_path: Path
) -> None:
    copy = tmp_path / "clone"
    shutil.copytree(evidence_dir, copy)
    assert _invoke(evidence_dir, db_url, "load").exit_code == 0
    same = _invoke(copy, db_url, "claims")
    assert same.exit_code == 0 and "rebuilt" not in same.stderr  # equal fingerprints
    claims = evidence_dir / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edited = _invoke(evidence_dir, db_url, "claims")
    assert edited.exit_code == 0, edited.output  # the owner's own edit


@pytest.fixture
def pg_schema() -> str:
    if _PG_REASON is not None:
        pytest.skip(_PG_REASON)
    return f"t_{uuid.uuid4().hex[:12]}"


def test_postgres_scheme_is_accepted(evidence_dir: Path, pg_schema: str) -> None:
    import psycopg

    dsn = "host=127.0.0.1 port=5432 dbname=test user=postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {pg_schema}")
    try:
        url = f"postgres://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{pg_schema}"
        loaded = _invoke(evidence_dir, url, "load")
        assert loaded.exit_code == 0, loaded.output
        assert "im-cheaper" in _ids(_invoke(evidence_dir, url, "claims"))
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {pg_schema} CASCADE")


def test_a_missing_schema_is_named_with_the_command_that_creates_it(
    evidence_dir: Path, pg_schema: str
) -> None:
    url = f"{PG_SERVER}?options=-csearch_path%3D{pg_schema}"
    result = _invoke(evidence_dir, url, "claims")
    assert result.exit_code == 2
    assert f"the schema {pg_schema} does not exist in the database test" in result.stderr
    assert f'CREATE SCHEMA {pg_schema}"' in result.stderr
    assert "server is running" not in result.stderr


def test_a_missing_database_is_named_with_the_command_that_creates_it(
    evidence_dir: Path, pg_schema: str
) -> None:
    url = f"postgres://postgres@127.0.0.1:5432/{pg_schema}"
    result = _invoke(evidence_dir, url, "claims")
    assert result.exit_code == 2
    assert f"the database {pg_schema} does not exist" in result.stderr
    assert f"createdb -h 127.0.0.1 -p 5432 -U postgres {pg_schema}" in result.stderr


def test_another_kind_of_database_is_named_as_unsupported(evidence_dir: Path) -> None:
    result = _invoke(evidence_dir, "mysql://someone@localhost/db", "claims")
    assert result.exit_code == 2
    assert "names a mysql database, which roa-evidence does not support" in result.stderr
    assert "roa-evidence[postgres]" not in result.stderr
