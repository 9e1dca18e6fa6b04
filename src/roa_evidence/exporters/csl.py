"""CSL-JSON: the works as an array of CSL 1.0 items, for citeproc, Zotero and pandoc."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from ..latex import latex_to_text
from ..query.records import WorkRecord
from .json import json_array
from .read import Selection

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
    """BibTeX `author` (or `editor`) text as CSL name objects; BibTeX's "and others"
    becomes `{"literal": "others"}`, as pandoc converts it, which citeproc prints "et al."."""
    # lazy: bibtexparser; the CLI starts without it
    from bibtexparser.middlewares.names import (
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    names: list[dict[str, str]] = []
    for person in split_multiple_persons_names(raw):
        person = person.strip()
        if not person:
            continue
        if person.lower() == "others":
            names.append({"literal": "others"})
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


def csl_item(work: WorkRecord, with_appraisal: bool = False) -> dict[str, Any]:
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
    # pandoc reads howpublished as the publisher when no other field names one
    item["publisher"] = text("publisher", "institution", "school", "organization", "howpublished")
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
    medium = text("howpublished") if kind == "webpage" else None
    item["medium"] = None if medium == item["publisher"] else medium
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


def write(stream: TextIO, works: Iterable[WorkRecord], *, with_appraisal: bool = False) -> int:
    """A CSL-JSON array of the works (for citeproc, Zotero, pandoc); items written."""
    stream.write("[")
    count = json_array(stream, (csl_item(w, with_appraisal) for w in works), "  ")
    stream.write("\n")
    return count


def export(stream: TextIO, selection: Selection) -> int:
    """The selection's works as CSL-JSON; items written."""
    return write(stream, selection.works(), with_appraisal=selection.with_appraisal)
