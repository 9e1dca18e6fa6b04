"""Writers' wordings of how much each puff of a nasal spray delivers, and whether that
depends on who made the pump ("how much liquid each puff delivers", "the same whichever
company made the pump"), as `wordings` rules; `absorption.RULES` holds them in place."""

from __future__ import annotations

__all__ = ["RULES"]

# (pattern, replacement), applied in order, case-insensitively
RULES: tuple[tuple[str, str], ...] = (
    # "how much liquid each puff delivers depends on who made the pump": the spray's volume
    (
        r"\bhow much (?:liquid|fluid|solution) (?:each|every|one|a single) "
        r"(?:puff|spray|squirt|pump)(?: of (?:a|the) spray)? (?:delivers|gives|contains|"
        r"puts out|holds)\b",
        "the volume of each spray",
    ),
    # "the amount in each puff is the same whichever company made the pump": it does not
    (
        r"\b(?:the (?:amount|volume|dose) (?:in|from|delivered by) (?:each|every) (?:puff|press|"
        r"spray|squirt)(?: of the pump)?|each (?:puff|press|spray|squirt)(?: of the pump)? "
        r"delivers) (?:is |exactly )?(?:exactly |just )?the same (?:amount )?(?:whichever|"
        r"whatever|no matter (?:which|what)|regardless of(?: which| the)?) (?:company|make|maker|"
        r"manufacturer|brand)\b",
        "the volume of each spray does not depend on the spray pump's manufacturer",
    ),
    (
        r"\bdepends? on (?:who|which company|the company that|the firm that) (?:made|makes|"
        r"manufactured|manufactures) (?:the |your )?(?:pump|device|bottle|spray|sprayer)\b",
        "depends on the spray pump's manufacturer",
    ),
)
