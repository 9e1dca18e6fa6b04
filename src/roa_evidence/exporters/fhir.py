"""FHIR R5 (EBM-on-FHIR): a Bundle of a `Citation` per work, an `Evidence` per finding and
an `ArtifactAssessment` profiled as CertaintyOfEvidence per graded finding.

Codes are used only where they were checked against the published code systems
(docs/interchange.md lists each and its source); where none could be checked, a
concept is given as text only.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Iterator
from typing import Any, TextIO

from .. import vocab
from ..query.records import ClaimRecord, EvidenceRecord, WorkRecord
from .json import json_array
from .read import Selection

CERTAINTY_TYPE = "http://hl7.org/fhir/certainty-type"  # R5 core
CERTAINTY_RATING = "http://hl7.org/fhir/certainty-rating"  # R5 core
VARIABLE_ROLE = "http://terminology.hl7.org/CodeSystem/variable-role"  # as in R5 ballots
RATING_SYSTEM = "http://hl7.org/fhir/uv/ebm/CodeSystem/evidence-rating-system-classifier-codesystem"
CERTAINTY_OF_EVIDENCE = "http://hl7.org/fhir/uv/ebm/StructureDefinition/certainty-of-evidence"
DOI_SYSTEM = "https://doi.org"
PMID_SYSTEM = "https://pubmed.ncbi.nlm.nih.gov"

# the grading's domains -> certainty-type codes; the first five rate down, the rest up
DOMAINS = {
    "risk_of_bias": ("RiskOfBias", "Risk of bias"),
    "inconsistency": ("Inconsistency", "Inconsistency"),
    "indirectness": ("Indirectness", "Indirectness"),
    "imprecision": ("Imprecision", "Imprecision"),
    "publication_bias": ("PublicationBias", "Publication bias"),
    "large_effect": ("LargeEffect", "Large effect"),
    "dose_response": ("DoseResponseGradient", "Dose response gradient"),
    "plausible_confounding": ("PlausibleConfounding", "Plausible confounding"),
}
_RATING_UP = tuple(vocab.RATING_UP_LEVELS)
RATINGS = {"high": "high", "moderate": "moderate", "low": "low", "very_low": "very-low"}
_CONCERN = {0: "no-concern", -1: "serious-concern", -2: "very-serious-concern"}
_CONCERN_DISPLAY = {
    "no-concern": "no serious concern",
    "serious-concern": "serious concern",
    "very-serious-concern": "very serious concern",
    "extremely-serious-concern": "extremely serious concern",
}
_UPGRADE = {0: ("absent", "absent"), 1: ("upcode1", "increase rating: +1")}
_UPGRADE_2 = ("upcode2", "increase rating: +2")
RELATIONS = {"Retraction": "retracted-by", "Correction": "correction-in"}
_MEASURES = {
    "RR": "Risk ratio",
    "OR": "Odds ratio",
    "HR": "Hazard ratio",
    "RD": "Risk difference",
    "MD": "Mean difference",
    "SMD": "Standardized mean difference",
}
_NOT_ID = re.compile(r"[^A-Za-z0-9.\-]")


def resource_id(key: str) -> str:
    """A FHIR id (letters, digits, '-' and '.', at most 64) for a claim id or citation key."""
    cleaned = _NOT_ID.sub("-", key)
    return cleaned if len(cleaned) <= 64 else cleaned[:55] + "-" + uuid.uuid5(_NS, key).hex[:8]


_NS = uuid.UUID("5b1f0b4e-3c55-4f7e-9f55-6a2c1f4d6e10")  # roa-evidence's own namespace


def full_url(kind: str, key: str) -> str:
    """The entry's fullUrl, the same on every export: a name-based UUID."""
    return f"urn:uuid:{uuid.uuid5(_NS, f'{kind}/{key}')}"


def _coding(system: str, code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


def citation(work: WorkRecord) -> dict[str, Any]:
    """A work as a Citation: identifiers, title, authors, where it was published, and its
    retraction and correction notices as `relatesTo`."""
    identifiers = []
    if work.doi:
        identifiers.append({"system": DOI_SYSTEM, "value": work.doi})
    if work.pmid:
        identifiers.append({"system": PMID_SYSTEM, "value": work.pmid})
    fields = work.fields
    form: dict[str, Any] = {
        "publishedIn": {"title": work.container} if work.container else None,
        "volume": fields.get("volume", "").strip() or None,
        "issue": fields.get("number", "").strip() or None,
        "pageString": fields.get("pages", "").replace("--", "-").strip() or None,
        "publicationDateText": str(work.year) if work.year is not None else None,
    }
    form = {k: v for k, v in form.items() if v}
    artifact: dict[str, Any] = {
        "identifier": identifiers or None,
        "title": [{"text": work.title}] if work.title else None,
        "publicationForm": [form] if form else None,
        "webLocation": [{"url": work.url}] if work.url else None,
        "contributorship": {"summary": [{"value": work.authors}]} if work.authors else None,
        "relatesTo": [relation for n in work.notices if (relation := _relation(n))] or None,
    }
    return {
        "resourceType": "Citation",
        "id": resource_id(work.key),
        "identifier": [{"system": "urn:roa-evidence:citation-key", "value": work.key}],
        "status": "active",
        "citedArtifact": {k: v for k, v in artifact.items() if v},
    }


def _relation(notice: dict[str, Any]) -> dict[str, Any] | None:
    kind = RELATIONS.get(notice["nature"])
    if kind is None:
        return None
    text = f"{notice['nature']} {notice.get('date') or '(undated)'}"
    if notice.get("reason"):
        text += f": {notice['reason']}"
    relation: dict[str, Any] = {"type": kind, "display": text}
    if notice.get("notice_doi"):
        relation["resourceReference"] = {
            "identifier": {"system": DOI_SYSTEM, "value": notice["notice_doi"]}
        }
    return relation


def evidence(claim: ClaimRecord) -> dict[str, Any]:
    """A finding as an Evidence: its statement as the assertion, who it is about and what
    exposure, its studies, and its pooled effect where one exists."""
    population = claim.condition if claim.condition != "any" else "any population"
    routes = ", ".join(claim.routes)
    resource: dict[str, Any] = {
        "resourceType": "Evidence",
        "id": resource_id(claim.id),
        "identifier": [{"system": "urn:roa-evidence:claim-id", "value": claim.id}],
        "title": claim.statement,
        "status": "active",
        "assertion": claim.statement,
        "variableDefinition": [
            {
                "description": f"condition: {population}",
                "variableRole": _coding(VARIABLE_ROLE, "population", "population"),
            },
            {
                "description": f"route of administration: {routes} (topic: {claim.topic})",
                "variableRole": _coding(VARIABLE_ROLE, "exposure", "exposure"),
            },
        ],
        "relatedArtifact": [_study(link) for link in claim.evidence] or None,
        "statistic": [_statistic(claim.pooled_effect)] if claim.pooled_effect else None,
    }
    return {k: v for k, v in resource.items() if v}


def _study(link: EvidenceRecord) -> dict[str, Any]:
    what = f"{link.stance}: {link.source}"
    if link.design:
        what += f" ({link.design}{'' if link.n is None else f', n={link.n}'})"
    return {
        "type": "supported-with" if link.stance == "supports" else "cites",
        "label": link.stance,
        "display": what,
        "resourceReference": {"reference": full_url("Citation", link.source)},
    }


def _statistic(effect: dict[str, Any]) -> dict[str, Any]:
    measure = effect.get("measure", "")
    statistic: dict[str, Any] = {
        "statisticType": {"text": f"{_MEASURES.get(measure, measure)} ({measure})"},
        "quantity": {"value": effect["estimate"]},
    }
    if effect.get("low") is not None and effect.get("high") is not None:
        statistic["attributeEstimate"] = [
            {
                "description": "95 % confidence interval",
                "level": 0.95,
                "range": {"low": {"value": effect["low"]}, "high": {"value": effect["high"]}},
            }
        ]
    size = {"numberOfStudies": effect.get("n_studies"), "numberOfParticipants": effect.get("n")}
    if any(value is not None for value in size.values()):
        statistic["sampleSize"] = {k: v for k, v in size.items() if v is not None}
    if effect.get("events") is not None:
        statistic["numberOfEvents"] = effect["events"]
    return statistic


def graded(claim: ClaimRecord) -> bool:
    """A finding graded on GRADE's scale (not 'none': nothing supports it)."""
    return claim.kind == "finding" and claim.certainty in RATINGS


def certainty_assessment(claim: ClaimRecord) -> dict[str, Any]:
    """A graded finding's certainty as an ArtifactAssessment (CertaintyOfEvidence): the
    rating system, the overall rating, and one component per GRADE domain with its rating
    and the derivation's reason."""
    steps: dict[str, list[dict[str, Any]]] = {}
    for step in claim.grading:
        steps.setdefault(step["domain"], []).append(step)
    rating = RATINGS[claim.certainty or ""]
    derivation = "; ".join(
        f"{s['domain'].replace('_', ' ')} {s['change']:+d}: {s['reason']}" for s in claim.grading
    )
    overall: dict[str, Any] = {
        "informationType": "rating",
        "type": _coding(CERTAINTY_TYPE, "Overall", "Overall certainty"),
        "classifier": [_coding(CERTAINTY_RATING, rating, vocab_label(rating))],
        "summary": derivation or None,
        "component": [_domain(name, steps.get(name, []), claim) for name in DOMAINS],
    }
    return {
        "resourceType": "ArtifactAssessment",
        "id": resource_id(f"certainty-{claim.id}"),
        "meta": {"profile": [CERTAINTY_OF_EVIDENCE]},
        "title": f"Certainty of evidence: {claim.statement}",
        "artifactReference": {"reference": full_url("Evidence", claim.id)},
        "content": [
            {
                "informationType": "classifier",
                "type": {"text": "Rating system"},
                "classifier": [_coding(RATING_SYSTEM, "GRADE", "GRADE")],
            },
            {k: v for k, v in overall.items() if v},
        ],
    }


def vocab_label(rating: str) -> str:
    return {"very-low": "Very low quality"}.get(rating, f"{rating.capitalize()} quality")


def _domain(name: str, steps: list[dict[str, Any]], claim: ClaimRecord) -> dict[str, Any]:
    code, display = DOMAINS[name]
    change = sum(int(step["change"]) for step in steps)
    if name in _RATING_UP:
        rating, label = _UPGRADE.get(change, _UPGRADE_2)
        reason = "; ".join(s["reason"] for s in steps) or "not found by the grading rules"
    else:
        rating = _CONCERN.get(change, "extremely-serious-concern")
        label = _CONCERN_DISPLAY[rating]
        judged = (claim.judgements or {}).get(name) or {}
        reason = (
            "; ".join(s["reason"] for s in steps)
            or judged.get("reason")
            or ("no serious concern found by the grading rules")
        )
    return {
        "informationType": "rating",
        "type": _coding(CERTAINTY_TYPE, code, display),
        "classifier": [_coding(CERTAINTY_RATING, rating, label)],
        "summary": reason,
    }


def bundle_entries(claims: Iterator[ClaimRecord], works: Iterator[WorkRecord]) -> Iterator[Any]:
    """The Bundle's entries: the works' Citations, then per finding its Evidence and, when
    graded, its certainty."""
    for work in works:
        yield _entry("Citation", work.key, citation(work))
    for claim in claims:
        if claim.kind != "finding":
            continue
        yield _entry("Evidence", claim.id, evidence(claim))
        if graded(claim):
            yield _entry("ArtifactAssessment", claim.id, certainty_assessment(claim))


def _entry(kind: str, key: str, resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": full_url(kind, key), "resource": resource}


def write(stream: TextIO, claims: Iterator[ClaimRecord], works: Iterator[WorkRecord]) -> int:
    """A FHIR R5 Bundle (JSON, type collection); entries written."""
    entries = bundle_entries(claims, works)
    first = next(entries, None)
    stream.write('{\n  "resourceType": "Bundle",\n  "type": "collection"')
    if first is None:  # FHIR allows no empty array: a Bundle with nothing has no `entry`
        stream.write("\n}\n")
        return 0
    stream.write(',\n  "entry": [')
    count = json_array(stream, itertools.chain([first], entries), "    ")
    stream.write("\n}\n")
    return count


def export(stream: TextIO, selection: Selection) -> int:
    """The selection's findings, their certainty and the works they cite, as FHIR."""
    return write(stream, selection.claims(), selection.works())
