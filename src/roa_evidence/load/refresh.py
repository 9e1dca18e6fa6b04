"""Bringing a database up to date with its evidence base: the load path's top.

Read top to bottom: find the inputs and their hashes (`inputs`); if nothing
changed, stop; under the build lock (`sqlitefile`), apply only the changed
claims files (`incremental`), or read and validate everything (`load`), grade
it into rows (`build`) and write it whole (`store`). The store itself knows
nothing of loading.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BaseMismatch
from ..store.connection import default_db_url
from ..store.database import LoadSummary, Progress, Store, built_from, tables
from ..store.sqlitefile import build_lock
from .inputs import default_data_dir, file_hashes, fingerprint

if TYPE_CHECKING:
    from sqlalchemy import Connection


def refresh(
    store: Store, data_dir: Path, force: bool = False, progress: Progress | None = None
) -> LoadSummary | None:
    """Bring the store up to date with `data_dir`; None when it already was.

    Nothing changed: nothing is parsed. Only claims files changed: those are
    read again and their claims replaced. Otherwise (or with `force`) the whole
    evidence base is read, graded and written anew.
    """
    from .. import vocab
    from .vocabfile import base_vocabulary

    vocab.activate(base_vocabulary(data_dir))  # the base's terms, for what is asked next
    hashes = file_hashes(data_dir)
    data_hash = fingerprint(data_dir, hashes)
    meta = store.meta()
    if not force and built_from(meta, data_hash):
        return None
    if not force:
        refuse_another_base(store, meta, data_dir, data_hash)
    with build_lock(store.path, store.lock_wait, store.on_wait):
        meta = store.meta()
        if not force and built_from(meta, data_hash):
            return None  # another process built it while we waited
        if not force:
            refuse_another_base(store, meta, data_dir, data_hash)
        if not force:
            from .incremental import update

            summary = update(store, data_dir, meta, hashes, progress)
            if summary is not None:
                return summary
        from .read import read_evidence_base

        if progress:
            progress("reading the evidence base")
        # SQLModel's import (tenths of a second) overlaps the parse of a large studies.bib
        base = read_evidence_base(data_dir, while_waiting=tables)
        summary = store.build(base, hashes, progress)
        return dataclasses.replace(summary, first=not meta)


def refuse_another_base(store: Store, meta: dict[str, str], data_dir: Path, data_hash: str) -> None:
    """A store built from another folder's evidence base, with other content, is someone
    else's (a team's shared database): refuse to rebuild it over them. The same folder
    with changed files is the owner editing their base, and is brought up to date."""
    built = meta.get("data_dir")
    if not built or built == str(data_dir.resolve()) or meta.get("data_hash") == data_hash:
        return
    where = store.path or redacted(store.url)
    raise BaseMismatch(
        f"the database {where} holds the evidence base {built} (fingerprint "
        f"{meta.get('data_hash', '?')[:12]}), not {data_dir.resolve()} (fingerprint "
        f"{data_hash[:12]}); use --data {built} to read it, another --db for your own, or "
        "`roa-evidence --data DIR --db URL load --force` to replace it"
    )


def redacted(url: str) -> str:
    """A database URL without its password, to print."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@contextlib.contextmanager
def open_store(data_dir: Path | None = None, db_url: str | None = None) -> Iterator[Connection]:
    """A connection to the database of `data_dir` (default: the shipped evidence base),
    rebuilt first if its files changed. The library's way in::

        with open_store() as conn:
            claims = find_claims(conn, ClaimFilter(routes=("IM",)))
    """
    data_dir = data_dir or default_data_dir()
    store = Store(db_url or default_db_url(data_dir))
    try:
        refresh(store, data_dir)
        with store.engine.connect() as conn:
            yield conn
    finally:
        store.close()
