"""The checks on one sentence: the claim it repeats, and each problem it has."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..query.records import ClaimRecord, EvidenceRecord
from . import counts, figures, framing, hedging, numbers, parts, polarity, routes, unchecked, valued
from .findings import (
    BY_POINTING,
    BY_VALUE,
    JUDGED_PARTS,
    NO_FINDING_STATED,
    PROBLEM_KINDS,
    SUPPORTS_WHAT_IT_NEGATES,
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

_SAYS_RETRACTED = compiled(r"\bretract", re.IGNORECASE)
_BEARS_ON_SHOWN = 3  # the claims a cited work bears on, named in a finding


def _link_text(link: EvidenceRecord) -> str:
    value = f": {numbers.show(link.value)}" if link.value else ""
    note = f" ({link.note})" if link.note else ""
    return f"{link.source}{value}{note}"


def _count_elsewhere(
    sentence: Sentence, claim: ClaimRecord, matcher: Matcher, knowns: list[numbers.Known]
) -> list[SentenceProblem]:
    """A count of participants the matched claim knows nothing of, against a cited work's
    claim counting its own: "the Indian trial, run at one hospital, gave the shot to 12"
    matches the hospital claim, and its count is the 18-subjects claim's."""
    said = [q for q in numbers.quantities(sentence.text) if q.dimension == "participants"]
    if (
        not said
        or figures.counts_its_own(knowns)
        or any(numbers.agrees(q, k) for q in said for k in knowns)
    ):
        return []  # a count the claim's sources know ("all 27 patients") is theirs
    for other in {c.id: c for key in sentence.keys for c in matcher.by_key.get(key, [])}.values():
        if other.id == claim.id:
            continue
        wrong, stated, theirs = figures.mismatches(sentence.text, other, figures.PARTICIPANTS)
        if wrong and figures.counts_its_own(theirs):
            about = f"by the cited work's claim {other.id} ('{other.statement}'): "
            wrong = [replace(p, detail=about + p.detail) for p in wrong]
            return wrong + _cited_against(sentence, other, False, stated, values_only=True)
    return []


def _cited_against(
    sentence: Sentence,
    claim: ClaimRecord,
    flipped: bool,
    stated: list[numbers.Quantity],
    *,
    values_only: bool = False,
) -> list[SentenceProblem]:
    """The cited works against the sentence: contradicting what it asserts, supporting what
    it denies, or reporting another value than its own (`values_only`: that last alone)."""
    problems: list[SentenceProblem] = []
    for key in sentence.keys:
        for link in (e for e in claim.evidence if e.source == key):
            known = numbers.known_value(link.value, link.source, link.stance)
            same_dimension = [q for q in stated if known and q.dimension == known.dimension]
            sides_with_it = known is not None and any(numbers.agrees(q, known) for q in stated)
            if values_only and not (known is not None and same_dimension and not sides_with_it):
                continue
            if link.stance == "contradicts" and not (flipped or values_only or sides_with_it):
                problems.append(
                    SentenceProblem(
                        "cited-against",
                        f"the cited {_link_text(link)} contradicts the claim '{claim.statement}'",
                    )
                )
            elif link.stance == "supports" and flipped and not values_only:
                problems.append(
                    SentenceProblem(
                        "cited-against",
                        f"the cited {_link_text(link)} {SUPPORTS_WHAT_IT_NEGATES}: "
                        f"'{claim.statement}'",
                    )
                )
            elif known is not None and same_dimension and not sides_with_it:
                stated_text = ", ".join(q.text for q in same_dimension)
                problems.append(
                    SentenceProblem(
                        "cited-against",
                        f"the cited {link.source} reports {known.text}, not {stated_text}",
                        f"write {known.text}, or cite a source that reports {stated_text}",
                    )
                )
            problems += _counted_otherwise(link, stated)
        for dispute in (d for d in claim.disputed_by if d.document == key):
            if not (flipped or values_only):
                problems.append(
                    SentenceProblem(
                        "cited-against",
                        f"the cited document {key} disputes the claim: \u201c{dispute.quote}\u201d",
                    )
                )
    return problems


def _counted_otherwise(
    link: EvidenceRecord, stated: list[numbers.Quantity], kind: str = "cited-against"
) -> list[SentenceProblem]:
    """A count of participants above the cited work's n ("enrolled around 40" of a trial of
    18): the cited work against the sentence, or (`kind` "mismatch") the count it records."""
    if not link.n:
        return []
    counts = figures.counts_of(link)  # the link's n first, then its whole trial's
    counted = counts[0]
    above = [
        q
        for q in stated
        if q.dimension == "participants" and q.low > counted.high and q.bound != numbers.AT_MOST
    ]
    if not above or any(numbers.agrees(q, k) for q in above for k in counts):
        return []
    what = f"{link.source} counts {counted.text}, not {above[0].text}"
    if kind != "cited-against":  # (the cited work's problem says what to write: once)
        return [SentenceProblem(kind, what)]
    fix = f"write {link.n}, or cite the source of {above[0].text}"
    return [SentenceProblem(kind, f"the cited {what}", fix)]


def _miscounts_the_cited(sentence: Sentence, matcher: Matcher) -> list[SentenceProblem]:
    """A sentence matching no claim that gives a cited work more participants than it had
    ("enrolled around 40 [a trial of 18]"): the work is against it, the count a mismatch."""
    if not sentence.keys:
        return []
    stated = [q for q in numbers.quantities(sentence.text) if q.dimension == "participants"]
    links = {
        e.source: e
        for key in sentence.keys
        for claim in matcher.by_key.get(key, [])
        for e in claim.evidence
        if e.source == key
    }
    against = [p for link in links.values() for p in _counted_otherwise(link, stated)]
    wrong = [p for link in links.values() for p in _counted_otherwise(link, stated, "mismatch")]
    return against + wrong[:1]


def _cited_elsewhere(
    sentence: Sentence, claim: ClaimRecord, matcher: Matcher, said: parts.Parts
) -> list[SentenceProblem]:
    """A cited work the base links to other claims and not to this one (call it only when no
    cited work bears on the claim): what it bears on is known, and it is not this (a
    meta-analysis on pain cited for depression, a survey of street drugs cited for an
    efficacy claim)."""
    problems: list[SentenceProblem] = []
    for key in sentence.keys:
        linked = matcher.by_key.get(key, [])
        if not linked:
            continue  # a work the base links to nothing: what it says is not known
        conditions = [matcher.claim_parts(c).conditions for c in linked]
        # (its claims on this claim's topic say what condition it bears on, where they do: a
        # pain trial also cited on how a dose can be stopped is still a pain trial)
        topical = [matcher.claim_parts(c).conditions for c in linked if c.topic == claim.topic]
        if topical and all(topical):
            conditions = topical
        on = frozenset().union(*conditions)
        about = said.conditions or frozenset({claim.condition}) - {"any", ""}  # or the claim's
        if all(conditions) and parts.another(about, on):
            detail = f"the cited {key} is evidence on {', '.join(sorted(on))}, not on "
            detail += ", ".join(sorted(about))
        elif (named := _study_named(claim, key, matcher)) is not None:
            # a claim about one named study ("In Chilukuri et al. 2014, ...") cited to another
            detail = f"the claim is about {named}'s study; the cited {key} is another work"
        elif any(c.topic == claim.topic and _routes_meet(c, claim) for c in linked):
            # on the claim's topic and route: what it says of this claim is not known (a
            # bioavailability study may measure IV as its reference); the match is loose
            continue
        else:
            bears = ", ".join(c.id for c in linked[:_BEARS_ON_SHOWN])
            if len(linked) > _BEARS_ON_SHOWN:
                bears += f" and {len(linked) - _BEARS_ON_SHOWN} more"
            detail = f"the cited {key} is not evidence on this claim in the base (it is on {bears})"
        problems.append(
            SentenceProblem(
                "cited-against",
                detail,
                f"cite a work linked to {claim.id}, or link {key} to it in claims.yaml",
            )
        )
    return problems


def _study_named(claim: ClaimRecord, key: str, matcher: Matcher) -> str | None:
    """The author whose study the claim is about ("Chilukuri" in "Chilukuri et al. 2014
    found..."), when `key` is not that study's (a key begins with its first author's name);
    else None."""
    # (a name no key of the base begins with is no author: "Side effects...", "NMDA")
    names = sorted(
        n
        for n in matcher.claim_parts(claim).names
        if any(k.lower().startswith(n.lower()) for k in matcher.by_key)
    )
    if not names or any(key.lower().startswith(n.lower()) for n in names):
        return None
    return names[0]


# Topics whose studies measure every route against another (bioavailability against an IV
# dose): a study of one route bears on the others too.
_MEASURED_AGAINST_A_REFERENCE = frozenset({"bioavailability", "first-pass", "pharmacokinetics"})


def _routes_meet(linked: ClaimRecord, claim: ClaimRecord) -> bool:
    """Whether two claims share a route (or either names none, or their topic is measured
    against a reference route)."""
    if not linked.routes or not claim.routes or claim.topic in _MEASURED_AGAINST_A_REFERENCE:
        return True
    return bool(set(linked.routes) & set(claim.routes))


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


def _cited_retracted(sentence: Sentence, retracted: Mapping[str, str]) -> list[SentenceProblem]:
    """A cited work that is retracted, unless the sentence itself says it was."""
    if _SAYS_RETRACTED.search(sentence.text):
        return []
    return [
        SentenceProblem(
            "cited-retracted",
            f"the cited {key} was {retracted[key]}",
            "cite other evidence, or say that the work was retracted",
        )
        for key in sentence.keys
        if key in retracted
    ]


def _without_speaker(sentence: Sentence) -> Sentence:
    """The sentence without its speaker's label (a route as a label, "IV: ...", stays)."""
    label = speaker(sentence.text)
    if not label or routes.routes_in_order(label):
        return sentence
    return replace(sentence, text=sentence.text[len(label) :])


def judge(
    sentence: Sentence, matcher: Matcher, known: set[str], retracted: Mapping[str, str]
) -> Verdict:
    """The claim `sentence` repeats, if any, and its problems; `known` holds the citable keys."""
    problems: list[SentenceProblem] = _cited_retracted(sentence, retracted)
    for key in sentence.keys:
        if key not in known:
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
    match = match or valued.by_value(sentence.text, matcher, sentence.keys)
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
        problems += _miscounts_the_cited(sentence, matcher)
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
    fits = ("citation" in match.how or match.how == BY_POINTING) and (
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
    if close or compares or fits or recounted:
        flip = maybe_flipped
    compared = _compare(sentence.text, claim, match)
    for difference in parts.differing(sentence.text, claim):
        problems.append(SentenceProblem("mismatch", difference, f"the claim: '{claim.statement}'"))
    if flip is not None and not _against_the_evidence(claim):
        problems.append(SentenceProblem("opposite", f"{flip}: the claim is '{claim.statement}'"))
    # Flipping a claim the evidence contradicts (or a description the record refutes) says
    # what the evidence says: not a problem, and not an assertion of the claim either.
    # ("only 12 of those patients" is held to the count of the study pointed back to)
    cited = sentence.keys or sentence.pointed
    mismatches, stated, knowns = figures.mismatches(sentence.text, claim, cited=cited)
    problems += mismatches
    if sentence.keys and not mismatches:
        problems += _count_elsewhere(sentence, claim, matcher, knowns)
    # (a denial read where the wording is too far to call it a flip leaves the sentence's side
    # unknown: a cited work is then held only to its values; a claim passed on and answered,
    # only to the figures of its answer, and `hedging` reads it as not asserted)
    unsure = flip is None and polarity.adds_a_negation(maybe_flipped)
    answer = hedging.answer_at(sentence.text)
    own = stated if answer is None else numbers.quantities(sentence.text[answer:])
    held = unsure or answer is not None
    problems += _cited_against(sentence, claim, flip is not None, own, values_only=held)
    unlinked = bool(sentence.keys) and _cites_unlinked(sentence.keys, claim)
    if unlinked:  # no cited work bears on the claim: what do they bear on?
        problems += _cited_elsewhere(sentence, claim, matcher, said)
    # a wrong value does not assert the claim when the claim was found by its value alone, or
    # when it is a count of a study's participants and the sentence states no result
    miscounts = any(q.dimension == "participants" for q in stated) and not said.result
    # (a flip read from negations alone may be set apart as doubtful: the sentence is then
    # judged for its hedging too, and the overclaim reported only if the flip is not:
    # `confidence.sorted_out`)
    doubtful_flip = polarity.by_negation(flip) and not _against_the_evidence(claim)
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
    if stated and kinds & {"mismatch", "cited-against"}:
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


def _cites_unlinked(keys: Sequence[str], claim: ClaimRecord) -> bool:
    """Whether no cited work is evidence on the claim or a document asserting or disputing
    it: they may say something else, so they cannot vouch for the sentence."""
    linked = set(claim.linked_keys())
    return not any(key in linked for key in keys)


NO_CLAIM = "no tracked claim"


def _compare(text: str, claim: ClaimRecord, match: Match) -> dict[str, str]:
    compared = parts.compare(text, claim)
    compared["wording"] = match.sure
    return compared


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
