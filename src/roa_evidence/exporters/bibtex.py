"""BibTeX: each work's entry with its bibliographic fields as written (LaTeX intact)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from ..query.records import WorkRecord
from .read import BATCH, Selection

# studies.bib keeps each work's appraisal (docs/data-format.md) and the curator's notes in
# fields that reference managers keep but bibliography styles print (`note`): exports leave
# them out.
APPRAISAL_FIELDS = frozenset(
    (
        *("design", "n", "blinding", "population", "condition", "routes", "quality"),
        *("verification", "file", "note", "citation_issue"),
    )
)


def write(
    stream: TextIO,
    works: Iterable[WorkRecord],
    batch_size: int = BATCH,
    *,
    with_appraisal: bool = False,
) -> int:
    """Each work as a BibTeX entry with its bibliographic fields as written (LaTeX intact);
    with `with_appraisal`, its appraisal fields and notes too. Entries written."""
    # lazy: bibtexparser; the CLI starts without it
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


def export(stream: TextIO, selection: Selection) -> int:
    """The selection's works as BibTeX entries; entries written."""
    works = selection.works()
    return write(stream, works, selection.batch_size, with_appraisal=selection.with_appraisal)
