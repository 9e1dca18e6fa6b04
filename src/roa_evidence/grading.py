"""Grade the body of evidence behind a claim, GRADE-style, recording every step.

`grade()` is a pure function: it takes a claim with its evidence links and a
`GradingConfig` and returns a `Grade` (certainty, status, the steps that led
there, total n, and the contradicting body's certainty with its own steps). It
reads no file and prints nothing. docs/grading.md states the rules in full;
in brief (docs/grading.md has the whole account):

- Kinds: a `description` is checked against the records it links (`confirmed`,
  `refuted`, `unchecked`), a `definition` is `confirmed` by its rationale; both
  have certainty None. A `finding` is graded.
- A finding's supporting and contradicting links are two bodies graded by the
  same rules: start at the best design, rate down for risk of bias,
  imprecision, inconsistency (opposing evidence or disagreeing values),
  indirectness and publication bias (a reviewer's judgement replaces a domain's
  automatic rule), rate up for a large effect or dose-response (from a start
  below high, with no rating down, on studies that report n), clamp to 1..4.
- Imprecision: from the effect's CI when there is one (GRADE guidelines 6; with
  the claim's `mid`, the minimally contextualised approach of GRADE guidance
  34), the optimal information size only when n or events are known; without
  an effect, from the reported sample size.
- A study that reports no n never counts for a body: it is not a second study,
  adds no participants, may hold most participants when flagged, never makes a
  body more direct, and a body where none reports n is read as below 50.
  A link `within` a pooled source in the same body is counted once, inside it.
- Status, the first that holds: `contradicted` (contradicting links and no
  support, or the contradicting body grades higher), `contested`,
  `unsupported`, `strong` (high or moderate), `weak`.
- Notices (`_screen_notices`, findings only): a retracted work's links leave
  both bodies; an expression of concern is a risk-of-bias concern; each is a
  0-change `retraction` step after the start step (docs/retractions.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace

from roa_evidence.notices import Notice, standing
from roa_evidence.vocab import (
    CERTAINTY_OF_LEVEL,
    DESIGN_LEVEL,
    EFFECT_MEASURES,
    JUDGEMENT_DOMAINS,
    JUDGEMENT_LEVELS,
    LEVEL_OF_CERTAINTY,
    RATIO_MEASURES,
)

__all__ = [
    "DEFAULT_CONFIG",
    "ClaimEvidence",
    "Effect",
    "Grade",
    "GradingConfig",
    "Judgement",
    "Link",
    "Override",
    "Step",
    "Study",
    "Value",
    "grade",
]

DICHOTOMOUS_MEASURES: frozenset[str] = frozenset({"RR", "OR", "HR", "RD"})
LOWEST_LEVEL = min(DESIGN_LEVEL.values())
LEVEL_NAME: dict[int, str] = {4: "high", 3: "moderate", 2: "low", 1: "very low"}


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


@dataclass(frozen=True)
class Judgement:
    """A reviewer's judgement of one GRADE domain."""

    level: str  # not-serious | serious | very-serious
    reason: str

    def __post_init__(self) -> None:
        if self.level not in JUDGEMENT_LEVELS:
            raise ValueError(
                f"unknown judgement level {self.level!r} (one of {', '.join(JUDGEMENT_LEVELS)})"
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
    notices: tuple[Notice, ...] = ()  # retraction, concern... (see _screen_notices)


@dataclass(frozen=True)
class Link:
    """One claim -> source evidence link."""

    study: Study
    stance: str  # supports | contradicts | qualifies
    n: int | None = None  # relevant arm; falls back to study.n
    value: Value | None = None
    indirect: frozenset[str] = frozenset()  # population intervention comparator outcome
    flags: frozenset[str] = frozenset()  # large-effect dose-response publication-bias
    effect: Effect | None = None
    within: str | None = None  # key of a pooled source on the claim that includes this study

    @property
    def participants(self) -> int | None:
        """The link's n, else the study's n."""
        return self.n if self.n is not None else self.study.n


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


# --------------------------------------------------------------------------
# Configuration

_INT = "an integer"
_FLOAT = "a number"
_OPT_FLOAT = "a number"
_BOOL = "true or false"
_STRS = "a list of strings"


@dataclass(frozen=True)
class GradingConfig:
    """Every threshold of the grading rules; defaults from GRADE guidance (docs/grading.md)."""

    # risk of bias
    bias_share: float = 0.5  # "most participants": a share strictly above this
    bias_flags: tuple[str, ...] = (
        "not-randomized",
        "no-control",
        "stopped-early",
        "high-attrition",
    )
    bias_blinding: tuple[str, ...] = ("open-label",)
    # imprecision without an effect (sample size)
    imprecision_n: int = 400
    imprecision_n_very: int = 50
    # imprecision from an effect
    ois_participants: int = 400  # GRADE guidance 6: ~400 for a 0.2 SD difference
    ois_events: int = 300  # GRADE guidance 6: fewer than 300 events raises concern
    ratio_low: float = 0.75  # RR/OR/HR: appreciable benefit below (25 % relative reduction)
    ratio_high: float = 1.25  # ... appreciable harm above (25 % relative increase)
    smd_margin: float | None = 0.5  # SMD: appreciable beyond -0.5 / +0.5 (moderate effect)
    md_margin: float | None = None  # MD: depends on the scale; off unless set
    rd_margin: float | None = None  # RD: depends on the baseline risk; off unless set
    precise_null: bool = True  # a CI crossing no effect inside both thresholds is precise
    # inconsistency
    inconsistency_gap: int = 1  # contradicting design at most this many levels below the start
    value_tolerance: float = 0.25  # relative difference of centres for disagreeing values
    # publication bias
    publication_bias_flags: tuple[str, ...] = ("industry-funded",)

    def __post_init__(self) -> None:
        problems: list[str] = []
        if not 0 <= self.bias_share < 1:
            problems.append("bias_share must be at least 0 and below 1")
        if self.imprecision_n_very > self.imprecision_n:
            problems.append("imprecision_n_very must not exceed imprecision_n")
        for name in ("imprecision_n", "imprecision_n_very", "ois_participants", "ois_events"):
            if getattr(self, name) < 0:
                problems.append(f"{name} must not be negative")
        if not 0 < self.ratio_low < 1 < self.ratio_high:
            problems.append("ratio_low must lie between 0 and 1, and ratio_high above 1")
        for name in ("smd_margin", "md_margin", "rd_margin"):
            margin = getattr(self, name)
            if margin is not None and margin <= 0:
                problems.append(f"{name} must be positive")
        if self.inconsistency_gap < 0:
            problems.append("inconsistency_gap must not be negative")
        if self.value_tolerance < 0:
            problems.append("value_tolerance must not be negative")
        if problems:
            raise ValueError("; ".join(problems))

    @classmethod
    def from_mapping(cls, raw: Mapping[str, object]) -> GradingConfig:
        """Build a config from data/grading.toml (or a `grading:` section).

        Raises ValueError naming an unknown key, a wrong type or a bad value.
        """
        kinds = _config_kinds()
        values: dict[str, object] = {}
        for key, value in raw.items():
            kind = kinds.get(key)
            if kind is None:
                raise ValueError(
                    f"unknown grading setting {key!r} (known: {', '.join(sorted(kinds))})"
                )
            values[key] = _coerce(key, value, kind)
        return cls(**values)  # type: ignore[arg-type]

    def margin(self, measure: str) -> float | None:
        """The appreciable-effect margin of a difference measure, or None."""
        return {"SMD": self.smd_margin, "MD": self.md_margin, "RD": self.rd_margin}.get(measure)


def _config_kinds() -> dict[str, str]:
    kinds = {
        "bias_share": _FLOAT,
        "bias_flags": _STRS,
        "bias_blinding": _STRS,
        "imprecision_n": _INT,
        "imprecision_n_very": _INT,
        "ois_participants": _INT,
        "ois_events": _INT,
        "ratio_low": _FLOAT,
        "ratio_high": _FLOAT,
        "smd_margin": _OPT_FLOAT,
        "md_margin": _OPT_FLOAT,
        "rd_margin": _OPT_FLOAT,
        "precise_null": _BOOL,
        "inconsistency_gap": _INT,
        "value_tolerance": _FLOAT,
        "publication_bias_flags": _STRS,
    }
    assert set(kinds) == {f.name for f in fields(GradingConfig)}
    return kinds


_OPTIONAL = frozenset({"smd_margin", "md_margin", "rd_margin"})


def _coerce(key: str, value: object, kind: str) -> object:
    def wrong() -> ValueError:
        return ValueError(
            f"grading setting {key!r} must be {kind}, not {type(value).__name__} {value!r}"
        )

    if value is None and key in _OPTIONAL:
        return None
    if kind == _BOOL:
        if not isinstance(value, bool):
            raise wrong()
        return value
    if kind == _INT:
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong()
        return value
    if kind == _FLOAT:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise wrong()
        return float(value)
    # _STRS
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise wrong()
    items = tuple(value)
    if not all(isinstance(item, str) for item in items):
        raise wrong()
    return items


DEFAULT_CONFIG = GradingConfig()


# --------------------------------------------------------------------------
# Helpers


def _level(study: Study) -> int:
    if study.design is None:
        return LOWEST_LEVEL
    return DESIGN_LEVEL.get(study.design, LOWEST_LEVEL)


def _design_name(study: Study) -> str:
    return study.design if study.design is not None else "not appraised"


def _keys(links: Iterable[Link]) -> str:
    seen: list[str] = []
    for link in links:
        if link.study.key not in seen:
            seen.append(link.study.key)
    return ", ".join(seen)


def _num(x: float) -> str:
    return f"{x:g}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _counted(body: Iterable[Link]) -> list[Link]:
    """The links whose participants count: a study `within` a pooled source that is
    itself in the body is already inside that source's n."""
    links = list(body)
    keys = {link.study.key for link in links}
    return [link for link in links if link.within is None or link.within not in keys]


def _total_n(links: Iterable[Link]) -> int | None:
    known = [n for link in _counted(links) if (n := link.participants) is not None]
    return sum(known) if known else None


@dataclass(frozen=True)
class _Rating:
    """An automatic judgement: how many levels down (0-2) and why."""

    levels: int
    reason: str


_NO_CONCERN = _Rating(0, "")


# --------------------------------------------------------------------------
# Domains


def _risk_of_bias(body: list[Link], start: int, config: GradingConfig) -> _Rating:
    at_start = [link for link in _counted(body) if _level(link.study) == start]

    def concerns(study: Study) -> list[str]:
        found = [b for b in config.bias_blinding if study.blinding == b]
        found += [flag for flag in config.bias_flags if flag in study.quality]
        return found

    # Weighted by participants. A study that does not report n is read at its worst:
    # with a concern it may hold most participants, without one it adds no weight,
    # so an unreported n can never dilute the flagged studies (it counts against
    # the body, never for it).
    sized = [link for link in at_start if link.participants is not None]
    total = sum(link.participants or 0 for link in sized)

    def share(flagged: list[Link]) -> float:
        if any(link.participants is None for link in flagged):
            return 1.0
        return sum(link.participants or 0 for link in flagged) / total if total else 0.0

    some = [link for link in at_start if concerns(link.study)]
    many = [link for link in some if len(concerns(link.study)) >= 2]
    share_some, share_many = share(some), share(many)
    if not some or share_some <= config.bias_share:
        return _NO_CONCERN
    flagged = many if many and share_many > config.bias_share else some
    details = "; ".join(
        f"{link.study.key}: {', '.join(concerns(link.study))}" for link in _unique(flagged)
    )
    levels = 2 if flagged is many else 1
    what = "two or more concerns" if levels == 2 else "a concern"
    if any(link.participants is None for link in flagged):
        held = "may hold most participants (one does not report n)"
    else:
        held = f"hold {share_many if levels == 2 else share_some:.0%} of the participants"
    return _Rating(levels, f"studies with {what} {held} at the start level ({details})")


def _unique(links: Iterable[Link]) -> list[Link]:
    seen: set[str] = set()
    out: list[Link] = []
    for link in links:
        if link.study.key not in seen:
            seen.add(link.study.key)
            out.append(link)
    return out


def _body_effect(pooled: Effect | None, body: list[Link]) -> tuple[Effect, str] | None:
    """The effect imprecision is judged from: the claim's pooled effect, else the effect
    of the one study that holds every reported participant of the body (other studies
    without n cannot take that place: they count against the body, never for it)."""
    if pooled is not None:
        return pooled, "pooled"
    counted = _counted(body)
    with_effect = [link for link in counted if link.effect is not None]
    sized = [link for link in counted if _link_n(link) is not None]
    if not with_effect:
        return None
    best = max(with_effect, key=lambda link: _link_n(link) or 0)
    if _link_n(best) is not None and all(link.study.key == best.study.key for link in sized):
        assert best.effect is not None
        return best.effect, best.study.key
    return None


def _link_n(link: Link) -> int | None:
    if link.participants is not None:
        return link.participants
    return link.effect.n if link.effect is not None else None


def _imprecision_from_effect(
    effect: Effect, whose: str, body: list[Link], config: GradingConfig, mid: Mid | None
) -> _Rating:
    ratio = effect.measure in RATIO_MEASURES
    null = 1.0 if ratio else 0.0
    ci = f"95 % CI {_num(effect.low)} to {_num(effect.high)}"
    label = f"{'pooled ' if whose == 'pooled' else ''}{effect.measure} {_num(effect.estimate)}"
    if whose != "pooled":
        label += f" ({whose})"

    findings: list[_Rating] = []
    if mid is not None and mid.measure == effect.measure:
        findings += _against_mid(effect, mid, ci)
    else:
        findings += _against_defaults(effect, config, ci, null)

    # Optimal information size: checked only when n or events are known (design v2).
    # A pooled effect is judged on its own n, not on the links that happen to be
    # entered: adding a study to the claim cannot make the pooled estimate less precise.
    n = effect.n
    if n is None and whose != "pooled":
        n = _total_n(body)
    events_known = effect.events is not None and effect.measure in DICHOTOMOUS_MEASURES
    if n is not None and n < config.imprecision_n_very:
        # Far below any optimal information size (GRADE guidance 34: rate down more
        # than one level when the sample is far less than the OIS).
        findings.append(_Rating(2, f"total n {n} is below {config.imprecision_n_very}"))
    elif events_known:
        assert effect.events is not None
        if effect.events < config.ois_events:
            findings.append(
                _Rating(
                    1,
                    f"{effect.events} events, below the optimal information size "
                    f"of {config.ois_events} events",
                )
            )
    elif n is not None and n < config.ois_participants:
        findings.append(
            _Rating(
                1,
                f"total n {n} is below the optimal information size "
                f"of {config.ois_participants} participants",
            )
        )
    levels = min(2, max((f.levels for f in findings), default=0))
    if n is None and not events_known:
        note = "the information size could not be checked (n not reported)"
        if levels == 0:
            return _Rating(0, f"{label}: {ci}; {note}")
        findings.append(_Rating(0, note))
    if levels == 0:
        return _NO_CONCERN
    return _Rating(levels, f"{label}: " + "; ".join(f.reason for f in findings))


def _against_defaults(effect: Effect, config: GradingConfig, ci: str, null: float) -> list[_Rating]:
    """GRADE guidance 6: rate down when the CI crosses no effect (unless it stays inside
    both appreciable-effect thresholds), twice when it spans both thresholds."""
    lower: float | None = None
    upper: float | None = None
    if effect.measure in RATIO_MEASURES:
        lower, upper = config.ratio_low, config.ratio_high
    else:
        margin = config.margin(effect.measure)
        if margin is not None:
            lower, upper = -margin, margin
    findings: list[_Rating] = []
    if lower is not None and upper is not None and effect.low < lower and effect.high > upper:
        findings.append(
            _Rating(
                2,
                f"{ci} spans both an appreciable benefit (below {_num(lower)}) "
                f"and an appreciable harm (above {_num(upper)})",
            )
        )
    if effect.low <= null <= effect.high:
        inside = (
            lower is not None and upper is not None and lower <= effect.low and effect.high <= upper
        )
        if not (config.precise_null and inside):
            findings.append(_Rating(1, f"{ci} crosses {_num(null)} (no effect)"))
    return findings


def _against_mid(effect: Effect, mid: Mid, ci: str) -> list[_Rating]:
    """The minimally contextualised approach (GRADE guidance 34; Core GRADE 2): the
    point estimate against the MID sets the target (an important effect, or little
    to no effect); rate down once when the CI crosses the MID on either side, twice
    when it includes both an important decrease and an important increase."""
    lower, upper = mid.thresholds()
    if effect.low < lower and effect.high > upper:
        return [
            _Rating(
                2,
                f"{ci} includes both an important decrease (below {_num(lower)}) and an "
                f"important increase (above {_num(upper)}), the claim's MID",
            )
        ]
    if (effect.estimate < lower and effect.high > lower) or (
        effect.estimate > upper and (effect.low < upper)
    ):
        return [_Rating(1, f"{ci} crosses the claim's MID: the effect may not be important")]
    if lower <= effect.estimate <= upper and (effect.low < lower or effect.high > upper):
        return [_Rating(1, f"{ci} reaches beyond the claim's MID: the effect may be important")]
    return []


def _imprecision_from_size(body: list[Link], config: GradingConfig) -> _Rating:
    """Without an effect: a single study, or total n below `imprecision_n`: -1; below
    `imprecision_n_very`: -2. Only reported n counts; a study without n never lowers
    the concern (it is not a second study, nor participants), and a body where none
    reports n is read as below `imprecision_n_very`."""
    counted = _counted(body)
    sized = [link for link in counted if link.participants is not None]
    missing = [link for link in counted if link.participants is None]
    reasons: list[str] = []
    levels = 0
    if not sized:
        # Read at its worst, as below `imprecision_n_very`: were it -1, adding a
        # 10-patient trial would lower the grade, so not reporting n would pay.
        levels = 2
        reasons.append(
            f"n not reported ({_keys(missing)}), so read as below {config.imprecision_n_very}"
        )
    else:
        total = sum(link.participants or 0 for link in sized)
        if total < config.imprecision_n_very:
            levels = 2
            reasons.append(f"total n {total} is below {config.imprecision_n_very}")
        elif total < config.imprecision_n:
            levels = 1
            reasons.append(f"total n {total} is below {config.imprecision_n}")
        if missing and levels:
            reasons.append(f"n not reported ({_keys(missing)}), so not counted")
        studies = _unique(sized)
        if len(studies) == 1:
            levels = max(levels, 1)
            only = "a single study" if not missing else "a single study reporting n"
            reasons.insert(0, f"{only} ({studies[0].study.key})")
    if levels == 0:
        return _NO_CONCERN
    return _Rating(levels, "; ".join(reasons))


def _imprecision(
    pooled: Effect | None, mid: Mid | None, body: list[Link], config: GradingConfig
) -> _Rating:
    found = _body_effect(pooled, body)
    if found is not None:
        return _imprecision_from_effect(found[0], found[1], body, config, mid)
    return _imprecision_from_size(body, config)


def _centre_and_range(value: Value) -> tuple[float, float, float] | None:
    low = value.low if value.low is not None else value.estimate
    high = value.high if value.high is not None else value.estimate
    if low is None or high is None:
        return None
    low, high = min(low, high), max(low, high)
    centre = value.estimate if value.estimate is not None else (low + high) / 2
    return centre, low, high


def _disagree(a: Value, b: Value, tolerance: float) -> bool:
    ra, rb = _centre_and_range(a), _centre_and_range(b)
    if ra is None or rb is None or a.unit != b.unit:
        return False
    (ca, la, ha), (cb, lb, hb) = ra, rb
    if la <= hb and lb <= ha:  # ranges overlap
        return False
    scale = max(abs(ca), abs(cb))
    return scale > 0 and abs(ca - cb) > tolerance * scale


def _show_value(value: Value) -> str:
    unit = f" {value.unit}" if value.unit else ""
    if value.low is not None and value.high is not None:
        text = f"{_num(value.low)}-{_num(value.high)}"
        if value.estimate is not None:
            text = f"{_num(value.estimate)} ({text})"
        return text + unit
    if value.estimate is not None:
        return _num(value.estimate) + unit
    return "?"


def _inconsistency(
    body: list[Link], opposing: list[Link], start: int, config: GradingConfig, opposed: str
) -> _Rating:
    reasons: list[str] = []
    against = [link for link in opposing if _level(link.study) >= start - config.inconsistency_gap]
    if against:
        designs = "; ".join(f"{link.study.key} ({_design_name(link.study)})" for link in against)
        reasons.append(f"{opposed} by evidence of a comparable design: {designs}")
    valued = [link for link in body if link.value is not None]
    for i, first in enumerate(valued):
        for second in valued[i + 1 :]:
            assert first.value is not None and second.value is not None
            if _disagree(first.value, second.value, config.value_tolerance):
                reasons.append(
                    f"supporting values disagree: {first.study.key} reports "
                    f"{_show_value(first.value)}, {second.study.key} {_show_value(second.value)}"
                )
                break
        else:
            continue
        break
    if not reasons:
        return _NO_CONCERN
    return _Rating(1, "; ".join(reasons))


def _facets(link: Link, claim: ClaimEvidence) -> dict[str, str]:
    found = {facet: "flagged by hand" for facet in sorted(link.indirect)}
    study = link.study
    if study.routes and not claim.routes <= study.routes:
        lacking = ", ".join(sorted(claim.routes - study.routes))
        found.setdefault("intervention", f"routes {', '.join(sorted(study.routes))} lack {lacking}")
    if (
        study.condition is not None
        and study.condition != "any"
        and claim.condition != "any"
        and study.condition != claim.condition
    ):
        found.setdefault("population", f"condition {study.condition}, not {claim.condition}")
    return found


def _indirectness(claim: ClaimEvidence, body: list[Link]) -> _Rating:
    """Indirect when every study that reports n is; when none does, when any is (a
    study without n can never make a body more direct: it counts against, never for)."""
    sized = [link for link in body if link.participants is not None]
    per_link = [(link, _facets(link, claim)) for link in (sized or body)]
    indirect = [(link, facets) for link, facets in per_link if facets]
    if sized:
        if len(indirect) < len(per_link):
            return _NO_CONCERN
        levels = min(2, min(len(facets) for _, facets in indirect))
        which = "every supporting link" if len(sized) == len(body) else "every link reporting n"
    else:
        if not indirect:
            return _NO_CONCERN
        levels = min(2, max(len(facets) for _, facets in indirect))
        which = "every supporting link" if len(indirect) == len(body) else "a link without n"
    details = "; ".join(
        f"{link.study.key}: " + ", ".join(f"{facet} ({why})" for facet, why in facets.items())
        for link, facets in indirect
    )
    what = "two or more facets" if levels == 2 else "a facet"
    return _Rating(levels, f"{which} is indirect in {what}: {details}")


def _publication_bias(body: list[Link], config: GradingConfig) -> _Rating:
    flagged: list[str] = []
    for link in body:
        flags = [f for f in config.publication_bias_flags if f in link.study.quality]
        if "publication-bias" in link.flags:
            flags.append("publication-bias")
        if flags:
            flagged.append(f"{link.study.key} ({', '.join(flags)})")
    if not flagged:
        return _NO_CONCERN
    return _Rating(1, f"flagged: {'; '.join(flagged)}")


# --------------------------------------------------------------------------
# Editorial notices: a pre-filter before the body is formed (issue 16)

CONCERN_FLAG = "expression-of-concern"


def _screen_notices(
    claim: ClaimEvidence, config: GradingConfig
) -> tuple[ClaimEvidence, GradingConfig, list[Step]]:
    """Drop the links of retracted works (every stance), and make an expression of
    concern a risk-of-bias concern; each as a 0-change `retraction` step naming the
    notice. Corrections are shown elsewhere, not graded; a reinstatement undoes a
    retraction (`notices.standing`)."""
    if not any(link.study.notices for link in claim.links):
        return claim, config, []
    kept: list[Link] = []
    steps: list[Step] = []
    said: set[str] = set()
    for link in claim.links:
        found = standing(link.study.notices)
        key = link.study.key
        if found.retraction is not None:
            why = f"excluded: {key} {found.retraction.describe()} ({link.stance})"
            steps.append(Step("retraction", 0, why))
            continue
        if found.concerns:
            if key not in said:
                said.add(key)
                what = "; ".join(notice.describe() for notice in found.concerns)
                steps.append(Step("retraction", 0, f"{key}: {what}, a risk-of-bias concern"))
            study = replace(link.study, quality=link.study.quality | {CONCERN_FLAG})
            link = replace(link, study=study)
        kept.append(link)
    concerned = any(CONCERN_FLAG in link.study.quality for link in kept)
    if concerned and CONCERN_FLAG not in config.bias_flags:
        config = replace(config, bias_flags=(*config.bias_flags, CONCERN_FLAG))
    return replace(claim, links=tuple(kept)), config, steps


# --------------------------------------------------------------------------
# The grade


def _domain_step(
    domain: str, automatic: _Rating, judgements: Mapping[str, Judgement]
) -> Step | None:
    judgement = judgements.get(domain)
    if judgement is None:
        if automatic.levels == 0:
            # A 0-change step only to say what could not be checked.
            return Step(domain, 0, automatic.reason) if automatic.reason else None
        return Step(domain, -automatic.levels, automatic.reason)
    levels = JUDGEMENT_LEVELS[judgement.level]
    reason = (
        f"judged by the reviewer: {judgement.reason}"
        if judgement.reason
        else (f"judged by the reviewer: {judgement.level}")
    )
    if levels == 0:
        if automatic.levels == 0:
            return None
        reason += (
            f" (the automatic rule would have rated down {automatic.levels}: {automatic.reason})"
        )
    return Step(domain, -levels, reason)


def _grade_body(
    claim: ClaimEvidence,
    body: list[Link],
    opposing: list[Link],
    config: GradingConfig,
    *,
    judgements: Mapping[str, Judgement],
    pooled: Effect | None,
    what: str,
) -> tuple[int, list[Step]]:
    """One body of evidence (supporting or contradicting) graded by the rules above:
    its level (0 when empty) and the steps that led there."""
    if not body:
        return 0, [Step("start", 0, f"no {what} evidence")]
    start = max(_level(link.study) for link in body)
    best = [link for link in body if _level(link.study) == start]
    designs = sorted({_design_name(link.study) for link in best})
    steps = [
        Step(
            "start",
            start,
            f"starts {LEVEL_NAME[start]} ({start}): best {what} design "
            f"{' / '.join(designs)} ({_keys(best)})",
        )
    ]
    ratings = {
        "risk_of_bias": _risk_of_bias(body, start, config),
        "imprecision": _imprecision(pooled, claim.mid, body, config),
        "inconsistency": _inconsistency(
            body,
            opposing,
            start,
            config,
            "contradicted" if what == "supporting" else "opposed",
        ),
        "indirectness": _indirectness(claim, body),
        "publication_bias": _publication_bias(body, config),
    }
    for domain, automatic in ratings.items():
        step = _domain_step(domain, automatic, judgements)
        if step is not None:
            steps.append(step)
    rated_down = any(step.change < 0 for step in steps[1:])
    if start < 4 and not rated_down:
        for flag, domain in (("large-effect", "large_effect"), ("dose-response", "dose_response")):
            # Only a study that reports its size can rate up: an effect of unknown
            # precision cannot be judged large (and a missing n never counts for a body).
            carriers = [
                link for link in _counted(body) if flag in link.flags and _link_n(link) is not None
            ]
            if carriers:
                steps.append(Step(domain, 1, f"{flag} flagged on {_keys(carriers)}"))
    return max(1, min(4, sum(step.change for step in steps))), steps


def _check_description(claim: ClaimEvidence) -> Grade:
    """A description is checked against the records it describes, not graded."""
    refuting = [link for link in claim.links if link.stance == "contradicts"]
    unverified = [link for link in claim.links if link.study.verification != "verified"]
    not_supporting = [link for link in claim.links if link.stance != "supports"]
    if refuting:
        status, reason = "refuted", f"contradicted by the record of {_keys(refuting)}"
    elif not claim.links:
        status, reason = "unchecked", "no described source is linked"
    elif unverified or not_supporting:
        why = []
        if unverified:
            why.append(f"{_keys(unverified)} not a verified record")
        if not_supporting:
            why.append(f"{_keys(not_supporting)} only qualifies it")
        status, reason = "unchecked", "; ".join(why)
    else:
        status, reason = "confirmed", f"the verified record of {_keys(claim.links)} supports it"
    return Grade(
        certainty=None,
        status=status,
        steps=(Step("check", 0, f"a description, checked not graded: {reason}"),),
        total_n=_total_n(claim.links),
        certainty_against=None,
    )


def grade(claim: ClaimEvidence, config: GradingConfig = DEFAULT_CONFIG) -> Grade:
    """Grade the evidence behind a claim; every change is a `Step` with its reason.

    A finding's supporting and contradicting bodies are graded by the same rules
    (the reviewer's judgements, pooled effect and override belong to the supporting
    body); descriptions are checked and definitions confirmed, with no certainty.
    """
    unknown = set(claim.judgements) - set(JUDGEMENT_DOMAINS)
    if unknown:
        raise ValueError(
            f"unknown judgement domain {min(unknown)!r} (one of {', '.join(JUDGEMENT_DOMAINS)})"
        )
    if claim.kind == "description":
        return _check_description(claim)
    if claim.kind == "definition":
        return Grade(
            certainty=None,
            status="confirmed",
            steps=(Step("definition", 0, f"true by definition: {claim.rationale or ''}".strip()),),
            total_n=_total_n(link for link in claim.links if link.stance == "supports"),
            certainty_against=None,
        )
    claim, config, notice_steps = _screen_notices(claim, config)
    body = [link for link in claim.links if link.stance == "supports"]
    against = [link for link in claim.links if link.stance == "contradicts"]
    level, steps = _grade_body(
        claim,
        body,
        against,
        config,
        judgements=claim.judgements,
        pooled=claim.pooled_effect,
        what="supporting",
    )
    steps[1:1] = notice_steps  # right after the start step
    if claim.override is not None:
        new = LEVEL_OF_CERTAINTY[claim.override.certainty]
        steps.append(
            Step("override", new - level, f"reviewer override: {claim.override.rationale}")
        )
        level = new
    level_against, steps_against = _grade_body(
        claim, against, body, config, judgements={}, pooled=None, what="contradicting"
    )
    return Grade(
        certainty=CERTAINTY_OF_LEVEL.get(level, "none"),
        status=_status(claim, level if body else 0, level_against, bool(against)),
        steps=tuple(steps),
        total_n=_total_n(body),
        certainty_against=CERTAINTY_OF_LEVEL.get(level_against, "none"),
        steps_against=tuple(steps_against) if against else (),
    )


def _status(claim: ClaimEvidence, level: int, level_against: int, contradicted: bool) -> str:
    """The first status that holds (docs/grading.md); `level` is 0 with no supporting link."""
    if contradicted and level_against > level:
        return "contradicted"
    if (contradicted and level) or claim.disputed:
        return "contested"
    if not level:
        return "unsupported"
    return "strong" if level >= 3 else "weak"


def levels_reached(steps: Iterable[Mapping[str, object]]) -> list[int]:
    """The level each step of a recorded derivation reaches, as `show` prints it.

    Once a body has started (at 1 or more), rating down stops at very low (1),
    as the final grade does; a body that never started stays at 0 (none).
    """
    levels, level, start = [], 0, 0
    for step in steps:
        change = int(str(step["change"]))
        if step["domain"] == "start":
            level = start = change
        else:
            level += change
        levels.append(max(1 if start > 0 else 0, min(4, level)))
    return levels
