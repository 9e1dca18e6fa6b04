"""The two speed targets of issue 15, measured in one run (by hand, not in CI).

On bench/generate.py's 10k base (10,000 works and claims):

- `claims --route IM --format json` at most 1.5x the import tax of sqlmodel+typer
  (`python -c "import sqlmodel, typer"`), the cost every command pays;
- a no-change reload (`load` when nothing changed) at most 0.05 of a cold load.

Each command runs as its own process; the runs are interleaved (import, query,
reload, import, query, reload...) so that a busy machine slows all of them alike,
and the fastest of `--repeat` runs of each is kept. Wall time and CPU time (user +
system, from wait4) are both reported: on a shared machine the CPU ratio is the
steadier one.

    .venv/bin/python bench/query_speed.py                 # 10k, best of 5
    .venv/bin/python bench/query_speed.py --size 2000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from generate import generate  # noqa: E402
from run import CLI, PYTHON, Run, measure  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5, help="keep the best of this many")
    args = parser.parse_args()
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}; {args.size:,} works and claims",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="roa-query-") as tmp:
        data, db = Path(tmp) / "ev", Path(tmp) / "ev.sqlite"
        generate(data, args.size, args.size)
        base = [*CLI, "--data", str(data), "--db", str(db)]

        cold: list[Run] = []
        for _ in range(max(1, args.repeat // 2)):
            db.unlink(missing_ok=True)
            cold.append(measure([*base, "load"]))
        floor: list[Run] = []
        query: list[Run] = []
        reload: list[Run] = []
        out = Path(tmp) / "claims.json"
        for _ in range(args.repeat):
            floor.append(measure([PYTHON, "-c", "import sqlmodel, typer"]))
            query.append(measure([*base, "claims", "--route", "IM", "--format", "json"], out))
            reload.append(measure([*base, "load"]))
            assert "Up to date" in reload[-1].output, reload[-1].output
        claims = len(json.loads(out.read_text(encoding="utf-8")))

    def best(runs: list[Run]) -> float:
        return min(run.seconds for run in runs)

    def cpu(runs: list[Run]) -> float:
        return min(run.cpu for run in runs)

    rows = [
        ("import sqlmodel, typer", best(floor), cpu(floor), ""),
        (f"claims --route IM --format json ({claims:,} claims)", best(query), cpu(query), ""),
        ("cold load", best(cold), cpu(cold), ""),
        ("no-change reload", best(reload), cpu(reload), ""),
        ("query / import tax", best(query) / best(floor), cpu(query) / cpu(floor), "<= 1.5"),
        (
            "no-change reload / cold load",
            best(reload) / best(cold),
            cpu(reload) / cpu(cold),
            "<= 0.05",
        ),
    ]
    print("\n| measure | wall (s or ratio) | CPU (s or ratio) | target |\n|---|---|---|---|")
    for what, wall, used, target in rows:
        print(f"| {what} | {wall:.3f} | {used:.3f} | {target} |")


if __name__ == "__main__":
    main()
