"""Writers' wordings of converting a dose given by one route into another's ("a spray dose
converts straight from the IV dose", "100 mg by drip is roughly the same as 250 mg up the
nose", "a fixed multiplier"), as `wordings` rules: each says there is a conversion formula
between doses (or, denied, that there is none)."""

from __future__ import annotations

__all__ = ["RULES"]

_A_FORMULA = "there is a conversion formula between doses"
_NO_FORMULA = "there is no conversion formula between doses"
_DOSE = r"(?:an? |the |your )?(?:[\w-]+ ){0,2}doses?\b"

# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # "cannot simply be converted into an IM dose", "can't be translated straight across"
    (
        r"\b(?:cannot|can't|can not|could not|couldn't) (?:simply |just |easily |reliably )?be "
        r"(?:converted|translated|switched) (?:straight |directly )?(?:in)?to\b",
        _NO_FORMULA + " to",
    ),
    # "converts straight from the IV dose", "convert an IV dose to a nasal dose"
    (
        rf"\b(?:convert|converts|converted|converting) (?:straight |directly |simply )?"
        rf"(?:{_DOSE} )?(?:from|into|to) {_DOSE}",
        _A_FORMULA,
    ),
    # "the conversion is simple", "a fixed multiplier", "a standard conversion factor"
    (
        r"\bthe conversion (?:is|was) (?:simple|easy|straightforward|a simple one)\b|"
        r"\b(?:an? |the )?(?:fixed |simple |standard |set )?(?:multiplier|conversion "
        r"(?:factor|ratio|chart|table))\b",
        _A_FORMULA,
    ),
    # "100 mg by drip is roughly the same as 250 mg up the nose": one route's dose is another's
    (
        r"\bmg\b[^.;:]{0,30}\b(?:is|are) (?:roughly |about |approximately |more or less )?"
        r"(?:the same as|equivalent to|equal to|worth) (?:about |roughly |around )?\d+ ?mg\b",
        "mg: " + _A_FORMULA,
    ),
)
