"""Bringing a database up to date with its evidence base: the load path's top.

Read top to bottom: read every input file once, with its hash (`inputs`); if
nothing changed, stop; under the build lock (`sqlitefile`), apply only the changed
claims files (`incremental`), or read and validate everything (`read`), grade
it into rows (`rows`) and hand them to the store to write whole (`write_base`).
The store itself knows nothing of loading or grading.

`open_store` is the one way in, for every command, the console's fast path and
the Python API: it opens an evidence base's database, and refreshes it on request.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BaseMismatch
from ..store.connection import default_db_url
from ..store.database import LoadSummary, Progress, Store
from ..store.meta import built_from, meta_rows
from ..store.sqlitefile import DEFAULT_LOCK_WAIT, build_lock
from .inputs import Inputs, default_data_dir, fingerprint, read_inputs

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from ..retractions.retraction_watch import Persisted
    from ..store.backends import Rows
    from .evidence_base import EvidenceBase


def refresh(
    store: Store, data_dir: Path, force: bool = False, progress: Progress | None = None
) -> LoadSummary | None:
    """Bring the store up to date with `data_dir`; None when it already was.

    Nothing changed: nothing is parsed. Only claims files changed: those are
    read again and their claims replaced. Otherwise (or with `force`) the whole
    evidence base is read, graded and written anew.
    """
    # lazy: PyYAML, which the console's fast path (open_store, up_to_date) does without
    from .. import vocab
    from .vocabfile import inputs_vocabulary

    inputs = read_inputs(data_dir)  # the folder read once; later steps take it from here
    vocabulary = inputs_vocabulary(inputs)
    vocab.activate(vocabulary)  # the base's terms, for what is asked next
    meta = store.meta()
    if not force and built_from(meta, inputs.data_hash):
        return None
    if not force:
        refuse_another_base(store, meta, inputs)
    with build_lock(store.path, store.lock_wait, store.on_wait):
        meta = store.meta()
        if not force and built_from(meta, inputs.data_hash):
            return None  # another process built it while we waited
        if not force:
            refuse_another_base(store, meta, inputs)
            # lazy: a command that finds its database current never imports the parsers
            from .incremental import update

            summary = update(store, inputs, meta, progress)
            if summary is not None:
                return summary
        # lazy, as `update` above: the parsers and SQLModel only when a load reads
        from ..store.models import created_tables
        from .read import read_base_files

        if progress:
            progress("reading the evidence base")
        # SQLModel's import (tenths of a second) overlaps the parse of a large studies.bib
        base = read_base_files(inputs, while_waiting=created_tables)
        summary = write_base(store, base, inputs, progress)
        return dataclasses.replace(summary, first=not meta)


def refuse_another_base(store: Store, meta: dict[str, str], inputs: Inputs) -> None:
    """A store built from another folder's evidence base, with other content, is someone
    else's (a team's shared database): refuse to rebuild it over them. The same folder
    with changed files is the owner editing their base, and is brought up to date."""
    data_dir, data_hash = inputs.data_dir, inputs.data_hash
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
    from sqlalchemy.engine import make_url  # lazy: only when it is printed

    return make_url(url).render_as_string(hide_password=True)


def write_base(
    store: Store,
    base: EvidenceBase,
    inputs: Inputs,
    progress: Progress | None = None,
    imported: Persisted | None = None,
) -> LoadSummary:
    """Grade a validated evidence base into rows and have the store write them whole.

    `inputs`: the folder's input files and content hashes (`inputs.read_inputs`), the
    hashes kept so that the next load can tell which files changed; `imported`: an
    import's retraction notices, instead of those the database holds.
    """
    # lazy: open_store serves the console's fast path, which must not import these
    from ..store.tables import layout
    from .rows import table_rows

    hashes, data_hash = inputs.hashes, inputs.data_hash

    def rows_for(kept: Persisted) -> Rows:
        if progress:
            progress(f"grading {len(base.claims):,} claims")
        rows = table_rows(base, kept.notices)
        rows.update(kept.rows(rows["claim"], layout()["claim"]))
        rows["meta"] = meta_rows(base.data_dir, data_hash, hashes, base.documents_by_file)
        return rows

    return store.write(rows_for, data_hash, tuple(hashes), progress, imported)


class OpenStore:
    """An evidence base's database, opened: what every command and the library use.

    `refresh()` brings it up to date, `connect()` reads it; as a context manager it
    does both and gives the connection (the Python API's `with open_store() as conn`).
    """

    def __init__(
        self,
        data_dir: Path | None = None,
        db_url: str | None = None,
        lock_wait: float = DEFAULT_LOCK_WAIT,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.data_dir = data_dir or default_data_dir()
        self.store = Store(db_url or default_db_url(self.data_dir), lock_wait, on_wait)
        self._opened: contextlib.ExitStack | None = None

    @property
    def where(self) -> str:
        """The database as a message names it: its file, or its server without password."""
        return str(self.store.path or self.store.url.split("@")[-1])

    def up_to_date(self) -> bool:
        """True when the database holds the evidence base as it is (nothing is parsed)."""
        return built_from(self.store.meta(), fingerprint(self.data_dir))

    def refresh(self, force: bool = False, progress: Progress | None = None) -> LoadSummary | None:
        return refresh(self.store, self.data_dir, force, progress)

    @contextlib.contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.store.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Connection:
        with contextlib.ExitStack() as stack:
            stack.callback(self.close)
            self.refresh()
            conn = stack.enter_context(self.connect())
            self._opened = stack.pop_all()
        return conn

    def __exit__(self, *exc: object) -> None:
        if self._opened is not None:
            self._opened.close()
            self._opened = None


def open_store(
    data_dir: Path | None = None,
    db_url: str | None = None,
    lock_wait: float = DEFAULT_LOCK_WAIT,
    on_wait: Callable[[str], None] | None = None,
) -> OpenStore:
    """The database of `data_dir` (default: the shipped evidence base) at `db_url`
    (default: a SQLite file in the user's cache); a build waits up to `lock_wait`
    seconds for another process's (`on_wait` is told). The library's way in::

        with open_store() as conn:  # rebuilt first if its files changed
            claims = find_claims(conn, ClaimFilter(routes=("IM",)))
    """
    return OpenStore(data_dir, db_url, lock_wait, on_wait)
