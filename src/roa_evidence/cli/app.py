"""The typer app: the global options, the one place errors become messages, and every
command, registered here in the order `--help` lists them."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .. import __version__, vocab
from ..errors import EvidenceError, InvalidData
from ..load.vocabfile import base_vocabulary
from .commands import (
    check,
    claims,
    compare,
    conflicts,
    export,
    gaps,
    init,
    load,
    map,
    report,
    retractions,
    show,
    source,
    sources_import,
    validate,
)
from .common import Settings, err


class _Group(TyperGroup):
    """Turns every roa-evidence error into one sentence on stderr and exit code 2."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]

        def debug() -> bool:  # --debug is parsed inside super().invoke, so ask afterwards
            settings = ctx.find_object(Settings)
            return settings is not None and settings.debug

        try:
            with vocab.restoring():  # a command speaks its base's vocabulary, and only it
                result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk behind stdout fails here, not at exit
            return result
        except EvidenceError as exc:
            if debug():
                raise
            if isinstance(exc, InvalidData):
                for problem in exc.problems:
                    err(str(problem))
                effect = "" if ctx.invoked_subcommand == "validate" else "; nothing was loaded"
                err(f"Error: {exc}{effect}. Fix the lines above and run again.")
            else:
                err(f"Error: {exc}")
            raise typer.Exit(2) from None
        except typer.BadParameter as exc:
            # pydantic's "Value error, " prefix before "'xlsx' is not one of 'csv', ..."
            exc.message = exc.message.removeprefix("Value error, ")
            raise
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `roa-evidence claims | head`: the reader left; stop quietly
            _silence_stdout()
            raise typer.Exit(141) from None
        except Exception as exc:
            if debug() or (hasattr(exc, "exit_code") and hasattr(exc, "show")):
                raise  # --debug, or a usage error (missing argument...) the framework reports
            known = _known_failure(exc)
            if known is not None:
                err(f"Error: {known}")
                raise typer.Exit(2) from None
            err(
                f"Error: unexpected {type(exc).__name__}: {exc}. Run again with --debug for "
                "the traceback, and please report it."
            )
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Group,
    name="roa-evidence",
    help="Track claims about ketamine routes of administration, who makes them, and the "
    "evidence behind each, graded GRADE-style.",
    invoke_without_command=True,  # bare `roa-evidence`: its help, exit 0 (see _main)
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _known_failure(exc: Exception) -> str | None:
    """A failure outside the library's own errors, in one sentence: standard output that
    cannot be written (a full disk), or a database that failed mid-command (a server
    stopped, a lock held); None for anything else."""
    if isinstance(exc, OSError) and _writing_an_open_stream(exc):
        _silence_stdout()
        return (
            f"cannot write to standard output ({exc.strerror or exc}); the output is "
            "incomplete; free some space or send it elsewhere"
        )
    if "sqlalchemy" in sys.modules:
        # lazy: SQLAlchemy; the CLI starts without it
        import sqlalchemy as sa

        if isinstance(exc, sa.exc.DBAPIError):
            # lazy: SQLAlchemy; the CLI starts without it
            from ..store.engine import database_error

            return str(database_error(exc))
    return None


def _writing_an_open_stream(exc: OSError) -> bool:
    """True for a write error on a stream already open (no file name: files roa-evidence
    opens report their own errors), which leaves standard output, where data waits."""
    return exc.filename is None and exc.errno in (
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EFBIG,
        errno.EIO,
        errno.EROFS,
    )


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's buffer): nothing to silence


def _version(value: bool) -> None:
    if value:
        print(f"roa-evidence {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            metavar="DIR",
            envvar="ROA_EVIDENCE_DATA",
            show_envvar=True,
            file_okay=False,
            help="Evidence base folder (studies.bib, claims.yaml). Default: the one shipped "
            "with roa-evidence.",
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="FILE|URL",
            envvar="ROA_EVIDENCE_DB",
            show_envvar=True,
            help="The database: a SQLite file path, or a SQLAlchemy URL (e.g. "
            "postgresql+psycopg://host/db). Default: a SQLite file in your cache folder.",
        ),
    ] = None,
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            metavar="SECONDS",
            envvar="ROA_EVIDENCE_WAIT",
            min=0,
            max=7 * 24 * 3600,  # a week; also keeps out nan and inf
            help="How long to wait for another roa-evidence process that is updating the "
            "same database before giving up.",
        ),
    ] = 120.0,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Track claims about ketamine routes, who makes them, and the evidence behind each."""
    ctx.obj = Settings(data, db, debug, wait)

    # Every command speaks the base's vocabulary: its filters, checks and the map's axes.
    vocab.activate(base_vocabulary(data) if data is not None else None)
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit(0)


app.command()(init.init)
app.command()(load.load)
app.command()(validate.validate)
app.command()(claims.claims)
app.command()(show.show)
app.add_typer(sources_import.sources_app, name="sources")
app.command()(source.source)
app.command()(gaps.gaps)
app.command()(export.export)
app.command()(conflicts.conflicts)
app.command()(compare.compare)
app.command(name="map")(map.map_)
app.command()(check.check)
app.command()(report.report)
app.add_typer(retractions.retractions_app, name="retractions")


def main() -> None:
    """Console-script entry point."""
    if os.environ.get("NO_COLOR"):
        os.environ.setdefault("TERM", "dumb")
    app()
