"""Retraction Watch notices: import, matching, grading, every place a user looks,
bad files, and surviving rebuilds. Through the CLI on SQLite and PostgreSQL.

The evidence base is the small made-up one of tests/fixtures; its works get
made-up identifiers under the 10.5555 example prefix, used in tests only.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import Run
from roa_evidence import grading
from roa_evidence.cli import app
from roa_evidence.retractions.notices import Notice, parse_bib_notices
from roa_evidence.retractions.retraction_watch import HEADER, parse_date

BIG_DOI = "10.5555/big.2020"
JONES_PMID = "5550001"


@pytest.fixture
def evidence(evidence_dir: Path) -> Path:
    """The small base with a DOI on big2020trial and a PMID on jones2006kids."""
    bib = evidence_dir / "studies.bib"
    text = bib.read_text()
    text = text.replace(
        "  author  = {Big, Carl},", f"  author  = {{Big, Carl}},\n  doi = {{{BIG_DOI}}},"
    )
    text = text.replace(
        "  author  = {Jones, Bea},", f"  author  = {{Jones, Bea}},\n  pmid = {{{JONES_PMID}}},"
    )
    bib.write_text(text)
    return evidence_dir


def record(
    record_id: str,
    *,
    date: str = "3/4/2021 0:00",
    notice_doi: str = "10.5555/notice.1",
    doi: str = "",
    pmid: str = "0",
    nature: str = "Retraction",
    reason: str = "+Falsification/Fabrication of Data;+Investigation by Journal/Publisher;",
) -> list[str]:
    """One data row in the published column order (blank or 0 where unknown, as published)."""
    fields = dict.fromkeys(HEADER, "")
    fields.update(
        {
            "Record ID": record_id,
            "Title": "A made-up paper, for tests",
            "Subject": "(HSC) Medicine - Psychiatry;",
            "Journal": "Journal of Test Medicine",
            "ArticleType": "Research Article;",
            "RetractionDate": date,
            "RetractionDOI": notice_doi,
            "RetractionPubMedID": "0",
            "OriginalPaperDate": "1/1/2020 0:00",
            "OriginalPaperDOI": doi or "unavailable",
            "OriginalPaperPubMedID": pmid,
            "RetractionNature": nature,
            "Reason": reason,
            "Paywalled": "No",
        }
    )
    return [fields[name] for name in HEADER]


def write_csv(path: Path, *rows: list[str], header: tuple[str, ...] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# The case of issue 16: big2020trial, the only (strong) support of iv-efficacy, is retracted.
RETRACTED = record("1", doi=f"https://doi.org/{BIG_DOI.upper()}")  # other case and a prefix
CONCERN = record(
    "2",
    date="2019-05-06",
    notice_doi="10.5555/notice.2",
    pmid="0" + JONES_PMID,  # PMID only, with a leading zero
    nature="Expression of concern",
    reason="+Concerns/Issues About Data;",
)
REINSTATED = record(
    "3",
    date="6/7/2022 0:00",
    notice_doi="10.5555/notice.3",
    doi=f"doi:{BIG_DOI}",
    nature="Reinstatement",
    reason="+Investigation by Journal/Publisher;",
)
EXCLUDED = "excluded: big2020trial retracted 2021-03-04, notice 10.5555/notice.1 (supports)"


def ok(result: object) -> str:
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


def grade_of(run: Run, data: Path, claim_id: str) -> tuple[str, str, list[str]]:
    shown = json.loads(ok(run("show", claim_id, "--format", "json", data=data)))
    return shown["certainty"], shown["status"], [s["reason"] for s in shown["grading"]]


def test_retracted_support_drops_in_the_same_run_and_returns_when_reinstated(
    run: Run, evidence: Path, tmp_path: Path
) -> None:
    assert grade_of(run, evidence, "iv-efficacy")[:2] == ("moderate", "strong")

    first = write_csv(tmp_path / "rw1.csv", RETRACTED, CONCERN)
    assert ok(run("retractions", "import", str(first), data=evidence)) == (
        "Imported 2 notices from rw1.csv: 2 works of the evidence base matched, 1 retracted; "
        "2 claims changed grade (roa-evidence retractions diff).\n"
    )
    # the concern takes the only body against im-vomiting-minimal to very low: no longer
    # contradicted, very uncertain (issue 21)
    assert grade_of(run, evidence, "im-vomiting-minimal")[:2] == ("none", "very_uncertain")
    certainty, status, reasons = grade_of(run, evidence, "iv-efficacy")
    assert (certainty, status) == ("none", "unsupported")
    assert EXCLUDED in reasons
    shown = ok(run("show", "iv-efficacy", data=evidence))
    assert EXCLUDED in shown
    assert (
        "big2020trial: Retraction 2021-03-04, notice 10.5555/notice.1: Falsification/Fabrication"
        " of Data; Investigation by Journal/Publisher (Retraction Watch)" in shown
    )

    second = write_csv(tmp_path / "rw2.csv", RETRACTED, CONCERN, REINSTATED)
    out = ok(run("retractions", "import", str(second), data=evidence))
    assert "0 retracted; 1 claim changed grade" in out
    certainty, status, reasons = grade_of(run, evidence, "iv-efficacy")
    assert (certainty, status) == ("moderate", "strong")
    assert not any(reason.startswith("excluded") for reason in reasons)
    assert "undone by a reinstatement" in ok(run("source", "big2020trial", data=evidence))


def test_diff_lists_the_grades_the_latest_import_changed(
    run: Run, evidence: Path, tmp_path: Path
) -> None:
    assert (
        "No Retraction Watch file imported yet" in run("retractions", "diff", data=evidence).stderr
    )
    ok(run("retractions", "import", str(write_csv(tmp_path / "a.csv", RETRACTED)), data=evidence))
    diff = json.loads(ok(run("retractions", "diff", "--format", "json", data=evidence)))
    assert diff["changes"] == [
        {
            "claim": "iv-efficacy",
            "before": {"certainty": "moderate", "status": "strong"},
            "after": {"certainty": "none", "status": "unsupported"},
        }
    ]
    table = ok(run("retractions", "diff", data=evidence))
    assert "iv-efficacy  moderate          strong         none             unsupported" in table
    # the same file again changes nothing
    ok(run("retractions", "import", str(tmp_path / "a.csv"), data=evidence))
    again = json.loads(ok(run("retractions", "diff", "--format", "json", data=evidence)))
    assert again["changes"] == []


def test_every_place_a_user_looks_shows_the_retraction(
    run: Run, evidence: Path, tmp_path: Path
) -> None:
    ok(
        run(
            "retractions",
            "import",
            str(write_csv(tmp_path / "a.csv", RETRACTED, CONCERN)),
            data=evidence,
        )
    )
    listed = ok(run("claims", "--retracted", "--format", "json", data=evidence))
    assert [c["id"] for c in json.loads(listed)] == ["iv-efficacy"]
    assert "iv-efficacy" in [
        c["id"] for c in json.loads(ok(run("gaps", "--format", "json", data=evidence)))["claims"]
    ]

    claims = list(csv.DictReader(io.StringIO(ok(run("claims", "--format", "csv", data=evidence)))))
    by_id = {row["claim_id"]: row["retraction"] for row in claims}
    assert by_id["iv-efficacy"] == "big2020trial retracted 2021-03-04, notice 10.5555/notice.1"
    assert by_id["im-as-effective-as-iv"] == ""

    evidence_csv = ok(run("export", "--format", "csv", data=evidence))
    links = {
        (r["claim_id"], r["source"]): r["retraction"]
        for r in csv.DictReader(io.StringIO(evidence_csv))
    }
    assert links[("iv-efficacy", "big2020trial")] == "retracted 2021-03-04, notice 10.5555/notice.1"
    assert links[("im-vomiting-minimal", "jones2006kids")] == ""

    exported = json.loads(ok(run("export", "--format", "json", "--what", "claims", data=evidence)))
    retraction = {c["id"]: c["retraction"] for c in exported["claims"]}
    assert retraction["iv-efficacy"][0]["notice_doi"] == "10.5555/notice.1"
    assert retraction["im-cheaper"] is None

    work = json.loads(ok(run("source", "jones2006kids", "--format", "json", data=evidence)))
    assert work["retraction"] is None
    assert [(n["nature"], n["date"], n["notice_doi"]) for n in work["notices"]] == [
        ("Expression of concern", "2019-05-06", "10.5555/notice.2")
    ]
    report = evidence.parent / "report.html"
    ok(run("report", "-o", str(report), data=evidence))
    assert "cites a retracted work</span> big2020trial retracted 2021-03-04" in report.read_text()


def test_imported_notices_survive_rebuilds_and_incremental_loads(
    run: Run, evidence: Path, tmp_path: Path
) -> None:
    ok(run("retractions", "import", str(write_csv(tmp_path / "a.csv", RETRACTED)), data=evidence))
    assert ok(run("load", "--force", data=evidence)).endswith(
        ", keeping 1 imported retraction notice.\n"
    )
    assert grade_of(run, evidence, "iv-efficacy")[:2] == ("none", "unsupported")
    # studies.bib changed: a full rebuild
    bib = evidence / "studies.bib"
    bib.write_text(bib.read_text() + "\n% touched\n")
    rebuilt = run("show", "iv-efficacy", "--format", "json", data=evidence)
    assert "rebuilt the database (5 claims, 6 works, keeping 1 imported retraction notice)" in (
        rebuilt.stderr
    )
    assert json.loads(rebuilt.stdout)["status"] == "unsupported"
    # a claims file changed: only its claims are regraded, with the stored notices
    claims = evidence / "claims.yaml"
    claims.write_text(
        claims.read_text().replace(
            "relieves depression within a day", "relieves depression within 24 h"
        )
    )
    assert grade_of(run, evidence, "iv-efficacy")[:2] == ("none", "unsupported")
    assert "iv-efficacy" in ok(run("retractions", "diff", data=evidence))


def test_check_flags_a_sentence_citing_a_retracted_work(
    run: Run, evidence: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "IV ketamine relieves depression within a day [@big2020trial].\n\n"
        "A trial that was later retracted claimed a response within a day [@big2020trial].\n"
    )
    before = json.loads(ok(run("check", str(draft), "--format", "json", data=evidence)))
    assert not [
        p for f in before["findings"] for p in f["problems"] if p["kind"] == "cited-retracted"
    ]

    ok(run("retractions", "import", str(write_csv(tmp_path / "a.csv", RETRACTED)), data=evidence))
    result = run(
        "check", str(draft), "--format", "json", "--fail-on", "cited-retracted", data=evidence
    )
    assert result.exit_code == 1, result.stderr
    first, second = json.loads(result.stdout)["findings"]
    assert first["verdict"] == "cited-retracted"
    assert {
        "kind": "cited-retracted",
        "detail": "the cited big2020trial was retracted 2021-03-04, notice 10.5555/notice.1",
        "suggestion": "cite other evidence, or say that the work was retracted",
    } in first["problems"]
    # a sentence that says the work was retracted is not faulted for citing it
    assert "cited-retracted" not in [p["kind"] for p in second["problems"]]
    text = ok(run("check", str(draft), data=evidence))
    assert f"{draft}:1:1: cited-retracted: " in text


def test_notices_written_by_hand_in_studies_bib_are_graded(run: Run, evidence: Path) -> None:
    bib = evidence / "studies.bib"
    bib.write_text(
        bib.read_text().replace(
            "  author  = {Big, Carl},",
            "  author  = {Big, Carl},\n  notices = {Retraction 2021-03-04 10.5555/hand.1: "
            "results could not be reproduced},",
        )
    )
    certainty, status, reasons = grade_of(run, evidence, "iv-efficacy")
    assert (certainty, status) == ("none", "unsupported")
    assert (
        "excluded: big2020trial retracted 2021-03-04, notice 10.5555/hand.1 (supports)" in reasons
    )
    assert "results could not be reproduced (studies.bib)" in ok(
        run("source", "big2020trial", data=evidence)
    )


def test_a_bad_notices_field_names_its_line(run: Run, evidence: Path) -> None:
    bib = evidence / "studies.bib"
    text = bib.read_text().replace(
        "  author  = {Big, Carl},", "  author  = {Big, Carl},\n  notices = {Retracted 2021-03-04},"
    )
    bib.write_text(text)
    line = text.splitlines().index("  notices = {Retracted 2021-03-04},") + 1
    result = run("load", data=evidence)
    assert result.exit_code == 2
    assert (
        f"studies.bib:{line}: entry 'big2020trial': unknown notice nature 'Retracted' in "
        "'Retracted 2021-03-04'; expected one of Retraction, Correction, Expression of concern, "
        "Reinstatement\n" in result.stderr
    )


def _truncated(path: Path) -> Path:
    whole = write_csv(path, RETRACTED, record("9", reason='"quoted; reason"')).read_text()
    path.write_text(whole[: whole.rindex("quoted")])  # cut inside a quoted field
    return path


BAD_FILES = {
    "empty": (
        lambda p: (p.write_bytes(b""), p)[1],
        "{path}:1: the file is empty; download retraction_watch.csv again from "
        "https://gitlab.com/crossref/retraction-watch-data",
    ),
    "wrong-header": (
        lambda p: write_csv(p, ["1", "x"], header=("id", "title")),
        "{path}:1: this is not the Retraction Watch CSV (the header lacks Record ID, "
        "RetractionDate, RetractionDOI, OriginalPaperDOI, OriginalPaperPubMedID, "
        "RetractionNature, Reason); download retraction_watch.csv from "
        "https://gitlab.com/crossref/retraction-watch-data",
    ),
    "truncated": (
        _truncated,
        "{path}:3: the record is malformed or the file is truncated (unexpected end of data); "
        "download the file again",
    ),
    "malformed-row": (
        lambda p: write_csv(p, RETRACTED, ["2", "too", "few", "fields"]),
        "{path}:3: the record has 4 fields where the header has 20; the file is truncated "
        "or malformed, download it again",
    ),
    "surplus-field": (
        lambda p: write_csv(p, RETRACTED, [*record("2"), "surplus"]),
        "{path}:3: the record has 21 fields where the header has 20; the file is truncated "
        "or malformed, download it again",
    ),
    "bad-date": (
        lambda p: write_csv(p, RETRACTED, record("2", date="31/31/2021 0:00")),
        "{path}:3: RetractionDate '31/31/2021 0:00' is not a date (expected like 3/4/2023 0:00 "
        "or 2023-03-04)",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_and_the_old_notices_kept(
    run: Run, evidence: Path, tmp_path: Path, case: str
) -> None:
    ok(
        run(
            "retractions", "import", str(write_csv(tmp_path / "good.csv", RETRACTED)), data=evidence
        )
    )
    make, message = BAD_FILES[case]
    bad = make(tmp_path / "bad.csv")
    result = run("retractions", "import", str(bad), data=evidence)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: " + message.format(path=bad) + "\n"
    certainty, status, reasons = grade_of(run, evidence, "iv-efficacy")
    assert (certainty, status) == ("none", "unsupported") and EXCLUDED in reasons


def test_a_header_with_a_trailing_comma_is_read(run: Run, evidence: Path, tmp_path: Path) -> None:
    """Some published copies end every line with a comma: one more, empty, column."""
    path = tmp_path / "trailing.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([[*HEADER, ""], [*RETRACTED, ""]])
    assert "1 retracted" in ok(run("retractions", "import", str(path), data=evidence))


# --------------------------------------------------------------------------
# The rules, as plain function calls


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("3/4/2023 0:00", "2023-03-04"),
        ("12/25/2021 13:05", "2021-12-25"),
        ("3/4/2023", "2023-03-04"),
        ("2023-03-04", "2023-03-04"),
        ("2023-03-04T00:00:00", "2023-03-04"),
        ("", None),
    ],
)
def test_dates_as_published_and_iso(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["2/30/2023 0:00", "4 March 2023", "2023-13-01", "03/04/23"])
def test_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def _claim(*notices: Notice, stance: str = "supports") -> grading.ClaimEvidence:
    study = grading.Study(
        key="s1",
        design="rct",
        n=500,
        blinding="double-blind",
        routes=frozenset({"IV"}),
        notices=notices,
    )
    other = grading.Study(key="s2", design="cohort", n=500, routes=frozenset({"IV"}))
    return grading.ClaimEvidence(
        routes=frozenset({"IV"}),
        condition="any",
        links=(grading.Link(study, stance), grading.Link(other, "supports")),
    )


RETRACTION = Notice("Retraction", "2021-03-04", "10.5555/n1")
CORRECTION = Notice("Correction", "2021-05-01", "10.5555/n2")
CONCERN_NOTICE = Notice("Expression of concern", "2020-01-01", "10.5555/n3")
REINSTATEMENT = Notice("Reinstatement", "2022-01-01", "10.5555/n4")


def test_a_retracted_work_leaves_the_contradicting_body_too() -> None:
    graded = grading.grade(_claim(RETRACTION, stance="contradicts"))
    assert graded.status != "contested"
    assert "excluded: s1 retracted 2021-03-04, notice 10.5555/n1 (contradicts)" in [
        s.reason for s in graded.steps
    ]


def test_a_correction_is_not_graded() -> None:
    assert grading.grade(_claim(CORRECTION)) == grading.grade(_claim())


def test_a_reinstatement_undoes_only_an_earlier_retraction() -> None:
    assert grading.grade(_claim(RETRACTION, REINSTATEMENT)) == grading.grade(_claim())
    late = Notice("Retraction", "2023-01-01", "10.5555/n5")
    assert (
        grading.grade(_claim(RETRACTION, REINSTATEMENT, late))
        .steps[1]
        .reason.startswith("excluded: s1 retracted 2023-01-01")
    )


def test_an_expression_of_concern_is_a_risk_of_bias_concern() -> None:
    clean = grading.grade(_claim())
    concerned = grading.grade(_claim(CONCERN_NOTICE))
    bias = [s for s in concerned.steps if s.domain == "risk_of_bias"]
    assert not [s for s in clean.steps if s.domain == "risk_of_bias"]
    assert bias and "s1: expression-of-concern" in bias[0].reason
    assert "s1: expression of concern 2020-01-01, notice 10.5555/n3, a risk-of-bias concern" in [
        s.reason for s in concerned.steps
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Retraction 2021-03-04", None),
        ("Correction 2021-03-04 doi:10.5555/X; Reinstatement 2022-01-01: all clear", None),
        ("Retraction 04/03/2021", "cannot read the notice 'Retraction 04/03/2021'"),
        ("Retraction 2021-02-30", "'2021-02-30' in 'Retraction 2021-02-30' is not a date"),
    ],
)
def test_the_notices_field(text: str, problem: str | None) -> None:
    notices, found = parse_bib_notices(text)
    if problem is None:
        assert found is None and notices
    else:
        assert found is not None and found.startswith(problem) and not notices


def test_a_missing_file_is_one_sentence(run: Run, evidence: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.csv"
    result = run("retractions", "import", str(missing), data=evidence)
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"Error: cannot read {missing} (No such file or directory); check the path\n"
    )


# --------------------------------------------------------------------------
# docs/retractions.md carries the commands' help; it must not drift

DOC = Path(__file__).resolve().parents[1] / "docs" / "retractions.md"
HELP_START, HELP_END = "<!-- help:start -->", "<!-- help:end -->"


def commands_help() -> str:
    blocks = []
    for name in ("import", "diff"):
        result = CliRunner().invoke(
            app,
            ["retractions", name, "--help"],
            env={"COLUMNS": "100", "NO_COLOR": "1"},
            prog_name="roa-evidence",
        )
        assert result.exit_code == 0, result.output
        blocks.append(
            f"```text\n$ roa-evidence retractions {name} --help\n{result.stdout.rstrip()}\n```"
        )
    return "\n\n".join(blocks)


def test_the_docs_carry_the_commands_help() -> None:
    section = DOC.read_text().split(HELP_START, 1)[1].split(HELP_END, 1)[0].strip()
    assert section == commands_help(), (
        "docs/retractions.md is stale: run python tests/test_retractions.py"
    )


if __name__ == "__main__":
    text = DOC.read_text()
    head, rest = text.split(HELP_START, 1)
    tail = rest.split(HELP_END, 1)[1]
    DOC.write_text(f"{head}{HELP_START}\n{commands_help()}\n{HELP_END}{tail}")
    print(f"updated {DOC}")


def test_gaps_lists_a_strong_claim_that_cites_a_retracted_work(
    run: Run, evidence: Path, tmp_path: Path
) -> None:
    claims = evidence / "claims.yaml"
    claims.write_text(
        claims.read_text().replace(
            "      - source: big2020trial\n        stance: supports\n",
            "      - source: big2020trial\n        stance: supports\n"
            "      - source: smith2014open\n        stance: supports\n",
        )
    )
    bib = evidence / "studies.bib"
    bib.write_text(
        bib.read_text().replace(
            '  author  = {Smith, Ann and M{\\"u}ller, Karl},',
            '  author  = {Smith, Ann and M{\\"u}ller, Karl},\n  notices = {Retraction 2022-02-02},',
        )
    )
    assert grade_of(run, evidence, "iv-efficacy")[:2] == ("moderate", "strong")
    gaps = json.loads(ok(run("gaps", "--format", "json", data=evidence)))["claims"]
    assert "iv-efficacy" in [claim["id"] for claim in gaps]
    narrowed = json.loads(ok(run("gaps", "--status", "weak", "--format", "json", data=evidence)))
    assert "iv-efficacy" not in [claim["id"] for claim in narrowed["claims"]]
