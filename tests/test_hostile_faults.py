"""Faults around a command: output paths, standard output, --db URLs, locks, a server
lost mid-command.

The red team's reproducers (../shared/reviews/red-team.md, round two), each a test that
failed before its fix: a refusal in one sentence, in seconds, with nothing lost and
nothing disclosed. Case numbers are the report's."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import Run
from roa_evidence.cli import app

# --------------------------------------------------------------------------
# Output paths: -o writes only regular files; a killed export's leftovers are swept
# (cases 65-66, 72-76)


def test_o_refuses_a_named_pipe_even_with_force(run: Run, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.out"
    os.mkfifo(pipe)
    result = run("export", "-o", str(pipe), "--force")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {pipe} is a pipe, and -o writes only regular files (whole, or not at all); "
        f"to send the output there, leave out -o and redirect standard output (> {pipe}, or "
        "| COMMAND)\n"
    )
    assert pipe.is_fifo()


def test_o_refuses_a_device_even_with_force(run: Run, tmp_path: Path) -> None:
    node = tmp_path / "full"
    try:
        os.mknod(node, 0o666 | 0o020000, os.makedev(1, 7))  # a copy of /dev/full
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = run("report", "-o", str(node), "--force")
    assert result.exit_code == 2
    assert f"Error: {node} is a device, and -o writes only regular files" in result.stderr
    assert node.is_char_device()


def test_a_killed_exports_temporary_file_is_swept_and_a_live_ones_kept(
    run: Run, tmp_path: Path
) -> None:
    import fcntl

    target = tmp_path / "out.csv"
    abandoned = tmp_path / ".out.csv.abc123.tmp"
    abandoned.write_text("half an export")
    live = tmp_path / ".out.csv.def456.tmp"
    live.write_text("another export, still writing")
    with live.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = run("export", "--format", "csv", "-o", str(target))
        assert result.exit_code == 0, result.stderr
        assert not abandoned.exists()
        assert live.exists()


@pytest.mark.parametrize(
    "command",
    [("export", "--format", "csv"), ("claims", "--format", "json"), ("report", "-o", "-")],
)
@pytest.mark.slow  # fresh processes
def test_a_full_standard_output_is_one_sentence(
    evidence_dir: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [
                sys.executable, "-m", "roa_evidence", "--data", str(evidence_dir),
                "--db", str(tmp_path / "db.sqlite"), *command,
            ],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "Error: cannot write to standard output (No space left on device); the output is "
        "incomplete; free some space or send it elsewhere"
    )


def test_o_refuses_a_process_substitution(run: Run) -> None:
    read_end, write_end = os.pipe()  # what bash's >(command) passes as /dev/fd/N
    try:
        result = run("export", "-o", f"/dev/fd/{write_end}", "--force")
    finally:
        os.close(read_end)
        os.close(write_end)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Error: /dev/fd/{write_end} is a pipe, and -o writes only regular files"
    )


def test_a_db_that_is_a_named_pipe_is_left_alone(evidence_dir: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "evidence.sqlite"
    os.mkfifo(pipe)
    started = time.monotonic()
    result = CliRunner().invoke(app, ["--data", str(evidence_dir), "--db", str(pipe), "claims"])
    assert time.monotonic() - started < 10
    assert result.stderr == (
        f"Error: {pipe} exists and is not a roa-evidence database, so it was left alone; "
        "choose another file with --db PATH\n"
    )
    assert pipe.is_fifo()


# --------------------------------------------------------------------------
# --db URLs and database faults (cases 116-119, 123-124, 129-130)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "notaurl://::::",
            "Error: --db 'notaurl://::::' is not a database URL (invalid literal for int() "
            "with base 10: ':::'); give a SQLite file path, or a URL such as "
            "postgresql+psycopg://host/db\n",
        ),
        (
            "mysql://root@127.0.0.1:3306/test",
            "Error: --db names a mysql database, which roa-evidence does not support; it keeps "
            "its database in SQLite (a file path) or PostgreSQL (postgresql+psycopg://host/db)\n",
        ),
    ],
)
def test_a_db_url_that_cannot_work_is_named(evidence_dir: Path, url: str, message: str) -> None:
    result = CliRunner().invoke(app, ["--data", str(evidence_dir), "--db", url, "claims"])
    assert (result.exit_code, result.stderr) == (2, message)


def test_an_unreachable_server_is_named_before_the_evidence_base_is_read(
    evidence_dir: Path,
) -> None:
    (evidence_dir / "studies.bib").write_text("@article{broken,")  # would be reported if read
    url = "postgresql+psycopg://postgres@127.0.0.1:9/test"
    result = CliRunner().invoke(app, ["--data", str(evidence_dir), "--db", url, "claims"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot use the database server (")
    assert "studies.bib" not in result.stderr


def test_a_database_failing_mid_command_is_named_without_its_sql() -> None:
    import sqlalchemy as sa

    from roa_evidence.cli.app import _known_failure

    lost = sa.exc.OperationalError(
        "SELECT claim.id, claim.statement FROM claim", {}, Exception("consuming input failed")
    )
    assert _known_failure(lost) == (
        "cannot use the database server (consuming input failed); check the --db URL and "
        "that the server is running"
    )


def test_a_sqlite_database_failing_mid_command_is_not_called_a_server() -> None:
    import sqlite3

    import sqlalchemy as sa

    from roa_evidence.cli.app import _known_failure

    failed = sa.exc.OperationalError(
        "SELECT id FROM claim", {}, sqlite3.OperationalError("disk I/O error")
    )
    assert _known_failure(failed) == (
        "cannot read the SQLite database (disk I/O error); nothing was changed; run again, "
        "and if it keeps failing, check the disk it is on"
    )


@pytest.mark.slow  # waits on a held lock
def test_a_held_build_lock_is_said_at_once_and_given_up_after_wait(
    evidence_dir: Path, tmp_path: Path
) -> None:
    import fcntl

    db = tmp_path / "db.sqlite"
    args = ["--data", str(evidence_dir), "--db", str(db)]
    assert CliRunner().invoke(app, [*args, "load"]).exit_code == 0
    claims = evidence_dir / "claims.yaml"
    claims.write_text(claims.read_text() + "# changed\n")
    with open(f"{db}.lock", "a") as lock:  # a load stopped with Ctrl-Z holds it like this
        fcntl.flock(lock, fcntl.LOCK_EX)
        started = time.monotonic()
        result = CliRunner().invoke(app, [*args, "--wait", "0.5", "claims"])
        assert time.monotonic() - started < 10
    lines = result.stderr.splitlines()
    assert result.exit_code == 2
    assert lines[0].startswith("roa-evidence: another roa-evidence process")
    assert lines[0].endswith(
        f"is updating the database (it holds {db}.lock); waiting up to 0.5 s (--wait SECONDS)"
    )
    assert lines[1].endswith(
        f"has held {db}.lock for over 0.5 s (a long load, or one stopped or hung); nothing "
        "was changed; run again when it is done, or wait longer with --wait SECONDS"
    )
    assert "move it away to rebuild" not in result.stderr


@pytest.mark.slow  # SQLite's own busy timeout runs out first (about 10 s)
def test_a_database_another_process_locks_is_called_busy(
    evidence_dir: Path, tmp_path: Path
) -> None:
    import sqlite3

    db = tmp_path / "db.sqlite"
    args = ["--data", str(evidence_dir), "--db", str(db)]
    assert CliRunner().invoke(app, [*args, "load"]).exit_code == 0
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        result = CliRunner().invoke(app, [*args, "load", "--force"])
    finally:
        other.close()
    assert result.exit_code == 2
    assert "is busy: another process holds a lock on it" in result.stderr
    assert "move it away to rebuild" not in result.stderr


def test_a_server_lost_mid_export_is_named_without_sql(
    evidence_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import roa_evidence.exporters as exporters
    from test_postgres import DSN, _private_schema

    schema = _private_schema()
    url = next(schema)
    real_export = exporters.export

    def export_after_the_server_drops_us(conn: Any, *args: Any, **kwargs: Any) -> int:
        import psycopg

        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        with psycopg.connect(DSN, autocommit=True) as admin:  # as a server stopped would
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        return real_export(conn, *args, **kwargs)

    monkeypatch.setattr(exporters, "export", export_after_the_server_drops_us)
    try:
        result = CliRunner().invoke(
            app, ["--data", str(evidence_dir), "--db", url, "export", "--format", "json"]
        )
    finally:
        next(schema, None)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: cannot use the database server (terminating connection due to administrator "
        "command); check the --db URL and that the server is running"
    )
    assert "SELECT" not in result.stderr and "unexpected" not in result.stderr
