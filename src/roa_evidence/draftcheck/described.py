"""A sentence about another study than the one a claim is about: the writer's own or one to
come ("our next study will be double-blind"), or the work it cites, described ("a small
double-blind trial gave it to five patients [@loo2016placebo]" is not "Chilukuri's trial was
not double-blind", though its words come near: `matching`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..query.records import ClaimRecord
from . import designs, framing, parts
from .firstchars import compiled

__all__ = ["about_another_study"]

_BLINDED = {"double-blind": True, "single-blind": True, "blinded": True, "open-label": False}
_THE_STUDY = compiled(r"\b(?:the|that|this) (?!an?\b)(?:[\w-]+ ){0,3}?(?:study|trial)\b", re.I)


def about_another_study(
    text: str,
    keys: Sequence[str],
    claim: ClaimRecord,
    claimed: parts.Parts,
    by_key: Mapping[str, Sequence[ClaimRecord]],
) -> bool:
    """Whether a sentence matched to a claim about one study (whose statement's parts are
    `claimed`) is about another: one of the writer's own or to come, or the work it cites
    (`by_key`: the claims each key is linked to), described: about a study's blinding, citing
    only works the claim is not linked to and not naming its study, it says of them what the
    base records of them."""
    if claim.kind not in parts.ABOUT_A_STUDY:
        return False
    if framing.ANOTHER_STUDY.search(text):
        return True
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
    return not parts.read_parts(text).names & claimed.names
