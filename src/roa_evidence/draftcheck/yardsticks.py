"""The route a share of the dose is measured against ("93 % of the dose, nearly as much as a
drip"): named in the sentence, but as the yardstick, not as a route compared."""

from __future__ import annotations

import re

from . import numbers, routes
from .firstchars import compiled
from .numberwords import NOT_A_MULTIPLE

__all__ = ["yardstick"]


def yardstick(
    text: str, named: frozenset[str], stated: list[numbers.Quantity], absorbed: bool
) -> frozenset[str]:
    """The route a share is measured against, named after the route it is of: "a shot gets
    93 % of the dose in, nearly as much as a drip", "70 % of a spray, compared with all of
    it from a drip" and (`absorbed`: a sentence on bioavailability) "the spray gets it into
    the blood about as well as the drip does" are about the shot and the spray; the drip is
    the yardstick, not a route they are ranked against."""
    share = any(q.dimension == "percent" for q in stated)
    if len(named) < 2 or not (share or absorbed):
        return frozenset()
    pattern = _AGAINST_A_YARDSTICK if share else _AS_WELL_AS_A_YARDSTICK
    spans = routes.routes_in_order(text)
    first = spans[0][2]
    found: set[str] = set()
    for start, end, route in spans[1:]:
        if route == first or route not in named:
            continue
        against = pattern.search(text, max(0, start - 90), start)
        # "26 percent vomited after the shot against 12 percent after the drip", "compared
        # with an IM shot's 93 %": the other route has a share of its own, so two are compared
        # (the yardstick's own share is the whole dose: "relative to the whole dose by drip")
        around = (against.group(0) + text[end : end + 20]) if against else ""
        if against and all(q.low >= 100 for q in numbers.quantities(around)):
            found.add(route)
    return frozenset(found)


_AGAINST_A_YARDSTICK = compiled(
    r"\b(?:compared (?:with|to)|relative to|as much as|as available as|as with|against|"
    # ("well under what IV gets": a share below the yardstick's)
    r"(?:of|off|to|than|as|under|below|short of) what|of that (?:of|from|given by|with)|"
    r"next to)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:(?:a|an|the|with|from|by|via|through|given)\s+)*$",
    re.I,
)


_AS_WELL_AS_A_YARDSTICK = compiled(
    # (not "twice as well as tablets": a ranking)
    NOT_A_MULTIPLE
    + r"\bas (?:much|well|efficiently|effectively|completely|fully|available)\b[^.;]{0,60}?"
    r"\bas\s+(?:(?:a|an|the|with|from|by|via|through|given)\s+)*$",
    re.I,
)
