"""`sources import FILE.ris` and `export --format ris`, on exports in each database's style."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import rispy
from typer.testing import CliRunner

from conftest import FIXTURES
from roa_evidence.cli import app

RIS = FIXTURES / "ris"
DATABASES = ("zotero", "endnote", "covidence", "pubmed", "embase", "scopus", "ovid", "proquest")
# what each file's first record becomes: key, year, PubMed id (None where the export has none)
FIRST = {
    "zotero": ("chilukuri2014acute", "2014", "24701015"),
    "endnote": ("lapidus2014randomized", "2014", "24821196"),
    "covidence": ("momeni2014comparison", "2014", None),
    "pubmed": ("berman2000antidepressant", "2000", "10686270"),
    "embase": ("peltoniemi2016ketamine", "2016", "27028535"),
    "scopus": ("fanta2015population", "2015", "25724645"),
    "ovid": ("zarate2006randomized", "2006", "16894061"),
    "proquest": ("palamar2020extensive", "2020", None),
}


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def base(tmp_path: Path) -> Path:
    folder = tmp_path / "base"
    code, _, err = _cli("init", str(folder), "--routes", "IV,IM", "--topics", "efficacy")
    assert code == 0, err
    return folder


def _entries(base: Path) -> dict[str, dict[str, str]]:
    import bibtexparser

    library = bibtexparser.parse_string((base / "studies.bib").read_text())
    return {e.key: {f.key: f.value for f in e.fields} for e in library.entries}


@pytest.mark.parametrize("database", DATABASES)
def test_each_databases_export_is_imported_with_title_and_year(base: Path, database: str) -> None:
    code, out, err = _cli("--data", str(base), "sources", "import", str(RIS / f"{database}.ris"))
    assert code == 0, err
    key, year, pmid = FIRST[database]
    entry = _entries(base)[key]
    assert entry["year"] == year
    assert entry["title"] and entry["author"] and entry["journal"]
    assert entry.get("pmid") == pmid
    assert entry["verification"] == "unverified"
    assert entry["imported"] == f"{database}.ris, record 1"
    assert out.startswith(f"Added 2 entries to studies.bib from {database}.ris; skipped 0")


def test_fields_kept_from_a_full_record(base: Path) -> None:
    assert _cli("--data", str(base), "sources", "import", str(RIS / "zotero.ris"))[0] == 0
    assert _entries(base)["chilukuri2014acute"] == {
        "title": "Acute antidepressant effects of intramuscular versus intravenous ketamine",
        "author": "Chilukuri, Harihar and Reddy, N. P. and Pathapati, R. M. and Manu, A. N. and "
        "Jollu, S. and Shaik, A. B.",
        "year": "2014",
        "journal": "Indian Journal of Psychological Medicine",
        "volume": "36",
        "number": "1",
        "pages": "71--76",
        "doi": "10.4103/0253-7176.127258",
        "pmid": "24701015",
        "abstract": "(Placeholder abstract for a test fixture.)",
        "verification": "unverified",
        "imported": "zotero.ris, record 1",
    }


def test_abbreviated_pages_and_initials_after_the_name_are_written_out(base: Path) -> None:
    for name in ("pubmed", "embase", "endnote"):
        assert _cli("--data", str(base), "sources", "import", str(RIS / f"{name}.ris"))[0] == 0
    entries = _entries(base)
    assert entries["berman2000antidepressant"]["pages"] == "351--354"  # SP 351, EP 4
    assert entries["lapidus2014randomized"]["pages"] == "970--976"  # SP 970-6
    assert entries["peltoniemi2016ketamine"]["author"].startswith("Peltoniemi, M.A. and")


def test_duplicates_by_doi_pmid_or_title_are_reported_and_skipped(base: Path) -> None:
    for name in ("zotero", "endnote", "covidence"):
        assert _cli("--data", str(base), "sources", "import", str(RIS / f"{name}.ris"))[0] == 0
    code, out, err = _cli("--data", str(base), "sources", "import", str(RIS / "embase.ris"))
    assert (code, out.splitlines()[0]) == (
        0,
        "Added 1 entry to studies.bib from embase.ris; skipped 1 already in the base.",
    )
    assert "skipped: embase.ris record 2 (line 22) 'Acute antidepressant effects of " in err
    assert err.rstrip().endswith("same PubMed id as chilukuri2014acute")
    err = _cli("--data", str(base), "sources", "import", str(RIS / "proquest.ris"))[2]
    assert "same title as momeni2014comparison" in err  # upper case, no DOI
    err = _cli("--data", str(base), "sources", "import", str(RIS / "scopus.ris"))[2]
    assert "same DOI as lapidus2014randomized" in err


def test_a_second_import_adds_nothing(base: Path) -> None:
    for name in DATABASES:
        assert _cli("--data", str(base), "sources", "import", str(RIS / f"{name}.ris"))[0] == 0
    before = (base / "studies.bib").read_bytes()
    count = len(_entries(base))
    assert count == 12  # 16 records, 4 of them already imported from another database
    for name in DATABASES:
        code, out, _ = _cli("--data", str(base), "sources", "import", str(RIS / f"{name}.ris"))
        assert code == 0
        assert out.startswith(f"Added 0 entries to studies.bib from {name}.ris; skipped 2")
    assert (base / "studies.bib").read_bytes() == before


def test_imported_entries_are_listed_as_not_appraised(base: Path) -> None:
    assert _cli("--data", str(base), "sources", "import", str(RIS / "ovid.ris"))[0] == 0
    code, _, err = _cli("--data", str(base), "validate")
    assert code == 0
    assert "entry 'zarate2006randomized' has no design" in err
    assert "entry 'deasy2010intravenous' has no design" in err


def test_a_key_taken_by_another_work_gets_a_letter(base: Path) -> None:
    (base / "studies.bib").write_text(
        "@article{chilukuri2014acute,\n  title = {Another paper},\n  year = {2014},\n}\n"
    )
    assert _cli("--data", str(base), "sources", "import", str(RIS / "zotero.ris"))[0] == 0
    entries = _entries(base)
    assert entries["chilukuri2014acute"]["title"] == "Another paper"
    assert entries["chilukuri2014acuteb"]["doi"] == "10.4103/0253-7176.127258"


def test_dry_run_writes_nothing(base: Path) -> None:
    before = (base / "studies.bib").read_bytes()
    code, out, _ = _cli(
        "--data", str(base), "sources", "import", "--dry-run", str(RIS / "scopus.ris")
    )
    assert code == 0
    assert out.startswith("Would add 2 entries")
    assert (base / "studies.bib").read_bytes() == before


BAD = {
    "no structure": ("Title: a paper\nAuthor: someone\n", 1, "text outside a record"),
    "no ER at the end": ("TY  - JOUR\nTI  - One\nER  - \nTY  - JOUR\nTI  - Two\n", 4, "no ER"),
    "TY twice": ("TY  - JOUR\nTI  - One\nTY  - JOUR\nTI  - Two\nER  - \n", 3, "has no ER line"),
    "ER alone": ("ER  - \n", 1, "an ER line with no record open"),
    "no title": (
        "TY  - JOUR\nTI  - One\nER  - \n\nTY  - JOUR\nAU  - Doe, J\nER  - \n",
        5,
        "record 2 has no title",
    ),
    "empty": ("\n\n", None, "holds no RIS record"),
}


@pytest.mark.parametrize("case", BAD)
def test_a_malformed_file_is_refused_whole(base: Path, tmp_path: Path, case: str) -> None:
    text, line, message = BAD[case]
    ris = tmp_path / "bad.ris"
    ris.write_text(text)
    bib = base / "studies.bib"
    before = hashlib.sha256(bib.read_bytes()).hexdigest()
    code, out, err = _cli("--data", str(base), "sources", "import", str(ris))
    assert (code, out) == (2, "")
    assert err.startswith(f"Error: {ris}:{line}: " if line else f"Error: {ris} ")
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert hashlib.sha256(bib.read_bytes()).hexdigest() == before


def test_a_file_that_is_not_text_is_refused(base: Path, tmp_path: Path) -> None:
    ris = tmp_path / "export.ris"
    ris.write_bytes(b"TY  - JOUR\nTI  - caf\xe9\nER  - \n")
    code, _, err = _cli("--data", str(base), "sources", "import", str(ris))
    assert (code, err) == (
        2,
        f"Error: {ris} is not UTF-8 text; export it again as UTF-8 (RIS, Unicode)\n",
    )


def test_export_ris_is_read_back_by_rispy(base: Path, tmp_path: Path) -> None:
    for name in DATABASES:
        assert _cli("--data", str(base), "sources", "import", str(RIS / f"{name}.ris"))[0] == 0
    out_file = tmp_path / "out.ris"
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    code, out, err = _cli(
        "--data",
        str(base),
        "--db",
        db,
        "export",
        "--format",
        "ris",
        "--what",
        "sources",
        "-o",
        str(out_file),
    )
    assert code == 0, err
    assert out == f"Exported 12 RIS records (sources) to {out_file}.\n"
    records = rispy.load(out_file, encoding="utf-8")
    by_key = {r["id"]: r for r in records}
    assert len(by_key) == 12
    chilukuri = by_key["chilukuri2014acute"]
    assert chilukuri["title"] == (
        "Acute antidepressant effects of intramuscular versus intravenous ketamine"
    )
    assert chilukuri["year"] == "2014"
    assert chilukuri["doi"] == "10.4103/0253-7176.127258"
    assert (chilukuri["start_page"], chilukuri["end_page"]) == ("71", "76")
    assert chilukuri["authors"][0] == "Chilukuri, Harihar"
    # and the export imports into another base as the same works
    other = tmp_path / "other"
    assert _cli("init", str(other), "--routes", "IV", "--topics", "efficacy")[0] == 0
    code, out, _ = _cli("--data", str(other), "sources", "import", str(out_file))
    assert out.startswith("Added 12 entries")
    code, out, _ = _cli("--data", str(base), "sources", "import", str(out_file))
    assert out.startswith("Added 0 entries to studies.bib from out.ris; skipped 12")
