"""The Retraction Watch file as data: read it, match it to works, keep it across rebuilds.

The low layer of retractions, used by the build and the store: reading the CSV
that Crossref publishes, matching its records to works (normalised DOI, then
PMID), the rows that hold them, and carrying imported notices from one database
into the next (`carried`). The import command itself is `retractions`.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import functools
import io
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..bounded import MAX_RETRACTIONS_FILE, NotReadable, open_regular
from ..errors import InvalidRetractions, StoreError
from .notices import Notice, canonical_nature, normalise_doi, normalise_pmid, standing

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from ..load.bibfile import Work

# The columns of the published file, in order (Crossref's documentation and the
# repository's README); the ones we read must all be there, the rest may vary.
HEADER: tuple[str, ...] = (
    "Record ID",
    "Title",
    "Subject",
    "Institution",
    "Journal",
    "Publisher",
    "Country",
    "Author",
    "URLS",
    "ArticleType",
    "RetractionDate",
    "RetractionDOI",
    "RetractionPubMedID",
    "OriginalPaperDate",
    "OriginalPaperDOI",
    "OriginalPaperPubMedID",
    "RetractionNature",
    "Reason",
    "Paywalled",
    "Notes",
)
_READ = (
    "Record ID",
    "RetractionDate",
    "RetractionDOI",
    "OriginalPaperDOI",
    "OriginalPaperPubMedID",
    "RetractionNature",
    "Reason",
)
SOURCE_URL = "https://gitlab.com/crossref/retraction-watch-data"
# A field longer than this is a broken file, not a long note (Python's csv stops at 128 kB).
MAX_FIELD_CHARS = 16 * 2**20


Row = tuple[Any, ...]


# --------------------------------------------------------------------------
# Reading the file

_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?$")


@functools.lru_cache(maxsize=65_536)  # a full file has about 15,000 distinct dates
def parse_date(text: str) -> str | None:
    """`3/4/2023 0:00` (month first, as published), `3/4/2023` or ISO -> `2023-03-04`;
    None when blank. Raises ValueError when it is not a date."""
    text = text.strip()
    if not text:
        return None
    if match := _US_DATE.match(text):
        month, day, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(text)
    return datetime.date(year, month, day).isoformat()


@functools.lru_cache(maxsize=65_536)  # reasons repeat: a few thousand combinations
def _reason(text: str) -> str | None:
    """`+Error in Data;+Duplication of Image;` -> `Error in Data; Duplication of Image`."""
    parts = [part.strip().lstrip("+").strip() for part in text.split(";")]
    return "; ".join(part for part in parts if part) or None


def read_retraction_watch(path: Path, skipped: list[int] | None = None) -> Iterator[Row]:
    """Stream the records of a Retraction Watch CSV as `retraction_notice` rows.

    Records naming neither a DOI nor a PubMed id of the original paper are
    skipped (nothing could match them); their lines go into `skipped`. Raises
    InvalidRetractions, naming the file and line, for a wrong header, a truncated or
    malformed row, or a date that is not one.
    """

    def fail(line: int, message: str) -> InvalidRetractions:
        return InvalidRetractions(f"{path}:{line}: {message}")

    raw = open_csv(path)
    head = raw.peek(4096)[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in head:
        raw.close()
        raise fail(
            1,
            "the file is saved as UTF-16 (or holds NUL bytes), not UTF-8 as Crossref "
            f"publishes it; save it as UTF-8 or download retraction_watch.csv from {SOURCE_URL}",
        )
    handle = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD_CHARS)
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise fail(1, f"the header is not CSV ({exc})") from None
        finally:
            csv.field_size_limit(limit)
        if header is None:
            raise fail(
                1, f"the file is empty; download retraction_watch.csv again from {SOURCE_URL}"
            )
        names = [name.strip() for name in header]
        missing = [name for name in _READ if name not in names]
        if missing:
            raise fail(
                1,
                f"this is not the Retraction Watch CSV (the header lacks {', '.join(missing)}); "
                f"download retraction_watch.csv from {SOURCE_URL}",
            )
        at = {name: names.index(name) for name in _READ}
        width = len(names)
        line = reader.line_num + 1
        while True:
            csv.field_size_limit(MAX_FIELD_CHARS)  # process-wide: set only while reading
            try:
                record = next(reader, None)
            except csv.Error as exc:
                if "field limit" in str(exc):
                    raise fail(
                        line,
                        f"a field is longer than {MAX_FIELD_CHARS:,} characters; the file is "
                        "broken (an unclosed quote?), download it again",
                    ) from None
                raise fail(
                    line,
                    f"the record is malformed or the file is truncated ({exc}); "
                    "download the file again",
                ) from None
            finally:
                csv.field_size_limit(limit)
            if record is None:
                return
            if not record:  # a blank line
                line = reader.line_num + 1
                continue
            if not (
                len(record) == width
                or (len(record) == width - 1 and names[-1] == "")  # a trailing comma on the
                or (len(record) == width + 1 and record[-1] == "")  # header or the records only
            ):
                raise fail(
                    line,
                    f"the record has {len(record)} fields where the header has {width}; "
                    "the file is truncated or malformed, download it again",
                )
            nature = _nature(record[at["RetractionNature"]])
            if not nature:
                raise fail(line, "RetractionNature is empty; the record is malformed")
            date_text = record[at["RetractionDate"]]
            try:
                date = parse_date(date_text)
            except ValueError:
                raise fail(
                    line,
                    f"RetractionDate '{date_text.strip()}' is not a date (expected like "
                    "3/4/2023 0:00 or 2023-03-04)",
                ) from None
            doi = normalise_doi(record[at["OriginalPaperDOI"]])
            pmid = normalise_pmid(record[at["OriginalPaperPubMedID"]])
            if doi is not None or pmid is not None:
                yield (
                    record[at["Record ID"]].strip(),
                    doi,
                    pmid,
                    nature,
                    date,
                    normalise_doi(record[at["RetractionDOI"]]),
                    _reason(record[at["Reason"]]),
                    line,
                )
            elif skipped is not None:
                skipped.append(line)
            line = reader.line_num + 1


_nature = functools.lru_cache(maxsize=256)(canonical_nature)


def open_csv(path: Path) -> io.BufferedReader:
    """The Retraction Watch file opened for reading; InvalidRetractions when it cannot be,
    or is not a regular file of bounded size (a named pipe, /dev/zero)."""
    try:
        handle = open_regular(path, MAX_RETRACTIONS_FILE)
    except NotReadable as exc:
        raise InvalidRetractions(
            f"{path} {exc.reason}; give the downloaded retraction_watch.csv itself"
        ) from None
    except OSError as exc:
        raise InvalidRetractions(
            f"cannot read {path} ({exc.strerror or exc}); check the path"
        ) from None
    assert isinstance(handle, io.BufferedReader)
    return handle


# --------------------------------------------------------------------------
# Matching and what a build stores


def _notice(row: Row) -> Notice:
    record_id, _doi, _pmid, nature, date, notice_doi, reason, _line = row
    return Notice(nature, date, notice_doi, reason, "retraction-watch", record_id)


def match_notices(works: Iterable[Work], imported: Sequence[Row]) -> dict[str, tuple[Notice, ...]]:
    """Each work's notices: its own (studies.bib) and the imported records matching its
    DOI or PMID, once each."""
    by_doi: dict[str, list[Row]] = defaultdict(list)
    by_pmid: dict[str, list[Row]] = defaultdict(list)
    for row in imported:
        if row[1]:
            by_doi[row[1]].append(row)
        if row[2]:
            by_pmid[row[2]].append(row)
    found: dict[str, tuple[Notice, ...]] = {}
    for work in works:
        rows = by_doi.get(normalise_doi(work.doi) or "", []) + by_pmid.get(
            normalise_pmid(work.pmid) or "", []
        )
        unique = list({id(row): row for row in rows}.values())
        notices = (*work.notices, *(_notice(row) for row in unique))
        if notices:
            found[work.key] = notices
    return found


def work_notice_records(notices: dict[str, tuple[Notice, ...]]) -> list[dict[str, Any]]:
    """The `work_notice` records, by column name; a retraction a later reinstatement
    undid is not in force."""
    records = []
    for key, work_notices in notices.items():
        in_force = standing(work_notices).retraction
        for position, notice in enumerate(work_notices):
            records.append(
                vars(notice)
                | {
                    "work_key": key,
                    "position": position,
                    "in_force": notice.nature != "Retraction" or notice is in_force,
                }
            )
    return records


@dataclass
class Persisted:
    """The retraction tables a build writes besides the evidence base's own."""

    notices: Sequence[Row] = ()  # retraction_notice rows
    facts: dict[str, str] = field(default_factory=dict)  # retraction_import
    changes: list[Row] = field(default_factory=list)  # retraction_change
    before: dict[str, tuple[str, str]] | None = None  # grades before an import

    def rows(self, claim_rows: Sequence[Row], claim_columns: Sequence[str]) -> dict[str, list[Row]]:
        """Rows of the retraction tables, with the import's changes when this is one
        (`claim_rows` are the new build's, laid out as `claim_columns`)."""
        changes = self.changes
        if self.before is not None:
            certainty = claim_columns.index("certainty")
            status = claim_columns.index("status")
            changes = []
            for row in claim_rows:
                claim_id = row[0]
                old = self.before.get(claim_id)
                new = (row[certainty], row[status])
                if old is not None and old != new:
                    changes.append((claim_id, *old, *new))
            self.facts["claims_changed"] = str(len(changes))
        return {
            "retraction_notice": list(self.notices),
            "retraction_import": sorted(self.facts.items()),
            "retraction_change": changes,
        }


def _carry_queries() -> dict[str, str]:
    """What `carried` reads, as SQL text both sqlite3 and a server connection run."""
    from ..store.tables import RETRACTION_CHANGE, RETRACTION_NOTICE, insert_columns

    notices, changes = (
        ", ".join(insert_columns(t)) for t in (RETRACTION_NOTICE, RETRACTION_CHANGE)
    )
    return {
        "notices": f"SELECT {notices} FROM retraction_notice ORDER BY id",
        "facts": "SELECT key, value FROM retraction_import",
        "changes": f"SELECT {changes} FROM retraction_change ORDER BY claim_id",
    }


def carried(path: Path | None, engine: Engine | None) -> Persisted:
    """The retraction tables of the database as it is (a SQLite file at `path`, or the
    server behind `engine`), to carry into a rebuild."""
    found: dict[str, list[Row]] = {}
    if path is not None:
        if not path.is_file():
            return Persisted()
        try:
            with contextlib.closing(sqlite3.connect(path)) as lite:
                tables = {name for (name,) in lite.execute("SELECT name FROM sqlite_master")}
                if "retraction_notice" not in tables:
                    return Persisted()  # built before retractions existed
                for name, sql in _carry_queries().items():
                    found[name] = lite.execute(sql).fetchall()
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc):
                return Persisted()  # not ours: the build refuses to replace it, and says so
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(
                    f"the database {path} is busy: another process holds a lock on it "
                    f"({exc}); nothing was changed; run again when that process is done"
                ) from None
            raise StoreError(
                f"cannot read the imported retraction notices in {path} ({exc}); the "
                "database was left as it is; move it away to rebuild without them, then run "
                "roa-evidence retractions import FILE.csv again"
            ) from None
        return _persisted(found)
    import sqlalchemy as sa

    assert engine is not None, "a server database needs its engine"
    try:
        with engine.connect() as server:
            return carried_from_server(server)
    except sa.exc.DBAPIError:
        return Persisted()  # no server database yet: the build reports what is wrong


def carried_from_server(conn: Connection) -> Persisted:
    """The retraction tables as this (PostgreSQL) connection sees them."""
    if conn.exec_driver_sql("SELECT to_regclass('retraction_notice')").scalar() is None:
        return Persisted()
    found = {
        name: [tuple(row) for row in conn.exec_driver_sql(sql)]
        for name, sql in _carry_queries().items()
    }
    return _persisted(found)


def _persisted(found: dict[str, list[Row]]) -> Persisted:
    return Persisted(
        notices=found["notices"],
        facts={key: value for key, value in found["facts"]},
        changes=[tuple(row) for row in found["changes"]],
    )


# --------------------------------------------------------------------------
# Importing
