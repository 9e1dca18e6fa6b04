"""Check a writer's draft against the tracked claims, the way a careful editor would.

`check(text, claims)` reads a draft (Markdown, LaTeX or plain text; see
`reading`), and gives one finding per sentence: the claim it repeats (see
`matching`), if any, and its problems:

- `opposite`: it asserts the negation of the claim, or flips its comparison (`polarity`);
- `mismatch`: a number differs from the claim's value and every linked source's (`numbers`);
- `cited-retracted`: it cites a work that is retracted (and not reinstated), without
  saying so (docs/retractions.md);
- `cited-against`: a source it cites contradicts the claim, or reports another value
  than the sentence states, or disputes the claim (a tracked document);
- `overclaim`: worded more firmly than the certainty allows (`hedging`);
- `unknown-key`: it cites a key the evidence base does not hold;
- `unsourced`: a number or comparison that matches no claim and cites nothing.

The verdict is the worst problem, else the claim's status, else `no-claim`.
Everything here is pure: text and claims in, a `CheckReport` out.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataNotFound, EvidenceError
from ..records import ClaimView, EvidenceView
from . import hedging, numbers, polarity
from .matching import MATCH_SCORE, Match, Matcher
from .reading import KINDS, Sentence, kind_of, split_sentences
from .routes import routes_named

__all__ = [
    "FAIL_ON",
    "KINDS",
    "MATCH_SCORE",
    "PROBLEM_KINDS",
    "STATUSES",
    "BadDraft",
    "CheckReport",
    "Finding",
    "Problem",
    "Sentence",
    "check",
    "check_file",
    "decode_draft",
    "kind_of",
    "read_draft",
    "routes_named",
    "split_sentences",
]

# Problem kinds, the worst first: the verdict is the first a sentence has.
PROBLEM_KINDS = (
    "opposite",
    "cited-retracted",
    "cited-against",
    "mismatch",
    "overclaim",
    "unknown-key",
    "unsourced",
)
# Claim statuses, the worst first (findings, then descriptions and definitions).
STATUSES = (
    "contradicted",
    "refuted",
    "contested",
    "unsupported",
    "weak",
    "unchecked",
    "strong",
    "confirmed",
)
FAIL_ON = PROBLEM_KINDS + STATUSES
_AGAINST_THE_EVIDENCE = frozenset({"contradicted", "refuted"})
POLARITY_SCORE = 60.0  # below this, sentence and claim differ too much to compare negations

_DIGIT_NOT_YEAR = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d\b)\d")
_SAYS_RETRACTED = re.compile(r"\bretract", re.IGNORECASE)


class BadDraft(EvidenceError):
    """The draft cannot be read as text: empty, binary, or in an unknown encoding."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a sentence, and what to write instead when we know."""

    kind: str
    detail: str
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "detail": self.detail}
        if self.suggestion:
            data["suggestion"] = self.suggestion
        return data


@dataclass(frozen=True)
class Finding:
    """One sentence of the draft: the claim it repeats, if any, and its problems."""

    line: int
    col: int
    sentence: str
    verdict: str
    claim: ClaimView | None = None
    problems: tuple[Problem, ...] = ()
    keys: tuple[str, ...] = ()
    match: Match | None = None
    suggested_keys: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "line": self.line,
            "col": self.col,
            "sentence": self.sentence,
            "claim": self.claim.id if self.claim is not None else None,
            "verdict": self.verdict,
            "problems": [p.to_dict() for p in self.problems],
            "keys": list(self.keys),
        }
        if self.claim is not None and self.match is not None:
            data.update(
                {
                    "statement": self.claim.statement,
                    "certainty": self.claim.certainty,
                    "status": self.claim.status,
                    "score": round(self.match.score, 1),
                    "how": self.match.how,
                    "matched": self.match.against,
                    "sure": self.match.sure,
                    "suggested_keys": list(self.suggested_keys),
                }
            )
        return data


@dataclass(frozen=True)
class CheckReport:
    """What `check` found in one draft: a finding for every sentence."""

    path: str
    kind: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def sentences(self) -> int:
        return len(self.findings)

    def failing(self, wanted: Iterable[str]) -> list[Finding]:
        """The findings with one of `wanted` as a problem kind or as their claim's status."""
        wanted = set(wanted)
        return [
            f
            for f in self.findings
            if wanted & {p.kind for p in f.problems}
            or (f.claim is not None and f.claim.status in wanted)
        ]

    def counts(self) -> dict[str, int]:
        """How many sentences have each verdict, the worst first."""
        order = (*PROBLEM_KINDS, *STATUSES, "no-claim")
        tally: dict[str, int] = {}
        for finding in self.findings:
            tally[finding.verdict] = tally.get(finding.verdict, 0) + 1
        ranked = sorted(tally, key=lambda v: order.index(v) if v in order else len(order))
        return {v: tally[v] for v in ranked}

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "sentences": self.sentences,
            "counts": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
        }


# --------------------------------------------------------------------------
# The checks on one sentence


def _knowns(claim: ClaimView) -> list[numbers.Known]:
    found = [numbers.known_value(claim.value, "the claim")]
    found += [numbers.known_value(e.value, e.source, e.stance) for e in claim.evidence]
    # How many took part is known too: "the trial randomised 40 patients" against n 27.
    found += [numbers.participants(e.n, e.source, e.stance) for e in claim.evidence if e.n]
    return [k for k in found if k is not None]


def _numbers(
    text: str, claim: ClaimView
) -> tuple[list[Problem], list[numbers.Quantity], list[numbers.Known]]:
    knowns = _knowns(claim)
    dimensions = {k.dimension for k in knowns}
    stated = [q for q in numbers.quantities(text) if q.dimension in dimensions]
    problems: list[Problem] = []
    for quantity in stated:
        if any(numbers.agrees(quantity, k) for k in knowns):
            continue
        near = numbers.nearest(quantity, knowns)
        named = ", ".join(f"{k.text} ({k.origin})" for k in near)
        given = "; ".join(
            f"{k.origin}: {k.text}" for k in knowns if k.dimension == quantity.dimension
        )
        problems.append(
            Problem(
                "mismatch",
                f"{quantity.text} is not what the claim or its sources say; nearest known: {named}",
                f"the known values are {given}",
            )
        )
    return problems, stated, knowns


def _link_text(link: EvidenceView) -> str:
    value = f": {numbers.show(link.value)}" if link.value else ""
    note = f" ({link.note})" if link.note else ""
    return f"{link.source}{value}{note}"


def _cited_against(
    sentence: Sentence,
    claim: ClaimView,
    flipped: bool,
    stated: list[numbers.Quantity],
) -> list[Problem]:
    problems: list[Problem] = []
    for key in sentence.keys:
        for link in (e for e in claim.evidence if e.source == key):
            known = numbers.known_value(link.value, link.source, link.stance)
            same_dimension = [q for q in stated if known and q.dimension == known.dimension]
            sides_with_it = known is not None and any(numbers.agrees(q, known) for q in stated)
            if link.stance == "contradicts" and not flipped and not sides_with_it:
                problems.append(
                    Problem(
                        "cited-against",
                        f"the cited {_link_text(link)} contradicts the claim '{claim.statement}'",
                    )
                )
            elif link.stance == "supports" and flipped:
                problems.append(
                    Problem(
                        "cited-against",
                        f"the cited {_link_text(link)} supports the claim this sentence negates: "
                        f"'{claim.statement}'",
                    )
                )
            elif known is not None and same_dimension and not sides_with_it:
                stated_text = ", ".join(q.text for q in same_dimension)
                problems.append(
                    Problem(
                        "cited-against",
                        f"the cited {link.source} reports {known.text}, not {stated_text}",
                        f"write {known.text}, or cite a source that reports {stated_text}",
                    )
                )
        for dispute in (d for d in claim.disputed_by if d.document == key):
            if not flipped:
                problems.append(
                    Problem(
                        "cited-against",
                        f"the cited document {key} disputes the claim: \u201c{dispute.quote}\u201d",
                    )
                )
    return problems


def _sides_with_contradiction(claim: ClaimView, stated: list[numbers.Quantity]) -> bool:
    """Whether the sentence states what a contradicting source found (so not the claim)."""
    against = [
        k
        for e in claim.evidence
        if e.stance == "contradicts" and (k := numbers.known_value(e.value, e.source)) is not None
    ]
    return any(numbers.agrees(q, k) for q in stated for k in against)


def _overclaim(sentence: Sentence, claim: ClaimView) -> Problem | None:
    kind = claim.kind
    detail = hedging.overclaim(sentence.text, claim.certainty, claim.status, kind)
    if detail is None:
        return None
    level = hedging.needed(claim.certainty, claim.status, kind)
    rewording = hedging.reword(claim.statement, level, claim.certainty, claim.status)
    return Problem("overclaim", detail, rewording)


def _unsourced(sentence: Sentence) -> bool:
    text = sentence.text
    if len(text.split()) < 4:
        return False
    if numbers.quantities(text) or _DIGIT_NOT_YEAR.search(text):
        return True
    found = polarity.polarity(text)
    return bool(found.directions and polarity.has_than(text)) or (
        found.equivalence and len(found.routes) >= 2
    )


@dataclass(frozen=True)
class _Verdict:
    claim: ClaimView | None
    match: Match | None
    problems: tuple[Problem, ...]
    suggested_keys: tuple[str, ...]


def _cited_retracted(sentence: Sentence, retracted: Mapping[str, str]) -> list[Problem]:
    """A cited work that is retracted, unless the sentence itself says it was."""
    if _SAYS_RETRACTED.search(sentence.text):
        return []
    return [
        Problem(
            "cited-retracted",
            f"the cited {key} was {retracted[key]}",
            "cite other evidence, or say that the work was retracted",
        )
        for key in sentence.keys
        if key in retracted
    ]


def _judge(
    sentence: Sentence, matcher: Matcher, known: set[str], retracted: Mapping[str, str]
) -> _Verdict:
    problems: list[Problem] = _cited_retracted(sentence, retracted)
    for key in sentence.keys:
        if key not in known:
            problems.append(
                Problem(
                    "unknown-key",
                    f"no work with the key '{key}' in the evidence base",
                    "add it to studies.bib, or correct the key",
                )
            )
    match = matcher.match(sentence.text, sentence.keys)
    if match is None:
        if not sentence.keys and _unsourced(sentence):
            problems.append(
                Problem(
                    "unsourced",
                    "a number or comparison that no tracked claim states, and no citation",
                    "cite a source, or add the claim to claims.yaml",
                )
            )
        return _Verdict(None, None, tuple(sorted(problems, key=_rank)), ())
    claim = match.claim
    flip = None
    if match.score >= POLARITY_SCORE:
        flip = polarity.opposite(sentence.text, claim.statement)
    if flip is not None and claim.status not in _AGAINST_THE_EVIDENCE:
        problems.append(Problem("opposite", f"{flip}: the claim is '{claim.statement}'"))
    # Flipping a claim the evidence contradicts (or a description the record refutes) says
    # what the evidence says: not a problem, and not an assertion of the claim either.
    mismatches, stated, _ = _numbers(sentence.text, claim)
    problems += mismatches
    problems += _cited_against(sentence, claim, flip is not None, stated)
    if flip is None and not _sides_with_contradiction(claim, stated):
        over = _overclaim(sentence, claim)
        if over is not None:
            problems.append(over)
    suggested: tuple[str, ...] = ()
    if not sentence.keys and flip is None:
        suggested = tuple(dict.fromkeys(e.source for e in claim.evidence if e.stance == "supports"))
    return _Verdict(claim, match, tuple(sorted(problems, key=_rank)), suggested)


def _rank(problem: Problem) -> int:
    return PROBLEM_KINDS.index(problem.kind)


def check(
    text: str,
    claims: Sequence[ClaimView],
    kind: str = "text",
    path: str = "<draft>",
    known_keys: Iterable[str] = (),
    progress: Callable[[int], None] | None = None,
    retracted: Mapping[str, str] | None = None,
) -> CheckReport:
    """One finding per sentence of `text`: the claim it repeats, its problems and verdict.

    `known_keys` are the citation keys of the evidence base (works); a cited key
    outside them (and outside the claims' links) is an `unknown-key`. `retracted`
    maps the keys of retracted works to what to say ("retracted 2021-03-04, notice
    10.1000/x"); citing one is `cited-retracted`.
    `progress`, if given, is called with the number of sentences done since its last call.
    """
    sentences = split_sentences(text, kind)
    matcher = Matcher(claims)
    known = set(known_keys) | set(matcher.by_key)
    seen: dict[tuple[str, tuple[str, ...]], _Verdict] = {}  # drafts repeat themselves
    findings: list[Finding] = []
    step = 200
    for index, sentence in enumerate(sentences, 1):
        key = (sentence.text, sentence.keys)
        verdict = seen.get(key)
        if verdict is None:
            verdict = seen[key] = _judge(sentence, matcher, known, retracted or {})
        if verdict.problems:
            label = verdict.problems[0].kind
        elif verdict.claim is not None:
            label = verdict.claim.status
        else:
            label = "no-claim"
        findings.append(
            Finding(
                line=sentence.line,
                col=sentence.col,
                sentence=sentence.raw,
                verdict=label,
                claim=verdict.claim,
                problems=verdict.problems,
                keys=sentence.keys,
                match=verdict.match,
                suggested_keys=verdict.suggested_keys,
            )
        )
        if progress is not None and index % step == 0:
            progress(step)
    if progress is not None and len(sentences) % step:
        progress(len(sentences) % step)
    return CheckReport(path=path, kind=kind, findings=tuple(findings))


# --------------------------------------------------------------------------
# Reading the draft's bytes


def decode_draft(data: bytes, name: str, encoding: str | None = None) -> str:
    """A draft's bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM, or `encoding`.

    BadDraft, in one sentence, for an empty, binary or undecodable draft.
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise BadDraft(
                f"unknown encoding '{encoding}' for {name}; name one Python knows, "
                "such as utf-8, latin-1 or cp1252"
            ) from None
    if not data.strip():
        raise BadDraft(f"{name} is empty: there is nothing to check")
    if encoding is None and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    if encoding is None and b"\x00" in data[:8192]:
        raise BadDraft(f"{name} is a binary file, not a draft: give a Markdown, LaTeX or text file")
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadDraft(
            f"{name} is not {encoding or 'UTF-8'} text (byte {exc.start}): "
            "save it as UTF-8, or name its encoding with --encoding"
        ) from None
    if "\x00" in text:
        raise BadDraft(f"{name} is a binary file, not a draft: give a Markdown, LaTeX or text file")
    return text


def read_draft(path: Path, encoding: str | None = None) -> str:
    """A draft file's text; DataNotFound or BadDraft say why it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataNotFound(f"no draft '{path}'") from None
    except IsADirectoryError:
        raise DataNotFound(f"'{path}' is a folder, not a draft file") from None
    except OSError as exc:
        raise DataNotFound(f"cannot read draft '{path}': {exc.strerror}") from None
    return decode_draft(data, f"draft '{path}'", encoding)


def check_file(
    path: Path,
    claims: Sequence[ClaimView],
    kind: str | None = None,
    known_keys: Iterable[str] = (),
    retracted: Mapping[str, str] | None = None,
) -> CheckReport:
    """`check` on a draft file; the kind follows the file name unless given."""
    return check(
        read_draft(path),
        claims,
        kind or kind_of(path),
        str(path),
        known_keys,
        retracted=retracted,
    )
