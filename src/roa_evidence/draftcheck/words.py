"""A text's distinctive words, as the matcher compares wordings and the clause reader
(`polarity`) finds the clause that says what a claim says: writers' wordings and route
words normalised, negations and function words left out, each word cut to 7 letters."""

from __future__ import annotations

import re

from rapidfuzz import utils

from . import routes
from .firstchars import compiled
from .lexicon import canonical
from .routes import normalise_routes

__all__ = ["content_words", "normalised"]

_NOT_WORDS = compiled(r"\b(?:not|no|never|without|n't)\b", re.I)
_STOP_WORDS = (
    "a an the of and or to in on for with by is are was were be been being has have had it "
    "its this that these those than as at from into which who their there after "
    "before during within about over under only can could may might will would should must "
    "also very more less most some any all both each per such so but if when while then we "
    "our they them he she his her do does did done "
    # hedges and attributions: how firmly, not what, a sentence says
    "remains uncertain whether unclear known likely probably possibly perhaps evidence "
    "suggests suggest shows show found reported report reportedly claimed it's "
    "approximately roughly around near nearly almost fully"
)
_STOP = frozenset(_STOP_WORDS.split())


def normalised(text: str) -> str:
    """`text` lower case, without punctuation, wordings and routes normalised and negations
    left out: a flipped sentence should still find the claim it flips, so that it can be
    reported as its opposite."""
    return utils.default_process(_NOT_WORDS.sub(" ", normalise_routes(canonical(text))))


def content_words(processed_text: str) -> set[str]:
    """The distinctive words of a `normalised` text, cut to their first 7 letters
    ("bioavailable", "bioavailability"). The drug's name is no distinctive word: every
    claim is about it."""
    drug = routes.active().drug_words
    return {
        w[:7]
        for w in processed_text.split()
        if w not in _STOP and w not in drug and len(w) > 1 and w.isalpha()
    }
