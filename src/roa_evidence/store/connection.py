"""Where the database is and how to connect to it: URLs, SQLite files, engines."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine


def default_db_url(data_dir: Path) -> str:
    """A per-evidence-base SQLite file in the user's cache folder."""
    import platformdirs

    cache = Path(platformdirs.user_cache_dir("roa-evidence", appauthor=False))
    tag = hashlib.blake2b(str(data_dir.resolve()).encode(), digest_size=6).hexdigest()
    return f"sqlite:///{cache / f'{data_dir.resolve().name}-{tag}.sqlite'}"


def as_db_url(value: str) -> str:
    """A database as `--db` names it: a SQLAlchemy URL as it is, a plain file path as the
    SQLite URL of that file (`evidence.db` -> `sqlite:////abs/evidence.db`)."""
    scheme, separator, rest = value.partition("://")
    if separator and scheme in _POSTGRES_SCHEMES:
        return f"postgresql+psycopg://{rest}"  # libpq's spellings, through psycopg 3
    if "://" in value or value.startswith("sqlite:"):
        return value
    return f"sqlite:///{Path(value).expanduser().absolute()}"


# What libpq, psql and most hosting services call a PostgreSQL URL.
_POSTGRES_SCHEMES = frozenset({"postgres", "postgresql"})


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.split("+")[0] != "sqlite":
        return None
    database = rest.removeprefix("/").split("?")[0]
    if database in ("", ":memory:"):
        return None
    return Path(database)


SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def make_engine(url: str) -> Engine:
    import sqlalchemy as sa

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
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")
