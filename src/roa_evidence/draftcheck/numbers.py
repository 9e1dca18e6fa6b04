"""Numbers with units in a sentence, and whether they agree with a known value.

A quantity is a number or a range ("93 %", "0.5 mg/kg", "30-60 minutes",
"between 2 and 4 h", "two hours", "a single study") in one dimension
(percent, time, dose, concentration, participants, studies), held in a base
unit (time in minutes) so that "two hours" can be compared with "120 min".
Agreement allows for rounding: the written precision of the sentence's number
("93" may stand for 92.5-93.5), and more after "about", "nearly"...
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import numberwords
from .firstchars import compiled
from .units import UNITS as _UNITS

__all__ = [
    "CENTURIES",
    "PARAGRAPH_NUMBER",
    "Known",
    "Quantity",
    "agrees",
    "known_value",
    "participants",
    "quantities",
    "show",
]

# Counts may have a few words between number and noun: "18 depressed subjects".
_COUNTED = frozenset({"participants", "studies"})

# "a third of them", a change "by a third", a share "bioavailability is about a third"
_FRACTION = compiled(
    # "a third of the dose"; not "a quarter of an hour" nor "a quarter of a milligram per kilo"
    rf"\b(?:{numberwords.FRACTIONS})\b(?= of\b)(?! of an? (?:hour|milligram|microgram|gram|mg)\b)|"
    # "loses half the dose", "half the ketamine bought"; not "at half the dose"
    r"(?<!at )\bhalf(?= (?:the|a|each) dose\b| (?:of )?(?:the|all) (?:[\w-]+ ){0,2}?"
    r"(?:ketamine(?! dose)|samples?|patients|people|participants|volunteers)\b)|"
    # ... or a share's value: "bioavailability is only about a third", "absorption of a fifth"
    r"\b(?:by|(?:bioavailability|absorption)(?: of(?: [\w-]+){1,3})? (?:is|was|of)) "
    r"(?:(?:only|just|about|around|"
    rf"roughly|nearly|almost|close to|some) ){{0,2}}((?:{numberwords.FRACTIONS}))\b",
    re.I,
)


# "a quarter to a half of a dose", "(lie) between a quarter and a half.": a range of shares.
_FRACTION_RANGE = compiled(
    rf"\b(?:between\s+)?({numberwords.FRACTIONS})\s+(?:to|and|-|\u2013)\s+({numberwords.FRACTIONS})\b"
    r"(?= of\b|\s*(?:[.;,)\[]|$))",
    re.I,
)
# "the last six months": a span of the calendar; "every 15 minutes": how often, not how long
_WHICH_ONE = compiled(r"\b(?:in|from|the|that)\s+$", re.I)  # "in one trial": which, not how many
_YEAR = compiled(r"(?:19|20)\d\d")
CENTURIES = r"(?:1[5-9]|20)\d\d"  # a decade's years: "the 1840s" (not "1600 patients")
_CENTURIES = compiled(CENTURIES)
_DECADE = compiled(r"'?s\b")
_PER_GROUP = compiled(  # ("9 patients per IM dose group")
    r"\s+(?:(?:in each|in every|per|a) (?:[\w-]+ ){0,2}?(?:group|arm)\b|each(?=\s*(?:[,.;)]|$)))",
    re.I,
)
# a report's numbered paragraph, "3.3 Only eighteen participants...": its number is no figure
PARAGRAPH_NUMBER = r"\W*\d{1,2}(?:\.\d{1,2})+\s+(?-i:(?=[A-Z]))"
_PARAGRAPH_NUMBER = compiled(PARAGRAPH_NUMBER)
# after a time, not its length: "two weeks since my last" (when), "and a half" (`_worded`)
_NOT_A_SPAN = compiled(r"\s+(?:since (?:my|his|her|their|your) (?:last|first)|ago)\b| and a half\b")
_SOME_DAY = compiled(r"\b(?:will|would|might|may|could|should|shall|must)\s+one day\b", re.I)
_CALENDAR = compiled(r"\b(?:the (?:last|past|previous)|every)\s+$", re.I)
_APPROXIMATE = compiled(
    r"(?:about|approximately|approx\.?|around|roughly|nearly|almost|some|circa|ca\.|~|"
    r"close to|up to|over|more than|less than|under)\s*$",
    re.I,
)

_UNIT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
# a word describing what a number counts: "18 depressed subjects" (not "one of the patients")
_DESCRIBING = (
    r"(?!(?:my|our|your|his|her|their|its|the|a|an|of|in|and|or|to|we|i|you|they|with|for|"
    r"at|on|by|from|per|as)\b)[a-z-]+"
)
_GAP = r"(?:(?<=\d)\s*|\s+)"  # a word's unit stands apart: "5s", "five s", not "ones"
_QUANTITY = compiled(
    rf"(?<![\w.])(?P<between>(?:between|from)\s+)?(?P<a>{numberwords.NUMBER})(?P<so>\s+or so)?"
    rf"(?:{_GAP}(?P<ua>{_UNIT})(?![\w/]))?"
    rf"(?:\s*(?:-|\u2013|\u2014|to|(?(between)and|(?!)))\s*(?P<b>{numberwords.NUMBER}))?"
    rf"(?:{_GAP}(?P<u>{_UNIT})(?![\w/])|(?P<of>\s+of\s+(?:its|the|their|those|these))?(?:\s+{_DESCRIBING}){{0,2}}?"
    rf"(?(of)|(?<=[a-z-]))\s+(?P<uc>{_UNIT})\b)?",
    re.I,
)


@dataclass(frozen=True)
class Quantity:
    """A number or range in a sentence, in its dimension's base unit."""

    low: float
    high: float
    dimension: str
    text: str  # as written
    tolerance: float  # how far off a known value may be and still agree
    vague: bool = False  # "most of the dose": agrees with a figure, but does not state one
    bound: str = ""  # AT_MOST ("less than a fifth") or AT_LEAST ("more than 40"), else ""


@dataclass(frozen=True)
class Known:
    """A value the evidence base knows: the claim's own, or a linked source's."""

    low: float
    high: float
    dimension: str
    text: str  # for messages: "93 %", "2-4 h"
    origin: str  # "the claim" or a source key
    stance: str = ""  # the source's stance on the claim, if a source


_OF_THEM = 10  # "N of its patients" from this many: a count, not a few of them
APPROXIMATE_SHARE = 0.25  # "about N": a step of slack, up to this share of N
# A bound, not a value: "less than a fifth" agrees with 11-17 %, "more than 40" with 45.
# ("over" is left out: "infused over 40 minutes" is a length; "up to six hours" states one.)
AT_MOST, AT_LEAST = "at most", "at least"
_BOUND = compiled(
    r"\b(?:(?P<most>(?:no|not) more than|less than|fewer than|under|below|at most)|"
    r"(?P<least>(?:no|not) (?:less|fewer) than|more than|at least|above|upwards of))\s*$",
    re.I,
)


def _bound(before: str) -> str:
    found = _BOUND.search(before[-24:])
    return "" if found is None else AT_MOST if found["most"] else AT_LEAST


def _unit(text: str | None) -> tuple[str, float] | None:
    if not text:
        return None
    return _UNITS.get(text.lower()) or _UNITS.get(text)


def quantities(text: str) -> list[Quantity]:
    """The quantities with a unit in `text`, in order. Unitless numbers are left out."""
    return list(_quantities(text))


@lru_cache(maxsize=65536)
def _quantities(text: str) -> tuple[Quantity, ...]:
    """`quantities`, cached: each sentence's are asked for by several checks."""
    # a digit first: most numbers have one, and it is found far faster than a number word
    if not _DIGIT.search(text) and not _ANY_NUMBER.search(text):
        return ()
    found: list[Quantity] = []
    # "one in four children": a share (the pattern is costly: only where " in " or "out of" is)
    shares = [m.span() for m in _ONE_IN.finditer(text)] if _MAY_SHARE.search(text) else []
    if numbered := _PARAGRAPH_NUMBER.match(text):  # blanked, so that offsets stay
        text = " " * numbered.end() + text[numbered.end() :]
    for match in _QUANTITY.finditer(text):
        if any(start <= match.start() < end for start, end in shares):
            continue
        unit = _unit(match["u"]) or _unit(match["ua"])
        end = match.end()
        if unit is None and match["uc"]:
            counted = _unit(match["uc"])
            if counted is not None and counted[0] in _COUNTED:
                unit = counted
        elif match["uc"]:  # the unit came early: the words after it are not ours
            end = max(match.end(g) for g in ("a", "ua", "b", "u") if match[g])
        if unit is None:
            continue
        dimension, factor = unit
        a, step_a = numberwords.value(match["a"])
        b, step_b = numberwords.value(match["b"]) if match["b"] else (a, step_a)
        if match["b"] and b < a:  # "2014-15", "3-1": not a range
            continue
        calendar = _CALENDAR.search(text, max(0, match.start() - 20), match.start())
        some_day = _SOME_DAY.search(text, max(0, match.start() - 8), match.end())
        if dimension == "time" and (calendar or some_day or _NOT_A_SPAN.match(text, end)):
            continue  # "over the last six months", "two weeks since", "would one day": when
        if dimension == "participants" and _PER_GROUP.match(text, end):
            continue  # "nine in each group": a group's size, not the trial's
        if match["of"] and a < _OF_THEM:
            continue  # "two of the patients": who, not how many ("12 of its participants")
        if (_YEAR.fullmatch(match["a"]) and dimension in _COUNTED) or (
            _CENTURIES.fullmatch(match["a"]) and _DECADE.match(text, match.end("a"))
        ):
            continue  # "the 2014 study": a year, not a count; "the 1960s", not 1960 seconds
        if dimension == "studies" and a == 1 and _WHICH_ONE.search(text, 0, match.start()):
            continue  # "in one small trial", "the one trial" (not "in three studies")
        bound = _bound(text[: match.start()])
        # a bound is not about its number: it gets only the number's rounding as slack
        approximate = not bound and bool(match["so"] or _APPROXIMATE.search(text[: match.start()]))
        step = max(step_a, step_b)
        tolerance = step / 2 + 1e-9
        if approximate:
            # "about 40 min" may be 36-44; "about two hours" is not one hour: a whole step
            # of slack is at most a quarter of a small number
            size = max(abs(a), abs(b))
            tolerance = max(tolerance, 0.1 * size, min(step, APPROXIMATE_SHARE * size))
        found.append(
            Quantity(
                a * factor,
                b * factor,
                dimension,
                text[match.start() : end].strip(),
                tolerance * factor,
                bound=bound,
            )
        )
    ranges = []
    for match in _FRACTION_RANGE.finditer(text):
        low, high = numberwords.share(match[1]), numberwords.share(match[2])
        if low < high:
            ranges.append(match.span())
            found.append(Quantity(low, high, "percent", match[0], 0.1 * low))
    for match in _FRACTION.finditer(text):
        at = match.start(1) if match.group(1) else match.start()  # the fraction's own place
        if any(start <= at < end for start, end in ranges):
            continue
        words = match.group(1) or match.group(0)
        share = numberwords.share(words)
        bound = _bound(text[:at])
        slack = 0.02 * share if bound else 0.1 * share  # a bound: only the fraction's rounding
        found.append(Quantity(share, share, "percent", words, slack, bound=bound))
    found += [
        Quantity(100.0, 100.0, "percent", m.group(0), 0.5) for m in _WHOLE_DOSE.finditer(text)
    ]
    for match in _VAGUE_SHARE.finditer(text):
        if _LOST.search(text, max(0, match.start() - 40), match.start()) or _LOST_AFTER.match(
            text, match.end()
        ):
            continue  # "the liver breaks down most of the dose": what is lost, not what reaches
        low, high = _VAGUE_SHARES[str(match.lastgroup)]
        said = match.group(0) + text[match.end() :].split(" ", 1)[0]  # "most of the dose"
        found.append(Quantity(low, high, "percent", said.strip(" ,;."), 0.5, vague=True))
    found += _worded(text)
    return tuple(found)


# "all of a dose", "the entire dose": the whole of it, a share of 100 %.
_WHOLE_DOSE = compiled(  # (not "almost all of the dose": nearly all of it)
    r"(?<!almost )(?<!nearly )(?<!virtually )(?<!practically )"
    r"\b(?:all of (?:a|an|the|each|every)|the whole|the entire|a whole|an entire)"
    r" (?:[a-z]+ )?dose\b|"
    # "full bioavailability", "its bioavailability is complete", "every milligram of it"
    r"\b(?:full|complete|total) bioavailability\b|"
    r"\bbioavailability is (?:\w+ )?(?:complete|total|full)\b|"
    r"\bevery (?:milligram|drop)(?= (?:of (?:it|the dose) )?(?:reaches|gets|goes|enters|ends up|"
    r"makes it|lands|is (?:available|absorbed|bioavailable))\b)|"
    r"\bevery (?:last )?bit (?=of|that)",
    re.I,
)


# "only part of each dose reaches the blood", "most of a tablet's dose ends up in it": a
# share in words of what reaches the blood (not of what the liver removes), as a range.
_VAGUE_SHARES = {"part": (1, 95), "most": (50, 98), "nearly": (85, 100), "little": (0, 30)}
_VAGUE_SHARE = compiled(
    r"\b(?:(?P<part>only (?:a |some )?part|(?:only )?a (?:small )?(?:fraction|part|portion|share)|"
    r"only some|not all)|(?P<most>most|the bulk|the majority)|(?P<nearly>(?:nearly|almost) all)|"
    r"(?P<little>(?:very )?little|hardly any|almost none)) of (?:a |an |the |each |every |its |"
    r"your |what\b|it\b)(?=(?:(?!\b(?:never|not|no|fails?|failed)\b|n't)[^.;]){0,60}"
    r"\b(?:reach|gets? (?:in)?to|makes? it|ends? up|absorbed|bioavailab|available|into (?:the |"
    r"your )?(?:blood|circulation)))",
    re.I,
)
_LOSES = (
    r"(?:break|breaks|broke|breaking) down|lose|loses|lost|losing|filters?|clears?|removes?|"
    r"metaboli[sz]es?|strips? out|mops? up|destroys?"
)
_LOST = compiled(rf"\b(?:{_LOSES})\b[^.;,]*$", re.I)
_LOST_AFTER = compiled(
    r"[^.;,]{0,40}?\b(?:is|are|gets?|was|were) (?:broken down|lost|filtered|cleared|removed|"
    r"metaboli[sz]ed)\b",
    re.I,
)


# "within a day", "an hour", "half an hour", "a quarter of an hour": a unit of time in words.
_PART_OF_A_UNIT = (("half", 0.5), ("three", 0.75), ("quarter", 0.25))
_WHOLE = r"(?:full|whole|entire|single|complete) "  # "a full week" is a week
_ONE_UNIT = compiled(
    # ("one day" alone is `_QUANTITY`'s: "one" is a number)
    rf"\b(half an? |(?:a|one|three)[ -]quarters? of an? |an? |one (?={_WHOLE}))(?:{_WHOLE})?"
    r"(minute|hour|day|week|fortnight|month|year)\b(?! and a half)",
    re.I,
)
# "an hour and a half", "two and a half days": a count of units and a half
_AND_A_HALF = compiled(
    r"\b(?:(an?|one|two|three|four|five|six|\d+) (minute|hour|day|week|month|year)s? and a half|"
    r"(one|two|three|four|five|six|\d+) and a half (minute|hour|day|week|month|year)s?)\b",
    re.I,
)
# "a quarter of a milligram per kilo": a dose in words
_DOSE_PARTS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "fifth": 0.2, "tenth": 0.1}
_DOSE_IN_WORDS = compiled(
    r"\b(?:an? |one[- ])?(half|quarter|third|fifth|tenth)(?:(?: of)?[- ]an?[- ](?:milligram|mg)s?"
    r"[- ](?:per|a)[- ](?:kilo|kilogram|kg)s?|-milligram)\b",  # "a quarter-milligram injection"
    re.I,
)
# "one in four children": a share.
_ONE_IN = compiled(  # (not "one child in three trials")
    rf"\b({numberwords.NUMBER})(?: parts?| (?:child|patient|person|adult|subject|user|case|time|"
    r"milligram|mg)s?)? "
    rf"(?:in|out of)(?: every)? ({numberwords.NUMBER})\b(?! (?:trials?|studies|sites?|groups?)\b)",
    re.I,
)
# Whether a text may hold a number at all: a digit, a number word, a fraction, "a day"...
_DIGIT = re.compile(r"\d")  # one of _ANY_NUMBER's choices
_ANY_NUMBER = compiled(
    rf"\d|\b(?:{numberwords.WORDS}|half|"
    r"(?:third|quarter|fifth|sixth|tenth|eighth|twentieth)s?)\b|"
    rf"\ban? (?:{_WHOLE})?(?:minute|hour|day|week|fortnight|month|year)\b|"
    r"\b(?:next|following) (?:morning|day)\b|\bovernight\b|"
    r"\b(?:all of|whole|entire|full|complete|total|every)\b|"
    r"\b(?:part|fraction|portion|share|some|most|bulk|majority|little|any|none) of\b",
    re.I,
)
_MAY_SHARE = compiled(r"\S \b(?:in|out of)\b \S")
# "a bioavailability of 0.45": a fraction where a percentage is meant.
_BARE_FRACTION = compiled(r"(?<![\d.])0?\.(\d{1,3})(?![\d.]*\s*(?:%|percent|per cent|mg|ml|h\b))")
_SHARE_WORDS = compiled(r"\b(?:bioavailab\w*|absorbed|fraction|proportion)\b", re.I)


# "by the next morning", "overnight": about a day.
_NEXT_DAY = compiled(
    r"\b(?:(?:by|within|until|before|on) (?:the )?(?:next|following) (?:morning|day)|overnight)\b",
    re.I,
)


def _worded(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for match in _NEXT_DAY.finditer(text):
        day = _UNITS["day"][1]
        found.append(Quantity(day, day, "time", match.group(0), 0.5 * day))
    for match in _AND_A_HALF.finditer(text):
        count, unit = (match[1], match[2]) if match[1] else (match[3], match[4])
        dimension, factor = _UNITS[unit.lower()]
        size = (1.0 if count.lower() in ("a", "an") else numberwords.value(count)[0]) + 0.5
        found.append(Quantity(size * factor, size * factor, dimension, match[0], 0.25 * factor))
    for match in _ONE_UNIT.finditer(text):
        dimension, factor = _UNITS[match.group(2).lower()]
        said = match.group(1).lower()
        size = next((part for word, part in _PART_OF_A_UNIT if word in said), 1.0)
        found.append(
            Quantity(size * factor, size * factor, dimension, match.group(0), 0.5 * size * factor)
        )
    for match in _DOSE_IN_WORDS.finditer(text):
        dose = _DOSE_PARTS[match.group(1).lower()]
        found.append(Quantity(dose, dose, "dose", match.group(0), 0.01))
    for match in _ONE_IN.finditer(text) if _MAY_SHARE.search(text) else ():
        part, _ = numberwords.value(match.group(1))
        whole, _ = numberwords.value(match.group(2))
        if 0 < part < whole:
            share = 100 * part / whole
            found.append(Quantity(share, share, "percent", match.group(0), 0.1 * share))
    if _SHARE_WORDS.search(text):
        for match in _BARE_FRACTION.finditer(text):
            digits = match.group(1)
            share = float("0." + digits) * 100
            step = 100 * 10.0 ** -len(digits)
            found.append(Quantity(share, share, "percent", match.group(0), step / 2))
    return found


def known_value(value: Mapping[str, Any] | None, origin: str, stance: str = "") -> Known | None:
    """A claim's or link's `value` ({estimate | low, high, unit}) as a Known, if its unit
    is one we read."""
    if not value or not isinstance(value.get("unit"), str):
        return None
    unit = _unit(value["unit"].strip())
    if unit is None:
        return None
    dimension, factor = unit
    low = value.get("low", value.get("estimate"))
    high = value.get("high", value.get("estimate"))
    if low is None or high is None:
        return None
    return Known(float(low) * factor, float(high) * factor, dimension, show(value), origin, stance)


def participants(n: int, origin: str, stance: str = "") -> Known:
    """A source's number of participants (the link's n, else the study's) as a Known."""
    return Known(float(n), float(n), "participants", f"n {n}", origin, stance)


def show(value: Mapping[str, Any]) -> str:
    """A value for people: "93 %", "25-50 %", "2-4 h"."""
    unit = value.get("unit", "")
    if value.get("low") is not None and value.get("high") is not None:
        number = f"{_plain(value['low'])}-{_plain(value['high'])}"
    else:
        number = _plain(value.get("estimate"))
    return f"{number} {unit}".strip()


def _plain(number: Any) -> str:
    if isinstance(number, float) and number.is_integer():
        return str(int(number))
    return str(number)


def agrees(quantity: Quantity, known: Known) -> bool:
    """Whether the sentence's quantity says what the known value says, allowing for rounding."""
    if quantity.dimension != known.dimension:
        return False
    slack = max(quantity.tolerance, 0.02 * max(abs(known.low), abs(known.high)))
    # some of what is known lies within the bound; a floor on a count is read as the count
    # ("at least three trials" against "a single study" is another count, whatever larger
    # number a pooled source of the claim counts)
    if quantity.bound == AT_MOST:
        return known.low <= quantity.high + slack
    if quantity.bound == AT_LEAST and quantity.dimension not in _COUNTED:
        return known.high >= quantity.low - slack
    if known.low == known.high:  # a point: the sentence's number or range must hold it
        return quantity.low - slack <= known.low <= quantity.high + slack
    if quantity.low == quantity.high:  # a point against a range: inside it
        return known.low - slack <= quantity.low <= known.high + slack
    return abs(quantity.low - known.low) <= slack and abs(quantity.high - known.high) <= slack


def distance(quantity: Quantity, known: Known) -> float:
    """How far apart a quantity and a known value are (for naming the nearest)."""
    if quantity.high < known.low:
        return known.low - quantity.high
    if known.high < quantity.low:
        return quantity.low - known.high
    return abs(quantity.low - known.low) + abs(quantity.high - known.high)


def nearest(quantity: Quantity, knowns: Iterable[Known], count: int = 3) -> list[Known]:
    """The known values closest to the quantity, of its dimension."""
    same = [k for k in knowns if k.dimension == quantity.dimension]
    return sorted(same, key=lambda k: distance(quantity, k))[:count]


def off_every(quantities: Iterable[Quantity], knowns: Iterable[Known], dimension: str) -> bool:
    """Whether a figure stated in `dimension` (not "most") agrees with none of `knowns`."""
    stated = [q for q in quantities if q.dimension == dimension and not q.vague]
    return any(not any(agrees(q, k) for k in knowns) for q in stated)
