"""What a sentence says a study's design was, term by term, each in its family: "open-label"
and "double-blind" both speak of blinding, but one does not vouch for the other."""

from __future__ import annotations

import re

__all__ = ["denies_open_label", "families", "says_unblinded", "terms"]

_OPEN_LABEL = r"\b(?:open[- ]label(?:led)?|unblinded|non-?blinded|unmasked)\b"
_TERMS = {
    # "patients and raters were both blinded" is double-blind in other words
    "double-blind": (
        "blinding",
        r"\b(?:double|triple)[- ]?blind(?:ed)?\b|\b(?:patients|participants|subjects) and "
        r"(?:the )?(?:raters|assessors|investigators|clinicians|doctors|staff) (?:were )?"
        r"(?:both )?blind(?:ed)?\b",
    ),
    "single-blind": ("blinding", r"\bsingle[- ]?blind(?:ed)?\b"),
    "open-label": ("blinding", _OPEN_LABEL),
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


# "nobody was blinded", "without any blinding": open-label in other words
_UNBLINDED = re.compile(
    rf"{_OPEN_LABEL}|\b(?:without|no|nobody|no one|none)\b(?:\s+[\w-]+){{0,3}}?\s+"
    r"(?:blind|mask)",
    re.I,
)
_NOT_OPEN_LABEL = re.compile(rf"\b(?:not|n't|never)\s+(?:an?\s+)?{_OPEN_LABEL}", re.I)


def says_unblinded(text: str) -> bool:
    """Whether a text says a study was open-label, in any words."""
    return bool(_UNBLINDED.search(text))


def denies_open_label(text: str) -> bool:
    """Whether a text says a study was not open-label ("it was not open-label")."""
    return bool(_NOT_OPEN_LABEL.search(text))
