"""Every kind of failure roa-evidence reports, under one base class.

The CLI turns each into one sentence on stderr and exit code 2; the library
raises them and never prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class EvidenceError(Exception):
    """Base class: a problem a user can fix, reported as one clear sentence."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, with where it is and what to do."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class InvalidData(EvidenceError):
    """The data files have problems; all of them are listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the evidence base")


class DataNotFound(EvidenceError):
    """The evidence base folder or one of its files is missing or unreadable."""


class NotFound(EvidenceError):
    """A claim id, source key, route or topic named on the command line does not exist."""


class StoreError(EvidenceError):
    """The database cannot be opened, written or locked."""


class BaseMismatch(StoreError):
    """The database holds another evidence base (a shared store); `load --force` replaces it."""


class InvalidRetractions(EvidenceError):
    """A Retraction Watch file cannot be read (wrong header, truncated, a bad date); nothing
    was changed."""


class OutputError(EvidenceError):
    """An output file exists (and --force was not given) or cannot be written."""
