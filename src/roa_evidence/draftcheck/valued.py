"""A claim found by the value a sentence states of a route, when nothing else finds one.

"Only about thirty people received an intramuscular dose", "most patients notice the
first effects about ten minutes after the injection": no wording or topic in common with
any claim, but a route and a number in a dimension (people, a time, a share) that one
claim of exactly that route states its value in ("18 subjects", "1-2 minutes"). That claim
is what the number is about, and the number can be judged against it.

Such a match is loose (`how: value`): its wording vouches for nothing, so only the number
is judged; the sentence is never green on it. Where several claims of the route state a
value in the dimension, a time said as a latency ("within ten minutes", "ten minutes
after the injection") or as a span ("for two to three hours") picks between onset and
duration; a topic the sentence names must be the claim's; otherwise nothing is matched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from weakref import WeakKeyDictionary

from ..query.records import ClaimRecord
from . import figures, numbers, parts
from .described import about_another_study
from .findings import BY_DESIGN, BY_POINTING, BY_VALUE
from .firstchars import compiled
from .matching import Match, Matcher

__all__ = ["by_value", "stated_instead"]

# What a time is of: how soon something happens (onset), or how long it goes on.
_LATENCY_TOPICS = frozenset({"onset"})
_SPAN_TOPICS = frozenset({"duration", "dosing"})
_HEDGE = (
    r"(?:about |around |roughly |some |only |just |approximately |barely |nearly |over |a good |"
    r"a full |at least )?"
)
_LATENCY_BEFORE = compiled(rf"\b(?:within|after|in(?: under| less than)?|by)\s+{_HEDGE}$", re.I)
_LATENCY_AFTER = compiled(
    r"^\W*(?:after|later|of (?:the|an?|your) |(?:to|before) (?:work|act|appear|kick in|take "
    r"effect|start|begin|set in|be felt|anything happens))",
    re.I,
)
_SPAN_BEFORE = compiled(rf"\b(?:for|over|lasting|lasted|lasts|last)\s+{_HEDGE}$", re.I)
_SPAN_AFTER = compiled(r"^\W*(?:long\b|(?:per|each|a) session\b)", re.I)
# "a decade of research", "twenty years of study": how long a route has been studied
_RECORD_AFTER = compiled(r"^\W*(?:of (?:\w+ )?(?:research|study|studies|trials|use))", re.I)
_RECORD_TOPICS = frozenset({"evidence-base"})


def by_value(text: str, matcher: Matcher, keys: Sequence[str] = ()) -> Match | None:
    """The one claim of the route `text` (citing `keys`) names whose own value is in the
    dimension of a number `text` states, or None (as for any match, not a claim about a study
    the sentence is not about: `described`)."""
    said = parts.read_parts(text)
    if not said.routes and not said.compares:
        return None if _NOT_A_SPRAY.search(text) else _the_one_of_its_kind(said, matcher)
    if len(said.routes) != 1 or said.compares:
        return None  # a comparison of routes, or several routes: not the value of one
    found: dict[str, ClaimRecord] = {}
    for quantity in said.quantities:
        if quantity.vague or (quantity.dimension == "percent" and _not_a_share(text, quantity)):
            continue
        candidates = _index(matcher).get((said.routes, quantity.dimension), ())
        kept = [c for c in candidates if _fits(said, matcher.claim_parts(c), c)]
        if quantity.dimension == "time" and len(kept) > 1:
            kept = [c for c in kept if c.topic in _time_topics(text, quantity)]
        claim = _closest(quantity, kept)
        if claim is not None:
            found[claim.id] = claim
    if len(found) != 1:
        return None  # nothing, or numbers of several claims
    claim = next(iter(found.values()))
    if about_another_study(text, keys, claim, matcher.claim_parts(claim), matcher.by_key):
        return None  # "a small double-blind trial gave it to five [@another trial]"
    return Match(claim, 0.0, BY_VALUE, "statement")


# a study's design, said as done: "it was double-blinded", "the authors kept raters blind"
_DONE = compiled(
    r"\b(?:was|were|wasn't|weren't|had|hadn't|kept|used|did|didn't|describes|described)\b", re.I
)
# ...of one study ("that trial", "it was", "the authors"), not of trials, a survey, the
# writer's own practice ("at our clinic we didn't randomise") or a study wished for ("had the
# study been blinded, ...")
_ONE_STUDY = compiled(
    r"\b(?:the|that|this|its|their) (?:[\w-]+ ){0,2}(?:trial|study|comparison|paper)\b(?!s)|"
    r"\b(?:it|this|that) (?:was|wasn't|had)\b|\bthe (?:authors|investigators|researchers)\b|"
    r"^\W*its (?:patients|participants|subjects)\b|"
    r"^\W*allocation\b",
    re.I,
)
_NOT_THE_CLAIMS = compiled(r"\b(?:we|our|us|survey)\b|^\W*had\b", re.I)


def by_design(text: str, matcher: Matcher, keys: Sequence[str] = ()) -> Match | None:
    """The one claim of the base on the design a sentence naming no route states of a study
    (its blinding, randomisation or control: "it was properly double-blinded", "the authors
    kept patients and raters blind"), or None: where the base has one claim on that design,
    that is the study it can be about (not a study the sentence cites or names instead)."""
    said = parts.read_parts(text)
    if said.routes or said.compares or not said.designs or not _DONE.search(text):
        return None  # (a design wished for, "a double-blind trial would settle it", is none)
    if not (keys or _ONE_STUDY.search(text)) or _NOT_THE_CLAIMS.search(text):
        return None  # (a study cited is one study: whether it is the claim's is asked below)
    found = [c for c in _designed(matcher) if matcher.claim_parts(c).designs & said.designs]
    if len(found) != 1:
        return None
    [claim] = found
    if keys and not set(keys) & set(claim.linked_keys()):
        return None  # a design of the study it cites: "...against placebo [a trial]"
    if about_another_study(text, keys, claim, matcher.claim_parts(claim), matcher.by_key):
        return None
    return Match(claim, 0.0, BY_DESIGN, "statement")


def _designed(matcher: Matcher) -> list[ClaimRecord]:
    """The claims on a study's design."""
    if (known := _DESIGNED.get(matcher)) is None:
        claims = {t.claim.id: t.claim for t in matcher.targets}.values()
        known = _DESIGNED[matcher] = [c for c in claims if matcher.claim_parts(c).designs]
    return known


# Dimensions of a preparation's own measure ("5 to 30 mg per ml"): stated with no route, they
# are still the value of the one claim of the base that has one (not a share, a time or a
# count, which many things have)
_OF_A_PREPARATION = frozenset({"concentration"})
# ...though a strength is also a vial's or a dilution's for a drip or a shot
_NOT_A_SPRAY = compiled(
    r"\b(?:vials?|dilut\w*|infusions?|bags?|syringes?|injections?|ampoules?)\b", re.I
)


def _the_one_of_its_kind(said: parts.Parts, matcher: Matcher) -> Match | None:
    """For a sentence naming no route, the one claim of the base whose own value is in the
    dimension of a preparation's measure the sentence states, or None."""
    index = _index(matcher)
    found = {
        claim.id: claim
        for quantity in said.quantities
        if quantity.dimension in _OF_A_PREPARATION and not quantity.vague
        for (_, dimension), claims in index.items()
        if dimension == quantity.dimension
        for claim in claims
    }
    if len(found) != 1:
        return None
    return Match(next(iter(found.values())), 0.0, BY_VALUE, "statement")


def stated_instead(text: str, match: Match, matcher: Matcher) -> Match:
    """The claim whose own value the sentence states instead of `match`'s, when `match`'s
    claim knows no value of that kind: "trials infused it over 40 minutes [a trial of the
    target rate]" states the infusion's length, not that the rate works; "it loses so much to
    the liver that only 5 % of a tablet reaches the blood" states the oral bioavailability,
    not only that it is low. Else `match`. (A claim found by its wording is given up only for
    one of its own routes and topic.)"""
    cited = "citation" in match.how or match.how == BY_POINTING
    found = by_value(text, matcher)
    if found is None or found.claim.id == match.claim.id:
        return match
    said = parts.read_parts(text)
    own = numbers.known_value(found.claim.value, "the claim")
    if own is None or "efficacy" in said.topics:
        return match  # "infusions over 40 minutes work": what the cited work found
    # a value the matched claim knows nothing of: the claim of that value's (an infusion
    # "run over about ten minutes" is the 40-60 minute claim's mismatch)
    states = any(q.dimension == own.dimension for q in said.quantities)
    known = figures.knowns(match.claim)
    knows = any(k.dimension == own.dimension for k in known)
    if cited:
        return found if own.dimension == "time" and states and not knows else match
    # (a claim whose statement gives a figure of that kind knows one: "the entire dose")
    states_one = any(
        q.dimension == own.dimension for q in matcher.claim_parts(match.claim).quantities
    )
    kin = (
        # a share of a dose (not "only 30 % of its trials were controlled"), or a count of a
        # study's participants said of its claim on another of its facts ("run at a hospital
        # in India, it gave the shot to 24 people")
        (parts.is_a_share(found.claim) or own.dimension == "participants")
        and found.claim.topic == match.claim.topic
        and set(found.claim.routes) <= set(match.claim.routes)
    )
    # (a study's size is known to each of its claims' links, but counted by one claim only: a
    # count none of those links gives is the counting claim's; one they give is theirs)
    if own.dimension == "participants":
        knows = any(numbers.agrees(q, k) for q in said.quantities for k in known)
    return found if kin and states and not knows and not states_one else match


def _closest(quantity: numbers.Quantity, claims: list[ClaimRecord]) -> ClaimRecord | None:
    """The claim whose value the quantity states; failing that, where it agrees with none,
    the nearest (a wrong number is wrong against either), if within `figures.MAGNITUDE`
    times its value: "six infusions over two to three weeks" is not a 40-60 minute one."""
    valued = [(c, k) for c in claims if (k := numbers.known_value(c.value, "the claim"))]
    agreeing = [c for c, k in valued if numbers.agrees(quantity, k)]
    if agreeing:
        return agreeing[0] if len(agreeing) == 1 else None
    if not valued:
        return None
    claim, known = min(valued, key=lambda ck: figures.ratio(quantity, ck[1]))
    return claim if figures.ratio(quantity, known) <= figures.MAGNITUDE else None


# "four in ten people", "a third of them", "90 % of our clients", "6 % on saline": a share of
# people, not of a dose
_PEOPLE = compiled(
    r"\b(?:people|patients?|persons?|clients?|clinics?|participants?|children|adults|users|"
    r"sessions?|them|us|staff|respondents?|doctors?|nurses?|placebo|saline|responded)\b",
    re.I,
)


# "lowers blood sugar by 30 %", "30 % fewer": a change, not a share of the dose
_CHANGE_BEFORE = compiled(rf"\bby\s+{_HEDGE}$", re.I)
_CHANGE_AFTER = compiled(r"^\W*(?:more|less|fewer|lower|higher|greater|smaller)\b", re.I)
# "the dose we use is about a third of...": one dose against another; "our failure rate this
# season was under 5 %": how often something happened, not a share of the dose
_A_DOSE_IS = compiled(r"\bdoses?\b[^.;,]{0,30}\b(?:is|are|was|were)\s+(?:\w+\s+){0,2}$", re.I)
_OF_ANOTHER = compiled(r"^\s*of (?:the|a|an|what)\b", re.I)
_A_RATE = compiled(r"(?<!absorption )(?<!bioavailability )\brates?\b[^.;]{0,50}$", re.I)


def _around(text: str, quantity: numbers.Quantity) -> tuple[str, str] | None:
    """The text before and after a quantity as written (None where it is not found)."""
    at = text.find(quantity.text)
    return None if at < 0 else (text[:at], text[at + len(quantity.text) :])


def _not_a_share(text: str, quantity: numbers.Quantity) -> bool:
    """Whether a percent is of people or a change rather than a share of the dose."""
    if (around := _around(text, quantity)) is None:
        return True
    before, after = around
    said = quantity.text + " " + " ".join(after.split()[:3])
    return bool(
        _PEOPLE.search(said)
        or _CHANGE_BEFORE.search(before)
        or _CHANGE_AFTER.search(after)
        or _A_RATE.search(before)
        or bool(_A_DOSE_IS.search(before) and _OF_ANOTHER.match(after))
    )


# Topics a word of nearly any sentence names ("a small study", "even worse"): no other topic
_LOOSE_TOPICS = frozenset({"evidence", "efficacy"})


def _fits(said: parts.Parts, claimed: parts.Parts, claim: ClaimRecord) -> bool:
    """The sentence names no topic, condition or population the claim is not about."""
    # a share that reaches the blood is the bioavailability, whatever the verb
    topics = said.topics - _LOOSE_TOPICS | ({"bioavailability"} if said.reaches else set())
    if claim.topic == "evidence-base":
        topics -= {"setting"}  # where a study was run is another fact of the same study
    if topics and claim.topic not in topics and not topics & claimed.topics:
        return False
    return not (
        parts.another(said.conditions, claimed.conditions)
        or parts.another(said.populations, claimed.populations)
    )


def _time_topics(text: str, quantity: numbers.Quantity) -> frozenset[str]:
    """What a time is of, by the words around it: a latency or a span (or neither)."""
    if (around := _around(text, quantity)) is None:
        return frozenset()
    before, after = around
    if _RECORD_AFTER.search(after):
        return _RECORD_TOPICS
    # the word before says more than the one after: "for six hours after the dose" is a span
    if _LATENCY_BEFORE.search(before):
        return _LATENCY_TOPICS
    if _SPAN_BEFORE.search(before):
        return _SPAN_TOPICS
    if _LATENCY_AFTER.search(after):
        return _LATENCY_TOPICS
    if _SPAN_AFTER.search(after):
        return _SPAN_TOPICS
    return frozenset()


Index = Mapping[tuple[frozenset[str], str], Sequence[ClaimRecord]]
# One index per matcher (per evidence base), built on first use and gone with the matcher.
_INDEXES: WeakKeyDictionary[Matcher, Index] = WeakKeyDictionary()
_DESIGNED: WeakKeyDictionary[Matcher, list[ClaimRecord]] = WeakKeyDictionary()


def _index(matcher: Matcher) -> Index:
    """The claims by their routes and the dimension of their own value."""
    if (known_index := _INDEXES.get(matcher)) is not None:
        return known_index
    index: dict[tuple[frozenset[str], str], list[ClaimRecord]] = {}
    for claim in {t.claim.id: t.claim for t in matcher.targets}.values():
        known = numbers.known_value(claim.value, "the claim")
        if known is not None and claim.routes:
            index.setdefault((frozenset(claim.routes), known.dimension), []).append(claim)
    _INDEXES[matcher] = index
    return index
