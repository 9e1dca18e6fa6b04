"""roa-evidence: claims about ketamine routes, who makes them, and the graded evidence behind each.

Library use::

    from roa_evidence import open_store, find_claims, ClaimFilter
    with open_store() as conn:
        for claim in find_claims(conn, ClaimFilter(routes=("IM",))):
            print(claim.id, claim.certainty)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataNotFound, EvidenceError, InvalidData, NotFound, Problem, StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

__all__ = [
    "ClaimFilter",
    "DataNotFound",
    "EvidenceError",
    "InvalidData",
    "NotFound",
    "Problem",
    "StoreError",
    "find_claims",
    "find_works",
    "gaps",
    "get_claim",
    "get_work",
    "open_store",
    "read_evidence_base",
]


@contextmanager
def open_store(data_dir: Path | None = None, db_url: str | None = None) -> Iterator[Connection]:
    """A connection to the database of `data_dir` (default: the shipped evidence base),
    rebuilt first if the files changed."""
    from .store import Store, default_data_dir, default_db_url, refresh

    data_dir = data_dir or default_data_dir()
    store = Store(db_url or default_db_url(data_dir))
    try:
        refresh(store, data_dir)
        with store.engine.connect() as conn:
            yield conn
    finally:
        store.close()


def __getattr__(name: str) -> object:
    # Query helpers load SQLAlchemy; import them only when asked for.
    if name in {"ClaimFilter", "find_claims", "find_works", "gaps", "get_claim", "get_work"}:
        from . import queries

        return getattr(queries, name)
    if name == "read_evidence_base":
        from .load import read_evidence_base

        return read_evidence_base
    raise AttributeError(name)
