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
from .schema import MAX_INT

# bibtexparser logs each failed block itself; we report them our own way.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

MAX_FIELD_CHARS = 1_000_000
MAX_BRACE_DEPTH = 64  # deeper groups overflow the LaTeX decoder's recursion (about 250)
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
    strings = {string.key.lower(): _definition(string) for string in library.strings}
    for entry in library.entries:
        work, entry_problems = _work_from_entry(path, entry, strings)
        problems.extend(entry_problems)
        if work is not None:
            works.append(work)
    if (nul := text.find("\0")) != -1:  # SQLite keeps it, PostgreSQL refuses: refuse it here
        problems.append(
            Problem(
                path,
                text.count("\n", 0, nul) + 1,
                "a NUL byte (0x00) is in the file, where no text may hold one; remove it",
            )
        )
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


# Characters that end a key for BibTeX and biber, or break the entry when written back.
_UNREADABLE_KEY = re.compile(r"[\s,{}()\"#%'=\\]")
_MONTHS = dict(
    zip(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        strict=True,
    )
)
_MAX_MACRO_DEPTH = 16


def _definition(string: model.String) -> str:
    """An @string's value as an expression: `{text}` stays braced, so that `_expand` tells
    text from a macro name or a concatenation (bibtexparser strips the braces)."""
    raw = (string.raw or "").split("=", 1)[-1].strip().rstrip("})").strip()
    if raw[:1] in ('"', "{"):
        return "{" + string.value + "}"
    return str(string.value)


def _expand(value: str, strings: dict[str, str], seen: tuple[str, ...] = ()) -> str:
    """A value written without braces: `jpm # { Supplement}`, `jan`, a macro. Raises
    ValueError, saying why in words, for an undefined or self-referring macro, or an
    expansion over MAX_FIELD_CHARS (macros that double at each level)."""
    parts: list[str] = []
    for part in _concatenated(value):
        if (part[:1], part[-1:]) in (("{", "}"), ('"', '"')) and len(part) > 1:
            parts.append(part[1:-1])
        elif part.isdigit():
            parts.append(part)
        elif (macro := part.lower()) in seen:
            raise ValueError(
                f"uses the @string macro '{_shown(part)}', whose definition refers back to itself"
            )
        elif macro in strings:
            if len(seen) >= _MAX_MACRO_DEPTH:
                raise ValueError(f"nests @string macros more than {_MAX_MACRO_DEPTH} deep")
            parts.append(_expand(strings[macro], strings, (*seen, macro)))
        elif macro in _MONTHS:
            parts.append(_MONTHS[macro])
        else:
            raise ValueError(
                f"uses the @string macro '{_shown(part)}', which is not defined; define it "
                "with @string or put the value in braces"
            )
        if sum(map(len, parts)) > MAX_FIELD_CHARS:
            raise ValueError(f"expands to over {MAX_FIELD_CHARS:,} characters; check its macros")
    return "".join(parts)


def _concatenated(value: str) -> list[str]:
    """`a # {b # c} # "d"` -> ['a', '{b # c}', '"d"']: split at `#` outside braces, quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(value[start:i].strip())
            start = i + 1
    parts.append(value[start:].strip())
    return parts


def _brace_depth(value: str) -> int:
    depth = deepest = 0
    for char in value:
        if char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            depth -= 1
    return deepest


def _shown(value: str, limit: int = 40) -> str:
    """A value quoted in a message: on one line, and short."""
    text = " ".join(value.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _broken_key(raw: str) -> str | None:
    """The citation key of an entry that failed to parse, if its head is readable."""
    match = re.match(r"@\s*\w+\s*[{(]\s*([^\s,{}()=\"#%']+)\s*,", raw)
    return match.group(1) if match else None


def _work_from_entry(
    path: Path,
    entry: model.Entry,
    strings: dict[str, str] | None = None,  # _definition
) -> tuple[Work | None, list[Problem]]:
    line = (entry.start_line or 0) + 1
    problems: list[Problem] = []

    def problem(name: str | None, message: str) -> None:
        where = field_lines.get(name, line) if name else line
        problems.append(Problem(path, where, f"entry '{entry.key}': {message}"))

    if not entry.key.strip():
        return None, [
            Problem(path, line, f"an @{entry.entry_type} entry has no citation key; add one")
        ]
    if unreadable := _UNREADABLE_KEY.search(entry.key):
        what = "a space" if unreadable.group().isspace() else f"'{unreadable.group()}'"
        return None, [
            Problem(
                path,
                line,
                f"citation key '{_shown(entry.key)}' holds {what}, which BibTeX cannot read "
                "in a key; rename it (letters, digits and - _ : . / are safe)",
            )
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
            try:
                value = _expand(value, strings or {})
            except ValueError as exc:
                problem(name, f"field '{name}' {exc}")
                continue
        raw[name] = value

    def text(*names: str) -> str | None:
        for name in names:
            if raw.get(name):
                value = raw[name]
                if value.count("{") > MAX_BRACE_DEPTH and _brace_depth(value) > MAX_BRACE_DEPTH:
                    problem(
                        name,
                        f"field '{name}' nests braces more than {MAX_BRACE_DEPTH} levels deep; "
                        "remove the extra braces",
                    )
                    return None
                try:
                    return latex_to_text(value) or None
                except RecursionError:  # groups of commands the decoder recurses into
                    problem(name, f"field '{name}' nests LaTeX too deeply to read; simplify it")
                    return None
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
        if value.isdigit() and 0 < int(value) <= MAX_INT:
            n = int(value)
        elif value.isdigit() and int(value) > 0:
            problem("n", f"n must be at most {MAX_INT:,} participants, not {_shown(value)}")
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
    base = vocab.active()  # the evidence base's routes and conditions
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
        condition=term("condition", base.conditions, base.condition_aliases),
        routes=terms("routes", base.routes, base.route_aliases),
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
