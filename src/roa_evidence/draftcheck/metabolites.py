"""Writers' wordings of what the liver makes of a dose, its metabolites, and whether they
outweigh the drug itself ("breakdown products", "mostly by-products rather than ketamine"),
as `wordings` rules; `absorption.RULES` holds them in place, as order matters."""

from __future__ import annotations

__all__ = ["RULES"]

# (pattern, replacement), applied in order, case-insensitively
RULES: tuple[tuple[str, str], ...] = (
    # (not a factory's: "manufacturing by-products")
    (
        r"\b(?:breakdown|break-down|degradation) products?\b|"
        r"(?<!manufacturing )(?<!production )(?<!industrial )(?<!cutting )\bby-?products?\b",
        "metabolites",
    ),
    # the drug said to outweigh what the liver makes of it: the claim's contrary
    (
        r"\b(?:ketamine|the drug)(?: itself)? (?:far |easily |still )?(?:outweighs|"
        r"outnumbers) (?:its |the )?metabolites\b",
        "ketamine is not outweighed by metabolites",
    ),
    (
        r"\b(?:with )?(?:barely|hardly|scarcely|almost|virtually) (?:any|no) metabolites"
        r"(?: (?:at all|to speak of|tagging along|alongside|with it))?",
        "so ketamine is not outweighed by metabolites",
    ),
    # "swamped by metabolites", "far more metabolites than ketamine", "mostly metabolites"
    (
        r"\b(?:swamped|dwarfed|outnumbered|overwhelmed|outweighed) by\b",
        "outweighed by",
    ),
    (
        r"\b(?:far |much |many times |way )?more (?:of the )?metabolites than (?:actual )?"
        r"(?:ketamine|the drug|the parent drug)(?: itself)?\b|"
        r"\b(?:mostly|overwhelmingly|largely|mainly|predominantly) metabolites\b|"
        r"\bmetabolites rather than (?:ketamine|the drug)(?: itself)?\b",
        "metabolites outweighing ketamine",
    ),
    (
        r"\b(?:outnumbers?|outnumbered|outnumbering|swamps?|swamped|dwarfs?|dwarfed|"
        r"far exceeds?|far exceeded)\b",
        "outweighs",
    ),
)
