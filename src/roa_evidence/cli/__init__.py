"""The `roa-evidence` command line: parse, call the library, render.

Only this package imports typer and rich. Heavy imports (SQLAlchemy, pydantic,
bibtexparser) happen inside the commands, so `--help` and `--version` stay fast.
`app` registers every command (`commands/<name>.py`); `common` holds what they share
and `output.render` writes their results in each format.
"""

from .app import app, main

__all__ = ["app", "main"]
