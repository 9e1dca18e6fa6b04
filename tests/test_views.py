"""`conflicts`, `compare` and `map`, through the real CLI on a real database."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import SHIPPED_DATA, Run
from roa_evidence.cli import app


def _json(run: Run, *args: str) -> object:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_conflicts_lists_disputed_and_contradicted_claims_with_both_sides(run: Run) -> None:
    found = _json(run, "conflicts")
    assert isinstance(found, list)
    assert [c["id"] for c in found] == ["im-as-effective-as-iv", "im-vomiting-minimal"]
    disputed, contradicted = found
    assert disputed["kinds"] == ["disputed"]
    assert disputed["for"]["quotes"] == [
        {"document": "docalpha", "quote": "IM can be as effective as IV, even at lower doses"}
    ]
    assert [e["source"] for e in disputed["for"]["evidence"]] == ["smith2014open"]
    assert disputed["against"]["quotes"] == [
        {"document": "docbeta", "quote": "IV works best for depression"}
    ]
    assert disputed["against"]["evidence"] == []
    assert disputed["certainty"] == "very_low"
    assert contradicted["kinds"] == ["contradicted"]
    assert contradicted["against"]["evidence"][0]["source"] == "jones2006kids"
    assert contradicted["against"]["best_design"] == "rct"
    assert contradicted["against"]["start"] == "high"
    assert contradicted["against"]["total_n"] == 225


def test_conflicts_table_shows_both_sides_with_quotes(run: Run) -> None:
    result = run("conflicts")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("2 conflicts\n")
    first = out[out.index("im-as-effective-as-iv:") : out.index("im-vomiting-minimal:")]
    assert first.index("FOR (asserted") < first.index("docalpha: \u201cIM can be as effective")
    assert first.index("AGAINST (disputed") < first.index("docbeta: \u201cIV works best")
    assert "smith2014open (rct, n 27, small-sample, single-centre)" in first
    assert "graded very low, contested" in first
    assert "jones2006kids (rct, n 225, stopped-early)" in out
    assert "graded low" in out  # the contradicting body, graded by the same rules


def test_conflicts_filters_and_says_when_none(run: Run) -> None:
    assert [c["id"] for c in _json(run, "conflicts", "--topic", "tolerability")] == [
        "im-vomiting-minimal"
    ]
    result = run("conflicts", "--topic", "cost")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No conflicts" in result.stderr


def test_conflicts_markdown_escapes_pipes_and_html(run: Run, evidence_dir: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    claims.write_text(
        claims.read_text().replace(
            "statement: IM ketamine rarely causes vomiting.",
            "statement: 'IM | rarely <b>causes</b> vomiting.'",
        )
    )
    result = run("conflicts", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert "## im-vomiting-minimal: IM \\| rarely \\<b\\>causes\\</b\\> vomiting." in result.stdout
    assert "<b>" not in result.stdout
    table_rows = [line for line in result.stdout.splitlines() if line.startswith("| for")]
    assert all(line.count(" | ") == 3 for line in table_rows)  # four cells, no stray pipes


def test_compare_puts_routes_side_by_side_topic_by_topic(run: Run) -> None:
    data = _json(run, "compare", "IM", "intravenous")
    assert isinstance(data, dict)
    assert data["routes"] == ["IM", "IV"]
    rows = {row["topic"]: row for row in data["topics"]}
    assert list(rows) == ["efficacy", "tolerability", "experience", "cost"]
    efficacy = rows["efficacy"]
    assert [c["id"] for c in efficacy["routes"]["IV"]] == ["iv-efficacy"]
    assert efficacy["routes"]["IM"] == []
    assert [c["id"] for c in efficacy["head_to_head"]] == ["im-as-effective-as-iv"]
    assert efficacy["best_certainty"] == {"IM": "none", "IV": "moderate"}
    assert [c["id"] for c in rows["cost"]["routes"]["IM"]] == ["im-cheaper"]


def test_compare_table_and_topic_filter(run: Run) -> None:
    result = run("compare", "IM", "IV", "--topic", "efficacy", "--topic", "onset")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "IM vs IV: what the claims say, by topic"
    assert "IM + IV" in lines[2]
    efficacy = next(line for line in lines if line.startswith("|efficacy"))
    assert "moderate iv-efficacy" in efficacy
    assert "very low im-as-effective-as-iv (contested)" in efficacy
    onset = next(line for line in lines if line.startswith("|onset"))
    assert onset.count("\u2014") == 3  # asked for, nothing known


def test_compare_markdown(run: Run) -> None:
    result = run("compare", "IM", "IV", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "| topic | IM | IV | IM + IV |",
        "|---|---|---|---|",
        "| efficacy | \u2014 | iv-efficacy (moderate, strong) | "
        "im-as-effective-as-iv (very low, contested) |",
    ]


def test_compare_needs_two_known_routes(run: Run) -> None:
    result = run("compare", "IM", "intramuscular")
    assert result.exit_code == 2
    assert result.stderr == "Error: compare needs two different routes, not only IM\n"
    result = run("compare", "IM", "IVV")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown route 'IVV'; did you mean 'IV'?")


def test_map_counts_claims_by_route_and_topic(run: Run) -> None:
    data = _json(run, "map")
    assert isinstance(data, dict)
    assert data["routes"] == ["IV", "IM"]
    assert data["topics"] == ["efficacy", "tolerability", "experience", "cost"]
    cells = {(c["route"], c["topic"]): c for c in data["cells"]}
    assert cells["IV", "efficacy"] == {
        "route": "IV",
        "topic": "efficacy",
        "count": 2,
        "best_certainty": "moderate",
        "statuses": {"strong": 1, "contested": 1},
        "claims": ["im-as-effective-as-iv", "iv-efficacy"],
    }
    assert cells["IM", "cost"]["best_certainty"] == "none"
    assert ("IV", "cost") not in cells


def test_map_table_draws_the_grid(run: Run) -> None:
    result = run("map")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Evidence map: claims per route (across) and topic (down)"
    header = next(line for line in lines if line.startswith("|topic"))
    assert header.index("IV") < header.index("IM")
    efficacy = next(line for line in lines if line.startswith("|efficacy"))
    assert "2 moderate !1" in efficacy and "1 very low !1" in efficacy
    cost = next(line for line in lines if line.startswith("|cost"))
    assert "1 none" in cost and " - " in cost


def test_map_markdown_and_route_filter(run: Run) -> None:
    result = run("map", "--route", "IM", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "| topic | IM |",
        "|---|---|",
        "| efficacy | 1 (very low) !1 |",
        "| tolerability | 1 (none) |",
        "| experience | 1 (very low) |",
        "| cost | 1 (none) |",
        "",
        "Each cell: claims, the best certainty among them; !N: N of them contested.",
    ]


def test_shipped_data_names_the_im_versus_iv_disputes(tmp_path: Path) -> None:
    """The documents disagree on IM versus IV efficacy and on how long IM lasts."""
    result = CliRunner().invoke(
        app,
        [
            "--data",
            str(SHIPPED_DATA),
            "--db",
            f"sqlite:///{tmp_path / 'db.sqlite'}",
            "conflicts",
            "--format",
            "json",
        ],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    disputed = [c for c in found if "disputed" in c["kinds"] and c["against"]["quotes"]]
    efficacy = [
        c for c in disputed if c["topic"] == "efficacy" and {"IM", "IV"} <= set(c["routes"])
    ]
    duration = [c for c in disputed if c["topic"] == "duration" and "IM" in c["routes"]]
    assert efficacy, "no disputed claim on IM versus IV efficacy"
    assert duration, "no disputed claim on how long IM ketamine lasts"
    for conflict in efficacy + duration:
        assert conflict["for"]["quotes"] and conflict["against"]["quotes"]
        assert {q["document"] for q in conflict["for"]["quotes"]}.isdisjoint(
            {q["document"] for q in conflict["against"]["quotes"]}
        )
