"""Benchmark roa-evidence against the floors it is compared with (run by hand, not in CI).

For each size N it generates a synthetic evidence base (bench/generate.py: N
works, N claims, about 3 links per claim), once with one claims.yaml and once
split over claims/part-NN.yaml (20 files), and measures, each as a separate
process (wall time, peak RSS):

  floors   bibtexparser.parse_file on the same .bib; PyYAML's C loader on the same
           YAML; raw sqlite3 executemany of the same rows; raw sqlite3 + csv of
           every link; `python -c "import sqlmodel, typer"`
  ours     cold load; no-change reload; one changed claim in 1 of 20 files;
           `claims --route IM`; `export --format csv --what evidence` (every link);
           `--help`; `--version`

then prints each ratio next to its target. With ../shared/bench/ present it also
reads each real-world BibTeX file with roa-evidence's reader and with plain
bibtexparser: entries, failures, time.

    .venv/bin/python bench/run.py                     # 10k
    .venv/bin/python bench/run.py --sizes 10000 100000
    .venv/bin/python bench/run.py --real-only         # just ../shared/bench
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SHARED_BENCH = REPO.parent / "shared" / "bench"
PYTHON = sys.executable
CLI = [PYTHON, "-m", "roa_evidence"]

sys.path.insert(0, str(BENCH))
from generate import generate  # noqa: E402


@dataclass
class Run:
    seconds: float  # wall time
    peak_mb: float
    output: str = ""
    cpu: float = 0.0  # user + system time: far less sensitive to a busy machine than wall time


def measure(args: list[str], stdout_to: Path | None = None, repeat: int = 1) -> Run:
    """Run a command `repeat` times: the fastest wall time, with its peak RSS (the
    process's or any of its children's, from wait4), and its output."""
    best: Run | None = None
    for _ in range(repeat):
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            target = open(stdout_to, "wb") if stdout_to else out  # noqa: SIM115
            start = time.perf_counter()
            proc = subprocess.Popen(
                args, stdout=target, stderr=err, env={**os.environ, "NO_COLOR": "1"}
            )
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            if stdout_to:
                target.close()
            out.seek(0)
            err.seek(0)
            if proc.returncode:
                raise SystemExit(f"failed: {' '.join(args)}\n{err.read().decode()[-2000:]}")
            output = out.read().decode(errors="replace")
            cpu = usage.ru_utime + usage.ru_stime
            run = Run(seconds, usage.ru_maxrss / 1024, output, cpu)
        if best is None or run.seconds < best.seconds:
            best = run
    assert best is not None
    return best


def worker(*args: str) -> list[str]:
    return [PYTHON, str(Path(__file__).resolve()), "--worker", *args]


# -- floors, each run in its own process through --worker --------------------


def _floor_bib(path: str) -> None:
    import bibtexparser

    library = bibtexparser.parse_file(path)
    print(json.dumps({"entries": len(library.entries), "failed": len(library.failed_blocks)}))


def _floor_yaml(*paths: str) -> None:
    import yaml

    count = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            count += len(yaml.load(handle.read(), Loader=yaml.CSafeLoader)["claims"])
    print(json.dumps({"claims": count}))


def _floor_sqlite(source: str, target: str) -> None:
    """Raw executemany of every row of `source` into an empty copy of its schema."""
    with sqlite3.connect(source) as src:
        schema = [
            sql
            for (sql,) in src.execute(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
            )
        ]
        tables = [
            name for (name,) in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        rows = {name: src.execute(f"SELECT * FROM {name}").fetchall() for name in tables}
    start = time.perf_counter()
    conn = sqlite3.connect(target)
    with conn:
        for sql in schema:
            conn.execute(sql)
        for name, table_rows in rows.items():
            if table_rows:
                marks = ", ".join("?" * len(table_rows[0]))
                conn.executemany(f"INSERT INTO {name} VALUES ({marks})", table_rows)
    conn.close()
    print(json.dumps({"seconds": time.perf_counter() - start}))


def _floor_csv(source: str, target: str) -> None:
    """Every link with its claim and work, straight from sqlite3 into csv."""
    import csv

    conn = sqlite3.connect(source)
    query = """
        SELECT c.id, c.statement, c.topic, c.certainty, c.status, l.source, l.stance,
               w.design, COALESCE(l.n, w.n), w.blinding, w.population, w.quality, w.year,
               w.title, w.doi
        FROM evidence_link l JOIN claim c ON c.id = l.claim_id JOIN work w ON w.key = l.source
        ORDER BY c.position, l.position"""
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(
            (
                "claim_id",
                "statement",
                "topic",
                "certainty",
                "status",
                "source",
                "stance",
                "design",
                "n",
                "blinding",
                "population",
                "quality",
                "year",
                "title",
                "doi",
            )
        )
        writer.writerows(conn.execute(query))
    conn.close()


def _real_bib(path: str, ours: str) -> None:
    if ours == "ours":
        from roa_evidence.load.bibfile import read_bib
        from roa_evidence.load.datafile import read_text

        text, problems = read_text(Path(path))
        works, more = read_bib(Path(path), text) if text is not None else ([], [])
        print(json.dumps({"entries": len(works), "failed": len(problems) + len(more)}))
    else:
        import bibtexparser

        try:
            library = bibtexparser.parse_file(path)
        except Exception as exc:  # plain bibtexparser stops at some encodings
            print(json.dumps({"entries": 0, "failed": 1, "error": type(exc).__name__}))
            return
        print(json.dumps({"entries": len(library.entries), "failed": len(library.failed_blocks)}))


WORKERS = {
    "bib": _floor_bib,
    "yaml": _floor_yaml,
    "sqlite": _floor_sqlite,
    "csv": _floor_csv,
    "real": _real_bib,
}


# -- the benchmark ---------------------------------------------------------------


def _change_one_claim(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    at = text.index("statement: ") + len("statement: ")
    path.write_text(text[:at] + "Edited " + text[at:], encoding="utf-8")


def bench_size(n: int, work: Path, repeat: int) -> list[tuple[str, float, str, float]]:
    """Measure one size; rows of (what, ratio, target, peak MB)."""
    single, split = work / f"ev{n}", work / f"ev{n}-split"
    print(f"\n== {n:,} works, {n:,} claims ==", flush=True)
    generate(single, n, n)
    generate(split, n, n, split=20)
    bib = single / "studies.bib"
    yaml_files = [single / "claims.yaml"]

    f_bib = measure(worker("bib", str(bib)), repeat=repeat)
    f_yaml = measure(worker("yaml", *map(str, yaml_files)), repeat=repeat)
    f_import = measure([PYTHON, "-c", "import sqlmodel, typer"], repeat=max(repeat, 3))
    print(
        f"floors: bibtexparser.parse_file {f_bib.seconds:.2f} s, PyYAML CSafeLoader "
        f"{f_yaml.seconds:.2f} s, import sqlmodel+typer {f_import.seconds:.2f} s",
        flush=True,
    )

    db = work / f"ev{n}.sqlite"
    url = f"sqlite:///{db}"

    def cold() -> Run:
        best: Run | None = None
        for _ in range(repeat):
            db.unlink(missing_ok=True)
            run = measure([*CLI, "--data", str(single), "--db", url, "load"])
            best = run if best is None or run.seconds < best.seconds else best
        assert best is not None
        return best

    r_cold = cold()
    print(f"cold load {r_cold.seconds:.2f} s, {r_cold.peak_mb:.0f} MB", flush=True)
    r_same = measure([*CLI, "--data", str(single), "--db", url, "load"], repeat=max(repeat, 3))
    assert "Up to date" in r_same.output, r_same.output
    print(f"no-change reload {r_same.seconds:.3f} s", flush=True)

    f_sql = measure(worker("sqlite", str(db), str(work / f"floor{n}.sqlite")))
    (work / f"floor{n}.sqlite").unlink(missing_ok=True)
    f_sql_seconds = json.loads(f_sql.output)["seconds"]

    split_db = work / f"ev{n}-split.sqlite"
    split_url = f"sqlite:///{split_db}"
    split_db.unlink(missing_ok=True)
    r_split_cold = measure([*CLI, "--data", str(split), "--db", split_url, "load"])
    changed: list[Run] = []
    for _ in range(max(repeat, 2)):
        _change_one_claim(split / "claims" / "part-07.yaml")
        changed.append(measure([*CLI, "--data", str(split), "--db", split_url, "load"]))
        assert "Updated" in changed[-1].output, changed[-1].output
    r_changed = min(changed, key=lambda r: r.seconds)
    print(
        f"split cold load {r_split_cold.seconds:.2f} s; one claim changed "
        f"{r_changed.seconds:.3f} s",
        flush=True,
    )

    r_claims = measure(
        [*CLI, "--data", str(single), "--db", url, "claims", "--route", "IM"],
        stdout_to=work / "claims.txt",
        repeat=max(repeat, 3),
    )
    out_csv = work / f"links{n}.csv"
    r_export = measure(
        [
            *CLI,
            "--data",
            str(single),
            "--db",
            url,
            "export",
            "--format",
            "csv",
            "--what",
            "evidence",
            "-o",
            str(out_csv),
        ],
        repeat=repeat,
    )
    with open(out_csv, encoding="utf-8", newline="") as written:
        links = sum(1 for _ in written) - 1
    f_csv = measure(worker("csv", str(db), str(work / f"floor{n}.csv")), repeat=repeat)
    print(
        f"claims --route IM {r_claims.seconds:.2f} s; export of {links:,} links "
        f"{r_export.seconds:.2f} s (floor {f_csv.seconds:.2f} s), {r_export.peak_mb:.0f} MB",
        flush=True,
    )
    r_help = measure([*CLI, "--help"], repeat=5)
    r_version = measure([*CLI, "--version"], repeat=5)
    shutil.rmtree(single)
    shutil.rmtree(split)

    parse_floor = f_bib.seconds + f_yaml.seconds
    return [
        (
            "cold load / (bib + yaml parse floors)",
            r_cold.seconds / parse_floor,
            "<= 1.0",
            r_cold.peak_mb,
        ),
        (
            "cold load / raw sqlite3 executemany",
            r_cold.seconds / f_sql_seconds,
            "(info)",
            r_cold.peak_mb,
        ),
        (
            "no-change reload / cold load",
            r_same.seconds / r_cold.seconds,
            "<= 0.05",
            r_same.peak_mb,
        ),
        (
            "1 of 20 claim files changed / cold (split)",
            r_changed.seconds / r_split_cold.seconds,
            "<= 0.15",
            r_changed.peak_mb,
        ),
        (
            "1 of 20 claim files changed / cold (single file)",
            r_changed.seconds / r_cold.seconds,
            "(info)",
            r_changed.peak_mb,
        ),
        (
            "claims --route IM / import floor",
            r_claims.seconds / f_import.seconds,
            "<= 1.5",
            r_claims.peak_mb,
        ),
        (
            f"CSV export ({links:,} links) / floor",
            r_export.seconds / f_csv.seconds,
            "<= 3",
            r_export.peak_mb,
        ),
        ("--help seconds", r_help.seconds, "< 0.15", r_help.peak_mb),
        ("--version seconds", r_version.seconds, "< 0.15", r_version.peak_mb),
    ]


def bench_real(repeat: int) -> None:
    folders = [SHARED_BENCH / "large", SHARED_BENCH / "messy"]
    if not SHARED_BENCH.is_dir():
        print(f"\n(skipping real-world BibTeX: {SHARED_BENCH} is absent)")
        return
    print("\n== real-world BibTeX (../shared/bench) ==")
    print("entries loaded / problems reported (ours), entries / failed blocks (plain)")
    print(f"{'file':<44} {'ours':>13} {'plain':>13} {'time':>7} {'plain':>7} {'ratio':>6}")
    totals = [0.0, 0.0]
    for folder in folders:
        files = sorted(folder.glob("*.bib"))
        if folder.name == "messy":
            files = [f for f in files if f.stat().st_size > 50_000]  # the rest are tiny
        for path in files:
            ours = measure(worker("real", str(path), "ours"), repeat=repeat)
            plain = measure(worker("real", str(path), "plain"), repeat=repeat)
            o, p = json.loads(ours.output), json.loads(plain.output)
            totals[0] += ours.seconds
            totals[1] += plain.seconds
            print(
                f"{folder.name + '/' + path.name:<44.44} {o['entries']:>6}/{o['failed']:<6} "
                f"{p['entries']:>6}/{p['failed']:<6} {ours.seconds:>6.2f}s "
                f"{plain.seconds:>6.2f}s {ours.seconds / plain.seconds:>5.2f}x",
                flush=True,
            )
    print(f"{'all':<72} {totals[0]:>6.2f}s {totals[1]:>6.2f}s {totals[0] / totals[1]:>5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--repeat", type=int, default=1, help="keep the best of this many")
    parser.add_argument("--real-only", action="store_true")
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        WORKERS[args.worker[0]](*args.worker[1:])
        return
    print(
        f"roa-evidence benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    results: dict[int, list[tuple[str, float, str, float]]] = {}
    if not args.real_only:
        with tempfile.TemporaryDirectory(prefix="roa-bench-") as tmp:
            for n in args.sizes:
                results[n] = bench_size(n, Path(tmp), args.repeat)
        for n, rows in results.items():
            print(f"\n| {n:,} works and claims | ratio | target | peak MB |")
            print("|---|---|---|---|")
            for what, ratio, target, peak in rows:
                print(f"| {what} | {ratio:.3f} | {target} | {peak:.0f} |")
    if not args.no_real:
        bench_real(args.repeat)


if __name__ == "__main__":
    main()
