"""Controlled vocabularies: routes, topics, designs, flags, and their aliases.

Everything that a data file may name is listed here, or (routes, topics, conditions)
declared by the evidence base and looked up here, so that validation, grading and the
CLI agree on one spelling of each term.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from .errors import NotFound
from .load.vocabfile import Vocabulary, shipped_vocabulary

# The routes, topics and conditions are the evidence base's own: declared in its
# vocabulary.yaml (`vocabfile`), the shipped base declaring ketamine's. The one in use is
# the base a command reads (`activate`); until then, the shipped base's.
_active: Vocabulary | None = None


def active() -> Vocabulary:
    """The vocabulary in use: the base's being read, or the shipped base's."""
    return _active if _active is not None else shipped_vocabulary()


def activate(vocabulary: Vocabulary | None) -> Vocabulary | None:
    """Use `vocabulary` from now on (None: the shipped base's); returns the one it replaces."""
    global _active
    previous, _active = _active, vocabulary
    return previous


@contextmanager
def restoring() -> Iterator[None]:
    """Inside the block, activate freely: the vocabulary in use before comes back after."""
    previous = _active
    try:
        yield
    finally:
        activate(previous)


@contextmanager
def using(vocabulary: Vocabulary) -> Iterator[Vocabulary]:
    """Use `vocabulary` inside the block, and the previous one again afterwards."""
    previous = activate(vocabulary)
    try:
        yield vocabulary
    finally:
        activate(previous)


_BASE_TERMS: dict[str, Callable[[Vocabulary], Any]] = {
    "ROUTES": lambda v: v.routes,
    "ROUTE_ALIASES": lambda v: v.route_aliases,
    "TOPICS": lambda v: v.topics,
    "CONDITIONS": lambda v: v.conditions,
    "CONDITION_ALIASES": lambda v: v.condition_aliases,
}


def __getattr__(name: str) -> Any:
    """`vocab.ROUTES` and the like, as they were before bases declared them: the terms of
    the vocabulary in use (prefer `active().routes`)."""
    if name in _BASE_TERMS:
        return _BASE_TERMS[name](active())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
CLAIM_KINDS: tuple[str, ...] = ("finding", "description", "definition", "count", "appraisal")
# A comparative claim: one route better than another, or different from it (docs/grading.md).
COMPARISONS: tuple[str, ...] = ("superiority", "difference")
# Designs that pool other studies: a link may say it lies `within:` one of these.
POOLED_DESIGNS: tuple[str, ...] = ("meta-analysis", "systematic-review")
INDIRECTNESS: tuple[str, ...] = ("population", "intervention", "comparator", "outcome")
LINK_FLAGS: tuple[str, ...] = (
    "large-effect",
    "dose-response",
    "plausible-confounding",  # all plausible confounding would reduce the effect shown
    "publication-bias",
)

CERTAINTIES: tuple[str, ...] = ("none", "very_low", "low", "moderate", "high")
CERTAINTY_OF_LEVEL: dict[int, str] = {1: "very_low", 2: "low", 3: "moderate", 4: "high"}
LEVEL_OF_CERTAINTY: dict[str, int] = {v: k for k, v in CERTAINTY_OF_LEVEL.items()} | {"none": 0}
# Every claim status, one row each, in the order lists show them: the findings' (in the
# order they are decided, docs/grading.md), then the checked kinds'. A row gives the kind
# of claim it is a status of, its rank from the worst (the draft checker's verdict order;
# None: never a verdict), and whether it is a gap (`gaps`). Adding a status is one row.
_STATUS_ROWS: tuple[tuple[str, str, int | None, bool], ...] = (
    # status          kind       worst  gap
    ("contradicted", "finding", 1, True),
    ("very_uncertain", "finding", 4, True),  # GRADE's "very uncertain": only very-low against
    ("contested", "finding", 5, True),
    ("unsupported", "finding", 6, True),
    ("strong", "finding", 9, False),
    ("weak", "finding", 7, True),
    ("confirmed", "checked", 10, False),
    ("partly", "checked", 3, False),  # an appraisal only partly right: a sentence repeats it
    ("refuted", "checked", 2, True),
    ("unchecked", "checked", 8, True),
)
STATUSES: tuple[str, ...] = tuple(row[0] for row in _STATUS_ROWS)
FINDING_STATUSES: tuple[str, ...] = tuple(row[0] for row in _STATUS_ROWS if row[1] == "finding")
CHECKED_STATUSES: tuple[str, ...] = tuple(row[0] for row in _STATUS_ROWS if row[1] == "checked")
# The statuses a draft's sentence can be given as its verdict, the worst first.
STATUSES_WORST_FIRST: tuple[str, ...] = tuple(
    row[0] for row in sorted(_STATUS_ROWS, key=lambda row: row[2] or 0) if row[2] is not None
)
# Findings that are not strong and descriptions that are not confirmed (docs/grading.md).
GAP_STATUSES: tuple[str, ...] = tuple(row[0] for row in _STATUS_ROWS if row[3])
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
# GRADE's three reasons to rate up, each a reviewer may judge: its levels in GRADE's words
# and the levels each rates up (GRADE guidelines 9, Guyatt et al. 2011).
RATING_UP_LEVELS: dict[str, dict[str, int]] = {
    "large_effect": {"none": 0, "large": 1, "very-large": 2},
    "dose_response": {"none": 0, "present": 1},
    "plausible_confounding": {"none": 0, "present": 1},
}


def _canonical(value: str, terms: tuple[str, ...], aliases: dict[str, str]) -> str | None:
    key = value.strip().lower()
    for term in terms:
        if term.lower() == key:
            return term
    return aliases.get(key)


def canonical_route(value: str) -> str | None:
    """The route's canonical spelling (`intramuscular` -> `IM`), or None if the base in use
    does not declare it."""
    return _canonical(value, active().routes, active().route_aliases)


def canonical_topic(value: str) -> str | None:
    """The topic's canonical spelling, or None if the base in use does not declare it."""
    return _canonical(value, active().topics, active().topic_aliases)


def canonical_design(value: str) -> str | None:
    """The design's canonical spelling (`randomized` -> `rct`), or None if unknown."""
    return _canonical(value.replace(" ", "-"), DESIGNS, DESIGN_ALIASES)


def canonical_condition(value: str) -> str | None:
    """The condition's canonical spelling (`MDD` -> `depression`), or None if the base in
    use does not declare it."""
    return _canonical(value, active().conditions, active().condition_aliases)


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


def lookup(
    kind: str,
) -> tuple[Callable[[str], str | None], tuple[str, ...], dict[str, str] | None]:
    """What a user may name of `kind`: its canonical spelling (or None), the terms, their
    aliases. Routes, topics and conditions are the base's in use."""
    base = active()
    return {
        "route": (canonical_route, base.routes, base.route_aliases),
        "design": (canonical_design, DESIGNS, DESIGN_ALIASES),
        "topic": (canonical_topic, base.topics, base.topic_aliases),
        "condition": (canonical_condition, base.conditions, base.condition_aliases),
        "status": (_canonical_status, STATUSES, None),
        "certainty": (_canonical_certainty, CERTAINTIES, None),
    }[kind]


def parse_terms(kind: str, values: Iterable[str] | None) -> tuple[str, ...]:
    """The canonical terms of a kind (route, design, topic, condition, status, certainty)
    a user named, in order and once each; `IM,IV` and `IM`, `IV` mean the same.

    Raises NotFound naming the nearest terms for one that is not in the vocabulary.
    """
    canonical, terms, aliases = lookup(kind)
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
