"""The second new-user trial's broken exports (../shared/reviews/new-user-trial-2.md, B1-B3
and the robvis findings), each checked on the shipped evidence base through the CLI."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import FIXTURES, SHIPPED_DATA
from roa_evidence.cli import app


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One SQLite store of the shipped evidence base for this module."""
    return f"sqlite:///{tmp_path_factory.mktemp('shipped') / 'e.sqlite'}"


def _run(db: str, *args: str) -> Result:
    full = ["--data", str(SHIPPED_DATA), "--db", db, *args]
    result = CliRunner().invoke(app, full, env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result


# B1 ---------------------------------------------------------------------------------


def test_csl_json_keeps_and_others_as_pandoc_does(shipped: str) -> None:
    """BibTeX's "and others" is `{"literal": "others"}` (pandoc's own conversion), so a
    citeproc bibliography prints "et al." instead of a truncated list stated as complete."""
    items = {i["id"]: i for i in json.loads(_run(shipped, "export", "-f", "csl-json").stdout)}
    text = (SHIPPED_DATA / "studies.bib").read_text(encoding="utf-8")
    with_others = set(re.findall(r"@\w+\{(\w+),[^@]*?author\s*=\s*\{[^@]*?and others\}", text))
    cited = {key for key in with_others if key in items}
    assert cited, "the shipped base has cited works with 'and others'"
    for key in cited:
        authors = items[key]["author"]
        assert authors[-1] == {"literal": "others"}, key
        assert all("literal" not in name for name in authors[:-1]), key


def test_csl_json_keeps_howpublished() -> None:
    from roa_evidence.exporters.csl import csl_item
    from roa_evidence.query.records import WorkRecord

    work = WorkRecord(
        key="wolfson",
        entry_type="misc",
        title="Guidelines",
        fields={"howpublished": "Ketamine Research Foundation", "author": "Wolfson, Phil"},
    )
    assert csl_item(work)["publisher"] == "Ketamine Research Foundation"


def test_csl_json_others_renders_et_al_with_citeproc() -> None:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    from roa_evidence.exporters.csl import csl_item
    from roa_evidence.query.records import WorkRecord

    work = WorkRecord(
        key="roback",
        entry_type="article",
        title="A randomized, controlled trial",
        year=2006,
        fields={"author": "Roback, Mark G. and others", "journal": "Academic Emergency Medicine"},
    )
    source = CiteProcJSON([csl_item(work)])
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem("roback")]))
    rendered = str(bibliography.bibliography()[0])
    # citeproc-py prints the literal name; pandoc's citeproc prints it "et al."
    assert rendered.startswith("Roback, M.G. and others"), rendered


# B2 ---------------------------------------------------------------------------------


def _sof_ids(markdown: str) -> list[str]:
    return re.findall(r"^\| .*?\(([a-z0-9-]+)\) \|", markdown, flags=re.MULTILINE)


def test_summary_of_findings_honours_all_routes_under_the_default_grouping(shipped: str) -> None:
    filters = ("--route", "IM", "--route", "IV", "--all-routes")
    filters += ("--topic", "efficacy", "--condition", "depression")
    markdown = _run(shipped, "export", *filters, "--format", "md").stdout
    wanted = json.loads(_run(shipped, "claims", *filters, "--format", "json").stdout)
    assert sorted(_sof_ids(markdown)) == sorted(c["id"] for c in wanted)
    for claim in wanted:
        assert {"IM", "IV"} <= set(claim["routes"])
    assert "iv-more-relief-than-in" not in markdown
    assert "im-patients-little-relief" not in markdown
    without = _run(shipped, "export", *filters[:4], *filters[5:], "--format", "md").stdout
    assert without != markdown
    by_topic = _run(shipped, "export", *filters, "--format", "md", "--group-by", "topic").stdout
    assert sorted(_sof_ids(by_topic)) == sorted(_sof_ids(markdown))


# B3 ---------------------------------------------------------------------------------


def test_derivation_ends_at_the_grade_after_an_override(tmp_path: Path) -> None:
    """A body floored at very low, then overridden to high: the override's row shows
    high, as the headline does (not 1 - 2 + 3 = low)."""
    data = tmp_path / "evidence"
    shutil.copytree(FIXTURES / "small", data)
    claims = data / "claims.yaml"
    override = (
        "  - id: im-bad-trips\n    grade_override: {certainty: high, rationale: "
        '"a test of the derivation display"}\n'
    )
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("  - id: im-bad-trips\n", override),
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'e.sqlite'}"
    full = ["--data", str(data), "--db", db, "show", "im-bad-trips"]
    runner = CliRunner()
    shown = runner.invoke(app, full, env={"NO_COLOR": "1", "COLUMNS": "200"})
    claim = json.loads(runner.invoke(app, [*full, "-f", "json"]).stdout)
    assert claim["certainty"] == "high"
    steps = [line.split() for line in shown.stdout.splitlines() if line.split()[:1]]
    levels = [row for row in steps if row[0] in ("start", "imprecision", "override")]
    assert levels[-1][:3] == ["override", "+3", "high"], shown.stdout
    floored = [row for row in steps if row[0] == "imprecision"]
    assert floored and floored[0][2:4] == ["very", "low"]


# robvis -----------------------------------------------------------------------------


def test_robvis_rates_only_studies_a_rob_tool_appraises_weights_filled(
    shipped: str, tmp_path: Path
) -> None:
    import pandas as pd

    out = tmp_path / "rob.csv"
    _run(shipped, "export", "-f", "robvis", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("#") and "screening" in first.lower() and "not RoB 2" in first
    table = pd.read_csv(io.StringIO(text), comment="#")
    works = json.loads(_run(shipped, "sources", "-f", "json").stdout)
    design = {w["key"]: w["design"] for w in works}
    appraised = {"rct", "crossover-rct", "non-randomized-trial", "cohort", "case-control"}
    assert len(table) > 0
    assert {design[key] for key in table["Study"]} <= appraised
    for key in ("innerbloom2025comparing", "ketalar_label", "clements1982bioavailability"):
        assert key not in set(table["Study"])
    assert table["Weight"].notna().all() and (table["Weight"] >= 1).all()
