"""The routes of administration a piece of text names, in technical and in lay words.

Technical names ("IV", "intramuscularly", "infusion") come from the base's vocabulary
(`vocab`); the lay words writers use ("a drip", "a shot in the muscle", "under the
tongue") are data too: the `lay` lists of `routes` in the evidence base's
`vocabulary.yaml`, read with the rest of it (`load.vocabfile`), so that a base about
another drug brings its own. The vocabulary in use (`vocab.active()`, the base a
command reads) gives them; a base that declares none gets the shipped base's, and a
built-in list stands in should that be missing. The drug's names (`drug:` in the same
file) travel with them: a sentence naming the drug is about the base's subject. `using(words)`
puts other words in force for a block (a library caller's own list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import vocab
from ..errors import EvidenceError
from ..load.vocabfile import shipped_vocabulary
from .firstchars import compiled

if TYPE_CHECKING:
    from ..load.vocabfile import Vocabulary

__all__ = [
    "RouteWords",
    "active",
    "normalise_routes",
    "routes_in_order",
    "routes_meant",
    "routes_named",
    "spelled_words",
    "using",
]

_ROUTE_WORD = compiled(
    r"\b(?:(IV|IM|IN|SL|SC|PO)|(intravenous(?:ly)?|intramuscular(?:ly)?|intranasal(?:ly)?|"
    r"nasal(?:ly)?|oral(?:ly)?|sublingual(?:ly)?|rectal(?:ly)?|subcutaneous(?:ly)?|"
    r"infusions?|infuse[sd]?|infusing))\b",
    re.I,
)

# Used when no vocabulary.yaml is found: the shipped lists, shortened.
_BUILT_IN: dict[str, tuple[str, ...]] = {
    "IV": ("a drip", "drip", "into a vein", "a vein"),
    "IM": ("a shot in the muscle", "into the muscle", "into the thigh", "injection", "a shot"),
    "IN": ("nasal spray", "up the nose", "into the nose"),
    "oral": ("by mouth", "swallowed", "a pill", "a tablet"),
    "SL": ("under the tongue",),
    "rectal": ("per rectum",),
    "SC": ("under the skin",),
}

_SPELLED = {
    "IV": "intravenous",
    "IM": "intramuscular",
    "IN": "intranasal",
    "SL": "sublingual",
    "SC": "subcutaneous",
    "oral": "oral",
    "rectal": "rectal",
}


@dataclass(frozen=True, eq=False)  # compared by identity: it keys the routes cache
class RouteWords:
    """A base's lay words for its routes, compiled into one pattern (longest first), and
    the names of its drug."""

    lay: Mapping[str, tuple[str, ...]]
    pattern: re.Pattern[str]
    route_of: Mapping[str, str]  # lay phrase (lower case, single spaces) -> route
    drug: re.Pattern[str]  # any of the drug's names
    drug_words: frozenset[str]  # the words of its names, lower case: no distinctive word

    @classmethod
    def build(cls, lay: Mapping[str, Sequence[str]], drug: Sequence[str] = ()) -> RouteWords:
        # each name as its words, as a sentence's words are compared ("5-MeO-DMT": 5, meo,
        # dmt), found however they are joined ("5 MeO DMT" in a text without punctuation)
        names = sorted({_name_words(n) for n in drug} - {()}, key=len, reverse=True)
        drug_pattern = "|".join(r"[\W_]+".join(map(re.escape, n)) for n in names) or "(?!)"
        route_of: dict[str, str] = {}
        for route, phrases in lay.items():
            for phrase in phrases:
                key = " ".join(str(phrase).lower().split())
                if key:
                    route_of.setdefault(key, route)
        ordered = sorted(route_of, key=len, reverse=True)
        # the drug may be named between an article and a noun not a lay word of its own: "a
        # ketamine tablet" ("a ketamine shot" is found by "shot")
        named = rf"(?:(?:{drug_pattern})\s+)?"
        body = "|".join(_phrase_pattern(p, named, route_of) for p in ordered) or "(?!)"
        pattern = compiled(rf"\b(?:{body})\b", re.I)
        return cls(
            {r: tuple(p) for r, p in lay.items()},
            pattern,
            route_of,
            compiled(rf"\b(?:{drug_pattern})\b", re.I),
            frozenset(word for name in names for word in name),
        )


_ARTICLES = frozenset({"a", "an", "the", "your", "my"})


def _phrase_pattern(phrase: str, named: str, known: Mapping[str, str]) -> str:
    first, *rest = phrase.split()
    noun = r"\s+".join(map(re.escape, rest))
    if rest and first in _ARTICLES and " ".join(rest) not in known:
        return rf"{re.escape(first)}\s+{named}{noun}"
    return r"\s+".join(map(re.escape, [first, *rest]))


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(word for word in re.split(r"[\W_]+", name.lower()) if word)


@lru_cache(maxsize=8)
def _built(lay: tuple[tuple[str, tuple[str, ...]], ...], drug: tuple[str, ...]) -> RouteWords:
    return RouteWords.build(dict(lay), drug)


def _vocabulary_words() -> RouteWords:
    """The lay words of the vocabulary in use, else the shipped base's, else built in; and
    its drug's names (none when it declares none: a drug's name is no other base's)."""

    vocabulary = vocab.active()
    if _LAST and _LAST[0][0] is vocabulary:  # asked for every sentence: the same one
        return _LAST[0][1]
    lay = vocabulary.lay
    if not lay:
        try:
            lay = shipped_vocabulary().lay
        except EvidenceError:  # an installation without its data: the built-in list
            lay = {}
    words = _built(tuple(sorted((lay or _BUILT_IN).items())), vocabulary.drug)
    _LAST[:] = [(vocabulary, words)]
    return words


_LAST: list[tuple[Vocabulary, RouteWords]] = []  # the vocabulary last asked about, its words


_ACTIVE: ContextVar[RouteWords | None] = ContextVar("route_words", default=None)


@contextmanager
def using(words: RouteWords | None) -> Iterator[None]:
    """Read routes with `words` (a base's lay words) inside the block."""
    token = _ACTIVE.set(words)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def active() -> RouteWords:
    """The lay words read now: those of `using`, else the vocabulary's in use."""
    return _ACTIVE.get() or _vocabulary_words()


_words = active


def _route(match: re.Match[str]) -> str | None:
    abbrev, word = match.groups()
    if abbrev is not None and abbrev != abbrev.upper():
        return None  # "in", "iv" in lower case are words or list numbers
    term = (abbrev or word).lower().removesuffix("ly")
    if term.endswith("ions"):  # "infusions", but not the "s" of "intravenous"
        term = term[:-1]
    elif term.startswith("infus"):  # "infused over 40 minutes" is given as an infusion
        term = "infusion"
    return vocab.canonical_route(term)


_AFTER_ROUTE = compiled(
    r"(?:(?-i:IV|IM|IN|SC|SL)|\b(?:intravenous|intramuscular|intranasal|nasal|oral|"
    r"subcutaneous|sublingual|rectal))\s*$",
    re.I,
)


def routes_in_order(text: str) -> list[tuple[int, int, str]]:
    """Each route named in `text`: (start, end, route), in order of mention.

    A lay noun right after a route's name is that route's ("an IV injection" is IV).
    """
    return list(_in_order(text, _words()))


# ...a choice ("or"), ended by the noun or by "dose" or "form" (not "a drip and muscle
# relaxants", "a spray and drink in your system")
_JOINED_NOUN = compiled(r"\s+or\s+([a-z]+)\b(?=\s*(?:[,.;:)]|$|\s(?:dose|form|route)\b))", re.I)
# ...after a route with an article, in its phrase ("a spray") or just before it ("a nasal spray")
_ARTICLE = compiled(r"(?:an?|the)\s", re.I)
_ARTICLE_BEFORE = compiled(r"\b(?:an?|the)\s+$", re.I)


@lru_cache(maxsize=65536)
def _in_order(text: str, words: RouteWords) -> tuple[tuple[int, int, str], ...]:
    found = [(m.start(), m.end(), r) for m in _ROUTE_WORD.finditer(text) if (r := _route(m))]
    for match in words.pattern.finditer(text):
        phrase = " ".join(match.group(0).lower().split())
        # "a ketamine tablet": the phrase "a tablet" with the drug named inside it
        route = (
            words.route_of.get(phrase)
            or words.route_of[" ".join(words.drug.sub(" ", phrase).split())]
        )
        before = _AFTER_ROUTE.search(text, max(0, match.start() - 14), match.start())
        if before is not None:  # "an IV injection": the noun of the route named before it
            named = _ROUTE_WORD.search(before.group(0))
            route = (_route(named) if named else None) or route
        found.append((match.start(), match.end(), route))
    # "a nasal spray or tablet dose": one article for two choices, the second's "a tablet"
    for start, end, _ in list(found):
        joined = _JOINED_NOUN.match(text, end)
        articled = _ARTICLE.match(text, start) or _ARTICLE_BEFORE.search(
            text, max(0, start - 6), start
        )
        if joined is not None and articled:
            noun = joined.group(1).lower()
            shared = words.route_of.get(f"a {noun}") or words.route_of.get(f"an {noun}")
            if shared is not None:
                found.append((joined.start(1), joined.end(1), shared))
    return tuple(sorted(set(found), key=lambda f: (f[0], -f[1])))


def routes_named(text: str) -> frozenset[str]:
    """The routes a sentence names (`IV`, `intramuscular`, `orally`, `a drip`...)."""
    return frozenset(route for *_, route in routes_in_order(text))


# "... just like a swallowed tablet", "unlike a drip", ", same as an injection": a route brought
# in for likeness or contrast ("the same relief with a shot as with a drip" is a comparison
# of the two, read by `polarity`).
_ANALOGY = compiled(
    r"(?:\b(?:(?:just|much|exactly) )?(?:un)?like(?: with)?|"
    r",\s*(?:just |exactly )?(?:the )?same as(?: with)?|"
    r",\s*(?:just )?as (?:happens |is the case |it does )?with|"
    # "..., much as a tablet does"
    r",\s*(?:much|just|exactly|very much) as)\s+(?:(?:a|an|the|your)\s+)?$",
    re.I,
)
# A cheap test that one of _ANALOGY's branches could match: each holds one of these.
_MAY_BE_ANALOGY = compiled(r"like|same as|with|, *(?:much|just|exactly|very much) as\b", re.I)


def routes_meant(text: str) -> frozenset[str]:
    """The routes a sentence is about: those it names, less one brought in only as an
    analogy after another, in lay words ("IM goes through the liver first, just like pills
    do" is about IM). A route named as such ("IM works just like IV") stays: that compares
    the two."""
    named = routes_in_order(text)
    if len(named) < 2 or not _MAY_BE_ANALOGY.search(text):
        return frozenset(route for *_, route in named)
    first = named[0][2]
    lay = {start for start, end, _ in named if not _ROUTE_WORD.fullmatch(text, start, end)}
    kept = {
        route
        for start, _, route in named
        if route == first
        or start not in lay  # "just like IV": a likeness of routes, named as such
        or not _ANALOGY.search(text, max(0, start - 24), start)
    }
    return frozenset(kept)


@lru_cache(maxsize=1)
def spelled_words() -> frozenset[str]:
    """The routes as `normalise_routes` spells them, cut as `words.content_words` cuts."""
    return frozenset(name[:7] for name in _SPELLED.values())


def normalise_routes(text: str) -> str:
    """`text` with every route spelled one way ("IM", "a shot in the muscle" ->
    "intramuscular"), so that wordings compare alike."""
    spans = routes_in_order(text)
    if not spans:
        return text
    pieces: list[str] = []
    at = 0
    last = ""
    for start, end, route in spans:
        if start < at:
            continue  # overlapping names ("nasal" inside "nasal spray"): the first wins
        between = text[at:start]
        spelled = _SPELLED.get(route, route)
        if spelled == last and not between.strip():
            pieces.append(between)  # "IV drip", "injection into the muscle": one name
        else:
            pieces += [between, spelled]
        last, at = spelled, end
    pieces.append(text[at:])
    return "".join(pieces)
