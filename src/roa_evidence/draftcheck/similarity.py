"""How closely a sentence repeats a claim's statement or an asserting quote, 0-100, with
rapidfuzz: the best of the whole-text ratio, the word-order-free ratio, the shared-words
ratio for a sentence at least half the statement's length, and, for a quote of
`QUOTE_CHARS` or more, the best-aligned part of the sentence; less `ROUTE_PENALTY` when the
sentence names a route the claim is not about and leaves out one it is about. A `Match`
is what `matching` makes of it: the claim, the score and how it was found."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from ..query.records import ClaimRecord

__all__ = ["VERBATIM", "Match", "Target", "score", "similarity"]

QUOTE_CHARS = 20  # a quote this long (and of QUOTE_WORDS) may match part of a longer sentence
QUOTE_WORDS = 5
ROUTE_PENALTY = 20.0  # a sentence naming another route than the claim's
VERBATIM = 95.0  # a sentence this close repeats the text itself, whatever routes it names


@dataclass(frozen=True)
class Target:
    """A claim's statement or one of its asserting quotes, as sentences are compared with."""

    claim: ClaimRecord
    label: str  # "statement" or "quote (document)"
    text: str  # processed (lower case, no punctuation, routes normalised)
    quote: bool


def similarity(sentence: str, target: Target) -> float:
    """How closely a (processed) sentence repeats a statement or quote, 0-100."""
    scores = [fuzz.token_sort_ratio(sentence, target.text), fuzz.ratio(sentence, target.text)]
    words, target_words = len(sentence.split()), len(target.text.split())
    if not target.quote and words * 2 >= target_words:
        scores.append(fuzz.token_set_ratio(sentence, target.text))
    if target.quote:
        long_quote = len(target.text) >= QUOTE_CHARS and target_words >= QUOTE_WORDS
        if long_quote and len(sentence) >= 0.8 * len(target.text):
            scores.append(fuzz.partial_ratio(target.text, sentence))
        elif target_words >= 2 and f" {target.text} " in f" {sentence} ":
            scores.append(95.0)
    return max(scores)


def score(sentence: str, routes: frozenset[str], target: Target) -> float:
    """`similarity`, less `ROUTE_PENALTY` for a sentence about another route than the claim's."""
    close = similarity(sentence, target)
    claim_routes = set(target.claim.routes)
    if close < VERBATIM and routes - claim_routes and claim_routes - routes:
        close -= ROUTE_PENALTY  # a paraphrase about another route
    return max(0.0, close)


@dataclass(frozen=True)
class Match:
    """The claim a sentence repeats, how it was found and how closely it is worded."""

    claim: ClaimRecord
    score: float
    how: str  # citation | text | citation+text | parts | standing-out | value | pointed
    against: str  # "statement" or "quote (document)"
    clause: str = ""  # the clause that repeats the claim, when the whole sentence did not

    @property
    def sure(self) -> str:
        """How sure the match is: sure, likely or possible."""
        if self.score >= 95 or ("citation" in self.how and self.score >= 70):
            return "sure"
        if self.score >= 90 or "citation" in self.how:
            return "likely"
        return "possible"
