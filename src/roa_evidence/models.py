"""The database tables: one row per work, claim, route, assertion, link and flag.

The tables are a read-optimised projection of the data files; grades are
computed at load time and stored with their derivation (`grading_json`), so
queries never grade. Lists that are only ever shown (a link's flags) are kept
as comma text; lists that are filtered on (routes, quality flags) get tables.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

SCHEMA_VERSION = "3"


class Work(SQLModel, table=True):
    """A cited work (study, review, web page) or a tracked document."""

    __tablename__ = "work"
    key: str = Field(primary_key=True)
    position: int
    entry_type: str
    title: str | None = None
    authors: str | None = None
    year: int | None = None
    container: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    design: str | None = Field(default=None, index=True)
    level: int = Field(default=1)
    n: int | None = Field(default=None, index=True)
    blinding: str | None = None
    population: str | None = None
    condition: str | None = None
    routes: str = ""
    quality: str = ""
    verification: str | None = None
    file: str | None = None
    citation_issue: str | None = None
    note: str | None = None
    is_document: bool = False
    fields_json: str = "{}"
    line: int = 0


class Claim(SQLModel, table=True):
    """A claim with its computed grade."""

    __tablename__ = "claim"
    id: str = Field(primary_key=True)
    position: int = Field(index=True)
    kind: str = Field(default="finding", index=True)  # finding | description | definition
    statement: str
    topic: str = Field(index=True)
    condition: str = Field(index=True)
    value_estimate: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    value_unit: str | None = None
    certainty: str | None = None  # None: a description or definition (checked, not graded)
    level: int = Field(index=True)  # 0 none or not graded, 1 very low ... 4 high
    status: str = Field(index=True)
    certainty_against: str | None = None  # the contradicting body's certainty (findings)
    total_n: int | None = None
    n_asserted: int = 0
    n_disputed: int = 0
    note: str | None = None
    rationale: str | None = None
    mid_json: str | None = None
    grading_json: str = "[]"
    grading_against_json: str = "[]"
    override_json: str | None = None
    pooled_effect_json: str | None = None
    judgements_json: str | None = None
    file: str = ""
    line: int = 0


class ClaimRoute(SQLModel, table=True):
    """A route a claim is about."""

    __tablename__ = "claim_route"
    claim_id: str = Field(primary_key=True, foreign_key="claim.id")
    route: str = Field(primary_key=True, index=True)


class Assertion(SQLModel, table=True):
    """A document asserting or disputing a claim, with its verbatim quote."""

    __tablename__ = "assertion"
    id: int | None = Field(default=None, primary_key=True)
    claim_id: str = Field(index=True, foreign_key="claim.id")
    document: str = Field(index=True, foreign_key="work.key")
    kind: str  # asserted | disputed
    quote: str
    citation_issue: str | None = None
    position: int = 0


class EvidenceLink(SQLModel, table=True):
    """A link claim -> source, with stance and what the source reports."""

    __tablename__ = "evidence_link"
    id: int | None = Field(default=None, primary_key=True)
    claim_id: str = Field(index=True, foreign_key="claim.id")
    source: str = Field(index=True, foreign_key="work.key")
    stance: str = Field(index=True)
    locator: str | None = None
    n: int | None = None
    value_estimate: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    value_unit: str | None = None
    indirect: str = ""
    flags: str = ""
    note: str | None = None
    effect_json: str | None = None
    within: str | None = None  # the pooled source on this claim that includes this study
    position: int = 0


class Meta(SQLModel, table=True):
    """Facts about the build: schema version, content hash, data folder."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str


class WorkNotice(SQLModel, table=True):
    """A notice on a work (from studies.bib or a matched Retraction Watch record)."""

    __tablename__ = "work_notice"
    id: int | None = Field(default=None, primary_key=True)
    work_key: str = Field(index=True, foreign_key="work.key")
    position: int = 0
    origin: str  # studies.bib | retraction-watch
    nature: str = Field(index=True)
    date: str | None = None
    notice_doi: str | None = None
    reason: str | None = None
    record_id: str | None = None
    in_force: bool = True  # False: a retraction a later reinstatement undid


class RetractionNotice(SQLModel, table=True):
    """One record of the imported Retraction Watch file; kept across rebuilds."""

    __tablename__ = "retraction_notice"
    id: int | None = Field(default=None, primary_key=True)
    record_id: str
    doi: str | None = None  # the original paper's, normalised (matched in Python: no index)
    pmid: str | None = None
    nature: str
    date: str | None = None
    notice_doi: str | None = None
    reason: str | None = None
    line: int = 0


class RetractionChange(SQLModel, table=True):
    """A claim whose grade the latest import changed, before and after."""

    __tablename__ = "retraction_change"
    claim_id: str = Field(primary_key=True)
    certainty_before: str | None = None
    status_before: str | None = None
    certainty_after: str | None = None
    status_after: str | None = None


class RetractionImport(SQLModel, table=True):
    """Facts about the latest import (file, date, counts); kept across rebuilds."""

    __tablename__ = "retraction_import"
    key: str = Field(primary_key=True)
    value: str
