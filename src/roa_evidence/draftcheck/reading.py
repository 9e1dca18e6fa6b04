"""Reading a draft: its prose, split into sentences that keep their line and column.

Markdown is parsed with markdown-it-py (CommonMark and tables): only paragraphs,
list items, block quotes and table cells are prose; headings, code, HTML and
front matter are not. LaTeX is parsed with pylatexenc: the body of the
`document` environment, with citation commands turned into their keys,
formatting commands into their text, and comments, maths displays, floats and
headings left out. Plain text is read as it is.

Sentences are found by pysbd, run on each paragraph of prose. pysbd and syntok
were measured on the two tracked documents and the labelled drafts (see
docs/check.md): syntok is about four times faster, but keeps "... 39 %. IV
ketamine has ..." and "... lasts 1-2 min. It ..." as one sentence, the very
failure the checker must not have; pysbd splits them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .numberwords import LABEL_NUMBER

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

__all__ = ["DRAFT_FORMATS", "Sentence", "citation_keys", "kind_of", "speaker", "split_sentences"]

DRAFT_FORMATS = ("markdown", "latex", "text")  # what split_sentences reads; .docx is read as text

_SUFFIX_KIND = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".rmd": "markdown",
    ".qmd": "markdown",
    ".tex": "latex",
    ".latex": "latex",
    ".ltx": "latex",
    ".docx": "docx",
}


def kind_of(path: Path) -> str:
    """The draft's kind from its file name: markdown, latex, docx or text."""
    return _SUFFIX_KIND.get(path.suffix.lower(), "text")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the draft: where it starts, as written, and as compared."""

    line: int  # 1-based
    col: int  # 1-based, in characters
    raw: str  # the source text, whitespace collapsed
    text: str  # markup and citations removed
    keys: tuple[str, ...]  # citation keys, in order
    unread: str = ""  # why the sentence could not be read as prose (it is not checked)
    # citing nothing, it speaks of the study cited just before ("that trial"): that key
    pointed: tuple[str, ...] = ()


# A piece of prose: its characters and, for each, the offset in the source it came from.
_Prose = tuple[str, list[int]]

_WS = re.compile(r"\s+")
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)

# Every pattern below runs on a writer's text, so each is linear: possessive quantifiers
# and character classes that stop at the next opening bracket, so that a run of '@' after
# '[' or of unclosed '\\cite{' is scanned once, not once per start (red-team G07).
# Pandoc citations: [@a; @b, p. 3], [see @a], and @a in running text.
_PANDOC_GROUP = re.compile(r"\[[^\[\]@]*+@[^\[\]]*+\]")
_PANDOC_KEY = re.compile(r"(?<![\w@.])-?@([A-Za-z0-9_][\w:.#$%&+?<>~/-]*+)")
# LaTeX citations, for plain-text drafts that contain them: any command whose name holds
# "cite" (\\citep, \\parencite...), up to two optional arguments, then the keys.
_TEX_CITE = re.compile(
    r"\\(?=[A-Za-z]*?cite)[A-Za-z]++\*?(?:\[[^\]\[\\{}]*+\]){0,2}+\{([^{}\\]*+)\}"
)


def citation_keys(raw: str) -> tuple[tuple[str, ...], str]:
    """The keys a sentence cites, and the sentence with its citations removed."""
    keys: list[str] = []
    for group in _TEX_CITE.findall(raw):
        keys += [k.strip() for k in group.split(",") if k.strip()]
    text = _TEX_CITE.sub(" ", raw)
    for group in _PANDOC_GROUP.findall(text):
        keys += [k.rstrip(".,;:") for k in _PANDOC_KEY.findall(group)]
    text = _PANDOC_GROUP.sub(" ", text)
    keys += [k.rstrip(".,;:") for k in _PANDOC_KEY.findall(text)]
    text = _PANDOC_KEY.sub(" ", text)
    return tuple(dict.fromkeys(keys)), text


_SPACE_BEFORE = re.compile(r"\s+([.,;:!?)])")


def _tidy(text: str) -> str:
    text = _WS.sub(" ", text.translate(_TYPOGRAPHY)).strip()
    return _SPACE_BEFORE.sub(r"\1", text).replace("( ", "(")


# --------------------------------------------------------------------------
# Markdown


_QUOTE_MARKS = re.compile(r"(?:[ \t]{0,3}+>)++")
DEEP_QUOTES = 10  # text this deep in block quotes that the parser left out is reported


def unread_quotes(source: str, read: set[int]) -> list[tuple[int, int, str]]:
    """Lines of text nested in more block quotes than markdown-it reads (it stops at its
    nesting limit and drops the rest): (first line, depth, text), one per run of lines."""
    found: list[tuple[int, int, str]] = []
    previous = -2
    for number, line in enumerate(source.split("\n")):
        marks = _QUOTE_MARKS.match(line)
        if number in read or marks is None:
            continue
        depth, text = marks.group(0).count(">"), line[marks.end() :].strip()
        if depth < DEEP_QUOTES or not text:
            continue
        if number == previous + 1 and found:
            first, deepest, words = found[-1]
            found[-1] = (first, max(deepest, depth), f"{words} {text}")
        else:
            found.append((number, depth, text))
        previous = number
    return found


def _markdown_prose(source: str, unread: list[Sentence] | None = None) -> Iterator[_Prose]:
    # lazy: markdown-it; the CLI starts without it
    from markdown_it import MarkdownIt

    lines = source.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    skip_to = 0
    front = re.match(r"---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", source, re.S)
    if front:  # YAML front matter is metadata, not prose
        skip_to = source.count("\n", 0, front.end())
    # Only the block structure is needed here: each sentence's inline markup is read later.
    tokens = MarkdownIt("commonmark").enable("table").disable("inline").parse(source)
    cursor: dict[int, int] = {}  # per line, where the last table cell was found
    read = {n for t in tokens if t.map for n in range(t.map[0], t.map[1]) if t.type == "inline"}
    for number, depth, text in unread_quotes(source, read) if unread is not None else []:
        assert unread is not None
        reason = f"nested in {depth} block quotes, deeper than the Markdown reader goes"
        plain = _tidy(text)[:500]
        unread.append(Sentence(number + 1, 1, plain, plain, (), reason))
    for index, token in enumerate(tokens):
        if token.type != "inline" or token.map is None or token.map[0] < skip_to:
            continue
        if index and tokens[index - 1].type == "heading_open":
            continue
        chars: list[str] = []
        offsets: list[int] = []
        for number, part in enumerate(token.content.split("\n")):
            row = token.map[0] + number
            if row >= len(lines):
                break
            written = lines[row]
            col = written.find(part, cursor.get(row, 0)) if part else -1
            if col < 0:
                col = len(written) - len(written.lstrip())
            cursor[row] = col + len(part)
            if chars:
                chars.append(" ")
                offsets.append(offsets[-1] + 1)
            chars.extend(part)
            offsets.extend(range(starts[row] + col, starts[row] + col + len(part)))
        yield "".join(chars), offsets


_INLINE_MARKUP = re.compile(r"[*_`\[\]<>&\\!]")


@lru_cache(maxsize=65536)
def _markdown_text(raw: str) -> str:
    """A Markdown sentence as plain words: emphasis, links and escapes resolved, code left out."""
    if not _INLINE_MARKUP.search(raw):
        return raw
    words: list[str] = []
    for block in _inline_parser().parseInline(raw):
        for child in block.children or []:
            if child.type == "text":
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak", "code_inline", "html_inline"):
                words.append(" ")
    return "".join(words)


@lru_cache(maxsize=1)
def _inline_parser() -> MarkdownIt:
    # lazy: markdown-it; the CLI starts without it
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


# --------------------------------------------------------------------------
# Sentences


@lru_cache(maxsize=1)
def _segmenter() -> object:
    # lazy: pysbd; the CLI starts without it
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


_ENDS = re.compile(r"[.!?]\s")
# A full stop pysbd must judge: after an initial or an abbreviation ("J.", "e.g.", "et al.",
# "vs.", "Dr.", a transcript's "DR."), an ellipsis, or inside quotes and brackets that a
# stop may close.
_HARD = re.compile(
    r"(?:^|[\s(\[])(?:[A-Za-z]|[A-Za-z]\.[A-Za-z]|al|etc|vs|cf|ca|approx|(?i:Dr|Mr|Mrs|Ms|Prof)|"
    r"Fig|Figs|No|Nos|Vol|pp?|St|Jr|Sr|Eq|Ref|Refs|resp|incl|viz|Inc|Ltd|Co)\.|\.\.|"
    r"[.!?][\"'\u2019\u201d)\]]",
)
# Where an easy paragraph's sentences end: a stop, then space, then anything but a word in
# lower case (a capital, a number, a bullet, a bracket, a link).
_EASY_END = re.compile(r"[.!?](?=\s+(?:[^a-z\s]|https?:))")


def _easy_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    at = 0
    for stop in _EASY_END.finditer(paragraph):
        spans.append((at, stop.end()))
        at = stop.end()
        while at < len(paragraph) and paragraph[at].isspace():
            at += 1
    if at < len(paragraph):
        spans.append((at, len(paragraph.rstrip())))
    return tuple(s for s in spans if s[1] > s[0])


# A card's or a quiz's question, and the short answer after it, are one statement: "Card 3:
# Oral bioavailability? Reportedly around 45 %.", "Q: Is IM as good as IV? A: No."
_LABELLED_QUESTION = re.compile(r"^\W*(?:card|question|q)\s*\d+(?:\([a-z]\))?\s*[.:)]", re.I)
_AN_ANSWER = re.compile(r"^(?:A|Answer)\s*[:.]|^(?:Yes|No)\s*[,.!;]")
_SHORT_ANSWER = 10  # words: a longer answer is read on its own


def _with_answers(
    paragraph: str, spans: tuple[tuple[int, int], ...]
) -> tuple[tuple[int, int], ...]:
    """The spans, each card's or quiz's question joined to the short answer after it."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            q_start, q_end = joined[-1]
            question, answer = paragraph[q_start:q_end], paragraph[start:end]
            if (
                question.endswith("?")
                and (_LABELLED_QUESTION.match(question) or _AN_ANSWER.match(answer))
                and len(answer.split()) <= _SHORT_ANSWER
            ):
                joined[-1] = (q_start, end)
                continue
        joined.append((start, end))
    return tuple(joined)


@lru_cache(maxsize=4096)
def _sentence_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence in one paragraph (cached: drafts repeat)."""
    return _with_answers(paragraph, _split_spans(paragraph))


def _split_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence as the splitter finds them.

    pysbd judges every paragraph with a stop it could get wrong (an initial, an
    abbreviation, a stop inside quotes); plain paragraphs are split at each stop before
    a capital, which is what pysbd does with them, at a small part of its cost.
    """
    if not _ENDS.search(paragraph):
        return ((0, len(paragraph)),)  # one sentence: no need to ask the splitter
    if not _HARD.search(paragraph):
        return _easy_spans(paragraph)
    spans: list[tuple[int, int]] = []
    at = 0
    for piece in _segmenter().segment(paragraph):  # type: ignore[attr-defined]
        piece = piece.strip()
        if not piece:
            continue
        start = paragraph.find(piece, at)
        if start < 0:
            continue
        spans.append((start, start + len(piece)))
        at = start + len(piece)
    return tuple(spans) or ((0, len(paragraph)),)


_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n[ \t]*\n|\s*\Z)", re.S)


def _prose(text: str, kind: str, unread: list[Sentence]) -> Iterator[_Prose]:
    # lazy: pylatexenc; the CLI starts without it
    from .latexprose import latex_prose

    if kind == "markdown":
        yield from _markdown_prose(text, unread)
    elif kind == "latex":
        yield from latex_prose(text)
    else:
        yield text, list(range(len(text)))


@lru_cache(maxsize=65536)
def _cleaned(sentence: str, kind: str) -> tuple[tuple[str, ...], str]:
    """A sentence's citation keys, and its words with citations and markup removed."""
    keys, plain = citation_keys(sentence)
    if kind == "markdown":
        plain = _markdown_text(plain)
    return keys, _tidy(plain)


# "MARA: Hamilton scores dropped...", "Q: ...", "Dr Lee: ...": who speaks in a transcript,
# an interview or a Q&A, not part of what is said (a route as a label, "IV: ...", stays).
_SPEAKER = re.compile(
    r"^(?!(?i:myth|false|true|fact|facts|truth|reality|claim|verdict|fact check|note)"
    rf"{LABEL_NUMBER}\s*:)"
    r"(?:[A-Z][A-Za-z]+\.?(?: [A-Z][A-Za-z]*\.?){0,2}|Q|A|"
    # a forum's handle: "u/ember_and_ash:", "@kat.r:", "Dr_M_Reyes:", "nurse42:"
    r"(?:u/|@)[\w.-]+|[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+|[A-Za-z]+\d+)"
    r"\s*:\s+(?=[A-Z\"'\u201c])"
)  # "Myth:" and "False:" judge what follows: they are not speakers
# ...and a reply's label, whatever follows: "Staff response: our standard infusion runs...",
# "Comment (Day Unit): I was sick" ("response" would otherwise be read as the outcome; an
# outcome's heading may head a finding, "Response:", "Treatment response: higher by drip")
_REPLY = re.compile(
    r"^(?:(?:Staff|Clinic|Team|Nurse|Doctor|Pharmacist|Our|My|Official|Moderator|Admin|Author|"
    r"Editor|Company|Hospital|Practice|Trust|Patient|Service) (?i:response|reply|answer|comment)|"
    r"(?i:comment))"
    r"(?: \([^()]{1,30}\))?\s*:\s+"
)


def speaker(text: str) -> str:
    """The label a sentence opens on naming who speaks ("TESSA: "), or ""."""
    label = _SPEAKER.match(text) or _REPLY.match(text)
    return label.group(0) if label else ""


def split_sentences(text: str, kind: str = "text") -> list[Sentence]:
    """The draft's sentences, in order, each with the line and column it starts at."""
    if kind not in DRAFT_FORMATS:
        raise ValueError(f"unknown draft kind {kind!r} (one of {', '.join(DRAFT_FORMATS)})")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found: list[Sentence] = []
    unread: list[Sentence] = []
    for prose, offsets in _prose(text, kind, unread):
        for para in _PARAGRAPH.finditer(prose):
            flat = para.group(0).replace("\n", " ")
            for start, end in _sentence_spans(flat):
                first = para.start() + start
                last = para.start() + end - 1
                source_start, source_end = offsets[first], offsets[last] + 1
                keys, plain = _cleaned(flat[start:end], kind)
                if not plain and not keys:
                    continue
                raw = _WS.sub(" ", text[source_start:source_end]).strip()
                line = bisect_right(line_starts, source_start)
                col = source_start - line_starts[line - 1] + 1
                found.append(Sentence(line, col, raw or plain, plain, keys))
    if unread:  # in the order of the draft
        found = sorted(found + unread, key=lambda s: (s.line, s.col))
    return found
