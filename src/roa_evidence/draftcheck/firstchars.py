"""Patterns that rule out at once the places where no match can begin.

`re` tries a pattern at every place in a text, and a case-insensitive one opening on a
long alternation ("\\b(?:more convenient|less convenient|...)") tries each choice there,
however unlike the text's next character. Read from the pattern, the characters a match
can begin with go into a lookahead in front of it: any other place fails on one test.
What the pattern matches is unchanged; checking a draft takes about a fifth less time.
"""

from __future__ import annotations

import re

# No public API reads a pattern's structure; these are what `re.compile` itself uses.
from re import _constants as _op  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["compiled"]

# The classes of characters a pattern may open on, as written in a class.
_CATEGORIES = {
    _op.CATEGORY_DIGIT: r"\d",
    _op.CATEGORY_NOT_DIGIT: r"\D",
    _op.CATEGORY_SPACE: r"\s",
    _op.CATEGORY_NOT_SPACE: r"\S",
    _op.CATEGORY_WORD: r"\w",
    _op.CATEGORY_NOT_WORD: r"\W",
}
_BROAD = frozenset({r"\w", r"\W", r"\s", r"\S", r"\D"})
# Where a text, or a line, begins: a choice opening on one is tried there and nowhere else.
_ANCHORS = {_op.AT_BEGINNING: "^", _op.AT_BEGINNING_STRING: r"\A"}


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, with a lookahead for the characters a match can begin
    with (or where the text begins, for a choice opening on `^`); the pattern as it is where
    they cannot be told (it may match an empty text, or open on `.` or `[^...]`)."""
    parsed = _parser.parse(pattern, flags)
    first, empty = _first(parsed)
    if first is None or empty or flags & re.VERBOSE:  # (a comment would end the pattern)
        return re.compile(pattern, flags)
    anchors = sorted(first & set(_ANCHORS.values()))
    chars = "".join(sorted(first - set(anchors)))
    # opening on "^" alone, `re` tries it at the start only; on a character or a class, it
    # tests that first (and skips to it); a space or any word character rules out too few
    if not chars or _opens_on_a_character(parsed) or first & _BROAD:
        return re.compile(pattern, flags)
    opening = f"(?:(?=[{chars}])|{'|'.join(anchors)})" if anchors else f"(?=[{chars}])"
    try:
        return re.compile(f"{opening}(?:{pattern})", flags)
    except re.error:  # a flag for the whole pattern ("(?x)...") must open it
        return re.compile(pattern, flags)


def _opens_on_a_character(items: Any) -> bool:
    """Whether a pattern's first item reads a character ("(", "[,;]", " than")."""
    while items and items[0][0] is _op.SUBPATTERN:
        items = items[0][1][3]
    return bool(items) and items[0][0] in (_op.LITERAL, _op.IN)


def _first(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a sequence of parsed items can begin with, as written in a class
    ("a", "\\d", "0-9"; None: any), and whether it may match nothing."""
    found: set[str] = set()
    for op, arg in items:
        first, empty = _first_of(op, arg)
        if first is None:
            return None, False
        found |= first
        if not empty:
            return found, False
    return found, True


def _first_of(op: Any, arg: Any) -> tuple[set[str] | None, bool]:
    if op is _op.LITERAL:
        return {re.escape(chr(arg))}, False
    if op is _op.IN:
        return _class(arg), False
    if op is _op.SUBPATTERN:
        _, added, _, body = arg
        # a part made case-insensitive ("(?i:...)"): its letters in either case
        return (None, False) if added & re.IGNORECASE else _first(body)
    if op is _op.BRANCH:
        found: set[str] = set()
        empty = False
        for branch in arg[1]:
            first, may_be_empty = _first(branch)
            if first is None:
                return None, False
            found |= first
            empty = empty or may_be_empty
        return found, empty
    if op in (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT):
        least, _, body = arg
        first, empty = _first(body)
        return first, empty or least == 0
    if op is _op.AT and arg in _ANCHORS:
        return {_ANCHORS[arg]}, False
    if op in (_op.AT, _op.ASSERT, _op.ASSERT_NOT):
        return set(), True  # "\b", "$", "(?<!at )": tested in place, nothing read
    return None, False  # ".", a back-reference, a conditional: any character


def _class(items: Any) -> set[str] | None:
    """A class's characters, as written in one ("-", "a-z", "\\d"); None for a
    negated one ("[^.;]")."""
    chars: set[str] = set()
    for op, arg in items:
        if op is _op.LITERAL:
            chars.add(re.escape(chr(arg)))
        elif op is _op.RANGE:
            chars.add(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif op is _op.CATEGORY and arg in _CATEGORIES:
            chars.add(_CATEGORIES[arg])
        else:
            return None
    return chars
