"""`roa-evidence export`, read back with the programs reviewers use (the csv module,
pandas, json, bibtexparser, pybtex, citeproc-py) and compared field by field with
the database itself."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from conftest import SHIPPED_DATA, Run
from roa_evidence import open_store
from roa_evidence.exporters.read import iter_claims, iter_works
from roa_evidence.query.queries import ClaimFilter, find_claims, find_works

DESIGN_COLUMNS = [
    "claim_id",
    "statement",
    "routes",
    "topic",
    "certainty",
    "status",
    "source",
    "stance",
    "design",
    "n",
    "blinding",
    "population",
    "quality",
    "year",
    "title",
    "doi",
]
EVIDENCE_COLUMNS = [
    *DESIGN_COLUMNS,
    "condition",
    "total_n",
    "authors",
    "locator",
    "indirect",
    "flags",
    "value_estimate",
    "value_low",
    "value_high",
    "value_unit",
    "effect_measure",
    "effect_estimate",
    "effect_low",
    "effect_high",
    "note",
    "verification",
    "kind",
    "certainty_against",
    "asserted_by",
    "risk_of_bias",
    "inconsistency",
    "indirectness",
    "imprecision",
    "publication_bias",
    "rated_up",
    "override",
    "retraction",
]
HOSTILE_CLAIM = """
  - id: evil-formula
    statement: '=HYPERLINK("http://evil.example","click") | <script>alert(1)</script>'
    routes: [IM]
    topic: onset
    asserted_by:
      - document: docalpha
        quote: "minimal incidence of vomiting"
    evidence:
      - source: evil2021
        stance: supports
        locator: "@SUM(1+1)"
        note: "-2+3 and a pipe | in a note"
        effect: {measure: MD, estimate: -1.5, low: -3.0, high: 0.5}
"""
HOSTILE_WORK = """
@article{evil2021,
  author  = {{World Health Organization} and van der Berg, Jan},
  title   = {+Plus: a title that starts like a formula},
  journal = {Journal of {Tab}s},
  year    = {2021},
  pages   = {1--9},
  doi     = {10.1000/evil.1},
  design  = {cohort},
  n       = {60},
  population = {=1+2 adults},
  routes  = {IM},
  verification = {verified}
}
"""


def _hostile(evidence_dir: Path) -> None:
    """Add a claim and a work whose text a spreadsheet or Markdown would misread."""
    with (evidence_dir / "claims.yaml").open("a") as f:
        f.write(HOSTILE_CLAIM)
    with (evidence_dir / "studies.bib").open("a") as f:
        f.write(HOSTILE_WORK)


def _safe(text: str | None) -> str:
    """What a text cell must hold: the text, behind an apostrophe if it starts like a formula."""
    text = text or ""
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def _ok(result: Any) -> str:
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def _db_rows(db_url: str, query: sa.Select[Any]) -> list[dict[str, Any]]:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]
    finally:
        engine.dispose()


def _tables() -> tuple[sa.Table, sa.Table, sa.Table]:
    from sqlmodel import SQLModel

    t = SQLModel.metadata.tables
    return t["claim"], t["evidence_link"], t["work"]


def _links(db_url: str) -> list[dict[str, Any]]:
    """Every claim x link of the database, joined by hand (not through roa_evidence)."""
    claim, link, work = _tables()
    query = (
        sa.select(
            claim.c.id.label("claim_id"),
            claim.c.statement,
            claim.c.topic,
            claim.c.certainty,
            claim.c.status,
            link.c.source,
            link.c.stance,
            link.c.n.label("link_n"),
            link.c.locator,
            link.c.note,
            work.c.design,
            work.c.n.label("work_n"),
            work.c.blinding,
            work.c.population,
            work.c.quality,
            work.c.year,
            work.c.title,
            work.c.doi,
        )
        .join(link, link.c.claim_id == claim.c.id)
        .join(work, work.c.key == link.c.source)
        .order_by(claim.c.position, link.c.position)
    )
    return _db_rows(db_url, query)


def _cited_keys(db_url: str) -> set[str]:
    from sqlmodel import SQLModel

    t = SQLModel.metadata.tables
    keys = {r["source"] for r in _db_rows(db_url, sa.select(t["evidence_link"].c.source))}
    return keys | {r["document"] for r in _db_rows(db_url, sa.select(t["assertion"].c.document))}


def _works(db_url: str) -> dict[str, dict[str, Any]]:
    _, _, work = _tables()
    return {r["key"]: r for r in _db_rows(db_url, sa.select(work))}


# ---------------------------------------------------------------------------
# CSV


def test_evidence_csv_matches_the_database_cell_by_cell(
    run: Run, db_url: str, evidence_dir: Path
) -> None:
    _hostile(evidence_dir)
    out = evidence_dir.parent / "evidence.csv"
    result = run("export", "--format", "csv", "-o", str(out))
    assert result.stdout == f"Exported 6 rows (evidence) to {out}.\n", result.stderr
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == EVIDENCE_COLUMNS
    linked = [r for r in rows if r["source"]]
    db = _links(db_url)
    assert len(linked) == len(db) == 5
    for row, want in zip(linked, db, strict=True):
        n = want["link_n"] if want["link_n"] is not None else want["work_n"]
        expected = {
            "claim_id": want["claim_id"],
            "topic": want["topic"],
            "certainty": want["certainty"],
            "status": want["status"],
            "source": want["source"],
            "stance": want["stance"],
            "design": want["design"] or "",
            "n": "" if n is None else str(n),
            "blinding": want["blinding"] or "",
            "quality": want["quality"].replace(",", ";"),
            "year": "" if want["year"] is None else str(want["year"]),
            "doi": want["doi"] or "",
            "locator": _safe(want["locator"]),
            "statement": _safe(want["statement"]),
            "title": _safe(want["title"]),
            "population": _safe(want["population"]),
            "note": _safe(want["note"]),
        }
        assert {k: row[k] for k in expected} == expected
    # the claim with no evidence still has its row, with blank link cells
    unlinked = [r for r in rows if not r["source"]]
    assert [r["claim_id"] for r in unlinked] == ["im-cheaper"]
    assert unlinked[0]["status"] == "unsupported"


def test_formula_cells_are_neutralised_and_numbers_stay_numbers(
    run: Run, evidence_dir: Path
) -> None:
    _hostile(evidence_dir)
    rows = list(csv.DictReader(io.StringIO(_ok(run("export", "--search", "evil")))))
    assert len(rows) == 1
    row = rows[0]
    assert row["statement"].startswith("'=HYPERLINK(")
    assert row["title"] == "'+Plus: a title that starts like a formula"
    assert row["population"] == "'=1+2 adults"
    assert row["locator"] == "'@SUM(1+1)"
    assert row["note"] == "'-2+3 and a pipe | in a note"
    assert row["authors"] == "World Health Organization and van der Berg, Jan"
    # a negative number is data, not a formula
    assert (row["effect_measure"], row["effect_estimate"], row["effect_low"]) == (
        "MD",
        "-1.5",
        "-3.0",
    )
    vomiting = list(csv.DictReader(io.StringIO(_ok(run("export", "--topic", "tolerability")))))
    assert (vomiting[0]["value_estimate"], vomiting[0]["value_unit"]) == ("26.3", "%")
    for cell in row.values():
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell


def test_evidence_csv_reads_into_pandas(run: Run, evidence_dir: Path) -> None:
    pd = pytest.importorskip("pandas")
    _hostile(evidence_dir)
    out = evidence_dir.parent / "evidence.csv"
    _ok(run("export", "-o", str(out), "--excel"))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel's UTF-8 byte-order mark
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert list(frame.columns) == EVIDENCE_COLUMNS
    assert len(frame) == 6
    assert frame["n"].dropna().astype(int).tolist() == [27, 520, 225, 60]
    assert frame.loc[frame["source"] == "evil2021", "effect_estimate"].item() == -1.5
    assert frame.loc[frame["claim_id"] == "iv-efficacy", "certainty"].item() == "moderate"
    assert frame.loc[frame["source"] == "smith2014open", "authors"].item() == (
        "Smith, Ann and Müller, Karl"
    )


def test_csv_is_rfc4180_utf8_without_bom_by_default(run: Run, evidence_dir: Path) -> None:
    claims_file = evidence_dir / "claims.yaml"
    claims_file.write_text(
        claims_file.read_text().replace(
            "note: vomiting 26.3 % with IM vs 11.9 % with IV",
            'note: "vomiting \\"26.3 %\\",\\nwith IM — Müller"',
        )
    )
    out = evidence_dir.parent / "e.csv"
    _ok(run("export", "-o", str(out)))
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "").replace('",\nwith', "")
    assert '"vomiting ""26.3 %"",\nwith IM — Müller"' in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows[2]["note"] == 'vomiting "26.3 %",\nwith IM — Müller'


def test_filters_narrow_the_export_like_claims(run: Run) -> None:
    im_ids = [c["id"] for c in json.loads(_ok(run("claims", "--route", "IM", "--format", "json")))]
    rows = list(csv.DictReader(io.StringIO(_ok(run("export", "--route", "IM", "--format", "csv")))))
    assert list(dict.fromkeys(r["claim_id"] for r in rows)) == im_ids
    assert all("IM" in r["routes"].split(";") for r in rows)
    rows = list(csv.DictReader(io.StringIO(_ok(run("export", "--min-certainty", "moderate")))))
    assert [r["claim_id"] for r in rows] == ["iv-efficacy"]
    rows = list(csv.DictReader(io.StringIO(_ok(run("export", "--source", "jones2006kids")))))
    assert [(r["claim_id"], r["source"]) for r in rows] == [
        ("im-vomiting-minimal", "jones2006kids")
    ]


def test_claims_and_sources_csv(run: Run) -> None:
    assert _ok(run("export", "--what", "claims", "--topic", "efficacy")) == _ok(
        run("claims", "--format", "csv", "--topic", "efficacy")
    )
    assert _ok(run("export", "--what", "sources")) == _ok(run("sources", "--format", "csv"))
    rows = list(
        csv.DictReader(io.StringIO(_ok(run("export", "--what", "sources", "--route", "IV"))))
    )
    # a filter narrows the sources to the works the matching claims cite or quote
    assert [r["key"] for r in rows] == ["docalpha", "docbeta", "smith2014open", "big2020trial"]


# ---------------------------------------------------------------------------
# Output file handling


def test_output_is_atomic_and_never_overwritten_without_force(run: Run, evidence_dir: Path) -> None:
    folder = evidence_dir.parent / "out"
    folder.mkdir()
    out = folder / "evidence.csv"
    out.write_text("keep me")
    result = run("export", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {out} already exists; pass --force to overwrite it\n"
    assert out.read_text() == "keep me"
    result = run("export", "-o", str(out), "--force", "--route", "IV")
    assert result.exit_code == 0, result.stderr
    assert out.read_text().startswith("claim_id,statement,")
    assert [p.name for p in folder.iterdir()] == ["evidence.csv"]  # no temporary file left
    # a failure after the file was opened leaves nothing behind
    other = folder / "other.csv"
    assert run("export", "-o", str(other), "--source", "nobody").exit_code == 2
    assert [p.name for p in folder.iterdir()] == ["evidence.csv"]
    result = run("export", "-o", str(folder / "missing" / "x.csv"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_options_that_do_not_apply_are_refused(run: Run) -> None:
    result = run("export", "--format", "json", "--excel")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --excel applies to CSV only, not --format json\n",
    )
    result = run("export", "--format", "csv", "--group-by", "topic")
    assert result.exit_code == 2
    result = run("export", "--route", "IMM")
    assert result.exit_code == 2
    assert "did you mean 'IM'" in result.stderr


# ---------------------------------------------------------------------------
# JSON


def test_json_export_holds_the_claims_contract_and_sources(run: Run, db_url: str) -> None:
    document = json.loads(_ok(run("export", "--format", "json", "--route", "IM")))
    assert set(document) == {"claims", "sources"}
    assert document["claims"] == json.loads(_ok(run("claims", "--route", "IM", "--format", "json")))
    cited = {e["source"] for c in document["claims"] for e in c["evidence"]}
    cited |= {
        a["document"] for c in document["claims"] for a in c["asserted_by"] + c["disputed_by"]
    }
    assert {w["key"] for w in document["sources"]} == cited
    every = json.loads(_ok(run("export", "--format", "json", "--what", "sources")))
    assert every == {"sources": json.loads(_ok(run("sources", "--format", "json")))}
    works = _works(db_url)
    for w in every["sources"]:
        row = works[w["key"]]
        assert (w["title"], w["year"], w["design"], w["n"]) == (
            row["title"],
            row["year"],
            row["design"],
            row["n"],
        )


def test_json_export_of_nothing_is_still_a_document(run: Run) -> None:
    assert json.loads(_ok(run("export", "--format", "json", "--route", "SC"))) == {
        "claims": [],
        "sources": [],
    }


# ---------------------------------------------------------------------------
# Markdown


def _md_cells(line: str) -> list[str]:
    """Cells of a Markdown table row, split on unescaped pipes only."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_markdown_summary_of_findings_per_route(run: Run, evidence_dir: Path) -> None:
    _hostile(evidence_dir)
    text = _ok(run("export", "--format", "md"))
    headings = re.findall(r"^## (.*)$", text, flags=re.M)
    assert headings == ["Route: IV", "Route: IM"]
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    header = _md_cells(rows[0])
    assert header == [
        "Claim",
        "Sources",
        "Total n",
        "Effect (95% CI)",
        "Certainty (GRADE)",
        "Status",
        "Reasons for rating down",
    ]
    body = [_md_cells(r) for r in rows if _md_cells(r) != header]
    assert all(len(cells) == 7 for cells in body)
    by_id = {re.search(r"\(([a-z0-9-]+)\)$", c[0]).group(1): c for c in body}  # type: ignore[union-attr]
    iv = by_id["iv-efficacy"]
    assert iv[1:6] == [
        "supports: big2020trial (rct, n=520)",
        "520",
        "",
        "\u2295\u2295\u2295\u25ef MODERATE",
        "strong",
    ]
    assert iv[6].startswith("imprecision (-1): a single study (big2020trial)")
    evil = by_id["evil-formula"][0]
    assert "<script>" not in text and "&lt;script&gt;" in evil
    assert "\\|" in evil  # the pipe in the statement is escaped, not a column break
    assert by_id["im-cheaper"][1:6] == ["none", "\u2014", "", "no evidence", "unsupported"]
    assert by_id["im-bad-trips"][2] == "not reported"


def test_markdown_per_topic_and_sources(run: Run) -> None:
    text = _ok(run("export", "--format", "md", "--group-by", "topic", "--route", "IM"))
    assert re.findall(r"^## (.*)$", text, flags=re.M) == [
        "Topic: efficacy",
        "Topic: tolerability",
        "Topic: experience",
        "Topic: cost",
    ]
    table = _ok(run("export", "--format", "md", "--what", "sources"))
    assert table.splitlines()[0].startswith("| Source | Design | n |")
    assert "| smith2014open | rct | 27 | open-label | 2014 |" in table


# ---------------------------------------------------------------------------
# BibTeX and CSL-JSON


def test_bibtex_round_trips_through_bibtexparser_and_pybtex(
    run: Run, db_url: str, evidence_dir: Path
) -> None:
    import bibtexparser
    from pybtex.database import parse_string

    _hostile(evidence_dir)
    text = _ok(run("export", "--format", "bib", "--route", "IV"))
    works = _works(db_url)
    # only the works the IV claims cite or quote
    assert [e.key for e in bibtexparser.parse_string(text).entries] == [
        "docalpha",
        "docbeta",
        "smith2014open",
        "big2020trial",
    ]
    everything = _ok(run("export", "--format", "bib", "--what", "sources"))
    library = bibtexparser.parse_string(everything)
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == sorted(works, key=lambda k: works[k]["position"])
    appraisal = {"design", "n", "blinding", "population", "condition", "routes", "quality"}
    appraisal |= {"verification", "file", "note", "citation_issue"}
    for entry in library.entries:
        assert entry.entry_type == works[entry.key]["entry_type"]
        stored = json.loads(works[entry.key]["fields_json"])
        bibliographic = {k: v for k, v in stored.items() if k not in appraisal}
        assert {f.key: f.value for f in entry.fields} == bibliographic
    appraised = bibtexparser.parse_string(
        _ok(run("export", "--format", "bib", "--what", "sources", "--with-appraisal"))
    )
    for entry in appraised.entries:
        assert {f.key: f.value for f in entry.fields} == json.loads(works[entry.key]["fields_json"])
    assert r"author = {Smith, Ann and M{\"u}ller, Karl}" in everything  # LaTeX intact
    data = parse_string(everything, "bibtex")  # raises on any syntax pybtex rejects
    assert list(data.entries) == [e.key for e in library.entries]
    smith = data.entries["smith2014open"]
    assert [str(p) for p in smith.persons["author"]] == ["Smith, Ann", r"M{\"u}ller, Karl"]
    assert smith.fields["title"] == "An open-label comparison of {IM} and {IV} ketamine"
    assert smith.fields["year"] == "2014"
    evil = data.entries["evil2021"]
    assert [str(p) for p in evil.persons["author"]] == [
        "{World Health Organization}",
        "van der Berg, Jan",
    ]


def _render(items: list[dict[str, Any]]) -> dict[str, str]:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    keys = [item.key for item in bibliography.items]
    return dict(zip(keys, (str(e) for e in bibliography.bibliography()), strict=True))


def test_csl_json_renders_with_citeproc(run: Run, db_url: str, evidence_dir: Path) -> None:
    _hostile(evidence_dir)
    items = json.loads(_ok(run("export", "--format", "csl-json", "--what", "sources")))
    works = _works(db_url)
    assert [i["id"] for i in items] == sorted(works, key=lambda k: works[k]["position"])
    rendered = _render(items)
    assert set(rendered) == set(works)
    for item in items:
        work = works[item["id"]]
        assert item["title"] == work["title"]
        assert item.get("issued") == ({"date-parts": [[work["year"]]]} if work["year"] else None)
        assert work["title"] in rendered[item["id"]]
    smith = next(i for i in items if i["id"] == "smith2014open")
    assert smith["type"] == "article-journal"
    assert smith["author"] == [
        {"family": "Smith", "given": "Ann"},
        {"family": "Müller", "given": "Karl"},
    ]
    assert rendered["smith2014open"].startswith("Smith, A. and Müller, K. (2014)")
    evil = next(i for i in items if i["id"] == "evil2021")
    assert evil["author"] == [
        {"literal": "World Health Organization"},
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
    ]
    assert (evil["page"], evil["DOI"], evil["container-title"]) == (
        "1-9",
        "10.1000/evil.1",
        "Journal of Tabs",
    )
    assert rendered["evil2021"].startswith("World Health Organization and van der Berg, J.")
    assert next(i for i in items if i["id"] == "docalpha")["type"] == "webpage"


def test_every_format_on_the_shipped_data(run: Run) -> None:
    from pybtex.database import parse_string

    for fmt, what in (
        *(("csv", w) for w in ("evidence", "claims", "sources")),
        *((f, w) for f in ("json", "md") for w in ("claims", "sources")),
        *((f, "sources") for f in ("bib", "csl-json")),
        *((f, None) for f in ("csv", "json", "md", "bib", "csl-json", "robvis")),
    ):
        chosen = ("--what", what) if what else ()
        result = run("export", "--format", fmt, *chosen, data=SHIPPED_DATA)
        assert result.exit_code == 0, (fmt, what, result.stderr)
    bib = _ok(run("export", "--format", "bib", "--what", "sources", data=SHIPPED_DATA))
    assert len(parse_string(bib, "bibtex").entries) == bib.count("\n@") + bib.startswith("@")
    items = json.loads(
        _ok(run("export", "--format", "csl-json", "--what", "sources", data=SHIPPED_DATA))
    )
    rendered = _render(items)
    assert len(rendered) == len(items) > 20
    rows = list(csv.DictReader(io.StringIO(_ok(run("export", data=SHIPPED_DATA)))))
    claims = json.loads(_ok(run("claims", "--format", "json", data=SHIPPED_DATA)))
    assert len(rows) == sum(max(1, len(c["evidence"])) for c in claims)


# ---------------------------------------------------------------------------
# The library reads in batches


def test_batched_reads_equal_the_whole_list(evidence_dir: Path, db_url: str) -> None:
    with open_store(evidence_dir, db_url) as conn:
        for flt in (ClaimFilter(), ClaimFilter(routes=("IM",)), ClaimFilter(search="IV")):
            for size in (1, 2, 3, 500):
                assert list(iter_claims(conn, flt, batch_size=size)) == find_claims(conn, flt)
        every = find_works(conn)
        for size in (1, 4, 500):
            assert list(iter_works(conn, None, batch_size=size)) == every
        cited = list(iter_works(conn, ClaimFilter(routes=("IV",)), batch_size=1))
        assert [w.key for w in cited] == ["docalpha", "docbeta", "smith2014open", "big2020trial"]
        assert Counter(w.key for w in cited) == Counter({w.key: 1 for w in cited})


@pytest.mark.parametrize(
    "flt", [ClaimFilter(), ClaimFilter(routes=("IM",)), ClaimFilter(statuses=("unsupported",))]
)
def test_the_evidence_rows_agree_with_the_claim_records(flt: ClaimFilter, sqlite_url: str) -> None:
    """The evidence table comes from its own SQL join; each row says what the claim's
    record (the JSON) says of that claim and link, in the same order."""
    from roa_evidence.exporters.evidence import EVIDENCE_COLUMNS, evidence_rows

    shared = ("claim_id", "statement", "topic", "certainty", "status", "kind", "total_n")
    of_link = ("source", "stance", "design", "n", "title", "year", "locator", "note")
    with open_store(SHIPPED_DATA, sqlite_url) as conn:
        rows = [dict(zip(EVIDENCE_COLUMNS, row, strict=True)) for row in evidence_rows(conn, flt)]
        claims = find_claims(conn, flt)
    expected = [
        (claim, link) for claim in claims for link in (claim.to_dict()["evidence"] or [None])
    ]
    assert len(rows) == len(expected) > 10
    for row, (claim, link) in zip(rows, expected, strict=True):
        record = claim.to_dict() | {"claim_id": claim.id}
        assert [row[c] for c in shared] == [record[c] for c in shared]
        assert row["routes"] == ";".join(claim.routes)
        assert [row[c] for c in of_link] == [link[c] if link else None for c in of_link]


# ---------------------------------------------------------------------------
# Clean bibliographies; the robvis table; options without effect


def test_bibliographies_carry_no_appraisal_unless_asked(run: Run) -> None:
    import bibtexparser

    appraisal = ("design", "blinding", "quality", "verification", "population", "note", "file")
    for extra in ((), ("--with-appraisal",)):
        text = _ok(run("export", "--format", "bib", "--what", "sources", *extra))
        fields = {f.key for e in bibtexparser.parse_string(text).entries for f in e.fields}
        assert bool(fields & set(appraisal)) == bool(extra), fields
        items = json.loads(_ok(run("export", "--format", "csl-json", *extra)))
        assert all(("custom" in i) == bool(extra) for i in items if i["id"] == "smith2014open")
    smith = next(
        i
        for i in json.loads(_ok(run("export", "--format", "csl-json", "--with-appraisal")))
        if i["id"] == "smith2014open"
    )
    assert smith["custom"]["design"] == "rct" and smith["custom"]["n"] == 27
    result = run("export", "--format", "csv", "--with-appraisal")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --with-appraisal applies to --format bib and csl-json only, not csv\n",
    )


ROBVIS_VALUES = {"Low", "Some concerns", "High", "No information"}


def test_robvis_table_reads_back_as_robvis_generic_expects(
    run: Run, evidence_dir: Path, db_url: str
) -> None:
    """robvis (tool = "Generic"): a `#` note, then the study first, one column per domain,
    the overall judgement second to last, the weight last; one row per cited study of a
    design a risk-of-bias tool appraises."""
    import pandas as pd

    _hostile(evidence_dir)
    text = _ok(run("export", "--format", "robvis"))
    assert text.startswith("# Screening judgements")
    table = pd.read_csv(io.StringIO(text), comment="#")
    columns = list(table.columns)
    assert columns[0] == "Study" and columns[-2:] == ["Overall", "Weight"]
    domains = columns[1:-2]
    assert len(domains) >= 3
    assert set(table[[*domains, "Overall"]].to_numpy().ravel()) <= ROBVIS_VALUES
    works = _works(db_url)
    appraised = {"rct", "crossover-rct", "non-randomized-trial", "cohort", "case-control"}
    cited = {row["source"] for row in _links(db_url)}
    assert sorted(table["Study"]) == sorted(k for k in cited if works[k]["design"] in appraised)
    assert table["Study"].is_unique
    rows = table.set_index("Study")
    for key, row in rows.iterrows():
        n = works[str(key)]["n"]
        assert row["Weight"] == (1 if n is None else n), key
    # The appraisal decides: smith is open-label, jones stopped early, big double-blind.
    assert rows.loc["smith2014open", "Blinding"] == "High"
    assert rows.loc["smith2014open", "Overall"] == "High"
    assert rows.loc["jones2006kids", "Early stopping"] == "High"
    assert rows.loc["big2020trial", "Overall"] == "Low"
    assert rows.loc["evil2021", "Randomisation"] == "High"  # a cohort is not randomised
    assert "patients2024" not in rows.index  # patient reports are not appraised by a RoB tool
    only_iv = run("export", "--format", "robvis", "--route", "IV")
    only_iv_table = pd.read_csv(io.StringIO(_ok(only_iv)), comment="#")
    assert list(only_iv_table["Study"]) == ["smith2014open", "big2020trial"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--format", "json", "--what", "evidence"),
            "Error: --what evidence has no effect with --format json (a JSON export holds each "
            "claim with its evidence already); use --what claims or --what sources\n",
        ),
        (
            ("--format", "md", "--what", "evidence"),
            "Error: --what evidence has no effect with --format md (a Summary-of-Findings table "
            "lists each claim with its evidence already); use --what claims or --what sources "
            "or --what profile\n",
        ),
        (
            ("--format", "bib", "--what", "claims"),
            "Error: --what claims has no effect with --format bib (a bibliography holds works: "
            "those the matching claims cite, or every work with --what sources); use --what "
            "sources\n",
        ),
        (
            ("--format", "robvis", "--what", "sources"),
            "Error: --what sources has no effect with --format robvis (a robvis table holds one "
            "row per study the matching claims cite)\n",
        ),
        (
            ("--format", "robvis", "--excel"),
            "Error: --excel applies to CSV only, not --format robvis\n",
        ),
    ],
)
def test_an_option_without_effect_is_refused(run: Run, args: tuple[str, ...], message: str) -> None:
    result = run("export", *args)
    assert (result.exit_code, result.stderr, result.stdout) == (2, message, "")


def test_json_and_markdown_what_claims_and_sources_differ(run: Run) -> None:
    for fmt in ("json", "md"):
        claims = _ok(run("export", "--format", fmt, "--what", "claims"))
        assert claims == _ok(run("export", "--format", fmt))  # claims is the default
        assert claims != _ok(run("export", "--format", fmt, "--what", "sources"))


def test_an_output_folder_that_takes_no_files_is_named_as_such(run: Run) -> None:
    if not Path("/proc").is_dir():
        pytest.skip("no /proc on this system")
    result = run("export", "-o", "/proc/x.csv")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: cannot write /proc/x.csv: no file can be created in the folder /proc; choose "
        "another folder\n",
    )


# ---------------------------------------------------------------------------
# The grading in the evidence CSV


GRADE_DOMAINS = ("risk_of_bias", "inconsistency", "indirectness", "imprecision", "publication_bias")
JUDGEMENT = {0: "not serious", -1: "serious", -2: "very serious"}


def test_evidence_csv_carries_each_claims_grading(run: Run, evidence_dir: Path) -> None:
    """Risk of bias with its reason, each GRADE domain's change and reason, the asserting
    documents, kind and certainty_against: what a reviewer otherwise rebuilds by hand."""
    _hostile(evidence_dir)
    rows = list(csv.DictReader(io.StringIO(_ok(run("export")))))
    claims = {c["id"]: c for c in json.loads(_ok(run("claims", "--format", "json")))}
    for row in rows:
        claim = claims[row["claim_id"]]
        assert row["kind"] == claim["kind"]
        assert row["certainty_against"] == (claim["certainty_against"] or "")
        documents = dict.fromkeys(a["document"] for a in claim["asserted_by"])
        assert row["asserted_by"] == ";".join(documents)
        graded = any(s["domain"] == "start" and s["change"] > 0 for s in claim["grading"])
        for domain in GRADE_DOMAINS:
            steps = [s for s in claim["grading"] if s["domain"] == domain]
            if not graded:
                assert row[domain] == "", (row["claim_id"], domain)
            elif not steps:
                assert row[domain] == "not serious (0)", (row["claim_id"], domain)
            else:
                for step in steps:
                    change = f"{step['change']:+d}" if step["change"] else "0"
                    assert (
                        f"{JUDGEMENT[step['change']]} ({change}): {step['reason']}" in row[domain]
                    )
    by_id = {r["claim_id"]: r for r in rows}
    smith = by_id["im-as-effective-as-iv"]
    assert smith["risk_of_bias"] == (
        "serious (-1): studies with a concern hold 100% of the participants at the start level "
        "(smith2014open: open-label)"
    )
    assert (
        smith["imprecision"]
        == "very serious (-2): a single study (smith2014open); total n 27 is below 50"
    )
    assert by_id["iv-efficacy"]["risk_of_bias"] == "not serious (0)"
    assert by_id["im-cheaper"]["imprecision"] == ""  # unsupported: nothing was graded
    assert by_id["im-vomiting-minimal"]["certainty_against"] == "low"


def test_evidence_csv_grading_columns_in_pandas(run: Run, evidence_dir: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = evidence_dir.parent / "evidence.csv"
    _ok(run("export", "-o", str(out)))
    frame = pd.read_csv(out, keep_default_na=False)
    serious = frame[frame["risk_of_bias"].str.startswith("serious")]
    assert serious["claim_id"].tolist() == ["im-as-effective-as-iv"]
    assert frame["asserted_by"].str.split(";").explode().unique().tolist() == [
        "docalpha",
        "docbeta",
    ]
