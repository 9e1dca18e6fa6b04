"""LaTeX to plain text, for the bibliographic fields people read.

Decoding is the expensive part of reading BibTeX (performance-notes.md), so a
string without a backslash only loses its protective braces, and every
decoded string is memoised: bibliographies repeat names and journal titles.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_LIGATURES = (("---", "\u2014"), ("--", "\u2013"), ("~", "\u00a0"))
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65_536)
def latex_to_text(value: str) -> str:
    """`M{\\"u}ller -- {IV}` -> `Müller – IV`, whitespace collapsed."""
    if "\\" in value or "$" in value:
        text = str(_decoder().latex_to_text(value))
    else:
        text = value.replace("{", "").replace("}", "")
        for latex, char in _LIGATURES:
            text = text.replace(latex, char)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _decoder() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text  # imported only when a field needs it

    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
