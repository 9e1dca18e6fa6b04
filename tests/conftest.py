"""Shared fixtures: a private copy of an evidence base, a database per test
(SQLite, and PostgreSQL where a server answers), and a CLI runner bound to both."""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from roa_evidence.cli import app
from roa_evidence.draftcheck import hedging

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


@contextmanager
def _database(backend: str, folder: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file in `folder`, or a private PostgreSQL schema."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'evidence.sqlite'}"
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


# Every backend-parametrized test runs on SQLite in the quick loop and on PostgreSQL
# too in the full run (the README's command, .ci/run): the same code behind one
# interface (store/backends.py), at twice the cost.
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a private PostgreSQL schema."""
    with _database(request.param, tmp_path) as url:
        yield url


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


@pytest.fixture(scope="session", params=BACKENDS)
def query(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Run]:
    """Like `run`, for tests that only read: one copy of the small evidence base and one
    database per backend, built once per test session (keeps the quick loop quick)."""
    folder = tmp_path_factory.mktemp(f"query-{request.param}")
    evidence = folder / "evidence"
    shutil.copytree(FIXTURES / "small", evidence)
    runner = CliRunner()
    with _database(request.param, folder) as url:

        def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
            full = ["--data", str(evidence), "--db", url, *args]
            return runner.invoke(app, full, env={"NO_COLOR": "1", **(env or {})})

        assert invoke("load").exit_code == 0  # built now: no test sees the first build
        yield invoke


@pytest.fixture(scope="session")
def shipped_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The shipped evidence base in a SQLite file, loaded once per test session."""
    url = f"sqlite:///{tmp_path_factory.mktemp('shipped') / 'shipped.sqlite'}"
    result = CliRunner().invoke(app, ["--data", str(SHIPPED_DATA), "--db", url, "load"])
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture
def shipped(shipped_db: str) -> Run:
    """Like `run`, on the shipped evidence base and its database built once per session:
    for tests that only read it (`check` a sentence, `show` a claim)."""
    runner = CliRunner()

    def invoke(*args: str, data: Path | None = None, env: dict[str, str] | None = None) -> Result:
        assert data in (None, SHIPPED_DATA), "`shipped` reads only the shipped base"
        full = ["--data", str(SHIPPED_DATA), "--db", shipped_db, *args]
        return runner.invoke(app, full, env={"NO_COLOR": "1", **(env or {})})

    return invoke


GREEN = {"confirmed", "strong"}  # the verdicts a writer reads as "fine"


def check_one(run: Run, tmp_path: Path, sentence: str, min_confidence: str = "0") -> dict[str, Any]:
    """`check --format json` on a one-sentence draft (`run`: the `shipped` fixture): its
    finding, as the rules read it (by default every problem they find, whatever its
    confidence: what `--min-confidence` sets apart is tested in test_check_confidence)."""
    draft = tmp_path / "draft.md"
    draft.write_text(sentence + "\n", encoding="utf-8")
    result = run("check", str(draft), "--format", "json", "--min-confidence", min_confidence)
    assert result.exit_code == 0, result.stderr
    [finding] = json.loads(result.stdout)["findings"]
    return dict(finding)


def problem_kinds(finding: dict[str, Any]) -> set[str]:
    return {p["kind"] for p in finding["problems"]}


def found_cases(with_problem: list[Any], without_problem: list[Any]) -> list[Any]:
    """A pass's table of (sentence, claim, kind) cases as parameters (sentence, claim, kind,
    found): the claim is found, and the problem `kind` is reported only for the first list."""
    return [pytest.param(*case.values, True, id=case.id) for case in with_problem] + [
        pytest.param(*case.values, False, id=case.id) for case in without_problem
    ]


def assert_found(
    run: Run, tmp_path: Path, sentence: str, claim: str, kind: str, found: bool
) -> None:
    """The sentence's finding is the claim, with the problem `kind` or without it."""
    finding = check_one(run, tmp_path, sentence)
    assert finding["claim"] == claim, finding
    assert (kind in problem_kinds(finding)) is found, finding


def found_test(with_problem: list[Any], without_problem: list[Any]) -> Callable[..., None]:
    """A pass's test over its table (`found_cases`), bound to a `test_...` name in its module:
    each sentence's claim is found, with the problem or without it."""

    @pytest.mark.parametrize(
        ("sentence", "claim", "kind", "found"), found_cases(with_problem, without_problem)
    )
    def test(
        shipped: Run, tmp_path: Path, sentence: str, claim: str, kind: str, found: bool
    ) -> None:
        assert_found(shipped, tmp_path, sentence, claim, kind, found)

    return test


def hearsay_test(passed_on: list[str], asserted: list[str] | None = None) -> Callable[..., None]:
    """A pass's test over sentences that pass on what others say (read at the very-uncertain
    level, as "patients report" is) and sentences that assert (`asserted`: read less hedged),
    bound to a `test_...` name in its module."""
    cases = [(s, True) for s in passed_on] + [(s, False) for s in asserted or []]

    @pytest.mark.parametrize(("sentence", "passed"), cases)
    def test(sentence: str, passed: bool) -> None:
        level = hedging.hedge(sentence)
        if passed:
            assert level == hedging.VERY_UNCERTAIN_LEVEL, level
        else:
            assert level < hedging.VERY_UNCERTAIN_LEVEL, level

    return test


def reviewed_test(cases: list[tuple[str, str | None, str | None]]) -> Callable[..., None]:
    """A pass's test over a second reader's (sentence, kind reported or None, kind not
    reported or None) cases, through `check` on the shipped base."""

    @pytest.mark.parametrize(("sentence", "present", "absent"), cases)
    def test(
        shipped: Run, tmp_path: Path, sentence: str, present: str | None, absent: str | None
    ) -> None:
        kinds = problem_kinds(check_one(shipped, tmp_path, sentence))
        assert present is None or present in kinds, kinds
        assert absent is None or absent not in kinds, kinds

    return test
