"""A finding's status from the certainty of the body for and the body against.

The status follows the certainty behind it (docs/grading.md has the whole table):
`contradicted` only when a body against of at least low certainty outranks the body
for; very-low evidence against, with nothing better for, is `very_uncertain` (GRADE's
wording: "the evidence is very uncertain", not "false"); a body against two or more
levels below the body for is shown as evidence against without changing the status.
"""

from __future__ import annotations

LEVEL_WORD: dict[int, str] = {0: "none", 1: "very low", 2: "low", 3: "moderate", 4: "high"}
# A body against this many levels below the body for is shown, not weighed.
OUTWEIGHED_GAP = 2


def status_of(level_for: int, level_against: int, disputed: bool = False) -> tuple[str, str]:
    """(status, reason) for a finding whose bodies reached these levels (0 = no link).

    `disputed`: a tracked document disputes the claim, which makes it `contested`
    where the evidence alone would not decide against it.
    """
    f, a = LEVEL_WORD[level_for], LEVEL_WORD[level_against]
    if level_against >= 2 and level_against > level_for:
        return "contradicted", f"the body against ({a}) outranks the body for ({f})"
    if level_against == 1 and level_for <= 1:
        if level_for == 0:
            why = "only very-low-certainty evidence against, none for"
        else:
            why = "very-low-certainty evidence both for and against"
        return "very_uncertain", f"{why}: the evidence is very uncertain"
    if level_against and level_for - level_against < OUTWEIGHED_GAP:
        return "contested", f"evidence for ({f}) and against ({a}) within one level"
    if disputed:
        return "contested", "a tracked document disputes it"
    if level_for == 0:
        return "unsupported", "no supporting evidence"
    outweighed = (
        f"; the evidence against ({a}) is {level_for - level_against} levels lower, "
        "shown but not weighed"
        if level_against
        else ""
    )
    if level_for >= 3:
        return "strong", f"{f} certainty for{outweighed}"
    return "weak", f"{f} certainty for{outweighed}"
