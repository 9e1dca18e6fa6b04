"""`check --fix`: a draft with each overclaimed sentence reworded at its evidence's level.

The suggestion is the claim's statement reworded the GRADE way ("may", "probably", "It
is very uncertain whether..."); the sentence's citations are kept, placed before its
final stop. Only overclaims of a claim matched closely are rewritten: an opposite or a
wrong number needs the writer's judgement, and a loose match (a possible wording, or a
part that differs) may be another claim's, whose wording must not replace the writer's.
"""

from __future__ import annotations

import difflib
import re

from .findings import CheckReport, Finding, loosely_matched
from .reading import speaker

__all__ = ["fixed_text", "unified_diff"]


def _offset(text: str, line: int, col: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + col - 1


def _citations(finding: Finding, kind: str) -> str:
    if not finding.keys:
        return ""
    if kind == "latex":
        return f"~\\cite{{{','.join(finding.keys)}}}"
    return " [" + "; ".join(f"@{k}" for k in finding.keys) + "]"


def _replacement(finding: Finding, kind: str) -> str | None:
    overclaim = next((p for p in finding.problems if p.kind == "overclaim"), None)
    if overclaim is None or not overclaim.suggestion:
        return None
    settle_first = ("opposite", "mismatch", "cited-against")
    if any(p.kind in settle_first for p in (*finding.problems, *finding.doubtful)):
        return None  # the writer must decide what the sentence should say first (if it is)
    if finding.match is None or loosely_matched(finding.match, finding.parts, but="hedging"):
        return None  # another claim's wording must not replace what the writer meant
    body = overclaim.suggestion.rstrip()
    stop = body[-1] if body[-1:] in ".!?" else "."
    # who says it ("HOST: ") stays with what they now say
    return speaker(finding.sentence) + body.rstrip(".!?") + _citations(finding, kind) + stop


def fixed_text(text: str, report: CheckReport) -> tuple[str, int]:
    """`text` with each overclaimed sentence reworded, and how many were."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    edits: list[tuple[int, int, str]] = []
    for finding in report.findings:
        replacement = _replacement(finding, report.kind)
        if replacement is None:
            continue
        start = _offset(text, finding.line, finding.col)
        pattern = r"\s+".join(map(re.escape, finding.sentence.split()))
        found = re.compile(pattern).match(text, start)
        if found is not None:
            edits.append((found.start(), found.end(), replacement))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, len(edits)


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff from the draft to its fixed copy (for `patch -p0` or a review)."""
    return "".join(
        difflib.unified_diff(
            before.replace("\r\n", "\n").splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=name,
            tofile=f"{name} (fixed)",
        )
    )
