"""PostgreSQL as a shared store: concurrent loads, and a load that waits too long.

Every CLI test already runs on PostgreSQL through the `db_url` fixture; these
are the cases that only a server has. They skip, saying why, where no server
answers on 127.0.0.1:5432.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import _PG_REASON, PG_SERVER
from roa_evidence.cli import app
from roa_evidence.store import backends as store

# PostgreSQL only, with lock waits: the full run (as every PostgreSQL parameter is).
pytestmark = pytest.mark.slow

DSN = "host=127.0.0.1 port=5432 dbname=test user=postgres"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A private schema in the test database."""
    yield from _private_schema()


@pytest.fixture
def second_pg_url() -> Iterator[str]:
    """Another private schema in the same database."""
    yield from _private_schema()


def _private_schema() -> Iterator[str]:
    if _PG_REASON is not None:
        pytest.skip(_PG_REASON)
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(DSN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_SERVER}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(DSN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _hold_the_lock(other: object, pg_url: str) -> None:
    """Take, on the connection `other`, the lock a load into `pg_url`'s schema takes."""
    schema = pg_url.rsplit("%3D", 1)[1]
    other.execute(f"SET search_path TO {schema}")  # type: ignore[attr-defined]
    other.execute(store.PG_LOCK)  # type: ignore[attr-defined]


def _claims(data: Path, url: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(
        app, ["--data", str(data), "--db", url, "claims", "--format", "json"], env={"NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.stderr
    claims: list[dict[str, object]] = json.loads(result.stdout)
    return claims


@pytest.mark.slow
def test_two_loads_at_once_leave_one_whole_database(
    evidence_dir: Path, pg_url: str, tmp_path: Path
) -> None:
    command = [
        sys.executable,
        "-m",
        "roa_evidence",
        "--data",
        str(evidence_dir),
        "--db",
        pg_url,
        "load",
        "--force",
    ]
    loads = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)
    ]
    results = [
        (proc.wait(timeout=120), proc.stderr.read().decode())
        for proc in loads
        if proc.stderr is not None
    ]
    assert [code for code, _ in results] == [0, 0, 0], results
    expected = _claims(evidence_dir, f"sqlite:///{tmp_path / 'alone.sqlite'}")
    assert _claims(evidence_dir, pg_url) == expected


def test_a_load_that_waits_too_long_for_another_says_so(evidence_dir: Path, pg_url: str) -> None:
    import psycopg

    runner = CliRunner()
    args = ["--data", str(evidence_dir), "--db", pg_url, "--wait", "0.2", "load", "--force"]
    assert runner.invoke(app, args).exit_code == 0
    before = _claims(evidence_dir, pg_url)
    with psycopg.connect(DSN) as other:  # another load, holding the lock in its transaction
        _hold_the_lock(other, pg_url)
        result = runner.invoke(app, args, env={"NO_COLOR": "1"})
    assert result.exit_code == 2
    assert result.stderr == (
        "roa-evidence: another roa-evidence load is writing this database; waiting up to "
        "0.2 s (--wait SECONDS)\n"
        "Error: another load has been writing this database for longer than --wait allows; "
        "nothing was changed; run again when it is done, or wait longer with --wait SECONDS\n"
    )
    assert _claims(evidence_dir, pg_url) == before


def test_loads_into_different_schemas_do_not_wait_for_each_other(
    evidence_dir: Path, pg_url: str, second_pg_url: str
) -> None:
    import psycopg

    args = ["--data", str(evidence_dir), "--wait", "0.2", "load", "--force"]
    with psycopg.connect(DSN) as other:  # a load into the first schema, holding its lock
        _hold_the_lock(other, pg_url)
        blocked = CliRunner().invoke(app, ["--db", pg_url, *args])
        elsewhere = CliRunner().invoke(app, ["--db", second_pg_url, *args])
    assert blocked.exit_code == 2, blocked.stdout
    assert elsewhere.exit_code == 0, elsewhere.stderr
    assert elsewhere.stdout.startswith("Loaded "), elsewhere.stdout


def test_a_changed_claims_file_waits_for_the_lock_too(evidence_dir: Path, pg_url: str) -> None:
    import psycopg

    runner = CliRunner()
    assert runner.invoke(app, ["--data", str(evidence_dir), "--db", pg_url, "load"]).exit_code == 0
    claims = evidence_dir / "claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace(
            "IM treatment costs less", "IM treatment is cheaper"
        ),
        encoding="utf-8",
    )
    with psycopg.connect(DSN) as other:
        _hold_the_lock(other, pg_url)
        result = runner.invoke(
            app,
            ["--data", str(evidence_dir), "--db", pg_url, "--wait", "0.2", "load"],
            env={"NO_COLOR": "1"},
        )
    assert result.exit_code == 2
    assert "another load has been writing this database" in result.stderr
    result = runner.invoke(app, ["--data", str(evidence_dir), "--db", pg_url, "load"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Updated "), result.stdout
