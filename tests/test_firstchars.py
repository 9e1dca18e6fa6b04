"""A pattern with its first characters looked ahead for matches exactly what it did."""

from __future__ import annotations

import re

import pytest

from roa_evidence.draftcheck.firstchars import compiled

TEXTS = [
    "IV ketamine is faster than IM, not slower; about 40 min (range 30-50).",
    "KETAMINE Is Safer Than A Drip. no, it isn't.",
    "\u212aetamine \u017fpray \u0130V: the Kelvin sign, a long s and a dotted I fold to k, s, i.",
    "",
    "  \u2013 \u2014 nasal-spray, under the tongue",
    "\u0663\u0660 min in Arabic-Indic digits, 30 min in ours",
    "  Nor this.\nno, not that\n- NO ketamine",
]
PATTERNS = [
    (r"\b(?:faster|slower|safer) than\b", re.I),
    (r"(?<!at )\b(?:ketamine|spray|iv)\b", re.I),
    (r"(?:(?-i:IV|IM)|\b(?:nasal|oral))\s*", re.I),
    (r"[-\u2013\u2014]\s*\w+", 0),
    (r"\bno\b|n't\b|^\W*nor\b", re.I),
    (r"(?i:safer) than", 0),
    (r",?\s*$", 0),
    (r"\d+(?:\.\d+)?\s*(?:min|%)", 0),
    (r"\b(?:\d|one|two)\b|\W\s*no\b", re.I),
    (r"^\W*nor\b|\bno\b|\A\W*KETAMINE", re.I),
    (r"^\s*no\b|\bthe\b", re.I | re.M),
]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_matches_as_the_plain_pattern(pattern: str, flags: int) -> None:
    plain, fast = re.compile(pattern, flags), compiled(pattern, flags)
    for text in TEXTS:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert fast.sub("#", text) == plain.sub("#", text)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r",?\s*$", 0),
        (r".+ than", 0),
        (r"[^,]+ than", 0),
        (r"(?i:safer) than", 0),
        (r"(?i)safer than", 0),
        (r"^\W*(?:no|nope)\s*,", re.I),
        (r"\([^()]{0,80}\)", 0),
        (r"\s+than\b", re.I),
        (r"\b([\w-]+) receptors?", re.I),
    ],
)
def test_left_as_it_is_where_a_lookahead_would_rule_out_nothing_more(
    pattern: str, flags: int
) -> None:
    # it may match nothing; opens on any character, a class as wide as any word character or
    # space, or where the text begins (tried there only); opens on a character `re` tests
    # first anyway; turns case-insensitive inside, or sets a flag that must open it
    assert compiled(pattern, flags).pattern == pattern


def test_looks_ahead_for_the_letters_a_match_begins_with() -> None:
    assert compiled(r"\b(?:faster|slower) than\b", re.I).pattern.startswith("(?=[fs])")
    assert compiled(r"\d|\bone\b", re.I).pattern.startswith(r"(?=[\do])")
    assert compiled(r"^\W*nor\b|\bno\b", re.I).pattern.startswith(r"(?:(?=[n])|^)")
