"""LaTeX to plain text, for the bibliographic fields people read.

Decoding is the expensive part of reading BibTeX (measured: bench/README.md), so a
string without a backslash only loses its protective braces, and every
decoded string is memoised: bibliographies repeat names and journal titles.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_LIGATURES = (
    ("---", "\u2014"),
    ("--", "\u2013"),
    ("``", "\u201c"),
    ("''", "\u201d"),
    ("~", "\u00a0"),
)
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65_536)
def latex_to_text(value: str) -> str:
    """`M{\\"u}ller -- {IV}` -> `Müller – IV`, whitespace collapsed."""
    if "\\" in value or "$" in value:
        words = _words(value)
        if words is None:
            text = str(_decoder().latex_to_text(value))
        else:  # decode word by word: names and title words repeat, so the memo hits
            text = " ".join(filter(None, map(_latex_word, words)))
    else:
        text = value.replace("{", "").replace("}", "")
        for latex, char in _LIGATURES:
            text = text.replace(latex, char)
    return _SPACES.sub(" ", text).strip()


# Splitting at spaces is only safe when no command could take the next word as its
# argument (`\\c c`, `\\em text`), and there is no math or comment.
_SPLIT_UNSAFE = re.compile(r"\$|%|\\[a-zA-Z]+(?:\s|$)|\\\s")


def _words(value: str) -> list[str] | None:
    """`value` split at spaces outside braces, or None when that could change its meaning."""
    if _SPLIT_UNSAFE.search(value):
        return None
    words: list[str] = []
    depth = start = 0
    for i, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char in " \t\n\r":
            if i > start:
                words.append(value[start:i])
            start = i + 1
    words.append(value[start:])
    return words if depth == 0 and len(words) > 1 else None


@lru_cache(maxsize=65_536)
def _latex_word(word: str) -> str:
    return _SPACES.sub(" ", str(_decoder().latex_to_text(word))).strip()


@lru_cache(maxsize=1)
def _decoder() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text  # imported only when a field needs it

    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
