"""What the store gives back: one typed, frozen record per entity (claim, evidence link,
assertion, work), read from `tables` by column name and dumped to JSON by field.

A record's fields are declared in the order its JSON shows them. A field named as a
column is read from that column; `<field>_json` columns are decoded; comma-stored
lists are split (`COMMA`); `VALUE` gathers the four `value_*` columns; a field marked
`HIDDEN` is read but left out of the JSON; the rest are filled by the query. So a new
stored field is a column in `tables` and a field here; the CSV columns and the tables
on screen are the renderers' to choose (`tabular`, `cli.render`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
import sqlalchemy as sa

COMMA = {"stored": "comma"}  # a list kept as comma text
VALUE = {"stored": "value"}  # a reported number or range, from the value_* columns
HIDDEN = {"json": False}  # read, shown by renderers, not part of the JSON contract
OMIT_EMPTY = {"omit_empty": True}  # left out of the JSON when empty
_VALUE_COLUMNS = ("value_estimate", "value_low", "value_high", "value_unit")


class Record:
    """A record of the store, dumped to JSON field by field."""

    def to_dict(self) -> dict[str, Any]:
        return dump(self)


@dataclass(frozen=True)
class AssertionView(Record):
    """A document asserting or disputing a claim, in its own words."""

    document: str
    quote: str
    citation_issue: str | None = field(default=None, metadata=OMIT_EMPTY)


@dataclass(frozen=True)
class EvidenceView(Record):
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
class ClaimView(Record):
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
    asserted_by: tuple[AssertionView, ...] = ()
    disputed_by: tuple[AssertionView, ...] = ()
    evidence: tuple[EvidenceView, ...] = ()
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
    retraction: tuple[dict[str, Any], ...] = field(default=(), metadata={"json_empty": None})


@dataclass(frozen=True)
class WorkView(Record):
    """A work with its appraisal and the claims that cite or quote it."""

    key: str
    entry_type: str = field(metadata={"json_name": "type"})
    title: str | None = None
    authors: str | None = None
    year: int | None = None
    container: str | None = None
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
    for spec in _dumped_fields(type(record)):
        value = getattr(record, spec.name)
        if spec.metadata.get("omit_empty") and not value:
            continue
        if isinstance(value, tuple):
            value = [_jsonable(item) for item in value]
            if not value and "json_empty" in spec.metadata:
                value = spec.metadata["json_empty"]
        data[spec.metadata.get("json_name", spec.name)] = value
    return data


def _jsonable(item: Any) -> Any:
    if dataclasses.is_dataclass(item):
        return dump(item)
    if isinstance(item, dict):
        return _public(item) if "in_force" in item else dict(item)
    return item


_DUMPED: dict[type, tuple[dataclasses.Field[Any], ...]] = {}


def _dumped_fields(kind: type) -> tuple[dataclasses.Field[Any], ...]:
    if kind not in _DUMPED:
        _DUMPED[kind] = tuple(f for f in dataclasses.fields(kind) if f.metadata.get("json", True))
    return _DUMPED[kind]


# --------------------------------------------------------------------------
# Reading records from rows


@dataclass(frozen=True)
class Reader:
    """How to build one kind of record from a select's rows: `columns` to select, in
    order; `read(row, **filled)` makes the record (the fields no column holds come in
    `filled`)."""

    kind: type
    columns: tuple[sa.ColumnElement[Any], ...]
    steps: tuple[tuple[str, int, Callable[[Any], Any] | None, int], ...]

    def index(self, name: str) -> int:
        """Where the column of field `name` is in a row."""
        return next(at for field_name, at, _, _ in self.steps if field_name == name)

    def read(self, row: Sequence[Any], **filled: Any) -> Any:
        for name, at, decode, width in self.steps:
            if width == 1:
                filled[name] = row[at] if decode is None else decode(row[at])
            else:
                filled[name] = _value(*row[at : at + width])
        return self.kind(**filled)


def reader(
    kind: type, *tables: sa.TableClause, columns: Mapping[str, sa.ColumnElement[Any]] = {}
) -> Reader:
    """A `Reader` for `kind` from `tables` (the first that holds a field's column wins);
    `columns` gives a field its own expression instead."""
    selected: list[sa.ColumnElement[Any]] = []
    steps = []
    for spec in dataclasses.fields(kind):
        found = _stored(spec, tables, columns)
        if found is None:
            continue
        exprs, decode = found
        steps.append((spec.name, len(selected), decode, len(exprs)))
        selected.extend(exprs)
    return Reader(kind, tuple(selected), tuple(steps))


def _stored(
    spec: dataclasses.Field[Any],
    tables: Iterable[sa.TableClause],
    columns: Mapping[str, sa.ColumnElement[Any]],
) -> tuple[list[sa.ColumnElement[Any]], Callable[[Any], Any] | None] | None:
    """The column(s) a field is read from, and how to decode them; None: filled by the
    query."""
    if spec.name in columns:
        return [columns[spec.name]], None
    tables = list(tables)
    if spec.metadata.get("stored") == "value":
        table = next(t for t in tables if "value_low" in t.c)
        return [table.c[name] for name in _VALUE_COLUMNS], None
    name = spec.metadata.get("column", spec.name)
    for table in tables:
        if name in table.c:
            if spec.metadata.get("stored") == "comma":
                return [table.c[name]], split
            if isinstance(table.c[name].type, sa.Boolean):
                return [table.c[name]], bool
            return [table.c[name]], None
        if f"{name}_json" in table.c:
            many = str(spec.type).startswith("tuple")  # a derivation's steps, say
            return [table.c[f"{name}_json"]], _loads_tuple if many else _loads
    return None


def split(text: str | None) -> tuple[str, ...]:
    """A comma-stored list."""
    return tuple(filter(None, text.split(","))) if text else ()


def _value(estimate: Any, low: Any, high: Any, unit: Any) -> dict[str, Any] | None:
    if estimate is None and low is None and high is None and unit is None:
        return None  # most links and claims report no value: skip building the dict
    value = {"estimate": estimate, "low": low, "high": high, "unit": unit}
    return {k: v for k, v in value.items() if v is not None}


def _loads(text: str | None) -> Any:
    # orjson: a 10k-claim list decodes its stored gradings several times faster than json
    return orjson.loads(text) if text else None


def _loads_tuple(text: str | None) -> tuple[Any, ...]:
    return tuple(_loads(text) or ())


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
