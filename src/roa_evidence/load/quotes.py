"""Quotes checked against their documents' text, with the closest passage of a near miss."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..bounded import MAX_DOCUMENT_FILE
from ..errors import DataNotFound, InvalidData, Problem
from ..interchange.anchoring import TYPOGRAPHIC
from .datafile import read_text
from .evidence_base import EvidenceBase
from .inputs import BIB_NAME, input_files

_QUOTE_CHARS = str.maketrans(TYPOGRAPHIC)
_WHITESPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Whitespace, dashes and typographic quotes made uniform, for quote matching."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS)
    return _WHITESPACE.sub(" ", text).strip()


_DOCUMENTS_DIR_LINE = re.compile(r"^documents_dir\s*:", re.MULTILINE)


def declared_documents_dir(base: EvidenceBase) -> Path | None:
    """The documents folder the claims files record (`documents_dir`), or None.

    It must lie inside the evidence base's folder (symlinks followed): an evidence base
    someone else wrote (a clone, a pull request checked in CI) must not make `validate`
    read, and quote in its hints, any file the user can read. A folder named on the
    command line (--documents) may be anywhere. Raises InvalidData naming the line.
    """
    folder = base.documents_dir
    if folder is None or folder.resolve().is_relative_to(base.data_dir.resolve()):
        return folder
    where, line = base.data_dir, None
    for path in input_files(base.data_dir):
        text, _ = read_text(path) if path.suffix == ".yaml" else (None, [])
        found = _DOCUMENTS_DIR_LINE.search(text or "")
        if found is not None and text is not None:
            where, line = path, text.count("\n", 0, found.start()) + 1
            break
    raise InvalidData(
        [
            Problem(
                where,
                line,
                f"documents_dir points outside the evidence base folder ({folder}), so "
                "its files were not read; move the documents into the evidence base, or "
                "name their folder for this run with --documents DIR",
            )
        ]
    )


def check_quotes(base: EvidenceBase, documents_dir: Path) -> list[Problem]:
    """Every quote that is not a verbatim span of its document's text, as problems."""
    if not documents_dir.is_dir():
        raise DataNotFound(
            f"the documents folder {documents_dir} does not exist; "
            "pass --documents DIR with the documents' text files"
        )
    root = documents_dir.resolve()
    texts: dict[str, str | Problem] = {}
    problems: list[Problem] = []
    for claim in base.claims:
        for kind in ("asserted_by", "disputed_by"):
            for i, assertion in enumerate(getattr(claim.spec, kind)):
                key = assertion.document
                if key not in texts:
                    texts[key] = _document_text(base, key, root)
                text = texts[key]
                line = claim.line_of(kind, i, "quote")
                if isinstance(text, Problem):
                    problems.append(
                        Problem(claim.path, line, f"claim '{claim.spec.id}': {text.message}")
                    )
                elif normalise_text(assertion.quote) not in text:
                    closest = closest_passage(normalise_text(assertion.quote), text)
                    problems.append(
                        Problem(
                            claim.path,
                            line,
                            f"claim '{claim.spec.id}': the "
                            f'quote "{_shorten(assertion.quote)}" is not in '
                            f"{key}'s text (an orphan); copy it verbatim from the "
                            f"document{closest}",
                        )
                    )
    return problems


def _document_text(base: EvidenceBase, key: str, root: Path) -> str | Problem:
    work = base.works[key]
    where = base.data_dir / BIB_NAME
    if not work.file:
        return Problem(
            where, work.line, f"document '{key}' has no `file` field naming its text; add one"
        )
    path = (root / work.file).resolve()
    if not path.is_relative_to(root):
        return Problem(
            where,
            work.field_lines.get("file", work.line),
            f"document '{key}': file "
            f"'{work.file}' points outside the documents folder; name a file inside it",
        )
    text, problems = read_text(path, MAX_DOCUMENT_FILE)
    if text is None:
        return Problem(path, None, f"document '{key}', file '{work.file}': {problems[0].message}")
    return normalise_text(text)


# The part of a quote that locates its passage: a short probe is found in a document of
# megabytes in milliseconds, where aligning a whole quote costs its length times the
# document's (a 20 kB quote against 7 MB took minutes).
_PROBE_CHARS = 200
_MAX_HINT_CHARS = 100_000  # comparing a quote's words costs about its length squared


def closest_passage(quote: str, text: str) -> str:
    """' (the closest passage is "...": how it differs)' for a near-miss quote, or ""
    when nothing in `text` comes close. Its cost grows with the document's length, not
    with the quote's times the document's."""
    import difflib  # lazy, with rapidfuzz: only a near miss needs them

    if len(quote) > _MAX_HINT_CHARS:
        return f" (a quote over {_MAX_HINT_CHARS:,} characters gets no closest passage)"
    located = _locate(quote, text)
    if located is None:
        return ""
    start, end = located
    margin = max(20, len(quote) // 4)  # room for words the quote leaves out or adds
    window = text[max(0, start - margin) : end + margin].split()
    if start - margin > 0:
        window = window[1:]  # a word cut by the window
    if end + margin < len(text):
        window = window[:-1]
    ours = quote.split()
    matcher = difflib.SequenceMatcher(None, [_word(w) for w in ours], [_word(w) for w in window])
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return ""
    passage = window[blocks[0].b : blocks[-1].b + blocks[-1].size]
    return (
        f' (the closest passage is "{_shorten(" ".join(passage), 120)}": '
        f"{_differences(ours, passage)})"
    )


def _locate(quote: str, text: str) -> tuple[int, int] | None:
    """Where in `text` the passage closest to `quote` starts and ends, or None: a short
    quote is aligned whole; a long one by probes from its start, middle and end, the best
    probe placing the whole quote."""
    from rapidfuzz import fuzz

    if len(quote) <= _PROBE_CHARS:
        found = fuzz.partial_ratio_alignment(quote, text, score_cutoff=70)
        return None if found is None else (found.dest_start, found.dest_end)
    best: tuple[float, int, int] | None = None
    last = len(quote) - _PROBE_CHARS
    for offset in (0, last // 2, last):
        probe = quote[offset : offset + _PROBE_CHARS]
        found = fuzz.partial_ratio_alignment(probe, text, score_cutoff=70)
        if found is not None and (best is None or found.score > best[0]):
            start = max(0, found.dest_start - offset)
            best = (found.score, start, start + len(quote))
    return None if best is None else (best[1], best[2])


def _word(word: str) -> str:
    return word.strip(".,;:!?\"'()[]").lower()


def _differences(ours: list[str], theirs: list[str], limit: int = 3) -> str:
    """How the quote's words differ from the passage's, in a few plain phrases."""
    import difflib

    changes = []
    matcher = difflib.SequenceMatcher(None, [_word(w) for w in ours], [_word(w) for w in theirs])
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        said, written = " ".join(ours[i1:i2]), " ".join(theirs[j1:j2])
        if tag == "replace":
            changes.append(f"the document has '{written}' where the quote has '{said}'")
        elif tag == "delete":
            changes.append(f"the quote adds '{said}'")
        elif tag == "insert":
            changes.append(f"the quote leaves out '{written}'")
    if not changes:
        return "it differs only in letter case or punctuation"
    more = f", and {len(changes) - limit} more" if len(changes) > limit else ""
    return "; ".join(changes[:limit]) + more


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
