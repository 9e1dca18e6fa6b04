"""The evidence database: its tables, its state, and a full build of it.

A build is all-or-nothing. For a SQLite file the new database is written to a
temporary file beside it and renamed over the old one, so readers and a killed
load only ever see a complete database. Any other database (PostgreSQL) is
rebuilt inside one transaction under an advisory lock. The store knows nothing
of loading: `refresh` decides what to read and whether to rebuild.

SQLAlchemy is imported only by the code that needs it, so finding the database
current costs a hash of the input files and one read of SQLite's meta table.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import Replacement
from ..errors import StoreError
from ..load.inputs import fingerprint
from .connection import as_db_url, make_engine, sqlite_path
from .sqlitefile import DEFAULT_LOCK_WAIT, os_reason, replaceable

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection, Engine

    from ..load.evidence_base import EvidenceBase
    from ..retractions.retraction_watch import Persisted

SCHEMA_VERSION = "4"  # bump when a table in `tables` changes: older stores are rebuilt
# The advisory lock a load of one schema takes (advisory locks are per database):
# roa-evidence's key and the schema's, so loads into other schemas do not wait for it.
PG_LOCK = "SELECT pg_advisory_xact_lock(947678, hashtext(coalesce(current_schema(), '')))"

Progress = Callable[[str], None]  # told each stage of a load ("reading", "grading"...)


@lru_cache(maxsize=1)
def tables() -> tuple[sa.Table, ...]:
    """The tables in dependency order (parents first), as the SQLModel classes made them."""
    from sqlmodel import SQLModel

    from . import models  # noqa: F401 - defines the SQLModel classes
    from .tables import TABLES

    return tuple(SQLModel.metadata.tables[table.name] for table in TABLES)


@dataclass(frozen=True)
class LoadSummary:
    """What a build wrote."""

    works: int
    claims: int
    links: int
    assertions: int
    rebuilt: bool  # False when only the changed claims files were applied
    changed: tuple[str, ...] = ()  # the input files read again (relative names)
    first: bool = False  # there was no roa-evidence database here before
    notices: int = 0  # imported Retraction Watch records carried into (or written by) a build


class Store:
    """An evidence database: build it from an evidence base, then query it."""

    def __init__(
        self,
        url: str,
        lock_wait: float = DEFAULT_LOCK_WAIT,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.url = as_db_url(url)
        self.path = sqlite_path(self.url)
        self._engine: Engine | None = None
        # how long a build waits for another process's, and whom to tell that it waits
        self.lock_wait = lock_wait
        self.on_wait = on_wait

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
        if self.path is not None:
            return _sqlite_meta(self.path)
        import sqlalchemy as sa

        try:
            with self.engine.connect() as conn:
                rows = conn.execute(sa.text("SELECT key, value FROM meta"))
                return {key: value for key, value in rows}
        except sa.exc.DBAPIError as exc:
            if isinstance(exc, sa.exc.OperationalError) and self.engine.dialect.name != "sqlite":
                raise server_error(exc, self.url) from None  # no server: say so before reading
            return {}

    # -- writing -----------------------------------------------------------

    def build(
        self,
        base: EvidenceBase,
        hashes: dict[str, str],
        progress: Progress | None = None,
        retractions: Persisted | None = None,
    ) -> LoadSummary:
        """Replace the database's content with this evidence base, all or nothing.

        `hashes` are the input files' content hashes (`inputs.file_hashes`), kept
        so that the next load can tell which files changed. The imported
        retraction notices are carried over from the database as it is, unless
        `retractions` replaces them (an import).
        """
        from ..load.rows import layout, table_rows
        from ..retractions.retraction_watch import carried

        data_hash = fingerprint(base.data_dir, hashes)

        def rows_with(kept: Persisted) -> dict[str, list[tuple[Any, ...]]]:
            if progress:
                progress(f"grading {len(base.claims):,} claims")
            rows = table_rows(base, kept.notices)
            rows.update(kept.rows(rows["claim"], layout()["claim"]))
            rows["meta"] = meta_rows(base.data_dir, data_hash, hashes, base.documents_by_file)
            return rows

        if retractions is not None:
            kept = retractions
        else:
            kept = carried(self.path, None if self.path is not None else self.engine)
        rows = rows_with(kept)
        if progress:
            progress(f"writing {sum(len(r) for r in rows.values()):,} rows")
        if self.path is not None:
            self._build_sqlite_file(rows)  # under build_lock: nobody imported meanwhile
        elif retractions is not None:
            self._build_in_transaction(rows, data_hash, replace=True)
        else:
            rows = self._build_in_transaction(rows, data_hash, carried_as=(kept, rows_with))
        return LoadSummary(
            len(rows["work"]),
            len(rows["claim"]),
            len(rows["evidence_link"]),
            len(rows["assertion"]),
            rebuilt=True,
            changed=tuple(hashes),
            notices=len(rows["retraction_notice"]),
        )

    def _build_sqlite_file(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        import sqlalchemy as sa

        assert self.path is not None
        folder = self.path.parent
        if not replaceable(self.path):
            raise StoreError(
                f"{self.path} exists and is not a roa-evidence database, so it was "
                "left alone; choose another file with --db PATH"
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            replacement = Replacement(self.path)
        except OSError as exc:
            raise StoreError(
                f"cannot write the database in {folder} ({os_reason(exc)}); "
                "choose another place with --db PATH"
            ) from None
        os.close(replacement.handle)
        with replacement:
            try:
                engine = sa.create_engine(f"sqlite:///{replacement.temp}")
                try:
                    with engine.begin() as conn:
                        conn.exec_driver_sql("PRAGMA journal_mode=OFF")
                        conn.exec_driver_sql("PRAGMA synchronous=OFF")
                        _create_and_fill(conn, rows)
                finally:
                    engine.dispose()
                replacement.commit()
            except (OSError, sqlite3.Error, sa.exc.DBAPIError) as exc:
                reason = os_reason(exc) if isinstance(exc, OSError) else _first_line(exc)
                raise StoreError(
                    f"cannot write the database {self.path} ({reason}); the previous "
                    "one is unchanged; free some space or choose another place with "
                    "--db"
                ) from None
        self.close()  # connections must see the new file

    def _build_in_transaction(
        self,
        rows: dict[str, list[tuple[Any, ...]]],
        data_hash: str,
        replace: bool = False,
        carried_as: tuple[Persisted, Callable[[Persisted], dict[str, list[tuple[Any, ...]]]]]
        | None = None,
    ) -> dict[str, list[tuple[Any, ...]]]:
        """Write `rows` in one transaction. `replace`: an import, written even if the files
        are unchanged. `carried_as`: the retraction notices the rows were graded with, and
        how to grade again should an import have replaced them while we waited."""
        import sqlalchemy as sa
        from sqlmodel import SQLModel

        from ..retractions.retraction_watch import carried_from_server

        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    lock_server(conn, self.lock_wait, self.on_wait)
                    if not replace and built_from(meta_in(conn), data_hash):
                        return rows  # another load wrote this very content while we waited
                    if carried_as is not None:
                        kept, rows_with = carried_as
                        now = carried_from_server(conn)
                        if now.facts != kept.facts:
                            rows = rows_with(now)  # an import ran meanwhile: keep its notices
                # work_flag (quality flags; never read, now gone) refers to work
                conn.exec_driver_sql("DROP TABLE IF EXISTS work_flag")
                SQLModel.metadata.drop_all(conn, tables=list(reversed(tables())))
                _create_and_fill(conn, rows)
        except sa.exc.DBAPIError as exc:
            raise server_error(exc, self.url) from None
        return rows


def lock_server(
    conn: Connection,
    wait: float = DEFAULT_LOCK_WAIT,
    on_wait: Callable[[str], None] | None = None,
) -> None:
    """Wait (up to `wait` seconds) until no other load writes this schema; `on_wait` is
    told at once when another one does."""
    if conn.exec_driver_sql(PG_LOCK.replace("pg_advisory", "pg_try_advisory")).scalar():
        return
    if on_wait is not None:
        on_wait(
            "another roa-evidence load is writing this database; waiting up to "
            f"{wait:g} s (--wait SECONDS)"
        )
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{max(1, round(wait * 1000))}ms'")
    conn.exec_driver_sql(PG_LOCK)


def server_error(exc: Exception, url: str | None = None) -> StoreError:
    """A database's error as one sentence (the driver's first line, never the SQL); a
    missing schema or database is named, with the command that creates it."""
    reason = str(getattr(exc, "orig", exc))
    if "database is locked" in reason:
        return StoreError(
            "the database is busy: another process holds a lock on it (database is "
            "locked); nothing was changed; run again when that process is done, and do not "
            "move it away: it holds the imported retraction notices"
        )
    if "lock timeout" in reason:
        return StoreError(
            "another load has been writing this database for longer than --wait allows; "
            "nothing was changed; run again when it is done, or wait longer with "
            "--wait SECONDS"
        )
    if isinstance(getattr(exc, "orig", exc), sqlite3.Error):
        return StoreError(
            f"cannot read the SQLite database ({_first_line(exc)}); nothing was changed; run "
            "again, and if it keeps failing, check the disk it is on"
        )
    missing = missing_on_server(reason, url)
    if missing is not None:
        return StoreError(missing)
    return StoreError(
        f"cannot use the database server ({_first_line(exc)}); "
        "check the --db URL and that the server is running"
    )


def missing_on_server(reason: str, url: str | None) -> str | None:
    """'the schema X does not exist ...' for a server error that says so, else None."""
    import re

    from sqlalchemy.engine import make_url

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


def built_from(meta: dict[str, str], data_hash: str) -> bool:
    """True when a database with this meta was built from this content by this version."""
    return meta.get("schema_version") == SCHEMA_VERSION and meta.get("data_hash") == data_hash


def meta_in(conn: Connection) -> dict[str, str]:
    """The meta table's facts inside a transaction, or {} if there is none yet."""
    if conn.exec_driver_sql("SELECT to_regclass('meta')").scalar() is None:
        return {}
    return {key: value for key, value in conn.exec_driver_sql("SELECT key, value FROM meta")}


def _sqlite_meta(path: Path) -> dict[str, str]:
    """A SQLite database's meta table, read with the standard library (no SQLAlchemy)."""
    if not path.is_file():
        return {}
    try:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            return dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error as exc:
        if "locked" in str(exc):  # busy, not foreign: a rebuild now would wait on it again
            raise server_error(exc) from None
        return {}


def meta_rows(
    data_dir: Path, data_hash: str, hashes: dict[str, str], documents_by_file: dict[str, list[str]]
) -> list[tuple[Any, ...]]:
    """The meta table: schema version, content hashes (overall and per file), and each
    claims file's `documents:` list, which an incremental load needs."""
    rows: list[tuple[Any, ...]] = [
        ("schema_version", SCHEMA_VERSION),
        ("data_hash", data_hash),
        ("data_dir", str(data_dir.resolve())),
    ]
    rows += [(f"input:{name}", file_hash) for name, file_hash in hashes.items()]
    rows += [(f"documents:{name}", json.dumps(keys)) for name, keys in documents_by_file.items()]
    return rows


def _create_and_fill(conn: Connection, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    """Tables, then their rows, then indexes: building an index once beats growing it."""
    from sqlalchemy.schema import CreateIndex, CreateTable

    for table in tables():
        conn.execute(CreateTable(table))
    _insert_all(conn, rows)
    for table in tables():
        for index in sorted(table.indexes, key=lambda index: str(index.name)):
            conn.execute(CreateIndex(index))


def _insert_all(conn: Connection, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    insert_rows(cursor, conn.dialect.name == "postgresql", rows)


def insert_rows(
    cursor: Any,
    postgres: bool,
    rows: dict[str, list[tuple[Any, ...]]],
    layout: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Bulk-insert rows through a DB-API cursor: COPY on PostgreSQL, executemany on SQLite;
    `layout` gives each table's columns, parents first (default: `build.layout()`)."""
    if layout is None:
        from ..load.rows import layout as build_layout

        layout = build_layout()
    for name, columns in layout.items():
        table_rows = rows.get(name)
        if not table_rows:
            continue
        if postgres:
            with cursor.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in table_rows:
                    copy.write_row(row)
            continue
        placeholders = ", ".join("?" for _ in columns)
        cursor.executemany(
            f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({placeholders})", table_rows
        )


def _first_line(exc: BaseException) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0]
