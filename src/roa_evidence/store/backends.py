"""The databases a store can live in, behind one small interface.

A store needs five things of a database: the facts of its build (`meta`), the
imported retraction notices to carry into a rebuild (`carried`), a whole build
written all or nothing (`replace`), a transaction for an incremental change
(`change`, through a `Writer`), and its failures said in one sentence.

- `SQLiteFile` writes a new file beside the old one and renames it into place, so
  readers and a killed load only ever see a complete database;
- `PostgreSQL` rebuilds inside one transaction under an advisory lock, so loads of
  one schema take turns;
- `InTransaction`, the base of the latter, serves any other database SQLAlchemy
  reaches (such as an in-memory SQLite).

Everything that differs between databases is here; `backend_for(url)` picks one.
SQLAlchemy is imported only by the code that needs it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import Replacement
from ..errors import StoreError
from ..retractions.retraction_watch import Persisted, carry_queries, persisted
from .connection import sqlite_path
from .engine import database_error, first_line, make_engine
from .meta import built_from
from .sqlitefile import DEFAULT_LOCK_WAIT, os_reason, replaceable

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

Row = tuple[Any, ...]
Rows = dict[str, list[Row]]  # table -> its rows, laid out in its columns' order
Layout = Mapping[str, Sequence[str]]  # table -> the columns a load writes, in order
RowsFor = Callable[[Persisted], Rows]  # a build's rows, given the notices it carries

# The advisory lock a load of one schema takes (advisory locks are per database):
# roa-evidence's key and the schema's, so loads into other schemas do not wait for it.
PG_LOCK = "SELECT pg_advisory_xact_lock(947678, hashtext(coalesce(current_schema(), '')))"
OnWait = Callable[[str], None]  # told at once when a build waits for another process's


class ChangeRefused(Exception):
    """This change cannot be made in place; rebuild instead (which says why, if anything
    is wrong)."""


class Writer:
    """A DB-API cursor inside a transaction, with `?` parameters on any backend."""

    def __init__(self, cursor: Any, backend: Backend) -> None:
        self.cursor = cursor
        self.backend = backend

    def run(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        self.cursor.execute(self.backend.sql(sql), params)

    def many(self, sql: str, rows: list[Row]) -> None:
        if rows:
            self.cursor.executemany(self.backend.sql(sql), rows)

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        self.cursor.execute(self.backend.sql(sql), params)
        return [tuple(row) for row in self.cursor.fetchall()]

    def layout(self, *tables: str) -> dict[str, tuple[str, ...]]:
        """The columns a load writes to each of `tables`, in the database's own order
        (it was built from `tables` at this schema version): all but a serial id."""
        return {table: self.backend.columns(self, table) for table in tables}

    def insert(self, rows: Rows, layout: Layout) -> None:
        self.backend.insert(self.cursor, rows, layout)


class Backend:
    """What a store needs of a database (SQLite's dialect of it, by default)."""

    path: Path | None = None  # the file, for a database that is one

    def __init__(
        self, url: str, lock_wait: float = DEFAULT_LOCK_WAIT, on_wait: OnWait | None = None
    ) -> None:
        self.url = url
        self.lock_wait = lock_wait  # seconds a build waits for another process's
        self.on_wait = on_wait
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

    def error(self, exc: Exception) -> StoreError:
        return database_error(exc, self.url)

    def meta(self) -> dict[str, str]:
        """The build's facts, or {} when the database does not exist or is not ours."""
        raise NotImplementedError

    def carried(self) -> Persisted:
        """The retraction tables as they are, to carry into a rebuild."""
        raise NotImplementedError

    def replace(
        self, rows_for: RowsFor, data_hash: str, imported: Persisted | None, announce: Any
    ) -> Rows:
        """Replace the whole content, all or nothing, with `rows_for(the notices kept)`
        (`imported`: an import's notices instead); the rows written."""
        raise NotImplementedError

    def change(self, meta: dict[str, str]) -> contextlib.AbstractContextManager[Writer]:
        """A transaction for changing the database in place, as it was when it said
        `meta`; raises ChangeRefused when that cannot be done."""
        raise NotImplementedError

    def sql(self, sql: str) -> str:
        return sql

    def columns(self, writer: Writer, table: str) -> tuple[str, ...]:
        # PRAGMA table_info: name, type, primary key; a serial is the INTEGER primary key
        return tuple(
            name
            for _, name, kind, _, _, key in writer.rows(f"PRAGMA table_info({table})")
            if not (key and kind.upper() == "INTEGER")
        )

    def insert(self, cursor: Any, rows: Rows, layout: Layout) -> None:
        """Bulk-insert rows, parents first, through a DB-API cursor."""
        for name, columns in layout.items():
            if rows.get(name):
                marks = ", ".join("?" for _ in columns)
                sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})"
                cursor.executemany(self.sql(sql), rows[name])

    def create_and_fill(self, conn: Connection, rows: Rows) -> None:
        """Tables, then their rows, then indexes: building an index once beats growing it."""
        from sqlalchemy.schema import CreateIndex, CreateTable  # lazy

        from .models import created_tables  # lazy: SQLAlchemy on use (module docstring)
        from .tables import layout  # lazy: SQLAlchemy on use (module docstring)

        for table in created_tables():
            conn.execute(CreateTable(table))
        self.insert(conn.connection.driver_connection.cursor(), rows, layout())  # type: ignore[union-attr]
        for table in created_tables():
            for index in sorted(table.indexes, key=lambda index: str(index.name)):
                conn.execute(CreateIndex(index))


class SQLiteFile(Backend):
    """A SQLite file, replaced whole by renaming a new one over it."""

    def __init__(
        self,
        url: str,
        path: Path,
        lock_wait: float = DEFAULT_LOCK_WAIT,
        on_wait: OnWait | None = None,
    ) -> None:
        super().__init__(url, lock_wait, on_wait)
        self.path = self.file = path

    def meta(self) -> dict[str, str]:
        # read with the standard library: finding the database current imports no SQLAlchemy
        if not self.file.is_file():
            return {}
        try:
            with contextlib.closing(sqlite3.connect(self.file)) as conn:
                return dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            if "locked" in str(exc):  # busy, not foreign: a rebuild now would wait on it again
                raise self.error(exc) from None
            return {}

    def carried(self) -> Persisted:
        if not self.file.is_file():
            return Persisted()
        try:
            with contextlib.closing(sqlite3.connect(self.file)) as lite:
                tables = {name for (name,) in lite.execute("SELECT name FROM sqlite_master")}
                if "retraction_notice" not in tables:
                    return Persisted()  # built before retractions existed
                return persisted(
                    {k: lite.execute(q).fetchall() for k, q in carry_queries().items()}
                )
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc):
                return Persisted()  # not ours: the build refuses to replace it, and says so
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(
                    f"the database {self.file} is busy: another process holds a lock on it "
                    f"({exc}); nothing was changed; run again when that process is done"
                ) from None
            raise StoreError(
                f"cannot read the imported retraction notices in {self.file} ({exc}); the "
                "database was left as it is; move it away to rebuild without them, then run "
                "roa-evidence retractions import FILE.csv again"
            ) from None

    def replace(
        self, rows_for: RowsFor, data_hash: str, imported: Persisted | None, announce: Any
    ) -> Rows:
        # under build_lock: nobody imported notices meanwhile
        rows = rows_for(imported or self.carried())
        announce(rows)
        import sqlalchemy as sa  # lazy: SQLAlchemy on use (module docstring)

        folder = self.file.parent
        if not replaceable(self.file):
            raise StoreError(
                f"{self.file} exists and is not a roa-evidence database, so it was "
                "left alone; choose another file with --db PATH"
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            replacement = Replacement(self.file)
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
                        self.create_and_fill(conn, rows)
                finally:
                    engine.dispose()
                replacement.commit()
            except (OSError, sqlite3.Error, sa.exc.DBAPIError) as exc:
                reason = os_reason(exc) if isinstance(exc, OSError) else first_line(exc)
                raise StoreError(
                    f"cannot write the database {self.file} ({reason}); the previous "
                    "one is unchanged; free some space or choose another place with "
                    "--db"
                ) from None
        self.close()  # connections must see the new file
        return rows

    @contextlib.contextmanager
    def change(self, meta: dict[str, str]) -> Iterator[Writer]:
        # the standard library's sqlite3: an incremental load imports no SQLAlchemy
        lite = sqlite3.connect(self.file, isolation_level=None)
        try:
            lite.execute("BEGIN IMMEDIATE")
            try:
                yield Writer(lite.cursor(), self)
            except BaseException:
                lite.execute("ROLLBACK")
                raise
            lite.execute("COMMIT")
        except sqlite3.Error as exc:
            raise ChangeRefused from exc  # the full build reports what is wrong with the file
        finally:
            lite.close()


class InTransaction(Backend):
    """A database reached through its engine, rebuilt inside one transaction."""

    def meta(self) -> dict[str, str]:
        import sqlalchemy as sa  # lazy: SQLAlchemy on use (module docstring)

        try:
            with self.engine.connect() as conn:
                return {
                    key: value
                    for key, value in conn.execute(sa.text("SELECT key, value FROM meta"))
                }
        except sa.exc.DBAPIError as exc:
            if isinstance(exc, sa.exc.OperationalError) and self.engine.dialect.name != "sqlite":
                raise self.error(exc) from None  # no server: say so before reading any file
            return {}

    def carried(self) -> Persisted:
        import sqlalchemy as sa  # lazy: SQLAlchemy on use (module docstring)

        try:
            with self.engine.connect() as conn:
                return self.carried_in(conn)
        except sa.exc.DBAPIError:
            return Persisted()  # no database yet: the build reports what is wrong

    def carried_in(self, conn: Connection) -> Persisted:
        if not self.has_table(conn, "retraction_notice"):
            return Persisted()
        found = {
            k: [tuple(row) for row in conn.exec_driver_sql(q)] for k, q in carry_queries().items()
        }
        return persisted(found)

    def has_table(self, conn: Connection, name: str) -> bool:
        import sqlalchemy as sa  # lazy: SQLAlchemy on use (module docstring)

        return sa.inspect(conn).has_table(name)

    def meta_in(self, conn: Connection) -> dict[str, str]:
        """The meta table's facts inside a transaction, or {} if there is none yet."""
        if not self.has_table(conn, "meta"):
            return {}
        return {key: value for key, value in conn.exec_driver_sql("SELECT key, value FROM meta")}

    def settle(self, conn: Connection) -> bool:
        """Wait for this database to be ours to write; True when another load may have
        written it meanwhile (so what it holds must be read again)."""
        return False

    def replace(
        self, rows_for: RowsFor, data_hash: str, imported: Persisted | None, announce: Any
    ) -> Rows:
        import sqlalchemy as sa  # lazy: SQLAlchemy on use (module docstring)
        from sqlmodel import SQLModel  # lazy: SQLAlchemy on use (module docstring)

        from .models import created_tables  # lazy: SQLAlchemy on use (module docstring)

        kept = imported or self.carried()
        rows = rows_for(kept)
        announce(rows)
        try:
            with self.engine.begin() as conn:
                if self.settle(conn):
                    if imported is None and built_from(self.meta_in(conn), data_hash):
                        return rows  # another load wrote this very content while we waited
                    if imported is None and (now := self.carried_in(conn)).facts != kept.facts:
                        rows = rows_for(now)  # an import ran meanwhile: keep its notices
                # work_flag (quality flags; never read, now gone) refers to work
                conn.exec_driver_sql("DROP TABLE IF EXISTS work_flag")
                SQLModel.metadata.drop_all(conn, tables=list(reversed(created_tables())))
                self.create_and_fill(conn, rows)
        except sa.exc.DBAPIError as exc:
            raise self.error(exc) from None
        return rows

    @contextlib.contextmanager
    def change(self, meta: dict[str, str]) -> Iterator[Writer]:
        import sqlalchemy as sa  # lazy: SQLAlchemy on use (module docstring)

        try:
            with self.engine.begin() as conn:
                self.settle(conn)
                if self.meta_in(conn) != meta:
                    raise ChangeRefused  # another load changed it while we waited
                yield Writer(conn.connection.driver_connection.cursor(), self)  # type: ignore[union-attr]
        except sa.exc.DBAPIError as exc:
            raise self.error(exc) from None


class PostgreSQL(InTransaction):
    """A PostgreSQL schema: loads take turns under an advisory lock; rows go in by COPY."""

    def has_table(self, conn: Connection, name: str) -> bool:
        # in the schema the search path names, as the queries see it
        return conn.exec_driver_sql(f"SELECT to_regclass('{name}')").scalar() is not None

    def settle(self, conn: Connection) -> bool:
        """Wait (up to `lock_wait` seconds) until no other load writes this schema;
        `on_wait` is told at once when another one does."""
        if conn.exec_driver_sql(PG_LOCK.replace("pg_advisory", "pg_try_advisory")).scalar():
            return True
        if self.on_wait is not None:
            self.on_wait(
                "another roa-evidence load is writing this database; waiting up to "
                f"{self.lock_wait:g} s (--wait SECONDS)"
            )
        timeout = max(1, round(self.lock_wait * 1000))
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{timeout}ms'")
        conn.exec_driver_sql(PG_LOCK)
        return True

    def sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def columns(self, writer: Writer, table: str) -> tuple[str, ...]:
        found = writer.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = ? AND coalesce(column_default, '') "
            "NOT LIKE 'nextval(%%' ORDER BY ordinal_position",
            (table,),
        )
        return tuple(name for (name,) in found)

    def insert(self, cursor: Any, rows: Rows, layout: Layout) -> None:
        for name, columns in layout.items():
            if rows.get(name):
                with cursor.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows[name]:
                        copy.write_row(row)


def backend_for(
    url: str, lock_wait: float = DEFAULT_LOCK_WAIT, on_wait: OnWait | None = None
) -> Backend:
    """The backend of a database URL (as `connection.as_db_url` gives it)."""
    path = sqlite_path(url)
    if path is not None:
        return SQLiteFile(url, path, lock_wait, on_wait)
    if url.split("://", 1)[0].split("+")[0] in ("postgresql", "postgres"):
        return PostgreSQL(url, lock_wait, on_wait)
    return InTransaction(url, lock_wait, on_wait)
