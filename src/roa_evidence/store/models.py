"""SQLModel classes over the store's tables, derived from `tables` (the one definition).

The store creates and replaces its tables through `SQLModel.metadata`; Python users
read typed rows through these classes:

    with Session(engine) as session:
        weak = session.exec(select(Claim).where(Claim.status == "weak")).all()
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from . import tables


def table_model(name: str, table: sa.Table) -> type[SQLModel]:
    """A SQLModel table class whose fields are `table`'s columns, typed as stored."""
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__tablename__": table.name, "__module__": __name__}
    for column in table.columns:
        python_type = column.type.python_type
        annotations[column.name] = python_type | None if column.nullable else python_type
        if isinstance(column.default, sa.ColumnDefault):
            namespace[column.name] = Field(default=column.default.arg, sa_column=_copy(column))
        elif column.nullable or column is table.autoincrement_column:
            namespace[column.name] = Field(default=None, sa_column=_copy(column))
        else:
            namespace[column.name] = Field(sa_column=_copy(column))
    namespace["__annotations__"] = annotations
    return type(name, (SQLModel,), namespace, table=True)


def _copy(column: sa.Column[Any]) -> sa.Column[Any]:
    copy = column._copy()  # leaves foreign keys out: they are bound to their metadata
    for key in column.foreign_keys:
        copy.append_foreign_key(sa.ForeignKey(key.target_fullname))
    return copy


Work = table_model("Work", tables.WORK)
WorkNotice = table_model("WorkNotice", tables.WORK_NOTICE)
Claim = table_model("Claim", tables.CLAIM)
ClaimRoute = table_model("ClaimRoute", tables.CLAIM_ROUTE)
Assertion = table_model("Assertion", tables.ASSERTION)
EvidenceLink = table_model("EvidenceLink", tables.LINK)
Meta = table_model("Meta", tables.META)
RetractionNotice = table_model("RetractionNotice", tables.RETRACTION_NOTICE)
RetractionImport = table_model("RetractionImport", tables.RETRACTION_IMPORT)
RetractionChange = table_model("RetractionChange", tables.RETRACTION_CHANGE)
