"""The one Markdown escaper: text made safe inside a Markdown table cell or line.

Two outputs already ship and their bytes are kept, so the escaper has two styles that
share one table (backslash before `\\ ` * _ [ ] |`, `&` as `&amp;`) and differ only
where the shipped outputs differ (a statement such as "IM <b>rarely</b> # 1" reaches both):

- "entities" (the Summary-of-Findings exports): `<` and `>` as HTML entities, `#` kept,
  each line break or tab a space, the ends trimmed;
- "backslashes" (conflicts, compare and map as Markdown): `<`, `>` and `#` backslashed,
  every run of whitespace one space.
"""

from __future__ import annotations

from typing import Literal

Style = Literal["entities", "backslashes"]

_SHARED = {char: f"\\{char}" for char in "\\`*_[]|"} | {"&": "&amp;"}
_TABLES = {
    "entities": str.maketrans(
        _SHARED | {"<": "&lt;", ">": "&gt;", "\n": " ", "\r": " ", "\t": " "}
    ),
    "backslashes": str.maketrans(_SHARED | {char: f"\\{char}" for char in "#<>"}),
}


def md_escape(value: object, style: Style = "backslashes") -> str:
    """`value` as text safe inside a Markdown table cell: no pipe, markup or HTML takes
    effect, and it stays on one line. None is the empty string."""
    if value is None:
        return ""
    if style == "entities":
        return str(value).translate(_TABLES["entities"]).strip()
    return " ".join(str(value).split()).translate(_TABLES["backslashes"])
