"""`sources import`: a reference manager's RIS export into the base's studies.bib.

Each new reference becomes a BibTeX entry keyed by author, year and title
(`clements1982bioavailability`), marked `verification = {unverified}` and
`imported = {FILE, record N}`, and without a design: `validate` lists it as not yet
appraised until a curator adds one. A reference already in the base (same DOI, PubMed
id or normalised title), or twice in the file, is reported and skipped. studies.bib is
replaced whole, so a failure leaves it as it was.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import Replacement
from ..errors import EvidenceError
from ..load.bibfile import Work, read_bib
from ..load.inputs import BIB_NAME
from .ris import Reference, read_ris

_STOPWORDS = frozenset(
    ("a", "an", "the", "of", "on", "in", "at", "to", "for", "and", "or", "with", "by")
)
_KEY_LINE = re.compile(r"^[ \t]*@\w+[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.MULTILINE)
_LATEX_SPECIAL = str.maketrans(
    {"%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_", "{": "(", "}": ")", "\\": "/"}
)


@dataclass(frozen=True)
class Duplicate:
    """A reference skipped: what it repeats, and how it was recognised."""

    reference: Reference
    key: str  # the entry (or the earlier record's new key) it repeats
    reason: str  # "same DOI", "same PubMed id", "same title"


@dataclass
class ImportSummary:
    """What an import added to studies.bib, and what it skipped."""

    added: list[tuple[str, Reference]] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


def import_references(data_dir: Path, ris_path: Path, *, dry_run: bool = False) -> ImportSummary:
    """Add the references of `ris_path` to `data_dir`'s studies.bib; raise an EvidenceError
    (studies.bib unchanged) when either file cannot be read or written."""
    references = read_ris(ris_path)
    bib_path = data_dir / BIB_NAME
    try:
        text = bib_path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise EvidenceError(
            f"{bib_path} does not exist; create the base with `roa-evidence init DIR` or pass "
            "--data DIR"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8"
        raise EvidenceError(f"{bib_path} cannot be read ({reason}); fix it first") from None
    works, _ = read_bib(bib_path, text)  # its own problems are validate's to report
    summary = ImportSummary()
    seen = _Seen(works, set(_KEY_LINE.findall(text)))
    entries: list[str] = []
    for reference in references:
        repeated = seen.duplicate(reference)
        if repeated is not None:
            summary.duplicates.append(Duplicate(reference, *repeated))
            continue
        key = seen.new_key(reference)
        summary.added.append((key, reference))
        entries.append(bibtex_entry(key, reference, ris_path.name))
    if entries and not dry_run:
        _append(bib_path, text, entries)
    return summary


class _Seen:
    """The DOIs, PubMed ids, titles and keys in the base and in the file so far."""

    def __init__(self, works: Iterable[Work], keys: set[str]) -> None:
        self.keys = {key.lower() for key in keys}
        self.doi: dict[str, str] = {}
        self.pmid: dict[str, str] = {}
        self.title: dict[str, str] = {}
        for work in works:
            self._remember(work.key, work.doi, work.pmid, work.title)

    def _remember(self, key: str, doi: str | None, pmid: str | None, title: str | None) -> None:
        self.keys.add(key.lower())
        if doi:
            self.doi.setdefault(normalised_doi(doi), key)
        if pmid:
            self.pmid.setdefault(pmid.strip(), key)
        if title and normalised_title(title):
            self.title.setdefault(normalised_title(title), key)

    def duplicate(self, reference: Reference) -> tuple[str, str] | None:
        if reference.doi and (key := self.doi.get(normalised_doi(reference.doi))):
            return key, "same DOI"
        if reference.pmid and (key := self.pmid.get(reference.pmid)):
            return key, "same PubMed id"
        if reference.title and (key := self.title.get(normalised_title(reference.title))):
            return key, "same title"
        return None

    def new_key(self, reference: Reference) -> str:
        stem = citation_key(reference)
        key, suffix = stem, ord("a")
        while key.lower() in self.keys:  # Smith 2014 twice: smith2014ketamine, ...ketamineb
            suffix += 1
            key = f"{stem}{chr(suffix)}"
        self._remember(key, reference.doi, reference.pmid, reference.title)
        return key


def normalised_doi(doi: str) -> str:
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", doi.strip().lower())


def normalised_title(title: str) -> str:
    """Lowercase letters and digits only, accents dropped: the same title however typeset."""
    return re.sub(r"[^a-z0-9]", "", _ascii(title).lower())


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def citation_key(reference: Reference) -> str:
    """`clements1982bioavailability`: first author's family name, year, first title word."""
    author = reference.authors[0] if reference.authors else "anonymous"
    family = author.split(",")[0] if "," in author else (author.split() or ["anonymous"])[-1]
    words = re.findall(r"[a-z0-9]+", _ascii(reference.title or "").lower())
    word = next((w for w in words if w not in _STOPWORDS), words[0] if words else "")
    year = str(reference.year) if reference.year is not None else "nd"
    return re.sub(r"[^a-z0-9]", "", _ascii(family).lower()) + year + word


def bibtex_entry(key: str, reference: Reference, file_name: str) -> str:
    """The BibTeX entry of a new reference, not yet appraised."""
    values = {
        "title": _latex(reference.title),
        "author": " and ".join(_latex(name) or "" for name in reference.authors) or None,
        "year": str(reference.year) if reference.year is not None else None,
        "journal" if reference.entry_type == "article" else "booktitle": _latex(reference.journal),
        "volume": _latex(reference.volume),
        "number": _latex(reference.issue),
        "pages": _latex(reference.pages),
        "doi": reference.doi,
        "pmid": reference.pmid,
        "url": reference.url,
        "abstract": _latex(reference.abstract),
        "verification": "unverified",
        "imported": f"{_latex(file_name)}, record {reference.record}",
    }
    lines = [f"  {name} = {{{value}}}," for name, value in values.items() if value]
    return f"@{reference.entry_type}{{{key},\n" + "\n".join(lines) + "\n}\n"


def _latex(value: str | None) -> str | None:
    return value.translate(_LATEX_SPECIAL) if value else None


def _append(bib_path: Path, text: str, entries: list[str]) -> None:
    """studies.bib with `entries` at its end, written whole (the old file stays on failure)."""
    head = text.rstrip("\n") + "\n\n" if text.strip() else text
    new_text = head + "\n".join(entries)
    try:
        mode = bib_path.stat().st_mode & 0o777
        with Replacement(bib_path) as replacement:
            with open(replacement.handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(new_text)
            replacement.temp.chmod(mode)
            replacement.commit()
    except OSError as exc:
        raise EvidenceError(
            f"cannot write {bib_path} ({exc.strerror}); it was left unchanged"
        ) from None
