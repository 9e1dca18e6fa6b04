"""The Retraction Watch file: read it, match it to the works, keep it across rebuilds.

Crossref publishes the Retraction Watch database as one CSV
(gitlab.com/crossref/retraction-watch-data); users download it and run
`roa-evidence retractions import FILE.csv`. Every record that names a DOI or
PubMed id of the original paper is stored in `retraction_notice`; each build
matches them to the works of studies.bib (normalised DOI, then PMID), so a
work added later is matched too. The imported records live in the database
and every rebuild carries them over into the new one (the store does); an import
replaces them, and regrades, in one atomic build.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InvalidRetractions, StoreError
from .notices import standing
from .retraction_watch import (
    HEADER,
    Persisted,
    Row,
    match_notices,
    open_csv,
    read_retraction_watch,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from ..store.database import LoadSummary, Progress, Store

__all__ = [
    "HEADER",
    "Change",
    "ImportSummary",
    "InvalidRetractions",
    "Persisted",
    "Preview",
    "import_retractions",
    "match_notices",
    "preview_retractions",
    "read_retraction_watch",
    "retraction_changes",
]


@dataclass(frozen=True)
class ImportSummary:
    """What an import read, matched and changed."""

    records: int  # records naming a DOI or PMID, stored
    works_matched: int  # works of the base with at least one imported notice
    works_retracted: int  # works with a retraction in force (imported or by hand)
    claims_changed: int  # claims whose certainty or status changed
    load: LoadSummary
    added: int = 0  # notices not imported before
    removed: int = 0  # notices imported before and not in this file
    skipped: int = 0  # records naming neither a DOI nor a PMID: nothing could match them


# An import that would drop more than this share of the notices imported before is
# refused without --replace: a truncated download (cut at a line end, or after its
# header) parses cleanly and would silently un-retract works.
MAX_SILENT_LOSS = 0.5


def _identity(row: Row) -> tuple[Any, ...]:
    return (row[0], row[1], row[2])  # record id, original DOI, PMID


def notice_delta(before: Sequence[Row], after: Sequence[Row]) -> tuple[int, int]:
    """How many notices `after` adds to `before`, and how many of `before` it drops."""
    old = {_identity(row) for row in before}
    new = {_identity(row) for row in after}
    return len(new - old), len(old - new)


def import_retractions(
    store: Store,
    data_dir: Path,
    csv_path: Path,
    progress: Progress | None = None,
    replace: bool = False,
) -> ImportSummary:
    """Replace the imported notices with those of `csv_path` and regrade, all or nothing.

    The database is first brought up to date with the evidence files, so the
    grades recorded as "before" differ from "after" only by the notices. The
    file is parsed while studies.bib is (in another process, when it is large).
    Unless `replace`, an import that would drop most of the notices imported
    before (a truncated file) raises InvalidRetractions and changes nothing.
    """
    # lazy: `retractions diff` (retraction_changes) only reads the store, and should not
    # pay for the parsers
    from ..load.inputs import read_inputs
    from ..load.read import read_base_files
    from ..load.refresh import refresh, write_base
    from ..store.sqlitefile import build_lock

    digest = hashlib.blake2b(digest_size=16)
    with open_csv(csv_path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    refresh(store, data_dir, progress=progress)
    notices: list[Row] = []
    skipped: list[int] = []  # the lines of records nothing could match

    def parse() -> None:
        if progress:
            progress(f"reading {csv_path.name}")
        notices.extend(read_retraction_watch(csv_path, skipped))

    with build_lock(store.path, store.lock_wait, store.on_wait):
        before = _grades(store)
        inputs = read_inputs(data_dir)  # parsed and recorded as built from: the same bytes
        base = read_base_files(inputs, while_waiting=parse)  # terms activated by refresh
        facts = {
            "file": str(csv_path.resolve()),
            "file_hash": digest.hexdigest(),
            "imported_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "records": str(len(notices)),
        }
        previous = store.carried()
        added, removed = notice_delta(previous.notices, notices)
        if not replace and removed > MAX_SILENT_LOSS * len(previous.notices):
            raise InvalidRetractions(_loss_message(csv_path, len(notices), removed, previous))
        persisted = Persisted(notices=notices, facts=facts, before=before)
        load = write_base(store, base, inputs, progress, persisted)
    matched = match_notices(base.works.values(), notices)
    own = {key: len(work.notices) for key, work in base.works.items()}
    imported_keys = [key for key, found in matched.items() if len(found) > own[key]]
    retracted = sum(1 for found in matched.values() if standing(found).retraction is not None)
    return ImportSummary(
        records=len(notices),
        works_matched=len(imported_keys),
        works_retracted=retracted,
        claims_changed=int(persisted.facts.get("claims_changed", "0")),
        load=load,
        skipped=len(skipped),
        added=added,
        removed=removed,
    )


def _loss_message(csv_path: Path, records: int, removed: int, previous: Persisted) -> str:
    when = previous.facts.get("imported_at", "an earlier import")
    return (
        f"{csv_path} holds {records:,} notices; importing it would drop {removed:,} of the "
        f"{len(previous.notices):,} imported on {when}, so it looks truncated; nothing was "
        f"changed; download the file again, see what it would change with "
        f"`roa-evidence retractions diff {csv_path}`, or pass --replace to import it anyway"
    )


@dataclass(frozen=True)
class Preview:
    """What importing a file would change, computed without writing anything."""

    records: int  # notices the file holds
    previous: int  # notices imported now
    added: int
    removed: int
    changes: list[Change]  # claims whose grade the import would change
    facts: dict[str, str]  # the current import's facts (empty when there was none)


def preview_retractions(
    store: Store, data_dir: Path, csv_path: Path, progress: Progress | None = None
) -> Preview:
    """What `import_retractions` would change with `csv_path`: notices added and dropped,
    and each claim whose certainty or status would change. Writes nothing but a
    rebuild of a database out of date with its evidence files."""
    # lazy: as in import_retractions
    from ..load.read import read_evidence_base
    from ..load.refresh import refresh
    from ..load.rows import layout, table_rows

    notices: list[Row] = []
    refresh(store, data_dir, progress=progress)
    before = _grades(store)
    previous = store.carried()
    base = read_evidence_base(
        data_dir, while_waiting=lambda: notices.extend(read_retraction_watch(csv_path))
    )
    claim_rows = table_rows(base, notices)["claim"]
    persisted = Persisted(notices=notices, before=before)
    changed = persisted.rows(claim_rows, layout()["claim"])["retraction_change"]
    added, removed = notice_delta(previous.notices, notices)
    return Preview(
        records=len(notices),
        previous=len(previous.notices),
        added=added,
        removed=removed,
        changes=[Change(*row) for row in changed],
        facts=previous.facts,
    )


def _grades(store: Store) -> dict[str, tuple[str, str]]:
    import sqlalchemy as sa  # lazy: as the store's, SQLAlchemy on use

    try:
        with store.engine.connect() as conn:
            return {
                claim_id: (certainty, status)
                for claim_id, certainty, status in conn.execute(
                    sa.text("SELECT id, certainty, status FROM claim")
                )
            }
    except sa.exc.DBAPIError as exc:
        raise StoreError(f"cannot read the current grades ({exc.orig}); run load first") from None
    finally:
        store.close()


# --------------------------------------------------------------------------
# Reading back


@dataclass(frozen=True)
class Change:
    """A claim whose grade the latest import changed."""

    claim_id: str
    certainty_before: str | None
    status_before: str | None
    certainty_after: str | None
    status_after: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim_id,
            "before": {"certainty": self.certainty_before, "status": self.status_before},
            "after": {"certainty": self.certainty_after, "status": self.status_after},
        }


def retraction_changes(conn: Connection) -> tuple[dict[str, str], list[Change]]:
    """The latest import's facts (empty when there was none) and the claims it changed."""
    import sqlalchemy as sa  # lazy: as the store's, SQLAlchemy on use

    from ..store.tables import CLAIM, RETRACTION_CHANGE, RETRACTION_IMPORT

    facts = {key: value for key, value in conn.execute(sa.select(RETRACTION_IMPORT))}
    changed = (
        sa.select(RETRACTION_CHANGE)
        .join(CLAIM, CLAIM.c.id == RETRACTION_CHANGE.c.claim_id)
        .order_by(CLAIM.c.position)
    )
    return facts, [Change(*row) for row in conn.execute(changed)]
