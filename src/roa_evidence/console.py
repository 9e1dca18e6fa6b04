"""The `roa-evidence` console script.

`--version`, and a `load` that finds nothing changed, are answered before the
command-line framework is imported (it and the pydantic it builds its options
with cost a tenth of a second on these machines, more than the answer itself);
everything else goes to the typer app.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    """Console-script entry point."""
    # A command is one short process that builds many small objects (views, rows, the
    # frameworks' classes) and few cycles: collecting cycles less often saved a third of
    # `claims --format json` on a 10k base. Cycles are still collected.
    gc.set_threshold(100_000, 50, 100)
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        print(f"roa-evidence {__version__}")
        return
    if _nothing_to_load(sys.argv[1:]):
        return
    from .cli import main as run_cli

    run_cli()


def _nothing_to_load(args: list[str]) -> bool:
    """`[--data DIR] [--db DB] load` on an up-to-date SQLite database: print what `load`
    prints and return True. Anything else, or any doubt, is left to the full command."""
    options: dict[str, str] = {}
    while len(args) >= 2 and args[0] in ("--data", "--db"):
        options[args[0]] = args[1]
        args = args[2:]
    if args != ["load"]:
        return False
    try:
        from pathlib import Path

        from .load.inputs import default_data_dir, fingerprint, unused_local_data
        from .store.connection import default_db_url
        from .store.database import Store, built_from

        chosen = options.get("--data") or os.environ.get("ROA_EVIDENCE_DATA")
        if chosen is None and unused_local_data(default_data_dir()):
            return False  # the full command says which base it uses
        data_dir = Path(chosen) if chosen else default_data_dir()
        if not data_dir.is_dir():
            return False
        db = options.get("--db") or os.environ.get("ROA_EVIDENCE_DB")
        store = Store(db or default_db_url(data_dir))
        if store.path is None or not built_from(store.meta(), fingerprint(data_dir)):
            return False
    except Exception:  # the full command reports it properly
        return False
    print(f"Up to date: {store.path} already holds {data_dir} as it is.")
    return True
