"""A sentence that lists routes ("ketamine can be given as a drip, a shot, a spray or a
tablet") rather than saying something of one or two of them: it repeats no claim about
them, though its words come near many (`matching`)."""

from __future__ import annotations

import re

from ..query.records import ClaimRecord
from . import framing, parts, polarity
from .firstchars import compiled

__all__ = ["lists_routes"]

# a ranking in other words than "than": "trailing well behind the nasal and oral routes"
_BEHIND = compiled(r"\b(?:behind|ahead of|outstrip\w*|outpac\w*)\b", re.I)


def lists_routes(text: str, claim: ClaimRecord, claimed: parts.Parts) -> bool:
    """Three routes or more, and no figure, ranking, effect or design said of them, against a
    claim about one or two routes (not one setting a route above all others)."""
    said = parts.read_parts(text)
    if len(said.routes) < 3 or len(claim.routes) >= 3 or claimed.superlative:
        return False
    if framing.PLANS.search(text):
        return False  # "this leaflet compares IV, IM and sprays": shown its claim, as a plan
    ranks = said.compares or polarity.has_than(text) or bool(_BEHIND.search(text))
    return not (ranks or said.quantities or said.result or said.designs)
