"""The checks on one sentence: the claim it repeats, and each problem it has."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..query.records import ClaimRecord
from . import (
    cited,
    counts,
    figures,
    framing,
    hedging,
    numbers,
    parts,
    polarity,
    reversals,
    routes,
    unchecked,
    valued,
)
from .findings import (
    BY_DESIGN,
    BY_POINTING,
    BY_VALUE,
    JUDGED_PARTS,
    NO_FINDING_STATED,
    PROBLEM_KINDS,
    UNLINKED,
    SentenceProblem,
    looseness,
)
from .firstchars import compiled
from .matching import CITED_UNKNOWN_TOPIC, Match, Matcher
from .parts import NOT_IN_CLAIM
from .reading import Sentence, speaker

__all__ = ["Verdict", "judge"]

_AGAINST_THE_EVIDENCE = frozenset({"contradicted", "refuted", "partly"})
POLARITY_SCORE = 60.0  # below this, sentence and claim differ too much to compare negations
CITED_PARTS_FIT = 65.0  # ...unless it cites a work of the claim and their parts fit this well


def _overclaim(sentence: Sentence, claim: ClaimRecord) -> SentenceProblem | None:
    kind = claim.kind
    detail = hedging.overclaim(sentence.text, claim.certainty, claim.status, kind)
    if detail is None:
        return None
    level = hedging.needed(claim.certainty, claim.status, kind)
    rewording = hedging.reword(claim.statement, level, claim.certainty, claim.status)
    return SentenceProblem("overclaim", detail, rewording)


@dataclass(frozen=True)
class Verdict:
    """What one sentence repeats and what is wrong with it, the worst problem first."""

    claim: ClaimRecord | None
    match: Match | None
    problems: tuple[SentenceProblem, ...]
    suggested_keys: tuple[str, ...]
    parts: dict[str, str] = field(default_factory=dict)  # part -> agrees / differs / ...
    not_checked: str = ""  # why a sentence that states something was not checked
    doubtful: tuple[SentenceProblem, ...] = ()  # found, but below the confidence asked for


def _without_speaker(sentence: Sentence) -> Sentence:
    """The sentence without its speaker's label (a route as a label, "IV: ...", stays)."""
    label = speaker(sentence.text)
    if not label or routes.routes_in_order(label):
        return sentence
    return replace(sentence, text=sentence.text[len(label) :])


def judge(sentence: Sentence, matcher: Matcher, works: cited.CitableWorks) -> Verdict:
    """The claim `sentence` repeats, if any, and its problems, citing `works`."""
    problems: list[SentenceProblem] = cited.cited_retracted(sentence, works)
    for key in sentence.keys:
        if key not in works.keys:
            problems.append(
                SentenceProblem(
                    "unknown-key",
                    f"no work with the key '{key}' in the evidence base",
                    "add it to studies.bib, or correct the key",
                )
            )
    if sentence.unread:
        return Verdict(None, None, tuple(sorted(problems, key=_rank)), (), {}, sentence.unread)
    sentence = _without_speaker(sentence)
    match = matcher.match(sentence.text, sentence.keys)
    if match is None and sentence.pointed:  # "that trial ...": one of that study's claims
        found = matcher.match(sentence.text, sentence.pointed)
        # (found by the study's key, not by a wording the key did not decide)
        match = replace(found, how=BY_POINTING) if found and "citation" in found.how else None
    match = valued.stated_instead(sentence.text, match, matcher) if match else None
    match = (
        match
        or valued.by_value(sentence.text, matcher, sentence.keys)
        or valued.by_design(sentence.text, matcher, sentence.keys)
    )
    # a question asserts nothing: it is shown its claim, not judged
    asks = framing.asks(sentence.text)
    if match is None:
        if asks:
            return Verdict(None, None, tuple(sorted(problems, key=_rank)), (), {})
        if not sentence.keys and unchecked.unsourced(sentence.text):
            problems.append(
                SentenceProblem(
                    "unsourced",
                    "a number or comparison that no tracked claim states, and no citation",
                    "cite a source, or add the claim to claims.yaml",
                )
            )
        # whatever claim it is about, a count of a cited work's participants is the work's
        problems += cited.miscounts_the_cited(sentence, matcher)
        blind = NO_CLAIM if unchecked.states_something(sentence.text, matcher) else ""
        return Verdict(None, None, tuple(sorted(problems, key=_rank)), (), {}, blind)
    claim = match.claim
    if asks:  # shown its claim, not judged, and never vouched for
        asked = _compare(sentence.text, claim, match) | {"assertion": NO_FINDING_STATED}
        return Verdict(claim, match, tuple(sorted(problems, key=_rank)), (), asked)
    flip = None
    # Negations are compared only where the wording is close (or the parts matched), but a
    # comparison of routes always: "outperformed" against "no difference" is a flip however
    # the rest is worded.
    said, claimed = parts.read_parts(sentence.text), parts.read_parts(claim.statement)
    compares = said.compares and claimed.compares
    # a cited work's claim (or the study's pointed back to) whose parts fit (route, topic,
    # condition) is read for a flip too
    fits = ("citation" in match.how or match.how in (BY_POINTING, BY_DESIGN)) and (
        # as the matcher weighed it: a lay wording's other parts may have found the claim
        parts.fit(said, claimed, claim, CITED_UNKNOWN_TOPIC) >= CITED_PARTS_FIT
        or bool(said.designs & claimed.designs)
    )
    # a claim found in one clause is flipped only there ("..., because no cannula stays in")
    maybe_flipped = polarity.opposite(match.clause or sentence.text, claim.statement)
    if polarity.by_negation(maybe_flipped) and _doubts_its_figure(sentence.text, said, claim):
        maybe_flipped = None
    # ...and a count of studies or sites said otherwise ("a second trial" against "a single
    # study") always
    recounted = counts.recounts(sentence.text, claim.statement)
    close = match.score >= POLARITY_SCORE or match.how in ("parts", "standing-out")
    likened = maybe_flipped == reversals.LIKENED_TO_THE_BEST
    if close or compares or fits or recounted or likened:
        flip = maybe_flipped
    compared = _compare(sentence.text, claim, match)
    for difference in parts.differing(sentence.text, claim):
        problems.append(SentenceProblem("mismatch", difference, f"the claim: '{claim.statement}'"))
    if flip is not None and not _against_the_evidence(claim):
        problems.append(SentenceProblem("opposite", f"{flip}: the claim is '{claim.statement}'"))
    # Flipping a claim the evidence contradicts (or a description the record refutes) says
    # what the evidence says: not a problem, and not an assertion of the claim either.
    # ("only 12 of those patients" is held to the count of the study pointed back to)
    citing = sentence.keys or sentence.pointed
    mismatches, stated, knowns = figures.mismatches(sentence.text, claim, cited=citing)
    if flip is not None:  # (a share in words off the claim's is its contrary: said once)
        mismatches = [p for p in mismatches if p.kind != "opposite"]
    problems += mismatches
    if sentence.keys and not mismatches:
        problems += cited.count_elsewhere(sentence, claim, matcher, knowns)
    # (a denial read where the wording is too far to call it a flip leaves the sentence's side
    # unknown: a cited work is then held only to its values; a claim passed on and answered,
    # only to the figures of its answer, and `hedging` reads it as not asserted)
    unsure = flip is None and polarity.adds_a_negation(maybe_flipped)
    answer = hedging.answer_at(sentence.text)
    own = stated if answer is None else numbers.quantities(sentence.text[answer:])
    # (and an open question or a doubt asserts neither side: "whether X is unclear [@work]")
    open_question = framing.OPEN_QUESTION.search(sentence.text)
    held = unsure or answer is not None or _doubts_it(sentence.text, open_question)
    problems += cited.cited_against(sentence, claim, flip is not None, own, values_only=held)
    # (a flip read from negations alone may be set apart as doubtful: the sentence is then
    # judged as asserting the claim too, for its hedging and the works it cites, and those
    # problems reported only if the flip is not: `confidence.sorted_out`)
    doubtful_flip = polarity.by_negation(flip) and not _against_the_evidence(claim)
    if doubtful_flip and not held:
        problems += cited.against_what_it_asserts(sentence, claim, own)
    unlinked = bool(sentence.keys) and cited.cites_unlinked(sentence.keys, claim)
    if unlinked:  # no cited work bears on the claim: what do they bear on?
        # ("it is not known whether X [@survey]" asserts nothing a survey could be cited for)
        asserts = flip is None and not open_question
        problems += cited.cited_elsewhere(
            sentence, claim, matcher, said, works.studied, asserts_it=asserts
        )
    # a wrong value does not assert the claim when the claim was found by its value alone, or
    # when it is a count of a study's participants and the sentence states no result
    miscounts = any(q.dimension == "participants" for q in stated) and not said.result
    if (flip is None or doubtful_flip) and not (
        unsure
        or (mismatches and (match.how == BY_VALUE or miscounts))
        or figures.sides_with_contradiction(claim, stated)
        or figures.measures_what_it_denies(claim, stated)
    ):
        over = _overclaim(sentence, claim)
        if over is not None:
            problems.append(over)
    ranked = tuple(sorted(problems, key=_rank))
    kinds = {p.kind for p in ranked}
    # a flip read where the wording is too far to call it one is still no agreement
    compared["negation and direction"] = "agrees" if maybe_flipped is None else "differs"
    if stated and (kinds & {"mismatch", "cited-against"} or mismatches):
        compared["quantity"] = "differs"
    elif stated:
        # a count let pass as an arm of a source's trial ("only 8 finished it") is not vouched for
        vouched = len(figures.vouched(sentence.text, stated, knowns)) == len(stated)
        compared["quantity"] = "agrees" if vouched else NOT_IN_CLAIM
    elif figures.doses_it_does_not_know(said, claimed, knowns):
        compared["quantity"] = NOT_IN_CLAIM  # "0.25 mg/kg IM matched 0.5 mg/kg IV": more
    if flip is None:  # how firmly it is worded, against what the evidence allows
        compared["hedging"] = "differs" if "overclaim" in kinds else "agrees"
    if sentence.keys:
        # a cited work against the claim, retracted, or not in the base: not vouched for
        wrong = kinds & {"cited-against", "cited-retracted", "unknown-key"}
        compared["citations"] = "differs" if wrong else UNLINKED if unlinked else "agrees"
    suggested: tuple[str, ...] = ()
    if not sentence.keys and flip is None and not looseness(match, compared, but=JUDGED_PARTS):
        # a loose match (worded only near it, saying less than the sentence) may be another
        # claim, or not the whole sentence: its sources are no citation for it
        suggested = tuple(dict.fromkeys(e.source for e in claim.evidence if e.stance == "supports"))
    return Verdict(claim, match, ranked, suggested, compared)


NO_CLAIM = "no tracked claim"


def _compare(text: str, claim: ClaimRecord, match: Match) -> dict[str, str]:
    compared = parts.compare(text, claim)
    compared["wording"] = match.sure
    return compared


# "..., but X": what follows a doubt asserts X ("whether children mind is unclear, but X")
_BUT_AFTER = compiled(r"(?:,|;|\u2014)\s*(?:but|yet|however)\b", re.I)


def _doubts_it(text: str, open_question: re.Match[str] | None) -> bool:
    """Whether the sentence leaves its claim open or doubts it, with nothing after that
    asserts it, and says no cited work sides with it."""
    doubt = open_question or framing.DOUBTED.search(text)
    if doubt is None or _BUT_AFTER.search(text, doubt.end()):
        return False
    return not framing.SAID_TO_SUPPORT.search(text)


def _doubts_its_figure(text: str, said: parts.Parts, claim: ClaimRecord) -> bool:
    """ "The 93 % figure has never been confirmed, so treat it as very uncertain": the
    claim's own figure, doubted at the very-uncertain level; its "never" is the doubt's, not
    a denial of the claim."""
    return hedging.hedge(text) >= hedging.VERY_UNCERTAIN_LEVEL and parts.states_its_value(
        said, claim
    )


def _against_the_evidence(claim: ClaimRecord) -> bool:
    """Contradicted, refuted, only partly right (an appraisal some of whose facets the
    record refutes), or with only (very-low) evidence against it and none for: saying the
    opposite is not a problem (issue 21 split `contradicted` in two)."""
    if claim.status == "very_uncertain":
        return claim.certainty in (None, "none")
    return claim.status in _AGAINST_THE_EVIDENCE


def _rank(problem: SentenceProblem) -> int:
    return PROBLEM_KINDS.index(problem.kind)
