"""A sentence read into the parts a claim has, and which parts agree with a claim.

Parts: the routes (technical and lay words), the topic (safety, cost, efficacy,
onset...), whether it compares routes (a ranking, or an equivalence), the condition
(depression, pain...), the population (children, adults), the quantities (with unit
and time), the negation, and the citations. Matching by parts finds the claim a
paraphrase repeats when its wording shares little with the claim's; comparing parts
says, in the JSON, which parts of a sentence agree with its claim and which differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..query.records import ClaimRecord
from . import designs, numbers, polarity, reversals, routes, yardsticks
from .firstchars import compiled
from .lexicon import COMMON, canonical
from .topics import CONDITIONS, POPULATIONS, TOPICS, conditions_said, found_in

__all__ = [
    "ABOUT_A_STUDY",
    "NOT_IN_CLAIM",
    "Parts",
    "another_pair",
    "compare",
    "dimension_words",
    "is_a_share",
    "names_the_drug",
    "read_parts",
    "routes_fit",
    "states_its_value",
    "with_dimensions",
]


@dataclass(frozen=True)
class Parts:
    """What a sentence (or a claim's statement) states, part by part."""

    routes: frozenset[str]
    topics: frozenset[str]
    compares: str  # "ranking", "equivalence", "difference", "preference" or ""
    scales: frozenset[str]  # the scales a ranking is on (speed, cost, risk...)
    negated: bool
    conditions: frozenset[str]
    populations: frozenset[str]
    dimensions: frozenset[str]  # of the quantities stated (percent, time...)
    names: frozenset[str] = frozenset()  # proper names: the study or author it is about
    reaches: frozenset[str] = frozenset()  # where the drug gets to: the blood, the brain
    result: bool = False  # it states more than a design (see `states_a_result`)
    quantities: tuple[numbers.Quantity, ...] = ()
    designs: frozenset[str] = frozenset()  # families: blinding, randomisation, placebo...
    design_terms: frozenset[str] = frozenset()  # as stated: double-blind, open-label...
    superlative: bool = False  # ranks one route over all others ("the most researched")
    yardstick: frozenset[str] = frozenset()  # a share's reference route ("93 % of what IV gives")


def read_parts(text: str) -> Parts:
    """The parts `text` states."""
    return _read_parts(text, routes.active())


@lru_cache(maxsize=65536)
def _read_parts(text: str, lay: routes.RouteWords) -> Parts:  # lay: a key of the cache
    words = canonical(text)
    found = polarity.polarity(text)
    named = _routes_meant(text, lay)
    stated = numbers.quantities(text)
    topics = _topics(words)
    yardstick = yardsticks.yardstick(text, named, stated, "bioavailability" in topics)
    named -= yardstick
    if found.equivalence and (len(named) >= 2 or _BOTH.search(text)):  # "the two routes"
        compares = "equivalence"
    elif found.difference and len(named) >= 2 and not found.directions:
        compares = "difference"  # "IV and IM differ": a comparison with no direction
    elif (
        found.directions
        and (polarity.has_than(words) or (len(named) >= 2 and set(found.directions) - {"amount"}))
        # "the spray beat a salt-water spray": a route against a dummy ranks no routes
        and not (len(named) < 2 and polarity.DUMMY.search(words))
    ):
        compares = "ranking"
    elif len(named) >= 2 and _PREFERENCE.search(words):
        compares = "preference"  # "patients preferred IM over IV": no ranking of effect
    else:
        compares = ""
    dimensions = frozenset(q.dimension for q in stated)
    design = designs.read(text)
    families = design.families
    # who was blinded, and nothing else: what a study was ("patients and raters were blinded")
    topics = topics or frozenset({"evidence"} if "blinding" in families else ())
    conditions = conditions_said(words)
    # "a shot does every bit as much for depression as a drip": routes compared in effect
    compared = compares in ("equivalence", "ranking") and len(named) >= 2
    if not topics and compared and conditions and not stated and _DOES_AS_MUCH.search(words):
        topics = _EFFICACY
    return Parts(
        routes=named,
        topics=topics,
        compares=compares,
        scales=frozenset(found.directions) if compares == "ranking" else frozenset(),
        negated=found.negated,
        conditions=conditions,
        populations=found_in(POPULATIONS, words),
        dimensions=dimensions,
        names=frozenset(w for w in _NAME.findall(text) if _may_be_a_name(w, lay)),
        reaches=_reaches(text),
        quantities=tuple(stated),
        result=_states_a_result(topics, compares, dimensions),
        designs=families,
        design_terms=design.terms,
        superlative=bool(reversals.SUPERLATIVE.search(words)),
        yardstick=yardstick,
    )


_EFFICACY = frozenset({"efficacy"})
# what a route does for a condition, compared: not what clinics offer or insurers cover
_DOES_AS_MUCH = compiled(
    r"\b(?:does|do|did|works?|worked|helps?|helped) (?:[\w-]+ ){0,3}?"
    r"(?:as much|as well|more|less|better|worse)\b",
    re.I,
)
_BOTH = compiled(r"\bboth\b|\bthe two (?:[\w-]+ )?(?:routes|arms|groups)\b|\beither route\b", re.I)
_PREFERENCE = compiled(
    r"\b(?:prefers|preferred|preferring|prefer|favours|favoured|favouring|favour|favors|"
    r"favored|favoring|favor)\b[^.;]{0,60}?\bover\b",
    re.I,
)
_OTHER_THAN = compiled(
    r"\b(?:other than|besides|apart from|except(?: for)?)\s*(?:(?:a|an|the)\s+)?$", re.I
)


_EXCLUDING = ("other than", "besides", "apart from", "except")


def _routes_meant(text: str, lay: routes.RouteWords) -> frozenset[str]:
    """The routes a text is about: "routes other than a drip" is about every route but IV."""
    named = routes.routes_in_order(text)
    lowered = text.lower()
    if not any(word in lowered for word in _EXCLUDING):  # most texts: the pattern is not run
        return routes.routes_meant(text)
    excluded = {r for start, _, r in named if _OTHER_THAN.search(text, max(0, start - 20), start)}
    meant = routes.routes_meant(text)  # less a route named only as an analogy
    return frozenset(lay.lay) - excluded | (meant - excluded) if excluded else meant


# Where a dose is said to get to: the blood (bioavailability) is not the brain.
_REACHES = {  # each pattern is run only on a text holding one of its words
    "the blood": (
        ("blood", "circulation", "plasma", "available to"),  # "available to the body"
        compiled(r"\b(?:blood ?stream|blood|circulation|plasma|available to \w+ body)\b", re.I),
    ),
    "the brain": (
        ("brain", "central nervous", "cns"),
        compiled(r"\b(?:brain|central nervous system|cns)\b", re.I),
    ),
}


def _reaches(text: str) -> frozenset[str]:
    lowered = text.lower()
    return frozenset(
        name
        for name, (words, pattern) in _REACHES.items()
        if any(word in lowered for word in words) and pattern.search(text)
    )


# A capitalised word or an acronym: a study's author, a place, a body, a receptor
# ("Chilukuri", "India", "KATA", "NMDA")...
_NAME = compiled(r"\b([A-Z][a-z]{3,}|[A-Z]{3,}[A-Z0-9]*)\b")
# ...unless it is a word that starts sentences.
_NOT_NAMES = frozenset({
    "about", "after", "also", "although", "among", "because", "before", "both", "contrary",
    "during", "each", "even", "from", "giving", "given", "have", "however", "intranasal",
    "intramuscular", "intravenous", "many", "most", "nasal", "neither", "only", "oral",
    "other", "over", "patients", "people", "please", "since", "some", "studies", "study",
    "such", "that", "their", "there", "these", "they", "this", "those", "trials", "under",
    "what", "when", "where", "whether", "which", "while", "with", "your",
})  # fmt: skip


def _may_be_a_name(word: str, lay: routes.RouteWords) -> bool:
    """Not a word that opens sentences, the drug, nor a condition's acronym ("PTSD")."""
    lowered = word.lower()
    if word.isupper() and found_in(CONDITIONS, lowered):
        return False
    return lowered not in _NOT_NAMES and lowered not in lay.drug_words


def names_the_drug(text: str) -> bool:
    """Whether a text names the drug the base is about (its vocabulary's `drug:`)."""
    return bool(routes.active().drug.search(text))


# routes spoken of as such: "by either route", "neither route", "whichever way it is given"
_ANY_ROUTE = compiled(r"\b(?:either|neither|both|any|every|each|all) routes?\b|\bwhichever way\b")


def names_the_subject(text: str) -> bool:
    """Whether a text names the drug, or routes as such ("neither route affects breathing")."""
    return names_the_drug(text) or bool(_ANY_ROUTE.search(text))


def topic_words() -> frozenset[str]:
    """The words the topics, conditions and populations are read from, and the drug's."""
    found: set[str] = set()
    for _, words, _ in (*TOPICS, *CONDITIONS, *POPULATIONS):
        found |= (words - COMMON) or words
    return frozenset(found | routes.active().drug_words)


def _topics(text: str) -> frozenset[str]:
    found = found_in(TOPICS, text)
    # "Chilukuri et al. 2014 found...": a study's finding is also about the evidence
    return found | _EVIDENCE if found and _AUTHOR_YEAR.search(text) else found


_EVIDENCE = frozenset({"evidence"})
_AUTHOR_YEAR = compiled(r"\b[A-Z][a-z]+(?: et al\.?,?| and colleagues,?)? (?:19|20)\d\d\b")


# What a study's design is described by: the trial itself and where it ran.
DESIGN_TOPICS = frozenset({"evidence", "setting"})
# A share or a time stated of a study is a result (a reduction, how long an effect held).
_RESULT_DIMENSIONS = frozenset({"percent", "time"})


def states_a_result(said: Parts) -> bool:
    """Whether a text states more than a design: an outcome, a share or a time, a comparison."""
    return said.result


def _states_a_result(topics: frozenset[str], compares: str, dimensions: frozenset[str]) -> bool:
    return bool(topics - DESIGN_TOPICS or compares or dimensions & _RESULT_DIMENSIONS)


def design_only(claimed: Parts, claim: ClaimRecord) -> bool:
    """Whether a claim only describes a study's design or the evidence there is ("a randomized
    trial of IV and IM", "one published study"): a sentence stating a result about that study
    is not that claim, whatever words they share."""
    return claim.kind != "definition" and bool(claimed.topics) and not claimed.result


def routes_fit(routes: frozenset[str], claim: ClaimRecord) -> bool:
    """Whether a sentence naming `routes` can be about the claim: it names one of its routes,
    and not another pair of routes than the claim's (`another_pair`)."""
    if not routes or not claim.routes:
        return True
    claimed = set(claim.routes)
    return bool(routes & claimed) and not another_pair(routes, claimed)


def another_pair(routes: frozenset[str], claim_routes: set[str]) -> bool:
    """Whether a sentence names another pair of routes than the claim's: "SC as good as IM"
    is not "IM as good as IV"."""
    return len(routes) == 2 == len(claim_routes) and routes != claim_routes


# how much a claim's own topic counts, stated by the sentence ("infusions work fast for
# depression" is the efficacy claim's, not that of the rate "shown to work"): chosen on rounds
# 2-124 -> 125-164 (5: combined recall 0.83 -> 0.84 at the same precision and false alarms;
# 10 added 40 false alarms over rounds 2-164)
PRIMARY_TOPIC = 5.0


def fit(said: Parts, claimed: Parts, claim: ClaimRecord, unknown_topic: float = 0.0) -> float:
    """How well a sentence's parts fit a claim's, 0-100 (0: they cannot be the same claim).

    A sentence naming no topic the parts know fits no claim, unless `unknown_topic` gives
    it a start (among a cited work's few claims, a lay wording's other parts can decide).
    """
    claim_routes = set(claim.routes) or set(claimed.routes)
    rival = said.superlative and claimed.superlative and not said.negated  # IM given IV's rank
    if said.routes and claim_routes and not said.routes & claim_routes and not rival:
        return 0.0  # it names only routes the claim is not about
    if another_pair(said.routes, claim_routes):
        return 0.0  # ("ketamine acts faster than other antidepressants" ranks no routes:)
    ranks_no_route = not said.routes and not said.superlative and said.compares == "ranking"
    if ranks_no_route and claimed.compares and len(claimed.routes) >= 2:
        return 0.0
    if said.result and design_only(claimed, claim):
        return 0.0  # "improved far more in Chilukuri's trial" is not "Chilukuri ran a trial"
    shared_topics = said.topics & claimed.topics
    if shared_topics:
        score = 40.0 + 10.0 * min(len(shared_topics), 2)
        if claim.topic in said.topics:
            score += PRIMARY_TOPIC  # what the claim is about, not a word it uses on the way
    elif said.topics or not unknown_topic:
        return 0.0
    else:  # in words no topic knows ("the speed of delivery"): the other parts decide
        score = unknown_topic
    # (a route ranked against one the claim sets above all others is no other claim's route)
    extra = said.routes - claimed.routes and not claimed.superlative
    if extra and claimed.routes and not said.designs & claimed.designs:
        score -= 15.0  # "IM has less vomiting than IV" against IM alone (a design: both arms')
    if said.routes and (said.routes == claimed.routes or rival):
        score += 15.0
    if said.superlative and claimed.superlative:
        score += 15.0  # "IM, not IV, is the most researched" against "IV is the most researched"
    if said.compares and claimed.compares:
        # the same scale, or a ranking or difference against a likeness (a flip to judge)
        same = said.scales & claimed.scales or "ranking" not in (said.compares, claimed.compares)
        score += 20.0 if same or said.compares != claimed.compares else 5.0
    elif said.compares != claimed.compares:
        score -= 15.0
    if claim.value and not said.dimensions & claimed.dimensions:
        score -= 5.0  # "mostly broken down" says nothing of "84 %": a claim with no figure fits it
    if said.dimensions & claimed.dimensions:
        score += 10.0
        if states_its_value(said, claim):
            score += 15.0  # "one hundred percent" is the 100 % claim's, not its neighbour's
            score += 5.0 * _states_it_exactly(said, claim)  # "about 93 %": 93's, not 100's
    # bioavailability is what reaches the blood, whether or not the statement says so
    reaches = claimed.reaches or (_BLOOD if "bioavailability" in claimed.topics else _NOWHERE)
    if said.reaches and reaches and not said.reaches & reaches:
        score -= 25.0  # "the whole dose reaches the blood" is not "... reaches the brain"
    if said.names & claimed.names:
        score += 15.0  # the same study ("Chilukuri")
    if said.designs & claimed.designs:
        score += 15.0  # the same feature of its design ("double-blind", "open-label")
    if said.conditions and claimed.conditions:
        score += 5.0 if said.conditions & claimed.conditions else -25.0
    if another(said.populations, claimed.populations):
        score -= 25.0
    return max(0.0, min(100.0, score))


_COUNTS = frozenset({"participants", "studies"})
_BLOOD, _NOWHERE = frozenset({"the blood"}), frozenset[str]()


def states_its_value(said: Parts, claim: ClaimRecord, counts_from: float = 0.0) -> bool:
    """Whether the sentence states a value agreeing with the claim's own; a count only
    from `counts_from` ("one trial" is said of too many things to point to a claim)."""
    known = _claim_value(claim)
    if known is None or (known.dimension in _COUNTS and known.low < counts_from):
        return False
    return any(numbers.agrees(q, known) for q in said.quantities if not q.vague)


def _states_it_exactly(said: Parts, claim: ClaimRecord) -> bool:
    known = _claim_value(claim)
    return known is not None and any(
        q.dimension == known.dimension
        and not q.bound  # "more than 93 %" is not 93 %
        and numbers.distance(q, known) <= 0.02 * max(abs(known.low), abs(known.high))
        for q in said.quantities
    )


def _claim_value(claim: ClaimRecord) -> numbers.Known | None:
    return _value_of(tuple(claim.value.items())) if claim.value else None


@lru_cache(maxsize=4096)
def _value_of(items: tuple[tuple[str, Any], ...]) -> numbers.Known | None:
    """A value read once (it is asked of every candidate claim of every sentence)."""
    return numbers.known_value(dict(items), "the claim")


def compare(text: str, claim: ClaimRecord) -> dict[str, str]:
    """Per part the sentence states: `agrees`, or `differs` (with what the claim says)."""
    said, claimed = read_parts(text), read_parts(claim.statement)
    result: dict[str, str] = {}
    claim_routes = set(claim.routes) or set(claimed.routes)
    if said.routes:
        result["routes"] = "agrees" if said.routes <= claim_routes else "differs"
    if said.topics:
        result["topic"] = "agrees" if said.topics & claimed.topics else NOT_IN_CLAIM
    if said.compares:  # a ranking or likeness the claim does not state is not vouched for
        same = said.compares == claimed.compares and (
            said.compares != "ranking" or bool(said.scales & claimed.scales)
        )
        result["comparison"] = "agrees" if same else "differs"
    if said.design_terms:  # a claim about a study vouches only for the design it states
        if said.design_terms <= claimed.design_terms:  # "was not double-blind": open-label
            result["design"] = "agrees"
        elif designs.reversed_design(designs.read(text), designs.read(claim.statement)):
            result["design"] = "reversed"  # the claim speaks of it, and says the contrary
        elif claim.kind in ABOUT_A_STUDY:
            result["design"] = "differs"
        else:
            result["design"] = NOT_IN_CLAIM
    for part, states, claims in (
        ("condition", said.conditions, claimed.conditions),
        ("population", said.populations, claimed.populations),
    ):
        if states:  # a condition the claim names, another one, or one it does not name
            result[part] = "agrees" if states & claims else "differs" if claims else NOT_IN_CLAIM
    return result


ABOUT_A_STUDY = frozenset({"description", "appraisal"})  # kinds of claim about one study
NOT_IN_CLAIM = "not in the claim"  # a part the sentence states and the claim does not


def differing(text: str, claim: ClaimRecord) -> list[str]:
    """What the sentence states that the claim states otherwise: a condition, a population."""
    said, claimed = read_parts(text), read_parts(claim.statement)
    pairs = ((said.conditions, claimed.conditions), (said.populations, claimed.populations))
    return [
        f"the claim is about {', '.join(sorted(c))}, the sentence about {', '.join(sorted(s))}"
        for s, c in pairs
        if another(s, c)
    ]


def another(said: frozenset[str], claimed: frozenset[str]) -> bool:
    """Whether the sentence states some (conditions, populations) and the claim only others."""
    return bool(said and claimed and not said & claimed)


_SHARES_OF_A_DOSE = frozenset({"bioavailability", "metabolism"})


def is_a_share(claim: ClaimRecord) -> bool:
    """Whether the claim is a share of the dose ("about 84 % is metabolised"): for a sentence
    stating no figure ("most of it may be broken down"), a claim without one says it better.
    (Not a whole dose: "all of it reaches the blood" is the 100 % claim.)"""
    known = numbers.known_value(claim.value, "the claim")
    share = known is not None and known.dimension == "percent" and known.high < 100
    return share and claim.topic in _SHARES_OF_A_DOSE


_DIMENSION = "#"  # a dimension's word: "#concentration" is no word of any text


def with_dimensions(words: set[str], said: Parts) -> set[str]:
    """A sentence's distinctive words and the dimensions of the quantities it states: a
    dimension is a word too, weighed by how few claims know one (few know a concentration)."""
    return words | {_DIMENSION + d for d in said.dimensions}


def dimension_words(claim: ClaimRecord) -> set[str]:
    """The dimensions the claim or a linked source states a value in ("#percent")."""
    return {_DIMENSION + k.dimension for k in recorded_values(claim)}


def recorded_values(claim: ClaimRecord) -> tuple[numbers.Known, ...]:
    """The values the claim and its linked sources record (`figures.knowns` adds counts and
    doses, and cannot be reached from the matcher)."""
    values = (claim.value, *(e.value for e in claim.evidence))
    return tuple(k for v in values if v and (k := numbers.known_value(v, "")) is not None)
