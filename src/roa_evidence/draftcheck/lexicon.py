"""Writers' wordings, rewritten into the words claims use, before a sentence is compared.

"switched off straight away" is "shut off instantly", "make your heart race" is
"cause tachycardia", "poorly absorbed" is "low bioavailability", "outperformed" is
"better than", "ineffective" is "not effective", "faded" is "was not sustained". Both a
sentence and each claim's statement go through the same rewriting, so a rule can only
bring wordings together. The rules themselves are in `wordings`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .firstchars import compiled
from .wordings import RULES as _RULES

__all__ = ["COMMON", "canonical", "literals", "rule_words", "stems"]


def literals(pattern: str) -> tuple[str, ...]:
    """The words of three letters or more written in a pattern (a letter made optional by
    `?` left out): a text the pattern matches holds at least one of them. Testing for them
    is far cheaper than running the pattern, so a rule runs only where one is found."""
    plain = re.sub(r"\\[A-Za-z]|[A-Za-z]\?", " ", pattern).lower()
    return tuple(dict.fromkeys(re.findall(r"[a-z]{3,}", plain)))


_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=65536)
def stems(text: str) -> frozenset[str]:
    """Every beginning, of three letters or more, of every word in `text` (lower case): a
    pattern can match only where one of its `literals` is among them, as each begins a
    word ("wear" in "wears", "outperform" in "outperformed")."""
    return frozenset(w[:k] for w in _WORD.findall(text.lower()) for k in range(3, len(w) + 1))


# A pattern opening on a plain alternation ("\b(?:costs?|costing) ...") matches only where
# one of its choices is written, each word of it: the longest word of each choice tells
# whether to try it, not every word of what may follow ("more", "patients").
_OPENING = re.compile(r"\\b\(\?:([a-z?| ]+)\)(?![?*])")

# (the words that lead to the rule, the words it is tried on, pattern, replacement)
Rule = tuple[frozenset[str], frozenset[str], re.Pattern[str], str]


def _tried_on(pattern: str) -> frozenset[str]:
    # an opening counts only where the whole pattern hangs on it: "\b(?:a|b) x|\by z" may
    # match by its second branch, with neither "a" nor "b" written
    opening = _OPENING.match(pattern) if not _branches(pattern) else None
    each = [literals(word) for word in opening.group(1).split("|")] if opening else []
    if each and all(each):
        return frozenset(max(words, key=lambda w: (w not in COMMON, len(w))) for words in each)
    # every rule's text holds a telling word ("myth", "liver", "receptor"): the common ones
    # ("the", "that") would have it run on nearly every sentence
    return _telling(frozenset(literals(pattern)))


def _branches(pattern: str) -> bool:
    """Whether a pattern has alternatives at its top level (a `|` outside every group)."""
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


@lru_cache(maxsize=1)
def _compiled() -> tuple[Rule, ...]:
    return tuple((frozenset(literals(p)), _tried_on(p), compiled(p, re.I), r) for p, r in _RULES)


# Words too common to tell whether a rule may apply (each rule has others it needs).
COMMON = frozenset(
    [
        "the",
        "was",
        "were",
        "are",
        "not",
        "did",
        "does",
        "can",
        "may",
        "and",
        "that",
        "your",
        "into",
        "get",
        "off",
        "for",
        "after",
        "within",
        "any",
        "more",
        "less",
        "than",
        "just",
        "about",
        "around",
        "over",
        "use",
        "give",
        "made",
        "make",
        "makes",
        "say",
        "once",
        "right",
        "fast",
        "first",
        "take",
        "took",
    ]
)


def rule_words() -> frozenset[str]:
    """Words one of which a sentence needs for some rule to apply (a rule's own words, the
    common ones aside when it has others)."""
    found: set[str] = set()
    for words, _, _, _ in _compiled():
        found |= _telling(words)
    return frozenset(found)


def _telling(words: frozenset[str]) -> frozenset[str]:
    """The words that are not common, unless all of them are."""
    return words - COMMON or words


@lru_cache(maxsize=65536)
def canonical(text: str) -> str:
    """`text` with writers' wordings replaced by the words claims use."""
    rules = _compiled()
    due = _due(stems(text))
    at = 0
    while at < len(due):
        index = due[at]
        _, _, pattern, replacement = rules[index]
        rewritten = pattern.sub(replacement, text)
        at += 1
        if rewritten != text:
            # the words have changed: a later rule may now be due, or no longer
            text, due, at = rewritten, [i for i in _due(stems(rewritten)) if i > index], 0
    return text


def _due(present: frozenset[str]) -> list[int]:
    """The rules, in order, to try on a text holding the word beginnings `present`: one set
    intersection and a look-up per word found, not a test per rule (most sentences hold
    none of their words)."""
    always, by_word = _by_word()
    return sorted(always.union(*(by_word[w] for w in present & by_word.keys())))


@lru_cache(maxsize=1)
def _by_word() -> tuple[frozenset[int], dict[str, frozenset[int]]]:
    """The rules tried on every text, and for each word the rules it leads to."""
    always: set[int] = set()
    by_word: dict[str, set[int]] = {}
    for index, (_, words, _, _) in enumerate(_compiled()):
        if not words:
            always.add(index)
        for word in words:
            by_word.setdefault(word, set()).add(index)
    return frozenset(always), {w: frozenset(r) for w, r in by_word.items()}
