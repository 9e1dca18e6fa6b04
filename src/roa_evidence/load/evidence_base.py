"""The validated evidence base: its works, its claims and where each was written."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..grading import DEFAULT_CONFIG, GradingConfig
from .bibfile import Work
from .datafile import read_text, read_yaml_text
from .schema import ClaimIn
from .yamlfile import LineDict, line_of


@dataclass(frozen=True)
class Claim:
    """A validated claim and where it was written."""

    spec: ClaimIn
    path: Path
    raw: Any = field(compare=False, repr=False)  # the parsed mapping, for line numbers
    position: int = 0
    start_line: int = field(default=0, compare=False)  # when `raw` keeps no lines

    @property
    def line(self) -> int:
        return line_of(self.raw, ()) or self.start_line

    def line_of(self, *location: str | int) -> int | None:
        raw = self.raw
        if not isinstance(raw, LineDict):  # read by the fast parser: locate it now
            raw = _located_claim(self.path, self.spec.id)
        return line_of(raw, location) if raw is not None else (self.start_line or None)


def _located_claim(path: Path, claim_id: str) -> LineDict | None:
    """The claim `claim_id` of `path` read again with line tracking, for a message."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return _located_claims(path, stat.st_mtime_ns, stat.st_size).get(claim_id)


@functools.lru_cache(maxsize=8)
def _located_claims(path: Path, mtime_ns: int, size: int) -> dict[str, LineDict]:
    text, _ = read_text(path)
    if text is None:
        return {}
    raw, problems = read_yaml_text(path, text)
    if problems or not isinstance(raw, LineDict) or not isinstance(raw.get("claims"), list):
        return {}
    return {
        claim["id"]: claim
        for claim in raw["claims"]
        if isinstance(claim, LineDict) and isinstance(claim.get("id"), str)
    }


@dataclass
class EvidenceBase:
    """Everything in one evidence base, validated and cross-checked."""

    data_dir: Path
    works: dict[str, Work]
    documents: list[str]
    claims: list[Claim]
    config: GradingConfig = DEFAULT_CONFIG
    warnings: list[Problem] = field(default_factory=list)
    # each claims file's `documents:` list, by its name relative to data_dir
    documents_by_file: dict[str, list[str]] = field(default_factory=dict)
    # the documents' text files, as a claims file's `documents_dir` names them
    documents_dir: Path | None = None


def unjudged(base: EvidenceBase) -> list[Claim]:
    """Supported claims graded on automatic judgements alone: no reviewer judgement of
    any domain and no override. A reviewer may want to look at these first."""
    return [
        claim
        for claim in base.claims
        if any(link.stance == "supports" for link in claim.spec.evidence)
        and claim.spec.grade_override is None
        and not (claim.spec.judgements and claim.spec.judgements.model_dump(exclude_none=True))
    ]
