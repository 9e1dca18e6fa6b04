"""Claims checked against each other and against the works they name.

Unique ids across files, keys that name entries of studies.bib and documents
listed under `documents:`, and what a claim's kind or links get wrong against
its works. Each problem names its file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol

from .. import grading
from ..errors import Problem
from ..grading.comparative import absence_of_evidence
from ..grading.config import GradingConfig
from ..vocab import POOLED_DESIGNS, nearest
from .bibfile import Work
from .evidence_base import Claim
from .schema import ClaimIn
from .yamlfile import LineDict, line_of

Located = list[tuple[str, Path, int | None]]  # (key or id, file, line)


def duplicate_ids(ids: Located) -> list[Problem]:
    """Each claim id seen again after its first use, saying where that was."""
    first: dict[str, tuple[Path, int | None]] = {}
    problems: list[Problem] = []
    for claim_id, path, line in ids:
        if claim_id in first:
            other_path, other_line = first[claim_id]
            problems.append(
                Problem(
                    path,
                    line,
                    f"duplicate claim id '{claim_id}' (first at "
                    f"{other_path.name}:{other_line}); give each claim its own id",
                )
            )
        else:
            first[claim_id] = (path, line)
    return problems


def references_resolve(works: dict[str, Work], documents: Located, claims: list[Claim]) -> bool:
    """True when every key a claims file names is known (`cross_check` says where not)."""
    listed = {key for key, _, _ in documents}
    if not listed <= works.keys():
        return False
    for claim in claims:
        spec = claim.spec
        for assertion in (*spec.asserted_by, *spec.disputed_by):
            if assertion.document not in listed:
                return False
        for link in spec.evidence:
            if link.source not in works:
                return False
    return True


def cross_check(
    works: dict[str, Work],
    documents: Located,
    claims: list[Claim],
    known_works: bool,
) -> list[Problem]:
    """Each key the valid claims name that studies.bib or `documents:` lacks, and what
    `claim_problems` finds, each at its line."""
    problems: list[Problem] = []
    if not known_works:
        return problems  # every key would be "unknown"; the bib problem says why
    keys = list(works)

    def unknown(key: str, what: str) -> str:
        return (
            f"{what} '{key}' is not an entry in studies.bib; add it or fix the key "
            f"({nearest(key, keys)})"
        )

    document_keys = {key for key, _, _ in documents}
    for key, path, line in documents:
        if key not in works:
            problems.append(Problem(path, line, unknown(key, "document")))
    for claim in claims:
        spec = claim.spec
        for kind in ("asserted_by", "disputed_by"):
            for i, assertion in enumerate(getattr(spec, kind)):
                line = claim.line_of(kind, i, "document")
                if assertion.document not in works:
                    problems.append(
                        Problem(
                            claim.path,
                            line,
                            f"claim '{spec.id}': " + unknown(assertion.document, "document"),
                        )
                    )
                elif assertion.document not in document_keys:
                    problems.append(
                        Problem(
                            claim.path,
                            line,
                            f"claim '{spec.id}': "
                            f"'{assertion.document}' is not listed under "
                            "`documents:`; add it there",
                        )
                    )
        for i, link in enumerate(spec.evidence):
            if link.source not in works:
                problems.append(
                    Problem(
                        claim.path,
                        claim.line_of("evidence", i, "source"),
                        f"claim '{spec.id}': " + unknown(link.source, "source"),
                    )
                )
        problems += claim_problems(works, claim)
    return problems


def cross_check_raw(
    works: dict[str, Work],
    documents: Located,
    invalid: list[tuple[Path, LineDict]],
    known_works: bool,
) -> list[Problem]:
    """The document and source keys of claims that failed validation, checked as far as
    they can be read."""
    if not known_works:
        return []
    listed = {key for key, _, _ in documents}
    problems: list[Problem] = []
    for path, raw in invalid:
        label = f"claim '{raw['id']}': " if isinstance(raw.get("id"), str) else ""
        places = [(kind, "document") for kind in ("asserted_by", "disputed_by")]
        for kind, field_name in (*places, ("evidence", "source")):
            items = raw.get(kind)
            if not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                key = item.get(field_name) if isinstance(item, dict) else None
                if not isinstance(key, str):
                    continue
                line = line_of(raw, (kind, i, field_name))
                if key not in works:
                    message = (
                        f"{field_name} '{key}' is not an entry in studies.bib; add it or fix "
                        f"the key ({nearest(key, list(works))})"
                    )
                    problems.append(Problem(path, line, label + message))
                elif field_name == "document" and key not in listed:
                    message = f"'{key}' is not listed under `documents:`; add it there"
                    problems.append(Problem(path, line, label + message))
    return problems


class Appraised(Protocol):
    """What the link checks need of a work: its design and n."""

    @property
    def design(self) -> str | None: ...
    @property
    def n(self) -> int | None: ...


def claim_problems(works: Mapping[str, Appraised], claim: Claim) -> Iterator[Problem]:
    """What a claim's kind or links get wrong against the works they name.

    A generator, so the fast path can stop at the first problem without
    locating lines; the located read lists them all.
    """
    spec = claim.spec

    def problem(message: str, *location: str | int) -> Problem:
        return Problem(claim.path, claim.line_of(*location), f"claim '{spec.id}': {message}")

    if spec.kind == "description" and not spec.evidence:
        yield problem(
            "a description must link the source(s) it describes; add them under `evidence:`",
            "kind",
        )
    if spec.kind == "definition" and spec.rationale is None:
        yield problem(
            "a definition needs a `rationale:` saying why it holds by definition; add one",
            "kind",
        )
    if spec.kind != "finding" and spec.grade_override is not None:
        yield problem(
            f"a {spec.kind} is checked, not graded, so it takes no `grade_override`; "
            "remove it"
            + (" (the rationale says why it holds)" if spec.kind == "definition" else ""),
            "grade_override",
        )
    yield from _kind_problems(spec, problem)
    if spec.appraisal is not None and spec.appraisal.source not in works:
        yield problem(
            f"appraisal of '{spec.appraisal.source}', which is not an entry in studies.bib "
            f"({nearest(spec.appraisal.source, list(works))}); name the study it appraises",
            "appraisal",
            "source",
        )
    effect = spec.pooled_effect
    if spec.mid is not None and effect is not None and spec.mid.measure != effect.measure:
        yield problem(
            f"`mid` is on the {spec.mid.measure} scale but the pooled effect is a "
            f"{effect.measure}; give the MID on the effect's scale",
            "mid",
        )
    pooled = {
        link.source
        for link in spec.evidence
        if link.source in works and works[link.source].design in POOLED_DESIGNS
    }
    for i, link in enumerate(spec.evidence):
        work = works.get(link.source)
        if work is None:
            continue  # reported as an unknown source
        if link.n is not None and work.n is not None and link.n > work.n:
            yield problem(
                f"link to '{link.source}' has n {link.n}, above the study's n {work.n}; "
                "give the arm's n, or fix the study's n in studies.bib",
                "evidence",
                i,
                "n",
            )
        if link.within is not None and (link.within not in pooled or link.within == link.source):
            linked = {other.source for other in spec.evidence}
            if link.within == link.source:
                why = "is the link's own source"
            elif link.within not in works:
                why = f"is not an entry in studies.bib ({nearest(link.within, list(works))})"
            elif link.within not in linked:
                why = "is not linked on this claim"
            else:
                design = works[link.within].design or "not appraised"
                why = f"is a {design}, not a {' or '.join(POOLED_DESIGNS)}"
            yield problem(
                f"link to '{link.source}' says `within: {link.within}`, which {why}; "
                "name the pooled source that includes this study, or remove `within:`",
                "evidence",
                i,
                "within",
            )


def _kind_problems(spec: ClaimIn, problem: Callable[..., Problem]) -> Iterator[Problem]:
    """A count or an appraisal says what it checks, and is checked, never graded."""
    if spec.kind == "count":
        if spec.count is None:
            yield problem(
                "a count says what to count: add `count: {routes: [...], at_most: N}` "
                "(docs/grading.md)",
                "kind",
            )
        graded = [link.source for link in spec.evidence if link.stance != "qualifies"]
        if graded:
            yield problem(
                f"a count is checked against the base's records, yet it links graded "
                f"evidence ({', '.join(graded)}); make those links `qualifies`, or make "
                "the claim a finding",
                "count",
            )
    elif spec.count is not None:
        yield problem(
            f"`count:` belongs to a claim of kind count, not {spec.kind}; set `kind: count` "
            "or remove it",
            "count",
        )
    if spec.kind == "appraisal" and spec.appraisal is None:
        yield problem(
            "an appraisal says what it claims of the study: add `appraisal: {source: KEY, "
            "double_blind: false, ...}`",
            "kind",
        )
    elif spec.kind != "appraisal" and spec.appraisal is not None:
        yield problem(
            f"`appraisal:` belongs to a claim of kind appraisal, not {spec.kind}; set "
            "`kind: appraisal` or remove it",
            "appraisal",
        )


def absence_of_evidence_warnings(
    works: Mapping[str, Appraised], claims: list[Claim], config: GradingConfig
) -> list[Problem]:
    """A link marked `contradicts` a comparative claim whose effect (or design) shows
    only that no difference was found: absence of evidence, which the grader reads as
    qualifying. A warning, so the curator can mark it `qualifies`."""
    found: list[Problem] = []
    for claim in claims:
        spec = claim.spec
        if spec.comparison is None:
            continue
        mid = grading.Mid(spec.mid.measure, spec.mid.value) if spec.mid else None
        for i, link in enumerate(spec.evidence):
            work = works.get(link.source)
            if link.stance != "contradicts" or work is None:
                continue
            graded = grading.Link(
                study=grading.Study(key=link.source, design=work.design, n=work.n),
                stance=link.stance,
                n=link.n,
                effect=grading.Effect(**link.effect.model_dump()) if link.effect else None,
            )
            why = absence_of_evidence(graded, mid, config)
            if why is not None:
                found.append(
                    Problem(
                        claim.path,
                        claim.line_of("evidence", i, "stance"),
                        f"claim '{spec.id}': link to '{link.source}' contradicts a claim of "
                        f"{spec.comparison}, but {why}: absence of evidence qualifies such a "
                        "claim, it does not contradict it; mark it `stance: qualifies`",
                    )
                )
    return found


# What a reader needs to find a cited work: the record's part and how the warning names it.
_RECORD_PARTS = (
    ("title", "title"),
    ("authors", "author or organization"),
    ("year", "year"),
    ("container", "journal, book, publisher or howpublished"),
)


def incomplete_records(
    bib_path: Path, works: Mapping[str, Work], claims: Iterable[Claim]
) -> list[Problem]:
    """A warning for each work cited as evidence whose record lacks a part a reader needs
    to find it, naming the key and the missing parts.

    Relayed patient reports are exempt: they have no record of their own and are
    found through the document that relays them.
    """
    cited = {link.source for claim in claims for link in claim.spec.evidence}
    cited = {key for key in cited if key in works and works[key].design != "patient-reports"}
    warnings: list[Problem] = []
    for work in sorted((works[key] for key in cited), key=lambda w: w.line):
        missing = [label for part, label in _RECORD_PARTS if not getattr(work, part)]
        if missing:
            warnings.append(
                Problem(
                    bib_path,
                    work.line,
                    f"entry '{work.key}' is cited as evidence but has no {'; no '.join(missing)}; "
                    "add what a record shows, or say in its note that it was not found",
                )
            )
    return warnings
