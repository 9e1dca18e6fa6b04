"""RIS: the works, for reference managers and screening tools (Zotero, EndNote, Covidence)."""

from __future__ import annotations

from typing import TextIO

from ..interchange.ris import write_ris
from .read import Selection


def export(stream: TextIO, selection: Selection) -> int:
    """The selection's works as RIS records; records written."""
    return write_ris(stream, selection.works())
