"""RIS, the reference managers' and databases' exchange format, in and out.

In: the file's structure is checked line by line first (every record runs from `TY  - `
to `ER  - `), so that a malformed file is refused whole, naming its record and line;
then rispy reads the records, and each becomes a `Reference`. Databases put the same
facts under different tags (Scopus keeps the PubMed id in C2, Embase in C5, Ovid and
PubMed in AN; the abstract is AB or N2; the journal T2, JO, JF or JA), so each fact is
looked for wherever one of them puts it.

Out: `write_ris` writes works back as RIS (TY, TI, AU, PY, T2/JO, VL, IS, SP, EP, DO,
AN for the PubMed id, AB, UR, ID for the citation key).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import rispy

from ..errors import EvidenceError
from ..latex import latex_to_text
from ..query.records import WorkRecord


class InvalidRis(EvidenceError):
    """An RIS file cannot be read; nothing was imported."""


# RIS reference types -> BibTeX entry types (anything else is @misc)
ENTRY_TYPES = {
    "JOUR": "article",
    "JFULL": "article",
    "EJOUR": "article",
    "MGZN": "article",
    "NEWS": "article",
    "INPR": "article",
    "ABST": "article",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "incollection",
    "ECHAP": "incollection",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "THES": "phdthesis",
    "RPRT": "techreport",
    "GOVDOC": "techreport",
    "UNPB": "unpublished",
}
RIS_TYPES = {
    "article": "JOUR",
    "book": "BOOK",
    "incollection": "CHAP",
    "inbook": "CHAP",
    "inproceedings": "CPAPER",
    "conference": "CPAPER",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "techreport": "RPRT",
    "report": "RPRT",
    "unpublished": "UNPB",
    "online": "ELEC",
}

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  -( |$)")
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")
_NUMBERING = re.compile(r"^\d+\.$")  # some writers (rispy) number the records: `1.`
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_PMID = re.compile(r"^\d{1,9}$")
_PMID_LABELLED = re.compile(r"\bPMID:?\s*(\d{1,9})\b", re.IGNORECASE)
_PUBMED_URL = re.compile(r"(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/(\d{1,9})")
_DOI = re.compile(r"\b(10\.\d{4,9}/\S+)")


@dataclass(frozen=True)
class Reference:
    """One RIS record, as the facts a BibTeX entry keeps."""

    record: int  # 1-based, in file order
    line: int  # of its TY line
    entry_type: str
    title: str | None
    authors: tuple[str, ...]
    year: int | None
    journal: str | None
    volume: str | None
    issue: str | None
    pages: str | None
    doi: str | None
    pmid: str | None
    abstract: str | None
    url: str | None


def read_ris(path: Path) -> list[Reference]:
    """The references of an RIS file; raises InvalidRis naming the record and line of the
    first thing wrong (no TY/ER structure, a record without a title)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InvalidRis(f"{path} does not exist; check the file name") from None
    except IsADirectoryError:
        raise InvalidRis(f"{path} is a folder; name the .ris file inside it") from None
    except OSError as exc:
        raise InvalidRis(f"{path} cannot be read ({exc.strerror}); check the file") from None
    except UnicodeDecodeError:
        raise InvalidRis(
            f"{path} is not UTF-8 text; export it again as UTF-8 (RIS, Unicode)"
        ) from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts = _record_lines(path, lines)
    records = rispy.loads("\n".join(lines), skip_unknown_tags=False, enforce_list_tags=False)
    if len(records) != len(starts):  # the structure check and rispy disagree: refuse
        raise InvalidRis(f"{path}: cannot read its records; export the file again as RIS")
    pairs = enumerate(zip(starts, records, strict=True), 1)
    return [_reference(path, i, line, raw) for i, (line, raw) in pairs]


def _record_lines(path: Path, lines: list[str]) -> list[int]:
    """The line of each record's TY; raises InvalidRis where the TY ... ER structure breaks."""
    starts: list[int] = []
    inside = False
    for number, line in enumerate(lines, 1):
        match = _TAG_LINE.match(line.lstrip("\ufeff"))
        tag = match.group(1) if match else None
        if tag == "TY":
            if inside:
                raise InvalidRis(
                    f"{path}:{number}: record {len(starts)} (line {starts[-1]}) has no ER line "
                    "before this TY; end every record with 'ER  - '"
                )
            starts.append(number)
            inside = True
        elif tag == "ER":
            if not inside:
                raise InvalidRis(
                    f"{path}:{number}: an ER line with no record open; every record starts "
                    "with 'TY  - '"
                )
            inside = False
        elif line.strip() and not inside and not _NUMBERING.match(line.strip()):
            raise InvalidRis(
                f"{path}:{number}: text outside a record ({_shown(line)!r}); this is not an "
                "RIS file, or a record lacks its 'TY  - ' line: export the file again as RIS"
            )
    if inside:
        raise InvalidRis(
            f"{path}:{starts[-1]}: record {len(starts)} has no ER line; the file may be cut "
            "short, export it again"
        )
    if not starts:
        raise InvalidRis(f"{path} holds no RIS record (TY ... ER); export the references as RIS")
    return starts


def _reference(path: Path, record: int, line: int, raw: dict[str, Any]) -> Reference:
    def first(*keys: str) -> str | None:
        for key in keys:
            value = raw.get(key)
            if isinstance(value, list):
                value = next((v for v in value if str(v).strip()), None)
            if value is not None and str(value).strip():
                return " ".join(str(value).split())
        return None

    title = first("title", "primary_title", "translated_title", "short_title")
    if title is None:
        raise InvalidRis(
            f"{path}:{line}: record {record} has no title (TI or T1); add one in the reference "
            "manager and export again"
        )
    kind = str(raw.get("type_of_reference", "")).strip().upper()
    # T2 is the journal of an article, the book of a chapter, the series of a book
    journal = first("secondary_title", "journal_name", "alternate_title3", "alternate_title2")
    authors = _names(raw.get("authors")) or _names(raw.get("first_authors"))
    pages = _pages(first("start_page"), first("end_page"))
    year_text = first("year", "publication_year", "date") or ""
    year_match = _YEAR.search(year_text)
    doi = _doi(first("doi"))
    return Reference(
        record=record,
        line=line,
        entry_type=ENTRY_TYPES.get(kind, "misc"),
        title=title.rstrip("."),
        authors=authors,
        year=int(year_match.group(1)) if year_match else None,
        journal=journal,
        volume=first("volume"),
        issue=first("number"),
        pages=pages,
        doi=doi,
        pmid=_pmid(raw),
        abstract=first("abstract", "notes_abstract"),
        url=_url(raw, doi),
    )


def _pages(start: str | None, end: str | None) -> str | None:
    """`971--976` from SP and EP, or from one SP range; abbreviated ends (`970-6`, as
    PubMed and EndNote write them) written out."""
    if start and not end and "-" in start:
        start, _, end = (part.strip() for part in start.partition("-"))
    if not start or not end:
        return start or end
    if start.isdigit() and end.isdigit() and len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return f"{start}--{end}"


def _names(value: object) -> tuple[str, ...]:
    """Names as `Family, Given`: Embase's `Peltoniemi M.A.` becomes `Peltoniemi, M.A.`."""
    if not value:
        return ()
    names = []
    for item in value if isinstance(value, list) else [value]:
        name = " ".join(str(item).split())
        words = name.split(" ")
        if "," not in name and len(words) > 1 and _INITIALS.match(words[-1]):
            name = f"{' '.join(words[:-1])}, {words[-1]}"
        if name:
            names.append(name)
    return tuple(names)


def _doi(value: str | None) -> str | None:
    if not value:
        return None
    match = _DOI.search(value)
    return match.group(1).rstrip(".,;") if match else None


def _pmid(raw: dict[str, Any]) -> str | None:
    """The PubMed id, wherever this database keeps it."""
    database = " ".join(_strings(raw.get("name_of_database"))).lower()
    places = [
        ("accession_number", "medline" in database or "pubmed" in database),  # Ovid, PubMed
        ("custom2", "scopus" in database),  # Scopus: C2
        ("custom5", "embase" in database),  # Embase: C5
    ]
    for key, here in places:
        for value in _strings(raw.get(key)):
            if here and _PMID.match(value.strip()):
                return value.strip()
    for key in ("notes", "note", "accession_number", "custom1", "custom2", "custom5", "id"):
        for value in _strings(raw.get(key)):
            if match := _PMID_LABELLED.search(value):
                return match.group(1)
    for value in _strings(raw.get("urls")):
        if match := _PUBMED_URL.search(value):
            return match.group(1)
    return None


def _url(raw: dict[str, Any], doi: str | None) -> str | None:
    for value in _strings(raw.get("urls")):
        if value.startswith("http") and not (doi and doi.lower() in value.lower()):
            return value.strip()
    return None


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]


def _shown(line: str, limit: int = 40) -> str:
    line = line.strip()
    return line if len(line) <= limit else line[: limit - 3] + "..."


def ris_record(work: WorkRecord) -> dict[str, Any]:
    """A work as an RIS record (rispy's field names)."""
    fields = work.fields

    def text(name: str) -> str | None:
        value = fields.get(name, "").strip()
        return latex_to_text(value) or None if value else None

    record: dict[str, Any] = {"type_of_reference": RIS_TYPES.get(work.entry_type, "GEN")}
    record["id"] = work.key
    record["title"] = work.title
    authors = [a.strip() for a in (text("author") or "").split(" and ") if a.strip()]
    record["authors"] = authors or None
    record["year"] = str(work.year) if work.year is not None else None
    container = text("journal") or text("booktitle")
    record["secondary_title" if work.entry_type != "article" else "journal_name"] = container
    record["volume"] = text("volume")
    record["number"] = text("number")
    pages = (text("pages") or "").replace("--", "-").replace("–", "-")
    start, _, end = pages.partition("-")
    record["start_page"] = start.strip() or None
    record["end_page"] = end.strip() or None
    record["doi"] = work.doi
    record["accession_number"] = work.pmid
    record["name_of_database"] = "PubMed" if work.pmid else None
    record["abstract"] = text("abstract")
    record["urls"] = [work.url] if work.url else None
    return {key: value for key, value in record.items() if value}


def write_ris(stream: TextIO, works: Iterable[WorkRecord]) -> int:
    """The works as RIS records; records written."""
    count = 0
    for work in works:
        # One record at a time (memory stays flat), without the `1.` rispy numbers it with.
        text = rispy.dumps([ris_record(work)])
        stream.write(("" if count == 0 else "\n") + text.partition("\n")[2])
        count += 1
    return count
