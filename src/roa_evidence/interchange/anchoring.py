"""Placing a quote in a document's text, as Hypothesis anchors an annotation.

Exact first: the quote, with whitespace, dashes and typographic quotes made uniform
(as `validate` compares them), found in the text so made; where it occurs more than
once, the occurrence whose surroundings best match the known prefix and suffix (or
lies nearest the old position). Then fuzzy: the passage closest to the quote
(rapidfuzz), accepted when similar enough and weighed with the prefix and suffix. A
quote placed neither way is an orphan. Positions are code points of the original
text, end exclusive, so `text[start:end]` is the passage itself.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

CONTEXT = 32  # characters of prefix and suffix a TextQuoteSelector keeps
FUZZY_MIN = 80.0  # rapidfuzz similarity (0-100) below which a passage is not the quote
# Characters a quote may spell either way: typographic quotes and dashes, a no-break
# space. One table for every quote comparison (validate's too: load/quotes.py).
TYPOGRAPHIC = {
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


@dataclass(frozen=True)
class Anchor:
    """Where a quote lies in a text: `text[start:end]` is `exact`; `fuzzy` when the text
    there differs from the quote."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    fuzzy: bool = False
    score: float = 100.0


class Folded:
    """A text with whitespace runs, dashes and typographic quotes made uniform, and the
    position in the original text of each of its characters."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        origin: list[int] = []
        for i, char in enumerate(text):
            for folded in unicodedata.normalize("NFKC", char):
                folded = TYPOGRAPHIC.get(folded, folded)
                if folded.isspace():
                    if chars and chars[-1] == " ":
                        continue
                    folded = " "
                chars.append(folded)
                origin.append(i)
        self.text = "".join(chars)
        self.origin = origin

    def span(self, start: int, end: int, length: int) -> tuple[int, int]:
        """The original text's span of the folded span [start, end)."""
        begin = self.origin[start]
        finish = self.origin[end] if end < len(self.origin) else length
        return begin, finish


def normalise_text(text: str) -> str:
    """`text` folded as `Folded` folds it (as `validate` compares quotes), ends trimmed."""
    return Folded(text).text.strip()


def anchor(
    text: str, quote: str, prefix: str = "", suffix: str = "", near: int | None = None
) -> Anchor | None:
    """Where `quote` lies in `text`, or None (an orphan). `prefix`, `suffix` and `near`
    (an old start position) choose among several candidates."""
    folded = Folded(text)
    wanted = normalise_text(quote)
    if not wanted:
        return None
    found = _exact(folded, wanted, text, prefix, suffix, near)
    if found is not None:
        return found
    return _fuzzy(folded, wanted, text, prefix, suffix)


def _exact(
    folded: Folded, wanted: str, text: str, prefix: str, suffix: str, near: int | None
) -> Anchor | None:
    starts = []
    at = folded.text.find(wanted)
    while at != -1:
        starts.append(at)
        at = folded.text.find(wanted, at + 1)
    if not starts:
        return None
    spans = [folded.span(s, s + len(wanted), len(text)) for s in starts]

    def fit(span: tuple[int, int]) -> tuple[float, int]:
        distance = abs(span[0] - near) if near is not None else 0
        return (-_context_score(text, span, prefix, suffix), distance)

    start, end = min(spans, key=fit)
    return _anchor(text, start, end)


def _fuzzy(folded: Folded, wanted: str, text: str, prefix: str, suffix: str) -> Anchor | None:
    # the quote with its context, when known, places a changed passage better than alone
    found = fuzz.partial_ratio_alignment(wanted, folded.text, score_cutoff=FUZZY_MIN)
    if found is None or found.dest_end <= found.dest_start:
        return None
    start, end = folded.span(found.dest_start, found.dest_end, len(text))
    if prefix or suffix:
        context = _context_score(text, (start, end), prefix, suffix)
        if context < 0.5:  # the surroundings changed too: not trustworthy
            return None
    return _anchor(text, start, end, fuzzy=True, score=found.score)


def _context_score(text: str, span: tuple[int, int], prefix: str, suffix: str) -> float:
    """How well the text around `span` matches `prefix` and `suffix` (0 to 1; 1 unknown)."""
    scores = []
    if prefix:
        before = normalise_text(text[max(0, span[0] - 2 * len(prefix)) : span[0]])
        scores.append(fuzz.partial_ratio(normalise_text(prefix), before[-len(prefix) * 2 :]))
    if suffix:
        after = normalise_text(text[span[1] : span[1] + 2 * len(suffix)])
        scores.append(fuzz.partial_ratio(normalise_text(suffix), after))
    return sum(scores) / len(scores) / 100 if scores else 1.0


def _anchor(text: str, start: int, end: int, *, fuzzy: bool = False, score: float = 100) -> Anchor:
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        fuzzy=fuzzy,
        score=round(score, 1),
    )
