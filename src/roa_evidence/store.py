"""The database: where it lives, how it is (re)built, and the queries on it.

A build is all-or-nothing. For a SQLite file the new database is written to a
temporary file beside it and renamed over the old one, so readers and a killed
load only ever see a complete database. Any other database (PostgreSQL) is
rebuilt inside one transaction under an advisory lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from . import models
from .build import COLUMNS, table_rows
from .errors import StoreError
from .load import EvidenceBase, fingerprint, read_evidence_base

# Tables in dependency order: parents first.
TABLES: tuple[sa.Table, ...] = tuple(
    SQLModel.metadata.tables[name]
    for name in ("work", "work_flag", "claim", "claim_route", "assertion", "evidence_link", "meta")
)
_PG_LOCK_ID = 0x0E71DE  # pg_advisory_xact_lock key shared by every roa-evidence load


def default_data_dir() -> Path:
    """The evidence base shipped inside the package (or the checkout's, run from source)."""
    packaged = Path(__file__).parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def default_db_url(data_dir: Path) -> str:
    """A per-evidence-base SQLite file in the user's cache folder."""
    import platformdirs

    cache = Path(platformdirs.user_cache_dir("roa-evidence", appauthor=False))
    tag = hashlib.blake2b(str(data_dir.resolve()).encode(), digest_size=6).hexdigest()
    return f"sqlite:///{cache / f'{data_dir.resolve().name}-{tag}.sqlite'}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    try:
        engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise StoreError(f"cannot use the database URL '{url}' ({exc}); give a SQLAlchemy URL "
                         "such as sqlite:///evidence.db or postgresql+psycopg://host/db") from None
    except ModuleNotFoundError as exc:
        raise StoreError(f"the driver for '{url}' is not installed ({exc.name}); install it, e.g. "
                         "pip install 'roa-evidence[postgres]'") from None
    return engine


@dataclass(frozen=True)
class LoadSummary:
    """What a build wrote."""

    works: int
    claims: int
    links: int
    assertions: int
    rebuilt: bool


class Store:
    """An evidence database: build it from an evidence base, then query it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = sqlite_path(url)
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    # -- state -------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        """The build's facts, or {} when the database does not exist or is not ours."""
        if self.path is not None and not self.path.exists():
            return {}
        try:
            with self.engine.connect() as conn:
                return {key: value for key, value in conn.execute(sa.text("SELECT key, value FROM meta"))}
        except sa.exc.DBAPIError:
            return {}

    def is_current(self, data_dir: Path, data_hash: str | None = None) -> bool:
        meta = self.meta()
        return (meta.get("schema_version") == models.SCHEMA_VERSION
                and meta.get("data_hash") == (data_hash or fingerprint(data_dir)))

    # -- writing -----------------------------------------------------------

    def build(self, base: EvidenceBase, data_hash: str) -> LoadSummary:
        """Replace the database's content with this evidence base, all or nothing."""
        rows = table_rows(base)
        rows["meta"] = [("schema_version", models.SCHEMA_VERSION), ("data_hash", data_hash),
                        ("data_dir", str(base.data_dir.resolve()))]
        if self.path is not None:
            self._build_sqlite_file(rows)
        else:
            self._build_in_transaction(rows)
        return LoadSummary(len(rows["work"]), len(rows["claim"]), len(rows["evidence_link"]),
                           len(rows["assertion"]), rebuilt=True)

    def _build_sqlite_file(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        assert self.path is not None
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                                 dir=folder)
        except OSError as exc:
            raise StoreError(f"cannot write the database in {folder} ({exc.strerror}); "
                             "choose another place with --db sqlite:///PATH") from None
        os.close(handle)
        temp = Path(temp_name)
        try:
            engine = sa.create_engine(f"sqlite:///{temp}")
            try:
                with engine.begin() as conn:
                    conn.exec_driver_sql("PRAGMA journal_mode=OFF")
                    conn.exec_driver_sql("PRAGMA synchronous=OFF")
                    SQLModel.metadata.create_all(conn, tables=list(TABLES))
                    _insert_all(conn, rows)
            finally:
                engine.dispose()
            with open(temp, "rb+") as written:
                os.fsync(written.fileno())
            os.replace(temp, self.path)
        except OSError as exc:
            raise StoreError(f"cannot write the database {self.path} ({exc.strerror}); "
                             "free some space or choose another place with --db") from None
        finally:
            temp.unlink(missing_ok=True)
        self.close()  # connections must see the new file

    def _build_in_transaction(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_ID})")
                SQLModel.metadata.drop_all(conn, tables=list(reversed(TABLES)))
                SQLModel.metadata.create_all(conn, tables=list(TABLES))
                _insert_all(conn, rows)
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"cannot write the database ({_first_line(exc)}); "
                             "check the --db URL and that the server is running") from None


def _insert_all(conn: Connection, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    for table in TABLES:
        table_rows = rows.get(table.name)
        if not table_rows:
            continue
        columns = COLUMNS.get(table.name, ("key", "value"))
        if conn.dialect.name == "postgresql":
            _copy_rows(conn, table.name, columns, table_rows)
            continue
        placeholders = ", ".join("?" for _ in columns)
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.executemany(
            f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})", table_rows
        )


def _copy_rows(conn: Connection, table: str, columns: tuple[str, ...],
               rows: list[tuple[Any, ...]]) -> None:
    """PostgreSQL's bulk path: COPY FROM STDIN through psycopg 3."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


@contextlib.contextmanager
def _build_lock(store: Store) -> Iterator[None]:
    """One build at a time per SQLite file: a second load waits, then finds it current.

    PostgreSQL builds serialise on an advisory lock inside their transaction.
    """
    if store.path is None:
        yield
        return
    lock_path = store.path.with_name(store.path.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(lock_path, "a")  # noqa: SIM115 - held across the yield
    except OSError as exc:
        raise StoreError(f"cannot write beside the database {store.path} ({exc.strerror}); "
                         "choose a writable place with --db sqlite:///PATH") from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _first_line(exc: BaseException) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0]


def refresh(store: Store, data_dir: Path, force: bool = False) -> LoadSummary | None:
    """Rebuild the store from `data_dir` if its files changed (or `force`); else None."""
    data_hash = fingerprint(data_dir)
    if not force and store.is_current(data_dir, data_hash):
        return None
    with _build_lock(store):
        if not force and store.is_current(data_dir, data_hash):
            return None  # another process built it while we waited
        base = read_evidence_base(data_dir)
        return store.build(base, data_hash)
