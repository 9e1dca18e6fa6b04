"""Reading the store for exports: claims, works and evidence rows, in file order and in batches.

`iter_claims` and `iter_works` read `batch` records at a time (keyset pagination over file
order), so an export's memory stays flat however large the evidence base; the evidence
table comes from one streamed SQL join (`iter_evidence_rows`). `Selection` is what an
export asks for; each exporter reads through it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import vocab
from ..queries import (
    ClaimFilter,
    assemble_claims,
    assemble_works,
    check_filter_keys,
    claim_query,
    notices_of,
    retracted_sources,
    works_table,
)
from ..records import ClaimView, WorkView, in_force, retraction_text
from ..tables import ASSERTION, CLAIM, CLAIM_ROUTE, LINK, WORK
from ..tabular import FORMULA_STARTS, grading_cells, safe_cell, whole_number

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

    def claims(self) -> Iterator[ClaimView]:
        """The matching claims."""
        return iter_claims(self.conn, self.flt, self.batch_size)

    def works(self) -> Iterator[WorkView]:
        """With `what` "sources" and no filter every work, else the works the matching
        claims cite or quote."""
        everything = self.what == "sources" and self.flt == ClaimFilter()
        return iter_works(self.conn, None if everything else self.flt, self.batch_size)


def iter_claims(
    conn: Connection, flt: ClaimFilter | None = None, batch_size: int = BATCH
) -> Iterator[ClaimView]:
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
) -> Iterator[WorkView]:
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
        order, wanted = vocab.ROUTES, flt.routes
    else:
        query = claim_query(flt).with_only_columns(CLAIM.c.topic).order_by(None)
        order, wanted = vocab.TOPICS, flt.topics
    found = set(conn.execute(query.distinct()).scalars())
    if wanted:
        found &= set(wanted)
    return sorted(
        found, key=lambda term: (order.index(term) if term in order else len(order), term)
    )


def _joined(text: str | None) -> str:
    """Comma-stored lists as the CSV writes them (`a;b`)."""
    return (text or "").replace(",", ";")


def _neutral(column: Any) -> Any:
    """The column, with a leading apostrophe where a spreadsheet would run it as a formula
    (as `tabular.safe_cell` does, but inside the query)."""
    return sa.case(
        (sa.func.substr(column, 1, 1).in_(FORMULA_STARTS), sa.literal("'") + column),
        else_=column,
    )


def iter_evidence_rows(conn: Connection, flt: ClaimFilter) -> Iterator[tuple[Any, ...]]:
    """The evidence table's rows (`tabular.EVIDENCE_COLUMNS`), straight from one SQL join.

    The same rows `evidence_rows` makes from claim views, without building a view per
    claim: an export of every link is a single streamed query. Free-text cells come
    back already neutralised for spreadsheets (`_neutral`), so the writer need not
    look at each cell again.
    """
    check_filter_keys(conn, flt)
    ids = claim_ids(flt)
    routes: dict[str, list[str]] = {}
    for claim_id, route in conn.execute(
        sa.select(CLAIM_ROUTE.c.claim_id, CLAIM_ROUTE.c.route).where(
            CLAIM_ROUTE.c.claim_id.in_(ids)
        )
    ):
        routes.setdefault(claim_id, []).append(route)
    route_text = {
        claim_id: ";".join(sorted(found, key=vocab.ROUTES.index))
        for claim_id, found in routes.items()
    }
    asserting: dict[str, dict[str, None]] = {}
    for claim_id, document in conn.execute(
        sa.select(ASSERTION.c.claim_id, ASSERTION.c.document)
        .where(ASSERTION.c.claim_id.in_(ids), ASSERTION.c.kind == "asserted")
        .order_by(ASSERTION.c.claim_id, ASSERTION.c.position)
    ):
        asserting.setdefault(claim_id, {})[document] = None
    graded: tuple[str | None, tuple[Any, ...]] = (None, ())  # the last claim's grading cells
    query = (
        sa.select(
            CLAIM.c.id,
            _neutral(CLAIM.c.statement),
            CLAIM.c.topic,
            CLAIM.c.certainty,
            CLAIM.c.status,
            _neutral(LINK.c.source),
            LINK.c.stance,
            WORK.c.design,
            sa.func.coalesce(LINK.c.n, WORK.c.n),
            WORK.c.blinding,
            _neutral(WORK.c.population),
            WORK.c.quality,
            WORK.c.year,
            _neutral(WORK.c.title),
            _neutral(WORK.c.doi),
            CLAIM.c.condition,
            CLAIM.c.total_n,
            _neutral(WORK.c.authors),
            _neutral(LINK.c.locator),
            LINK.c.indirect,
            LINK.c.flags,
            LINK.c.value_estimate,
            LINK.c.value_low,
            LINK.c.value_high,
            _neutral(LINK.c.value_unit),
            LINK.c.effect_json,
            _neutral(LINK.c.note),
            WORK.c.verification,
            CLAIM.c.kind,
            CLAIM.c.certainty_against,
            CLAIM.c.grading_json,
        )
        .select_from(
            CLAIM.outerjoin(LINK, LINK.c.claim_id == CLAIM.c.id).outerjoin(
                WORK, WORK.c.key == LINK.c.source
            )
        )
        .where(CLAIM.c.id.in_(ids))
        .order_by(CLAIM.c.position, CLAIM.c.id, LINK.c.position)
    )
    retracted = {
        key: safe_cell(retraction_text(notice))
        for key, found in notices_of(conn, retracted_sources()).items()
        if (notice := in_force(found)) is not None
    }
    result = conn.execution_options(stream_results=True, yield_per=2_000).execute(query)
    for (
        claim_id,
        statement,
        topic,
        certainty,
        status,
        source,
        stance,
        design,
        n,
        blinding,
        population,
        quality,
        year,
        title,
        doi,
        condition,
        total_n,
        authors,
        locator,
        indirect,
        flags,
        estimate,
        low,
        high,
        unit,
        effect_json,
        note,
        verification,
        kind,
        certainty_against,
        grading_json,
    ) in result:
        effect = json.loads(effect_json) if effect_json else {}
        if graded[0] != claim_id:  # rows come claim by claim: grade cells once per claim
            documents = ";".join(asserting.get(claim_id, ()))
            cells = (
                kind,
                certainty_against,
                safe_cell(documents) if documents else "",
                *grading_cells(orjson.loads(grading_json)),
            )
            graded = (claim_id, cells)
        linked = source is not None  # a claim without evidence: one row, link cells blank
        yield (
            claim_id,
            statement,
            route_text.get(claim_id, ""),
            topic,
            certainty,
            status,
            source,
            stance,
            design,
            n,
            blinding,
            population,
            _joined(quality) if linked else None,
            year,
            title,
            doi,
            condition,
            total_n,
            authors,
            locator,
            _joined(indirect) if linked else None,
            _joined(flags) if linked else None,
            whole_number(estimate),
            whole_number(low),
            whole_number(high),
            unit,
            effect.get("measure"),
            effect.get("estimate"),
            effect.get("low"),
            effect.get("high"),
            note,
            verification,
            *graded[1],
            retracted.get(source) if linked else None,
        )
