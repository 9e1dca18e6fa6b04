"""Where a sentence's clauses part, and how much of a claim each clause speaks of: the
clause a negation is read in (`polarity`)."""

from __future__ import annotations

import re
from functools import lru_cache

from .antonyms import same_scale
from .firstchars import compiled
from .lexicon import canonical
from .negations import NEGATOR, NOT_NEGATIONS, negations
from .routes import spelled_words
from .topics import TOPICS, found_in
from .words import content_words, normalised

__all__ = [
    "CLAUSE_SHARES",
    "clause_shares",
    "clauses",
    "negated_shared",
    "negates_what_other_says",
]


# Where a sentence's clauses part: a semicolon, or a word that opens a clause of its own
# (a reason, a consequence, a concession, a contrast, a relative clause, a second
# predicate, a comment on what came before: "and that isn't changing", "that the adverts
# never mention"); not a comma (lists have them), not "but not" or "but it does not" (they deny
# the clause before them). A split starts only after a word, so that each run of spaces is
# scanned once (linear on any input). `reversals.CLAUSE_END` bounds a ranking's clause and
# does part at commas: a ranking's reason is often a comma away ("simpler, needing no line").
_CLAUSES = compiled(
    r"(?<=[^\s,;])[,;]?\s+(?=\b(?:because|since|although|though|whereas|while|so (?:not|the|it|"
    r"they|we|you|one|this|that|there|if|when)|which|who|and (?:i|we)(?= )|"
    r"(?:but|yet) (?:we|i|you|there|the|none|no one|nobody|nothing)|"
    r"and (?:was|were|is|are|has|have|had|did|does)|(?:and|but) (?:that|this)(?= is| isn't| was|"
    r" wasn't| will| won't| has| hasn't|'s)|"
    r"that (?=(?:the|your|most|many|few|people|doctors|you|we|they) (?:[\w-]+ ){1,2}"
    r"(?:never|rarely|seldom|don't|do not|won't|will not)\b))\b)|"
    r";\s*|,\s+(?=so\s)|"
    # ", but repetition is not evidence": a contrast with a subject of its own
    r",\s+(?=but (?!(?:not|it|they|that|this|only|also|still|even|rather|with|in|at|for|then|"
    r"so|less|more|much|far|as|a|an|the)\b)[a-z]+ (?:is|are|was|were|has|have|had|does|do|did|"
    r"can|could|will|would)\b)|"
    # ", as the trials show it does not": a reason (not "as well as", "as effective as")
    # ("as its comparator" is a role)
    r",\s+(?=as (?:the|it|they|we|you|he|she|this|that|there|most|many|some)\s)",
    re.I,
)
_CONTRAST = compiled(r"\b(?:while|whereas|although|though|but)\b", re.I)


# "Something nobody tells you: it doesn't touch your breathing": a lead-in that negates
# something of its own is a clause apart ("First pass after IV: none" is one clause).
_NEGATING_LEAD_IN = compiled(r"^([^:]{0,120}):\s+(?=\w)")


def clauses(sentence: str) -> list[str]:
    """The sentence's clauses (a reason, a consequence, a concession... each its own)."""
    lead_in = _NEGATING_LEAD_IN.match(sentence)
    if lead_in and NEGATOR.search(lead_in.group(1)):
        return [lead_in.group(1), *clauses(sentence[lead_in.end() :])]
    return [c for c in _CLAUSES.split(sentence) if c and c.strip()]


CLAUSE_SHARES = 2  # a clause speaks of the claim with this many of its words


@lru_cache(maxsize=4096)
def clause_shares(sentence: str, statement: str) -> tuple[tuple[int, str], ...]:
    """Each clause of the sentence with how many of the claim's words it holds, those its
    negation governs twice ("without first-pass metabolism": the clause saying "no
    first-pass loss" speaks of it more than "it enters the blood directly"); none when the
    sentence is one clause, or the claim spans clauses itself (two negations, a contrast)."""
    parts = clauses(sentence)
    claim_words = _claim_words(statement)
    if len(parts) < 2 or claim_words is None:
        return ()
    claimed, governed = claim_words
    shares = []
    for clause in parts:
        words = content_words(normalised(clause))
        shares.append((len(words & claimed) + len(words & governed), clause))
    return tuple(shares)


@lru_cache(maxsize=1024)
def _claim_words(statement: str) -> tuple[set[str], set[str]] | None:
    """A claim's words, and those its negation governs, read once per claim; None when the
    claim spans clauses itself (two negations, a contrast)."""
    claim = canonical(statement)
    if negations(claim) > 1 or _CONTRAST.search(statement):
        return None
    negator = NEGATOR.search(claim)
    scope = next(iter(clauses(claim[negator.end() :])), "") if negator else ""
    governed = content_words(normalised(scope)) if scope else set()
    return content_words(normalised(statement)), governed


@lru_cache(maxsize=65536)
def _negated(text: str) -> tuple[frozenset[str], frozenset[str], str]:
    """The words each negation of `text` governs, routes aside, the topics they speak of,
    and the text they are read from: the rest of its clause after it ("driving unsafe after
    an infusion" negates "safe", not the infusion), with its subject where it denies a verb
    and what follows names no topic ("tachycardia isn't a feature", "a racing pulse is not
    expected"), what a pronoun before it stands for, or the clause before it where little
    follows it ("X does not hold")."""
    cleaned = NOT_NEGATIONS.sub(" ", canonical(text))
    governed: set[str] = set()
    scopes: list[str] = []
    for negator in NEGATOR.finditer(cleaned):
        scope = _SCOPE_END.split(next(iter(clauses(cleaned[negator.end() :])), ""))[0]
        after = _governed_words(scope)
        before = [c for c in clauses(cleaned[: negator.start()]) if c.strip()]
        if before and len(after) < 2:
            # what is said just before ("leaves blood pressure untouched"), not the whole
            # clause ("lingering effects after an infusion make driving unsafe")
            scope = " ".join([*before[-1].split()[-_BEFORE_WORDS:], scope])
        elif before and _AUXILIARY_ENDS.search(before[-1]) and not found_in(TOPICS, scope):
            # (unless what follows has a topic of its own: "an effect that was not sustained
            # over the following days" denies its duration, not the effect)
            scope = " ".join([*before[-1].split()[-_SUBJECT_WORDS:], scope])
        elif _PRONOUN_ENDS.search(cleaned, 0, negator.start()):
            # "BP during an infusion: it never rises": what "it" stands for is denied
            scope = f"{cleaned[: negator.start()]} {scope}"
        governed |= _governed_words(scope)
        scopes.append(scope)
    said = " ".join(scopes)
    return frozenset(governed), found_in(TOPICS, said), said


def _governed_words(scope: str) -> frozenset[str]:
    """A negation's scope's distinctive words, less routes and the words of a denial."""
    return frozenset(content_words(normalised(scope)) - spelled_words() - _DENYING)


# the words of a denial ("does not hold", "is not true"): what it denies is said before it
_DENYING = frozenset(
    {"hold", "true", "correct", "right", "accurate", "case", "stand", "so", "support", "borne"}
)
_BEFORE_WORDS = 4  # what a one-word denial is said of
_SUBJECT_WORDS = 6  # "a rise in blood pressure is not": the subject, not the whole clause
_SCOPE_END = compiled(r"[:\u2013\u2014]")  # "...does not hold: SC has been titrated"
_PRONOUN_ENDS = compiled(r"\b(?:it|they|this|that)\s*$", re.I)
_AUXILIARY_ENDS = compiled(
    r"\b(?:is|are|was|were|be|been|does|do|did|has|have|had|can|could|will|would|should|"
    r"may|might|must)\s*$",
    re.I,
)


def negated_shared(negated: str, other: str) -> int:
    """How many of the words a negation in `negated` governs `other` holds (what the
    confidence weighs: "the effect was not sustained" against "sustained for three days")."""
    return len(_negated(negated)[0] & content_words(normalised(other)))


def negates_what_other_says(negated: str, other: str) -> bool:
    """Whether a negation in `negated` governs something `other` speaks of, in its words or
    its topic: "which an IV dose bypasses" or "all of it enters the blood" drops no negation
    of "without first-pass metabolism", nor does "a figure we could not trace to any study"
    add one to "IM bioavailability is 93 %". True where what is negated is not known."""
    governed, topics, said = _negated(negated)
    if not governed or governed & content_words(normalised(other)):
        return True
    # ("neither uncommon nor fleeting" against "rare, mild and transient": one scale)
    return bool(topics & found_in(TOPICS, canonical(other))) or same_scale(said, other)
