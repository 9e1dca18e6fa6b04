"""Every output of every command on an evidence base, saved or compared byte for byte.

For refactoring without a change of behaviour: save the outputs before, compare after.

    python bench/snapshot_outputs.py save /tmp/before            # on the old code
    python bench/snapshot_outputs.py compare /tmp/before         # on the new code

Exits 1 and names the outputs that differ; 0 when all are identical.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROA = Path(sys.executable).with_name("roa-evidence")
LISTS = ("table", "json", "csv", "md")


def commands(data: Path, out: Path) -> dict[str, list[str]]:
    """Name -> arguments, for every command, format and export kind."""
    run: dict[str, list[str]] = {}
    for fmt in LISTS:
        run[f"claims.{fmt}"] = ["claims", "--format", fmt]
        run[f"sources.{fmt}"] = ["sources", "--format", fmt]
        run[f"gaps.{fmt}"] = ["gaps", "--format", fmt]
    for fmt in ("table", "json", "md"):
        run[f"conflicts.{fmt}"] = ["conflicts", "--format", fmt]
        run[f"compare.{fmt}"] = ["compare", "IV", "IM", "IN", "--format", fmt]
        run[f"map.{fmt}"] = ["map", "--format", fmt]
    for what in ("evidence", "claims", "sources"):
        for fmt in ("csv", "json", "md", "bib", "csl-json"):
            run[f"export-{what}.{fmt}"] = ["export", "--what", what, "--format", fmt]
    run["report.html"] = ["report", "-o", "-"]
    claims = json.loads(_roa(data, out, ["claims", "--format", "json"]))
    for claim in claims:
        run[f"show-{claim['id']}.table"] = ["show", claim["id"]]
        run[f"show-{claim['id']}.json"] = ["show", claim["id"], "--format", "json"]
    works = json.loads(_roa(data, out, ["sources", "--format", "json"]))
    for work in works:
        run[f"source-{work['key']}.table"] = ["source", work["key"]]
        run[f"source-{work['key']}.json"] = ["source", work["key"], "--format", "json"]
    return run


def _roa(data: Path, db_dir: Path, args: list[str]) -> str:
    """One command's stdout and stderr (and exit code) as the snapshot's text."""
    db = f"sqlite:///{db_dir / 'snapshot.sqlite'}"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    done = subprocess.run(
        [str(ROA), "--data", str(data), "--db", db, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode not in (0, 1):
        return f"exit {done.returncode}\n{done.stderr}"
    return done.stdout


def snapshot(data: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _roa(data, work, ["load", "--force"])
        return {name: _roa(data, work, args) for name, args in commands(data, work).items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--data", type=Path, default=REPO / "data")
    args = parser.parse_args()
    outputs = snapshot(args.data)
    if args.action == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        for name, text in outputs.items():
            (args.folder / name).write_text(text, encoding="utf-8")
        print(f"saved {len(outputs)} outputs in {args.folder}")
        return 0
    saved = {path.name: path.read_text(encoding="utf-8") for path in args.folder.iterdir()}
    differ = sorted(
        name for name in saved.keys() | outputs.keys() if saved.get(name) != outputs.get(name)
    )
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(outputs) - len(differ)} of {len(saved.keys() | outputs.keys())} outputs identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
