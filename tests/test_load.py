"""Loading: every problem at once with file:line, and the old database kept intact."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run


def _break(claims_file: Path) -> None:
    text = claims_file.read_text()
    text = text.replace(
        "      - source: big2020trial", "      - source: big2020trail"
    )  # unknown key
    text = text.replace("  - id: im-cheaper", "  - id: iv-efficacy")  # duplicate id
    text = text.replace("routes: [intramuscular]", "routes: [intramuscles]")  # unknown route
    text = text.replace("        n: 27", "        n: twenty-seven")  # wrong type
    claims_file.write_text(text)


def test_broken_claims_give_every_problem_and_keep_the_old_database(
    run: Run, evidence_dir: Path
) -> None:
    assert run("load").exit_code == 0
    claims_file = evidence_dir / "claims.yaml"
    _break(claims_file)

    result = run("load")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    path = str(claims_file)
    assert lines == [
        f"{path}:19: claim 'im-as-effective-as-iv': evidence.0.n: must be a whole number, "
        "not 'twenty-seven'",
        f"{path}:30: claim 'iv-efficacy': source 'big2020trail' is not an entry in studies.bib; "
        "add it or fix the key (did you mean 'big2020trial'?)",
        f"{path}:48: duplicate claim id 'iv-efficacy' (first at claims.yaml:21); give each "
        "claim its own id",
        f"{path}:50: claim 'iv-efficacy': routes.0: unknown route 'intramuscles'; did you mean "
        "'IM' or 'IN' or 'IV'? (one of IV, IM, IN, oral, SL, rectal, SC)",
        "Error: 4 problems in the evidence base; nothing was loaded. Fix the lines above and "
        "run again.",
    ]
    # The query commands refuse the broken files the same way and keep the old database.
    assert run("claims").exit_code == 2
    claims_file.write_text(claims_file.read_text())  # unchanged content: still broken
    validate = run("validate")
    assert validate.exit_code == 2 and validate.stderr.splitlines()[:4] == lines[:4]


def test_old_database_still_answers_after_a_failed_load(
    run: Run, evidence_dir: Path, db_url: str
) -> None:
    assert run("load").exit_code == 0
    from roa_evidence import open_store
    from roa_evidence.query.queries import find_claims

    _break(evidence_dir / "claims.yaml")
    assert run("load").exit_code == 2
    from roa_evidence.store.database import Store

    store = Store(db_url)
    with store.engine.connect() as conn:
        ids = [claim.id for claim in find_claims(conn)]
    store.close()
    assert ids == [
        "im-as-effective-as-iv",
        "iv-efficacy",
        "im-vomiting-minimal",
        "im-cheaper",
        "im-bad-trips",
    ]
    assert open_store  # the public API is importable


def test_validate_checks_quotes_against_documents(run: Run, evidence_dir: Path) -> None:
    ok = run("validate", "--documents", str(evidence_dir))
    assert ok.exit_code == 0, ok.stderr
    assert ok.stdout == (
        f"OK: 5 claims and 6 works in {evidence_dir}; all 6 quotes found "
        "verbatim in their documents.\n"
    )
    # Typographic quotes, dashes and line breaks in the document are normalised away.
    claims_file = evidence_dir / "claims.yaml"
    claims_file.write_text(claims_file.read_text().replace('"IM is cheaper"', '"IM is cheap"'))
    altered = claims_file.read_text().replace('"IM is cheap"', '"IM is much cheaper"')
    claims_file.write_text(altered)
    bad = run("validate", "--documents", str(evidence_dir))
    assert bad.exit_code == 2
    assert bad.stderr.splitlines()[0] == (
        f"{claims_file}:54: claim 'im-cheaper': the quote \"IM is much cheaper\" is not in "
        "docalpha's text (an orphan); copy it verbatim from the document (the closest passage is "
        "\"IM is cheaper.\": the quote adds 'much')"
    )


def test_unappraised_work_loads_with_a_warning(run: Run, evidence_dir: Path) -> None:
    bib = evidence_dir / "studies.bib"
    bib.write_text(bib.read_text() + "\n@article{bare2020, title = {No appraisal yet}}\n")
    result = run("validate")
    assert result.exit_code == 0
    assert f"warning: {bib}:" in result.stderr
    assert "entry 'bare2020' has no design" in result.stderr
    works = json.loads(run("sources", "--format", "json").stdout)
    assert works[-1]["key"] == "bare2020" and works[-1]["design"] is None


def test_claim_kind_rationale_mid_and_within_reach_the_json(run: Run, evidence_dir: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    text = text.replace(
        "  - id: im-cheaper\n",
        "  - id: im-cheaper\n    kind: DEFINITION\n    rationale: cheaper by the clinic's price list\n",
    )
    text = text.replace(
        "    condition: depression\n    asserted_by:\n      - document: docbeta\n",
        "    condition: depression\n    mid: {measure: smd, value: 0.5}\n"
        "    asserted_by:\n      - document: docbeta\n",
    )
    text = text.replace(
        "      - source: big2020trial\n        stance: supports\n",
        "      - source: big2020trial\n        stance: supports\n        within: pool2021\n"
        "      - source: pool2021\n        stance: supports\n",
    )
    claims.write_text(text, encoding="utf-8")
    with open(evidence_dir / "studies.bib", "a", encoding="utf-8") as bib:
        bib.write(
            "\n@article{pool2021, title = {A made-up pooled analysis}, year = {2021},\n"
            "  design = {meta-analysis}, n = {900}, routes = {IV}}\n"
        )
    result = run("claims", "--format", "json")
    assert result.exit_code == 0, result.stderr
    by_id = {claim["id"]: claim for claim in json.loads(result.stdout)}
    assert by_id["im-cheaper"]["kind"] == "definition"
    assert by_id["im-cheaper"]["rationale"] == "cheaper by the clinic's price list"
    assert by_id["iv-efficacy"]["mid"] == {"measure": "SMD", "value": 0.5}
    assert by_id["im-as-effective-as-iv"]["kind"] == "finding"
    assert by_id["im-as-effective-as-iv"]["mid"] is None
    links = {link["source"]: link for link in by_id["iv-efficacy"]["evidence"]}
    assert links["big2020trial"]["within"] == "pool2021"
    assert links["pool2021"]["within"] is None


def test_a_cited_work_missing_a_record_part_is_named_in_a_warning(
    run: Run, evidence_dir: Path
) -> None:
    bib = evidence_dir / "studies.bib"
    text = bib.read_text(encoding="utf-8")
    cited = "  title   = {An open-label comparison of {IM} and {IV} ketamine},\n"
    assert cited in text and "  year    = {2014},\n" in text
    bib.write_text(
        text.replace(cited, "").replace("  year    = {2014},\n", "", 1), encoding="utf-8"
    )
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "smith2014open" in line]
    assert len(warnings) == 1, result.stderr
    assert warnings[0].startswith(f"warning: {bib}:")
    assert "entry 'smith2014open' is cited as evidence but has no title; no year" in warnings[0]
    assert "author" not in warnings[0].split("has no")[1]  # it has authors and a journal


def test_complete_or_uncited_works_draw_no_record_warning(run: Run, evidence_dir: Path) -> None:
    bib = evidence_dir / "studies.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8") + "\n@article{uncited2020, design = {rct}}\n",
        encoding="utf-8",
    )
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert "is cited as evidence" not in result.stderr  # patients2024: relayed reports, exempt
