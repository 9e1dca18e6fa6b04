"""Writers' ways of denying what a claim says without a plain "not" on its verb ("has
nothing to do with NMDA receptors", "has no effect on depression"), as `wordings` rules;
kept apart from `wordings` for size, `wordings.RULES` holds them in place."""

from __future__ import annotations

__all__ = ["RULES"]

# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # "has nothing to do with NMDA receptors": it does not act on them
    (
        r"\b(?:has|have|had) (?:absolutely )?nothing to do with (?:the )?(?:brain's )?"
        r"(?=[\w-]+ receptors?\b)",
        "does not act on ",
    ),
    # "has no effect on depression": not effective for it
    (
        r"\b(?:has|have|had) (?:no|little) (?:real |measurable |meaningful |noticeable )?"
        r"effect on\b",
        "is not effective for",
    ),
)
