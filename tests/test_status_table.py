"""The status follows the certainty (issue 21): the table in docs/grading.md is the
rule's own table; every shipped derivation adds up; held-out status cases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SHIPPED_DATA, Run
from roa_evidence.grading import ClaimEvidence, Link, Study, grade, levels_reached
from roa_evidence.grading.status import LEVEL_WORD, status_of
from roa_evidence.vocab import LEVEL_OF_CERTAINTY

DOCS = Path(__file__).resolve().parents[1] / "docs" / "grading.md"
LEVEL_OF_WORD = {word: level for level, word in LEVEL_WORD.items()}


def test_the_documented_table_is_the_rule() -> None:
    pattern = r"^\| (none|very low|low|moderate|high) \| (`.+) \|$"
    rows = re.findall(pattern, DOCS.read_text(), re.M)
    cells = {}
    for word_for, rest in rows:
        for word_against, cell in zip(LEVEL_WORD.values(), rest.split(" | "), strict=True):
            cells[(LEVEL_OF_WORD[word_for], LEVEL_OF_WORD[word_against])] = cell
    assert len(cells) == 25
    for (level_for, level_against), cell in cells.items():
        status, reason = status_of(level_for, level_against)
        assert cell == f"`{status}`: {reason}", (level_for, level_against)


@pytest.mark.slow  # walks every shipped claim
def test_every_shipped_derivation_adds_up(run: Run) -> None:
    result = run("claims", "--format", "json", data=SHIPPED_DATA)
    assert result.exit_code == 0, result.stderr
    for claim in json.loads(result.stdout):
        if claim["kind"] != "finding":
            assert claim["certainty"] is None, claim["id"]
            continue
        levels = levels_reached(claim["grading"])
        expected = LEVEL_OF_CERTAINTY[claim["certainty"]]
        assert levels[-1] == expected or (expected == 0 and levels[-1] == 0), claim["id"]
        against = claim.get("grading_against") or []
        if against:
            assert levels_reached(against)[-1] == LEVEL_OF_CERTAINTY[claim["certainty_against"]]
            assert not any("supporting link" in step["reason"] for step in against), claim["id"]
        if claim["status"] == "contradicted":
            assert claim["certainty_against"] not in ("none", "very_low"), claim["id"]
        shown = json.loads(run("show", claim["id"], "--format", "json", data=SHIPPED_DATA).stdout)
        assert (shown["certainty"], shown["status"], shown["grading"]) == (
            claim["certainty"],
            claim["status"],
            claim["grading"],
        ), claim["id"]


def _study(key: str, **fields: object) -> Study:
    return Study(key=key, routes=frozenset({"IM"}), condition="any", **fields)  # type: ignore[arg-type]


def _claim(*links: Link) -> ClaimEvidence:
    return ClaimEvidence(routes=frozenset({"IM"}), condition="any", links=links)


def test_two_large_blinded_trials_contradict_a_small_open_label_one() -> None:
    small = Link(_study("small", design="rct", n=30, blinding="open-label"), "supports")
    big = [
        Link(_study(k, design="rct", n=600, blinding="double-blind"), "contradicts")
        for k in ("big1", "big2")
    ]
    g = grade(_claim(small, *big))
    assert g.status == "contradicted"
    assert g.certainty_against in ("high", "moderate")
    # the small open-label trial does not rate the large ones down for inconsistency
    assert not any(s.domain == "inconsistency" and s.change for s in g.steps_against)


def test_very_low_evidence_against_alone_is_very_uncertain() -> None:
    g = grade(_claim(Link(_study("blog", design="web-article"), "contradicts")))
    assert (g.status, g.certainty_against) == ("very_uncertain", "very_low")


def test_an_unsized_systematic_review_of_trials_is_moderate_or_high() -> None:
    g = grade(_claim(Link(_study("sr", design="systematic-review"), "supports")))
    assert g.certainty in ("moderate", "high")


@pytest.mark.parametrize("design", ["case-report", "web-article"])
def test_a_very_low_indirect_opposer_neither_rates_down_nor_contests(design: str) -> None:
    direct = [Link(_study(k, design="rct", n=300), "supports") for k in ("a", "b")]
    opposer = Link(
        Study("other", design=design, routes=frozenset({"SC"}), condition="any"), "contradicts"
    )
    g = grade(_claim(*direct, opposer))
    assert not any(s.domain == "inconsistency" and s.change for s in g.steps)
    assert g.status == "strong" and g.certainty_against == "very_low"


OUTWEIGHED = """
  - id: iv-works-outweighed-against
    statement: IV ketamine relieves depression.
    routes: [IV]
    topic: efficacy
    condition: depression
    evidence:
      - source: big2020trial
        stance: supports
      - source: patients2024
        stance: contradicts
        indirect: [population]
"""


def test_outweighed_evidence_against_is_shown_without_changing_the_status(
    run: Run, evidence_dir: Path, tmp_path: Path
) -> None:
    with open(evidence_dir / "claims.yaml", "a", encoding="utf-8") as claims:
        claims.write(OUTWEIGHED)
    shown = json.loads(run("show", "iv-works-outweighed-against", "--format", "json").stdout)
    assert shown["status"] in ("strong", "weak")
    assert shown["certainty_against"] == "very_low"
    assert "certainty against very low" in run("show", "iv-works-outweighed-against").stdout
    conflicts = json.loads(run("conflicts", "--format", "json").stdout)
    [mine] = [c for c in conflicts if c["id"] == "iv-works-outweighed-against"]
    assert (mine["status"], mine["against"]["evidence"][0]["source"]) == (
        shown["status"],
        "patients2024",
    )
    csv_text = run("export", "--what", "claims", "--format", "csv").stdout
    header, *rows = csv_text.splitlines()
    [row] = [r for r in rows if r.startswith("iv-works-outweighed-against,")]
    assert "certainty_against" in header and "very_low" in row
    out = tmp_path / "r.html"
    assert run("report", "-o", str(out)).exit_code == 0
    assert "evidence against" in out.read_text()
