"""JSON: one object holding `claims` (the `claims --format json` records) and `sources` (works)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..query.queries import check_filter_keys
from ..query.records import ClaimRecord, WorkRecord
from .read import Selection


def json_array(stream: TextIO, records: Iterable[dict[str, Any]], indent: str) -> int:
    """The records, one per line (json's C encoder: indenting is several times slower)."""
    count = 0
    for record in records:
        text = json.dumps(record, ensure_ascii=False)
        stream.write(("," if count else "") + "\n" + indent + text)
        count += 1
    stream.write("\n" + indent[:-2] + "]" if count else "]")
    return count


def write(stream: TextIO, claims: Iterable[ClaimRecord] | None, works: Iterable[WorkRecord]) -> int:
    """One JSON object: `claims` (the `claims --format json` records, unless None) and
    `sources` (works); records written."""
    count = 0
    stream.write("{")
    if claims is not None:
        stream.write('\n  "claims": [')
        count += json_array(stream, (c.to_dict() for c in claims), "    ")
        stream.write(",")
    stream.write('\n  "sources": [')
    count += json_array(stream, (w.to_dict() for w in works), "    ")
    stream.write("\n}\n")
    return count


def export(stream: TextIO, selection: Selection) -> int:
    """The selection as JSON (works only when it asks for sources); records written."""
    if selection.what == "sources":
        return write(stream, None, selection.works())
    check_filter_keys(selection.conn, selection.flt)
    return write(stream, selection.claims(), selection.works())
