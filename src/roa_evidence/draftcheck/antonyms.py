"""A claim reversed by a word's contrary, said of the same thing: blood pressure that "falls"
against a claim that it "rises", "high" bioavailability against "low", a "steady" rate
against a "variable" one, samples found "pure" against "adulterated".

The contrary must be said of what the claim says it of: a telling word of the claim near
its own (within `NEAR` words) is near the contrary in the sentence, and the sentence does not
also say the claim's word of it ("low bioavailability, but good evidence" reverses nothing).
A sentence naming a route the claim is not about, or comparing ("IV is harder to give than
IM", "unlike IM, an IV infusion is steady"), says its word of another thing: the ranking is
read elsewhere. These are words of English, not of one evidence base.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .lexicon import canonical
from .routes import routes_meant, routes_named
from .words import content_words

__all__ = ["contrary", "same_scale"]

NEAR = 3  # words either side: what a word is said of

# Pairs of contraries: each side a pattern matching one word (or a verb and its particle).
_PAIRS: tuple[tuple[str, str], ...] = (
    ("low|poor|limited", "high|excellent|near-complete"),
    (
        r"increases?|increased|increasing|rises?|rose|risen|rising|raises?|raised|elevated|"
        r"spikes?|spiked",
        # (not "lowers": "clonidine lowers blood pressure" is another drug's doing)
        r"decreases?|decreased|decreasing|falls?|fell|falling|drops?|dropped|dips?|dipped",
    ),
    (
        r"variable|unpredictable|erratic|uneven|inconsistent|irregular|fluctuating",
        r"predictable|steady|consistent|constant|stable|uniform|unvarying|regular|smooth",
    ),
    ("adulterated|contaminated", "pure|unadulterated|uncontaminated|uncut"),
    ("mild|minor|slight", "severe|intense|serious|strong|major"),
    ("rare|uncommon|infrequent|minimal|negligible", "common|frequent|widespread"),
    (
        "transient|brief|short-lived|temporary|fleeting",
        "lasting|long-lasting|persistent|prolonged|permanent|enduring",
    ),
    ("rapid|fast|quick|swift|immediate", "slow|gradual|delayed|sluggish"),
    ("simple|simpler|easy|easier|straightforward", "complex|complicated|difficult|harder|hard"),
    ("complete|total|entire", "partial|incomplete"),
)
_COMPILED = tuple((re.compile(rf"^(?:{a})$"), re.compile(rf"^(?:{b})$")) for a, b in _PAIRS)


# a contrary after one of these is denied, not said ("nothing serious", "not high")
_NEGATORS = frozenset(["not", "no", "never", "nothing", "nor", "neither", "hardly", "without"])
_PUNCTUATION = ".,;:!?()[]'\"\u2019"


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    lowered = canonical(text).lower().replace("n't", " not")
    return tuple(w.strip(_PUNCTUATION) for w in lowered.split())


# Words too general to say what a contrary is said of ("a study had high dropout" is not the
# study's "poor" quality; "serious ones are rarer" is not side effects' mildness).
_GENERAL = frozenset(
    [
        "study",
        "studies",
        "trial",
        "trials",
        "single",
        "depression",
        "because",
        "give",
        "gives",
        "given",
        "cause",
        "causes",
        "rare",
        "rarer",
        "common",
        "effect",
        "effects",
        "route",
        "routes",
        "dose",
        "doses",
        "patient",
        "patients",
        "people",
        "ones",
        "still",
        "which",
        "there",
    ]
)


@lru_cache(maxsize=4096)
def _anchor(word: str) -> str:
    """The word as what a contrary is said of ("sample" for "samples"), or "" for a word
    that says nothing of what (a function word, a general one, a route, the drug)."""
    if word in _GENERAL or routes_named(word):
        return ""
    return next(iter(content_words(word.removesuffix("s"))), "")


def _said_of(words: tuple[str, ...], side: re.Pattern[str]) -> set[str]:
    """What the words `side` matches are said of: the content words within `NEAR` of each
    (one after a negator is not said)."""
    found: set[str] = set()
    for i, word in enumerate(words):
        if side.match(word) and _NEGATORS.isdisjoint(words[max(0, i - 2) : i]):
            for near in words[max(0, i - NEAR) : i + NEAR + 1]:
                if len(near) > 3 and not side.match(near) and (anchor := _anchor(near)):
                    found.add(anchor)
    return found


Side = tuple[re.Pattern[str], re.Pattern[str], frozenset[str], str]


@lru_cache(maxsize=1024)
def _claimed(statement: str) -> tuple[Side, ...]:
    """Each word of a pair the statement says, with its contrary's pattern, what it is said
    of and the word itself (read once a claim: most hold none)."""
    words = _words(statement)
    sides: list[Side] = []
    for a, b in _COMPILED:
        for own, other in ((a, b), (b, a)):
            if of_claim := _said_of(words, own):
                word = next(w for w in words if own.match(w))
                sides.append((own, other, frozenset(of_claim), word))
    return tuple(sides)


def contrary(
    sentence: str, statement: str, claim_routes: Iterable[str] = ()
) -> tuple[str, str] | None:
    """The claim's word and the contrary the sentence says of the same thing, or None."""
    sides = _claimed(statement)
    if not sides or not routes_meant(sentence) <= set(claim_routes):
        return None  # (a comparison is left to the caller: `polarity` reads rankings)
    said = _words(sentence)
    for own, other, of_claim, word in sides:
        shared = of_claim & _said_of(said, other)
        if shared and not shared & _said_of(said, own):
            return word, next(w for w in said if other.match(w))
    return None


def same_scale(text: str, other: str) -> bool:
    """Whether the texts use words of one pair of contraries, the same side or not ("fleeting"
    and "transient", "steady" and "variable"): they speak of the same thing."""
    words, others = _words(text), _words(other)
    return any(
        any(a.match(w) or b.match(w) for w in words)
        and any(a.match(w) or b.match(w) for w in others)
        for a, b in _COMPILED
    )
