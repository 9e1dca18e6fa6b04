"""Shared fixtures: a private copy of an evidence base, a database per test
(SQLite, and PostgreSQL where a server answers), and a CLI runner bound to both."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from roa_evidence.cli import app

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED_DATA = REPO / "data"
SHARED = REPO.parent / "shared"
PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _postgres_reason() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when they can."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install '.[postgres]')"
    try:
        with psycopg.connect(
            "host=127.0.0.1 port=5432 dbname=test user=postgres", connect_timeout=3
        ):
            return None
    except psycopg.Error as exc:
        return f"no PostgreSQL server answers on 127.0.0.1:5432 ({str(exc).strip()[:80]})"


_PG_REASON = _postgres_reason()


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the repository; tests that need it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (only the project's own checkout has it)")
    return SHARED


@pytest.fixture
def evidence_dir(tmp_path: Path) -> Path:
    """A private, writable copy of the small test evidence base (with its documents)."""
    target = tmp_path / "evidence"
    shutil.copytree(FIXTURES / "small", target)
    return target


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a private PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'evidence.sqlite'}"
        return
    if _PG_REASON is not None:
        pytest.skip(_PG_REASON)
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    dsn = "host=127.0.0.1 port=5432 dbname=test user=postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_SERVER}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file for tests about SQLite itself (atomic swap, locking)."""
    return f"sqlite:///{tmp_path / 'evidence.sqlite'}"


Run = Callable[..., Result]


@pytest.fixture
def run(evidence_dir: Path, db_url: str) -> Run:
    """Invoke `roa-evidence --data <copy> --db <fresh db> ARGS...` through CliRunner."""
    runner = CliRunner()

    def invoke(*args: str, data: Path | None = None, env: dict[str, str] | None = None) -> Result:
        full = ["--data", str(data or evidence_dir), "--db", db_url, *args]
        return runner.invoke(app, full, env={"NO_COLOR": "1", **(env or {})})

    return invoke
