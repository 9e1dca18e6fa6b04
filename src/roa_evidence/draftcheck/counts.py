"""What a text counts as one or as several of the things claims about the evidence count
(sites, studies): "a single hospital" against "several hospitals", "the only trial" against
"a second trial"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from .firstchars import compiled

__all__ = ["counted", "recounts"]

# "a single hospital" against "several hospitals": one of a thing against more than one.
# Only things counted in claims about the evidence (sites, studies): "one dose" against
# "several doses" is a question of dosing, not a flip.
_COUNT = compiled(
    r"(?<!at least )(?<!more than )(?<!not )"  # "at least one study" does not say there is one
    r"\b(?:(?P<none>not a single|not one)|(?P<one>a single|single|only one|just one|one single|"
    r"one|the only|a sole|the sole)|"
    r"(?P<many>several|multiple|many|numerous|various|a number of|a few|two or more|"
    r"a handful of|dozens of|more than one|(?:is|was)(?:n't| not) the only|"
    # "a whole stack of trials", "a raft of studies", "plenty of trials"
    r"(?:a |an )?(?:whole |large |growing |good )?(?:stack|pile|raft|host|slew|bunch|"
    r"lot|lots|heap|body|series|string|flurry|wave) of|plenty of|loads of))"
    r"\s+(?:(?!of\b|the\b|and\b|or\b)[a-z-]+\s+){0,2}?"
    r"(?P<thing>hospitals?|sites?|centres?|centers?|clinics?|stud(?:y|ies)|trials?|"
    r"countries|country|cities|city|institutions?|locations?)\b|"
    # "a multicentre trial", "a single-site study": the count of places in one word
    r"\b(?:(?P<one_place>single-?(?:centre|center|site))|"
    r"(?P<many_places>multi-?(?:centre|center|site|national))|"
    r"(?P<many_studies>(?:studied|tested|trialled|trialed|researched) more than once|"
    r"(?:is|was)(?:n't| not) the only (?:data|evidence)|"
    # "a small double-blind pilot also gave it": one more study beside one already named
    r"\ba (?:[a-z-]+ ){0,3}?(?:trial|study|pilot)\b[^.;:]{0,60}?\balso (?:gave|tested|included|"
    r"enrolled|studied|found|used|compared|randomi[sz]ed|treated|looked)\b|"
    # "a second trial", "a later study": one more than one, done (not "now recruiting")
    r"(?:a second|another|a later|a further) (?:[a-z-]+ ){0,2}?(?:trial|study)"
    r"(?! (?:is|are) (?:now |still )?(?:recruiting|planned|under ?way|ongoing|being|due))))\b",
    re.I,
)


# A hospital, a centre, a site are one place; a study and a trial one piece of evidence.
_COUNTED_AS = {"stud": "study", "tria": "study"}


@lru_cache(maxsize=65536)
def counted(text: str) -> Mapping[str, str]:
    """What the text counts as one, as several or as none ("not a single study"):
    {"place": "one", "study": "many"} (cached: matching, polarity and judging each ask it
    of a sentence and its claim's statement)."""
    found: dict[str, str] = {}
    for match in _COUNT.finditer(text):
        if match.group("many_studies"):  # "studied more than once"
            found["study"] = "many"
            continue
        if match.group("thing") is None:  # "multicentre", "single-site"
            found["place"] = "one" if match.group("one_place") else "many"
            continue
        thing = _COUNTED_AS.get(match.group("thing").lower()[:4], "place")
        found[thing] = "none" if match.group("none") else "one" if match.group("one") else "many"
    return found


def recounts(sentence: str, statement: str) -> bool:
    """Whether the sentence counts something the statement counts, and differently ("a
    second trial" against "a single published study")."""
    claimed = counted(statement)
    return bool(claimed) and any(
        claimed.get(thing, count) != count for thing, count in counted(sentence).items()
    )
