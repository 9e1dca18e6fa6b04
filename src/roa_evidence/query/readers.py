"""Records (`records`) from rows of the store's tables (`tables`), matched by name."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import orjson
import sqlalchemy as sa

from .records import VALUE_COLUMNS

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


@dataclass(frozen=True)
class Reader(Generic[R]):
    """How to build one kind of record from a select's rows: `columns` to select, in
    order; `read(row, **filled)` makes the record (the fields no column holds come in
    `filled`)."""

    kind: type[R]
    columns: tuple[sa.ColumnElement[Any], ...]
    names: tuple[str, ...]  # a field name per column; a value's columns by their own names
    decoders: tuple[tuple[str, Callable[[Any], Any]], ...]
    has_value: bool  # the four value_* columns make the field `value`
    defaults: Mapping[str, Any]  # of the fields no column holds
    required: frozenset[str]  # fields no column holds and without a default: `filled`

    def index(self, name: str) -> int:
        """Where the column of field `name` is in a row."""
        return self.names.index(name)

    def read(self, row: Sequence[Any], **filled: Any) -> R:
        """The record of `row`; `filled` gives the fields no column holds (else their
        defaults)."""
        if len(row) < len(self.names) or not filled.keys() >= self.required:
            raise TypeError(
                f"a {self.kind.__name__} needs {self.names} and {sorted(self.required)}"
            )
        values = dict(self.defaults)
        values.update(zip(self.names, row, strict=False))  # a row may end in extra columns
        values.update(filled)
        for name, decode in self.decoders:
            values[name] = decode(values[name])
        if self.has_value:
            values["value"] = _value(*map(values.pop, VALUE_COLUMNS))
        # The fields set straight into the new record, as dataclasses' own __init__ would
        # (records have no __post_init__): a frozen dataclass's __init__ sets each field
        # through object.__setattr__, which was most of an export's time on 300k links.
        record = object.__new__(self.kind)
        record.__dict__.update(values)
        return record


def reader(
    kind: type[R], *tables: sa.TableClause, columns: Mapping[str, sa.ColumnElement[Any]] = {}
) -> Reader[R]:
    """A `Reader` for `kind` from `tables` (the first that holds a field's column wins);
    `columns` gives a field its own expression instead."""
    selected: list[sa.ColumnElement[Any]] = []
    names: list[str] = []
    decoders = []
    for spec in dataclasses.fields(kind):
        found = _stored(spec, tables, columns)
        if found is None:
            continue
        exprs, decode = found
        selected.extend(exprs)
        names.extend([spec.name] if len(exprs) == 1 else VALUE_COLUMNS)
        if decode is not None:
            decoders.append((spec.name, decode))
    unread = [spec for spec in dataclasses.fields(kind) if spec.name not in names]
    if any(spec.default_factory is not dataclasses.MISSING for spec in unread):
        raise TypeError(f"{kind.__name__}: a field no column holds needs a plain default")
    defaults = {s.name: s.default for s in unread if s.default is not dataclasses.MISSING}
    required = frozenset(s.name for s in unread if s.default is dataclasses.MISSING)
    has_value = "value_low" in names
    return Reader(
        kind, tuple(selected), tuple(names), tuple(decoders), has_value, defaults, required
    )


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
        return [table.c[name] for name in VALUE_COLUMNS], None
    name = spec.metadata.get("column", spec.name)
    for table in tables:
        if name in table.c:
            if spec.metadata.get("stored") == "comma":
                return [table.c[name]], split
            if isinstance(table.c[name].type, sa.Boolean):  # SQLite gives 0 and 1
                return [table.c[name]], _flag
            return [table.c[name]], None
        if f"{name}_json" in table.c:
            many = str(spec.type).startswith("tuple")  # a derivation's steps, say
            return [table.c[f"{name}_json"]], _loads_tuple if many else _loads
    return None


def _flag(value: Any) -> bool | None:
    return None if value is None else bool(value)


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
