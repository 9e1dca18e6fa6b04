"""How a certainty is shown: its label, GRADE symbols, terminal style and report colours.

One table per medium, keyed by the certainties in `vocab.CERTAINTIES`, so the report,
the views and the CLI renderers cannot drift apart. This module holds no rich or HTML
objects: a style is rich's style string, a colour a CSS colour.
"""

from __future__ import annotations

from .vocab import CERTAINTY_OF_LEVEL, NOT_GRADED

__all__ = [
    "COLOUR",
    "INK",
    "LABEL",
    "STYLE",
    "SYMBOL",
    "label",
    "level_label",
]

LABEL: dict[str, str] = {
    "high": "high",
    "moderate": "moderate",
    "low": "low",
    "very_low": "very low",
    "none": "none",
}
# GRADE's circles: one filled per level reached.
SYMBOL: dict[str, str] = {
    "high": "\u2295\u2295\u2295\u2295",
    "moderate": "\u2295\u2295\u2295\u25ef",
    "low": "\u2295\u2295\u25ef\u25ef",
    "very_low": "\u2295\u25ef\u25ef\u25ef",
    "none": "\u25ef\u25ef\u25ef\u25ef",
}
# rich styles for the terminal.
STYLE: dict[str, str] = {
    "high": "bold green",
    "moderate": "green",
    "low": "yellow",
    "very_low": "red",
    "none": "dim red",
}
# The report's fill colours (a diverging green-to-red scale) and the text drawn on each.
COLOUR: dict[str, str] = {
    "high": "#1b7837",
    "moderate": "#7fbc41",
    "low": "#fdb863",
    "very_low": "#d6604d",
    "none": "#bababa",
}
INK: dict[str, str] = {
    "high": "#fff",
    "moderate": "#102a10",
    "low": "#3a2400",
    "very_low": "#fff",
    "none": "#222",
}


def label(certainty: str | None) -> str:
    """A certainty for people: `very low`; `not graded` for a description or definition."""
    return NOT_GRADED if certainty is None else certainty.replace("_", " ")


def level_label(level: int) -> str:
    """The certainty a derivation has reached at `level`, clamped to 0 (none) ... 4 (high)."""
    return LABEL[CERTAINTY_OF_LEVEL.get(max(0, min(4, level)), "none")]
