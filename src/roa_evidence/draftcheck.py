"""Check a writer's draft against the tracked claims.

`check(text, claims)` splits a draft (Markdown, LaTeX or plain text) into
sentences, each with its line number, and finds the claim each sentence
repeats:

- by citation key: `[@key]`, `[see @a; @b, p. 3]`, `@key` in Markdown;
  `\\cite{a,b}`, `\\citep[p.~3]{key}`, `\\textcite{key}`... in LaTeX. A key
  names a work; the claims it bears on are those citing it as evidence or
  asserted by it (a document). The sentence is matched to the one whose text
  is closest (or to the only one);
- by text: the sentence against every claim's statement and asserting quotes,
  with rapidfuzz (0-100: the best of the whole-text ratio, the word-order-free
  ratio, the shared-words ratio for a sentence at least half the statement's
  length, and, for a quote of `QUOTE_CHARS` or more, the best-aligned part of
  the sentence), less `ROUTE_PENALTY` when the sentence names a route the claim
  is not about and leaves out one it is about (unless it repeats the text
  nearly verbatim); kept at `MATCH_SCORE` or above.

Each matched sentence is reported with the claim, how sure the match is, and
the claim's certainty and status. A sentence matching no claim but holding a
number or a comparison, and citing nothing, is reported as unsourced.

Everything here is pure: text and claims in, a `CheckReport` out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process, utils

from . import vocab
from .errors import DataNotFound
from .queries import ClaimView

__all__ = [
    "FAIL_ON",
    "KINDS",
    "MATCH_SCORE",
    "CheckReport",
    "Finding",
    "Sentence",
    "check",
    "check_file",
    "kind_of",
    "read_draft",
    "routes_named",
    "split_sentences",
]

KINDS = ("markdown", "latex", "text")
FAIL_ON = ("weak", "contested", "unsupported", "unsourced")
MATCH_SCORE = 80.0  # a match by text alone needs this similarity or more
CITED_SCORE = 50.0  # a cited key with several claims: the closest needs this much
MIN_WORDS = 4  # shorter sentences are not compared by text
QUOTE_CHARS = 20  # a quote this long may match part of a longer sentence
ROUTE_PENALTY = 20.0  # a sentence naming another route than the claim's
VERBATIM = 95.0  # a sentence this close repeats the text itself, whatever routes it names
SHORTLIST = 30  # targets compared closely, of those sharing the most words

_SUFFIX_KIND = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".rmd": "markdown",
    ".qmd": "markdown",
    ".tex": "latex",
    ".latex": "latex",
    ".ltx": "latex",
}


def kind_of(path: Path) -> str:
    """The draft's kind from its file name: markdown, latex, or text."""
    return _SUFFIX_KIND.get(path.suffix.lower(), "text")


# --------------------------------------------------------------------------
# Sentences


@dataclass(frozen=True)
class Sentence:
    """One sentence of the draft, as written and as compared."""

    line: int
    raw: str  # the source text, whitespace collapsed
    text: str  # markup and citations removed
    keys: tuple[str, ...]  # citation keys, in order


_WS = re.compile(r"\s+")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)

# Markdown
_MD_FRONT = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MD_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.S | re.M)
_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t].*$|^[ \t]*(?:=+|-+)[ \t]*$", re.M)
_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", re.M)
_MD_CODE = re.compile(r"`[^`\n]*`")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK_TARGET = re.compile(r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_MD_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)]|>)[ \t]+", re.M)
_MD_KEY = re.compile(r"(?<![\w@.])-?@([A-Za-z0-9_][\w:.#$%&+?<>~/-]*)")
_MD_CITATION = re.compile(r"\[[^\[\]]*@[^\[\]]*\]")

# LaTeX
_TEX_COMMENT = re.compile(r"(?<!\\)%.*$", re.M)
_TEX_PREAMBLE = re.compile(r"\A.*?\\begin\{document\}", re.S)
_TEX_END = re.compile(r"\\end\{document\}.*\Z", re.S)
_TEX_MATH_ENV = re.compile(
    r"\\begin\{(equation|align|gather|multline|verbatim|lstlisting|tabular|displaymath)\*?\}"
    r".*?\\end\{\1\*?\}",
    re.S,
)
_TEX_DISPLAY = re.compile(r"\\\[.*?\\\]|\$\$.*?\$\$", re.S)
_TEX_HEADING = re.compile(
    r"\\(?:part|chapter|section|subsection|subsubsection|paragraph|caption|title|label|"
    r"bibliography|bibliographystyle|usepackage|documentclass|maketitle|tableofcontents)"
    r"\*?(?:\[[^\]]*\])?(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})?"
)
_TEX_BLOCK = re.compile(
    r"\\(?:begin|end)\{[^}]*\}(?:\[[^\]]*\])?|\\item\b(?:\[[^\]]*\])?|\\\\|"
    r"\\par\b"
)
_TEX_CITE = re.compile(r"\\[A-Za-z]*cite[A-Za-z]*\*?(?:\[[^\]]*\]){0,2}\{([^}]*)\}")
_TEX_ARG_CMD = re.compile(r"\\[A-Za-z]+\*?(?:\[[^\]]*\])?\{([^{}]*)\}")
_TEX_CMD = re.compile(r"\\[A-Za-z]+\*?")
_TEX_ESCAPES = (
    ("\\%", "%"),
    ("\\&", "&"),
    ("\\_", "_"),
    ("\\$", "$"),
    ("\\#", "#"),
    ("~", " "),
    ("``", '"'),
    ("''", '"'),
    ("---", "-"),
    ("--", "-"),
)

_HARD_BREAK = "\x00"
_END = re.compile(r"[.!?]+[\"')\]\u201d\u2019]*(?=\s)")
_NO_SPLIT_AFTER = frozenset(
    {
        "e.g",
        "i.e",
        "al",
        "vs",
        "cf",
        "fig",
        "figs",
        "approx",
        "ca",
        "dr",
        "no",
        "nos",
        "p",
        "pp",
        "eq",
        "ref",
        "refs",
        "sec",
        "vol",
        "st",
        "mr",
        "mrs",
        "ms",
        "prof",
        "resp",
        "etc",
        "min",
        "mg",
        "ml",
        "kg",
        "h",
        "hr",
        "hrs",
    }
)
_SENTENCE_START = re.compile(r"\s+[\"'(\[\u201c\u2018]?[A-Z0-9\\@]")


def _mask(text: str, pattern: re.Pattern[str], brk: bool = False) -> str:
    """Blank out `pattern`'s matches, keeping newlines (so line numbers hold)."""

    def blank(match: re.Match[str]) -> str:
        inner = re.sub(r"[^\n]", " ", match.group(0))
        return (_HARD_BREAK + inner[1:]) if brk and inner else inner

    return pattern.sub(blank, text)


def _prose(text: str, kind: str) -> str:
    """The draft with everything but prose blanked out, same length and lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if kind == "markdown":
        for pattern in (_MD_FRONT, _MD_FENCE, _MD_COMMENT, _MD_IMAGE, _MD_CODE, _MD_LINK_TARGET):
            text = _mask(text, pattern)
        for pattern in (_MD_HEADING, _MD_TABLE_RULE, _MD_ITEM):
            text = _mask(text, pattern, brk=True)
        # a table row is one segment per cell line
        text = re.sub(r"(?m)^([ \t]*)\|", lambda m: _HARD_BREAK + m.group(1), text)
    elif kind == "latex":
        text = _mask(text, _TEX_COMMENT)
        if _TEX_PREAMBLE.search(text):
            text = _mask(text, _TEX_PREAMBLE)
        text = _mask(text, _TEX_END)
        for pattern in (_TEX_MATH_ENV, _TEX_DISPLAY, _TEX_HEADING, _TEX_BLOCK):
            text = _mask(text, pattern, brk=True)
    return text


def _keys_and_text(raw: str, kind: str) -> tuple[tuple[str, ...], str]:
    keys: list[str] = []
    text = raw
    if kind in ("markdown", "text"):
        for citation in _MD_CITATION.findall(text):
            keys += [k.rstrip(".,;:") for k in _MD_KEY.findall(citation)]
        text = _MD_CITATION.sub(" ", text)
        for key in _MD_KEY.findall(text):
            keys.append(key.rstrip(".,;:"))
        text = _MD_KEY.sub(lambda m: " ", text)
        text = re.sub(r"\[([^\]]*)\]", r"\1", text)  # [link text]
        text = re.sub(r"(\*\*|__|\*|(?<!\w)_|_(?!\w))", "", text)
        text = re.sub(r"<[^>]+>", " ", text)
    if kind in ("latex", "text"):
        for group in _TEX_CITE.findall(text):
            keys += [k.strip() for k in group.split(",") if k.strip()]
        text = _TEX_CITE.sub(" ", text)
        for latex, plain in _TEX_ESCAPES:
            text = text.replace(latex, plain)
        for _ in range(3):  # nested \emph{\textbf{x}}
            text = _TEX_ARG_CMD.sub(r"\1", text)
        text = _TEX_CMD.sub(" ", text).replace("{", "").replace("}", "")
        text = re.sub(r"\$([^$]*)\$", r"\1", text)
    text = _WS.sub(" ", text.translate(_QUOTES)).strip()
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return tuple(dict.fromkeys(keys)), text


def _ends(chunk: str) -> Iterable[int]:
    """Offsets in `chunk` just past each sentence end."""
    for match in _END.finditer(chunk):
        before = chunk[: match.start()].rsplit(None, 1)
        word = before[-1].lower().lstrip("([\"'") if before else ""
        if match.group(0).startswith(".") and (word in _NO_SPLIT_AFTER or len(word) == 1):
            continue
        if not _SENTENCE_START.match(chunk, match.end()):
            continue
        yield match.end()


def split_sentences(text: str, kind: str = "text") -> list[Sentence]:
    """The draft's sentences, in order, each with the line it starts on (1-based)."""
    if kind not in KINDS:
        raise ValueError(f"unknown draft kind {kind!r} (one of {', '.join(KINDS)})")
    prose = _prose(text, kind)
    line_starts = [0] + [m.end() for m in re.finditer("\n", prose)]
    found: list[Sentence] = []
    for block in re.finditer(r"[^\x00]+", prose):
        for para in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", block.group(0)):
            chunk, base = para.group(0), block.start() + para.start()
            start = 0
            for end in [*_ends(chunk), len(chunk)]:
                piece = chunk[start:end]
                lead = len(piece) - len(piece.lstrip())
                raw = _WS.sub(" ", piece).strip()
                if raw:
                    keys, clean = _keys_and_text(raw, kind)
                    if clean or keys:
                        line = bisect_right(line_starts, base + start + lead)
                        found.append(Sentence(line, raw, clean, keys))
                start = end
    return found


# --------------------------------------------------------------------------
# Matching


@dataclass(frozen=True)
class Finding:
    """A sentence that repeats a claim, or holds a number or comparison with no source."""

    line: int
    sentence: str
    verdict: str  # ok (strong claim) | weak | contested | unsupported | unsourced
    claim: ClaimView | None = None
    score: float = 0.0  # text similarity to the claim, 0-100
    how: str = ""  # citation | text | citation+text
    matched: str = ""  # "statement" or "quote (document)"
    keys: tuple[str, ...] = ()
    unknown_keys: tuple[str, ...] = ()

    @property
    def sure(self) -> str:
        """How sure the match is: sure, likely or possible."""
        if self.claim is None:
            return ""
        if self.score >= 95 or ("citation" in self.how and self.score >= 70):
            return "sure"
        if self.score >= 90 or "citation" in self.how:
            return "likely"
        return "possible"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "line": self.line,
            "sentence": self.sentence,
            "verdict": self.verdict,
            "keys": list(self.keys),
        }
        if self.unknown_keys:
            data["unknown_keys"] = list(self.unknown_keys)
        if self.claim is not None:
            data.update(
                {
                    "claim": self.claim.id,
                    "statement": self.claim.statement,
                    "certainty": self.claim.certainty,
                    "status": self.claim.status,
                    "score": round(self.score, 1),
                    "how": self.how,
                    "matched": self.matched,
                    "sure": self.sure,
                }
            )
        return data


@dataclass(frozen=True)
class CheckReport:
    """What `check` found in one draft."""

    path: str
    kind: str
    sentences: int
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def failing(self, verdicts: Iterable[str]) -> list[Finding]:
        """The findings whose verdict is one of `verdicts` (for `--fail-on`)."""
        wanted = set(verdicts)
        return [f for f in self.findings if f.verdict in wanted]

    def counts(self) -> dict[str, int]:
        verdicts = ("ok", "weak", "contested", "unsupported", "unsourced")
        return {v: n for v in verdicts if (n := sum(f.verdict == v for f in self.findings))}

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "sentences": self.sentences,
            "counts": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
        }


_NUMBER = re.compile(r"\d")
_COMPARISON = re.compile(
    r"\b(?:than|versus|vs|compared|comparable|superior|inferior|equivalent|outperforms?|"
    r"as (?:\w+ ){1,2}as|more|less|fewer|better|worse|best|worst|faster|slower|higher|lower|"
    r"greater|smaller|longer|shorter|safer|cheaper|stronger|weaker|most|least|only|always|"
    r"never|all|none|every)\b|[<>\u2264\u2265=]",
    re.I,
)


def _verdict(claim: ClaimView) -> str:
    return "ok" if claim.status == "strong" else claim.status


_ROUTE_WORD = re.compile(
    r"\b(?:(IV|IM|IN|SL|SC|PO)|(intravenous(?:ly)?|intramuscular(?:ly)?|intranasal(?:ly)?|"
    r"nasal(?:ly)?|oral(?:ly)?|sublingual(?:ly)?|rectal(?:ly)?|subcutaneous(?:ly)?|"
    r"infusions?))\b",
    re.I,
)


def routes_named(text: str) -> frozenset[str]:
    """The routes a sentence names (`IV`, `intramuscular`, `orally`, `infusion`...)."""
    found: set[str] = set()
    for match in _ROUTE_WORD.finditer(text):
        abbrev, word = match.groups()
        if abbrev is not None and abbrev != abbrev.upper():
            continue  # "in", "iv" in lower case are words or list numbers
        term = (abbrev or word).lower()
        term = term.removesuffix("ly").removesuffix("s")
        route = vocab.canonical_route(term)
        if route is not None:
            found.add(route)
    return frozenset(found)


@dataclass(frozen=True)
class _Target:
    claim: ClaimView
    label: str
    text: str  # processed (lower case, no punctuation)
    quote: bool


def _targets(claims: Sequence[ClaimView]) -> list[_Target]:
    targets: list[_Target] = []
    for claim in claims:
        targets.append(_Target(claim, "statement", utils.default_process(claim.statement), False))
        for quote in claim.asserted_by:
            targets.append(
                _Target(
                    claim, f"quote ({quote.document})", utils.default_process(quote.quote), True
                )
            )
    return targets


def _similarity(sentence: str, target: _Target) -> float:
    """How closely a (processed) sentence repeats a statement or quote, 0-100."""
    scores = [fuzz.token_sort_ratio(sentence, target.text), fuzz.ratio(sentence, target.text)]
    words, target_words = len(sentence.split()), len(target.text.split())
    if not target.quote and words * 2 >= target_words:
        scores.append(fuzz.token_set_ratio(sentence, target.text))
    if target.quote:
        if len(target.text) >= QUOTE_CHARS and len(sentence) >= 0.8 * len(target.text):
            scores.append(fuzz.partial_ratio(target.text, sentence))
        elif target_words >= 2 and f" {target.text} " in f" {sentence} ":
            scores.append(95.0)
    return max(scores)


def _score(sentence: str, routes: frozenset[str], target: _Target) -> float:
    score = _similarity(sentence, target)
    claim_routes = set(target.claim.routes)
    if score < VERBATIM and routes - claim_routes and claim_routes - routes:
        score -= ROUTE_PENALTY  # a paraphrase about another route
    return max(0.0, score)


def _best(sentence: str, targets: Sequence[_Target]) -> tuple[_Target, float] | None:
    """The target the sentence repeats best, with its score."""
    if not targets:
        return None
    processed = utils.default_process(sentence)
    routes = routes_named(sentence)
    shortlist = process.extract(
        processed,
        [t.text for t in targets],
        scorer=fuzz.token_set_ratio,
        processor=None,
        limit=SHORTLIST,
    )
    scored = [
        (targets[index], _score(processed, routes, targets[index])) for _, _, index in shortlist
    ]
    return max(scored, key=lambda pair: pair[1], default=None)


def check(
    text: str,
    claims: Sequence[ClaimView],
    kind: str = "text",
    path: str = "<draft>",
    known_keys: Iterable[str] = (),
) -> CheckReport:
    """The sentences of `text` that repeat a claim, or that look like an unsourced claim.

    `known_keys` are the citation keys of the evidence base (works); a cited key
    outside them is reported in `unknown_keys`.
    """
    sentences = split_sentences(text, kind)
    targets = _targets(claims)
    by_key: dict[str, list[ClaimView]] = {}
    for claim in claims:
        for key in dict.fromkeys(
            [e.source for e in claim.evidence] + [a.document for a in claim.asserted_by]
        ):
            by_key.setdefault(key, []).append(claim)
    known = set(known_keys) | set(by_key)
    findings: list[Finding] = []
    for sentence in sentences:
        unknown = tuple(k for k in sentence.keys if k not in known)
        cited = list({c.id: c for k in sentence.keys for c in by_key.get(k, [])}.values())
        enough_words = len(sentence.text.split()) >= MIN_WORDS
        match: tuple[_Target, float, str] | None = None
        if cited:
            cited_ids = {c.id for c in cited}
            best = _best(sentence.text, [t for t in targets if t.claim.id in cited_ids])
            if best is not None and (len(cited) == 1 or best[1] >= CITED_SCORE):
                match = (
                    best[0],
                    best[1],
                    "citation+text" if best[1] >= MATCH_SCORE else "citation",
                )
        if match is None and enough_words:
            best = _best(sentence.text, targets)
            if best is not None and best[1] >= MATCH_SCORE:
                match = (best[0], best[1], "text")
        if match is not None:
            target, score, how = match
            findings.append(
                Finding(
                    line=sentence.line,
                    sentence=sentence.raw,
                    verdict=_verdict(target.claim),
                    claim=target.claim,
                    score=score,
                    how=how,
                    matched=target.label,
                    keys=sentence.keys,
                    unknown_keys=unknown,
                )
            )
        elif (
            not sentence.keys
            and enough_words
            and (_NUMBER.search(sentence.text) or _COMPARISON.search(sentence.text))
        ):
            findings.append(Finding(line=sentence.line, sentence=sentence.raw, verdict="unsourced"))
        elif unknown:
            findings.append(
                Finding(
                    line=sentence.line,
                    sentence=sentence.raw,
                    verdict="unsourced",
                    keys=sentence.keys,
                    unknown_keys=unknown,
                )
            )
    return CheckReport(path=path, kind=kind, sentences=len(sentences), findings=tuple(findings))


def read_draft(path: Path) -> str:
    """A draft's text (UTF-8); DataNotFound says why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataNotFound(f"no draft '{path}'") from None
    except IsADirectoryError:
        raise DataNotFound(f"'{path}' is a folder, not a draft file") from None
    except UnicodeDecodeError as exc:
        raise DataNotFound(f"draft '{path}' is not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise DataNotFound(f"cannot read draft '{path}': {exc.strerror}") from None


def check_file(
    path: Path, claims: Sequence[ClaimView], kind: str | None = None, known_keys: Iterable[str] = ()
) -> CheckReport:
    """`check` on a draft file; the kind follows the file name unless given."""
    return check(read_draft(path), claims, kind or kind_of(path), str(path), known_keys)
