"""Every threshold of the grading rules (`GradingConfig`), read from data/grading.toml
with each value's type checked; `DEFAULT_CONFIG` holds GRADE's defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

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
    # a review team may count a record not checked against its source as a concern
    rate_down_unverified: bool = False
    # imprecision without an effect (sample size)
    imprecision_n: int = 400
    imprecision_n_very: int = 50
    # levels for a body where no study reports n and there is no effect: imprecision
    # cannot be judged from the data, so at most one level (issue 21)
    unsized_imprecision: int = 1
    # imprecision from an effect
    ois_participants: int = 400  # GRADE guidance 6: ~400 for a 0.2 SD difference
    ois_events: int = 300  # GRADE guidance 6: fewer than 300 events raises concern
    ratio_low: float = 0.75  # RR/OR/HR: appreciable benefit below (25 % relative reduction)
    ratio_high: float = 1.25  # ... appreciable harm above (25 % relative increase)
    smd_margin: float | None = 0.5  # SMD: appreciable beyond -0.5 / +0.5 (moderate effect)
    md_margin: float | None = None  # MD: depends on the scale; off unless set
    rd_margin: float | None = None  # RD: depends on the baseline risk; off unless set
    precise_null: bool = True  # a CI crossing no effect inside both thresholds is precise
    # levels for a CI spanning both thresholds when n (or events) meets the OIS
    wide_ci_with_ois_met: int = 2
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
        if self.wide_ci_with_ois_met not in (1, 2):
            problems.append("wide_ci_with_ois_met must be 1 or 2")
        if not 0 <= self.unsized_imprecision <= 2:
            problems.append("unsized_imprecision must be 0, 1 or 2")
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
        "rate_down_unverified": _BOOL,
        "imprecision_n": _INT,
        "imprecision_n_very": _INT,
        "unsized_imprecision": _INT,
        "ois_participants": _INT,
        "ois_events": _INT,
        "ratio_low": _FLOAT,
        "ratio_high": _FLOAT,
        "smd_margin": _OPT_FLOAT,
        "md_margin": _OPT_FLOAT,
        "rd_margin": _OPT_FLOAT,
        "precise_null": _BOOL,
        "wide_ci_with_ois_met": _INT,
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
