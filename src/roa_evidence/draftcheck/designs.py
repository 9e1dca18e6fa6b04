"""What a sentence says a study's design was, term by term, each in its family: "open-label"
and "double-blind" both speak of blinding, but one does not vouch for the other."""

from __future__ import annotations

import re

__all__ = ["families", "terms"]

_TERMS = {
    # "patients and raters were both blinded" is double-blind in other words
    "double-blind": (
        "blinding",
        r"\b(?:double|triple)[- ]?blind(?:ed)?\b|\b(?:patients|participants|subjects) and "
        r"(?:the )?(?:raters|assessors|investigators|clinicians|doctors|staff) (?:were )?"
        r"(?:both )?blind(?:ed)?\b",
    ),
    "single-blind": ("blinding", r"\bsingle[- ]?blind(?:ed)?\b"),
    "open-label": ("blinding", r"\b(?:open[- ]label|unblinded|non-?blinded|unmasked)\b"),
    "blinded": ("blinding", r"(?<![\w-])blinded\b"),
    "randomised": ("randomisation", r"(?<![\w-])randomi[sz](?:ed|ation)\b"),
    "non-randomised": ("randomisation", r"\bnon-?randomi[sz](?:ed|ation)\b"),
    "placebo": ("placebo", r"\bplacebo\b"),
    "crossover": ("crossover", r"\bcross-?over\b"),
}
_PATTERNS = {t: (family, re.compile(p, re.I)) for t, (family, p) in _TERMS.items()}
_WORDS = ("blind", "label", "random", "placebo", "cross", "mask")


def terms(text: str) -> frozenset[str]:
    """The design terms a text states ("double-blind", "open-label", "crossover"...)."""
    lowered = text.lower()
    if not any(word in lowered for word in _WORDS):  # most texts: no pattern is run
        return frozenset()
    return frozenset(t for t, (_, pattern) in _PATTERNS.items() if pattern.search(text))


def families(stated: frozenset[str]) -> frozenset[str]:
    """The families of design terms: blinding, randomisation, placebo, crossover."""
    return frozenset(_PATTERNS[t][0] for t in stated)
