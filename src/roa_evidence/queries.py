"""Read-side of the store: claims and works as plain view objects.

Every query is built with SQLAlchemy expressions and bound parameters; no SQL
text is ever assembled from user input.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import vocab
from .errors import NotFound
from .tables import ASSERTION, CLAIM, CLAIM_ROUTE, LINK, WORK, WORK_NOTICE
from .vocab import nearest

# Findings that are not strong and descriptions that are not confirmed (docs/grading.md).
GAP_STATUSES = ("contradicted", "contested", "unsupported", "weak", "refuted", "unchecked")


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


@dataclass(frozen=True)
class EvidenceView:
    """One evidence link, with the cited work's appraisal."""

    source: str
    stance: str
    design: str | None
    n: int | None
    locator: str | None = None
    indirect: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    value: dict[str, Any] | None = None
    note: str | None = None
    effect: dict[str, Any] | None = None
    within: str | None = None
    title: str | None = None
    authors: str | None = None
    year: int | None = None
    blinding: str | None = None
    population: str | None = None
    quality: tuple[str, ...] = ()
    doi: str | None = None
    verification: str | None = None
    notices: tuple[dict[str, Any], ...] = ()  # the work's notices (retraction, correction...)

    @property
    def retraction(self) -> dict[str, Any] | None:
        """The work's retraction in force, if any."""
        return in_force(self.notices)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "stance": self.stance,
            "design": self.design,
            "n": self.n,
            "locator": self.locator,
            "indirect": list(self.indirect),
            "flags": list(self.flags),
            "value": self.value,
            "effect": self.effect,
            "within": self.within,
            "note": self.note,
            "title": self.title,
            "year": self.year,
            "blinding": self.blinding,
            "quality": list(self.quality),
            "verification": self.verification,
            "notices": [_public(notice) for notice in self.notices],
        }


@dataclass(frozen=True)
class AssertionView:
    document: str
    quote: str
    citation_issue: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"document": self.document, "quote": self.quote}
        if self.citation_issue:
            data["citation_issue"] = self.citation_issue
        return data


@dataclass(frozen=True)
class ClaimView:
    """A claim with everything `show` prints and the JSON contract holds."""

    id: str
    statement: str
    routes: tuple[str, ...]
    topic: str
    condition: str
    certainty: str | None
    status: str
    total_n: int | None
    value: dict[str, Any] | None
    grading: tuple[dict[str, Any], ...]
    asserted_by: tuple[AssertionView, ...] = ()
    disputed_by: tuple[AssertionView, ...] = ()
    evidence: tuple[EvidenceView, ...] = ()
    note: str | None = None
    grade_override: dict[str, Any] | None = None
    pooled_effect: dict[str, Any] | None = None
    judgements: dict[str, Any] | None = None
    kind: str = "finding"
    rationale: str | None = None
    mid: dict[str, Any] | None = None
    certainty_against: str | None = "none"
    grading_against: tuple[dict[str, Any], ...] = ()
    retraction: tuple[dict[str, Any], ...] = ()  # retractions in force on its sources

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of docs/data-format.md, plus the optional extras."""
        return {
            "id": self.id,
            "kind": self.kind,
            "statement": self.statement,
            "routes": list(self.routes),
            "topic": self.topic,
            "condition": self.condition,
            "certainty": self.certainty,
            "certainty_against": self.certainty_against,
            "status": self.status,
            "asserted_by": [a.to_dict() for a in self.asserted_by],
            "disputed_by": [a.to_dict() for a in self.disputed_by],
            "evidence": [e.to_dict() for e in self.evidence],
            "total_n": self.total_n,
            "grading": [dict(step) for step in self.grading],
            "grading_against": [dict(step) for step in self.grading_against],
            "value": self.value,
            "note": self.note,
            "grade_override": self.grade_override,
            "pooled_effect": self.pooled_effect,
            "judgements": self.judgements,
            "rationale": self.rationale,
            "mid": self.mid,
            "retraction": [_public(notice) for notice in self.retraction] or None,
        }


@dataclass(frozen=True)
class WorkView:
    """A work with its appraisal and the claims that cite or quote it."""

    key: str
    entry_type: str
    title: str | None
    authors: str | None
    year: int | None
    container: str | None
    doi: str | None
    pmid: str | None
    url: str | None
    design: str | None
    n: int | None
    blinding: str | None
    population: str | None
    condition: str | None
    routes: tuple[str, ...]
    quality: tuple[str, ...]
    verification: str | None
    file: str | None
    citation_issue: str | None
    note: str | None
    is_document: bool
    fields: dict[str, str] = field(default_factory=dict, repr=False)
    cited_by: tuple[str, ...] = ()
    asserts: tuple[str, ...] = ()  # claims a document asserts or disputes
    notices: tuple[dict[str, Any], ...] = ()  # retraction, correction... in date order

    @property
    def retraction(self) -> dict[str, Any] | None:
        """The retraction in force, if any."""
        return in_force(self.notices)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "type": self.entry_type,
            "title": self.title,
            "authors": self.authors,
            "year": self.year,
            "container": self.container,
            "doi": self.doi,
            "pmid": self.pmid,
            "url": self.url,
            "design": self.design,
            "n": self.n,
            "blinding": self.blinding,
            "population": self.population,
            "condition": self.condition,
            "routes": list(self.routes),
            "quality": list(self.quality),
            "verification": self.verification,
            "file": self.file,
            "citation_issue": self.citation_issue,
            "note": self.note,
            "is_document": self.is_document,
            "cited_by": list(self.cited_by),
            "asserts": list(self.asserts),
            "notices": [_public(notice) for notice in self.notices],
            "retraction": _public(self.retraction) if self.retraction else None,
        }


def in_force(notices: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    for notice in notices:
        if notice["nature"] == "Retraction" and notice["in_force"]:
            return notice
    return None


def _public(notice: dict[str, Any]) -> dict[str, Any]:
    """A notice as JSON shows it: `in_force` is implied by where it appears."""
    return {key: value for key, value in notice.items() if key != "in_force"}


def retraction_text(notice: dict[str, Any]) -> str:
    """`big2020 retracted 2021-03-04, notice 10.1000/x`, for tables and CSV cells."""
    text = f"{notice['source']} " if notice.get("source") else ""
    text += f"retracted {notice['date'] or '(undated)'}"
    if notice["notice_doi"]:
        text += f", notice {notice['notice_doi']}"
    return text


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


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(filter(None, text.split(","))) if text else ()


def _value(estimate: Any, low: Any, high: Any, unit: Any) -> dict[str, Any] | None:
    if estimate is None and low is None and high is None and unit is None:
        return None  # most links and claims report no value: skip building the dict
    value = {"estimate": estimate, "low": low, "high": high, "unit": unit}
    return {k: v for k, v in value.items() if v is not None}


def _loads(text: str | None) -> Any:
    # orjson: a 10k-claim list decodes its stored gradings several times faster than json
    return orjson.loads(text) if text else None


def _like(text: str) -> str:
    """A LIKE pattern matching `text` literally: %, _ and \\ are escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def claim_query(flt: ClaimFilter) -> sa.Select[Any]:
    """The claims matching `flt`, in file order, as a query to run or narrow further."""
    query = sa.select(CLAIM)
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
) -> list[ClaimView]:
    """The claims matching `flt`, in file order, with their assertions and evidence.

    With `details=False` the assertions and evidence are left empty (a list that
    shows only the claims' own columns is then several times quicker to build).
    """
    check_filter_keys(conn, flt)
    claim_rows = conn.execute(claim_query(flt)).mappings().all()
    if not claim_rows:
        return []
    ids = _ids_clause(conn, flt, [row["id"] for row in claim_rows])
    return assemble_claims(conn, claim_rows, ids, details)


def _ids_clause(conn: Connection, flt: ClaimFilter, ids: list[str]) -> Any:
    # A large IN list is slower than the filter itself as a subquery.
    if len(ids) > 500:
        return claim_query(flt).with_only_columns(CLAIM.c.id).order_by(None).scalar_subquery()
    return ids


def assemble_claims(
    conn: Connection, claim_rows: Sequence[Any], ids: Any, details: bool = True
) -> list[ClaimView]:
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
        claim_routes.sort(key=vocab.ROUTES.index)
    assertions: dict[tuple[str, str], list[AssertionView]] = defaultdict(list)
    for row in (
        conn.execute(
            sa.select(ASSERTION)
            .where(ASSERTION.c.claim_id.in_(ids if details else []))
            .order_by(ASSERTION.c.claim_id, ASSERTION.c.kind, ASSERTION.c.position)
        )
        .mappings()
        .all()
    ):
        assertions[(row["claim_id"], row["kind"])].append(
            AssertionView(row["document"], row["quote"], row["citation_issue"])
        )
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
    evidence: dict[str, list[EvidenceView]] = defaultdict(list)
    link_query = (
        sa.select(
            LINK.c.claim_id,
            LINK.c.source,
            LINK.c.stance,
            WORK.c.design,
            sa.func.coalesce(LINK.c.n, WORK.c.n),
            LINK.c.locator,
            LINK.c.indirect,
            LINK.c.flags,
            LINK.c.value_estimate,
            LINK.c.value_low,
            LINK.c.value_high,
            LINK.c.value_unit,
            LINK.c.note,
            LINK.c.effect_json,
            LINK.c.within,
            WORK.c.title,
            WORK.c.authors,
            WORK.c.year,
            WORK.c.blinding,
            WORK.c.population,
            WORK.c.quality,
            WORK.c.doi,
            WORK.c.verification,
        )
        .join(WORK, WORK.c.key == LINK.c.source)
        .where(LINK.c.claim_id.in_(ids if details else []))
        .order_by(LINK.c.claim_id, LINK.c.position)
    )
    # Plain tuples, unpacked in column order: on a 10k base (5,700 links for one route)
    # named lookups on each row cost more than the query.
    for (
        claim_id,
        source,
        stance,
        design,
        n,
        locator,
        indirect,
        flags,
        estimate,
        low,
        high,
        unit,
        note,
        effect_json,
        within,
        title,
        authors,
        year,
        blinding,
        population,
        quality,
        doi,
        verification,
    ) in conn.execute(link_query).all():
        evidence[claim_id].append(
            EvidenceView(
                source,
                stance,
                design,
                n,
                locator,
                _split(indirect),
                _split(flags),
                _value(estimate, low, high, unit),
                note,
                _loads(effect_json),
                within,
                title,
                authors,
                year,
                blinding,
                population,
                _split(quality),
                doi,
                verification,
                tuple(notices.get(source, ())),
            )
        )
    return [
        ClaimView(
            id=row["id"],
            statement=row["statement"],
            routes=tuple(routes[row["id"]]),
            topic=row["topic"],
            condition=row["condition"],
            certainty=row["certainty"],
            status=row["status"],
            total_n=row["total_n"],
            value=_value(
                row["value_estimate"], row["value_low"], row["value_high"], row["value_unit"]
            ),
            grading=tuple(_loads(row["grading_json"]) or ()),
            asserted_by=tuple(assertions[(row["id"], "asserted")]),
            disputed_by=tuple(assertions[(row["id"], "disputed")]),
            evidence=tuple(evidence[row["id"]]),
            note=row["note"],
            grade_override=_loads(row["override_json"]),
            pooled_effect=_loads(row["pooled_effect_json"]),
            judgements=_loads(row["judgements_json"]),
            kind=row["kind"],
            rationale=row["rationale"],
            mid=_loads(row["mid_json"]),
            certainty_against=row["certainty_against"],
            grading_against=tuple(_loads(row["grading_against_json"]) or ()),
            retraction=tuple(retractions[row["id"]]),
        )
        for row in claim_rows
    ]


def get_claim(conn: Connection, claim_id: str) -> ClaimView:
    """One claim by id; NotFound names the nearest ids."""
    rows = conn.execute(sa.select(CLAIM).where(CLAIM.c.id == claim_id)).mappings().all()
    if not rows:
        known = list(conn.execute(sa.select(CLAIM.c.id)).scalars())
        raise NotFound(
            f"no claim '{claim_id}'; {_suggest(claim_id, known)}`roa-evidence claims` lists them"
        )
    return assemble_claims(conn, rows, [claim_id])[0]


def gaps(conn: Connection, flt: ClaimFilter = ClaimFilter()) -> list[ClaimView]:
    """Claims lacking strong support, and (without --status) claims citing a retracted
    work whatever their grade; the most asserted (and disputed) first."""
    statuses = tuple(s for s in flt.statuses if s in GAP_STATUSES) or GAP_STATUSES
    claims = find_claims(conn, ClaimFilter(**{**flt.__dict__, "statuses": statuses}))
    if not flt.statuses:
        seen = {claim.id for claim in claims}
        cited = find_claims(conn, ClaimFilter(**{**flt.__dict__, "retracted": True}))
        claims += [claim for claim in cited if claim.id not in seen]
    return sorted(claims, key=lambda c: -(len(c.asserted_by) + len(c.disputed_by)))


def count_by_kind(claims: Iterable[ClaimView]) -> dict[str, dict[str, int]]:
    """How many claims of each kind hold each status: `{"finding": {"weak": 3}, ...}`,
    kinds and statuses in vocabulary order, only those present. Counting kinds apart
    keeps "8 strong" from hiding that six of them describe a study."""
    counts: dict[str, dict[str, int]] = {}
    found = list(claims)
    for kind in vocab.KINDS:
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
) -> list[WorkView]:
    """Works, in file order, with the claims that cite them."""
    query = sa.select(WORK).order_by(WORK.c.position)
    if design:
        designs = (design,) if isinstance(design, str) else tuple(design)
        query = query.where(WORK.c.design.in_(designs))
    if min_n is not None:
        query = query.where(WORK.c.n >= min_n)
    if keys is not None:
        query = query.where(WORK.c.key.in_(list(keys)))
    return assemble_works(conn, conn.execute(query).mappings().all())


def assemble_works(conn: Connection, rows: Sequence[Any]) -> list[WorkView]:
    """Work views for these `work` rows, each with the claims citing or quoting it."""
    keys = [row["key"] for row in rows]
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
        WorkView(
            key=row["key"],
            entry_type=row["entry_type"],
            title=row["title"],
            authors=row["authors"],
            year=row["year"],
            container=row["container"],
            doi=row["doi"],
            pmid=row["pmid"],
            url=row["url"],
            design=row["design"],
            n=row["n"],
            blinding=row["blinding"],
            population=row["population"],
            condition=row["condition"],
            routes=_split(row["routes"]),
            quality=_split(row["quality"]),
            verification=row["verification"],
            file=row["file"],
            citation_issue=row["citation_issue"],
            note=row["note"],
            is_document=bool(row["is_document"]),
            fields=json.loads(row["fields_json"]),
            cited_by=tuple(cited[row["key"]]),
            asserts=tuple(asserted[row["key"]]),
            notices=tuple(notices.get(row["key"], ())),
        )
        for row in rows
    ]


def get_work(conn: Connection, key: str) -> WorkView:
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
