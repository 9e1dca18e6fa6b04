"""Reading the store for exports: claims, works and evidence rows, in file order and in batches.

`iter_claims` and `iter_works` read `batch` records at a time (keyset pagination over file
order), so an export's memory stays flat however large the evidence base. `Selection` is
what an export asks for; each exporter reads through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import vocab
from ..query.queries import (
    ClaimFilter,
    assemble_claims,
    assemble_works,
    check_filter_keys,
    claim_query,
    works_table,
)
from ..query.records import ClaimRecord, WorkRecord
from ..store.tables import ASSERTION, CLAIM, CLAIM_ROUTE, LINK, WORK

BATCH = 500


@dataclass(frozen=True)
class Selection:
    """What an export reads: `what` (evidence, claims or sources) matching `flt`."""

    conn: Connection
    what: str = "evidence"
    flt: ClaimFilter = field(default_factory=ClaimFilter)
    group_by: str = "route"
    batch_size: int = BATCH
    with_appraisal: bool = False
    documents_dir: Path | None = None  # the documents' text files (annotations)
    # told how the quotes were placed (annotations), for the caller to report
    on_placement: Callable[[Any], None] | None = None

    def report(self, placement: Any) -> None:
        if self.on_placement is not None:
            self.on_placement(placement)

    def claims(self) -> Iterator[ClaimRecord]:
        """The matching claims."""
        return iter_claims(self.conn, self.flt, self.batch_size)

    def works(self) -> Iterator[WorkRecord]:
        """With `what` "sources" and no filter every work, else the works the matching
        claims cite or quote."""
        everything = self.what == "sources" and self.flt == ClaimFilter()
        return iter_works(self.conn, None if everything else self.flt, self.batch_size)


def iter_claims(
    conn: Connection, flt: ClaimFilter | None = None, batch_size: int = BATCH
) -> Iterator[ClaimRecord]:
    """The claims matching `flt` (default: all), in file order, read `batch_size` at a time."""
    flt = flt or ClaimFilter()
    check_filter_keys(conn, flt)
    order = (CLAIM.c.position, CLAIM.c.id)
    query = claim_query(flt).order_by(None).order_by(*order).limit(batch_size)
    after: tuple[int, str] | None = None
    while True:
        page = query if after is None else query.where(sa.tuple_(*order) > sa.tuple_(*after))
        rows = conn.execute(page).all()
        if not rows:
            return
        yield from assemble_claims(conn, rows, [row.id for row in rows])
        if len(rows) < batch_size:
            return
        after = (rows[-1].position, rows[-1].id)


def claim_ids(flt: ClaimFilter) -> sa.Select[Any]:
    return claim_query(flt).with_only_columns(CLAIM.c.id).order_by(None)


def iter_works(
    conn: Connection,
    flt: ClaimFilter | None = None,
    batch_size: int = BATCH,
    *,
    evidence_only: bool = False,
) -> Iterator[WorkRecord]:
    """Works in file order, `batch_size` at a time: every work when `flt` is None, else the
    works the matching claims cite as evidence or quote as documents (with `evidence_only`,
    only those cited as evidence)."""
    query = works_table().order_by(WORK.c.position).limit(batch_size)
    if flt is not None:
        check_filter_keys(conn, flt)
        ids = claim_ids(flt)
        cited: Any = sa.select(LINK.c.source).where(LINK.c.claim_id.in_(ids))
        if not evidence_only:
            cited = sa.union(
                cited, sa.select(ASSERTION.c.document).where(ASSERTION.c.claim_id.in_(ids))
            )
        query = query.where(WORK.c.key.in_(cited.scalar_subquery()))
    after: int | None = None
    while True:
        page = query if after is None else query.where(WORK.c.position > after)
        rows = conn.execute(page).all()
        if not rows:
            return
        yield from assemble_works(conn, rows)
        if len(rows) < batch_size:
            return
        after = rows[-1].position


def groups(conn: Connection, flt: ClaimFilter, by: str) -> list[str]:
    """The routes (or topics) of the claims matching `flt`, in vocabulary order."""
    if by == "route":
        query = sa.select(CLAIM_ROUTE.c.route).where(CLAIM_ROUTE.c.claim_id.in_(claim_ids(flt)))
        order, wanted = vocab.active().routes, flt.routes
    else:
        query = claim_query(flt).with_only_columns(CLAIM.c.topic).order_by(None)
        order, wanted = vocab.active().topics, flt.topics
    found = set(conn.execute(query.distinct()).scalars())
    if wanted:
        found &= set(wanted)
    return sorted(
        found, key=lambda term: (order.index(term) if term in order else len(order), term)
    )
