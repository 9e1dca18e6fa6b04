"""How wide a table needs to be so that no word, id or key is split, and wrapping on
words for piped records.

A table is drawn only where every column but its free-text ones fits on one line and
each free-text column has room for its longest word; elsewhere the caller stacks it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

# A free-text column narrower than this reads as a column of fragments.
MIN_FREE = 24
# What rich adds around each column of these tables: padding and the separator.
_COLUMN_EDGE = 3
# Piped, a record is wrapped (on words, ids never split) instead of boxed: a box is as
# wide as its longest value, a curator's note of hundreds of characters.
PIPED_RECORD_WIDTH = 100


def fits(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    width: int,
    free: Sequence[int] = (),
    min_free: int = MIN_FREE,
) -> bool:
    """Whether a table fits `width` columns with every column but the `free` ones (by
    index) on one line, each free one at least as wide as its longest word and `min_free`."""
    needed = 0
    for index, column in enumerate(zip(header, *rows, strict=True)):
        cells = [cell.plain if isinstance(cell, Text) else str(cell) for cell in column]
        if index in free:
            longest_word = max((len(w) for c in cells for w in c.split()), default=0)
            needed += max(min_free, longest_word, len(cells[0]))
        else:
            needed += max(len(line) for c in cells for line in c.splitlines() or [""])
        needed += _COLUMN_EDGE
    return needed <= width


def unsplit(table: Table, free: Sequence[int], min_free: int = MIN_FREE) -> Table:
    """Keep every column but the free ones on one line (the free ones never split a word:
    `fits` left them room for their longest)."""
    for index, column in enumerate(table.columns):
        if index in free:
            column.overflow = "fold"
            column.min_width = min_free
        else:
            column.no_wrap = True
    return table


def wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """`text` wrapped on spaces only: a word, id or key longer than a line stays whole."""
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def wrapped_record(key: str, rows: Sequence[tuple[str, Any]]) -> str:
    """`key`, then each `label  value` wrapped under itself."""
    width = max(len(label) for label, _ in rows) + 2
    lines = [key]
    for label, value in rows:
        if value not in (None, ""):
            first, rest = f"  {label:<{width}}", " " * (width + 2)
            lines += wrap(str(value), PIPED_RECORD_WIDTH, first, rest)
    return "\n".join(lines)
