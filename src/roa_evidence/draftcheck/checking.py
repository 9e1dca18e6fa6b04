"""`check`: a draft's text, sentence by sentence, against the claims."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from ..query.records import ClaimView
from .drafts import read_draft
from .findings import CheckReport, Finding
from .judging import Verdict, judge
from .matching import Matcher
from .reading import kind_of, split_sentences

__all__ = ["check", "check_file"]


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
    seen: dict[tuple[str, tuple[str, ...]], Verdict] = {}  # drafts repeat themselves
    findings: list[Finding] = []
    step = 200
    for index, sentence in enumerate(sentences, 1):
        key = (sentence.text, sentence.keys)
        verdict = seen.get(key)
        if verdict is None:
            verdict = seen[key] = judge(sentence, matcher, known, retracted or {})
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
