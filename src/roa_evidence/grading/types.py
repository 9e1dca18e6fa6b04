"""What the grader reads (a claim, its links, their studies) and what it returns (a
`Grade` with its `Step`s). Each input checks its own values when built."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..retractions.notices import Notice
from ..vocab import (
    CERTAINTY_OF_LEVEL,
    EFFECT_MEASURES,
    JUDGEMENT_LEVELS,
    RATING_UP_LEVELS,
    RATIO_MEASURES,
)

# --------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class Effect:
    """A 95 % CI effect; pooled effects also carry n_studies and n."""

    measure: str  # RR OR HR RD MD SMD
    estimate: float
    low: float
    high: float
    n: int | None = None
    events: int | None = None
    n_studies: int | None = None

    def __post_init__(self) -> None:
        if self.measure not in EFFECT_MEASURES:
            raise ValueError(
                f"unknown effect measure {self.measure!r} (one of {', '.join(EFFECT_MEASURES)})"
            )
        if self.low > self.high:
            raise ValueError(f"effect CI low {self.low:g} is above high {self.high:g}")
        if self.measure in RATIO_MEASURES and self.low <= 0:
            raise ValueError(f"a {self.measure} CI must be above 0, not {self.low:g}")


# Every level a judgement may take, rating down then rating up (a domain's own levels are
# checked when its claim is graded).
_JUDGEMENT_LEVELS = tuple(
    dict.fromkeys([*JUDGEMENT_LEVELS, *(lv for up in RATING_UP_LEVELS.values() for lv in up)])
)


@dataclass(frozen=True)
class Judgement:
    """A reviewer's judgement of one GRADE domain."""

    level: str  # not-serious | serious | very-serious; rating up: RATING_UP_LEVELS
    reason: str

    def __post_init__(self) -> None:
        if self.level not in _JUDGEMENT_LEVELS:
            raise ValueError(
                f"unknown judgement level {self.level!r} (one of {', '.join(_JUDGEMENT_LEVELS)})"
            )


@dataclass(frozen=True)
class Override:
    """A reviewer's final certainty, replacing the computed one."""

    certainty: str  # high | moderate | low | very_low
    rationale: str

    def __post_init__(self) -> None:
        if self.certainty not in CERTAINTY_OF_LEVEL.values():
            raise ValueError(
                f"unknown override certainty {self.certainty!r} "
                f"(one of {', '.join(CERTAINTY_OF_LEVEL.values())})"
            )


@dataclass(frozen=True)
class Value:
    """A value a claim states or a source reports: an estimate and/or a range."""

    estimate: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Study:
    """A work's appraisal as stored in studies.bib."""

    key: str
    design: str | None = None  # None = not appraised -> lowest level
    n: int | None = None
    blinding: str | None = None
    routes: frozenset[str] = frozenset()
    condition: str | None = None
    quality: frozenset[str] = frozenset()
    verification: str | None = None  # verified | secondary | unverified
    notices: tuple[Notice, ...] = ()  # retraction, concern... (see screening.py)
    year: int | None = None
    comparator: str | None = None  # placebo | active | none: what the study compared with


@dataclass(frozen=True)
class Link:
    """One claim -> source evidence link."""

    study: Study
    stance: str  # supports | contradicts | qualifies
    n: int | None = None  # relevant arm; falls back to study.n
    value: Value | None = None
    indirect: frozenset[str] = frozenset()  # population intervention comparator outcome
    flags: frozenset[str] = frozenset()  # vocab.LINK_FLAGS
    effect: Effect | None = None
    within: str | None = None  # key of a pooled source on the claim that includes this study

    @property
    def participants(self) -> int | None:
        """The link's n, else the study's n."""
        return self.n if self.n is not None else self.study.n


@dataclass(frozen=True)
class CountSpec:
    """What a claim about the literature counts, and what it says of the count."""

    routes: tuple[str, ...]
    condition: str | None = None
    designs: tuple[str, ...] = ()
    until: int | None = None  # the document's year
    at_most: int | None = None
    at_least: int | None = None
    more_than: tuple[str, ...] = ()  # routes the counted route outnumbers


@dataclass(frozen=True)
class AppraisalSpec:
    """What a claim says of a study's quality, facet by facet (None = not said)."""

    source: str
    randomized: bool | None = None
    double_blind: bool | None = None
    n_at_most: int | None = None  # "small"
    comparator: bool | None = None  # any control arm
    placebo: bool | None = None


@dataclass(frozen=True)
class Mid:
    """A minimal important difference on the scale of `measure` (see schema.MidIn)."""

    measure: str
    value: float

    def thresholds(self) -> tuple[float, float]:
        """The important decrease and increase: -v, +v; for a ratio v and 1/v, ordered."""
        if self.measure in RATIO_MEASURES:
            return min(self.value, 1 / self.value), max(self.value, 1 / self.value)
        return -self.value, self.value


@dataclass(frozen=True)
class ClaimEvidence:
    """A claim's facets and the evidence that bears on it."""

    routes: frozenset[str]
    condition: str
    links: tuple[Link, ...] = ()
    disputed: bool = False  # a document in disputed_by
    override: Override | None = None
    pooled_effect: Effect | None = None
    judgements: Mapping[str, Judgement] = field(default_factory=dict)  # domain -> judgement
    kind: str = "finding"  # finding | description | definition
    rationale: str | None = None  # why a definition holds
    mid: Mid | None = None
    value: Value | None = None  # what the claim states (a range a value may satisfy)
    # superiority | difference: a comparative claim, which an imprecise non-significant
    # comparison qualifies but cannot contradict
    comparison: str | None = None
    count: CountSpec | None = None  # kind count
    appraisal: AppraisalSpec | None = None  # kind appraisal
    universe: tuple[Study, ...] = ()  # every work of the base, for a count


# --------------------------------------------------------------------------
# Outputs


@dataclass(frozen=True)
class Step:
    """One step of the derivation: the start, a domain's change, or the override."""

    domain: str  # start | risk_of_bias | imprecision | inconsistency | indirectness
    # | publication_bias | large_effect | dose_response | override
    change: int  # start: the starting level (0-4); others: -2, -1, +1, ...
    reason: str


@dataclass(frozen=True)
class Grade:
    """A claim's certainty and status, with the steps that led there.

    Findings carry both bodies' derivations; descriptions and definitions are
    checked, not graded: their certainty is None and `steps` says why.
    """

    certainty: str | None  # high moderate low very_low none; None unless a finding
    status: str  # findings: contradicted contested unsupported strong weak;
    # others: confirmed refuted unchecked
    steps: tuple[Step, ...]
    total_n: int | None  # n over supporting links, each study once; None if none reported
    certainty_against: str | None = "none"  # the contradicting body's certainty
    steps_against: tuple[Step, ...] = ()
