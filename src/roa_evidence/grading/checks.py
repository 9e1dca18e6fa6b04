"""Claims that are not effects, checked instead of graded (docs/grading.md):

- a `count` claim about the literature ("a single published study of IM ketamine for
  depression") is checked against the base's own records: the works that match what
  the claim says to count (routes, condition, designs, up to the document's date);
  the base's records are the scope, not the literature;
- an `appraisal` claim about a study's quality ("not double-blind", "no control
  group") is checked against that study's appraisal facet by facet, `partly` where
  the document is right on one facet and wrong on another. The study's own
  weaknesses are what the claim is about, so they never lower its certainty.
"""

from __future__ import annotations

from .body import design_name
from .types import AppraisalSpec, ClaimEvidence, CountSpec, Grade, Step, Study

SCOPE = "scope: the works recorded in this base's studies.bib, not the whole literature"
RANDOMIZED_DESIGNS = frozenset({"rct", "crossover-rct"})
# Without `designs:`, a count counts research: not web articles, patients' reports,
# expert opinion or guidelines and labels (the tracked documents are among the first).
NOT_RESEARCH = frozenset({"web-article", "patient-reports", "expert-opinion", "guideline"})


def counted(spec: CountSpec, routes: frozenset[str], universe: tuple[Study, ...]) -> list[Study]:
    """The works a count names: any of `routes`, the condition, the designs, the date."""
    found = []
    for study in universe:
        if not study.routes & routes:
            continue
        if spec.condition not in (None, "any") and study.condition not in (spec.condition, "any"):
            continue
        if spec.designs and study.design not in spec.designs:
            continue
        if not spec.designs and (study.design is None or study.design in NOT_RESEARCH):
            continue
        if spec.until is not None and (study.year is None or study.year > spec.until):
            continue
        found.append(study)
    return found


def check_count(claim: ClaimEvidence) -> Grade:
    """`confirmed` when the base's count satisfies what the claim says, else `refuted`."""
    spec = claim.count
    assert spec is not None
    works = counted(spec, frozenset(spec.routes), claim.universe)
    n = len(works)
    listed = ", ".join(study.key for study in works) or "none"
    steps = [
        Step("count", n, f"{n} work(s) of {', '.join(spec.routes)}{_scope_words(spec)}: {listed}")
    ]
    holds = True
    if spec.at_most is not None:
        ok = n <= spec.at_most
        holds &= ok
        steps.append(Step("check", 0, f"at most {spec.at_most}: {'holds' if ok else 'fails'}"))
    if spec.at_least is not None:
        ok = n >= spec.at_least
        holds &= ok
        steps.append(Step("check", 0, f"at least {spec.at_least}: {'holds' if ok else 'fails'}"))
    for route in spec.more_than:
        other = counted(spec, frozenset({route}), claim.universe)
        ok = n > len(other)
        holds &= ok
        steps.append(
            Step(
                "check",
                0,
                f"more than {route} ({len(other)}: "
                f"{', '.join(s.key for s in other) or 'none'}): {'holds' if ok else 'fails'}",
            )
        )
    steps.append(Step("scope", 0, SCOPE))
    return Grade(
        certainty=None,
        status="confirmed" if holds else "refuted",
        steps=tuple(steps),
        total_n=None,
        certainty_against=None,
    )


def _scope_words(spec: CountSpec) -> str:
    words = ""
    if spec.condition not in (None, "any"):
        words += f" for {spec.condition}"
    if spec.designs:
        words += f", designs {', '.join(spec.designs)}"
    if spec.until is not None:
        words += f", up to {spec.until}"
    return words


def _facets(study: Study, spec: AppraisalSpec) -> list[tuple[str, bool | None, str]]:
    """(facet, whether the document is right, what the record says); None = not recorded."""
    out: list[tuple[str, bool | None, str]] = []
    if spec.randomized is not None:
        known = study.design is not None
        is_rct = study.design in RANDOMIZED_DESIGNS
        right = (is_rct == spec.randomized) if known else None
        out.append(("design", right, f"design {design_name(study)}"))
    if spec.double_blind is not None:
        known = study.blinding not in (None, "unclear")
        right = ((study.blinding == "double-blind") == spec.double_blind) if known else None
        out.append(("blinding", right, f"blinding {study.blinding or 'not recorded'}"))
    if spec.n_at_most is not None:
        right = None if study.n is None else study.n <= spec.n_at_most
        out.append(("n", right, f"n {study.n if study.n is not None else 'not recorded'}"))
    if spec.comparator is not None:
        known = study.comparator is not None
        has = study.comparator in ("placebo", "active")
        right = (has == spec.comparator) if known else None
        out.append(("comparator", right, f"comparator {study.comparator or 'not recorded'}"))
    if spec.placebo is not None:
        known = study.comparator is not None
        right = ((study.comparator == "placebo") == spec.placebo) if known else None
        out.append(("placebo", right, f"comparator {study.comparator or 'not recorded'}"))
    return out


def check_appraisal(claim: ClaimEvidence) -> Grade:
    """Each facet the claim states, against the study's record: all right `confirmed`,
    all wrong `refuted`, some of each `partly`, none recorded `unchecked`."""
    spec = claim.appraisal
    assert spec is not None
    study = next((link.study for link in claim.links if link.study.key == spec.source), None)
    if study is None:
        study = next((s for s in claim.universe if s.key == spec.source), None)
    if study is None:
        return Grade(
            None, "unchecked", (Step("check", 0, f"{spec.source} not in the base"),), None, None
        )
    steps = []
    verdicts = []
    for facet, right, recorded in _facets(study, spec):
        verdicts.append(right)
        said = {True: "right", False: "wrong", None: "not recorded"}[right]
        steps.append(Step(facet, 0, f"{spec.source}: {recorded}; the claim is {said}"))
    known = [v for v in verdicts if v is not None]
    if not known:
        status = "unchecked"
    elif all(known):
        status = "confirmed"
    elif any(known):
        status = "partly"
    else:
        status = "refuted"
    steps.append(Step("check", 0, f"an appraisal, checked facet by facet, not graded: {status}"))
    return Grade(None, status, tuple(steps), study.n, None)
