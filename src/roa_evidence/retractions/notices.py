"""Editorial notices on a work (retraction, correction, expression of concern,
reinstatement) and what they mean for its evidence, as pure functions.

Notices come from an imported Retraction Watch file (`retractions`) or by hand
from studies.bib's `notices` field; both end up as `Notice` values on a
grading `Study`. Which of them are in force is decided here, in one place:
the latest of a work's retractions and reinstatements wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "CORRECTION",
    "EXPRESSION_OF_CONCERN",
    "NATURES",
    "REINSTATEMENT",
    "RETRACTION",
    "Notice",
    "Standing",
    "canonical_nature",
    "normalise_doi",
    "normalise_pmid",
    "parse_bib_notices",
    "standing",
]

RETRACTION = "Retraction"
CORRECTION = "Correction"
EXPRESSION_OF_CONCERN = "Expression of concern"
REINSTATEMENT = "Reinstatement"
NATURES: tuple[str, ...] = (RETRACTION, CORRECTION, EXPRESSION_OF_CONCERN, REINSTATEMENT)
_NATURE_OF = {nature.lower(): nature for nature in NATURES}


@dataclass(frozen=True)
class Notice:
    """One notice on a work, as the database and the grader see it."""

    nature: str  # one of NATURES, or another nature as written (shown, not graded)
    date: str | None  # ISO yyyy-mm-dd; None when the source gives none
    notice_doi: str | None = None
    reason: str | None = None
    origin: str = "retraction-watch"  # or "studies.bib"
    record_id: str | None = None  # the Retraction Watch record

    def describe(self) -> str:
        """'retracted 2021-03-04, notice 10.1000/x' and the like, for derivations and lists."""
        verb = {
            RETRACTION: "retracted",
            CORRECTION: "corrected",
            EXPRESSION_OF_CONCERN: "expression of concern",
            REINSTATEMENT: "reinstated",
        }.get(self.nature, self.nature.lower())
        text = f"{verb} {self.date or '(undated)'}"
        if self.notice_doi:
            text += f", notice {self.notice_doi}"
        return text

    def to_dict(self) -> dict[str, str | None]:
        return {
            "nature": self.nature,
            "date": self.date,
            "notice_doi": self.notice_doi,
            "reason": self.reason,
            "origin": self.origin,
        }


@dataclass(frozen=True)
class Standing:
    """What a work's notices amount to."""

    retraction: Notice | None  # the retraction in force, if any
    concerns: tuple[Notice, ...]  # expressions of concern (a risk-of-bias concern)


def _order(notice: Notice) -> tuple[str, str]:
    # An undated notice counts as the latest: an undated retraction is not undone by accident.
    return (notice.date or "9999-99-99", notice.record_id or "")


def standing(notices: Iterable[Notice]) -> Standing:
    """The retraction in force (the latest retraction not followed by a reinstatement)
    and the expressions of concern; corrections and unknown natures carry no weight."""
    retraction: Notice | None = None
    concerns: list[Notice] = []
    for notice in sorted(notices, key=_order):
        if notice.nature == RETRACTION:
            retraction = notice
        elif notice.nature == REINSTATEMENT:
            retraction = None
        elif notice.nature == EXPRESSION_OF_CONCERN:
            concerns.append(notice)
    return Standing(retraction, tuple(concerns))


def canonical_nature(text: str) -> str:
    """A nature in its canonical spelling (any case), else as written."""
    cleaned = " ".join(text.split())
    return _NATURE_OF.get(cleaned.lower(), cleaned)


_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def normalise_doi(text: str | None) -> str | None:
    """A DOI in lower case without a resolver or `doi:` prefix; None when there is none."""
    if not text:
        return None
    if text.startswith("10."):  # most are bare: skip the prefix pattern
        return text.strip().lower()
    doi = _DOI_PREFIX.sub("", text.strip()).strip().lower()
    return doi if doi.startswith("10.") else None


def normalise_pmid(text: str | None) -> str | None:
    """A PubMed id as digits without leading zeros; None for blank or 0 (Retraction
    Watch's 'none')."""
    if not text:
        return None
    digits = text.strip()
    if not digits.isdigit():
        return None
    digits = digits.lstrip("0")
    return digits or None


_BIB_NOTICE = re.compile(
    r"^(?P<nature>[A-Za-z][A-Za-z ]*?)\s+(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:\s+(?P<doi>(?:doi:|https?://(?:dx\.)?doi\.org/)?10\.\S+?))?:?(?:\s*:\s*(?P<reason>.*))?$",
    re.IGNORECASE,
)
BIB_NOTICE_FORM = "NATURE YYYY-MM-DD [NOTICE-DOI] [: REASON], several separated by ';'"


def parse_bib_notices(text: str) -> tuple[list[Notice], str | None]:
    """studies.bib's `notices` field -> notices, or the first problem found.

    Example: `notices = {Retraction 2021-03-04 10.1000/xyz1: data could not be verified;
    Reinstatement 2022-01-10}`.
    """
    import datetime

    notices: list[Notice] = []
    for item in (part.strip() for part in text.split(";")):
        if not item:
            continue
        match = _BIB_NOTICE.match(" ".join(item.split()))
        if match is None:
            return [], f"cannot read the notice '{item}'; write {BIB_NOTICE_FORM}"
        nature = canonical_nature(match["nature"])
        if nature not in NATURES:
            return [], (
                f"unknown notice nature '{match['nature']}' in '{item}'; "
                f"expected one of {', '.join(NATURES)}"
            )
        try:
            datetime.date.fromisoformat(match["date"])
        except ValueError:
            return [], f"'{match['date']}' in '{item}' is not a date; write YYYY-MM-DD"
        doi = match["doi"]
        notices.append(
            Notice(
                nature=nature,
                date=match["date"],
                notice_doi=normalise_doi(doi) if doi else None,
                reason=(match["reason"] or "").strip() or None,
                origin="studies.bib",
            )
        )
    return notices, None
