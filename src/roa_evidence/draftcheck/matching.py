"""Which claim a sentence repeats: by the keys it cites, and by its wording.

A sentence is compared with every claim's statement and asserting quotes with
rapidfuzz (0-100: the best of the whole-text ratio, the word-order-free ratio,
the shared-words ratio for a sentence at least half the statement's length,
and, for a quote of `QUOTE_CHARS` or more, the best-aligned part of the
sentence), route words normalised first ("intramuscular" and "IM" compare
alike), less `ROUTE_PENALTY` when the sentence names a route the claim is not
about and leaves out one it is about (unless it repeats the text nearly
verbatim). A match by text alone needs `MATCH_SCORE`; a cited key narrows the
candidates to the claims it bears on, and a close enough one is taken.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from ..query.records import ClaimView
from .routes import normalise_routes, routes_named

__all__ = ["MATCH_SCORE", "Match", "Matcher"]

MATCH_SCORE = 80.0  # a match by text alone needs this similarity or more
CITED_SCORE = 50.0  # a cited key with several claims: the closest needs this much
MIN_WORDS = 4  # shorter sentences are not compared by text
QUOTE_CHARS = 20  # a quote this long (and of QUOTE_WORDS) may match part of a longer sentence
QUOTE_WORDS = 5
ROUTE_PENALTY = 20.0  # a sentence naming another route than the claim's
VERBATIM = 95.0  # a sentence this close repeats the text itself, whatever routes it names
SHORTLIST = 30  # targets compared closely, of those sharing the most words
CITED_OVERLAP = 30.0  # ...or share this much of the sentence's distinctive words
_NOT_WORDS = re.compile(r"\b(?:not|no|never|without|n't)\b", re.I)
TEXT_OVERLAP = 60.0  # by text: a sentence sharing this much distinctive wording...
TEXT_SCORE = 60.0  # ...and this similarity matches too (a paraphrase)
_STOP_WORDS = (
    "a an the of and or to in on for with by is are was were be been being has have had it "
    "its this that these those than as at from into ketamine which who their there after "
    "before during within about over under only can could may might will would should must "
    "also very more less most some any all both each per such so but if when while then we "
    "our they them he she his her do does did done "
    # hedges and attributions: how firmly, not what, a sentence says
    "remains uncertain whether unclear known likely probably possibly perhaps evidence "
    "suggests suggest shows show found reported report reportedly claimed it's "
    "approximately roughly around near nearly almost fully"
)
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class _Target:
    claim: ClaimView
    label: str  # "statement" or "quote (document)"
    text: str  # processed (lower case, no punctuation, routes normalised)
    quote: bool


@dataclass(frozen=True)
class Match:
    """The claim a sentence repeats, how it was found and how closely it is worded."""

    claim: ClaimView
    score: float
    how: str  # citation | text | citation+text
    against: str  # "statement" or "quote (document)"

    @property
    def sure(self) -> str:
        """How sure the match is: sure, likely or possible."""
        if self.score >= 95 or ("citation" in self.how and self.score >= 70):
            return "sure"
        if self.score >= 90 or "citation" in self.how:
            return "likely"
        return "possible"


def _process(text: str) -> str:
    # Negations are kept out of the wording match: a flipped sentence should still find
    # the claim it flips, so that it can be reported as its opposite.
    return utils.default_process(_NOT_WORDS.sub(" ", normalise_routes(text)))


class Matcher:
    """Finds, for each sentence, the claim it repeats (built once per evidence base)."""

    def __init__(self, claims: Sequence[ClaimView]) -> None:
        self.targets: list[_Target] = []
        self.by_key: dict[str, list[ClaimView]] = {}
        for claim in claims:
            self.targets.append(_Target(claim, "statement", _process(claim.statement), False))
            for quote in claim.asserted_by:
                label = f"quote ({quote.document})"
                self.targets.append(_Target(claim, label, _process(quote.quote), True))
            keys = [e.source for e in claim.evidence] + [
                a.document for a in (*claim.asserted_by, *claim.disputed_by)
            ]
            for key in dict.fromkeys(keys):
                self.by_key.setdefault(key, []).append(claim)
        self._texts = [t.text for t in self.targets]
        # Word weights (inverse claim frequency): "vomiting" says more about a claim than "IM".
        self.words: dict[str, set[str]] = {}
        for target in self.targets:
            self.words.setdefault(target.claim.id, set()).update(_content(target.text))
        frequency: dict[str, int] = {}
        for words in self.words.values():
            for word in words:
                frequency[word] = frequency.get(word, 0) + 1
        count = len(self.words) + 1
        self._unseen = math.log(count)
        self._weight = {w: math.log(count / (n + 1)) + 0.1 for w, n in frequency.items()}

    def overlap(self, processed: str, claim_id: str) -> float:
        """How much of the sentence's distinctive wording the claim shares, 0-100."""
        words = _content(processed)
        total = sum(self._weight.get(w, self._unseen) for w in words)
        if not total:
            return 0.0
        shared = words & self.words.get(claim_id, set())
        return 100.0 * sum(self._weight[w] for w in shared) / total

    def match(self, text: str, keys: Sequence[str]) -> Match | None:
        """The claim `text` (citing `keys`) repeats, or None."""
        processed = _process(text)
        routes = routes_named(text)
        cited = {c.id for k in keys for c in self.by_key.get(k, [])}
        if cited:
            scored = [
                (t, _score(processed, routes, t), self.overlap(processed, t.claim.id))
                for t in self.targets
                if t.claim.id in cited and _routes_fit(routes, t.claim)
            ]
            if scored:
                target, score, shared = max(scored, key=lambda s: s[1] + s[2])
                if len(cited) == 1 or score >= CITED_SCORE or shared >= CITED_OVERLAP:
                    how = "citation+text" if score >= MATCH_SCORE else "citation"
                    return Match(target.claim, score, how, target.label)
        if len(text.split()) < MIN_WORDS:
            return None
        shortlist = process.extract(
            processed, self._texts, scorer=fuzz.token_set_ratio, processor=None, limit=SHORTLIST
        )
        accepted: list[tuple[_Target, float, float]] = []
        for *_, index in shortlist:
            target = self.targets[index]
            score = _score(processed, routes, target)
            shared = self.overlap(processed, target.claim.id)
            paraphrase = shared >= TEXT_OVERLAP and score >= TEXT_SCORE
            if score >= MATCH_SCORE or (paraphrase and _routes_fit(routes, target.claim)):
                accepted.append((target, score, shared))
        if not accepted:
            return None
        target, score, _ = max(accepted, key=lambda s: s[1] + s[2])
        return Match(target.claim, score, "text", target.label)


def _routes_fit(routes: frozenset[str], claim: ClaimView) -> bool:
    """Whether a sentence naming `routes` can be about the claim (it names one of its routes)."""
    return not routes or not claim.routes or bool(routes & set(claim.routes))


def _content(processed: str) -> set[str]:
    """The distinctive words, cut to their first 7 letters ("bioavailable", "bioavailability")."""
    return {w[:7] for w in processed.split() if w not in _STOP and len(w) > 1 and w.isalpha()}


def _similarity(sentence: str, target: _Target) -> float:
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


def _score(sentence: str, routes: frozenset[str], target: _Target) -> float:
    score = _similarity(sentence, target)
    claim_routes = set(target.claim.routes)
    if score < VERBATIM and routes - claim_routes and claim_routes - routes:
        score -= ROUTE_PENALTY  # a paraphrase about another route
    return max(0.0, score)
