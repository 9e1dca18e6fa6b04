"""The `roa-evidence` console script.

`--version` is answered before the command-line framework is imported (a
tenth of a second on these machines); everything else goes to the typer app.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        print(f"roa-evidence {__version__}")
        return
    from .cli import main as run_cli

    run_cli()
