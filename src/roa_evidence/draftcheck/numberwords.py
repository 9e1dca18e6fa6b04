"""Numbers and shares written in words, read as values: "ninety-three", "one hundred and
eighteen", "a single", "three-quarters", "a fifth"."""

from __future__ import annotations

import re

__all__ = ["FRACTIONS", "LABEL_NUMBER", "NOT_A_MULTIPLE", "NUMBER", "WORDS", "share", "value"]

# A heading's number after its word: "Myth 2:", "Myth #3:", "Myth one:", "Myth no. 4:"
LABEL_NUMBER = r"(?: (?:#|no\.? ?)?(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten))?"

# Before "as much as": "twice as much", "half as much", "a third as much" rank; a bare
# "as much as" likens.
NOT_A_MULTIPLE = r"(?<!twice )(?<!times )(?<!half )(?<!third )(?<!quarter )"

_WORDS = {
    "a single": 1,
    "single": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "a hundred": 100,
    "hundred": 100,
}
_UNITS_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_WORDS.update(
    {
        "thirteen": 13,
        "fourteen": 14,
        "sixteen": 16,
        "seventeen": 17,
        "nineteen": 19,
        "one hundred": 100,
        "half a dozen": 6,
        "a couple of": 2,
        "a dozen": 12,
        "dozen": 12,
        "seventy": 70,
        "eighty": 80,
    }
)
_WORDS.update(_TENS_WORDS)
# Fractions written as words, read as approximate percentages ("a quarter of children").
_FRACTIONS = {
    "a quarter": 25.0,
    "one quarter": 25.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "half": 50.0,
    "a half": 50.0,
    "two thirds": 200 / 3,
    "three quarters": 75.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
    "two fifths": 40.0,
    "three fifths": 60.0,
    "four fifths": 80.0,
    "a tenth": 10.0,
    "three tenths": 30.0,
    "seven tenths": 70.0,
    "nine tenths": 90.0,
    "one tenth": 10.0,
    "a sixth": 100 / 6,
    "one sixth": 100 / 6,
    "an eighth": 12.5,
    "one eighth": 12.5,
    "a twentieth": 5.0,
    "one twentieth": 5.0,
}
# each written with a space or a hyphen ("three-quarters")
_FRACTION_WORDS = "|".join(
    w.replace(" ", "[ -]") for w in sorted(_FRACTIONS, key=len, reverse=True)
)

# "ninety-three", "twenty five": a tens word and a units word, read as one number.
_COMPOUND = rf"(?:{'|'.join(_TENS_WORDS)})[- ](?:{'|'.join(_UNITS_WORDS)})\b"
_BELOW_HUNDRED = "|".join(
    sorted((w for w, n in _WORDS.items() if n < 100 and " " not in w), key=len, reverse=True)
)
# "three hundred patients", "one hundred and eighteen", "two hundred fifty-five"
_HUNDREDS = (
    rf"(?:{'|'.join(_UNITS_WORDS)}) hundred(?:(?: and)? (?:{_COMPOUND}|(?:{_BELOW_HUNDRED})\b))?"
)
_NUM = (
    rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|{_COMPOUND}|{_HUNDREDS}|"
    + "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
    + r")"
)
# Any number: digits (with thousands' commas and decimals) or words.
NUMBER = _NUM
# The words of a number (for a quick test of whether a text may hold one).
WORDS = "|".join(sorted(_WORDS, key=len, reverse=True))
FRACTIONS = _FRACTION_WORDS  # a fraction's words, each with a space or a hyphen


def value(text: str) -> tuple[float, float]:
    """A written number and its precision (the step of its last written digit)."""
    word = _WORDS.get(text.lower())
    if word is not None:
        return float(word), 1.0
    hundreds, found, rest = text.lower().partition(" hundred")
    if found and hundreds in _UNITS_WORDS:
        rest = rest.strip().removeprefix("and ").strip()
        more, step = value(rest) if rest else (0.0, 100.0)
        return 100 * (_UNITS_WORDS.index(hundreds) + 1) + more, step
    tens, _, unit = text.lower().replace("-", " ").partition(" ")
    if tens in _TENS_WORDS and unit in _UNITS_WORDS:
        return float(_TENS_WORDS[tens] + _UNITS_WORDS.index(unit) + 1), 1.0
    digits = text.replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return float(digits), 10.0**-decimals


def share(words: str) -> float:
    """The percentage a fraction in words is ("three-quarters": 75)."""
    return _FRACTIONS[words.lower().replace("-", " ")]
