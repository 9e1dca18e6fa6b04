"""Quotes checked against their documents' text, with the closest passage of a near miss."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..errors import DataNotFound, Problem
from .datafile import read_text
from .evidence_base import EvidenceBase
from .inputs import BIB_NAME

_QUOTE_CHARS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_WHITESPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Whitespace, dashes and typographic quotes made uniform, for quote matching."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS)
    return _WHITESPACE.sub(" ", text).strip()


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
                            f"{key}'s text; copy it verbatim from the document{closest}",
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
    text, problems = read_text(path)
    if text is None:
        return Problem(path, None, f"document '{key}': {problems[0].message}")
    return normalise_text(text)


def closest_passage(quote: str, text: str) -> str:
    """' (the closest passage is "...": how it differs)' for a near-miss quote, or ""
    when nothing in `text` comes close."""
    import difflib

    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(quote, text, score_cutoff=70)
    if found is None:
        return ""
    start, end = found.dest_start, found.dest_end
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
