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
from re import _constants as _op  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from .firstchars import compiled
from .wordings import RULES as _RULES

__all__ = ["COMMON", "canonical", "literals", "rule_words", "stems"]


def literals(pattern: str) -> tuple[str, ...]:
    """The words of three letters or more written in a pattern (a letter made optional by
    `?` left out): a text a plain list of words ("costs?|costing") matches holds at least
    one of them, and testing for them is far cheaper than running it. (A rule with optional
    words and short choices needs more care: `_tried_on`.)"""
    plain = re.sub(r"\\[A-Za-z]|[A-Za-z]\?", " ", pattern).lower()
    return tuple(dict.fromkeys(re.findall(r"[a-z]{3,}", plain)))


_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=65536)
def stems(text: str) -> frozenset[str]:
    """Every beginning, of three letters or more, of every word in `text` (lower case): a
    pattern can match only where one of its `literals` is among them, as each begins a
    word ("wear" in "wears", "outperform" in "outperformed")."""
    return frozenset(w[:k] for w in _WORD.findall(text.lower()) for k in range(3, len(w) + 1))


# (the words that lead to the rule, the words it is tried on, pattern, replacement)
Rule = tuple[frozenset[str], frozenset[str], re.Pattern[str], str]


# A rule is run only on a text holding a word it is tried on. Read from the pattern's parse
# (as `firstchars` reads its first characters), not its text: a word in an optional group
# ("(?:real )?") or in one choice of several ("little" in "(?:no|little)") is not needed,
# and a rule tried on it alone would never run on "no use for".
_REPEATS = (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT)
_STARTS = (_op.AT_BEGINNING, _op.AT_BEGINNING_STRING, _op.AT_BOUNDARY)


def _tried_on(pattern: str) -> frozenset[str]:
    """Word beginnings one of which every text the pattern matches holds (as `stems`
    gives them), read from its parse: the words a match cannot do without, the telling ones
    where a match needs one; empty where no word is needed."""
    needed, _ = _needed(_parser.parse(pattern, re.I), "")
    return needed or frozenset()


_NO_LETTERS = (_op.CATEGORY_NOT_WORD, _op.CATEGORY_SPACE, _op.CATEGORY_DIGIT)


def _letterless(members: Any) -> bool:
    """Whether a class ("\\W", "\\s", "[-,]") holds no letter: a word begins after it."""
    return all(
        (kind is _op.LITERAL and not chr(value).isalpha())
        or (kind is _op.CATEGORY and value in _NO_LETTERS)
        for kind, value in members
    )


def _needed(items: Any, run: str | None) -> tuple[frozenset[str] | None, str | None]:
    """The best set of words one of which a sequence's matches hold, and the letters of the
    word it ends in (`run`: those since a word began; None where that is not known)."""
    found: list[frozenset[str]] = []

    def close() -> None:
        if run is not None and len(run) >= 3:
            found.append(frozenset([run]))

    for op, arg in items:
        if op is _op.LITERAL and chr(arg).isascii() and chr(arg).isalpha():
            run = run + chr(arg).lower() if run is not None else None
            continue
        close()
        if op is _op.LITERAL or (op is _op.AT and arg in _STARTS):
            run = ""  # a space, a hyphen, a word's edge: a word begins after it
        elif op is _op.SUBPATTERN or op is _op.ATOMIC_GROUP:
            inner, run = _needed(arg[3] if op is _op.SUBPATTERN else arg, run)
            found += [inner] if inner else []
        elif op is _op.BRANCH:
            each = [_needed(branch, run) for branch in arg[1]]
            if all(needed for needed, _ in each):
                found.append(frozenset().union(*(needed or () for needed, _ in each)))
            ends = {end for _, end in each}
            run = ends.pop() if len(ends) == 1 else None
        elif op in _REPEATS:
            low, _, inner = arg
            needed, end = _needed(inner, run)
            found += [needed] if needed and low >= 1 else []
            # "(?:left )?" or "\\W*" at a word's beginning leaves one there, read or not
            run = end if low >= 1 or end == run else None
        elif op is _op.IN and _letterless(arg):
            run = ""
        elif op is _op.ASSERT and arg[0] == 1:  # "(?=...)": read ahead, all the same needed
            ahead, _ = _needed(arg[1], run)
            found += [ahead] if ahead else []
        elif op in (_op.ASSERT, _op.ASSERT_NOT) or op is _op.AT:
            continue  # reads nothing: the word goes on
        else:
            run = None  # a class, any character: which letters are unknown
    close()
    # the first list of choices a sequence needs ("\b(?:costs?|costing) ...") tells whether
    # to try it, as the rule is written around it; else any telling word it needs will do
    telling = [words for words in found if not words & COMMON]
    choices = [words for words in telling if len(words) > 1]
    if telling:
        return (choices[0] if choices else frozenset().union(*telling)), run
    return min(found, key=len, default=None), run


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
