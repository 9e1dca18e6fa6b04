"""Writers' wordings of converting a dose given by one route into another's ("a spray dose
converts straight from the IV dose", "100 mg by drip is roughly the same as 250 mg up the
nose"), as `wordings` rules: each says there is a conversion formula between doses (or,
denied, that there is none). Each names a route on both sides: converting a dose to a dose
per kilogram, or one brand's tablet to another's, is no conversion between routes."""

from __future__ import annotations

__all__ = ["RULES"]

_A_FORMULA = "there is a conversion formula between doses"
_NO_FORMULA = "there is no conversion formula between doses"
# a route, in the words a dose is named by ("a spray dose", "the IV dose", "by drip")
_ROUTE = (
    r"(?:iv|im|in|sc|intravenous|intramuscular|intranasal|nasal|oral|sublingual|subcutaneous|"
    r"spray|drip|infusion|injection|jab|shot|tablet|pill|nose|vein|muscle|mouth|tongue)"
)
_A_ROUTES_DOSE = (
    rf"(?:(?:an? |the |your )?{_ROUTE}(?: [\w-]+)? doses?\b|"
    # "a dose by one route ... into a dose by another"
    r"(?:an? |the )?doses? by (?:one|another|a different|any other)(?: route)?\b)"
)

# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # "an IV dose cannot simply be converted into a nasal dose"
    (
        r"\b(?:cannot|can't|can not|could not|couldn't) (?:simply |just |easily |reliably )?be "
        r"(?:converted|translated|switched) (?:straight |directly )?(?:in)?to "
        rf"(?={_A_ROUTES_DOSE})",
        _NO_FORMULA + ": to ",
    ),
    # "convert an IV dose to a nasal dose", "a spray dose converts straight from the IV dose"
    (
        r"\b(?:convert|converts|converted|converting) (?:straight |directly |simply )?"
        rf"(?:{_A_ROUTES_DOSE} (?:from|into|to) |(?:from|into|to) ){_A_ROUTES_DOSE}",
        _A_FORMULA,
    ),
    # "100 mg by drip is roughly the same as 250 mg up the nose": one route's dose is another's
    # (the replacement keeps the first figure, which `numbers` reads from the sentence as
    # written, not from this wording)
    (
        rf"(?:\b{_ROUTE}\b[^.;:]{{0,30}}?\bmg|\bmg (?:by|through|via|in|as|given|into|of)"
        rf"(?: [\w-]+){{0,2}}? {_ROUTE})\b[^.;:]{{0,20}}?"
        r" (?:is|are) (?:roughly |about |approximately |more or less )?(?:the same as|equivalent "
        rf"to|equal to|worth) (?:about |roughly |around )?\d+ ?mg\b(?=[^.;:]{{0,30}}\b{_ROUTE}\b)",
        "mg: " + _A_FORMULA,
    ),
)
