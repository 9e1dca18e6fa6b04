"""The SQLAlchemy engine of a database URL: only the databases roa-evidence supports,
their failures in one sentence, and reads that see one snapshot.

SQLAlchemy is imported on use: finding a database current costs none of it.
"""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING, Any

from ..errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
# What libpq, psql and most hosting services call a PostgreSQL URL.
_POSTGRES_SCHEMES = frozenset({"postgres", "postgresql"})


def with_driver(url: str) -> str:
    """A PostgreSQL URL as libpq spells it, through psycopg 3; any other URL as it is."""
    scheme, separator, rest = url.partition("://")
    if separator and scheme in _POSTGRES_SCHEMES:
        return f"postgresql+psycopg://{rest}"
    return url


def read_one_snapshot(conn: Connection) -> None:
    """Make every later read on `conn` see one snapshot, so that a concurrent rebuild
    between batches cannot mix two versions of the evidence base (a SQLite file's swap by
    rename already leaves an open connection on the old file)."""
    if conn.dialect.name != "sqlite" and not conn.in_transaction():
        conn.execution_options(isolation_level="REPEATABLE READ")


def make_engine(url: str) -> Engine:
    import sqlalchemy as sa  # lazy: see the module's docstring

    try:
        backend = sa.engine.make_url(url).get_backend_name()
    except (sa.exc.ArgumentError, ValueError) as exc:
        raise StoreError(
            f"--db '{url}' is not a database URL ({exc}); give a SQLite file path, or a URL "
            "such as postgresql+psycopg://host/db"
        ) from None
    if backend not in SUPPORTED_BACKENDS:
        raise StoreError(
            f"--db names a {backend} database, which roa-evidence does not support; it "
            "keeps its database in SQLite (a file path) or PostgreSQL "
            "(postgresql+psycopg://host/db)"
        )
    try:
        engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise StoreError(
            f"cannot use the database URL '{url}' ({exc}); give a file path or a URL such as "
            "sqlite:///evidence.db or postgresql://user@host/db"
        ) from None
    except ModuleNotFoundError as exc:
        raise StoreError(
            f"the driver for '{url}' is not installed ({exc.name}); install it, e.g. "
            "pip install 'roa-evidence[postgres]'"
        ) from None
    if engine.dialect.name == "sqlite":
        _read_in_one_transaction(engine)
    return engine


def _read_in_one_transaction(engine: Engine) -> None:
    """Make every SQLite connection begin a real transaction, so that the several SELECTs
    of one query read one snapshot: an incremental load commits in place, and Python's
    sqlite3 would otherwise run each SELECT on its own (SQLAlchemy's documented recipe)."""
    from sqlalchemy import event  # lazy: see the module's docstring

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")


def first_line(exc: BaseException) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0]


def database_error(exc: Exception, url: str | None = None) -> StoreError:
    """A database's error as one sentence (the driver's first line, never the SQL); a
    missing schema or database is named, with the command that creates it."""
    reason = str(getattr(exc, "orig", exc))
    if "database is locked" in reason:
        return StoreError(
            "the database is busy: another process holds a lock on it (database is "
            "locked); nothing was changed; run again when that process is done, and do "
            "not move it away: it holds the imported retraction notices"
        )
    if "lock timeout" in reason:
        return StoreError(
            "another load has been writing this database for longer than --wait allows; "
            "nothing was changed; run again when it is done, or wait longer with "
            "--wait SECONDS"
        )
    if isinstance(getattr(exc, "orig", exc), sqlite3.Error):
        return StoreError(
            f"cannot read the SQLite database ({first_line(exc)}); nothing was changed; "
            "run again, and if it keeps failing, check the disk it is on"
        )
    missing = missing_on_server(reason, url)
    if missing is not None:
        return StoreError(missing)
    return StoreError(
        f"cannot use the database server ({first_line(exc)}); "
        "check the --db URL and that the server is running"
    )


def missing_on_server(reason: str, url: str | None) -> str | None:
    """'the schema X does not exist ...' for a server error that says so, else None."""
    from sqlalchemy.engine import make_url  # lazy: SQLAlchemy on use (module docstring)

    if url is None:
        return None
    parsed = make_url(url)
    where = f"-h {parsed.host or 'localhost'} -p {parsed.port or 5432} -U {parsed.username or ''}"
    database = re.search(r'database "([^"]+)" does not exist', reason)
    if database:
        return (
            f"the database {database[1]} does not exist on the server {parsed.host}; create it "
            f"with `createdb {where} {database[1]}`, then run the command again"
        )
    if "no schema has been selected" in reason or re.search(r'schema "[^"]+" does not', reason):
        path = re.search(r"search_path\s*=\s*([^\s,&]+)", str(parsed.query.get("options", "")))
        schema = path[1] if path else "public"
        return (
            f"the schema {schema} does not exist in the database {parsed.database}; create it "
            f'with `psql {where} -d {parsed.database} -c "CREATE SCHEMA {schema}"`, then run '
            "the command again"
        )
    return None
