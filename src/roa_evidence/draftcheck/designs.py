"""What a sentence says a study's design was, term by term, each in its family and with
what it says of it: "open-label" and "double-blind" both speak of blinding, one that the
study was not blinded, the other that it was. A denied term says its contrary ("not
double-blind" is open-label, "nobody was blinded" too, "not randomised" non-randomised),
so that `polarity` can read a design without counting its "not" as the claim's."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from .firstchars import compiled

__all__ = ["Design", "agrees", "read", "reversed_design"]

# term: (family, pattern, what it says of the family)
_TERMS: dict[str, tuple[str, str, bool]] = {
    # "patients and raters were both blinded" is double-blind in other words
    "double-blind": (
        "blinding",
        r"\b(?:double|triple)[- ]?blind(?:ed)?\b|"
        r"\b(?:both )?(?:patients|participants|subjects) and "
        r"(?:the )?(?:raters|assessors|investigators|clinicians|doctors|staff) (?:were )?"
        r"(?:both )?(?:kept )?blind(?:ed)?\b|\bneither (?:the )?(?:patients|participants|subjects) "
        r"nor (?:the )?(?:raters|assessors|investigators|clinicians|doctors|staff)"
        r"(?: [\w-]+){0,3} knew\b",
        True,
    ),
    "single-blind": ("blinding", r"\bsingle[- ]?blind(?:ed)?\b", True),
    "open-label": (
        "blinding",
        r"\b(?:open[- ]label(?:led)?|unblinded|non-?blinded|unmasked)\b|"
        r"\bblinding (?:was|is|were) (?:absent|lacking|missing)\b",
        False,
    ),
    "blinded": ("blinding", r"(?<![\w-])blinded\b", True),
    "randomised": ("randomisation", r"(?<![\w-])randomi[sz](?:ed|ation)\b", True),
    # "allocation was not random", "patients picked their own route": not randomised
    "non-randomised": (
        "randomisation",
        r"\bnon-?randomi[sz](?:ed|ation)\b|\b(?:allocation|assignment) (?:was|were) not random\b|"
        r"\b(?:picked|chose|chosen|selected) (?:their|his|her) own (?:route|treatment|arm|group)\b|"
        r"\b(?:did not|didn't|never) randomi[sz]e (?:anyone|anybody|patients|participants)\b|"
        r"\bchose who got which (?:route|treatment|arm)\b",
        False,
    ),
    "placebo": ("placebo", r"\bplacebo\b", True),
    # of a study ("an uncontrolled trial"), not of a rate ("at an uncontrolled, variable rate")
    "uncontrolled": (
        "placebo",
        r"\buncontrolled(?= (?:trial|study|studies|design|case|series|report|data|evidence)\b)|"
        r"\b(?:trial|study) (?:was|is) uncontrolled\b",
        False,
    ),
    # a control group of any kind (placebo or another treatment): "a controlled trial"
    "controlled": (
        "placebo",
        r"\b(?:control|comparison|comparator) (?:group|arm|condition)s?\b|"
        r"(?<!un)\bcontrolled (?:trial|study)\b",
        True,
    ),
    "crossover": ("crossover", r"\bcross-?over\b", True),
}
_PATTERNS = {t: compiled(p, re.I) for t, (_, p, _) in _TERMS.items()}
_WORDS = (
    "blind", "label", "random", "placebo", "cross", "mask", "control", "compar", "knew", "own",
    "chose",
)  # fmt: skip

# A design term denied within four words ("not double-blind", "nobody was blinded",
# "without any blinding", "wasn't open-label"; "not only randomised" denies nothing): the
# term it leaves is its contrary.
_DENIED = compiled(
    r"(?:\bneither\b(?:\s+[\w-]+){0,3}?\s+nor\b|\b(?:not|never|without|no|nobody|no one|"
    r"none|nor|rather than|instead of)\b|n't)(?!\s+only\b)"
    r"(?:\s+[\w-]+){0,4}?\s+(?:(?P<blind>(?:(?:double|triple|single)[- ]?)?(?:blind|mask)\w*)|"
    r"(?P<open>open[- ]label\w*)|(?P<random>randomi[sz]\w*))|"
    # "no placebo", "without a placebo", "not placebo-controlled": right after the negation,
    # not "no better than placebo" (a comparison with one)
    r"\b(?:no|not|without(?: a| any)?)\s+(?P<placebo>placebo(?:[- ]controlled)?\w*)|"
    # "no control group", "lacked a comparison arm", "without any control condition"
    r"\b(?:no|not|without|lack(?:s|ed|ing)?)(?: a| an| any| proper| real)?"
    r"(?: kind of| sort of| form of)?\s+"
    r"(?P<control>(?:control|comparison|comparator) (?:group|arm|condition)s?)\b",
    re.I,
)
# "False: the trial was double-blind", "it is a myth that it was randomised": the whole
# statement denied, and with it the design it states
_DENIES_ALL = compiled(
    r"^\W*(?:(?:false|myth|untrue|not true)\s*:|it(?: is|'s) (?:false|a myth|untrue|not true)"
    r" that)\s*",
    re.I,
)
_OPPOSITE_TERM = {
    "double-blind": "open-label",
    "single-blind": "open-label",
    "blinded": "open-label",
    "open-label": "blinded",
    "randomised": "non-randomised",
    "non-randomised": "randomised",
    "placebo": "uncontrolled",
    "uncontrolled": "placebo",
    "controlled": "uncontrolled",
}
_CONTRARY = {
    "blind": "open-label",
    "open": "blinded",
    "random": "non-randomised",
    "placebo": "uncontrolled",  # "no placebo", "not placebo-controlled"
    "control": "uncontrolled",  # "no control group"
}
_SAID = {
    True: {"blinding": "blinded", "randomisation": "randomised"},
    False: {"blinding": "open-label (not blinded)", "randomisation": "not randomised"},
}


@dataclass(frozen=True)
class Design:
    """The design terms a text states, what they say of each family, and the text with
    them left out (to read its other parts)."""

    terms: frozenset[str]
    says: Mapping[str, frozenset[bool]]  # family -> what the text says of it (both: two studies)
    rest: str

    @property
    def families(self) -> frozenset[str]:
        return frozenset(_TERMS[t][0] for t in self.terms)


@lru_cache(maxsize=65536)
def read(text: str) -> Design:
    """The design a text states ("double-blind", "not double-blind", "open-label"...)."""
    lowered = text.lower()
    if not any(word in lowered for word in _WORDS):  # most texts: no pattern is run
        return Design(frozenset(), {}, text)
    terms: set[str] = set()
    rest = text
    for match in _DENIED.finditer(text):
        terms.add(_CONTRARY[str(match.lastgroup)])
        rest = rest[: match.start()] + " " * (match.end() - match.start()) + rest[match.end() :]
    for term, pattern in _PATTERNS.items():
        if pattern.search(rest):
            terms.add(term)
            rest = pattern.sub(" ", rest)
    denied = _DENIES_ALL.match(rest)
    if denied and terms & _OPPOSITE_TERM.keys():
        terms = {_OPPOSITE_TERM.get(term, term) for term in terms}
        rest = rest[denied.end() :]
    says: dict[str, frozenset[bool]] = {}
    for term in terms:
        family, _, value = _TERMS[term]
        says[family] = says.get(family, frozenset()) | {value}
    return Design(frozenset(terms), says, rest)


def agrees(said: Design, claimed: Design) -> bool:
    """Whether the sentence says of a design what the claim says (one of the studies it
    names may be the claim's: "an open-label trial and a double-blind one")."""
    shared = said.says.keys() & claimed.says.keys()
    return bool(shared) and all(claimed.says[f] <= said.says[f] for f in shared)


def reversed_design(said: Design, claimed: Design) -> str | None:
    """What the sentence says of a study's design against what the claim says, where the
    two differ ("the sentence says the study was blinded, the claim that it was open-label
    (not blinded)"); None where they do not."""
    for family in sorted(said.says.keys() & claimed.says.keys() & _SAID[True].keys()):
        if len(said.says[family]) != 1 or len(claimed.says[family]) != 1:
            continue  # one of two studies the sentence names may be the claim's
        [sentence], [claim] = said.says[family], claimed.says[family]
        if sentence != claim:
            return (
                f"the sentence says the study was {_SAID[sentence][family]}, "
                f"the claim that it was {_SAID[claim][family]}"
            )
    return None
