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


def _route(match: re.Match[str]) -> str | None:
    abbrev, word = match.groups()
    if abbrev is not None and abbrev != abbrev.upper():
        return None  # "in", "iv" in lower case are words or list numbers
    term = (abbrev or word).lower().removesuffix("ly").removesuffix("s")
    return vocab.canonical_route(term)


def routes_named(text: str) -> frozenset[str]:
    """The routes a sentence names (`IV`, `intramuscular`, `orally`, `infusion`...)."""
    return frozenset(r for m in _ROUTE_WORD.finditer(text) if (r := _route(m)) is not None)


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

    return _ROUTE_WORD.sub(spelled, text)
