"""The facts a build records about itself in its `meta` table, and what they tell.

Kept apart from the store (and from SQLAlchemy) so that finding a database current
costs one read of this table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_VERSION = "4"  # bump when a table in `tables` changes: older stores are rebuilt


def built_from(meta: dict[str, str], data_hash: str) -> bool:
    """True when a database with this meta was built from this content by this version."""
    return meta.get("schema_version") == SCHEMA_VERSION and meta.get("data_hash") == data_hash


def meta_rows(
    data_dir: Path, data_hash: str, hashes: dict[str, str], documents_by_file: dict[str, list[str]]
) -> list[tuple[Any, ...]]:
    """The meta table: schema version, content hashes (overall and per file), and each
    claims file's `documents:` list, which an incremental load needs."""
    rows: list[tuple[Any, ...]] = [
        ("schema_version", SCHEMA_VERSION),
        ("data_hash", data_hash),
        ("data_dir", str(data_dir.resolve())),
    ]
    rows += [(f"input:{name}", file_hash) for name, file_hash in hashes.items()]
    rows += [(f"documents:{name}", json.dumps(keys)) for name, keys in documents_by_file.items()]
    return rows
