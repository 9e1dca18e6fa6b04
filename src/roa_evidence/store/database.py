"""The evidence database: its tables, its state, and writing a build of it.

A build is all-or-nothing (how, is the backend's: `backends`). The store knows
nothing of loading or grading: `load.refresh` decides what to read and whether
to rebuild, and hands the store rows.

SQLAlchemy is imported only by the code that needs it, so finding the database
current costs a hash of the input files and one read of SQLite's meta table.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .backends import Rows, RowsFor, Writer, backend_for
from .connection import as_db_url
from .engine import with_driver
from .sqlitefile import DEFAULT_LOCK_WAIT

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from ..retractions.retraction_watch import Persisted


Progress = Callable[[str], None]  # told each stage of a load ("reading", "grading"...)


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
    """An evidence database: written whole (or changed in place), then queried.

    It writes the rows it is given and knows nothing of loading or grading; what
    differs between SQLite and a server is its backend's (`backends`).
    """

    def __init__(
        self,
        url: str,
        lock_wait: float = DEFAULT_LOCK_WAIT,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.url = with_driver(as_db_url(url))
        # how long a build waits for another process's, and whom to tell that it waits
        self.lock_wait = lock_wait
        self.on_wait = on_wait
        self.backend = backend_for(self.url, lock_wait, on_wait)
        self.path = self.backend.path

    @property
    def engine(self) -> Engine:
        return self.backend.engine

    def close(self) -> None:
        self.backend.close()

    def meta(self) -> dict[str, str]:
        """The build's facts, or {} when the database does not exist or is not ours."""
        return self.backend.meta()

    def carried(self) -> Persisted:
        """The imported retraction notices the database holds now."""
        return self.backend.carried()

    def write(
        self,
        rows_for: RowsFor,
        data_hash: str,
        changed: tuple[str, ...],
        progress: Progress | None = None,
        imported: Persisted | None = None,
    ) -> LoadSummary:
        """Replace the database's content with `rows_for(the notices kept)`, all or nothing.

        The imported retraction notices are carried over from the database as it is,
        unless `imported` replaces them (an import). `changed`: the input files read.
        """

        def announce(rows: Rows) -> None:
            if progress:
                progress(f"writing {sum(len(r) for r in rows.values()):,} rows")

        rows = self.backend.replace(rows_for, data_hash, imported, announce)
        return LoadSummary(
            len(rows["work"]),
            len(rows["claim"]),
            len(rows["evidence_link"]),
            len(rows["assertion"]),
            rebuilt=True,
            changed=changed,
            notices=len(rows["retraction_notice"]),
        )

    def change(self, meta: dict[str, str]) -> contextlib.AbstractContextManager[Writer]:
        """A transaction changing the database in place, as it was when it said `meta`."""
        return self.backend.change(meta)
