"""The grader's invariants (design.md v2), each a property over random claims.

- An unsized supporting study (no n anywhere) never raises certainty; nor does
  a contradicting link, a quality flag, or an indirect facet.
- A link's n above its study's n is a load error (file:line, exit 2, nothing
  written).
- A study `within:` a pooled source on the same body counts once in total n.
- Descriptions and definitions are never graded: certainty null, a checked status.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from roa_evidence import vocab
from roa_evidence.cli import app
from roa_evidence.grading import ClaimEvidence, Link, Study, grade
from test_properties import KEY, claims, draw_link, effects, studies

# Hundreds of generated claims each: the full suite and CI run them, the inner loop does not.
pytestmark = pytest.mark.slow

LEVEL = vocab.LEVEL_OF_CERTAINTY
MANY = settings(max_examples=80, deadline=None, derandomize=True)


def _level(study: Study) -> int:
    return vocab.DESIGN_LEVEL.get(study.design or "", 1)


def _certainty(claim: ClaimEvidence) -> int:
    certainty = grade(claim).certainty
    assert certainty is not None
    return LEVEL[certainty]


def _start(claim: ClaimEvidence) -> int:
    return max((_level(link.study) for link in claim.links if link.stance == "supports"), default=0)


@MANY
@given(claim=claims(), study=studies(), data=st.data())
def test_an_unsized_supporting_study_never_raises_certainty(
    claim: ClaimEvidence, study: Study, data: st.DataObject
) -> None:
    # Only a study no better than the body's best: a better design sets a new start,
    # which is what its design is for, whatever its size.
    assume(_start(claim) and _level(study) <= _start(claim))
    assume(study.key not in {link.study.key for link in claim.links})
    unsized = Link(
        study=replace(study, n=None),
        stance="supports",
        n=None,
        indirect=data.draw(st.frozensets(st.sampled_from(vocab.INDIRECTNESS), max_size=2)),
        flags=data.draw(st.frozensets(st.sampled_from(vocab.LINK_FLAGS), max_size=2)),
        effect=data.draw(st.none() | effects().map(lambda e: replace(e, n=None))),
    )
    more = replace(claim, links=(*claim.links, unsized))
    assert _certainty(more) <= _certainty(claim), (grade(claim).steps, grade(more).steps)


@MANY
@given(claim=claims(), study=studies(), n=st.none() | st.integers(1, 5000))
def test_a_contradicting_link_never_raises_certainty(
    claim: ClaimEvidence, study: Study, n: int | None
) -> None:
    assume(study.key not in {link.study.key for link in claim.links})
    more = replace(claim, links=(*claim.links, Link(study=study, stance="contradicts", n=n)))
    assert _certainty(more) <= _certainty(claim)


@MANY
@given(claim=claims(), data=st.data())
def test_a_quality_flag_never_raises_certainty(claim: ClaimEvidence, data: st.DataObject) -> None:
    assume(claim.links)
    key = data.draw(st.sampled_from(sorted({link.study.key for link in claim.links})))
    flag = data.draw(st.sampled_from(vocab.QUALITY_FLAGS))
    links = tuple(
        replace(link, study=replace(link.study, quality=link.study.quality | {flag}))
        if link.study.key == key
        else link
        for link in claim.links
    )
    assert _certainty(replace(claim, links=links)) <= _certainty(claim)


@MANY
@given(claim=claims(), data=st.data())
def test_an_indirect_facet_never_raises_certainty(
    claim: ClaimEvidence, data: st.DataObject
) -> None:
    index, link = draw_link(claim, data)
    facet = data.draw(st.sampled_from(vocab.INDIRECTNESS))
    links = list(claim.links)
    links[index] = replace(link, indirect=link.indirect | {facet})
    assert _certainty(replace(claim, links=tuple(links))) <= _certainty(claim)


@MANY
@given(
    claim=claims(),
    pooled_n=st.integers(1, 10_000),
    inside_n=st.integers(1, 10_000),
    key=KEY,
)
def test_a_study_within_a_pooled_source_counts_once(
    claim: ClaimEvidence, pooled_n: int, inside_n: int, key: str
) -> None:
    pool = Study(key=f"pool{key}", design="meta-analysis", n=pooled_n)
    inside = Study(key=f"inside{key}", design="rct", n=inside_n)
    with_pool = replace(claim, links=(*claim.links, Link(study=pool, stance="supports")))
    both = replace(
        with_pool,
        links=(*with_pool.links, Link(study=inside, stance="supports", within=pool.key)),
    )
    assert grade(both).total_n == grade(with_pool).total_n
    # and without `within:` the same study would be counted twice
    twice = replace(with_pool, links=(*with_pool.links, Link(study=inside, stance="supports")))
    assert grade(twice).total_n == (grade(with_pool).total_n or 0) + inside_n


@MANY
@given(claim=claims(), kind=st.sampled_from(["description", "definition"]))
def test_descriptions_and_definitions_are_checked_not_graded(
    claim: ClaimEvidence, kind: str
) -> None:
    result = grade(replace(claim, kind=kind, rationale="by definition"))
    assert result.certainty is None
    assert result.status in vocab.CHECKED_STATUSES
    if kind == "description":
        refuted = any(link.stance == "contradicts" for link in claim.links)
        assert (result.status == "refuted") == refuted


@MANY
@given(claim=claims())
def test_a_finding_status_follows_its_two_bodies(claim: ClaimEvidence) -> None:
    result = grade(claim)
    supports = any(link.stance == "supports" for link in claim.links)
    against = any(link.stance == "contradicts" for link in claim.links)
    assert result.status in vocab.FINDING_STATUSES
    assert (result.certainty_against == "none") == (not against)
    level_for = LEVEL[result.certainty or "none"] if supports else 0
    level_against = LEVEL[result.certainty_against or "none"]
    if against and not supports:
        # the status follows the certainty against: very low is "very uncertain"
        assert result.status == ("contradicted" if level_against >= 2 else "very_uncertain")
    if result.status == "contradicted":
        assert level_against >= 2
        assert level_against > level_for
    if against and level_for - level_against >= 2:
        # outweighed evidence against is shown, it does not change the status
        assert result.status in ("strong", "weak", "contested")
        assert result.status != "contested" or claim.disputed


@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(study_n=st.integers(1, 5000), excess=st.integers(1, 5000))
def test_a_link_n_above_its_study_n_is_a_load_error(
    evidence_dir: Path, tmp_path: Path, study_n: int, excess: int
) -> None:
    bib = evidence_dir / "studies.bib"
    claims_file = evidence_dir / "claims.yaml"
    bib_text, claims_text = bib.read_text(), claims_file.read_text()
    try:
        bib.write_text(bib_text.replace("n       = {27}", f"n       = {{{study_n}}}"))
        claims_file.write_text(
            claims_text.replace("        n: 27\n", f"        n: {study_n + excess}\n")
        )
        db = tmp_path / f"x{study_n}-{excess}.sqlite"
        result = CliRunner().invoke(
            app, ["--data", str(evidence_dir), "--db", f"sqlite:///{db}", "load"]
        )
        assert result.exit_code == 2
        assert result.stderr.splitlines()[0] == (
            f"{claims_file}:19: claim 'im-as-effective-as-iv': link to 'smith2014open' has n "
            f"{study_n + excess}, above the study's n {study_n}; give the arm's n, or fix the "
            "study's n in studies.bib"
        )
        assert not db.exists()
    finally:
        bib.write_text(bib_text)
        claims_file.write_text(claims_text)
