"""The routes of administration a piece of text names."""

from __future__ import annotations

import re

from .. import vocab

__all__ = ["normalise_routes", "routes_named"]

_ROUTE_WORD = re.compile(
    r"\b(?:(IV|IM|IN|SL|SC|PO)|(intravenous(?:ly)?|intramuscular(?:ly)?|intranasal(?:ly)?|"
    r"nasal(?:ly)?|oral(?:ly)?|sublingual(?:ly)?|rectal(?:ly)?|subcutaneous(?:ly)?|"
    r"infusions?))\b",
    re.I,
)


# Plain-English ways of naming a route, as writers do ("injected into muscle", "by mouth").
_PHRASES = {
    "IM": r"(?:injected |injections? )?into (?:a |the )?muscles?|muscle injections?",
    "IV": r"(?:injected |given )?into (?:a |the )?veins?|through (?:a |the )?drip",
    "IN": r"nasal sprays?|(?:through|into|up) the nose|sprayed into the nose",
    "oral": r"by mouth|swallowed|in (?:a )?(?:pill|tablet|capsule)s?(?: form)?",
    "SL": r"under the tongue",
    "rectal": r"per rectum",
}
_PHRASE = re.compile(
    "|".join(f"(?P<{r if r != 'oral' else 'PO'}>\\b(?:{p})\\b)" for r, p in _PHRASES.items()),
    re.I,
)


def _phrase_route(match: re.Match[str]) -> str:
    name = match.lastgroup or ""
    return "oral" if name == "PO" else name


def _route(match: re.Match[str]) -> str | None:
    abbrev, word = match.groups()
    if abbrev is not None and abbrev != abbrev.upper():
        return None  # "in", "iv" in lower case are words or list numbers
    term = (abbrev or word).lower().removesuffix("ly")
    if term.endswith("ions"):  # "infusions", but not the "s" of "intravenous"
        term = term[:-1]
    return vocab.canonical_route(term)


def routes_named(text: str) -> frozenset[str]:
    """The routes a sentence names (`IV`, `intramuscular`, `orally`, `infusion`...)."""
    found = {r for m in _ROUTE_WORD.finditer(text) if (r := _route(m)) is not None}
    found.update(_phrase_route(m) for m in _PHRASE.finditer(text))
    return frozenset(found)


_SPELLED = {
    "IV": "intravenous",
    "IM": "intramuscular",
    "IN": "intranasal",
    "SL": "sublingual",
    "SC": "subcutaneous",
    "oral": "oral",
    "rectal": "rectal",
}


def normalise_routes(text: str) -> str:
    """`text` with every route spelled one way ("IM", "intramuscularly" -> "intramuscular"),
    so that wordings compare alike."""

    def spelled(match: re.Match[str]) -> str:
        route = _route(match)
        return _SPELLED.get(route, route) if route else match.group(0)

    text = _PHRASE.sub(lambda m: _SPELLED[_phrase_route(m)], text)
    return _ROUTE_WORD.sub(spelled, text)
