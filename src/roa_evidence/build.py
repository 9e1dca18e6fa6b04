"""Validated evidence base -> graded table rows, ready for a bulk insert.

Rows are plain tuples in the column order of `COLUMNS`, so the writer can
hand them to the driver's executemany (or COPY) without an ORM object each.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from . import grading, vocab
from .bibfile import Work
from .load import Claim, EvidenceBase
from .schema import ClaimIn, EffectIn, ValueIn

COLUMNS: dict[str, tuple[str, ...]] = {
    "work": ("key", "position", "entry_type", "title", "authors", "year", "container", "doi",
             "pmid", "url", "design", "level", "n", "blinding", "population", "condition",
             "routes", "quality", "verification", "file", "citation_issue", "note",
             "is_document", "fields_json", "line"),
    "work_flag": ("work_key", "flag"),
    "claim": ("id", "position", "statement", "topic", "condition", "value_estimate",
              "value_low", "value_high", "value_unit", "certainty", "level", "status",
              "total_n", "n_asserted", "n_disputed", "note", "grading_json", "override_json",
              "pooled_effect_json", "judgements_json", "file", "line"),
    "claim_route": ("claim_id", "route"),
    "assertion": ("claim_id", "document", "kind", "quote", "citation_issue", "position"),
    "evidence_link": ("claim_id", "source", "stance", "locator", "n", "value_estimate",
                      "value_low", "value_high", "value_unit", "indirect", "flags", "note",
                      "effect_json", "position"),
}


def study_of(work: Work) -> grading.Study:
    """The appraisal facts grading needs from a work."""
    return grading.Study(
        key=work.key,
        design=work.design,
        n=work.n,
        blinding=work.blinding,
        routes=frozenset(work.routes),
        condition=work.condition,
        quality=frozenset(work.quality),
    )


def _value(value: ValueIn | None) -> grading.Value | None:
    if value is None:
        return None
    return grading.Value(value.estimate, value.low, value.high, value.unit)


def _effect(effect: EffectIn | None) -> grading.Effect | None:
    if effect is None:
        return None
    return grading.Effect(
        measure=effect.measure,
        estimate=effect.estimate,
        low=effect.low,
        high=effect.high,
        n=effect.n,
        events=effect.events,
        n_studies=getattr(effect, "n_studies", None),
    )


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
            )
            for link in spec.evidence
        ),
        disputed=bool(spec.disputed_by),
        override=grading.Override(override.certainty, override.rationale) if override else None,
        pooled_effect=_effect(spec.pooled_effect),
        judgements=judgements,
    )


_NO_JUDGEMENTS: list[tuple[str, Any]] = []


def _dump(model: Any) -> str | None:
    if model is None:
        return None
    return json.dumps(model.model_dump(exclude_none=True), ensure_ascii=False)


def _value_columns(value: ValueIn | None) -> tuple[Any, ...]:
    if value is None:
        return (None, None, None, None)
    return (value.estimate, value.low, value.high, value.unit)


def grade_claim(claim: Claim, studies: dict[str, grading.Study],
                config: grading.GradingConfig) -> grading.Grade:
    return grading.grade(evidence_of(claim.spec, studies), config)


def table_rows(base: EvidenceBase) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows for this evidence base, grades computed."""
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in COLUMNS}
    documents = set(base.documents)
    for position, work in enumerate(base.works.values()):
        rows["work"].append((
            work.key, position, work.entry_type, work.title, work.authors, work.year,
            work.container, work.doi, work.pmid, work.url, work.design,
            vocab.DESIGN_LEVEL.get(work.design or "", 1), work.n, work.blinding,
            work.population, work.condition, ",".join(work.routes), ",".join(work.quality),
            work.verification, work.file, work.citation_issue, work.note,
            work.key in documents, json.dumps(work.fields, ensure_ascii=False), work.line,
        ))
        rows["work_flag"].extend((work.key, flag) for flag in work.quality)
    studies = {key: study_of(work) for key, work in base.works.items()}
    for claim in base.claims:
        for table, claim_rows in _claim_rows(claim, studies, base.config):
            rows[table].extend(claim_rows)
    return rows


def _claim_rows(claim: Claim, studies: dict[str, grading.Study],
                config: grading.GradingConfig) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    spec = claim.spec
    grade = grade_claim(claim, studies, config)
    steps = [asdict(step) for step in grade.steps]
    yield "claim", [(
        spec.id, claim.position, spec.statement, spec.topic, spec.condition,
        *_value_columns(spec.value), grade.certainty, vocab.LEVEL_OF_CERTAINTY[grade.certainty],
        grade.status, grade.total_n, len(spec.asserted_by), len(spec.disputed_by), spec.note,
        json.dumps(steps, ensure_ascii=False), _dump(spec.grade_override),
        _dump(spec.pooled_effect), _dump(spec.judgements), claim.path.name, claim.line,
    )]
    yield "claim_route", [(spec.id, route) for route in dict.fromkeys(spec.routes)]
    yield "assertion", [
        (spec.id, a.document, kind, a.quote, a.citation_issue, i)
        for kind, assertions in (("asserted", spec.asserted_by), ("disputed", spec.disputed_by))
        for i, a in enumerate(assertions)
    ]
    yield "evidence_link", [
        (spec.id, link.source, link.stance, link.locator, link.n, *_value_columns(link.value),
         ",".join(link.indirect), ",".join(link.flags), link.note, _dump(link.effect), i)
        for i, link in enumerate(spec.evidence)
    ]
