"""Apply only the changed claims files to a database that holds the rest.

Grades depend on a claim, the works it cites and the grading settings, so when
studies.bib and grading.toml are unchanged, a changed claims file only needs
its own claims read, graded and replaced. The works are taken from the
database; the `documents:` lists and content hashes of the other files from
its meta table. Everything happens in one transaction (SQLite's own, through
the standard library; PostgreSQL's under the load lock), so a failure or a
kill leaves the previous database as it was.

Whenever the changed files have any problem, or the change is not one this
module handles (a removed document, a claim moved between files...), `update`
returns None and the caller rebuilds from scratch, which reports every problem
with its line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..store.database import (
    SCHEMA_VERSION,
    LoadSummary,
    Progress,
    Store,
    insert_rows,
    lock_server,
    meta_in,
    meta_rows,
    server_error,
)
from .inputs import GRADING_NAME, VOCABULARY_NAME, fingerprint


class _Fallback(Exception):
    """This change needs a full rebuild."""


class _Database:
    """A DB-API cursor in a transaction, with `?` parameters on either backend."""

    def __init__(self, cursor: Any, postgres: bool) -> None:
        self.cursor = cursor
        self.postgres = postgres

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def run(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        self.cursor.execute(self._sql(sql), params)

    def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self.cursor.executemany(self._sql(sql), rows)

    def layout(self, *tables: str) -> dict[str, tuple[str, ...]]:
        """The columns a load writes to each of `tables`, in the database's own order
        (it was built from `tables` at this schema version): all but a serial id."""
        found = {}
        for table in tables:
            if self.postgres:
                columns = self.rows(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                    "current_schema() AND table_name = ? AND coalesce(column_default, '') "
                    "NOT LIKE 'nextval(%%' ORDER BY ordinal_position",
                    (table,),
                )
            else:  # name, type, primary key: a serial is the INTEGER primary key
                columns = [
                    (name,)
                    for _, name, kind, _, _, key in self.rows(f"PRAGMA table_info({table})")
                    if not (key and kind.upper() == "INTEGER")
                ]
            found[table] = tuple(name for (name,) in columns)
        return found

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        self.cursor.execute(self._sql(sql), params)
        return [tuple(row) for row in self.cursor.fetchall()]


def update(
    store: Store,
    data_dir: Path,
    meta: dict[str, str],
    hashes: dict[str, str],
    progress: Progress | None = None,
) -> LoadSummary | None:
    """Apply the changed claims files; None when a full rebuild is needed instead."""
    old = {
        key.removeprefix("input:"): value for key, value in meta.items() if key.startswith("input:")
    }
    if meta.get("schema_version") != SCHEMA_VERSION or not old:
        return None
    changed = [name for name, value in hashes.items() if old.get(name) != value]
    removed = [name for name in old if name not in hashes]
    if not changed and not removed:
        return None
    if not all(name.endswith(".yaml") for name in changed + removed) or VOCABULARY_NAME in (
        changed + removed
    ):
        return None  # studies.bib, grading.toml or the vocabulary changed: reread everything

    from .read import read_claims_fast

    if progress:
        progress(f"reading {len(changed)} changed claims file{'s' * (len(changed) != 1)}")
    read = {}
    for name in changed:
        claims_file = read_claims_fast(data_dir / name)
        if claims_file is None:
            return None  # the full read says what is wrong, and where
        read[name] = claims_file
    try:
        with _transaction(store, meta) as db:
            return _apply(db, data_dir, meta, hashes, changed + removed, read, progress)
    except _Fallback:
        return None


@contextlib.contextmanager
def _transaction(store: Store, meta: dict[str, str]) -> Iterator[_Database]:
    if store.path is not None:
        lite = sqlite3.connect(store.path, isolation_level=None)
        try:
            lite.execute("BEGIN IMMEDIATE")
            try:
                yield _Database(lite.cursor(), postgres=False)
            except BaseException:
                lite.execute("ROLLBACK")
                raise
            lite.execute("COMMIT")
        except sqlite3.Error as exc:
            raise _Fallback from exc  # the full build reports what is wrong with the file
        finally:
            lite.close()
        return
    import sqlalchemy as sa

    try:
        with store.engine.begin() as conn:
            lock_server(conn, store.lock_wait, store.on_wait)
            if meta_in(conn) != meta:
                raise _Fallback  # another load changed it while we waited
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            yield _Database(cursor, postgres=True)
    except sa.exc.DBAPIError as exc:
        raise server_error(exc, store.url) from None


def _apply(
    db: _Database,
    data_dir: Path,
    meta: dict[str, str],
    hashes: dict[str, str],
    replaced: list[str],
    read: dict[str, Any],
    progress: Progress | None,
) -> LoadSummary:
    from .. import grading
    from .crosscheck import claim_problems
    from .datafile import read_config
    from .rows import claim_rows

    config = grading.DEFAULT_CONFIG
    if GRADING_NAME in hashes:
        config, problems = read_config(data_dir / GRADING_NAME)
        if problems:
            raise _Fallback
    from ..retractions.notices import Notice

    notices: dict[str, list[Notice]] = {}
    for key, origin, nature, date, notice_doi, reason, record_id in db.rows(
        "SELECT work_key, origin, nature, date, notice_doi, reason, record_id "
        "FROM work_notice ORDER BY work_key, position"
    ):
        notices.setdefault(key, []).append(
            Notice(nature, date, notice_doi, reason, origin, record_id)
        )
    studies: dict[str, grading.Study] = {}
    for key, design, n, blinding, routes, condition, quality, verification in db.rows(
        "SELECT key, design, n, blinding, routes, condition, quality, verification FROM work"
    ):
        studies[key] = grading.Study(
            key=key,
            design=design,
            n=n,
            blinding=blinding,
            routes=frozenset(_split(routes)),
            condition=condition,
            quality=frozenset(_split(quality)),
            verification=verification,
            notices=tuple(notices.get(key, ())),
        )

    claim_files = [name for name in hashes if name.endswith(".yaml")]
    documents_by_file = {
        name: read[name].documents
        if name in read
        else json.loads(meta.get(f"documents:{name}", "[]"))
        for name in claim_files
    }
    documents_by_file = {name: keys for name, keys in documents_by_file.items() if keys}
    listed = list(dict.fromkeys(key for keys in documents_by_file.values() for key in keys))
    was_listed = [key for key, _ in db.rows("SELECT key, is_document FROM work") if _]
    if not set(listed) <= studies.keys() or not set(was_listed) <= set(listed):
        raise _Fallback  # an unknown document, or one no longer listed that claims may quote

    counts = {
        name: (count, first)
        for name, count, first in db.rows(
            "SELECT file, COUNT(*), MIN(position) FROM claim GROUP BY file"
        )
    }
    kept_ids = {
        claim_id for claim_id, file in db.rows("SELECT id, file FROM claim") if file not in replaced
    }
    new_claims = []
    offset = 0
    for name in claim_files:
        if name in read:
            new_claims += [
                dataclasses.replace(claim, position=offset + i)
                for i, claim in enumerate(read[name].claims)
            ]
            offset += len(read[name].claims)
        elif name in counts:
            count, first = counts[name]
            if first != offset:
                db.run(
                    "UPDATE claim SET position = position + ? WHERE file = ?",
                    (offset - first, name),
                )
            offset += count
    ids = [claim.spec.id for claim in new_claims]
    if len(set(ids)) != len(ids) or kept_ids & set(ids):
        raise _Fallback  # a duplicate id: the full read says where
    known = set(listed)
    for claim in new_claims:
        spec = claim.spec
        if any(a.document not in known for a in (*spec.asserted_by, *spec.disputed_by)):
            raise _Fallback
        if any(link.source not in studies for link in spec.evidence):
            raise _Fallback
        if next(claim_problems(studies, claim), None) is not None:
            raise _Fallback

    if progress:
        progress(f"grading {len(new_claims):,} claims")
    layout = db.layout("claim", "claim_route", "assertion", "evidence_link", "meta")
    rows = claim_rows(new_claims, studies, config, data_dir, layout)
    for name in replaced:
        for table in ("claim_route", "assertion", "evidence_link"):
            db.run(
                f"DELETE FROM {table} WHERE claim_id IN (SELECT id FROM claim WHERE file = ?)",
                (name,),
            )
        db.run("DELETE FROM claim WHERE file = ?", (name,))
    if progress:
        progress(f"writing {sum(len(r) for r in rows.values()):,} rows")
    insert_rows(db.cursor, db.postgres, rows, layout)
    if set(was_listed) != set(listed):
        db.many(
            "UPDATE work SET is_document = ? WHERE key = ?",
            [(key in known, key) for key in set(was_listed) | known],
        )
    db.run("DELETE FROM meta")
    insert_rows(
        db.cursor,
        db.postgres,
        {"meta": meta_rows(data_dir, fingerprint(data_dir, hashes), hashes, documents_by_file)},
        layout,
    )
    works, claims, links, assertions = (
        int(db.rows(f"SELECT COUNT(*) FROM {table}")[0][0])
        for table in ("work", "claim", "evidence_link", "assertion")
    )
    changed = tuple(name for name in replaced if name in hashes)
    return LoadSummary(works, claims, links, assertions, rebuilt=False, changed=changed)


def _split(text: str | None) -> list[str]:
    return [part for part in (text or "").split(",") if part]
