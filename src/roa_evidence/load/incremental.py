"""Apply only the changed claims files to a database that holds the rest.

Grades depend on a claim, the works it cites and the grading settings, so when
studies.bib and grading.toml are unchanged, a changed claims file only needs
its own claims read, graded and replaced. The works are taken from the
database; the `documents:` lists and content hashes of the other files from
its meta table. It is the full load's pipeline on the changed files: the one
claims reader (in strict mode), the same checks (`crosscheck`), the same grading
and rows (`rows`); only the writer differs: the store's `change`, one transaction
in place, so a failure or a kill leaves the previous database as it was.

Whenever the changed files have any problem, or the change is not one this
module handles (a removed document, a claim moved between files...), `update`
returns None and the caller rebuilds from scratch, which reports every problem
with its line.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..grading import DEFAULT_CONFIG, Study
from ..query.records import COMMA, WorkFacts
from ..retractions.notices import Notice
from ..store.backends import ChangeRefused, Writer
from ..store.database import LoadSummary, Progress, Store
from ..store.meta import SCHEMA_VERSION, meta_rows
from .bibfile import Work
from .crosscheck import Located, cross_check, duplicate_ids
from .datafile import Problems, read_config
from .inputs import GRADING_NAME, VOCABULARY_NAME, Inputs
from .read import ClaimsFile, read_claims_file
from .rows import claim_rows, study_of


def update(
    store: Store,
    inputs: Inputs,
    meta: dict[str, str],
    progress: Progress | None = None,
) -> LoadSummary | None:
    """Apply the changed claims files; None when a full rebuild is needed instead."""
    data_dir, hashes = inputs.data_dir, inputs.hashes
    old = {
        key.removeprefix("input:"): value for key, value in meta.items() if key.startswith("input:")
    }
    if meta.get("schema_version") != SCHEMA_VERSION or not old:
        return None
    changed = [name for name, value in hashes.items() if old.get(name) != value]
    removed = [name for name in old if name not in hashes]
    if not changed and not removed:
        return None
    if not all(name.endswith(".yaml") for name in changed + removed) or VOCABULARY_NAME in (
        changed + removed
    ):
        return None  # studies.bib, grading.toml or the vocabulary changed: reread everything

    if progress:
        progress(f"reading {len(changed)} changed claims file{'s' * (len(changed) != 1)}")
    problems = Problems(strict=True)
    read = {}
    for name in changed:
        path = data_dir / name
        read[name] = read_claims_file(path, inputs.content(path), problems)
        if problems.found:
            return None  # the full read says what is wrong, and where
    try:
        with store.change(meta) as writer:
            return _apply(writer, inputs, meta, changed + removed, read, progress)
    except ChangeRefused:
        return None


def _apply(
    writer: Writer,
    inputs: Inputs,
    meta: dict[str, str],
    replaced: list[str],
    read: dict[str, ClaimsFile],
    progress: Progress | None,
) -> LoadSummary:
    """The full load's steps on the changed files: validate, grade, write (in place)."""
    data_dir, hashes, data_hash = inputs.data_dir, inputs.hashes, inputs.data_hash
    config = DEFAULT_CONFIG
    if GRADING_NAME in hashes:
        path = data_dir / GRADING_NAME
        config, problems = read_config(path, inputs.content(path))
        if problems:
            raise ChangeRefused
    studies = _stored_studies(writer)

    claim_files = [name for name in hashes if name.endswith(".yaml")]
    documents_by_file = {
        name: [key for key, _, _ in read[name].documents]
        if name in read
        else json.loads(meta.get(f"documents:{name}", "[]"))
        for name in claim_files
    }
    documents_by_file = {name: keys for name, keys in documents_by_file.items() if keys}
    listed = list(dict.fromkeys(key for keys in documents_by_file.values() for key in keys))
    was_listed = [key for key, _ in writer.rows("SELECT key, is_document FROM work") if _]
    if not set(was_listed) <= set(listed):
        raise ChangeRefused  # a document no longer listed that other claims may quote

    counts = {
        name: (count, first)
        for name, count, first in writer.rows(
            "SELECT file, COUNT(*), MIN(position) FROM claim GROUP BY file"
        )
    }
    new_claims = []
    offset = 0
    for name in claim_files:
        if name in read:
            new_claims += [
                dataclasses.replace(claim, position=offset + i)
                for i, claim in enumerate(read[name].claims)
            ]
            offset += len(read[name].claims)
        elif name in counts:
            count, first = counts[name]
            if first != offset:
                writer.run(
                    "UPDATE claim SET position = position + ? WHERE file = ?",
                    (offset - first, name),
                )
            offset += count
    # the full read's checks, on the new claims against what the database keeps
    kept_ids = [
        (claim_id, data_dir / file, None)
        for claim_id, file in writer.rows("SELECT id, file FROM claim")
        if file not in replaced
    ]
    new_ids = [place for claims_file in read.values() for place in claims_file.ids]
    documents: Located = [
        (key, data_dir / name, None) for name, keys in documents_by_file.items() for key in keys
    ]
    if duplicate_ids(kept_ids + new_ids) or cross_check(studies, documents, new_claims, True):
        raise ChangeRefused  # the full read says what is wrong, and where

    if progress:
        progress(f"grading {len(new_claims):,} claims")
    layout = writer.layout("claim", "claim_route", "assertion", "evidence_link", "meta")
    rows = claim_rows(new_claims, studies, config, data_dir, layout)
    for name in replaced:
        for table in ("claim_route", "assertion", "evidence_link"):
            writer.run(
                f"DELETE FROM {table} WHERE claim_id IN (SELECT id FROM claim WHERE file = ?)",
                (name,),
            )
        writer.run("DELETE FROM claim WHERE file = ?", (name,))
    if progress:
        progress(f"writing {sum(len(r) for r in rows.values()):,} rows")
    writer.insert(rows, layout)
    known = set(listed)
    if set(was_listed) != known:
        writer.many(
            "UPDATE work SET is_document = ? WHERE key = ?",
            [(key in known, key) for key in set(was_listed) | known],
        )
    writer.run("DELETE FROM meta")
    meta_now = meta_rows(data_dir, data_hash, hashes, documents_by_file)
    writer.insert({"meta": meta_now}, layout)
    works, claims, links, assertions = (
        int(writer.rows(f"SELECT COUNT(*) FROM {table}")[0][0])
        for table in ("work", "claim", "evidence_link", "assertion")
    )
    changed = tuple(name for name in replaced if name in hashes)
    return LoadSummary(works, claims, links, assertions, rebuilt=False, changed=changed)


def _stored_studies(writer: Writer) -> dict[str, Study]:
    """The works as the database keeps them, as grading sees them (`rows.study_of`, as a
    full load makes them from studies.bib)."""
    notices: dict[str, list[Notice]] = {}
    for key, origin, nature, date, notice_doi, reason, record_id in writer.rows(
        "SELECT work_key, origin, nature, date, notice_doi, reason, record_id "
        "FROM work_notice ORDER BY work_key, position"
    ):
        notices.setdefault(key, []).append(
            Notice(nature, date, notice_doi, reason, origin, record_id)
        )
    stored = set(writer.layout("work")["work"])
    fields = [spec for spec in dataclasses.fields(WorkFacts) if spec.name in stored]
    names = ", ".join(spec.name for spec in fields)
    studies = {}
    for *row, fields_json in writer.rows(f"SELECT {names}, fields_json FROM work"):
        values: dict[str, Any] = {
            spec.name: tuple(_split(value)) if spec.metadata == COMMA else value
            for spec, value in zip(fields, row, strict=True)
        }
        # the entry as studies.bib gave it: its facts and every field as written
        work = Work(**values, line=0, fields=json.loads(fields_json or "{}"))
        studies[work.key] = study_of(work, tuple(notices.get(work.key, ())))
    return studies


def _split(text: str | None) -> list[str]:
    return [part for part in (text or "").split(",") if part]
