"""A sentence describing the work it cites rather than the study a claim is about: "a small
double-blind trial gave it to five patients [@loo2016placebo]" is not "Chilukuri's trial was
not double-blind", though its words come near (`matching`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..query.records import ClaimRecord
from . import designs, parts
from .firstchars import compiled

__all__ = ["describes_cited"]

_BLINDED = {"double-blind": True, "single-blind": True, "blinded": True, "open-label": False}
_THE_STUDY = compiled(r"\b(?:the|that|this) (?!an?\b)(?:[\w-]+ ){0,3}?(?:study|trial)\b", re.I)


def describes_cited(
    text: str,
    keys: Sequence[str],
    claim: ClaimRecord,
    claimed: Mapping[str, parts.Parts],
    by_key: Mapping[str, Sequence[ClaimRecord]],
) -> bool:
    """Whether a sentence about a study's blinding, citing only works the claim (about one
    study) is not linked to and not naming that study, says of the works it cites what the
    base records of them: it describes them."""
    said = designs.read(text).says.get("blinding", frozenset())
    cited = {  # whether each cited work was blinded, where the base's evidence links say
        _BLINDED[link.blinding]
        for key in keys
        for linked in by_key.get(key, ())
        for link in linked.evidence
        if link.source == key and link.blinding in _BLINDED
    }
    if len(said) != 1 or said != cited or set(keys) & set(claim.linked_keys()):
        return False
    # "the IM depression study", "that trial": the claim's study, by a description of it
    if _THE_STUDY.search(text):
        return False
    return not parts.read_parts(text).names & claimed[claim.id].names
