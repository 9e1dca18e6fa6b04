"""What the commands share: the global settings, the connection to an up-to-date store,
the filter options and their parsing (`with_filters`), and the one way to report a usage
error."""

from __future__ import annotations

import functools
import gc
import inspect
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from ..load.inputs import default_data_dir, unused_local_data
from . import completion
from .progress import progress

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from ..load.refresh import OpenStore
    from ..query.queries import ClaimFilter


@dataclass
class Settings:
    """The options given before the command: `roa-evidence --data DIR --db URL --debug`."""

    data_dir: Path | None
    db_url: str | None
    debug: bool
    wait: float = 120.0  # seconds to wait for another process's build (--wait)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class DetailFormat(StrEnum):
    table = "table"
    json = "json"


def err(message: str) -> None:
    print(message, file=sys.stderr)


def fail(message: str) -> NoReturn:
    """A usage error: one sentence on stderr and exit code 2."""
    err(f"Error: {message}")
    raise typer.Exit(2)


def settings(ctx: typer.Context) -> Settings:
    found = ctx.find_object(Settings)
    assert found is not None
    return found


def data_dir(ctx: typer.Context) -> Path:
    chosen = settings(ctx).data_dir
    if chosen is not None:
        return chosen
    shipped = default_data_dir()
    if unused_local_data(shipped):
        # a curator editing a clone's data/ would otherwise wonder why nothing changes
        err(
            f"roa-evidence: using the installed evidence base ({shipped}), not ./data; "
            "pass --data ./data to use that one."
        )
    return shipped


@contextmanager
def connection(ctx: typer.Context) -> Iterator[Connection]:
    """A connection to an up-to-date store; rebuilds (and says so) when the data changed."""

    # The frameworks are imported by now: their hundreds of thousands of objects live as
    # long as the process, so keep the collector from walking them again on every pass.
    gc.freeze()
    db = open_database(ctx)
    try:
        with progress("Updating the database") as bar:
            summary = db.refresh(progress=bar.stage)
        if summary is not None:
            what = "built" if summary.first else "the evidence base changed; rebuilt"
            err(
                f"roa-evidence: {what} the database "
                f"({summary.claims} claims, {summary.works} works{kept(summary.notices)})."
            )
        with db.connect() as conn:
            yield conn
    finally:
        db.close()


def open_database(ctx: typer.Context) -> OpenStore:
    """The database of the command's evidence base (`--data`) at `--db`: a build waits
    --wait seconds for another process's, and says at once that it waits."""
    # lazy: the store and SQLAlchemy; the CLI starts without them
    from ..load.refresh import open_store

    chosen = settings(ctx)
    return open_store(
        data_dir(ctx),
        chosen.db_url,
        lock_wait=chosen.wait,
        on_wait=lambda message: err(f"roa-evidence: {message}"),
    )


def _terms(*names: str, complete: Callable[..., list[str]], help: str) -> tuple[Any, Any]:
    """An option naming vocabulary terms: repeatable, or comma-separated; its help shows
    `--route ROUTE`, not the Python type."""
    metavar = names[0].removeprefix("--").upper()
    option = typer.Option(*names, metavar=metavar, autocompletion=complete, help=help)
    return Annotated[list[str] | None, option], None


def _text(name: str, help: str, complete: Any = None, metavar: str = "TEXT") -> tuple[Any, Any]:
    option = typer.Option(name, metavar=metavar, autocompletion=complete, help=help)
    return Annotated[str | None, option], None


def _flag(name: str, help: str) -> tuple[Any, Any]:
    return Annotated[bool, typer.Option(name, help=help)], False


# Every claim filter: the option's type, with its default. `with_filters` gives them to a command.
_FILTER_OPTIONS: dict[str, tuple[Any, Any]] = {
    "route": _terms(
        "--route",
        "-r",
        complete=completion.routes,
        help="Only claims about this route (IV, IM, IN, oral, SL, rectal, SC; "
        "aliases such as 'intramuscular' work). Repeat, or separate with commas, for any of "
        "several (--all-routes: all of them).",
    ),
    "all_routes": _flag(
        "--all-routes",
        "Only claims about every --route given (e.g. head-to-head IM vs IV claims), instead "
        "of any of them.",
    ),
    "topic": _terms(
        "--topic",
        "-t",
        complete=completion.topics,
        help="Only claims on this topic (efficacy, onset, duration, "
        "bioavailability, safety, ...). Repeatable, or comma-separated.",
    ),
    "condition": _terms(
        "--condition",
        complete=completion.conditions,
        help="Only claims about this condition (depression, pain, ...). Repeatable, or "
        "comma-separated.",
    ),
    "status": _terms(
        "--status",
        "-s",
        complete=completion.statuses,
        help="Only claims with this status: strong, weak, unsupported, contested, very_uncertain, "
        "contradicted (findings); confirmed, partly, refuted, unchecked (descriptions, "
        "definitions, counts, appraisals). "
        "Repeatable, or comma-separated.",
    ),
    "min_certainty": _text(
        "--min-certainty",
        "Only claims graded at least this: very_low, low, moderate, high.",
        completion.certainties,
        metavar="CERTAINTY",
    ),
    "source": _text(
        "--source",
        "Only claims citing this work (citation key) as evidence.",
        completion.citation_keys,
        metavar="KEY",
    ),
    "document": _text(
        "--document",
        "Only claims this document asserts or disputes (citation key).",
        completion.citation_keys,
        metavar="KEY",
    ),
    "search": _text(
        "--search",
        "Only claims whose id, statement or quotes contain this text "
        "(case-insensitive, taken literally).",
    ),
    "design": _terms(
        "--design",
        complete=completion.designs,
        help="Only claims with a linked source of this design (rct, cohort, pk-study, ...; "
        "aliases such as 'randomized' work). Repeatable, or comma-separated.",
    ),
    "min_n": (
        Annotated[
            int | None,
            typer.Option(
                "--min-n",
                metavar="N",
                min=1,
                help="Only claims with a linked source of at least N participants (the link's "
                "n, else the study's).",
            ),
        ],
        None,
    ),
    "since": (
        Annotated[
            int | None,
            typer.Option(
                "--since",
                metavar="YEAR",
                min=1000,
                max=9999,
                help="Only claims with a linked source published in YEAR or later.",
            ),
        ],
        None,
    ),
    "verified_only": _flag(
        "--verified-only",
        "Only claims with a linked source whose record was verified against the source. "
        "--design, --min-n, --since and --verified-only hold for one and the same source.",
    ),
    "unjudged": _flag(
        "--unjudged",
        "Only claims graded on automatic judgements alone (no reviewer judgement, no override).",
    ),
    "retracted": _flag(
        "--retracted",
        "Only claims citing a work that is retracted (and not reinstated); see "
        "`retractions import`.",
    ),
}
# The filters `claims` and `export` both take; --unjudged and --retracted only some commands do.
EVERY_FILTER = tuple(name for name in _FILTER_OPTIONS if name not in ("unjudged", "retracted"))
FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="table (rich on a terminal, plain when piped), json, csv or md (a Markdown "
        "table to paste into a manuscript).",
    ),
]

DetailFormatOpt = Annotated[DetailFormat, typer.Option("--format", "-f", help="table or json.")]
ClaimIdArg = Annotated[
    str,
    typer.Argument(metavar="CLAIM_ID", autocompletion=completion.claim_ids, help="The claim's id."),
]
CitationKeyArg = Annotated[
    str,
    typer.Argument(
        metavar="KEY", autocompletion=completion.citation_keys, help="The work's citation key."
    ),
]


class ViewFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


ViewFormatOpt = Annotated[
    ViewFormat,
    typer.Option(
        "--format", "-f", help="table (rich on a terminal, plain when piped), json or md."
    ),
]


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


CheckFormatOpt = Annotated[
    CheckFormat,
    typer.Option(
        "--format",
        "-f",
        help="text (file:line:col: verdict: message, like a linter) or json (every sentence).",
    ),
]


@dataclass(frozen=True)
class FilterOptions:
    """The claim-filter options a command was given, as typed; `parse()` checks them."""

    route: list[str] | None = None
    all_routes: bool = False
    topic: list[str] | None = None
    condition: list[str] | None = None
    status: list[str] | None = None
    min_certainty: str | None = None
    source: str | None = None
    document: str | None = None
    search: str | None = None
    unjudged: bool = False
    retracted: bool = False
    design: list[str] | None = None
    min_n: int | None = None
    since: int | None = None
    verified_only: bool = False

    def parse(self) -> ClaimFilter:
        """The library's filter from these options, vocabulary checked."""
        # lazy: SQLAlchemy; the CLI starts without it
        from ..query.queries import ClaimFilter

        flt = ClaimFilter.from_terms(
            routes=self.route,
            all_routes=self.all_routes,
            topics=self.topic,
            conditions=self.condition,
            statuses=self.status,
            min_certainty=self.min_certainty,
            source=self.source,
            document=self.document,
            search=self.search,
            unjudged=self.unjudged,
            retracted=self.retracted,
            designs=self.design,
            min_n=self.min_n,
            since=self.since,
            verified_only=self.verified_only,
        )
        if flt.all_routes and len(flt.routes) < 2:
            fail("--all-routes needs two or more routes, e.g. --route IM --route IV --all-routes")
        return flt


def kept(notices: int) -> str:
    """A rebuild says that it kept the imported retraction notices (so never drops them unseen)."""
    if not notices:
        return ""
    return f", keeping {notices:,} imported retraction notice{'s' * (notices != 1)}"


def with_filters(
    *names: str,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the claim-filter options `names`, in this order where its `filters`
    parameter stands, and pass them to it as `filters: FilterOptions`: a command that takes
    the filters `claims` takes does not spell each option again. A name of one of the
    command's own options places that option among them.

    typer reads a command's options from its signature: the wrapper shows typer the
    command's signature with `filters` replaced by the options.
    """

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        own = signature.parameters

        def option(name: str) -> inspect.Parameter:
            if name in own:
                return own[name]
            annotation, default = _FILTER_OPTIONS[name]
            return inspect.Parameter(name, _KEYWORD, annotation=annotation, default=default)

        options = [option(name) for name in names]
        filter_names = [name for name in names if name not in own]
        parameters = [p for p in own.values() if p.name not in names]
        at = [p.name for p in parameters].index("filters")
        parameters[at : at + 1] = options

        @functools.wraps(command)
        def run(**given: Any) -> None:
            filters = FilterOptions(**{name: given.pop(name) for name in filter_names})
            command(filters=filters, **given)

        run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run

    return decorate


_KEYWORD = inspect.Parameter.POSITIONAL_OR_KEYWORD
