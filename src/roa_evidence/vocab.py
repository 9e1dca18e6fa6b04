"""Controlled vocabularies: routes, topics, designs, flags, and their aliases.

Everything that a data file may name is listed here, so that validation,
grading and the CLI agree on one spelling of each term.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from .errors import NotFound

ROUTES: tuple[str, ...] = ("IV", "IM", "IN", "oral", "SL", "rectal", "SC")
ROUTE_ALIASES: dict[str, str] = {
    "intravenous": "IV",
    "infusion": "IV",
    "intramuscular": "IM",
    "intranasal": "IN",
    "nasal": "IN",
    "po": "oral",
    "sublingual": "SL",
    "subcutaneous": "SC",
    "pr": "rectal",
}

TOPICS: tuple[str, ...] = (
    "efficacy",
    "onset",
    "duration",
    "bioavailability",
    "metabolism",
    "rate-control",
    "safety",
    "tolerability",
    "experience",
    "cost",
    "access",
    "evidence-base",
    "purity",
    # Extensions beyond the design's list, each needed by a claim:
    "dosing",  # doses and concentrations ("intranasal 50-200 mg/ml")
    "mechanism",  # how ketamine acts ("targets NMDA receptors")
    "practice",  # how care is delivered: setting, staff, group therapy
)

CONDITIONS: tuple[str, ...] = (
    "any",
    "depression",
    "suicidality",
    "pain",
    "sedation",
    "anaesthesia",
    "ptsd",
    "anxiety",
    "healthy",
    "recreational",
)
CONDITION_ALIASES: dict[str, str] = {
    "mdd": "depression",
    "trd": "depression",
    "anesthesia": "anaesthesia",
    "suicidal-ideation": "suicidality",
}

# Designs, best first, with the GRADE starting level each earns (4 high ... 1 very low).
DESIGN_LEVEL: dict[str, int] = {
    "meta-analysis": 4,
    "systematic-review": 4,
    "rct": 4,
    "crossover-rct": 4,
    "pk-study": 4,
    "non-randomized-trial": 2,
    "cohort": 2,
    "case-control": 2,
    "cross-sectional": 2,
    "case-series": 1,
    "case-report": 1,
    "narrative-review": 1,
    "guideline": 1,
    "expert-opinion": 1,
    "patient-reports": 1,
    "web-article": 1,
}
DESIGNS: tuple[str, ...] = tuple(DESIGN_LEVEL)
# What people type for a design ("randomized" is an RCT, not a non-randomized trial).
DESIGN_ALIASES: dict[str, str] = {
    "randomized": "rct",
    "randomised": "rct",
    "randomized-controlled-trial": "rct",
    "randomised-controlled-trial": "rct",
    "randomized-trial": "rct",
    "randomised-trial": "rct",
    "crossover": "crossover-rct",
    "cross-over": "crossover-rct",
    "meta": "meta-analysis",
    "metaanalysis": "meta-analysis",
    "systematic": "systematic-review",
    "pharmacokinetic": "pk-study",
    "pk": "pk-study",
    "case-study": "case-report",
    "anecdotes": "patient-reports",
    "web": "web-article",
}

BLINDING: tuple[str, ...] = (
    "double-blind",
    "single-blind",
    "open-label",
    "not-applicable",
    "unclear",
)

QUALITY_FLAGS: tuple[str, ...] = (
    "no-control",
    "not-randomized",
    "small-sample",
    "single-centre",
    "high-attrition",
    "stopped-early",
    "industry-funded",
    "not-peer-reviewed",
    "retracted",
    "conference-abstract",
    "indirect-population",
    "doi-not-found",
    "citation-error",
    "secondary-source",
)

VERIFICATION: tuple[str, ...] = ("verified", "secondary", "unverified")

STANCES: tuple[str, ...] = ("supports", "contradicts", "qualifies")

# What a claim is (docs/grading.md): graded empirical findings, checked descriptions of a
# source, and definitions that hold by their rationale.
KINDS: tuple[str, ...] = ("finding", "description", "definition", "count", "appraisal")
# A comparative claim: one route better than another, or different from it (docs/grading.md).
COMPARISONS: tuple[str, ...] = ("superiority", "difference")
# Designs that pool other studies: a link may say it lies `within:` one of these.
POOLED_DESIGNS: tuple[str, ...] = ("meta-analysis", "systematic-review")
INDIRECTNESS: tuple[str, ...] = ("population", "intervention", "comparator", "outcome")
LINK_FLAGS: tuple[str, ...] = ("large-effect", "dose-response", "publication-bias")

CERTAINTIES: tuple[str, ...] = ("none", "very_low", "low", "moderate", "high")
CERTAINTY_OF_LEVEL: dict[int, str] = {1: "very_low", 2: "low", 3: "moderate", 4: "high"}
LEVEL_OF_CERTAINTY: dict[str, int] = {v: k for k, v in CERTAINTY_OF_LEVEL.items()} | {"none": 0}
# Findings' statuses (docs/grading.md, in the order they are decided), then the checked kinds'.
FINDING_STATUSES: tuple[str, ...] = (
    "contradicted",
    "very_uncertain",  # GRADE's "very uncertain": only very-low evidence against
    "contested",
    "unsupported",
    "strong",
    "weak",
)
CHECKED_STATUSES: tuple[str, ...] = ("confirmed", "partly", "refuted", "unchecked")
STATUSES: tuple[str, ...] = FINDING_STATUSES + CHECKED_STATUSES
NOT_GRADED = "not graded"  # how a description's or definition's null certainty is shown


EFFECT_MEASURES: tuple[str, ...] = ("RR", "OR", "HR", "RD", "MD", "SMD")
# Ratios: 1 is no difference, and every value (estimate and interval) is above 0.
RATIO_MEASURES: frozenset[str] = frozenset({"RR", "OR", "HR"})
# In this order, a column each of the evidence CSV (a contract: add a domain at the end).
JUDGEMENT_DOMAINS: tuple[str, ...] = (
    "risk_of_bias",
    "inconsistency",
    "indirectness",
    "imprecision",
    "publication_bias",
)
JUDGEMENT_LEVELS: dict[str, int] = {"not-serious": 0, "serious": 1, "very-serious": 2}


def _canonical(value: str, terms: tuple[str, ...], aliases: dict[str, str]) -> str | None:
    key = value.strip().lower()
    for term in terms:
        if term.lower() == key:
            return term
    return aliases.get(key)


def canonical_route(value: str) -> str | None:
    """The route's canonical spelling (`intramuscular` -> `IM`), or None if unknown."""
    return _canonical(value, ROUTES, ROUTE_ALIASES)


def canonical_topic(value: str) -> str | None:
    """The topic's canonical spelling, or None if unknown."""
    return _canonical(value, TOPICS, {})


def canonical_design(value: str) -> str | None:
    """The design's canonical spelling (`randomized` -> `rct`), or None if unknown."""
    return _canonical(value.replace(" ", "-"), DESIGNS, DESIGN_ALIASES)


def canonical_condition(value: str) -> str | None:
    """The condition's canonical spelling (`MDD` -> `depression`), or None if unknown."""
    return _canonical(value, CONDITIONS, CONDITION_ALIASES)


def nearest(
    value: str,
    terms: tuple[str, ...] | list[str],
    limit: int = 3,
    aliases: dict[str, str] | None = None,
) -> str:
    """A hint naming the valid terms closest to `value` (or all of them, if few).

    Aliases count as spellings of their term: 'intramuscles' suggests 'IM'.
    """
    spellings = {term.lower(): term for term in terms}
    spellings.update({alias.lower(): term for alias, term in (aliases or {}).items()})
    close = difflib.get_close_matches(value.lower(), list(spellings), n=limit * 2, cutoff=0.6)
    suggestions = list(dict.fromkeys(spellings[c] for c in close))[:limit]
    if suggestions:
        return "did you mean " + " or ".join(f"'{c}'" for c in suggestions) + "?"
    shown = ", ".join(terms[:20]) + (", ..." if len(terms) > 20 else "")
    return f"expected one of {shown}"


def _canonical_status(value: str) -> str | None:
    return value.lower() if value.lower() in STATUSES else None


def _canonical_certainty(value: str) -> str | None:
    spelled = value.lower().replace(" ", "_").replace("-", "_")
    return spelled if spelled in CERTAINTIES else None


# kind -> (canonical spelling or None, the terms, their aliases): what a user may name
_LOOKUP: dict[str, tuple[Callable[[str], str | None], tuple[str, ...], dict[str, str] | None]] = {
    "route": (canonical_route, ROUTES, ROUTE_ALIASES),
    "design": (canonical_design, DESIGNS, DESIGN_ALIASES),
    "topic": (canonical_topic, TOPICS, None),
    "condition": (canonical_condition, CONDITIONS, CONDITION_ALIASES),
    "status": (_canonical_status, STATUSES, None),
    "certainty": (_canonical_certainty, CERTAINTIES, None),
}


def parse_terms(kind: str, values: Iterable[str] | None) -> tuple[str, ...]:
    """The canonical terms of a kind (route, design, topic, condition, status, certainty)
    a user named, in order and once each; `IM,IV` and `IM`, `IV` mean the same.

    Raises NotFound naming the nearest terms for one that is not in the vocabulary.
    """
    canonical, terms, aliases = _LOOKUP[kind]
    found: list[str] = []
    for value in (part.strip() for v in values or [] for part in v.split(",")):
        if not value:
            continue
        term = canonical(value)
        if term is None:
            hint = nearest(value, terms, aliases=aliases)
            if not hint.startswith("expected"):  # a suggestion: name the whole list too
                hint += f" (one of {', '.join(terms)})"
            raise NotFound(f"unknown {kind} '{value}'; {hint}")
        found.append(term)
    return tuple(dict.fromkeys(found))
