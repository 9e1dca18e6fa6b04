"""`check`: a draft's text, sentence by sentence, against the claims."""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..query.records import ClaimRecord
from . import framing
from .cited import CitableWorks
from .confidence import DEFAULT_MIN_CONFIDENCE, confidence, sorted_out
from .drafts import BadDraft, docx_text, read_draft
from .findings import LOOSE, NO_CLAIM, NOT_CHECKED, CheckReport, Finding, loosely_matched
from .judging import Verdict, judge
from .matching import Matcher
from .reading import Sentence, kind_of, split_sentences

__all__ = ["check", "check_file"]

_GREEN = frozenset({"confirmed", "strong"})  # statuses that vouch for a sentence

# Judging costs about 1 ms a sentence (a 10 MB draft is some 100,000): from this many
# distinct sentences on, forked workers share them; below it forking costs more than it saves.
_PARALLEL_FROM = 4000
_CHUNK = 500  # sentences a worker judges between progress reports
_MAX_WORKERS = 4

# What forked workers judge: set before the fork, inherited, never pickled.
_job: tuple[list[Sentence], Matcher, CitableWorks] | None = None


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector off while `check` runs (its forked workers inherit it off):
    a check makes next to no reference cycles (89 objects over 21,900 sentences), but the
    sentences and the readers' caches grow the heap the collector keeps rescanning; without
    it a 10 MB draft costs some 12-20 % less (bench/check_speed.py). Reference counting
    still frees the rest, and the collector is back on (if it was) when the check ends. The
    switch is the process's: a host running other work in threads beside a check has its
    cycles collected after the check, not lost."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_no_cycle_collection()
def check(
    text: str,
    claims: Sequence[ClaimRecord],
    kind: str = "text",
    path: str = "<draft>",
    known_keys: Iterable[str] = (),
    progress: Callable[[int], None] | None = None,
    retracted: Mapping[str, str] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    studied: Mapping[str, str] | None = None,
) -> CheckReport:
    """One finding per sentence of `text`: the claim it repeats, its problems and verdict.

    `known_keys` are the citation keys of the evidence base (works); a cited key
    outside them (and outside the claims' links) is an `unknown-key`. `retracted`
    maps the keys of retracted works to what to say ("retracted 2021-03-04, notice
    10.1000/x"); citing one is `cited-retracted`. `studied` maps works' keys to the condition
    each studied ("sedation", `studied_conditions`): one cited for a claim on another
    condition, where the claims the base links it to say nothing against it, is
    `cited-against`.
    `progress`, if given, is called with the number of sentences done since its last call.
    Each problem of a kind read from meaning carries its confidence (confidence.py); those
    below `min_confidence` are set apart as doubtful (0 keeps every one).
    """
    try:
        sentences = split_sentences(text, "text" if kind == "docx" else kind)
    except BadDraft as exc:
        raise BadDraft(f"{path}: {exc}") from None
    if kind == "docx":
        sentences = _paragraph_and_sentence(sentences)
    matcher = Matcher(claims)
    works = CitableWorks(
        frozenset(known_keys) | frozenset(matcher.by_key), retracted or {}, studied or {}
    )
    sentences = [_without_mentions(s, works.keys) for s in sentences]
    sentences = _pointing_back(sentences, works)
    distinct = list({(s.text, s.keys, s.pointed): s for s in reversed(sentences)}.values())[::-1]
    verdicts = _judge_all(distinct, matcher, works, progress)
    seen = {
        (s.text, s.keys, s.pointed): _doubting(v, s, min_confidence) if v.problems else v
        for s, v in zip(distinct, verdicts, strict=True)
    }
    findings: list[Finding] = []
    for sentence in sentences:  # drafts repeat themselves: one verdict per distinct sentence
        verdict = seen[(sentence.text, sentence.keys, sentence.pointed)]
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
                pointed=sentence.pointed,
                match=verdict.match,
                suggested_keys=verdict.suggested_keys,
                parts=verdict.parts,
                not_checked=verdict.not_checked,
                doubtful=verdict.doubtful,
            )
        )
    if progress is not None and len(sentences) > len(distinct):
        progress(len(sentences) - len(distinct))  # the repeats, judged once
    return CheckReport(path=path, kind=kind, findings=tuple(findings))


def _without_mentions(sentence: Sentence, known: frozenset[str]) -> Sentence:
    """The sentence without the `@name`s that are people, not works: written bare (not in
    [brackets]), with no digit, and no key of the base ("@maya.rose thanks for asking").
    Pandoc reads a bare `@name` as a citation; a social-media reply, as a mention."""
    mentions = [
        key
        for key in sentence.keys
        if key not in known
        and not any(c.isdigit() for c in key)
        and f"@{key}" in sentence.raw
        and not re.search(rf"\[[^\]]*@{re.escape(key)}\b", sentence.raw)
    ]
    if not mentions:
        return sentence
    return replace(sentence, keys=tuple(k for k in sentence.keys if k not in mentions))


_POINTED_BACK = 2  # a study named this many sentences before is still "that trial"


def _pointing_back(sentences: list[Sentence], works: CitableWorks) -> list[Sentence]:
    """The sentences, each citing nothing but speaking of a study cited just before it ("That
    trial followed its patients for two weeks") given that study's key (`Sentence.pointed`):
    the one key of the nearest of the sentences before it that cite one, if known and not
    retracted."""
    read = list(sentences)
    prose = [i for i, s in enumerate(sentences) if not s.unread]  # a heading is no sentence
    for n, i in enumerate(prose):
        sentence = sentences[i]
        before = [sentences[j].keys for j in prose[max(0, n - _POINTED_BACK) : n]]
        cited = [keys for keys in before if keys]
        if (
            not sentence.keys
            and cited
            and len(cited[-1]) == 1
            and cited[-1][0] in works.keys
            and cited[-1][0] not in works.retracted
            and framing.POINTS_BACK.search(sentence.text)
            and not framing.ANOTHER_STUDY.search(sentence.text)
            and not framing.PLANS.search(sentence.text)
        ):
            read[i] = replace(sentence, pointed=cited[-1])
    return read


def _doubting(verdict: Verdict, sentence: Sentence, least: float) -> Verdict:
    """The verdict, each scored problem with its confidence; those below `least` set apart
    as doubtful (`_label` then vouches for nothing), and with them the keys it suggested."""
    kept, doubtful = sorted_out(
        [
            replace(p, confidence=confidence(verdict, p, sentence.keys, sentence.raw))
            for p in verdict.problems
        ],
        least,
    )
    suggested = () if doubtful else verdict.suggested_keys
    return replace(verdict, problems=kept, doubtful=doubtful, suggested_keys=suggested)


def _judge_all(
    sentences: list[Sentence],
    matcher: Matcher,
    works: CitableWorks,
    progress: Callable[[int], None] | None,
) -> list[Verdict]:
    """Each sentence's verdict, in order: in forked workers when there are many."""
    global _job
    workers = min(os.cpu_count() or 1, _MAX_WORKERS)
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if workers < 2 or len(sentences) < _PARALLEL_FROM or not can_fork:
        verdicts: list[Verdict] = []
        for start in range(0, len(sentences), _CHUNK):
            verdicts += (judge(s, matcher, works) for s in sentences[start : start + _CHUNK])
            if progress is not None:
                progress(len(verdicts) - start)
        return verdicts
    # lazy: multiprocessing; the CLI starts without it
    from ..load.workers import forked_pool

    _job = (sentences, matcher, works)
    try:
        with forked_pool(workers) as pool:
            chunks = [(start, start + _CHUNK) for start in range(0, len(sentences), _CHUNK)]
            verdicts = []
            for judged in pool.map(_judge_chunk, chunks):
                verdicts += judged
                if progress is not None:
                    progress(len(judged))
            return verdicts
    finally:
        _job = None


def _judge_chunk(bounds: tuple[int, int]) -> list[Verdict]:
    """In a forked worker: the verdicts of the inherited job's sentences start:stop."""
    assert _job is not None, "a worker forked without a job"
    sentences, matcher, works = _job
    return [judge(s, matcher, works) for s in sentences[bounds[0] : bounds[1]]]


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
    """The worst problem, else the claim's status (a loose match, one where a part of the
    sentence differs, or one with a doubtful problem never vouches for it), else
    not-checked or no-claim."""
    if verdict.problems:
        return verdict.problems[0].kind
    if verdict.claim is not None and verdict.match is not None:
        loose = bool(verdict.doubtful) or loosely_matched(verdict.match, verdict.parts)
        green = verdict.claim.status in _GREEN
        return LOOSE if loose and green else verdict.claim.status
    return NOT_CHECKED if verdict.not_checked else NO_CLAIM


def check_file(
    path: Path,
    claims: Sequence[ClaimRecord],
    kind: str | None = None,
    known_keys: Iterable[str] = (),
    retracted: Mapping[str, str] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    studied: Mapping[str, str] | None = None,
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
        min_confidence=min_confidence,
        studied=studied,
    )
