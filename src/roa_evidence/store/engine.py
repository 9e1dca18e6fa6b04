"""The SQLAlchemy engine of a database URL: only the databases roa-evidence supports,
their failures in one sentence, and reads that see one snapshot.

SQLAlchemy is imported on use: finding a database current costs none of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

SUPPORTED_BACKENDS = ("sqlite", "postgresql")


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
            f"cannot use the database URL '{url}' ({exc}); give a file path or a SQLAlchemy URL "
            "such as sqlite:///evidence.db or postgresql+psycopg://host/db"
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
