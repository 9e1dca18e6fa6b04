"""What reverses a claim without a negation word: a receptor stimulated that the claim says
is blocked, what comes after "rather than", and a superlative given to another route (a
study's design is read in `designs`)."""

from __future__ import annotations

import re
from bisect import bisect_right

from .firstchars import compiled
from .lexicon import canonical
from .negations import NEGATOR, NOT_NEGATIONS
from .routes import routes_in_order
from .words import content_words, normalised

__all__ = [
    "ANOTHER_ROUTE_TOO",
    "CLAUSE_END",
    "LIKENED_TO_THE_BEST",
    "RATHER_THAN",
    "SUPERLATIVE",
    "another_route_too",
    "given_away",
    "rather_than_as_not",
    "receptor_reversed",
    "set_aside",
    "superlative_given_away",
]

# Where a clause ends: a ranking's negation is in its own clause, not in the reason given
# for it ("simpler, needing no IV access", "needs no line, so it is simpler").
CLAUSE_END = compiled(r"[,;:]|\b(?:so|as|because|since|though|although|whereas)\b", re.I)


# "acts on NMDA receptors as an antagonist" (`lexicon`: "blocks NMDA receptors") against
# "... as an agonist" ("stimulates", "switches on"): one receptor, the other action.
_RECEPTOR_ACTION = compiled(r"\b([\w-]+) receptors?,? as an? (agonist|antagonist)\b", re.I)


def receptor_reversed(sentence: str, statement: str) -> bool:
    """Whether the sentence gives a receptor the claim names the other action, and not also
    the claim's ("blocks NMDA receptors and activates AMPA receptors" reverses nothing)."""
    said = {(r.lower(), a) for r, a in _RECEPTOR_ACTION.findall(canonical(sentence))}
    if not said:
        return False
    claimed = {(r.lower(), a) for r, a in _RECEPTOR_ACTION.findall(canonical(statement))}
    other = {"agonist": "antagonist", "antagonist": "agonist"}
    return any((r, other[a]) in said and (r, a) not in said for r, a in claimed)


# "compared the spray with saline rather than with a drip" denies the comparison with the
# drip the claim denies ("did not compare intranasal with IV"). Read so only where a route
# follows and the claim is negated: "rather than blocking it", "hours rather than weeks"
# and "veins rather than the portal system" deny nothing a claim is about.
RATHER_THAN = compiled(r"\b(?:rather than|instead of)\b", re.I)
# what may stand between "rather than" and the route it sets aside ("rather than with a drip")
_BEFORE_A_ROUTE = compiled(r" (?:(?:with|against|to|by|via|on|as) )?(?:(?:a|an|the) )?", re.I)


def set_aside(sentence: str, statement: str) -> bool:
    """Whether what the claim says comes after "rather than" ("works on serotonin rather
    than on NMDA receptors" against "acts on NMDA receptors"): at least two of its
    distinctive words there, and fewer before."""
    found = RATHER_THAN.search(sentence)
    if found is None:
        return False
    end = CLAUSE_END.search(sentence, found.end())  # what is set aside ends with its clause
    claimed = content_words(normalised(statement))
    before = claimed & content_words(normalised(sentence[: found.start()]))
    after = claimed & content_words(
        normalised(sentence[found.end() : end.start() if end else None])
    )
    return len(after) >= 2 and len(before) < len(after)


def rather_than_as_not(sentence: str) -> str:
    """The sentence with "rather than" before a route read as "and not" (against a claim
    that is negated: "did not compare intranasal with IV")."""
    starts = sorted(start for start, _, _ in routes_in_order(sentence))
    pieces: list[str] = []
    done = 0
    for match in RATHER_THAN.finditer(sentence):
        between = _BEFORE_A_ROUTE.match(sentence, match.end())
        # the route's name may start at its article ("a drip") or after it ("IV")
        first = bisect_right(starts, match.end())
        if between is not None and first < len(starts) and starts[first] <= between.end():
            pieces += [sentence[done : match.start()], "and not"]
            done = match.end()
    return "".join([*pieces, sentence[done:]])


# "the most researched", "the only route": one route ranked above all others
# (a heading's or a card's question may drop "the": "Card 23: Most researched route?")
SUPERLATIVE = compiled(
    # (not "the only trial of the spray", "the only racemic nasal trial": a count of studies)
    r"\bthe (?:most|least|only|best|worst)\b(?! of\b)"
    r"(?!(?: [\w-]+){0,2} (?:trials?|stud(?:y|ies)|papers?|data|evidence)\b)|"
    r"(?:^|:)\s*(?:most|least|best|worst)(?: [\w-]+)? (?:route|way)\b",
    re.I,
)


# a route named as what another is set against: "compared with IM, IV gives the most..."
_SET_AGAINST = compiled(
    r"(?:compared (?:with|to)|unlike|than|rather than|\bnot|over|versus|vs\.?|ahead of)\s+"
    r"(?:(?:a|an|the|your)\s+)?$",
    re.I,
)


def superlative_given_away(sentence: str, statement: str, claimed: tuple[str, ...]) -> bool:
    """ "IM, not the drip, is the route studied most" against "IV is the most researched
    route": the route the sentence ranks above all others (the first named before its
    superlative, or else after it, that nothing is set against) is not the claim's route."""
    if len(claimed) != 1 or not SUPERLATIVE.search(canonical(statement)):
        return False
    text = canonical(sentence)
    found = SUPERLATIVE.search(text)
    if found is None:
        return False
    before = [(start, route) for start, _, route in routes_in_order(text[: found.start()])]
    after = [(found.end() + s, r) for s, _, r in routes_in_order(text[found.end() :])]
    ranked = [
        route
        for start, route in before or after
        if not _SET_AGAINST.search(text, max(0, start - 24), start)
    ]
    return bool(ranked) and ranked[0] != claimed[0]


ANOTHER_ROUTE_TOO = "the sentence says another route does it too"  # denies "the only route"
_THE_ONLY = compiled(
    r"\bthe only\b|\bonly (?:by |through |with )?(?:an? |the )?[\w-]+ (?:can|lets)\b"
)
_TOO = compiled(r"\b(?:as well|too|also|likewise|equally)\b", re.I)
_CONTRAST = compiled(
    r"\b(?:unlike|whereas|while|rather than|than|not|no|never|cannot|can't|only)\b", re.I
)


def another_route_too(sentence: str, statement: str, claimed: tuple[str, ...]) -> bool:
    """ "A drip under the skin can be slowed down as well" against "IV infusion is the only
    route whose rate can be controlled": a route the claim does not name does it too (with no
    superlative of its own, no contrast and no negation: "unlike IM, a drip can be slowed")."""
    if len(claimed) != 1 or not _THE_ONLY.search(canonical(statement)):
        return False
    text = canonical(sentence)  # (an answer's "Not quite," is no contrast)
    if SUPERLATIVE.search(text) or _CONTRAST.search(NOT_NEGATIONS.sub(" ", text)):
        return False
    named = [route for _, _, route in routes_in_order(text)]
    # said of another route: it is named first, or the sentence says "as well", "too"
    # (not "IV is the route whose rate can be controlled, so IM patients are watched")
    other = any(route != claimed[0] for route in named)
    return other and (named[0] != claimed[0] or bool(_TOO.search(text)))


# another route likened to one ("works just as well as the drip", "every bit as good as IV")
# or ranked above it
_LIKENED = compiled(
    r"\b(?:(?:just|every bit|about|roughly|fully|at least) )?as (?:well|effective|effectively|"
    r"good|reliably|predictably) as\b|\bequally (?:well|effective|good)\b|"
    r"\b(?:every|all|each|any) (?:of the )?(?:other )?routes? (?:works?|were|are|is) (?:equally|"
    r"just as|as)\b|"
    # ...or ranked above it: "oral ketamine outperformed IV", "sprays give better relief than"
    r"\b(?:outperform(?:s|ed)?|beats?|beat|superior to|(?:comes?|came) out ahead of|ahead of|"
    r"more effective than|better(?: relief)? than)\b",
    re.I,
)


_RANKS_FIRST = compiled(r"\bthe (?:most|best|greatest)\b", re.I)
# (a flip read wherever the claim is found: a likening says its contrary in any wording)
LIKENED_TO_THE_BEST = (
    "the sentence puts another route level with or above the one the claim ranks above all"
)
_EVERY_ROUTE = compiled(r"\b(?:every|all|each|any) (?:of the )?(?:other )?routes?\b", re.I)


def likened_to_the_best(sentence: str, statement: str, claimed: tuple[str, ...]) -> bool:
    """ "Nasal sprays work just as well as the drip" (or "outperformed the drip") against "IV
    gives the greatest relief of any route": another route, named first, likened to (or ranked
    above) the one the claim ranks above all (with no superlative of its own, and no negation:
    "not as well as the drip" agrees)."""
    if len(claimed) != 1 or not _RANKS_FIRST.search(canonical(statement)):
        return False  # (not "the only route whose rate can be controlled": no ranking)
    text = canonical(sentence)
    likened = _LIKENED.search(text)
    if not likened or SUPERLATIVE.search(text) or NEGATOR.search(text, 0, likened.end()):
        return False
    named = [route for _, _, route in routes_in_order(text)]
    if named and named[0] == claimed[0]:
        return False  # "IV beats the spray and every other route": the claim's own ranking
    if _EVERY_ROUTE.search(text):
        return True  # "every route works equally well"
    return len(set(named)) >= 2 and claimed[0] in named


def given_away(sentence: str, statement: str, claimed: tuple[str, ...]) -> str | None:
    """How the sentence gives another route what the claim says is its route's alone (its
    superlative, or what only it does, or its rank above all), or None."""
    if superlative_given_away(sentence, statement, claimed):
        return "the sentence gives the claim's superlative to another route"
    if another_route_too(sentence, statement, claimed):
        return ANOTHER_ROUTE_TOO
    if likened_to_the_best(sentence, statement, claimed):
        return LIKENED_TO_THE_BEST
    return None
