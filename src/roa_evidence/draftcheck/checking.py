"""`check`: a draft's text, sentence by sentence, against the claims."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from ..query.records import ClaimView
from .drafts import BadDraft, docx_text, read_draft
from .findings import LOOSE, NOT_CHECKED, CheckReport, Finding
from .judging import Verdict, judge
from .matching import Matcher
from .reading import Sentence, kind_of, split_sentences

__all__ = ["check", "check_file"]

_GREEN = frozenset({"confirmed", "strong"})  # statuses that vouch for a sentence


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
    try:
        sentences = split_sentences(text, "text" if kind == "docx" else kind)
    except BadDraft as exc:
        raise BadDraft(f"{path}: {exc}") from None
    if kind == "docx":
        sentences = _paragraph_and_sentence(sentences)
    matcher = Matcher(claims)
    known = set(known_keys) | set(matcher.by_key)
    seen: dict[tuple[str, tuple[str, ...]], Verdict] = {}  # drafts repeat themselves
    findings: list[Finding] = []
    step = 200
    for index, sentence in enumerate(sentences, 1):
        key = (sentence.text, sentence.keys)
        verdict = seen.get(key)
        if verdict is None:
            verdict = seen[key] = judge(sentence, matcher, known, retracted or {})
        label = _label(verdict)
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
                parts=verdict.parts,
                not_checked=verdict.not_checked,
            )
        )
        if progress is not None and index % step == 0:
            progress(step)
    if progress is not None and len(sentences) % step:
        progress(len(sentences) % step)
    return CheckReport(path=path, kind=kind, findings=tuple(findings))


def _paragraph_and_sentence(sentences: list[Sentence]) -> list[Sentence]:
    """A Word draft's positions: paragraph n (line 2n - 1 of its text) and the sentence's
    number in it, in place of line and column."""
    placed: list[Sentence] = []
    count: dict[int, int] = {}
    for sentence in sentences:
        paragraph = (sentence.line + 1) // 2
        count[paragraph] = count.get(paragraph, 0) + 1
        placed.append(replace(sentence, line=paragraph, col=count[paragraph]))
    return placed


def _label(verdict: Verdict) -> str:
    """The worst problem, else the claim's status (a loose match, or one where a part of
    the sentence differs, never vouches for it), else not-checked or no-claim."""
    if verdict.problems:
        return verdict.problems[0].kind
    if verdict.claim is not None and verdict.match is not None:
        loose = verdict.match.sure == "possible" or "differs" in verdict.parts.values()
        green = verdict.claim.status in _GREEN
        return LOOSE if loose and green else verdict.claim.status
    return NOT_CHECKED if verdict.not_checked else "no-claim"


def check_file(
    path: Path,
    claims: Sequence[ClaimView],
    kind: str | None = None,
    known_keys: Iterable[str] = (),
    retracted: Mapping[str, str] | None = None,
) -> CheckReport:
    """`check` on a draft file; the kind follows the file name unless given."""
    kind = kind or kind_of(path)
    return check(
        docx_text(path) if kind == "docx" else read_draft(path),
        claims,
        kind,
        str(path),
        known_keys,
        retracted=retracted,
    )
