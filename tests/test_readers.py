"""Records from rows by column name (`readers`), on a real SQLite table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
import sqlalchemy as sa

from roa_evidence.query.readers import reader
from roa_evidence.query.records import COMMA, VALUE

metadata = sa.MetaData()
THING = sa.Table(
    "thing",
    metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("tags", sa.String),
    sa.Column("done", sa.Boolean, nullable=True),
    sa.Column("steps_json", sa.String),
    *(sa.Column(f"value_{part}", sa.Float) for part in ("estimate", "low", "high")),
    sa.Column("value_unit", sa.String),
)


@dataclass(frozen=True)
class Thing:
    key: str
    tags: tuple[str, ...] = field(default=(), metadata=COMMA)
    done: bool | None = None
    steps: tuple[dict[str, Any], ...] = ()
    value: dict[str, Any] | None = field(default=None, metadata=VALUE)
    owner: str = ""  # no column: the query fills it, else the default
    parent: str | None = None


def _rows(*values: dict[str, Any]) -> list[Any]:
    engine = sa.create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(THING.insert(), list(values))
        return list(conn.execute(sa.select(*reader(Thing, THING).columns)).all())


def test_a_row_becomes_the_record_its_columns_name() -> None:
    things = reader(Thing, THING)
    row = _rows(
        {"key": "a", "tags": "x,y", "done": True, "steps_json": '[{"n": 1}]', "value_low": 2.0}
    )[0]
    thing = things.read(row, owner="me")
    assert thing == Thing("a", ("x", "y"), True, ({"n": 1},), {"low": 2.0}, "me")
    assert thing.parent is None
    blank = things.read(_rows({"key": "b", "tags": "", "steps_json": None})[0])
    assert blank == Thing("b", (), None, (), None)


def test_a_reader_refuses_what_it_cannot_fill() -> None:
    @dataclass(frozen=True)
    class Needs:
        key: str
        parent: str  # no column, no default: the query must give it

    needs = reader(Needs, THING)
    with pytest.raises(TypeError, match="parent"):
        needs.read(("a",))
    assert needs.read(("a",), parent="p") == Needs("a", "p")
    with pytest.raises(TypeError, match="Needs"):
        needs.read((), parent="p")  # a row too short for the columns

    @dataclass(frozen=True)
    class Shared:
        key: str
        cache: dict[str, Any] = field(default_factory=dict)

    with pytest.raises(TypeError, match="plain default"):
        reader(Shared, THING)
