"""studies.bib -> validated works, through bibtexparser 2.

Bibliographic fields are kept as written (for BibTeX export) and decoded to
text for display; the appraisal fields (docs/data-format.md) are checked against the
vocabularies. Every problem is collected with its line, none stops the read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bibtexparser import model
from bibtexparser.entrypoint import parse_string

from .. import vocab
from ..errors import Problem
from ..query.records import WorkFacts
from ..retractions.notices import Notice, parse_bib_notices
from ..vocab import nearest
from .latex import latex_to_text

# bibtexparser logs each failed block itself; we report them our own way.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

MAX_FIELD_CHARS = 1_000_000
_YEAR = re.compile(r"\b(1[5-9]\d\d|2\d\d\d)\b")


@dataclass(frozen=True, kw_only=True)
class Work(WorkFacts):
    """One entry of studies.bib: a study, a review or a tracked document."""

    line: int
    fields: dict[str, str]  # as written, LaTeX and all, for re-export
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    notices: tuple[Notice, ...] = ()  # by hand, in the `notices` field


def read_bib(path: Path, text: str) -> tuple[list[Work], list[Problem]]:
    """Parse BibTeX text; return the works that are valid and every problem found.

    An entry too broken to parse comes back as a bare placeholder (its key only)
    beside its problem, so that claims citing it are not also reported as citing
    an unknown key; whenever problems are returned, the works are not to be loaded.
    """
    library = parse_string(text)
    problems = [_failed_block_problem(path, text, block) for block in library.failed_blocks]
    works: list[Work] = []
    for block in library.failed_blocks:
        # A broken entry's key is still "known": claims citing it are not reported a
        # second time as unknown keys. Its problem keeps the evidence base from loading.
        key = _broken_key((block.raw or "").lstrip())
        if key and not isinstance(block, model.DuplicateBlockKeyBlock):
            works.append(
                Work(key=key, entry_type="misc", line=(block.start_line or 0) + 1, fields={})
            )
    for entry in library.entries:
        work, entry_problems = _work_from_entry(path, entry)
        problems.extend(entry_problems)
        if work is not None:
            works.append(work)
    problems.sort(key=lambda p: p.line or 0)
    return works, problems


def _failed_block_problem(path: Path, text: str, block: model.ParsingFailedBlock) -> Problem:
    line = (block.start_line or 0) + 1
    if isinstance(block, model.DuplicateBlockKeyBlock):
        previous = block.previous_block.start_line
        first = f" (first at line {previous + 1})" if previous is not None else ""
        return Problem(
            path, line, f"duplicate key '{block.key}'{first}; rename or remove one entry"
        )
    if isinstance(block, model.DuplicateFieldKeyBlock):
        keys = ", ".join(sorted(block.duplicate_keys))
        return Problem(path, line, f"field {keys} appears twice in one entry; keep one")
    raw = (block.raw or "").lstrip()
    head = raw.split("{", 1)[0].split("(", 1)[0].strip() or "block"
    key = _broken_key(raw)
    what = f"the {head} entry '{key}'" if key else f"the {head} entry"
    reason = getattr(block.error, "abort_reason", None) or str(block.error)
    reason = " ".join(reason.split()).rstrip(".") or type(block.error).__name__
    if "end of file" in reason:
        return Problem(
            path,
            line,
            f"{what} is cut off: the file ends before the entry closes; "
            "complete the entry or remove it",
        )
    if reason.startswith("Unexpected block start"):
        end = getattr(block.error, "end_index", None)
        stop = (
            f"line {text.count(chr(10), 0, end + 1) + 1}"
            if isinstance(end, int)
            else "the next entry"
        )
        return Problem(
            path,
            line,
            f"{what} is still open at {stop}, where the next entry "
            "starts: a brace or quote is unbalanced; check its braces",
        )
    return Problem(
        path, line, f"{what} is broken ({reason}); check its braces, commas and equals signs"
    )


def _shown(value: str, limit: int = 40) -> str:
    """A value quoted in a message: on one line, and short."""
    text = " ".join(value.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _broken_key(raw: str) -> str | None:
    """The citation key of an entry that failed to parse, if its head is readable."""
    match = re.match(r"@\s*\w+\s*[{(]\s*([^\s,{}()=\"#%']+)\s*,", raw)
    return match.group(1) if match else None


def _work_from_entry(path: Path, entry: model.Entry) -> tuple[Work | None, list[Problem]]:
    line = (entry.start_line or 0) + 1
    problems: list[Problem] = []

    def problem(name: str | None, message: str) -> None:
        where = field_lines.get(name, line) if name else line
        problems.append(Problem(path, where, f"entry '{entry.key}': {message}"))

    if not entry.key.strip():
        return None, [
            Problem(path, line, f"an @{entry.entry_type} entry has no citation key; add one")
        ]
    raw: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    for f in entry.fields:
        name = f.key.lower()
        value = f.value if isinstance(f.value, str) else str(f.value)
        field_lines[name] = f.start_line + 1
        if len(value) > MAX_FIELD_CHARS:
            problem(
                name,
                f"field '{name}' is {len(value):,} characters long; a field over "
                f"{MAX_FIELD_CHARS:,} is surely an unclosed brace, check it",
            )
            continue
        if getattr(f, "enclosing", None) == "no-enclosing" and not value.isdigit():
            problem(
                name,
                f"field '{name}' uses the @string macro '{_shown(value)}', which is not "
                "defined; define it with @string or put the value in braces",
            )
            continue
        raw[name] = value

    def text(*names: str) -> str | None:
        for name in names:
            if raw.get(name):
                return latex_to_text(raw[name]) or None
        return None

    def term(
        name: str, terms: tuple[str, ...], aliases: dict[str, str] | None = None
    ) -> str | None:
        value = raw.get(name, "").strip()
        if not value:
            return None
        canonical = _canonical(value, terms, aliases)
        if canonical is None:
            problem(name, f"unknown {name} '{_shown(value)}'; {nearest(value, terms)}")
        return canonical

    def terms(
        name: str, allowed: tuple[str, ...], aliases: dict[str, str] | None = None
    ) -> tuple[str, ...]:
        found: list[str] = []
        for item in _split_list(raw.get(name, "")):
            canonical = _canonical(item, allowed, aliases)
            if canonical is None:
                problem(
                    name,
                    f"unknown {name.rstrip('s')} '{_shown(item)}' in '{name}'; "
                    f"{nearest(item, allowed)}",
                )
            elif canonical not in found:
                found.append(canonical)
        return tuple(found)

    n: int | None = None
    if raw.get("n", "").strip():
        value = raw["n"].strip()
        if value.isdigit() and int(value) > 0:
            n = int(value)
        else:
            problem(
                "n", f"n must be a positive whole number of participants, not '{_shown(value)}'"
            )
    notices, notices_problem = parse_bib_notices(raw.get("notices", ""))
    if notices_problem is not None:
        problem("notices", notices_problem)
    year_match = _YEAR.search(raw.get("year", "") or raw.get("date", ""))
    file_name = raw.get("file", "").strip() or None
    if file_name is not None:
        file_name = _attachment_name(file_name)
    work = Work(
        key=entry.key,
        entry_type=entry.entry_type.lower(),
        line=line,
        fields=raw,
        title=text("title"),
        authors=text("author", "editor", "organization", "institution"),
        year=int(year_match.group(1)) if year_match else None,
        container=text("journal", "booktitle", "howpublished", "publisher", "institution"),
        doi=raw.get("doi", "").strip() or None,
        pmid=raw.get("pmid", "").strip() or None,
        url=raw.get("url", "").strip() or None,
        design=term("design", vocab.DESIGNS),
        n=n,
        blinding=term("blinding", vocab.BLINDING),
        population=text("population"),
        condition=term("condition", vocab.CONDITIONS, vocab.CONDITION_ALIASES),
        routes=terms("routes", vocab.ROUTES, vocab.ROUTE_ALIASES),
        quality=terms("quality", vocab.QUALITY_FLAGS),
        verification=term("verification", vocab.VERIFICATION),
        file=file_name,
        citation_issue=text("citation_issue"),
        note=text("note"),
        field_lines=field_lines,
        notices=tuple(notices),
    )
    return work, problems


def _canonical(value: str, terms: Iterable[str], aliases: dict[str, str] | None) -> str | None:
    key = value.strip().lower()
    for term in terms:
        if term.lower() == key:
            return term
    return (aliases or {}).get(key)


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in re.split(r"[,;]", value) if item.strip()]


def _attachment_name(value: str) -> str:
    """Zotero/JabRef write `description:path:type`; keep the path."""
    parts = value.split(":")
    if len(parts) == 3 and parts[2].isalpha():
        return parts[1]
    return value
