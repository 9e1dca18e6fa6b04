"""Exports for reviewers: CSV, JSON, Markdown, BibTeX and CSL-JSON.

Writers take views (claims or works) as iterables and write to a text stream;
they never hold more than the record in hand. `iter_claims` and `iter_works`
read the store in batches (keyset pagination over file order), so an export's
memory stays flat however large the evidence base. `export` is the one call
the CLI makes; `atomic_output` gives it a file that appears only when whole.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import vocab
from .errors import OutputError
from .latex import latex_to_text
from .queries import (
    ASSERTION,
    CLAIM,
    CLAIM_ROUTE,
    LINK,
    WORK,
    ClaimFilter,
    ClaimView,
    WorkView,
    assemble_claims,
    assemble_works,
    check_filter_keys,
    claim_query,
    in_force,
    notices_of,
    retracted_sources,
    retraction_text,
)
from .tabular import (
    CLAIM_COLUMNS,
    EVIDENCE_COLUMNS,
    FORMULA_STARTS,
    WORK_COLUMNS,
    claim_row,
    effect_text,
    grading_cells,
    safe_cell,
    whole_number,
    work_row,
    write_csv,
)

FORMATS = ("csv", "json", "md", "bib", "csl-json", "robvis")
WHATS = ("evidence", "claims", "sources")
GROUPS = ("route", "topic")
BATCH = 500
EXCEL_BOM = "\ufeff"

# ---------------------------------------------------------------------------
# Reading the store in batches


def iter_claims(
    conn: Connection, flt: ClaimFilter | None = None, batch_size: int = BATCH
) -> Iterator[ClaimView]:
    """The claims matching `flt` (default: all), in file order, read `batch_size` at a time."""
    flt = flt or ClaimFilter()
    check_filter_keys(conn, flt)
    order = (CLAIM.c.position, CLAIM.c.id)
    query = claim_query(flt).order_by(None).order_by(*order).limit(batch_size)
    after: tuple[int, str] | None = None
    while True:
        page = query if after is None else query.where(sa.tuple_(*order) > sa.tuple_(*after))
        rows = conn.execute(page).mappings().all()
        if not rows:
            return
        yield from assemble_claims(conn, rows, [row["id"] for row in rows])
        if len(rows) < batch_size:
            return
        after = (rows[-1]["position"], rows[-1]["id"])


def _claim_ids(flt: ClaimFilter) -> sa.Select[Any]:
    return claim_query(flt).with_only_columns(CLAIM.c.id).order_by(None)


def iter_works(
    conn: Connection,
    flt: ClaimFilter | None = None,
    batch_size: int = BATCH,
    *,
    evidence_only: bool = False,
) -> Iterator[WorkView]:
    """Works in file order, `batch_size` at a time: every work when `flt` is None, else the
    works the matching claims cite as evidence or quote as documents (with `evidence_only`,
    only those cited as evidence)."""
    query = sa.select(WORK).order_by(WORK.c.position).limit(batch_size)
    if flt is not None:
        check_filter_keys(conn, flt)
        ids = _claim_ids(flt)
        cited: Any = sa.select(LINK.c.source).where(LINK.c.claim_id.in_(ids))
        if not evidence_only:
            cited = sa.union(
                cited, sa.select(ASSERTION.c.document).where(ASSERTION.c.claim_id.in_(ids))
            )
        query = query.where(WORK.c.key.in_(cited.scalar_subquery()))
    after: int | None = None
    while True:
        page = query if after is None else query.where(WORK.c.position > after)
        rows = conn.execute(page).mappings().all()
        if not rows:
            return
        yield from assemble_works(conn, rows)
        if len(rows) < batch_size:
            return
        after = rows[-1]["position"]


def groups(conn: Connection, flt: ClaimFilter, by: str) -> list[str]:
    """The routes (or topics) of the claims matching `flt`, in vocabulary order."""
    if by == "route":
        query = sa.select(CLAIM_ROUTE.c.route).where(CLAIM_ROUTE.c.claim_id.in_(_claim_ids(flt)))
        order, wanted = vocab.ROUTES, flt.routes
    else:
        query = claim_query(flt).with_only_columns(CLAIM.c.topic).order_by(None)
        order, wanted = vocab.TOPICS, flt.topics
    found = set(conn.execute(query.distinct()).scalars())
    if wanted:
        found &= set(wanted)
    return sorted(
        found, key=lambda term: (order.index(term) if term in order else len(order), term)
    )


# ---------------------------------------------------------------------------
# CSV


def _counted(rows: Iterable[Any], counter: list[int]) -> Iterator[Any]:
    for row in rows:
        counter[0] += 1
        yield row


def _joined(text: str | None) -> str:
    """Comma-stored lists as the CSV writes them (`a;b`)."""
    return (text or "").replace(",", ";")


def _neutral(column: Any) -> Any:
    """The column, with a leading apostrophe where a spreadsheet would run it as a formula
    (as `tabular.safe_cell` does, but inside the query)."""
    return sa.case(
        (sa.func.substr(column, 1, 1).in_(FORMULA_STARTS), sa.literal("'") + column),
        else_=column,
    )


def iter_evidence_rows(conn: Connection, flt: ClaimFilter) -> Iterator[tuple[Any, ...]]:
    """The evidence table's rows (`tabular.EVIDENCE_COLUMNS`), straight from one SQL join.

    The same rows `evidence_rows` makes from claim views, without building a view per
    claim: an export of every link is a single streamed query. Free-text cells come
    back already neutralised for spreadsheets (`_neutral`), so the writer need not
    look at each cell again.
    """
    check_filter_keys(conn, flt)
    ids = _claim_ids(flt)
    routes: dict[str, list[str]] = {}
    for claim_id, route in conn.execute(
        sa.select(CLAIM_ROUTE.c.claim_id, CLAIM_ROUTE.c.route).where(
            CLAIM_ROUTE.c.claim_id.in_(ids)
        )
    ):
        routes.setdefault(claim_id, []).append(route)
    route_text = {
        claim_id: ";".join(sorted(found, key=vocab.ROUTES.index))
        for claim_id, found in routes.items()
    }
    asserting: dict[str, dict[str, None]] = {}
    for claim_id, document in conn.execute(
        sa.select(ASSERTION.c.claim_id, ASSERTION.c.document)
        .where(ASSERTION.c.claim_id.in_(ids), ASSERTION.c.kind == "asserted")
        .order_by(ASSERTION.c.claim_id, ASSERTION.c.position)
    ):
        asserting.setdefault(claim_id, {})[document] = None
    graded: tuple[str | None, tuple[Any, ...]] = (None, ())  # the last claim's grading cells
    query = (
        sa.select(
            CLAIM.c.id,
            _neutral(CLAIM.c.statement),
            CLAIM.c.topic,
            CLAIM.c.certainty,
            CLAIM.c.status,
            _neutral(LINK.c.source),
            LINK.c.stance,
            WORK.c.design,
            sa.func.coalesce(LINK.c.n, WORK.c.n),
            WORK.c.blinding,
            _neutral(WORK.c.population),
            WORK.c.quality,
            WORK.c.year,
            _neutral(WORK.c.title),
            _neutral(WORK.c.doi),
            CLAIM.c.condition,
            CLAIM.c.total_n,
            _neutral(WORK.c.authors),
            _neutral(LINK.c.locator),
            LINK.c.indirect,
            LINK.c.flags,
            LINK.c.value_estimate,
            LINK.c.value_low,
            LINK.c.value_high,
            _neutral(LINK.c.value_unit),
            LINK.c.effect_json,
            _neutral(LINK.c.note),
            WORK.c.verification,
            CLAIM.c.kind,
            CLAIM.c.certainty_against,
            CLAIM.c.grading_json,
        )
        .select_from(
            CLAIM.outerjoin(LINK, LINK.c.claim_id == CLAIM.c.id).outerjoin(
                WORK, WORK.c.key == LINK.c.source
            )
        )
        .where(CLAIM.c.id.in_(ids))
        .order_by(CLAIM.c.position, CLAIM.c.id, LINK.c.position)
    )
    retracted = {
        key: safe_cell(retraction_text(notice))
        for key, found in notices_of(conn, retracted_sources()).items()
        if (notice := in_force(found)) is not None
    }
    result = conn.execution_options(stream_results=True, yield_per=2_000).execute(query)
    for (
        claim_id,
        statement,
        topic,
        certainty,
        status,
        source,
        stance,
        design,
        n,
        blinding,
        population,
        quality,
        year,
        title,
        doi,
        condition,
        total_n,
        authors,
        locator,
        indirect,
        flags,
        estimate,
        low,
        high,
        unit,
        effect_json,
        note,
        verification,
        kind,
        certainty_against,
        grading_json,
    ) in result:
        effect = json.loads(effect_json) if effect_json else {}
        if graded[0] != claim_id:  # rows come claim by claim: grade cells once per claim
            documents = ";".join(asserting.get(claim_id, ()))
            cells = (
                kind,
                certainty_against,
                safe_cell(documents) if documents else "",
                *grading_cells(orjson.loads(grading_json)),
            )
            graded = (claim_id, cells)
        linked = source is not None  # a claim without evidence: one row, link cells blank
        yield (
            claim_id,
            statement,
            route_text.get(claim_id, ""),
            topic,
            certainty,
            status,
            source,
            stance,
            design,
            n,
            blinding,
            population,
            _joined(quality) if linked else None,
            year,
            title,
            doi,
            condition,
            total_n,
            authors,
            locator,
            _joined(indirect) if linked else None,
            _joined(flags) if linked else None,
            whole_number(estimate),
            whole_number(low),
            whole_number(high),
            unit,
            effect.get("measure"),
            effect.get("estimate"),
            effect.get("low"),
            effect.get("high"),
            note,
            verification,
            *graded[1],
            retracted.get(source) if linked else None,
        )


def _write_rows(
    stream: TextIO, header: tuple[str, ...], rows: Iterable[Any], cells_safe: bool = False
) -> int:
    count = [0]
    write_csv(stream, header, _counted(rows, count), cells_safe=cells_safe)
    return count[0]


def write_claims_csv(stream: TextIO, claims: Iterable[ClaimView]) -> int:
    """One row per claim, the columns of `claims --format csv`; rows written."""
    count = [0]
    write_csv(stream, CLAIM_COLUMNS, _counted((claim_row(c) for c in claims), count))
    return count[0]


def write_works_csv(stream: TextIO, works: Iterable[WorkView]) -> int:
    """One row per work, the columns of `sources --format csv`; rows written."""
    count = [0]
    write_csv(stream, WORK_COLUMNS, _counted((work_row(w) for w in works), count))
    return count[0]


# ---------------------------------------------------------------------------
# JSON


def _json_array(stream: TextIO, records: Iterable[dict[str, Any]], indent: str) -> int:
    """The records, one per line (json's C encoder: indenting is several times slower)."""
    count = 0
    for record in records:
        text = json.dumps(record, ensure_ascii=False)
        stream.write(("," if count else "") + "\n" + indent + text)
        count += 1
    stream.write("\n" + indent[:-2] + "]" if count else "]")
    return count


def write_json(
    stream: TextIO, claims: Iterable[ClaimView] | None, works: Iterable[WorkView]
) -> int:
    """One JSON object: `claims` (the `claims --format json` records, unless None) and
    `sources` (works); records written."""
    count = 0
    stream.write("{")
    if claims is not None:
        stream.write('\n  "claims": [')
        count += _json_array(stream, (c.to_dict() for c in claims), "    ")
        stream.write(",")
    stream.write('\n  "sources": [')
    count += _json_array(stream, (w.to_dict() for w in works), "    ")
    stream.write("\n}\n")
    return count


# ---------------------------------------------------------------------------
# Markdown: Summary-of-Findings tables

CERTAINTY_LABEL = {
    "high": "\u2295\u2295\u2295\u2295 HIGH",
    "moderate": "\u2295\u2295\u2295\u25ef MODERATE",
    "low": "\u2295\u2295\u25ef\u25ef LOW",
    "very_low": "\u2295\u25ef\u25ef\u25ef VERY LOW",
    "none": "no evidence",
}
_MD_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
        "\n": " ",
        "\r": " ",
        "\t": " ",
    }
)
SOF_HEADER = (
    "| Claim | Sources | Total n | Effect (95% CI) | Certainty (GRADE) | Status | "
    "Reasons for rating down |\n|---|---|--:|---|---|---|---|\n"
)
SOF_LEGEND = (
    "Certainty of the evidence (GRADE): \u2295\u2295\u2295\u2295 high, "
    "\u2295\u2295\u2295\u25ef moderate, \u2295\u2295\u25ef\u25ef low, "
    '\u2295\u25ef\u25ef\u25ef very low; "no evidence" when nothing supports '
    "the claim.\n"
)


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: pipes, HTML and markup escaped, one line."""
    return "" if value is None else str(value).translate(_MD_ESCAPES).strip()


def _sources_cell(claim: ClaimView) -> str:
    parts: list[str] = []
    for stance in vocab.STANCES:
        links = [e for e in claim.evidence if e.stance == stance]
        if links:
            cited = ", ".join(
                f"{e.source} ({e.design or 'not appraised'}{'' if e.n is None else f', n={e.n}'})"
                for e in links
            )
            parts.append(f"{stance}: {cited}")
    return "; ".join(parts) or "none"


def _reasons_cell(claim: ClaimView) -> str:
    reasons = [
        f"{step['domain'].replace('_', ' ')} ({int(step['change']):+d}): {step['reason']}"
        for step in claim.grading
        if step["domain"] not in ("start", "override") and int(step["change"]) < 0
    ]
    reasons += [step["reason"] for step in claim.grading if step["domain"] == "override"]
    if reasons:
        return "; ".join(reasons)
    return "no supporting evidence" if claim.certainty == "none" else "none"


def _total_n(claim: ClaimView) -> Any:
    if claim.total_n is not None:
        return claim.total_n
    return "\u2014" if claim.certainty == "none" else "not reported"


def sof_row(claim: ClaimView) -> str:
    """One Summary-of-Findings row: claim, sources, total n, effect (the pooled one, else a
    single supporting study's), certainty, status, reasons for rating down."""
    supporting = [e.effect for e in claim.evidence if e.stance == "supports" and e.effect]
    effect = claim.pooled_effect or (supporting[0] if len(supporting) == 1 else None)
    cells = (
        f"{claim.statement} ({claim.id})",
        _sources_cell(claim),
        _total_n(claim),
        effect_text(effect),
        CERTAINTY_LABEL[claim.certainty] if claim.certainty else vocab.NOT_GRADED,
        claim.status,
        _reasons_cell(claim),
    )
    return "| " + " | ".join(md_cell(cell) for cell in cells) + " |\n"


def write_sof_markdown(stream: TextIO, tables: Iterable[tuple[str, Iterable[ClaimView]]]) -> int:
    """A Summary-of-Findings table per (heading, claims) pair; table rows written."""
    count = 0
    stream.write("# Summary of findings\n\n" + SOF_LEGEND)
    for heading, claims in tables:
        stream.write(f"\n## {md_cell(heading)}\n\n{SOF_HEADER}")
        for claim in claims:
            stream.write(sof_row(claim))
            count += 1
    if not count:
        stream.write("\nNo claims match.\n")
    return count


def write_works_markdown(stream: TextIO, works: Iterable[WorkView]) -> int:
    """A table of works (key, design, n, blinding, year, title, quality, cited by); rows."""
    count = 0
    stream.write(
        "| Source | Design | n | Blinding | Year | Title | Quality flags | Cited by |\n"
        "|---|---|--:|---|--:|---|---|---|\n"
    )
    for w in works:
        cells = (
            w.key,
            w.design or "not appraised",
            w.n,
            w.blinding,
            w.year,
            w.title,
            ", ".join(w.quality),
            ", ".join(w.cited_by),
        )
        stream.write("| " + " | ".join(md_cell(cell) for cell in cells) + " |\n")
        count += 1
    return count


# ---------------------------------------------------------------------------
# BibTeX and CSL-JSON


# studies.bib keeps each work's appraisal (design.md) and the curator's notes in fields that
# reference managers keep but bibliography styles print (`note`): exports leave them out.
APPRAISAL_FIELDS = frozenset(
    {
        "design",
        "n",
        "blinding",
        "population",
        "condition",
        "routes",
        "quality",
        "verification",
        "file",
        "note",
        "citation_issue",
    }
)


def write_bibtex(
    stream: TextIO,
    works: Iterable[WorkView],
    batch_size: int = BATCH,
    *,
    with_appraisal: bool = False,
) -> int:
    """Each work as a BibTeX entry with its bibliographic fields as written (LaTeX intact);
    with `with_appraisal`, its appraisal fields and notes too. Entries written."""
    from bibtexparser import model
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.writer import BibtexFormat

    layout = BibtexFormat()  # type: ignore[no-untyped-call]
    layout.indent = "  "
    layout.block_separator = "\n"
    count = 0
    batch: list[Any] = []

    def flush() -> None:
        nonlocal count
        if count:
            stream.write("\n")
        stream.write(write_string(Library(batch), bibtex_format=layout))
        count += len(batch)
        batch.clear()

    for work in works:
        fields = [
            model.Field(name, value)
            for name, value in work.fields.items()
            if with_appraisal or name.lower() not in APPRAISAL_FIELDS
        ]
        batch.append(model.Entry(work.entry_type, work.key, fields))
        if len(batch) == batch_size:
            flush()
    if batch:
        flush()
    return count


CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "manual": "book",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "techreport": "report",
    "report": "report",
    "online": "webpage",
    "unpublished": "manuscript",
    "thesis": "thesis",
}


def csl_names(raw: str) -> list[dict[str, str]]:
    """BibTeX `author` (or `editor`) text as CSL name objects."""
    from bibtexparser.middlewares.names import (
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    names: list[dict[str, str]] = []
    for person in split_multiple_persons_names(raw):
        person = person.strip()
        if person.lower() == "others" or not person:
            continue
        if person.startswith("{") and person.endswith("}") and _one_group(person):
            names.append({"literal": latex_to_text(person)})
            continue
        try:
            parts = parse_single_name_into_parts(person)
        except Exception:  # an unparseable name is still a name
            names.append({"literal": latex_to_text(person)})
            continue
        name = {
            "family": latex_to_text(" ".join(parts.last)),
            "given": latex_to_text(" ".join(parts.first)),
            "non-dropping-particle": latex_to_text(" ".join(parts.von)),
            "suffix": latex_to_text(" ".join(parts.jr)),
        }
        names.append({k: v for k, v in name.items() if v})
    return names


def _one_group(text: str) -> bool:
    """True when the outer braces of `text` enclose all of it (`{World Health Organization}`)."""
    depth = 0
    for i, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and i < len(text) - 1:
            return False
    return True


def csl_item(work: WorkView, with_appraisal: bool = False) -> dict[str, Any]:
    """A work as a CSL-JSON item (CSL 1.0 variables only); with `with_appraisal`, its
    appraisal under `custom` (CSL-JSON's place for data outside CSL) and the curator's
    note in `note`."""
    fields = work.fields

    def text(*names: str) -> str | None:
        for name in names:
            if fields.get(name, "").strip():
                return latex_to_text(fields[name]) or None
        return None

    kind = CSL_TYPES.get(work.entry_type)
    if kind is None:
        kind = "webpage" if work.design == "web-article" or work.url else "article"
    item: dict[str, Any] = {"id": work.key, "type": kind, "title": work.title}
    for role in ("author", "editor"):
        if fields.get(role, "").strip():
            item[role] = csl_names(fields[role])
    if work.year is not None:
        item["issued"] = {"date-parts": [[work.year]]}
    item["container-title"] = text("journal", "booktitle", "series")
    item["publisher"] = text("publisher", "institution", "school", "organization")
    item["publisher-place"] = text("address", "location")
    item["volume"] = text("volume")
    item["issue"] = text("number", "issue")
    pages = fields.get("pages", "").strip()
    item["page"] = pages.replace("--", "-").replace("{", "").replace("}", "") or None
    item["DOI"] = work.doi
    item["PMID"] = work.pmid
    item["PMCID"] = text("pmcid")
    item["URL"] = work.url
    item["edition"] = text("edition")
    item["medium"] = text("howpublished") if kind == "webpage" else None
    if with_appraisal:
        item["note"] = work.note
        appraisal = {
            "design": work.design,
            "n": work.n,
            "blinding": work.blinding,
            "population": work.population,
            "condition": work.condition,
            "routes": list(work.routes),
            "quality": list(work.quality),
            "verification": work.verification,
            "citation_issue": work.citation_issue,
        }
        item["custom"] = {k: v for k, v in appraisal.items() if v not in (None, "", [])}
    return {k: v for k, v in item.items() if v not in (None, "", [], {})}


def write_csl_json(
    stream: TextIO, works: Iterable[WorkView], *, with_appraisal: bool = False
) -> int:
    """A CSL-JSON array of the works (for citeproc, Zotero, pandoc); items written."""
    stream.write("[")
    count = _json_array(stream, (csl_item(w, with_appraisal) for w in works), "  ")
    stream.write("\n")
    return count


# ---------------------------------------------------------------------------
# The one call the CLI makes


def export(
    conn: Connection,
    stream: TextIO,
    fmt: str = "csv",
    what: str = "evidence",
    flt: ClaimFilter | None = None,
    *,
    group_by: str = "route",
    excel: bool = False,
    batch_size: int = BATCH,
    with_appraisal: bool = False,
) -> int:
    """Write `what` (evidence, claims or sources) matching `flt` as `fmt` to `stream`.

    Returns the records written: CSV and Markdown rows, JSON records, bibliography entries.
    BibTeX and CSL-JSON hold the works the matching claims cite or quote, or with `what`
    "sources" and no filter, every work; bibliographic fields only, unless `with_appraisal`.
    robvis holds a row per work the matching claims cite as evidence.
    """
    if fmt not in FORMATS or what not in WHATS or group_by not in GROUPS:
        raise ValueError(f"format {fmt!r}, what {what!r}, group_by {group_by!r}")
    _consistent_snapshot(conn)
    flt = flt or ClaimFilter()
    unfiltered = flt == ClaimFilter()

    def claims() -> Iterator[ClaimView]:
        return iter_claims(conn, flt, batch_size)

    def works() -> Iterator[WorkView]:
        everything = what == "sources" and unfiltered
        return iter_works(conn, None if everything else flt, batch_size)

    if excel:
        stream.write(EXCEL_BOM)
    writers: dict[tuple[str, str], Callable[[], int]] = {
        ("csv", "evidence"): lambda: _write_rows(
            stream, EVIDENCE_COLUMNS, iter_evidence_rows(conn, flt), cells_safe=True
        ),
        ("csv", "claims"): lambda: write_claims_csv(stream, claims()),
        ("csv", "sources"): lambda: write_works_csv(stream, works()),
        ("json", "sources"): lambda: write_json(stream, None, works()),
        ("md", "sources"): lambda: write_works_markdown(stream, works()),
    }
    writer = writers.get((fmt, what))
    if writer is not None:
        return writer()
    if fmt == "json":
        check_filter_keys(conn, flt)
        return write_json(stream, claims(), works())
    if fmt == "md":
        check_filter_keys(conn, flt)

        def narrowed(term: str) -> ClaimFilter:
            if group_by == "route":
                return replace(flt, routes=(term,))
            return replace(flt, topics=(term,))

        tables = (
            (f"{group_by.capitalize()}: {term}", iter_claims(conn, narrowed(term), batch_size))
            for term in groups(conn, flt, group_by)
        )
        return write_sof_markdown(stream, tables)
    if fmt == "bib":
        return write_bibtex(stream, works(), batch_size, with_appraisal=with_appraisal)
    if fmt == "robvis":
        from . import robvis

        cited = iter_works(conn, flt, batch_size, evidence_only=True)
        return _write_rows(stream, robvis.COLUMNS, robvis.rows(cited))
    return write_csl_json(stream, works(), with_appraisal=with_appraisal)


def _consistent_snapshot(conn: Connection) -> None:
    """On PostgreSQL, read every batch from one snapshot, so a concurrent rebuild between
    batches cannot mix two versions of the evidence base (SQLite's swap-by-rename already
    leaves an open connection on the old file)."""
    if conn.dialect.name == "postgresql" and not conn.in_transaction():
        conn.execution_options(isolation_level="REPEATABLE READ")


# ---------------------------------------------------------------------------
# Files


@contextmanager
def atomic_output(path: Path | None, *, force: bool = False) -> Iterator[TextIO]:
    """A UTF-8 text stream whose content appears at `path` only once the block completes
    (written to a temporary file beside it and renamed into place). None or `-` is stdout.

    Raises OutputError if `path` exists and `force` is false, or cannot be written.
    """
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    if path.is_dir():
        raise OutputError(f"{path} is a folder; name a file to write")
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; pass --force to overwrite it")
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        if folder.is_dir():  # /proc, /sys: a folder that takes no new files
            raise OutputError(
                f"cannot write {path}: no file can be created in the folder {folder}; "
                "choose another folder"
            ) from None
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise OutputError(f"cannot write {path} ({exc.strerror or exc})") from None
    try:
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp made it private; an export is an ordinary file
        _place(Path(tmp), path, force)
    except OSError as exc:
        raise OutputError(f"cannot write {path} ({exc.strerror or exc})") from None
    finally:
        with suppress(FileNotFoundError):
            os.unlink(tmp)


def _place(tmp: Path, path: Path, force: bool) -> None:
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails, atomically, if another process created `path` meanwhile
    except FileExistsError:
        raise OutputError(f"{path} already exists; pass --force to overwrite it") from None
    except OSError:  # a file system without hard links
        if path.exists():
            raise OutputError(f"{path} already exists; pass --force to overwrite it") from None
        os.replace(tmp, path)
