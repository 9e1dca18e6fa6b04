"""Strict models for what a hand-written claims file may say.

These validate input only (`extra="forbid"`, strict integers); the database
rows are built from them afterwards. Vocabulary terms are accepted in any case
and through their aliases, and stored in their canonical spelling.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from .. import vocab
from ..vocab import nearest

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Whole numbers fit the database's integer column on every back end (a server's may be 32-bit).
MAX_INT = 2**31 - 1
PositiveInt = Annotated[int, Field(strict=True, gt=0, le=MAX_INT)]
NonNegativeInt = Annotated[int, Field(strict=True, ge=0, le=MAX_INT)]
Number = Annotated[float, Field(allow_inf_nan=False)]


def _term(kind: str, terms: tuple[str, ...], aliases: dict[str, str] | None = None) -> object:
    canonical = {term.lower(): term for term in terms}  # one lookup per value, not a scan

    def check(value: str) -> str:
        key = value.strip().lower()
        if key in canonical:
            return canonical[key]
        if aliases and key in aliases:
            return aliases[key]
        raise ValueError(f"unknown {kind} '{value}'; {nearest(value, terms, aliases=aliases)}")

    return AfterValidator(check)


def _base_term(kind: str) -> object:
    """A term the evidence base declares (its vocabulary.yaml), looked up when validated."""

    def check(value: str) -> str:
        canonical, terms, aliases = vocab.lookup(kind)
        term = canonical(value)
        if term is not None:
            return term
        hint = nearest(value, terms, aliases=aliases)
        if not hint.startswith("expected"):  # a suggestion: name the base's whole list too
            hint += f" (one of {', '.join(terms)})"
        raise ValueError(f"unknown {kind} '{value}'; {hint}")

    return AfterValidator(check)


Route = Annotated[str, _base_term("route")]
Topic = Annotated[str, _base_term("topic")]
Condition = Annotated[str, _base_term("condition")]
Design = Annotated[str, _term("design", vocab.DESIGNS, vocab.DESIGN_ALIASES)]
Stance = Annotated[str, _term("stance", vocab.STANCES)]
Indirectness = Annotated[str, _term("indirectness", vocab.INDIRECTNESS)]
LinkFlag = Annotated[str, _term("evidence flag", vocab.LINK_FLAGS)]
Measure = Annotated[str, _term("effect measure", vocab.EFFECT_MEASURES)]
Kind = Annotated[str, _term("kind", vocab.CLAIM_KINDS)]
Comparison = Annotated[str, _term("comparison", vocab.COMPARISONS)]
Certainty = Literal["high", "moderate", "low", "very_low"]
JudgementLevel = Literal["not-serious", "serious", "very-serious"]
# GRADE's importance of an outcome for decisions (an evidence profile's last column).
Importance = Literal["critical", "important", "not-important"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _refuse_reversed(what: str, low: float | None, high: float | None) -> None:
    if low is not None and high is not None and low > high:
        raise ValueError(
            f"the {what} is reversed (low {low:g} is above high {high:g}); swap low and high"
        )


class ValueIn(Strict):
    """A reported number or range."""

    estimate: Number | None = None
    low: Number | None = None
    high: Number | None = None
    unit: str | None = None

    @model_validator(mode="after")
    def _range_in_order(self) -> Self:
        _refuse_reversed("range", self.low, self.high)
        return self


class AssertionIn(Strict):
    """A document asserting or disputing a claim, in its own words."""

    document: NonEmpty
    quote: NonEmpty
    citation_issue: NonEmpty | None = None


class ArmIn(Strict):
    """The participants (and events) of one arm, as the source reports them."""

    n: PositiveInt
    events: NonNegativeInt | None = None


class EffectIn(Strict):
    """An effect estimate with its 95 % confidence interval; the arms and the baseline
    (comparator) risk, where known, give the evidence profile's patients and absolute
    effect."""

    measure: Measure
    estimate: Number
    low: Number
    high: Number
    n: PositiveInt | None = None
    events: NonNegativeInt | None = None
    intervention: ArmIn | None = None
    comparator: ArmIn | None = None
    baseline_risk: Annotated[float, Field(gt=0, lt=1)] | None = None  # a proportion

    @model_validator(mode="after")
    def _coherent(self) -> Self:
        """What the grader relies on: an ordered interval around the estimate, ratios
        above zero, no more events than participants."""
        _refuse_reversed("interval", self.low, self.high)
        if self.measure in vocab.RATIO_MEASURES and min(self.estimate, self.low) <= 0:
            raise ValueError(
                f"an {self.measure} is a ratio and must be above 0 (1 is no difference), "
                f"not {min(self.estimate, self.low):g}; give the ratio itself, or record "
                "a difference as MD or RD"
            )
        if not self.low <= self.estimate <= self.high:
            raise ValueError(
                f"the estimate {self.estimate:g} lies outside its interval "
                f"{self.low:g} to {self.high:g}; check the numbers against the source"
            )
        if self.events is not None and self.n is not None and self.events > self.n:
            raise ValueError(
                f"{self.events} events is more than the {self.n} participants; "
                "check both numbers against the source"
            )
        return self


class PooledEffectIn(EffectIn):
    """An effect pooled by a meta-analysis."""

    n_studies: PositiveInt | None = None


class MidIn(Strict):
    """The smallest difference in the claim's outcome that matters to patients.

    On the scale of `measure`: for a difference (MD, SMD, RD) the magnitude of an
    important change (`value: 0.5` is half a standard deviation for SMD); for a
    ratio (RR, OR, HR) the relative change as a ratio, e.g. 0.8 (a 20 % relative
    reduction; its mirror 1/0.8 = 1.25 counts as the important increase).
    """

    measure: Measure
    value: Annotated[float, Field(gt=0, allow_inf_nan=False)]

    @model_validator(mode="after")
    def _ratio_not_one(self) -> MidIn:
        if self.measure in vocab.RATIO_MEASURES and self.value == 1:
            raise ValueError("a ratio MID of 1 is no difference; give e.g. 0.8 or 1.25")
        return self


class JudgementIn(Strict):
    """A reviewer's own judgement of one GRADE domain."""

    level: JudgementLevel
    reason: NonEmpty


class OverrideIn(Strict):
    """A reviewer's final certainty, replacing the computed one."""

    certainty: Certainty
    rationale: NonEmpty


class EvidenceIn(Strict):
    """One link from a claim to a source that bears on it."""

    source: NonEmpty
    stance: Stance
    locator: str | None = None
    n: PositiveInt | None = None
    value: ValueIn | None = None
    indirect: list[Indirectness] = Field(default_factory=list)
    flags: list[LinkFlag] = Field(default_factory=list)
    note: str | None = None
    effect: EffectIn | None = None
    within: NonEmpty | None = None  # the pooled source on this claim that already counts it


class LargeEffectIn(Strict):
    """A reviewer's judgement of GRADE's first reason to rate up."""

    level: Literal["none", "large", "very-large"]
    reason: NonEmpty


class PresentIn(Strict):
    """A reviewer's judgement of a dose-response gradient or of plausible confounding
    that would reduce the effect shown (GRADE's other reasons to rate up)."""

    level: Literal["none", "present"]
    reason: NonEmpty


class Judgements(Strict):
    """Reviewers' judgements, by GRADE domain: five to rate down, three to rate up."""

    risk_of_bias: JudgementIn | None = None
    inconsistency: JudgementIn | None = None
    indirectness: JudgementIn | None = None
    imprecision: JudgementIn | None = None
    publication_bias: JudgementIn | None = None
    large_effect: LargeEffectIn | None = None
    dose_response: PresentIn | None = None
    plausible_confounding: PresentIn | None = None


class CountIn(Strict):
    """What a claim about the literature counts in the base's records (kind `count`)."""

    routes: Annotated[list[Route], Field(min_length=1)]
    condition: Condition | None = None
    designs: list[Design] = Field(default_factory=list)
    until: Annotated[int, Field(ge=1900, le=2100)] | None = None  # the document's year
    at_most: Annotated[int, Field(ge=0)] | None = None
    at_least: Annotated[int, Field(ge=0)] | None = None
    more_than: list[Route] = Field(default_factory=list)

    @model_validator(mode="after")
    def _says_something(self) -> CountIn:
        if self.at_most is None and self.at_least is None and not self.more_than:
            raise ValueError("a count says what it expects: give at_most, at_least or more_than")
        return self


class AppraisalIn(Strict):
    """What a claim says of a study's quality, facet by facet (kind `appraisal`)."""

    source: NonEmpty
    randomized: bool | None = None
    double_blind: bool | None = None
    n_at_most: PositiveInt | None = None
    comparator: bool | None = None
    placebo: bool | None = None


class ClaimIn(Strict):
    """One claim, as written in claims.yaml."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=120)]
    kind: Kind = "finding"
    statement: NonEmpty
    routes: Annotated[list[Route], Field(min_length=1)]
    topic: Topic
    condition: Condition = "any"
    value: ValueIn | None = None
    asserted_by: list[AssertionIn] = Field(default_factory=list)
    disputed_by: list[AssertionIn] = Field(default_factory=list)
    evidence: list[EvidenceIn] = Field(default_factory=list)
    rationale: NonEmpty | None = None  # why a definition holds (required for one)
    mid: MidIn | None = None
    # a claim that one route is better than (superiority) or differs from (difference)
    # another: an imprecise non-significant comparison qualifies it, never contradicts it
    comparison: Comparison | None = None
    count: CountIn | None = None  # kind count: what to count in the base's records
    appraisal: AppraisalIn | None = None  # kind appraisal: the facets the claim states
    grade_override: OverrideIn | None = None
    pooled_effect: PooledEffectIn | None = None
    judgements: Judgements | None = None
    importance: Importance | None = None  # the evidence profile's default: important
    note: str | None = None


class ClaimsFileIn(Strict):
    """The top level of a claims file; claims are validated one by one."""

    version: Literal[1] = 1
    documents: list[NonEmpty] = Field(default_factory=list)
    # where the documents' text files are, relative to this file: `validate` checks quotes
    documents_dir: NonEmpty | None = None
    claims: list[object] = Field(default_factory=list)
