"""Validated evidence base -> graded table rows, ready for a bulk insert.

Each row is made as a record keyed by column name, then laid out as a plain tuple in
its table's column order (`layout`), so the writer can hand rows to the driver's
executemany (or COPY) without an ORM object each.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

from .. import grading, vocab
from ..query.records import VALUE_COLUMNS
from ..retractions.notices import Notice
from ..retractions.retraction_watch import match_notices, work_notice_records
from .bibfile import Work
from .evidence_base import Claim, EvidenceBase
from .inputs import file_key
from .schema import ClaimIn, EffectIn, ValueIn

Layout = Mapping[str, Sequence[str]]  # table -> the columns a load writes, in order


@functools.cache
def layout() -> dict[str, tuple[str, ...]]:
    """Every table's insert columns, parents first, from `tables`. Imported here, not at
    the top: an incremental load reads its layout from the database it updates, and so
    never imports SQLAlchemy (0.14 s of a 0.6 s update)."""
    from ..store.tables import TABLES, insert_columns

    return {table.name: insert_columns(table) for table in TABLES}


def _row_makers(columns: Layout) -> dict[str, Callable[[Mapping[str, Any]], tuple[Any, ...]]]:
    """Per table, a function laying out a record (values by column name) as its row."""
    return {table: itemgetter(*names) for table, names in columns.items()}


def study_of(work: Work, notices: tuple[Notice, ...] = ()) -> grading.Study:
    """The appraisal facts grading needs from a work (and its notices, matched or by hand)."""
    return grading.Study(
        key=work.key,
        design=work.design,
        n=work.n,
        blinding=work.blinding,
        routes=frozenset(work.routes),
        condition=work.condition,
        quality=frozenset(work.quality),
        verification=work.verification,
        notices=notices,
        year=work.year,
        comparator=(work.fields.get("comparator") or "").strip().lower() or None,
    )


def _value(value: ValueIn | None) -> grading.Value | None:
    if value is None:
        return None
    return grading.Value(value.estimate, value.low, value.high, value.unit)


def _effect(effect: EffectIn | None) -> grading.Effect | None:
    if effect is None:
        return None
    # a pooled effect adds n_studies; the arms and baseline risk are the profile's only
    graded = effect.model_dump(exclude={"intervention", "comparator", "baseline_risk"})
    return grading.Effect(**graded)


def evidence_of(spec: ClaimIn, studies: dict[str, grading.Study]) -> grading.ClaimEvidence:
    """A claim as the grader sees it."""
    judgements = {
        domain: grading.Judgement(judgement.level, judgement.reason)
        for domain, judgement in (spec.judgements or _NO_JUDGEMENTS)
        if judgement is not None
    }
    override = spec.grade_override
    return grading.ClaimEvidence(
        routes=frozenset(spec.routes),
        condition=spec.condition,
        links=tuple(
            grading.Link(
                study=studies[link.source],
                stance=link.stance,
                n=link.n,
                value=_value(link.value),
                indirect=frozenset(link.indirect),
                flags=frozenset(link.flags),
                effect=_effect(link.effect),
                within=link.within,
            )
            for link in spec.evidence
        ),
        disputed=bool(spec.disputed_by),
        override=grading.Override(override.certainty, override.rationale) if override else None,
        pooled_effect=_effect(spec.pooled_effect),
        judgements=judgements,
        kind=spec.kind,
        rationale=spec.rationale,
        mid=grading.Mid(spec.mid.measure, spec.mid.value) if spec.mid else None,
        value=_value(spec.value),
        comparison=spec.comparison,
        count=_count(spec),
        appraisal=grading.AppraisalSpec(**spec.appraisal.model_dump()) if spec.appraisal else None,
        universe=tuple(studies.values()) if spec.kind in ("count", "appraisal") else (),
    )


def _count(spec: ClaimIn) -> grading.CountSpec | None:
    c = spec.count
    if c is None:
        return None
    return grading.CountSpec(
        routes=tuple(c.routes),
        condition=c.condition,
        designs=tuple(c.designs),
        until=c.until,
        at_most=c.at_most,
        at_least=c.at_least,
        more_than=tuple(c.more_than),
    )


_NO_JUDGEMENTS: list[tuple[str, Any]] = []


def _dump(model: Any) -> str | None:
    if model is None:
        return None
    return json.dumps(model.model_dump(exclude_none=True), ensure_ascii=False)


def _value_columns(value: ValueIn | None) -> dict[str, Any]:
    if value is None:
        return _NO_VALUE
    return dict(
        zip(VALUE_COLUMNS, (value.estimate, value.low, value.high, value.unit), strict=True)
    )


_NO_VALUE = dict.fromkeys(VALUE_COLUMNS)


def grade_claim(
    claim: Claim, studies: dict[str, grading.Study], config: grading.GradingConfig
) -> grading.Grade:
    return grading.grade(evidence_of(claim.spec, studies), config)


Rows = dict[str, list[tuple[Any, ...]]]

# Below this many claims, grading in a second process costs more than it saves.
PARALLEL_MIN_CLAIMS = 2_000


def table_rows(base: EvidenceBase, imported: Sequence[tuple[Any, ...]] = ()) -> Rows:
    """Every table's rows for this evidence base, grades computed; `imported` are the
    `retraction_notice` rows to match to its works."""
    rows = work_rows(base.works.values(), set(base.documents))
    notices = match_notices(base.works.values(), imported)
    notice_row = _row_makers(layout())["work_notice"]
    rows["work_notice"] = [notice_row(record) for record in work_notice_records(notices)]
    studies = {key: study_of(work, notices.get(key, ())) for key, work in base.works.items()}
    for table, table_claim_rows in claim_rows(
        base.claims, studies, base.config, base.data_dir
    ).items():
        rows[table] = table_claim_rows
    return rows


def work_rows(works: Iterable[Work], documents: set[str]) -> Rows:
    """The work rows."""
    rows: Rows = {"work": []}
    work_row = _row_makers(layout())["work"]
    for position, work in enumerate(works):
        record = vars(work) | {
            "position": position,
            "level": vocab.DESIGN_LEVEL.get(work.design or "", 1),
            "routes": ",".join(work.routes),
            "quality": ",".join(work.quality),
            "is_document": work.key in documents,
            "fields_json": json.dumps(work.fields, ensure_ascii=False),
        }
        rows["work"].append(work_row(record))
    return rows


def claim_rows(
    claims: Sequence[Claim],
    studies: dict[str, grading.Study],
    config: grading.GradingConfig,
    data_dir: Path,
    columns: Layout | None = None,
) -> Rows:
    """The claim, claim_route, assertion and evidence_link rows, grades computed, laid
    out as `columns` says (default: `layout()`).

    Grading is the costly part; on a large evidence base the second half of the
    claims is graded in a forked process while this one grades the first.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if len(claims) < PARALLEL_MIN_CLAIMS or (cores or 1) < 2 or os.name != "posix":
        return _claim_rows_of(claims, studies, config, data_dir, columns)
    from .workers import forked_pool

    half = len(claims) // 2
    # The fork inherits its half of the claims: nothing is pickled but the rows back.
    _FORKED[:] = [(claims[half:], studies, config, data_dir, columns)]
    try:
        with forked_pool() as pool:
            second = pool.submit(_forked_claim_rows)
            rows = _claim_rows_of(claims[:half], studies, config, data_dir, columns)
            for table, more in second.result().items():
                rows[table].extend(more)
    finally:
        _FORKED.clear()
    return rows


_FORKED: list[
    tuple[Sequence[Claim], dict[str, grading.Study], grading.GradingConfig, Path, Layout | None]
] = []


def _forked_claim_rows() -> Rows:
    return _claim_rows_of(*_FORKED[0])


def _claim_rows_of(
    claims: Iterable[Claim],
    studies: dict[str, grading.Study],
    config: grading.GradingConfig,
    data_dir: Path,
    columns: Layout | None,
) -> Rows:
    make = _row_makers(columns or layout())
    rows: Rows = {name: [] for name in ("claim", "claim_route", "assertion", "evidence_link")}
    for claim in claims:
        file = file_key(data_dir, claim.path)
        for table, records in _claim_records(claim, studies, config, file):
            rows[table].extend(map(make[table], records))
    return rows


def _steps(steps: Iterable[grading.Step]) -> list[dict[str, Any]]:
    return [{"domain": s.domain, "change": s.change, "reason": s.reason} for s in steps]


def _claim_records(
    claim: Claim, studies: dict[str, grading.Study], config: grading.GradingConfig, file: str
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """The claim's records, table by table, each keyed by column name."""
    spec = claim.spec
    grade = grade_claim(claim, studies, config)
    steps = _steps(grade.steps)
    yield (
        "claim",
        [
            {
                "id": spec.id,
                "position": claim.position,
                "kind": spec.kind,
                "statement": spec.statement,
                "topic": spec.topic,
                "condition": spec.condition,
                **_value_columns(spec.value),
                "certainty": grade.certainty,
                "level": vocab.LEVEL_OF_CERTAINTY[grade.certainty or "none"],
                "status": grade.status,
                "certainty_against": grade.certainty_against,
                "total_n": grade.total_n,
                "n_asserted": len(spec.asserted_by),
                "n_disputed": len(spec.disputed_by),
                "note": spec.note,
                "rationale": spec.rationale,
                "importance": spec.importance,
                "mid_json": _dump(spec.mid),
                "grading_json": json.dumps(steps, ensure_ascii=False),
                "grading_against_json": json.dumps(_steps(grade.steps_against), ensure_ascii=False),
                "override_json": _dump(spec.grade_override),
                "pooled_effect_json": _dump(spec.pooled_effect),
                "judgements_json": _dump(spec.judgements),
                "file": file,
                "line": claim.line,
            }
        ],
    )
    yield "claim_route", [{"claim_id": spec.id, "route": r} for r in dict.fromkeys(spec.routes)]
    yield (
        "assertion",
        [
            {
                "claim_id": spec.id,
                "document": a.document,
                "kind": kind,
                "quote": a.quote,
                "citation_issue": a.citation_issue,
                "position": i,
            }
            for kind, assertions in (("asserted", spec.asserted_by), ("disputed", spec.disputed_by))
            for i, a in enumerate(assertions)
        ],
    )
    yield (
        "evidence_link",
        [
            {
                "claim_id": spec.id,
                "source": link.source,
                "stance": link.stance,
                "locator": link.locator,
                "n": link.n,
                **_value_columns(link.value),
                "indirect": ",".join(link.indirect),
                "flags": ",".join(link.flags),
                "note": link.note,
                "effect_json": _dump(link.effect),
                "within": link.within,
                "position": i,
            }
            for i, link in enumerate(spec.evidence)
        ],
    )
