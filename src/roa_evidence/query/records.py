"""One typed, frozen record per entity (claim, evidence link, assertion, work), as the
store gives it back, dumped to JSON field by field.

A record's fields are declared in the order its JSON shows them. `readers` fills them
from `tables` by name: a field named as a column from that column, `<field>_json`
columns decoded, comma-stored lists split (`COMMA`), `VALUE` from the four `value_*`
columns; the rest come from the query. A field marked `HIDDEN` is read but left out of
the JSON. So a new stored field is a column in `tables` and a field here; the CSV
columns and the tables on screen are the renderers' to choose (`csvrows`, `cli.render`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

VALUE_COLUMNS = ("value_estimate", "value_low", "value_high", "value_unit")  # a `VALUE`
COMMA = {"stored": "comma"}  # a list kept as comma text
VALUE = {"stored": "value"}  # a reported number or range, from the value_* columns
HIDDEN = {"json": False}  # read, shown by renderers, not part of the JSON contract
OMIT_EMPTY = {"omit_empty": True}  # left out of the JSON when empty


class Record:
    """A record of the store, dumped to JSON field by field."""

    def to_dict(self) -> dict[str, Any]:
        return dump(self)


@dataclass(frozen=True)
class AssertionRecord(Record):
    """A document asserting or disputing a claim, in its own words."""

    document: str
    quote: str
    citation_issue: str | None = field(default=None, metadata=OMIT_EMPTY)


@dataclass(frozen=True)
class EvidenceRecord(Record):
    """One evidence link, with the cited work's appraisal."""

    source: str
    stance: str
    design: str | None
    n: int | None  # the link's own n, else the study's
    locator: str | None = None
    indirect: tuple[str, ...] = field(default=(), metadata=COMMA)
    flags: tuple[str, ...] = field(default=(), metadata=COMMA)
    value: dict[str, Any] | None = field(default=None, metadata=VALUE)
    effect: dict[str, Any] | None = None
    within: str | None = None
    note: str | None = None
    title: str | None = None
    authors: str | None = field(default=None, metadata=HIDDEN)
    year: int | None = None
    blinding: str | None = None
    population: str | None = field(default=None, metadata=HIDDEN)
    quality: tuple[str, ...] = field(default=(), metadata=COMMA)
    doi: str | None = field(default=None, metadata=HIDDEN)
    verification: str | None = None
    notices: tuple[dict[str, Any], ...] = ()  # the work's notices (retraction, correction...)

    @property
    def retraction(self) -> dict[str, Any] | None:
        """The work's retraction in force, if any."""
        return in_force(self.notices)


@dataclass(frozen=True)
class ClaimRecord(Record):
    """A claim with everything `show` prints and the JSON contract holds."""

    id: str
    kind: str
    statement: str
    routes: tuple[str, ...]  # from claim_route, in vocabulary order
    topic: str
    condition: str
    certainty: str | None
    certainty_against: str | None
    status: str
    asserted_by: tuple[AssertionRecord, ...] = ()
    disputed_by: tuple[AssertionRecord, ...] = ()
    evidence: tuple[EvidenceRecord, ...] = ()
    total_n: int | None = None
    grading: tuple[dict[str, Any], ...] = ()
    grading_against: tuple[dict[str, Any], ...] = ()
    value: dict[str, Any] | None = field(default=None, metadata=VALUE)
    note: str | None = None
    grade_override: dict[str, Any] | None = field(default=None, metadata={"column": "override"})
    pooled_effect: dict[str, Any] | None = None
    judgements: dict[str, Any] | None = None
    rationale: str | None = None
    mid: dict[str, Any] | None = None
    importance: str | None = field(default=None, metadata=OMIT_EMPTY)  # critical, important...
    retraction: tuple[dict[str, Any], ...] = field(default=(), metadata={"json_empty": None})

    def linked_keys(self) -> list[str]:
        """The keys the claim is linked to: its evidence's sources and the documents asserting
        or disputing it, in order, once each."""
        keys = [e.source for e in self.evidence]
        keys += [a.document for a in (*self.asserted_by, *self.disputed_by)]
        return list(dict.fromkeys(keys))


@dataclass(frozen=True)
class WorkFacts:
    """What studies.bib says of a work: its bibliographic record and its appraisal.

    The entry as read (`bibfile.Work`) and as stored and shown (`WorkRecord`) both are one.
    """

    key: str
    entry_type: str = field(metadata={"json_name": "type"})
    title: str | None = None
    authors: str | None = None
    year: int | None = None
    container: str | None = None  # journal, book, site or publisher
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    design: str | None = None
    n: int | None = None
    blinding: str | None = None
    population: str | None = None
    condition: str | None = None
    routes: tuple[str, ...] = field(default=(), metadata=COMMA)
    quality: tuple[str, ...] = field(default=(), metadata=COMMA)
    verification: str | None = None
    file: str | None = None
    citation_issue: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class WorkRecord(WorkFacts, Record):
    """A work with its appraisal and the claims that cite or quote it."""

    is_document: bool = False
    fields: dict[str, str] = field(default_factory=dict, repr=False, metadata=HIDDEN)
    cited_by: tuple[str, ...] = ()
    asserts: tuple[str, ...] = ()  # claims a document asserts or disputes
    notices: tuple[dict[str, Any], ...] = ()  # retraction, correction... in date order

    @property
    def retraction(self) -> dict[str, Any] | None:
        """The retraction in force, if any."""
        return in_force(self.notices)

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["retraction"] = _public(self.retraction) if self.retraction else None
        return data


def dump(record: Any) -> dict[str, Any]:
    """A record as JSON data: its fields in declared order, tuples as lists, nested
    records dumped, notices without `in_force` (implied by where they appear)."""
    data: dict[str, Any] = {}
    values = record.__dict__
    for name, key, omit_empty, when_empty in _dump_plan(type(record)):
        value = values[name]
        if type(value) is tuple:
            if not value:
                if omit_empty:
                    continue
                data[key] = [] if when_empty is _LIST else when_empty
                continue
            value = [_jsonable(item) for item in value]
        elif omit_empty and not value:
            continue
        data[key] = value
    return data


def _jsonable(item: Any) -> Any:
    if isinstance(item, Record):
        return item.to_dict()
    if isinstance(item, dict):
        return _public(item) if "in_force" in item else dict(item)
    return item


_LIST = object()  # an empty tuple dumps as []
_PLANS: dict[type, tuple[tuple[str, str, bool, Any], ...]] = {}


def _dump_plan(kind: type) -> tuple[tuple[str, str, bool, Any], ...]:
    """Per dumped field: its name, JSON key, whether it is left out when empty, and what
    it dumps as when it is an empty tuple."""
    if kind not in _PLANS:
        _PLANS[kind] = tuple(
            (
                spec.name,
                spec.metadata.get("json_name", spec.name),
                bool(spec.metadata.get("omit_empty")),
                spec.metadata.get("json_empty", _LIST),
            )
            for spec in dataclasses.fields(kind)
            if spec.metadata.get("json", True)
        )
    return _PLANS[kind]


# --------------------------------------------------------------------------
# Notices


def in_force(notices: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The retraction in force among `notices`, if any."""
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
