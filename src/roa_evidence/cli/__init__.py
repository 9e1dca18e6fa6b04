"""The `roa-evidence` command line: parse, call the library, render.

Only this package imports typer and rich. Heavy imports (SQLAlchemy, pydantic,
bibtexparser) happen inside the commands, so `--help` and `--version` stay fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from . import completion

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from ..queries import ClaimFilter


class _Group(TyperGroup):
    """Turns every roa-evidence error into one sentence on stderr and exit code 2."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        from ..errors import EvidenceError, InvalidData

        def debug() -> bool:  # --debug is parsed inside super().invoke, so ask afterwards
            settings = ctx.find_object(Settings)
            return settings is not None and settings.debug

        try:
            return super().invoke(ctx)
        except EvidenceError as exc:
            if debug():
                raise
            if isinstance(exc, InvalidData):
                for problem in exc.problems:
                    _err(str(problem))
                effect = "" if ctx.invoked_subcommand == "validate" else "; nothing was loaded"
                _err(f"Error: {exc}{effect}. Fix the lines above and run again.")
            else:
                _err(f"Error: {exc}")
            raise typer.Exit(2) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `roa-evidence claims | head`: the reader left; stop quietly
            _silence_stdout()
            raise typer.Exit(141) from None
        except Exception as exc:
            if debug() or (hasattr(exc, "exit_code") and hasattr(exc, "show")):
                raise  # --debug, or a usage error (missing argument...) the framework reports
            _err(
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


@dataclass
class Settings:
    data_dir: Path | None
    db_url: str | None
    debug: bool


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class DetailFormat(StrEnum):
    table = "table"
    json = "json"


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's buffer): nothing to silence


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _fail(message: str) -> NoReturn:
    _err(f"Error: {message}")
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"roa-evidence {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
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
            envvar="ROA_EVIDENCE_DB",
            show_envvar=True,
            help="The database: a SQLite file path, or a SQLAlchemy URL (e.g. "
            "postgresql+psycopg://host/db). Default: a SQLite file in your cache folder.",
        ),
    ] = None,
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
    ctx.obj = Settings(data, db, debug)
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit(0)


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.find_object(Settings)
    assert settings is not None
    return settings


def _data_dir(ctx: typer.Context) -> Path:
    from ..store import default_data_dir, unused_local_data

    chosen = _settings(ctx).data_dir
    if chosen is not None:
        return chosen
    shipped = default_data_dir()
    if unused_local_data(shipped):
        # a curator editing a clone's data/ would otherwise wonder why nothing changes
        _err(
            f"roa-evidence: using the installed evidence base ({shipped}), not ./data; "
            "pass --data ./data to use that one."
        )
    return shipped


@contextmanager
def _connection(ctx: typer.Context) -> Iterator[Connection]:
    """A connection to an up-to-date store; rebuilds (and says so) when the data changed."""
    import gc

    # The frameworks are imported by now: their hundreds of thousands of objects live as
    # long as the process, so keep the collector from walking them again on every pass.
    gc.freeze()
    from ..refresh import refresh
    from ..store import Store, default_db_url

    data_dir = _data_dir(ctx)
    store = Store(_settings(ctx).db_url or default_db_url(data_dir))
    try:
        with progress("Updating the database") as bar:
            summary = refresh(store, data_dir, progress=bar.stage)
        if summary is not None:
            what = "built" if summary.first else "the evidence base changed; rebuilt"
            _err(
                f"roa-evidence: {what} the database "
                f"({summary.claims} claims, {summary.works} works{_kept(summary.notices)})."
            )
        with store.engine.connect() as conn:
            yield conn
    finally:
        store.close()


class _Progress:
    """A progress bar on stderr that appears only if the work lasts over a second,
    and never when stderr is not a terminal. Use it through `progress()`."""

    DELAY = 1.0

    def __init__(self, description: str, total: float | None) -> None:
        import threading

        self._lock = threading.Lock()
        self._bar: Any = None
        self._task: Any = None
        self._description, self._total, self._done = description, total, 0.0
        self._timer: threading.Timer | None = None
        if sys.stderr.isatty():
            self._timer = threading.Timer(self.DELAY, self._show)
            self._timer.daemon = True
            self._timer.start()

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._timer is None:
                return
            self._bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task(
                self._description, total=self._total, completed=self._done
            )
            self._bar.start()

    def stage(self, description: str) -> None:
        """A new stage of a job counted in stages: say what, and advance one."""
        self.advance(1, description[:1].upper() + description[1:])

    def advance(self, amount: float = 1, description: str | None = None) -> None:
        with self._lock:
            self._done += amount
            if description is not None:
                self._description = description
            if self._bar is not None:
                self._bar.update(self._task, completed=self._done, description=self._description)

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._bar is not None:
                self._bar.stop()
                self._bar = None


@contextmanager
def progress(description: str, total: float | None = None) -> Iterator[_Progress]:
    """A progress bar for a job that may take a while (loads, exports).

    `total` is the amount of work (rows, bytes...), advanced with `.advance(n)`;
    without it, the job is counted in stages, each announced with `.stage(text)`.
    """
    bar = _Progress(description, total)
    try:
        yield bar
    finally:
        bar.close()


def _print(renderable: Any) -> None:
    """Print a rich renderable; piped, as plain text without trailing spaces."""
    from .render import console, plain

    out = console()
    if not plain():
        # no cropping: a key or id longer than the terminal is wrapped by it, never cut
        out.print(renderable, crop=False)
        return
    with out.capture() as captured:
        out.print(renderable)
    # Rich pads every cell to its column's width; piped text should not end in spaces.
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def _emit_json(data: Any) -> None:
    from .plain import dump_json_bytes

    encoded = dump_json_bytes(data) + b"\n"
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (a test's capture): decode
        sys.stdout.write(encoded.decode())
        return
    sys.stdout.flush()  # keep anything written before in order
    buffer.write(encoded)  # megabytes of JSON: no decode to text and encode back
    buffer.flush()


def _canonical(kind: str, values: list[str] | None) -> tuple[str, ...]:
    """Vocabulary terms from the command line, or one sentence naming the nearest."""
    from .. import vocab
    from ..errors import NotFound
    from ..vocab import nearest

    aliases = {
        "route": vocab.ROUTE_ALIASES,
        "condition": vocab.CONDITION_ALIASES,
        "design": vocab.DESIGN_ALIASES,
    }.get(kind)
    lookup = {
        "route": (vocab.canonical_route, vocab.ROUTES),
        "design": (vocab.canonical_design, vocab.DESIGNS),
        "topic": (vocab.canonical_topic, vocab.TOPICS),
        "condition": (vocab.canonical_condition, vocab.CONDITIONS),
        "status": (lambda v: v.lower() if v.lower() in vocab.STATUSES else None, vocab.STATUSES),
        "certainty": (
            lambda v: (
                v.lower().replace(" ", "_").replace("-", "_")
                if v.lower().replace(" ", "_").replace("-", "_") in vocab.CERTAINTIES
                else None
            ),
            vocab.CERTAINTIES,
        ),
    }
    canonical, terms = lookup[kind]
    found: list[str] = []
    # `--route IM,IV` and `--route IM --route IV` mean the same
    for value in (part.strip() for v in values or [] for part in v.split(",")):
        if not value:
            continue
        term = canonical(value)
        if term is None:
            hint = nearest(value, terms, aliases=aliases)
            if not hint.startswith("expected"):  # a suggestion: name the whole list too
                hint += f" (one of {', '.join(terms)})"
            raise NotFound(f"unknown {kind} '{value}'; {hint}")
        found.append(term)
    return tuple(dict.fromkeys(found))


RouteOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--route",
        "-r",
        autocompletion=completion.routes,
        help="Only claims about this route (IV, IM, IN, oral, SL, rectal, SC; "
        "aliases such as 'intramuscular' work). Repeat, or separate with commas, for any of "
        "several (--all-routes: all of them).",
    ),
]
AllRoutesOpt = Annotated[
    bool,
    typer.Option(
        "--all-routes",
        help="Only claims about every --route given (e.g. head-to-head IM vs IV claims), "
        "instead of any of them.",
    ),
]
TopicOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--topic",
        "-t",
        autocompletion=completion.topics,
        help="Only claims on this topic (efficacy, onset, duration, "
        "bioavailability, safety, ...). Repeatable, or comma-separated.",
    ),
]
ConditionOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--condition",
        autocompletion=completion.conditions,
        help="Only claims about this condition (depression, pain, ...). Repeatable, or "
        "comma-separated.",
    ),
]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        autocompletion=completion.statuses,
        help="Only claims with this status: strong, weak, unsupported, contested, contradicted "
        "(findings); confirmed, refuted, unchecked (descriptions, definitions). Repeatable, or "
        "comma-separated.",
    ),
]
MinCertaintyOpt = Annotated[
    str | None,
    typer.Option(
        "--min-certainty",
        autocompletion=completion.certainties,
        help="Only claims graded at least this: very_low, low, moderate, high.",
    ),
]
SourceOpt = Annotated[
    str | None,
    typer.Option(
        "--source",
        autocompletion=completion.citation_keys,
        help="Only claims citing this work (citation key) as evidence.",
    ),
]
DocumentOpt = Annotated[
    str | None,
    typer.Option(
        "--document",
        autocompletion=completion.citation_keys,
        help="Only claims this document asserts or disputes (citation key).",
    ),
]
SearchOpt = Annotated[
    str | None,
    typer.Option(
        "--search",
        help="Only claims whose id, statement or quotes contain this text "
        "(case-insensitive, taken literally).",
    ),
]
FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="table (rich on a terminal, plain when piped), json, csv or md (a Markdown "
        "table to paste into a manuscript).",
    ),
]


def claim_filter(
    route: list[str] | None = None,
    topic: list[str] | None = None,
    condition: list[str] | None = None,
    status: list[str] | None = None,
    min_certainty: str | None = None,
    source: str | None = None,
    document: str | None = None,
    search: str | None = None,
    all_routes: bool = False,
) -> ClaimFilter:
    """The library's filter from the command line's options, vocabulary checked."""
    from ..queries import ClaimFilter

    routes = _canonical("route", route)
    if all_routes and len(routes) < 2:
        _fail("--all-routes needs two or more routes, e.g. --route IM --route IV --all-routes")
    certainty = _canonical("certainty", [min_certainty] if min_certainty else None)
    if certainty == ("none",):
        certainty = ()
    return ClaimFilter(
        routes=routes,
        all_routes=all_routes,
        topics=_canonical("topic", topic),
        conditions=_canonical("condition", condition),
        statuses=_canonical("status", status),
        min_certainty=certainty[0] if certainty else None,
        source=source,
        document=document,
        search=search or None,
    )


def _render_claims(claims: list[Any], fmt: Format, empty: str, title: str | None = None) -> None:
    if fmt is Format.json:
        _emit_json([claim.to_dict() for claim in claims])
    elif fmt is Format.csv:
        from ..tabular import CLAIM_COLUMNS, claim_row, write_csv

        write_csv(sys.stdout, CLAIM_COLUMNS, (claim_row(c) for c in claims))
    elif fmt is Format.md:
        from ..exporters.markdown import write as write_sof_markdown

        write_sof_markdown(sys.stdout, [(title or "Claims", claims)])
    elif not claims:
        _err(empty)
    else:
        from .plain import CLAIM_HEADER, claim_cells, grid, is_plain

        if is_plain():
            sys.stdout.write(grid(CLAIM_HEADER, [claim_cells(c) for c in claims], title))
            return
        from .render import claims_table

        _print(claims_table(claims, title=title))


@app.command()
def load(
    ctx: typer.Context,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even if nothing changed.")
    ] = False,
) -> None:
    """Build or refresh the database from the evidence base now, and say what changed.

    Example: roa-evidence --data ./my-evidence load
    """
    from ..refresh import refresh
    from ..store import Store, default_db_url

    data_dir = _data_dir(ctx)
    url = _settings(ctx).db_url or default_db_url(data_dir)
    store = Store(url)
    try:
        with progress("Loading") as bar:
            summary = refresh(store, data_dir, force=force, progress=bar.stage)
    finally:
        store.close()
    where = store.path or url.split("@")[-1]
    if summary is None:
        print(f"Up to date: {where} already holds {data_dir} as it is.")
    elif not summary.rebuilt:
        print(
            f"Updated {where} from {', '.join(summary.changed) or 'removed files'}: now "
            f"{summary.claims} claims, {summary.works} works, {summary.links} evidence links "
            f"and {summary.assertions} quotes."
        )
    else:
        print(
            f"Loaded {summary.claims} claims, {summary.works} works, {summary.links} evidence "
            f"links and {summary.assertions} quotes from {data_dir} into {where}"
            f"{_kept(summary.notices)}."
        )


def _kept(notices: int) -> str:
    """A rebuild says that it kept the imported retraction notices (so never drops them unseen)."""
    if not notices:
        return ""
    return f", keeping {notices:,} imported retraction notice{'s' * (notices != 1)}"


@app.command()
def validate(
    ctx: typer.Context,
    documents: Annotated[
        Path | None,
        typer.Option(
            "--documents",
            file_okay=False,
            help="Folder with the documents' text files, to check every quote is verbatim "
            "(default: the `documents_dir` claims.yaml records, if any).",
        ),
    ] = None,
    unjudged: Annotated[
        bool,
        typer.Option(
            "--unjudged",
            help="Also list the supported claims graded on automatic judgements alone "
            "(no reviewer judgement, no override).",
        ),
    ] = False,
) -> None:
    """Check the evidence base's files and list every problem with file:line (exit 2 if any).

    Quotes are checked against the documents' text whenever their folder is known
    (--documents, or `documents_dir:` in claims.yaml); otherwise validate says so.

    Example: roa-evidence validate --documents ../shared/seeds
    """
    from ..errors import InvalidData
    from ..load import check_quotes, read_evidence_base
    from ..load import unjudged as find_unjudged

    data_dir = _data_dir(ctx)
    base = read_evidence_base(data_dir)  # raises InvalidData with every problem
    for warning in base.warnings:
        _err(f"warning: {warning}")
    documents = documents or base.documents_dir
    quotes = sum(len(c.spec.asserted_by) + len(c.spec.disputed_by) for c in base.claims)
    if documents is not None:
        problems = check_quotes(base, documents)
        if problems:
            raise InvalidData(problems)
        checked = f"; all {quotes} quotes found verbatim in their documents"
    else:
        checked = f"; the {quotes} quotes were not checked"
        _err(
            "note: quotes were not checked against the documents: no documents folder is "
            "known; pass --documents DIR or record `documents_dir: DIR` in claims.yaml."
        )
    print(f"OK: {len(base.claims)} claims and {len(base.works)} works in {data_dir}{checked}.")
    if unjudged:
        automatic = find_unjudged(base)
        print(f"{len(automatic)} supported claims are graded on automatic judgements alone:")
        for claim in automatic:
            print(f"  {claim.path.name}:{claim.line}: {claim.spec.id}")


@app.command()
def claims(
    ctx: typer.Context,
    route: RouteOpt = None,
    all_routes: AllRoutesOpt = False,
    topic: TopicOpt = None,
    condition: ConditionOpt = None,
    status: StatusOpt = None,
    min_certainty: MinCertaintyOpt = None,
    source: SourceOpt = None,
    document: DocumentOpt = None,
    search: SearchOpt = None,
    retracted: Annotated[
        bool,
        typer.Option(
            "--retracted",
            help="Only claims citing a work that is retracted (and not reinstated); "
            "see `retractions import`.",
        ),
    ] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """List claims with their certainty and status, narrowed by any of the filters.

    Example: roa-evidence claims --route IM,IV --all-routes --topic efficacy
    """
    from dataclasses import replace

    from ..queries import find_claims

    flt = claim_filter(
        route, topic, condition, status, min_certainty, source, document, search, all_routes
    )
    flt = replace(flt, retracted=retracted)
    with _connection(ctx) as conn:
        # the table shows no quotes or evidence: leave them out, it is much quicker
        found = find_claims(conn, flt, details=fmt is not Format.table)
    _render_claims(found, fmt, "No claims match those filters.")


@app.command()
def show(
    ctx: typer.Context,
    claim_id: Annotated[
        str,
        typer.Argument(
            metavar="CLAIM_ID", autocompletion=completion.claim_ids, help="The claim's id."
        ),
    ],
    fmt: Annotated[
        DetailFormat, typer.Option("--format", "-f", help="table or json.")
    ] = DetailFormat.table,
) -> None:
    """Show one claim: who asserts or disputes it (quotes), its evidence, and how it was graded.

    Example: roa-evidence show im-bioavailability-93
    """
    from ..queries import get_claim

    with _connection(ctx) as conn:
        claim = get_claim(conn, claim_id)
    if fmt is DetailFormat.json:
        _emit_json(claim.to_dict())
    else:
        from .render import claim_detail

        _print(claim_detail(claim))


@app.command()
def sources(
    ctx: typer.Context,
    design: Annotated[
        list[str] | None,
        typer.Option(
            "--design",
            autocompletion=completion.designs,
            help="Only works of this design (rct, pk-study, patient-reports, ...; aliases such "
            "as 'randomized' work). Repeatable, or comma-separated.",
        ),
    ] = None,
    min_n: Annotated[
        int | None,
        typer.Option("--min-n", min=1, help="Only works with at least this many participants."),
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List the works (studies, reviews, documents) with design, n, flags and citing claims.

    Example: roa-evidence sources --design rct --min-n 20
    """
    from ..queries import find_works

    designs = _canonical("design", design)
    with _connection(ctx) as conn:
        works = find_works(conn, design=designs or None, min_n=min_n)
    if fmt is Format.json:
        _emit_json([w.to_dict() for w in works])
    elif fmt is Format.csv:
        from ..tabular import WORK_COLUMNS, work_row, write_csv

        write_csv(sys.stdout, WORK_COLUMNS, (work_row(w) for w in works))
    elif fmt is Format.md:
        from ..exporters.markdown import write_works as write_works_markdown

        write_works_markdown(sys.stdout, works)
    elif not works:
        _err("No works match those filters.")
    else:
        from .plain import WORK_HEADER, grid, is_plain, work_cells

        if is_plain():
            sys.stdout.write(grid(WORK_HEADER, [work_cells(w) for w in works]))
            return
        from .render import works_table

        _print(works_table(works))


@app.command()
def source(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(
            metavar="KEY", autocompletion=completion.citation_keys, help="The work's citation key."
        ),
    ],
    fmt: Annotated[
        DetailFormat, typer.Option("--format", "-f", help="table or json.")
    ] = DetailFormat.table,
) -> None:
    """Show one work: bibliographic record, appraisal, citation issues and the claims citing it.

    Example: roa-evidence source chilukuri2014acute
    """
    from ..queries import get_work

    with _connection(ctx) as conn:
        work = get_work(conn, key)
    if fmt is DetailFormat.json:
        _emit_json(work.to_dict())
    else:
        from .render import work_detail

        _print(work_detail(work))


@app.command()
def gaps(
    ctx: typer.Context,
    route: RouteOpt = None,
    all_routes: AllRoutesOpt = False,
    topic: TopicOpt = None,
    condition: ConditionOpt = None,
    status: StatusOpt = None,
    fail: Annotated[
        bool,
        typer.Option(
            "--fail", help="Exit 1 when any claim lacks strong support or cites a retracted work."
        ),
    ] = False,
    unjudged: Annotated[
        bool,
        typer.Option(
            "--unjudged",
            help="Only claims graded on automatic judgements alone (no reviewer judgement, "
            "no override).",
        ),
    ] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """List findings that are not strong and descriptions not confirmed, most asserted first.

    Findings: contradicted, contested, unsupported or weak; descriptions: refuted
    or unchecked. The summary counts each kind apart; with --format json the
    output is {"summary": {kind: {status: count}}, "claims": [...]}.

    Claims citing a retracted work are listed too, whatever their grade (unless --status).

    Example: roa-evidence gaps --route IM --fail
    """
    from dataclasses import replace

    from ..queries import count_by_kind, summary_text
    from ..queries import gaps as find_gaps

    flt = replace(
        claim_filter(route, topic, condition, status=status, all_routes=all_routes),
        unjudged=unjudged,
    )
    with _connection(ctx) as conn:
        found = find_gaps(conn, flt)
    counts = count_by_kind(found)
    if fmt is Format.json:
        _emit_json({"summary": counts, "claims": [claim.to_dict() for claim in found]})
    else:
        _render_claims(
            found,
            fmt,
            "No gaps: every matching finding is strong and every description confirmed.",
            title=f"{len(found)} claims lack strong support: {summary_text(counts)}",
        )
    if fail and found:
        raise typer.Exit(1)


def main() -> None:
    """Console-script entry point."""
    if os.environ.get("NO_COLOR"):
        os.environ.setdefault("TERM", "dumb")
    app()


# Commands that live in their own modules register themselves on `app`.
from . import export as _export  # noqa: E402, F401
from . import retractions as _retractions  # noqa: E402, F401
from . import views as _views  # noqa: E402, F401
