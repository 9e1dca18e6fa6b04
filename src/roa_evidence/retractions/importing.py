"""The Retraction Watch file: read it, match it to the works, keep it across rebuilds.

Crossref publishes the Retraction Watch database as one CSV
(gitlab.com/crossref/retraction-watch-data); users download it and run
`roa-evidence retractions import FILE.csv`. Every record that names a DOI or
PubMed id of the original paper is stored in `retraction_notice`; each build
matches them to the works of studies.bib (normalised DOI, then PMID), so a
work added later is matched too. The imported records live in the database
and every rebuild carries them over into the new one (`carried`); an import
replaces them, and regrades, in one atomic build.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InvalidRetractions, StoreError
from .notices import standing
from .retraction_watch import HEADER, Persisted, Row, carried, match_notices, read_retraction_watch

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from ..store.database import LoadSummary, Progress, Store

__all__ = [
    "HEADER",
    "Change",
    "ImportSummary",
    "InvalidRetractions",
    "Persisted",
    "carried",
    "import_retractions",
    "match_notices",
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
    skipped: int = 0  # records naming neither a DOI nor a PMID: nothing could match them


def import_retractions(
    store: Store, data_dir: Path, csv_path: Path, progress: Progress | None = None
) -> ImportSummary:
    """Replace the imported notices with those of `csv_path` and regrade, all or nothing.

    The database is first brought up to date with the evidence files, so the
    grades recorded as "before" differ from "after" only by the notices. The
    file is parsed while studies.bib is (in another process, when it is large).
    """
    from ..load.inputs import file_hashes
    from ..load.read import read_evidence_base
    from ..load.refresh import refresh
    from ..store.sqlitefile import build_lock

    digest = hashlib.blake2b(digest_size=16)
    try:
        with open(csv_path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise InvalidRetractions(
            f"cannot read {csv_path} ({exc.strerror or exc}); check the path"
        ) from None
    refresh(store, data_dir, progress=progress)
    notices: list[Row] = []
    skipped: list[int] = []  # the lines of records nothing could match

    def parse() -> None:
        if progress:
            progress(f"reading {csv_path.name}")
        notices.extend(read_retraction_watch(csv_path, skipped))

    with build_lock(store.path):
        before = _grades(store)
        base = read_evidence_base(data_dir, while_waiting=parse)
        facts = {
            "file": str(csv_path.resolve()),
            "file_hash": digest.hexdigest(),
            "imported_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "records": str(len(notices)),
        }
        persisted = Persisted(notices=notices, facts=facts, before=before)
        load = store.build(base, file_hashes(data_dir), progress, persisted)
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
    )


def _grades(store: Store) -> dict[str, tuple[str, str]]:
    import sqlalchemy as sa

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
    import sqlalchemy as sa

    from ..store.tables import CLAIM, RETRACTION_CHANGE, RETRACTION_IMPORT

    facts = {key: value for key, value in conn.execute(sa.select(RETRACTION_IMPORT))}
    changed = (
        sa.select(RETRACTION_CHANGE)
        .join(CLAIM, CLAIM.c.id == RETRACTION_CHANGE.c.claim_id)
        .order_by(CLAIM.c.position)
    )
    return facts, [Change(*row) for row in conn.execute(changed)]
