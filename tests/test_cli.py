"""The query commands, through the real CLI on a real database."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run

CONTRACT_KEYS = {
    "id",
    "statement",
    "routes",
    "topic",
    "condition",
    "certainty",
    "status",
    "asserted_by",
    "disputed_by",
    "evidence",
    "total_n",
    "grading",
}


def test_claims_route_json_holds_the_contract(query: Run) -> None:
    result = query("claims", "--route", "IM", "--format", "json")
    assert result.exit_code == 0, result.stderr
    claims = json.loads(result.stdout)
    assert [c["id"] for c in claims] == [
        "im-as-effective-as-iv",
        "im-vomiting-minimal",
        "im-cheaper",
        "im-bad-trips",
    ]
    for claim in claims:
        assert claim.keys() >= CONTRACT_KEYS
        assert "IM" in claim["routes"]
        assert claim["certainty"] in {"high", "moderate", "low", "very_low", "none", None}
        assert claim["kind"] in {"finding", "description", "definition"}
        if claim["kind"] == "finding":
            assert claim["status"] in {
                "contradicted",
                "contested",
                "unsupported",
                "strong",
                "weak",
            }
            assert claim["certainty_against"] in {"high", "moderate", "low", "very_low", "none"}
        else:
            assert claim["status"] in {"confirmed", "refuted", "unchecked"}
            assert claim["certainty"] is None
        for item in claim["evidence"]:
            assert {"source", "stance", "design", "n"} <= item.keys()
        for step in claim["grading"]:
            assert set(step) == {"domain", "change", "reason"}


def test_claims_statuses_follow_the_rules(query: Run) -> None:
    claims = {c["id"]: c for c in json.loads(query("claims", "--format", "json").stdout)}
    assert claims["im-as-effective-as-iv"]["status"] == "contested"  # disputed by a document
    # its only linked source contradicts it: probably false, not merely unsupported
    assert claims["im-vomiting-minimal"]["status"] == "contradicted"
    assert claims["im-vomiting-minimal"]["certainty_against"] == "low"  # RCT, stopped early, n 225
    assert claims["im-cheaper"]["status"] == "unsupported"
    assert claims["im-cheaper"]["certainty"] == "none"
    assert claims["im-bad-trips"]["status"] == "weak"
    assert claims["im-bad-trips"]["certainty"] == "very_low"
    assert claims["iv-efficacy"]["status"] == "strong"
    assert claims["iv-efficacy"]["total_n"] == 520


def test_filters_narrow_the_list(query: Run) -> None:
    def ids(*args: str) -> list[str]:
        result = query("claims", *args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return [c["id"] for c in json.loads(result.stdout)]

    assert ids("--topic", "efficacy") == ["im-as-effective-as-iv", "iv-efficacy"]
    assert ids("--route", "intravenous", "--topic", "EFFICACY") == [
        "im-as-effective-as-iv",
        "iv-efficacy",
    ]
    assert ids("--status", "unsupported") == ["im-cheaper"]
    assert ids("--min-certainty", "moderate") == ["iv-efficacy"]
    assert ids("--source", "jones2006kids") == ["im-vomiting-minimal"]
    assert ids("--document", "docbeta") == ["im-as-effective-as-iv", "iv-efficacy", "im-bad-trips"]
    assert ids("--condition", "sedation") == ["im-vomiting-minimal"]
    assert ids("--search", "bad trips") == ["im-bad-trips"]
    assert ids("--search", "lower doses") == ["im-as-effective-as-iv"]  # found in a quote


def test_search_takes_sql_wildcards_and_quotes_literally(query: Run) -> None:
    for text in ("%", "_", "' OR 1=1 --", '"; DROP TABLE claim; --'):
        result = query("claims", "--search", text, "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout) == [], text
    assert query("claims", "--format", "json").stdout.count('"id"') == 5


def test_unknown_route_names_the_nearest(query: Run) -> None:
    result = query("claims", "--route", "IMM")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown route 'IMM'; did you mean 'IM'? (one of IV, IM, IN, oral, SL, rectal, SC)\n"
    )
    assert result.stdout == ""


def test_unknown_topic_and_claim_and_source(query: Run) -> None:
    result = query("claims", "--topic", "efficacity")
    assert result.exit_code == 2
    assert "unknown topic 'efficacity'; did you mean 'efficacy'?" in result.stderr
    result = query("show", "im-cheap")
    assert result.exit_code == 2
    assert "Error: no claim 'im-cheap'; did you mean 'im-cheaper'" in result.stderr
    result = query("source", "smith2014")
    assert result.exit_code == 2
    assert "did you mean 'smith2014open'?" in result.stderr
    result = query("claims", "--source", "nosuchkey")
    assert result.exit_code == 2


def test_show_explains_the_grade_step_by_step(query: Run) -> None:
    result = query("show", "im-as-effective-as-iv")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "IM ketamine is as effective as IV ketamine for depression." in out
    assert "IM can be as effective as IV, even at lower doses" in out
    assert "Disputed by" in out and "IV works best for depression" in out
    assert "smith2014open" in out and "open-label" in out
    for domain in ("start", "risk of bias", "imprecision"):
        assert domain in out
    data = json.loads(query("show", "im-as-effective-as-iv", "--format", "json").stdout)
    assert data.keys() >= CONTRACT_KEYS
    assert data["grading"][0]["domain"] == "start"
    assert data["grading"][0]["change"] == 4
    assert sum(step["change"] for step in data["grading"]) == 1  # very low


def test_sources_and_source(query: Run) -> None:
    works = json.loads(query("sources", "--format", "json").stdout)
    assert [w["key"] for w in works] == [
        "docalpha",
        "docbeta",
        "smith2014open",
        "jones2006kids",
        "big2020trial",
        "patients2024",
    ]
    rcts = json.loads(
        query("sources", "--design", "rct", "--min-n", "100", "--format", "json").stdout
    )
    assert [w["key"] for w in rcts] == ["jones2006kids", "big2020trial"]
    smith = json.loads(query("source", "smith2014open", "--format", "json").stdout)
    assert smith["authors"] == "Smith, Ann and Müller, Karl"  # LaTeX decoded for display
    assert smith["container"] == "Journal of Test Medicine"  # @string macro resolved
    assert smith["cited_by"] == ["im-as-effective-as-iv"]
    assert smith["quality"] == ["small-sample", "single-centre"]
    out = query("source", "docalpha").stdout
    assert "Asserts or disputes: im-as-effective-as-iv" in out
    result = query("sources", "--design", "rtc")
    assert result.exit_code == 2 and "did you mean 'rct'?" in result.stderr


def test_gaps_lists_most_asserted_first_and_fails_on_request(query: Run) -> None:
    result = query("gaps", "--format", "json")
    assert result.exit_code == 0
    gaps = json.loads(result.stdout)
    ids = [c["id"] for c in gaps["claims"]]
    assert gaps["summary"] == {
        "finding": {"contradicted": 1, "contested": 1, "unsupported": 1, "weak": 1}
    }
    assert ids[0] == "im-as-effective-as-iv"  # asserted and disputed: two documents
    assert set(ids) == {
        "im-as-effective-as-iv",
        "im-vomiting-minimal",
        "im-cheaper",
        "im-bad-trips",
    }
    assert query("gaps", "--fail").exit_code == 1
    assert query("gaps", "--fail", "--route", "IV", "--status", "weak").exit_code == 0


def test_csv_is_rfc4180_and_formula_safe(run: Run, evidence_dir: Path) -> None:
    claims_file = evidence_dir / "claims.yaml"
    claims_file.write_text(
        claims_file.read_text().replace(
            "statement: IM treatment costs less than IV treatment.",
            'statement: "=HYPERLINK(\\"http://x\\"), \\"quoted\\""',
        )
    )
    result = run("claims", "--format", "csv", "--topic", "cost")
    assert result.exit_code == 0, result.stderr
    import csv
    import io

    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:3] == ["claim_id", "statement", "routes"]
    assert rows[1][1] == '\'=HYPERLINK("http://x"), "quoted"'


def test_query_rebuilds_when_data_change_and_says_so(run: Run, evidence_dir: Path) -> None:
    first = run("claims", "--format", "json")
    assert "roa-evidence: built the database (5 claims, 6 works)." in first.stderr
    again = run("claims", "--format", "json")
    assert again.stderr == ""
    claims_file = evidence_dir / "claims.yaml"
    claims_file.write_text(
        claims_file.read_text().replace("IM treatment costs less", "IM treatment is cheaper")
    )
    changed = run("show", "im-cheaper", "--format", "json")
    assert "rebuilt the database (5 claims, 6 works)" in changed.stderr
    assert json.loads(changed.stdout)["statement"].startswith("IM treatment is cheaper")


def test_load_reports_and_is_idempotent(run: Run) -> None:
    result = run("load")
    assert result.exit_code == 0
    assert result.stdout.startswith("Loaded 5 claims, 6 works, 4 evidence links and 6 quotes")
    assert run("load").stdout.startswith("Up to date:")
    assert run("load", "--force").stdout.startswith("Loaded 5 claims")


def test_empty_results_say_so(query: Run) -> None:
    result = query("claims", "--route", "rectal")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.endswith("No claims match those filters.\n")


def test_table_output_is_plain_when_piped(query: Run) -> None:
    result = query("claims", "--route", "IM")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert "im-bad-trips" in result.stdout and "very low" in result.stdout


def test_lists_paste_into_a_manuscript_as_markdown(query: Run) -> None:
    claims = query("claims", "--route", "IM", "--format", "md")
    assert claims.exit_code == 0, claims.stderr
    rows = [line for line in claims.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| Claim | Sources | Total n | Effect (95% CI) | Certainty")
    assert len(rows) == 1 + 4  # the header and the four IM claims
    assert "(im-bad-trips) | supports: patients2024 (patient-reports)" in claims.stdout
    works = query("sources", "--design", "rct", "--format", "md")
    assert works.exit_code == 0
    assert [line.split(" | ")[0] for line in works.stdout.splitlines()[2:]] == [
        "| smith2014open",
        "| jones2006kids",
        "| big2020trial",
    ]


def test_usage_errors_are_the_frameworks_one_line_not_a_crash(query: Run) -> None:
    result = query("show")
    assert result.exit_code == 2
    assert "Missing argument 'CLAIM_ID'." in result.stderr
    assert "unexpected" not in result.stderr
    result = query("claims", "--min-certainty", "medium")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown certainty 'medium'; expected one of none, very_low, low, moderate, high\n"
    )
