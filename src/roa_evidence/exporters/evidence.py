"""The evidence table: a row per claim x evidence link, from one streamed SQL join.

Each column of the table (the documented CSV contract, `EVIDENCE_COLUMNS`, in order)
names its source once in `_SOURCES`: a column of the join, with free text neutralised
for spreadsheets inside the query, or `COMPUTED` from the claim's routes, assertions
and derivation or the link's stored lists, values, effect and work's notices. No
record is built per row: an export of every link is one query read in chunks
straight into the csv writer. A claim with no link gets one row, link cells blank.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import vocab
from ..query.csvrows import FORMULA_STARTS, safe_cell
from ..query.queries import ClaimFilter, check_filter_keys, notices_of, retracted_sources
from ..query.records import in_force, retraction_text
from ..store.tables import ASSERTION, CLAIM, CLAIM_ROUTE, LINK, WORK
from .read import claim_ids

# GRADE's reasons for rating down, each a column of the evidence CSV: "serious (-1): why".
GRADE_DOMAINS = vocab.JUDGEMENT_DOMAINS
_JUDGEMENT = {0: "not serious", -1: "serious", -2: "very serious"}
_RATED_UP = tuple(vocab.RATING_UP_LEVELS)
COMPUTED = None


def _neutral(column: Any) -> Any:
    """The column, with a leading apostrophe where a spreadsheet would run it as a formula
    (as `csvrows.safe_cell` does, but inside the query)."""
    return sa.case(
        (sa.func.substr(column, 1, 1).in_(FORMULA_STARTS), sa.literal("'") + column),
        else_=column,
    )


# The contract's columns first, then the rest of the link, then the claim's grading.
_SOURCES: dict[str, Any] = {
    "claim_id": CLAIM.c.id,
    "statement": _neutral(CLAIM.c.statement),
    "routes": COMPUTED,
    "topic": CLAIM.c.topic,
    "certainty": CLAIM.c.certainty,
    "status": CLAIM.c.status,
    "source": _neutral(LINK.c.source),
    "stance": LINK.c.stance,
    "design": WORK.c.design,
    "n": sa.func.coalesce(LINK.c.n, WORK.c.n),
    "blinding": WORK.c.blinding,
    "population": _neutral(WORK.c.population),
    "quality": COMPUTED,
    "year": WORK.c.year,
    "title": _neutral(WORK.c.title),
    "doi": _neutral(WORK.c.doi),
    "condition": CLAIM.c.condition,
    "total_n": CLAIM.c.total_n,
    "authors": _neutral(WORK.c.authors),
    "locator": _neutral(LINK.c.locator),
    **dict.fromkeys(("indirect", "flags", "value_estimate", "value_low", "value_high"), COMPUTED),
    "value_unit": _neutral(LINK.c.value_unit),
    **dict.fromkeys(("effect_measure", "effect_estimate", "effect_low", "effect_high"), COMPUTED),
    "note": _neutral(LINK.c.note),
    "verification": WORK.c.verification,
    # the claim's grading, for a reviewer's evidence profile (docs/exports.md)
    "kind": CLAIM.c.kind,
    "certainty_against": CLAIM.c.certainty_against,
    **dict.fromkeys(
        ("asserted_by", *GRADE_DOMAINS, "rated_up", "override", "retraction"), COMPUTED
    ),
}
EVIDENCE_COLUMNS = tuple(_SOURCES)
_GRADED = (*GRADE_DOMAINS, "rated_up", "override")
_JOINED = tuple(name for name, column in _SOURCES.items() if column is not COMPUTED)
# What the computed cells are made from, after the joined columns in each row.
_INPUTS = (
    LINK.c.source,
    WORK.c.quality,
    LINK.c.indirect,
    LINK.c.flags,
    LINK.c.value_estimate,
    LINK.c.value_low,
    LINK.c.value_high,
    LINK.c.effect_json,
    CLAIM.c.grading_json,
)
# The computed cells of a link, blank on the row of a claim without one.
_NO_LINK = dict.fromkeys(
    name
    for name, column in _SOURCES.items()
    if column is COMPUTED and name not in ("routes", "asserted_by", *_GRADED)
)
_ROW = itemgetter(*EVIDENCE_COLUMNS)


def evidence_rows(conn: Connection, flt: ClaimFilter) -> Iterator[tuple[Any, ...]]:
    """The evidence table's rows for the claims matching `flt`, in file order, every
    cell safe for a spreadsheet."""
    check_filter_keys(conn, flt)
    ids = claim_ids(flt)
    routes = _routes_text(conn, ids)
    asserting = _asserting(conn, ids)
    retracted = {
        key: safe_cell(retraction_text(notice))
        for key, found in notices_of(conn, retracted_sources()).items()
        if (notice := in_force(found)) is not None
    }
    query = (
        sa.select(*(_SOURCES[name] for name in _JOINED), *_INPUTS)
        .select_from(
            CLAIM.outerjoin(LINK, LINK.c.claim_id == CLAIM.c.id).outerjoin(
                WORK, WORK.c.key == LINK.c.source
            )
        )
        .where(CLAIM.c.id.in_(ids))
        .order_by(CLAIM.c.position, CLAIM.c.id, LINK.c.position)
    )
    width = len(_JOINED)
    claim_cells: dict[str, Any] = {}
    result = conn.execution_options(stream_results=True, yield_per=2_000).execute(query)
    for row in result:
        cells = dict(zip(_JOINED, row, strict=False))
        source, quality, indirect, flags, estimate, low, high, effect_json, grading = row[width:]
        claim_id = cells["claim_id"]
        if claim_cells.get("claim_id") != claim_id:  # rows come claim by claim
            documents = ";".join(asserting.get(claim_id, ()))
            claim_cells = {
                "claim_id": claim_id,
                "routes": routes.get(claim_id, ""),
                "asserted_by": safe_cell(documents) if documents else "",
                **dict(zip(_GRADED, grading_cells(orjson.loads(grading)), strict=True)),
            }
        cells.update(claim_cells)
        if source is None:
            cells.update(_NO_LINK)
            yield _ROW(cells)
            continue
        effect = orjson.loads(effect_json) if effect_json else {}
        cells.update(
            quality=_joined(quality),
            indirect=_joined(indirect),
            flags=_joined(flags),
            value_estimate=whole_number(estimate),
            value_low=whole_number(low),
            value_high=whole_number(high),
            effect_measure=effect.get("measure"),
            effect_estimate=effect.get("estimate"),
            effect_low=effect.get("low"),
            effect_high=effect.get("high"),
            retraction=retracted.get(source),
        )
        yield _ROW(cells)


def _routes_text(conn: Connection, ids: Any) -> dict[str, str]:
    """Each claim's routes as the CSV writes them (`IM;IV`), in vocabulary order."""
    routes: dict[str, list[str]] = {}
    query = sa.select(CLAIM_ROUTE.c.claim_id, CLAIM_ROUTE.c.route)
    for claim_id, route in conn.execute(query.where(CLAIM_ROUTE.c.claim_id.in_(ids))):
        routes.setdefault(claim_id, []).append(route)
    return {
        claim_id: ";".join(sorted(found, key=vocab.active().routes.index))
        for claim_id, found in routes.items()
    }


def _asserting(conn: Connection, ids: Any) -> dict[str, dict[str, None]]:
    """The documents asserting each claim, in order, each once."""
    asserting: dict[str, dict[str, None]] = {}
    for claim_id, document in conn.execute(
        sa.select(ASSERTION.c.claim_id, ASSERTION.c.document)
        .where(ASSERTION.c.claim_id.in_(ids), ASSERTION.c.kind == "asserted")
        .order_by(ASSERTION.c.claim_id, ASSERTION.c.position)
    ):
        asserting.setdefault(claim_id, {})[document] = None
    return asserting


def _joined(text: str | None) -> str:
    """Comma-stored lists as the CSV writes them (`a;b`)."""
    return (text or "").replace(",", ";")


def grading_cells(grading: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """The evidence CSV's grading columns (GRADE_DOMAINS, rated_up, override) from a
    claim's derivation: each domain as "<judgement> (<change>): <reason>", "not serious
    (0)" when the grader found nothing to rate down; all blank when the claim was not
    graded (nothing supports it, or it is a description or a definition)."""
    if not any(step["domain"] == "start" and int(step["change"]) > 0 for step in grading):
        return ("",) * (len(GRADE_DOMAINS) + 2)

    def joined(steps: Iterable[Mapping[str, Any]], label: Any) -> str:
        return "; ".join(
            f"{label(step)} ({_change(int(step['change']))}): {step['reason']}".rstrip(": ")
            for step in steps
        )

    cells = []
    for domain in GRADE_DOMAINS:
        steps = [step for step in grading if step["domain"] == domain]
        judged = joined(steps, lambda step: _JUDGEMENT.get(int(step["change"]), "rated down"))
        cells.append(judged or "not serious (0)")
    up = [step for step in grading if step["domain"] in _RATED_UP]
    cells.append(joined(up, lambda step: str(step["domain"]).replace("_", " ")))
    overridden = [step for step in grading if step["domain"] == "override"]
    cells.append(joined(overridden, lambda step: "override"))
    return tuple(cells)


def _change(change: int) -> str:
    return f"{change:+d}" if change else "0"


def whole_number(value: Any) -> Any:
    """A stored float that is whole (93.0) as it was written (93)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value
