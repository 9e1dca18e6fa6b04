"""The database tables, defined once: every column, type, key and index of the store.

Everything else derives from these: the SQLModel classes (`models`), the columns the
build writes (`insert_columns`), the queries and the carried-over retraction tables.
Only SQLAlchemy Core is imported here, so a query pays for no ORM. A change here
bumps `store.SCHEMA_VERSION`, so that stores built before it are rebuilt.

The tables are a read-optimised projection of the data files; grades are computed at
load time and stored with their derivation (`grading_json`), so queries never grade.
Lists that are only ever shown (a link's flags) are kept as comma text; lists that are
filtered on (routes) get tables.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..query.records import VALUE_COLUMNS

metadata = sa.MetaData()
Text, Int, Real, Flag = sa.String, sa.Integer, sa.Float, sa.Boolean


def _column(name: str, kind: Any, *args: Any, null: bool = False, **options: Any) -> sa.Column[Any]:
    """A column, NOT NULL unless `null` (most of the store's text is required); `args`
    may hold a foreign key. A `default` is Python's (for rows made through `models`):
    the build always writes every column."""
    return sa.Column(name, kind, *args, nullable=null, **options)


def _optional(name: str, kind: Any = Text, **options: Any) -> sa.Column[Any]:
    return _column(name, kind, null=True, **options)


def _value_columns() -> tuple[sa.Column[Any], ...]:
    """A reported number or range (`value:` of a claim or of a link)."""
    *numbers, unit = VALUE_COLUMNS
    return (*(_optional(name, Real) for name in numbers), _optional(unit))


def _serial() -> sa.Column[Any]:
    return sa.Column("id", Int, primary_key=True)  # assigned by the database


def _of_claim(**options: Any) -> sa.Column[Any]:
    return _column("claim_id", Text, sa.ForeignKey("claim.id"), **options)


def _of_work(name: str) -> sa.Column[Any]:
    """A citation key: the work cited, quoting or noticed."""
    return _column(name, Text, sa.ForeignKey("work.key"), index=True)


# A cited work (study, review, web page) or a tracked document.
WORK = sa.Table(
    "work",
    metadata,
    _column("key", Text, primary_key=True),
    _column("position", Int),
    _column("entry_type", Text),
    *(_optional(name) for name in ("title", "authors")),
    _optional("year", Int),
    *(_optional(name) for name in ("container", "doi", "pmid", "url")),
    _optional("design", index=True),
    _column("level", Int, default=1),  # the design's starting level (vocab.DESIGN_LEVEL)
    _optional("n", Int, index=True),
    *(_optional(name) for name in ("blinding", "population", "condition")),
    _column("routes", Text, default=""),  # comma-separated
    _column("quality", Text, default=""),  # comma-separated flags
    *(_optional(name) for name in ("verification", "file", "citation_issue", "note")),
    _column("is_document", Flag, default=False),
    _column(
        "fields_json", Text, default="{}"
    ),  # every BibTeX field as written, for the BibTeX export
    _column("line", Int, default=0),
)

# A claim with its computed grade.
CLAIM = sa.Table(
    "claim",
    metadata,
    _column("id", Text, primary_key=True),
    _column("position", Int, index=True),
    _column("kind", Text, index=True, default="finding"),  # finding | description | definition
    _column("statement", Text),
    _column("topic", Text, index=True),
    _column("condition", Text, index=True),
    *_value_columns(),
    _optional("certainty"),  # None: a description or definition (checked, not graded)
    _column("level", Int, index=True),  # 0 none or not graded, 1 very low ... 4 high
    _column("status", Text, index=True),
    _optional("certainty_against"),  # the contradicting body's certainty (findings)
    _optional("total_n", Int),
    _column("n_asserted", Int, default=0),
    _column("n_disputed", Int, default=0),
    *(_optional(name) for name in ("note", "rationale", "mid_json", "importance")),
    _column("grading_json", Text, default="[]"),  # the derivation, step by step
    _column("grading_against_json", Text, default="[]"),
    *(_optional(f"{name}_json") for name in ("override", "pooled_effect", "judgements")),
    _column("file", Text, default=""),
    _column("line", Int, default=0),
)

# A route a claim is about.
CLAIM_ROUTE = sa.Table(
    "claim_route",
    metadata,
    _of_claim(primary_key=True),
    _column("route", Text, primary_key=True, index=True),
)


def _claim_citing(name: str, work: str, *columns: sa.Column[Any]) -> sa.Table:
    """A table of a claim's rows that each name a work (in column `work`)."""
    return sa.Table(name, metadata, _serial(), _of_claim(index=True), _of_work(work), *columns)


# A document asserting or disputing a claim, with its verbatim quote.
ASSERTION = _claim_citing(
    "assertion",
    "document",
    _column("kind", Text),  # asserted | disputed
    _column("quote", Text),
    _optional("citation_issue"),
    _column("position", Int, default=0),
)

# A link claim -> source, with stance and what the source reports.
LINK = _claim_citing(
    "evidence_link",
    "source",
    _column("stance", Text, index=True),
    _optional("locator"),
    _optional("n", Int),
    *_value_columns(),
    _column("indirect", Text, default=""),  # comma-separated
    _column("flags", Text, default=""),  # comma-separated
    _optional("note"),
    _optional("effect_json"),
    _optional("within"),  # the pooled source on this claim that includes this study
    _column("position", Int, default=0),
)

# Facts about the build: schema version, content hash, data folder.
META = sa.Table("meta", metadata, _column("key", Text, primary_key=True), _column("value", Text))

# A notice on a work (from studies.bib or a matched Retraction Watch record).
WORK_NOTICE = sa.Table(
    "work_notice",
    metadata,
    _serial(),
    _of_work("work_key"),
    _column("position", Int, default=0),
    _column("origin", Text),  # studies.bib | retraction-watch
    _column("nature", Text, index=True),
    *(_optional(name) for name in ("date", "notice_doi", "reason", "record_id")),
    _column("in_force", Flag, default=True),  # False: a retraction a later reinstatement undid
)

# One record of the imported Retraction Watch file; kept across rebuilds.
RETRACTION_NOTICE = sa.Table(
    "retraction_notice",
    metadata,
    _serial(),
    _column("record_id", Text),
    _optional("doi"),  # the original paper's, normalised (matched in Python: no index)
    _optional("pmid"),
    _column("nature", Text),
    *(_optional(name) for name in ("date", "notice_doi", "reason")),
    _column("line", Int, default=0),
)

# A claim whose grade the latest import changed, before and after.
RETRACTION_CHANGE = sa.Table(
    "retraction_change",
    metadata,
    _column("claim_id", Text, primary_key=True),
    *(_optional(name) for name in ("certainty_before", "status_before")),
    *(_optional(name) for name in ("certainty_after", "status_after")),
)

# Facts about the latest import (file, date, counts); kept across rebuilds.
RETRACTION_IMPORT = sa.Table(
    "retraction_import",
    metadata,
    _column("key", Text, primary_key=True),
    _column("value", Text),
)

# Parents first; the last three are carried over from one build to the next.
TABLES = (
    WORK,
    WORK_NOTICE,
    CLAIM,
    CLAIM_ROUTE,
    ASSERTION,
    LINK,
    META,
    RETRACTION_NOTICE,
    RETRACTION_IMPORT,
    RETRACTION_CHANGE,
)


def insert_columns(table: sa.Table) -> tuple[str, ...]:
    """The columns a load writes, in table order: all but a serial id."""
    serial = table.autoincrement_column
    return tuple(column.name for column in table.columns if column is not serial)
