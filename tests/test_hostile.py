"""The red team's hostile inputs and faults (../shared/reviews/red-team.md, round two),
each as a test that failed before its fix: a refusal in one sentence, in seconds, with
nothing lost and nothing disclosed. Case numbers are the report's."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import Run
from roa_evidence.cli import app
from test_retractions import EXCLUDED, RETRACTED, grade_of, ok, record, write_csv

# --------------------------------------------------------------------------
# Bounded reads: only regular files, never read whole when endless (cases 40, 99-101, 196-197)


@pytest.mark.parametrize(
    ("name", "make", "what"),
    [
        ("claims/part.yaml", lambda p: p.symlink_to("/dev/zero"), "is a device"),
        ("studies.bib", lambda p: p.symlink_to("/dev/urandom"), "is a device"),
        ("studies.bib", lambda p: os.mkfifo(p), "is a named pipe"),
    ],
)
def test_a_data_file_that_is_not_a_regular_file_is_refused_at_once(
    run: Run, evidence_dir: Path, name: str, make: object, what: str
) -> None:
    target = evidence_dir / name
    target.parent.mkdir(exist_ok=True)
    target.unlink(missing_ok=True)
    make(target)  # type: ignore[operator]
    started = time.monotonic()
    result = run("validate")
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{target}: {what}{' (such as /dev/zero)' if what == 'is a device' else ''}, "
        "not a regular file; put the file itself in its place"
    )


def test_a_document_that_is_a_named_pipe_is_refused(evidence_dir: Path) -> None:
    (evidence_dir / "alpha.txt").unlink()
    os.mkfifo(evidence_dir / "alpha.txt")
    result = CliRunner().invoke(
        app, ["--data", str(evidence_dir), "validate", "--documents", str(evidence_dir)]
    )
    assert result.exit_code == 2
    assert (
        f"{evidence_dir / 'claims.yaml'}:11: claim 'im-as-effective-as-iv': document "
        "'docalpha', file 'alpha.txt': is a named pipe, not a regular file; put the file "
        "itself in its place\n"
    ) in result.stderr


# --------------------------------------------------------------------------
# Nothing disclosed: documents_dir stays inside the evidence base (cases 193-195)


def test_documents_dir_outside_the_evidence_base_is_not_read(
    evidence_dir: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "home"
    secret.mkdir()
    (secret / "credentials").write_text(
        "[default]\naws_access_key_id = AKIAFAKEFAKEFAKE\naws_secret_access_key = abc\n"
    )
    claims = evidence_dir / "claims.yaml"
    claims.write_text(
        claims.read_text().replace("version: 1\n", f"version: 1\ndocuments_dir: {secret}\n")
    )
    bib = evidence_dir / "studies.bib"
    bib.write_text(bib.read_text().replace("{alpha.txt}", "{credentials}"))
    result = CliRunner().invoke(app, ["--data", str(evidence_dir), "validate"])
    assert result.exit_code == 2
    assert "AKIA" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{claims}:2: documents_dir points outside the evidence base folder ({secret}), so "
        "its files were not read; move the documents into the evidence base, or name their "
        "folder for this run with --documents DIR"
    )


def test_documents_dir_through_a_symlink_out_is_refused(evidence_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (evidence_dir / "docs").symlink_to(tmp_path / "elsewhere")
    claims = evidence_dir / "claims.yaml"
    claims.write_text(
        claims.read_text().replace("version: 1\n", "version: 1\ndocuments_dir: docs\n")
    )
    result = CliRunner().invoke(app, ["--data", str(evidence_dir), "validate"])
    assert result.exit_code == 2
    assert "documents_dir points outside the evidence base folder" in result.stderr


def test_documents_dir_inside_the_evidence_base_is_used(evidence_dir: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    claims.write_text(claims.read_text().replace("version: 1\n", "version: 1\ndocuments_dir: .\n"))
    result = CliRunner().invoke(app, ["--data", str(evidence_dir), "validate"])
    assert result.exit_code == 0, result.stderr
    assert "quotes found verbatim" in result.stdout


# --------------------------------------------------------------------------
# Closest passage: bounded in time for any quote size (case 192)


def _near_miss(document_chars: int, quote_chars: int) -> tuple[str, str]:
    import random

    rng = random.Random(7)
    words = [
        "".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(2, 9)))
        for _ in range(5000)
    ]
    text = " ".join(rng.choice(words) for _ in range(document_chars // 5))[:document_chars]
    middle = document_chars // 2
    quote = text[middle : middle + quote_chars].split(" ", 1)[1].rsplit(" ", 1)[0].split()
    quote[len(quote) // 3] = "CHANGED"
    return text, " ".join(quote)


def test_closest_passage_of_a_long_near_miss_quote_is_quick() -> None:
    from roa_evidence.load.quotes import closest_passage

    text, quote = _near_miss(2_000_000, 20_000)
    started = time.monotonic()
    hint = closest_passage(quote, text)
    assert time.monotonic() - started < 3  # quadratic before: about a minute for 2 MB
    assert "where the quote has 'CHANGED'" in hint


@pytest.mark.slow
def test_closest_passage_of_a_20kb_quote_against_7mb_is_bounded() -> None:
    from roa_evidence.load.quotes import closest_passage

    text, quote = _near_miss(7_000_000, 20_000)
    started = time.monotonic()
    hint = closest_passage(quote, text)
    assert time.monotonic() - started < 10  # was 260 s
    assert "where the quote has 'CHANGED'" in hint


# --------------------------------------------------------------------------
# Retraction import: nothing silently lost (cases 90, 93-94, 97, 99-101)


@pytest.fixture
def evidence(evidence_dir: Path) -> Path:
    """The small base with the identifiers test_retractions' records match."""
    from test_retractions import evidence as with_identifiers

    return with_identifiers.__wrapped__(evidence_dir)  # type: ignore[attr-defined, no-any-return]


MANY = [RETRACTED, *(record(str(10 + i), doi=f"10.5555/other.{i}") for i in range(9))]


def test_a_file_cut_at_a_line_end_is_refused_and_diff_shows_what_it_would_drop(
    run: Run, evidence: Path, tmp_path: Path
) -> None:
    ok(run("retractions", "import", str(write_csv(tmp_path / "good.csv", *MANY)), data=evidence))
    cut = write_csv(tmp_path / "cut.csv", *MANY[5:8])  # the record retracting big2020trial lost
    result = run("retractions", "import", str(cut), data=evidence)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"Error: {cut} holds 3 notices; importing it would drop 7 of the 10 imported on "
    )
    assert result.stderr.endswith(
        f"so it looks truncated; nothing was changed; download the file again, see what it "
        f"would change with `roa-evidence retractions diff {cut}`, or pass --replace to import "
        "it anyway\n"
    )
    assert EXCLUDED in grade_of(run, evidence, "iv-efficacy")[2]
    preview = ok(run("retractions", "diff", str(cut), data=evidence))
    assert preview.startswith(
        "Importing cut.csv would replace the 10 notices imported now with 3: 0 added, "
        "7 dropped; 1 claim would change grade:\n"
    )
    assert "iv-efficacy" in preview
    assert EXCLUDED in grade_of(run, evidence, "iv-efficacy")[2]  # the diff changed nothing
    replaced = ok(run("retractions", "import", str(cut), "--replace", data=evidence))
    assert "7 notices of the previous import are not in this file and were dropped." in replaced
    assert EXCLUDED not in grade_of(run, evidence, "iv-efficacy")[2]


def test_a_header_only_file_is_refused(run: Run, evidence: Path, tmp_path: Path) -> None:
    ok(run("retractions", "import", str(write_csv(tmp_path / "good.csv", *MANY)), data=evidence))
    result = run("retractions", "import", str(write_csv(tmp_path / "h.csv")), data=evidence)
    assert result.exit_code == 2
    assert "holds 0 notices; importing it would drop 10 of the 10" in result.stderr
    assert EXCLUDED in grade_of(run, evidence, "iv-efficacy")[2]


def test_a_utf16_file_is_named_as_such(run: Run, evidence: Path, tmp_path: Path) -> None:
    good = write_csv(tmp_path / "good.csv", *MANY)
    utf16 = tmp_path / "u16.csv"
    utf16.write_bytes(good.read_text().encode("utf-16"))
    result = run("retractions", "import", str(utf16), data=evidence)
    assert result.stderr == (
        f"Error: {utf16}:1: the file is saved as UTF-16 (or holds NUL bytes), not UTF-8 as "
        "Crossref publishes it; save it as UTF-8 or download retraction_watch.csv from "
        "https://gitlab.com/crossref/retraction-watch-data\n"
    )


def test_a_long_notes_field_is_read(run: Run, evidence: Path, tmp_path: Path) -> None:
    from test_retractions import HEADER

    long = RETRACTED.copy()
    long[HEADER.index("Notes")] = "n" * 200_000
    result = run("retractions", "import", str(write_csv(tmp_path / "l.csv", long)), data=evidence)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (
            lambda p: p.symlink_to("/dev/zero"),
            "is a device (such as /dev/zero), not a regular file",
        ),
        (
            lambda p: p.symlink_to("/dev/urandom"),
            "is a device (such as /dev/zero), not a regular file",
        ),
        (lambda p: os.mkfifo(p), "is a named pipe, not a regular file"),
    ],
)
def test_an_endless_retraction_file_is_refused_at_once(
    run: Run, evidence: Path, tmp_path: Path, make: object, what: str
) -> None:
    path = tmp_path / "rw.csv"
    make(path)  # type: ignore[operator]
    started = time.monotonic()
    result = run("retractions", "import", str(path), data=evidence)
    assert time.monotonic() - started < 10
    assert result.stderr == (
        f"Error: {path} {what}; give the downloaded retraction_watch.csv itself\n"
    )


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


def test_a_full_standard_output_is_one_sentence(evidence_dir: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "roa_evidence",
                "--data",
                str(evidence_dir),
                "--db",
                str(tmp_path / "db.sqlite"),
                "export",
                "--format",
                "csv",
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "Error: cannot write to standard output (No space left on device); the output is "
        "incomplete; free some space or send it elsewhere"
    )


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
    assert "move it away" not in result.stderr


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
    assert "move it away" not in result.stderr


# --------------------------------------------------------------------------
# Data files: integers, NUL, nesting, BibTeX macros and keys (cases 22, 26, 32-33, 35, 43,
# 48, 50-52, 139-141)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize("n", [2**70, 2**40])
def test_a_sample_size_too_big_for_the_column_is_refused_on_every_back_end(
    run: Run, evidence_dir: Path, n: int
) -> None:
    bib = evidence_dir / "studies.bib"
    _edit(bib, "n       = {27}", f"n       = {{{n}}}")
    result = run("load")
    assert result.exit_code == 2
    assert (
        f"{bib}:26: entry 'smith2014open': n must be at most 2,147,483,647 participants, "
        f"not {n}\n" in result.stderr
    )


def test_a_link_n_too_big_for_the_column_is_refused(run: Run, evidence_dir: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    _edit(claims, "        n: 27\n", f"        n: {2**70}\n")
    result = run("load")
    assert result.exit_code == 2
    assert f"must be at most 2,147,483,647, not {2**70}" in result.stderr
    assert "unexpected" not in result.stderr


def test_a_nul_byte_in_studies_bib_is_refused_with_its_line(run: Run, evidence_dir: Path) -> None:
    bib = evidence_dir / "studies.bib"
    _edit(bib, "title   = {Route of Administration}", "title   = {Route of\0 Administration}")
    result = run("load")
    assert result.exit_code == 2
    assert (
        f"{bib}:14: a NUL byte (0x00) is in the file, where no text may hold one; remove it\n"
        in result.stderr
    )


@pytest.mark.parametrize("depth", [300, 20_000])
def test_deep_latex_groups_in_a_title_are_refused_with_the_line(
    run: Run, evidence_dir: Path, depth: int
) -> None:
    bib = evidence_dir / "studies.bib"
    deep = "\\emph" + "{" * depth + "x" + "}" * depth
    _edit(bib, "{An open-label comparison of {IM} and {IV} ketamine}", "{An " + deep + "}")
    result = run("load")
    assert result.exit_code == 2
    assert (
        f"{bib}:22: entry 'smith2014open': field 'title' nests braces more than 64 levels "
        "deep; remove the extra braces\n" in result.stderr
    )


@pytest.mark.slow
def test_deep_braces_in_a_large_bib_read_in_a_worker_are_refused(
    run: Run, evidence_dir: Path
) -> None:
    bib = evidence_dir / "studies.bib"
    filler = "".join(
        f"@misc{{filler{i},\n  title = {{Filler entry {i} for a large file}},\n  "
        "design = {web-article}\n}\n"
        for i in range(3000)
    )
    _edit(
        bib,
        "{An open-label comparison of {IM} and {IV} ketamine}",
        "{" + "{" * 100_000 + "x" + "}" * 100_000 + "}",
    )
    bib.write_text(bib.read_text() + filler)
    result = run("load")
    assert result.exit_code == 2
    assert "field 'title' nests braces more than 64 levels deep" in result.stderr


def test_deep_toml_arrays_are_refused_with_the_line(run: Run, evidence_dir: Path) -> None:
    grading = evidence_dir / "grading.toml"
    grading.write_text("# [[[ not counted\n[grading]\nimprecision_n = " + "[" * 5000 + "]" * 5000)
    result = run("load")
    assert result.exit_code == 2
    assert (
        f"{grading}:3: arrays or tables nest more than 32 levels deep; flatten them\n"
        in result.stderr
    )


def test_bibtex_concatenation_and_month_macros_are_read(run: Run, evidence_dir: Path) -> None:
    import json

    bib = evidence_dir / "studies.bib"
    _edit(bib, "journal = jpm,", 'journal = jpm # { Supplement} # ", Part " # 2,\n  month = jan,')
    shown = json.loads(ok(run("source", "smith2014open", "--format", "json")))
    assert shown["container"] == "Journal of Test Medicine Supplement, Part 2"


@pytest.mark.parametrize(
    ("strings", "message"),
    [
        (
            "@string{cc = cc # { x}}",
            "uses the @string macro 'cc', whose definition refers back to itself",
        ),
        (
            "@string{s0 = {ab}}\n"
            + "".join(f"@string{{s{i} = s{i - 1} # s{i - 1}}}\n" for i in range(1, 27)),
            "nests @string macros more than 16 deep",
        ),
    ],
)
def test_macros_that_loop_or_explode_are_refused_in_words(
    run: Run, evidence_dir: Path, strings: str, message: str
) -> None:
    bib = evidence_dir / "studies.bib"
    macro = strings.split("{", 1)[1].split(" ", 1)[0] if "cc" in strings else "s26"
    _edit(bib, "journal = jpm,", f"journal = {macro},")
    bib.write_text(strings + "\n" + bib.read_text())
    started = time.monotonic()
    result = run("load")
    assert time.monotonic() - started < 20
    assert result.exit_code == 2
    assert f"entry 'smith2014open': field 'journal' {message}\n" in result.stderr


def test_a_key_bibtex_cannot_read_is_refused_at_load(run: Run, evidence_dir: Path) -> None:
    bib = evidence_dir / "studies.bib"
    bib.write_text(bib.read_text() + "\n@misc{a b,\n  title = {Spaced}\n}\n")
    result = run("load")
    assert result.exit_code == 2
    assert (
        "citation key 'a b' holds a space, which BibTeX cannot read in a key; rename it "
        "(letters, digits and - _ : . / are safe)\n" in result.stderr
    )


# --------------------------------------------------------------------------
# Many duplicate ids cost what a valid base does (case 18)


def test_duplicate_ids_are_reported_without_the_slow_line_tracking_read(
    evidence_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roa_evidence.load import read

    def refuse(*args: object) -> object:
        raise AssertionError("duplicate ids alone should not need the line-tracking read")

    monkeypatch.setattr(read, "_read_located", refuse)
    claims = evidence_dir / "claims.yaml"
    text = claims.read_text()
    first = text.split("\n  - id: ", 2)[1]
    claims.write_text(text + "  - id: " + first.rstrip("\n") + "\n")
    result = CliRunner().invoke(app, ["--data", str(evidence_dir), "validate"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{claims}:")
    assert lines[0].endswith(
        ": duplicate claim id 'im-as-effective-as-iv' (first at claims.yaml:4); give each "
        "claim its own id"
    )


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
