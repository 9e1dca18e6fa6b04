"""Faults: a killed load, readers during loads, two loads at once, a full disk and a
place that cannot be written.

The loads run as real processes of the installed `roa-evidence` command.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from roa_evidence.cli import app
from roa_evidence.load.inputs import fingerprint
from roa_evidence.store.database import Store

ROA = Path(sys.executable).with_name("roa-evidence")
FIXTURE = Path(__file__).parent / "fixtures" / "small"
KILL_POINTS = 50
pytestmark = pytest.mark.skipif(not ROA.exists(), reason=f"{ROA} is not installed")


def _cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1"})


def make_base(folder: Path, works: int, claims: int, variant: int) -> Path:
    """A generated evidence base; variants differ only in their claims (ids and count)."""
    folder.mkdir(parents=True, exist_ok=True)
    designs = ("rct", "cohort", "case-series", "pk-study", "meta-analysis")
    (folder / "studies.bib").write_text(
        "\n".join(
            f"@article{{w{i},\n  author = {{Author, A{i} and Other, B}},\n"
            f"  title = {{Study {i} of ketamine routes}},\n  journal = {{Journal {i % 17}}},\n"
            f"  year = {{{1990 + i % 30}}},\n  design = {{{designs[i % 5]}}},\n  n = {{{10 + i}}},\n"
            "  blinding = {double-blind},\n  routes = {IV, IM},\n  condition = {depression}\n}\n"
            for i in range(works)
        ),
        encoding="utf-8",
    )
    (folder / "claims.yaml").write_text(
        yaml.safe_dump(
            {
                "version": 1,
                "documents": [],
                "claims": [
                    {
                        "id": f"c{j}-v{variant}",
                        "statement": f"Claim {j}, variant {variant}, on IM.",
                        "routes": ["IM"],
                        "topic": "efficacy",
                        "condition": "depression",
                        "evidence": [
                            {"source": f"w{(j * 7 + k) % works}", "stance": "supports"}
                            for k in range(1 + (j + variant) % 3)
                        ],
                    }
                    for j in range(claims + variant)
                ],
            },
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    return folder


def _load(data: Path, db: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(ROA), "--data", str(data), "--db", f"sqlite:///{db}", "load", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _swap(base: Path, live: Path) -> Path:
    """`live` now holds `base`'s files: one folder whose evidence base changes, as a
    curator's does (a database refuses another folder's base without --force)."""
    if live.exists():
        shutil.rmtree(live)
    shutil.copytree(base, live)
    return live


def _data_hash(db: Path) -> str:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return str(conn.execute("SELECT value FROM meta WHERE key = 'data_hash'").fetchone()[0])


def _integrity(db: Path) -> str:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def _claims_json(data: Path, db: Path) -> str:
    result = _cli("--data", str(data), "--db", f"sqlite:///{db}", "claims", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "", "a query after the load must not need to rebuild"
    return result.stdout


@pytest.mark.slow
def test_a_killed_load_leaves_the_previous_database_whole(tmp_path: Path) -> None:
    bases = [make_base(tmp_path / f"v{v}", 250, 300, v) for v in (0, 1)]
    live = tmp_path / "live"
    db = tmp_path / "db" / "evidence.sqlite"
    db.parent.mkdir()
    hashes: dict[str, int] = {}
    expected: list[str] = []
    for variant, data in enumerate(bases):
        done = _load(_swap(data, live), db, "--force")
        assert done.wait(120) == 0, done.communicate()[1]
        hashes[_data_hash(db)] = variant
        expected.append(_claims_json(data, db))
    # even points rebuild the whole file (temp file + rename); odd ones change only
    # claims.yaml, which an incremental load applies in one SQLite transaction and
    # which takes less time: each kind gets its own span, measured here
    modes = (("--force",), ())
    spans = []
    for extra in modes:
        durations = []
        for variant in (0, 1):
            started = time.monotonic()
            done = _load(_swap(bases[variant], live), db, *extra)
            assert done.wait(120) == 0, done.communicate()[1]
            durations.append(time.monotonic() - started)
        spans.append(min(durations))

    outcomes = {"previous": 0, "new": 0, "finished": 0}
    point = 0
    while outcomes["previous"] + outcomes["new"] < KILL_POINTS and point < 3 * KILL_POINTS:
        held = hashes[_data_hash(db)]
        target = 1 - held
        mode = point % 2
        process = _load(_swap(bases[target], live), db, *modes[mode])
        time.sleep(spans[mode] * ((point * 0.618) % 1.0))  # golden-ratio steps cover the span
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        code = process.wait(120)
        if code == 0:
            outcomes["finished"] += 1
            spans[mode] *= 0.95  # the machine ran faster than measured: aim earlier
        else:
            assert code == -signal.SIGKILL, process.communicate()[1]

        assert _integrity(db) == "ok", f"kill point {point}: the database is corrupted"
        now = hashes.get(_data_hash(db))
        assert now is not None, f"kill point {point}: the database holds neither version"
        if code != 0:
            outcomes["new" if now == target else "previous"] += 1
        assert _claims_json(bases[now], db) == expected[now], f"kill point {point}"
        point += 1

    killed = outcomes["previous"] + outcomes["new"]
    spread = " and ".join(f"{span:.2f} s" for span in spans)
    print(f"\n{killed} loads killed at points over {spread} ({outcomes}); 0 corrupted, 0 lost")
    assert killed >= KILL_POINTS, outcomes
    assert _processes_of(tmp_path) == [], "a killed load left a process behind"
    # the next load completes, and sweeps what killed loads left beside the database
    final = _load(_swap(bases[0], live), db, "--force")
    assert final.wait(120) == 0, final.communicate()[1]
    assert _claims_json(bases[0], db) == expected[0]
    assert sorted(p.name for p in db.parent.iterdir()) == [
        "evidence.sqlite",
        "evidence.sqlite.lock",
    ]


def _processes_of(folder: Path, wait: float = 10.0) -> list[int]:
    """Processes whose command line names `folder` (a load's, or its forked worker's),
    once any that are being killed have had `wait` seconds to go."""
    deadline = time.monotonic() + wait
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if str(folder).encode() in cmdline and state != "Z":
                found.append(int(entry.name))
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found += [int(child) for child in task.read_text().split()]
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
def test_a_killed_load_leaves_no_worker_behind(tmp_path: Path) -> None:
    """SIGKILL (as the out-of-memory killer sends) runs no cleanup in the load; its
    forked workers must still go with it."""
    data = make_base(tmp_path / "big", 1500, 2500, 0)
    assert (data / "studies.bib").stat().st_size > 200_000  # large enough to parse in a worker
    db = tmp_path / "db" / "evidence.sqlite"
    db.parent.mkdir()
    for _ in range(5):
        process = _load(data, db, "--force")
        deadline = time.monotonic() + 60
        while not _children(process.pid) and process.poll() is None:
            assert time.monotonic() < deadline, "the load never started a worker"
            time.sleep(0.005)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait(30)
            break
        db.unlink(missing_ok=True)  # finished before a worker was seen: try again
    else:
        pytest.fail("five loads finished before their worker could be seen")
    assert _processes_of(data) == [], "a worker outlived its killed load"


@pytest.mark.slow
def test_readers_never_see_a_half_built_database(tmp_path: Path) -> None:
    from roa_evidence.query.queries import ClaimFilter, find_claims

    bases = [make_base(tmp_path / f"v{v}", 150, 200, v) for v in (0, 1)]
    live = tmp_path / "live"
    db = tmp_path / "evidence.sqlite"
    url = f"sqlite:///{db}"
    versions: dict[str, dict[str, int]] = {}  # data_hash -> {claim id: evidence count}
    for data in bases:
        done = _load(_swap(data, live), db, "--force")
        assert done.wait(120) == 0, done.communicate()[1]
        claims = json.loads(_claims_json(data, db))
        versions[_data_hash(db)] = {c["id"]: len(c["evidence"]) for c in claims}
    by_ids = {frozenset(v): v for v in versions.values()}

    stop = threading.Event()
    errors: list[str] = []
    reads = [0]
    loads = [0]

    def raw_reader() -> None:
        while not stop.is_set():
            try:
                with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as conn:
                    conn.execute("BEGIN")
                    data_hash = conn.execute(
                        "SELECT value FROM meta WHERE key = 'data_hash'"
                    ).fetchone()[0]
                    counts = dict(
                        conn.execute(
                            "SELECT c.id, count(l.claim_id) FROM claim c LEFT JOIN evidence_link l "
                            "ON l.claim_id = c.id GROUP BY c.id"
                        ).fetchall()
                    )
                    conn.execute("COMMIT")
                if versions.get(data_hash) != counts:
                    errors.append(f"raw reader saw a mixed database ({len(counts)} claims)")
                reads[0] += 1
            except Exception as exc:  # every failure counts as a reader error
                errors.append(f"raw reader: {type(exc).__name__}: {exc}")

    def library_reader() -> None:
        while not stop.is_set():
            store = Store(url)
            try:
                with store.engine.connect() as conn:
                    found = {c.id: len(c.evidence) for c in find_claims(conn, ClaimFilter())}
                if by_ids.get(frozenset(found)) != found:
                    errors.append(f"library reader saw a mixed database ({len(found)} claims)")
                reads[0] += 1
            except Exception as exc:
                errors.append(f"library reader: {type(exc).__name__}: {exc}")
            finally:
                store.close()

    def writer() -> None:
        variant = 0
        while not stop.is_set():
            process = _load(_swap(bases[variant], live), db, *(["--force"] if loads[0] % 2 else []))
            _, err = process.communicate()
            if process.returncode != 0:
                errors.append(f"writer: {err.decode()}")
            loads[0] += 1
            variant = 1 - variant

    threads = [
        threading.Thread(target=target)
        for target in (writer, raw_reader, raw_reader, library_reader)
    ]
    for thread in threads:
        thread.start()
    time.sleep(10)
    stop.set()
    for thread in threads:
        thread.join(120)
    print(f"\n10 s: {loads[0]} loads, {reads[0]} reads, {len(errors)} reader errors")
    assert errors == []
    assert loads[0] >= 2 and reads[0] >= 10
    assert _integrity(db) == "ok"


@pytest.mark.slow
def test_two_loads_at_once_one_builds_the_other_waits(tmp_path: Path) -> None:
    data = make_base(tmp_path / "data", 300, 300, 0)
    db = tmp_path / "evidence.sqlite"
    first, second = _load(data, db), _load(data, db)
    outputs = [p.communicate(timeout=120) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    said = sorted(out.decode().split(" ", 1)[0] for out, _ in outputs)
    assert said == ["Loaded", "Up"], outputs  # one built it, the other found it up to date
    assert _integrity(db) == "ok"
    assert len(json.loads(_claims_json(data, db))) == 300


@pytest.mark.slow
def test_two_different_loads_at_once_leave_one_whole_version(tmp_path: Path) -> None:
    bases = [make_base(tmp_path / f"v{v}", 200, 200, v) for v in (0, 1)]
    db = tmp_path / "evidence.sqlite"
    processes = [_load(data, db, "--force") for data in bases]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    assert _integrity(db) == "ok"
    loaded = Store(f"sqlite:///{db}").meta()["data_hash"]
    held = [data for data in bases if fingerprint(data) == loaded]
    assert len(held) == 1  # exactly one version, the one loaded last
    assert len(json.loads(_claims_json(held[0], db))) == 200 + bases.index(held[0])


# -- places that cannot be written --------------------------------------------------


def _loaded_small(folder: Path) -> tuple[Path, bytes]:
    db = folder / "evidence.sqlite"
    result = _cli("--data", str(FIXTURE), "--db", f"sqlite:///{db}", "load")
    assert result.exit_code == 0, result.stderr
    return db, db.read_bytes()


@pytest.mark.slow
def test_a_full_disk_is_one_clear_sentence(tmp_path: Path) -> None:
    # RLIMIT_FSIZE makes every write past 200 kB fail, as a full disk does, without root
    data = make_base(tmp_path / "data", 2000, 2000, 0)
    db, before = _loaded_small(tmp_path / "db")

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    process = subprocess.run(
        [str(ROA), "--data", str(data), "--db", f"sqlite:///{db}", "load", "--force"],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=120,
    )
    assert process.returncode == 2
    assert process.stderr == (
        f"Error: cannot write the database {db} (disk I/O error); the "
        "previous one is unchanged; free some space or choose another "
        "place with --db\n"
    )
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == [
        "evidence.sqlite",
        "evidence.sqlite.lock",
    ]


@pytest.mark.slow
def test_a_full_tmpfs_is_one_clear_sentence(tmp_path: Path) -> None:
    mount = tmp_path / "tiny"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("mounting a tiny tmpfs needs root (the RLIMIT_FSIZE test covers a full disk)")
    try:
        data = make_base(tmp_path / "data", 3000, 3000, 0)
        db, before = _loaded_small(mount)
        result = _cli("--data", str(data), "--db", f"sqlite:///{db}", "load", "--force")
        assert result.exit_code == 2
        assert result.stderr == (
            f"Error: cannot write the database {db} (database or disk is "
            "full); the previous one is unchanged; free some space or "
            "choose another place with --db\n"
        )
        assert db.read_bytes() == before
        assert sorted(p.name for p in mount.iterdir()) == [
            "evidence.sqlite",
            "evidence.sqlite.lock",
        ]
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("/proc/evidence.sqlite", "no file can be created there"),
        ("{tmp}/a-file/evidence.sqlite", "a file is in the way where a folder is needed"),
    ],
)
def test_a_place_that_cannot_be_written_is_one_clear_sentence(
    where: str, reason: str, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    db = where.format(tmp=tmp_path)
    result = _cli("--data", str(FIXTURE), "--db", f"sqlite:///{db}", "load")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: cannot write beside the database {db} ({reason}); choose "
        "a writable place with --db PATH\n"
    )


def test_a_read_only_folder_is_one_clear_sentence(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        mount = tmp_path / "ro"
        mount.mkdir()
        if (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(mount)],
                capture_output=True,
            ).returncode
            != 0
        ):
            pytest.skip("root ignores permissions and a read-only tmpfs cannot be mounted here")
        reason = "the location is read-only"
    else:
        mount = tmp_path / "ro"
        mount.mkdir(mode=0o555)
        reason = "permission denied"
    try:
        db = mount / "evidence.sqlite"
        result = _cli("--data", str(FIXTURE), "--db", f"sqlite:///{db}", "load")
        assert result.exit_code == 2
        assert result.stderr == (
            f"Error: cannot write beside the database {db} ({reason}); "
            "choose a writable place with --db PATH\n"
        )
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_file_that_is_not_a_database_is_never_replaced(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a database\n")
    result = _cli("--data", str(FIXTURE), "--db", f"sqlite:///{notes}", "load")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {notes} exists and is not a roa-evidence database, so it "
        "was left alone; choose another file with --db PATH\n"
    )
    assert notes.read_text() == "my notes, not a database\n"
