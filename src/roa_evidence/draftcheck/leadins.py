"""Clauses that frame, not change, what a sentence says ("Myth:", "Contrary to popular
belief, ...", "when we can't find a vein": why another route is used, wherever it stands),
as `wordings` rules; the first that `wordings.RULES` applies."""

from __future__ import annotations

from . import numberwords

__all__ = ["RULES"]

# (pattern, replacement), applied in order, case-insensitively, before every other rule.
RULES: tuple[tuple[str, str], ...] = (
    # "Myth:" and "False:" deny what follows
    (rf"^\W*(?:myth|false|untrue|not true){numberwords.LABEL_NUMBER}\s*:\s*", " not "),
    (r"contrary to (?:popular|common|widespread) (?:belief|opinion|assumption)s?,?", " "),
    # "when we can't find a vein, ...": why another route is used, not a claim about IV
    (
        r"\b(?:when|if|whenever|where) (?:we|you|they|staff|I) (?:can't|cannot|can not|couldn't|"
        r"could not) (?:find|get|access) (?:a |an )?(?:vein|line|cannula|iv access)\b,?",
        " ",
    ),
)
