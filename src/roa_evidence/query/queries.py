"""Read-side of the store: claims and works as records (`records`), filtered.

Every query is built with SQLAlchemy expressions and bound parameters; no SQL
text is ever assembled from user input.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import vocab
from ..errors import NotFound
from ..store.tables import ASSERTION, CLAIM, CLAIM_ROUTE, LINK, WORK, WORK_NOTICE
from ..vocab import nearest, parse_terms
from .readers import reader
from .records import AssertionRecord, ClaimRecord, EvidenceRecord, WorkRecord, in_force

CLAIM_READER = reader(ClaimRecord, CLAIM)
WORK_READER = reader(WorkRecord, WORK)
_ASSERTION_READER = reader(AssertionRecord, ASSERTION)
# A link with its work's appraisal; the n is the link's own, else the study's.
_EVIDENCE_READER = reader(
    EvidenceRecord, LINK, WORK, columns={"n": sa.func.coalesce(LINK.c.n, WORK.c.n)}
)


@dataclass(frozen=True)
class ClaimFilter:
    """What `claims` (and the exports) may narrow a list by; all optional."""

    routes: tuple[str, ...] = ()
    all_routes: bool = False  # every one of `routes`, not any of them
    topics: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    min_certainty: str | None = None
    source: str | None = None
    document: str | None = None
    search: str | None = None
    unjudged: bool = False  # only supported claims graded without any reviewer judgement
    retracted: bool = False  # only claims citing a work retracted (and not reinstated)
    # The evidence behind a claim: claims with at least one linked source (any stance)
    # that meets every one of these at once.
    designs: tuple[str, ...] = ()
    min_n: int | None = None  # the link's n, else the study's
    since: int | None = None  # published in this year or later
    verified_only: bool = False  # a record checked against the source (verification)

    @classmethod
    def from_terms(
        cls,
        *,
        routes: Iterable[str] | None = None,
        topics: Iterable[str] | None = None,
        conditions: Iterable[str] | None = None,
        statuses: Iterable[str] | None = None,
        min_certainty: str | None = None,
        designs: Iterable[str] | None = None,
        **rest: Any,
    ) -> ClaimFilter:
        """A filter from terms as a person writes them: any case, aliases (`i.m.`),
        comma lists (`IM,IV`); NotFound names the nearest term for an unknown one. A
        minimum certainty of "none" is no minimum; `rest` are the other fields."""
        routes_found = parse_terms("route", routes)
        certainty = parse_terms("certainty", [min_certainty] if min_certainty else None)
        return cls(
            routes=routes_found,
            topics=parse_terms("topic", topics),
            conditions=parse_terms("condition", conditions),
            statuses=parse_terms("status", statuses),
            designs=parse_terms("design", designs),
            min_certainty=certainty[0] if certainty and certainty != ("none",) else None,
            **(rest | {"search": rest.get("search") or None}),
        )


def notices_of(conn: Connection, keys: Any) -> dict[str, list[dict[str, Any]]]:
    """The notices on these works (keys, or a subquery giving them), by work key."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    query = (
        sa.select(WORK_NOTICE)
        .where(WORK_NOTICE.c.work_key.in_(keys))
        .order_by(WORK_NOTICE.c.work_key, WORK_NOTICE.c.position)
    )
    for row in conn.execute(query).mappings():
        found[row["work_key"]].append(
            {
                "nature": row["nature"],
                "date": row["date"],
                "notice_doi": row["notice_doi"],
                "reason": row["reason"],
                "origin": row["origin"],
                "in_force": bool(row["in_force"]),
            }
        )
    return found


def retracted_sources() -> sa.Select[Any]:
    return sa.select(WORK_NOTICE.c.work_key).where(
        WORK_NOTICE.c.nature == "Retraction", WORK_NOTICE.c.in_force.is_(True)
    )


def claims_table() -> sa.Select[Any]:
    """Every claim, as `CLAIM_READER` reads it, with its position last."""
    return sa.select(*CLAIM_READER.columns, CLAIM.c.position)


def _like(text: str) -> str:
    """A LIKE pattern matching `text` literally: %, _ and \\ are escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _linked_sources(flt: ClaimFilter) -> sa.Select[Any] | None:
    """The claims with a linked source meeting every evidence filter of `flt`, or None
    when it sets none."""
    if not (flt.designs or flt.min_n is not None or flt.since is not None or flt.verified_only):
        return None
    query = sa.select(LINK.c.claim_id).join(WORK, WORK.c.key == LINK.c.source)
    if flt.designs:
        query = query.where(WORK.c.design.in_(flt.designs))
    if flt.min_n is not None:
        query = query.where(sa.func.coalesce(LINK.c.n, WORK.c.n) >= flt.min_n)
    if flt.since is not None:
        query = query.where(WORK.c.year >= flt.since)
    if flt.verified_only:
        query = query.where(WORK.c.verification == "verified")
    return query


def claim_query(flt: ClaimFilter) -> sa.Select[Any]:
    """The claims matching `flt`, in file order, as a query to run or narrow further."""
    query = claims_table()
    if flt.unjudged:
        query = query.where(
            CLAIM.c.level > 0,
            sa.or_(CLAIM.c.judgements_json.is_(None), CLAIM.c.judgements_json == "{}"),
            CLAIM.c.override_json.is_(None),
        )
    if flt.retracted:
        query = query.where(
            CLAIM.c.id.in_(sa.select(LINK.c.claim_id).where(LINK.c.source.in_(retracted_sources())))
        )
    behind = _linked_sources(flt)
    if behind is not None:
        query = query.where(CLAIM.c.id.in_(behind))
    if flt.routes and flt.all_routes:
        for route in flt.routes:
            query = query.where(
                CLAIM.c.id.in_(
                    sa.select(CLAIM_ROUTE.c.claim_id).where(CLAIM_ROUTE.c.route == route)
                )
            )
    elif flt.routes:
        query = query.where(
            CLAIM.c.id.in_(
                sa.select(CLAIM_ROUTE.c.claim_id).where(CLAIM_ROUTE.c.route.in_(flt.routes))
            )
        )
    if flt.topics:
        query = query.where(CLAIM.c.topic.in_(flt.topics))
    if flt.conditions:
        query = query.where(CLAIM.c.condition.in_(flt.conditions))
    if flt.statuses:
        query = query.where(CLAIM.c.status.in_(flt.statuses))
    if flt.min_certainty:
        query = query.where(CLAIM.c.level >= vocab.LEVEL_OF_CERTAINTY[flt.min_certainty])
    if flt.source:
        query = query.where(
            CLAIM.c.id.in_(sa.select(LINK.c.claim_id).where(LINK.c.source == flt.source))
        )
    if flt.document:
        query = query.where(
            CLAIM.c.id.in_(
                sa.select(ASSERTION.c.claim_id).where(ASSERTION.c.document == flt.document)
            )
        )
    if flt.search:
        pattern = _like(flt.search.lower())
        quoted = sa.select(ASSERTION.c.claim_id).where(
            sa.func.lower(ASSERTION.c.quote).like(pattern, escape="\\")
        )
        query = query.where(
            sa.or_(
                sa.func.lower(CLAIM.c.statement).like(pattern, escape="\\"),
                sa.func.lower(CLAIM.c.id).like(pattern, escape="\\"),
                CLAIM.c.id.in_(quoted),
            )
        )
    return query.order_by(CLAIM.c.position)


def find_claims(
    conn: Connection, flt: ClaimFilter = ClaimFilter(), details: bool = True
) -> list[ClaimRecord]:
    """The claims matching `flt`, in file order, with their assertions and evidence.

    With `details=False` the assertions and evidence are left empty (a list that
    shows only the claims' own columns is then several times quicker to build).
    """
    check_filter_keys(conn, flt)
    claim_rows = conn.execute(claim_query(flt)).all()
    if not claim_rows:
        return []
    ids = _ids_clause(conn, flt, [row.id for row in claim_rows])
    return assemble_claims(conn, claim_rows, ids, details)


def _ids_clause(conn: Connection, flt: ClaimFilter, ids: list[str]) -> Any:
    # A large IN list is slower than the filter itself as a subquery.
    if len(ids) > 500:
        return claim_query(flt).with_only_columns(CLAIM.c.id).order_by(None).scalar_subquery()
    return ids


def assemble_claims(
    conn: Connection, claim_rows: Sequence[Any], ids: Any, details: bool = True
) -> list[ClaimRecord]:
    """Claim views for these `claim` rows (`ids`: their ids, or a subquery giving them);
    without `details`, quotes and evidence are left out (a table needs neither)."""
    routes: dict[str, list[str]] = defaultdict(list)
    for claim_id, route in conn.execute(
        sa.select(CLAIM_ROUTE.c.claim_id, CLAIM_ROUTE.c.route).where(
            CLAIM_ROUTE.c.claim_id.in_(ids)
        )
    ).all():  # fetched at once: row-by-row fetching cost more than the rows here
        routes[claim_id].append(route)
    for claim_routes in routes.values():
        claim_routes.sort(key=vocab.active().routes.index)
    assertions: dict[tuple[str, str], list[AssertionRecord]] = defaultdict(list)
    quotes = (
        sa.select(ASSERTION.c.claim_id, ASSERTION.c.kind, *_ASSERTION_READER.columns)
        .where(ASSERTION.c.claim_id.in_(ids if details else []))
        .order_by(ASSERTION.c.claim_id, ASSERTION.c.kind, ASSERTION.c.position)
    )
    for claim_id, kind, *quoted in conn.execute(quotes).all():
        assertions[(claim_id, kind)].append(_ASSERTION_READER.read(quoted))
    # Notices on the cited works; looked up even without details, for the retraction column.
    cited = sa.select(LINK.c.claim_id, LINK.c.source).where(
        LINK.c.claim_id.in_(ids), LINK.c.source.in_(sa.select(WORK_NOTICE.c.work_key))
    )
    sources_of: dict[str, list[str]] = defaultdict(list)
    for claim_id, source in conn.execute(cited.order_by(LINK.c.claim_id, LINK.c.position)):
        if source not in sources_of[claim_id]:
            sources_of[claim_id].append(source)
    notices = notices_of(conn, sorted({s for found in sources_of.values() for s in found}))
    retractions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim_id, sources in sources_of.items():
        for source in sources:
            notice = in_force(notices.get(source, ()))
            if notice is not None:
                retractions[claim_id].append({"source": source, **notice})
    evidence: dict[str, list[EvidenceRecord]] = defaultdict(list)
    links = (
        sa.select(LINK.c.claim_id, *_EVIDENCE_READER.columns)
        .join(WORK, WORK.c.key == LINK.c.source)
        .where(LINK.c.claim_id.in_(ids if details else []))
        .order_by(LINK.c.claim_id, LINK.c.position)
    )
    for claim_id, *linked in conn.execute(links).all():
        source = linked[_EVIDENCE_READER.index("source")]
        notices_on = tuple(notices.get(source, ()))
        evidence[claim_id].append(_EVIDENCE_READER.read(linked, notices=notices_on))
    return [
        CLAIM_READER.read(
            row,
            routes=tuple(routes[row.id]),
            asserted_by=tuple(assertions[(row.id, "asserted")]),
            disputed_by=tuple(assertions[(row.id, "disputed")]),
            evidence=tuple(evidence[row.id]),
            retraction=tuple(retractions[row.id]),
        )
        for row in claim_rows
    ]


def get_claim(conn: Connection, claim_id: str) -> ClaimRecord:
    """One claim by id; NotFound names the nearest ids."""
    rows = conn.execute(claims_table().where(CLAIM.c.id == claim_id)).all()
    if not rows:
        known = list(conn.execute(sa.select(CLAIM.c.id)).scalars())
        raise NotFound(
            f"no claim '{claim_id}'; {_suggest(claim_id, known)}`roa-evidence claims` lists them"
        )
    return assemble_claims(conn, rows, [claim_id])[0]


def gaps(conn: Connection, flt: ClaimFilter = ClaimFilter()) -> list[ClaimRecord]:
    """Claims lacking strong support, and (without --status) claims citing a retracted
    work whatever their grade; the most asserted (and disputed) first."""
    statuses = tuple(s for s in flt.statuses if s in vocab.GAP_STATUSES) or vocab.GAP_STATUSES
    claims = find_claims(conn, ClaimFilter(**{**flt.__dict__, "statuses": statuses}))
    if not flt.statuses:
        seen = {claim.id for claim in claims}
        cited = find_claims(conn, ClaimFilter(**{**flt.__dict__, "retracted": True}))
        claims += [claim for claim in cited if claim.id not in seen]
    return sorted(claims, key=lambda c: -(len(c.asserted_by) + len(c.disputed_by)))


def count_by_kind(claims: Iterable[ClaimRecord]) -> dict[str, dict[str, int]]:
    """How many claims of each kind hold each status: `{"finding": {"weak": 3}, ...}`,
    kinds and statuses in vocabulary order, only those present. Counting kinds apart
    keeps "8 strong" from hiding that six of them describe a study."""
    counts: dict[str, dict[str, int]] = {}
    found = list(claims)
    for kind in vocab.CLAIM_KINDS:
        of_kind = [c for c in found if c.kind == kind]
        by_status = {s: n for s in vocab.STATUSES if (n := sum(c.status == s for c in of_kind))}
        if by_status:
            counts[kind] = by_status
    return counts


def summary_text(counts: dict[str, dict[str, int]]) -> str:
    """`5 findings (3 weak, 2 contradicted); 1 description (1 unchecked)`."""
    parts = []
    for kind, by_status in counts.items():
        total = sum(by_status.values())
        detail = ", ".join(f"{n} {status}" for status, n in by_status.items())
        parts.append(f"{total} {kind}{'' if total == 1 else 's'} ({detail})")
    return "; ".join(parts)


def find_works(
    conn: Connection,
    design: str | Sequence[str] | None = None,
    min_n: int | None = None,
    keys: Iterable[str] | None = None,
    routes: Sequence[str] = (),
    conditions: Sequence[str] = (),
) -> list[WorkRecord]:
    """Works, in file order, with the claims that cite them. `routes` and `conditions`
    keep a work whose appraisal names one of them, or that a claim about one cites or
    quotes."""
    query = works_table().order_by(WORK.c.position)
    if routes:
        listed = sa.literal(",") + WORK.c.routes + sa.literal(",")
        about = sa.select(CLAIM_ROUTE.c.claim_id).where(CLAIM_ROUTE.c.route.in_(routes))
        query = query.where(
            sa.or_(
                *(listed.like(f"%,{route},%") for route in routes),
                WORK.c.key.in_(_cited_or_quoted(about)),
            )
        )
    if conditions:
        about = sa.select(CLAIM.c.id).where(CLAIM.c.condition.in_(conditions))
        query = query.where(
            sa.or_(WORK.c.condition.in_(conditions), WORK.c.key.in_(_cited_or_quoted(about)))
        )
    if design:
        designs = (design,) if isinstance(design, str) else tuple(design)
        query = query.where(WORK.c.design.in_(designs))
    if min_n is not None:
        query = query.where(WORK.c.n >= min_n)
    if keys is not None:
        query = query.where(WORK.c.key.in_(list(keys)))
    return assemble_works(conn, conn.execute(query).all())


def _cited_or_quoted(claim_ids: sa.Select[Any]) -> Any:
    """The works these claims cite as evidence or quote as documents."""
    return sa.union(
        sa.select(LINK.c.source).where(LINK.c.claim_id.in_(claim_ids)),
        sa.select(ASSERTION.c.document).where(ASSERTION.c.claim_id.in_(claim_ids)),
    ).scalar_subquery()


def works_table() -> sa.Select[Any]:
    """Every work, as `WORK_READER` reads it, with its position last."""
    return sa.select(*WORK_READER.columns, WORK.c.position)


def assemble_works(conn: Connection, rows: Sequence[Any]) -> list[WorkRecord]:
    """Work views for these `work` rows, each with the claims citing or quoting it."""
    keys = [row.key for row in rows]
    links = sa.select(LINK.c.source, LINK.c.claim_id).distinct()
    quotes = sa.select(ASSERTION.c.document, ASSERTION.c.claim_id).distinct()
    if len(keys) <= 500:  # a long IN list costs more than reading every pair
        links = links.where(LINK.c.source.in_(keys))
        quotes = quotes.where(ASSERTION.c.document.in_(keys))
    cited: dict[str, list[str]] = defaultdict(list)
    for source, claim_id in conn.execute(links.order_by(LINK.c.claim_id)):
        cited[source].append(claim_id)
    asserted: dict[str, list[str]] = defaultdict(list)
    for document, claim_id in conn.execute(quotes.order_by(ASSERTION.c.claim_id)):
        asserted[document].append(claim_id)
    notices = notices_of(conn, keys if len(keys) <= 500 else sa.select(WORK.c.key))
    return [
        WORK_READER.read(
            row,
            cited_by=tuple(cited[row.key]),
            asserts=tuple(asserted[row.key]),
            notices=tuple(notices.get(row.key, ())),
        )
        for row in rows
    ]


def get_work(conn: Connection, key: str) -> WorkRecord:
    """One work by citation key; NotFound names the nearest keys."""
    found = find_works(conn, keys=[key])
    if not found:
        known = list(conn.execute(sa.select(WORK.c.key)).scalars())
        raise NotFound(
            f"no source '{key}'; {_suggest(key, known)}`roa-evidence sources` lists them"
        )
    return found[0]


def _suggest(value: str, known: list[str]) -> str:
    """'did you mean ...? ' when something is close; ids are too many to list them all."""
    hint = nearest(value, known)
    return "" if hint.startswith("expected") else hint + " "


def check_filter_keys(conn: Connection, flt: ClaimFilter) -> None:
    """A --source or --document key that is not in the store is a mistake, not an empty list."""
    for key, what in ((flt.source, "source"), (flt.document, "document")):
        if key is None:
            continue
        if conn.execute(sa.select(WORK.c.key).where(WORK.c.key == key)).first() is None:
            known = list(conn.execute(sa.select(WORK.c.key)).scalars())
            raise NotFound(
                f"no {what} '{key}'; {_suggest(key, known)}`roa-evidence sources` lists them"
            )
