"""What the works a sentence cites bear on: the values and counts they report against the
sentence's, the claims and the condition the base links them to, and their retraction."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..query.records import ClaimRecord, EvidenceRecord, WorkFacts
from . import figures, numbers, parts
from .findings import SUPPORTS_WHAT_IT_NEGATES, SentenceProblem
from .firstchars import compiled
from .matching import Matcher
from .reading import Sentence

__all__ = [
    "CitableWorks",
    "against_what_it_asserts",
    "cited_against",
    "cited_elsewhere",
    "cited_retracted",
    "cites_unlinked",
    "count_elsewhere",
    "miscounts_the_cited",
    "studied_conditions",
]

_SAYS_RETRACTED = compiled(r"\bretract", re.IGNORECASE)
_BEARS_ON_SHOWN = 3  # the claims a cited work bears on, named in a finding
_RECREATIONAL = "recreational"  # studies.bib's condition of a study of people's own drug use


@dataclass(frozen=True)
class CitableWorks:
    """What the base knows of the works a draft may cite, beyond the claims they bear on: their
    keys, what to say of those retracted ("retracted 2021-03-04, notice 10.1000/x") and the
    condition each studied (studies.bib's `condition`: "sedation", "recreational")."""

    keys: frozenset[str] = frozenset()
    retracted: Mapping[str, str] = field(default_factory=dict)
    studied: Mapping[str, str] = field(default_factory=dict)


def studied_conditions(works: Iterable[WorkFacts]) -> dict[str, str]:
    """The condition each work studied, by key (what `check`'s `studied` takes)."""
    return {work.key: work.condition for work in works if work.condition}


def _link_text(link: EvidenceRecord) -> str:
    value = f": {numbers.show(link.value)}" if link.value else ""
    note = f" ({link.note})" if link.note else ""
    return f"{link.source}{value}{note}"


def count_elsewhere(
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
            return wrong + cited_against(sentence, other, False, stated, values_only=True)
    return []


def cited_against(
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
            problems += _counted_otherwise(link, stated)  # a count is a value either way
            if values_only and not (known is not None and same_dimension and not sides_with_it):
                continue
            if link.stance == "contradicts" and not (flipped or values_only or sides_with_it):
                problems.append(
                    SentenceProblem(
                        "cited-against",
                        f"the cited {_link_text(link)} contradicts the claim '{claim.statement}'",
                        if_asserted=True,
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
        for dispute in (d for d in claim.disputed_by if d.document == key):
            if not (flipped or values_only):
                problems.append(
                    SentenceProblem(
                        "cited-against",
                        f"the cited document {key} disputes the claim: \u201c{dispute.quote}\u201d",
                        if_asserted=True,
                    )
                )
    return problems


def against_what_it_asserts(
    sentence: Sentence, claim: ClaimRecord, stated: list[numbers.Quantity]
) -> list[SentenceProblem]:
    """The cited works contradicting or disputing the claim, read as if the sentence asserted
    it (where its negation is in doubt)."""
    return [p for p in cited_against(sentence, claim, False, stated) if p.if_asserted]


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


def miscounts_the_cited(sentence: Sentence, matcher: Matcher) -> list[SentenceProblem]:
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


def cited_elsewhere(
    sentence: Sentence,
    claim: ClaimRecord,
    matcher: Matcher,
    said: parts.Parts,
    studied: Mapping[str, str],
    asserts_it: bool = True,
) -> list[SentenceProblem]:
    """A cited work the base links to other claims and not to this one (call it only when no
    cited work bears on the claim): what it bears on is known, and it is not this (a
    meta-analysis on pain cited for depression, a survey of street drugs cited for an
    efficacy claim). Where the links say nothing against it, the work's own record may: it
    studied another condition (`studied`), or it is a survey of drug use the base links to no
    claim, cited for a claim on drug use it holds unsourced (where the sentence asserts it:
    `asserts_it`: not flipped, nor asked as an open question).
    """
    problems: list[SentenceProblem] = []
    about = said.conditions or frozenset({claim.condition}) - {"any", ""}  # or the claim's
    for key in sentence.keys:
        linked = matcher.by_key.get(key, [])
        detail = _bears_elsewhere(key, claim, about, linked, matcher)
        if detail is None and (own := _studied_otherwise(key, claim, about, studied)):
            detail = f"the cited {key} {own}"
        if detail is None and asserts_it and _unsourced_survey(key, claim, linked, studied):
            detail = f"the base has no evidence on this claim; the cited {key} is {_SURVEY}"
        if detail is not None:
            problems.append(_not_evidence_on_it(detail, claim, key))
    return problems


def _bears_elsewhere(
    key: str,
    claim: ClaimRecord,
    about: frozenset[str],
    linked: Sequence[ClaimRecord],
    matcher: Matcher,
) -> str | None:
    """What the claims the base links a work to say it bears on instead of `claim`, or None
    where they do not say (no claim, or one on the claim's topic and route)."""
    if not linked:
        return None  # a work the base links to nothing: what it says is not known
    conditions = [matcher.claim_parts(c).conditions for c in linked]
    # (its claims on this claim's topic say what condition it bears on, where they do: a pain
    # trial also cited on how a dose can be stopped is still a pain trial)
    topical = [matcher.claim_parts(c).conditions for c in linked if c.topic == claim.topic]
    if topical and all(topical):
        conditions = topical
    on = frozenset().union(*conditions)
    if all(conditions) and parts.another(about, on):
        return f"the cited {key} is evidence on {', '.join(sorted(on))}, not on " + ", ".join(
            sorted(about)
        )
    if (named := _study_named(claim, key, matcher)) is not None:
        # a claim about one named study ("In Chilukuri et al. 2014, ...") cited to another
        return f"the claim is about {named}'s study; the cited {key} is another work"
    if any(c.topic == claim.topic and _routes_meet(c, claim) for c in linked):
        # on the claim's topic and route: what it says of this claim is not known (a
        # bioavailability study may measure IV as its reference); the match is loose
        return None
    bears = ", ".join(c.id for c in linked[:_BEARS_ON_SHOWN])
    if len(linked) > _BEARS_ON_SHOWN:
        bears += f" and {len(linked) - _BEARS_ON_SHOWN} more"
    return f"the cited {key} is not evidence on this claim in the base (it is on {bears})"


def _not_evidence_on_it(detail: str, claim: ClaimRecord, key: str) -> SentenceProblem:
    if claim.evidence:
        fix = f"cite a work linked to {claim.id}, or link {key} to it in claims.yaml"
    else:  # (no work is linked to cite instead)
        fix = f"drop the citation and hedge the claim, or link {key} to {claim.id} in claims.yaml"
    return SentenceProblem("cited-against", detail, fix)


def _studied_otherwise(
    key: str, claim: ClaimRecord, about: frozenset[str], studied: Mapping[str, str]
) -> str | None:
    """What the work studied, when it is another condition than the one the sentence or claim
    is about ("studied sedation, not depression": a children's sedation trial cited for
    depression), else None. Not for a claim that holds for any condition (a bioavailability,
    measured in whoever took part), nor a work on any condition."""
    condition = studied.get(key, "any")
    if condition == _RECREATIONAL and claim.condition in ("any", ""):
        # (a survey of people's own drug use is no evidence on treatment, whoever it treats)
        return "studied recreational use, which is no evidence on this claim"
    if claim.condition in ("any", "") or condition == "any":
        return None
    if not about or condition in about:
        return None
    return f"studied {condition}, not {', '.join(sorted(about))}"


_SURVEY = "a study of recreational use the base links to no claim"


def _unsourced_survey(
    key: str, claim: ClaimRecord, linked: Sequence[ClaimRecord], studied: Mapping[str, str]
) -> bool:
    """Whether `key` studied recreational use and bears on no claim, and `claim` is one on
    recreational use that no work supports: the base found the claim's source elsewhere or
    nowhere (a survey of party-goers cited for "every street sample was cut")."""
    return (
        studied.get(key) == _RECREATIONAL
        and claim.condition == _RECREATIONAL
        and not linked
        and not claim.evidence
    )


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


def cited_retracted(sentence: Sentence, works: CitableWorks) -> list[SentenceProblem]:
    """A cited work that is retracted, unless the sentence itself says it was."""
    if _SAYS_RETRACTED.search(sentence.text):
        return []
    return [
        SentenceProblem(
            "cited-retracted",
            f"the cited {key} was {works.retracted[key]}",
            "cite other evidence, or say that the work was retracted",
        )
        for key in sentence.keys
        if key in works.retracted
    ]


def cites_unlinked(keys: Sequence[str], claim: ClaimRecord) -> bool:
    """Whether no cited work is evidence on the claim or a document asserting or disputing
    it: they may say something else, so they cannot vouch for the sentence."""
    linked = set(claim.linked_keys())
    return not any(key in linked for key in keys)
