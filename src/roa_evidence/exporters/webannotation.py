"""W3C Web Annotations: every quote asserting or disputing a claim, anchored in its
document's text, as one JSON-LD AnnotationCollection.

Each annotation targets the document with a TextQuoteSelector (the passage as the text
has it, with 32 characters of prefix and suffix) and a TextPositionSelector (code
points, end exclusive); its body is the claim (id, statement, stance, status). Quotes are
placed afresh on every export (`interchange.anchoring`), so positions follow a document
that changed; a quote that cannot be placed (an orphan) keeps its TextQuoteSelector only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..errors import EvidenceError
from ..interchange.anchoring import Anchor, anchor
from ..query.records import ClaimRecord, WorkRecord
from .read import Selection, iter_works

CONTEXT = [
    "http://www.w3.org/ns/anno.jsonld",
    {
        "roa": "urn:roa-evidence:",
        "claim": "roa:claim",
        "stance": "roa:stance",
        "status": "roa:status",
        "textFile": "roa:textFile",
    },
]
STANCES = {"asserted_by": "asserts", "disputed_by": "disputes"}


class UnreadableDocument(EvidenceError):
    """A document's text cannot be read for anchoring its quotes; nothing was written."""


@dataclass
class Placement:
    """How the quotes were placed: counts for the command to report."""

    exact: int = 0
    fuzzy: list[str] = field(default_factory=list)  # "claim-id: document"
    orphans: list[str] = field(default_factory=list)


def document_texts(works: list[WorkRecord], documents_dir: Path) -> dict[str, str]:
    """The text of each document (a work with a `file`), by key; raises UnreadableDocument
    naming the document and what to do."""
    if not documents_dir.is_dir():
        raise UnreadableDocument(
            f"the documents folder {documents_dir} does not exist; pass --documents DIR with "
            "the documents' text files"
        )
    root = documents_dir.resolve()
    texts = {}
    for work in works:
        if not work.is_document:
            continue
        if not work.file:
            raise UnreadableDocument(
                f"document '{work.key}' has no `file` field naming its text in studies.bib; add one"
            )
        path = (root / work.file).resolve()
        if not path.is_relative_to(root):
            raise UnreadableDocument(
                f"document '{work.key}': file '{work.file}' lies outside {documents_dir}; "
                "name a file inside it"
            )
        try:
            texts[work.key] = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise UnreadableDocument(
                f"document '{work.key}': {path} does not exist; check --documents DIR and "
                "its `file` field"
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
            raise UnreadableDocument(
                f"document '{work.key}': {path} cannot be read ({reason}); fix the file"
            ) from None
    return texts


def source_iri(work: WorkRecord) -> str:
    """The document's IRI: its URL, else its DOI, else a name for its citation key."""
    if work.url:
        return work.url
    if work.doi:
        return f"https://doi.org/{work.doi}"
    return f"urn:roa-evidence:document:{work.key}"


def annotation(
    claim: ClaimRecord, kind: str, index: int, work: WorkRecord, quote: str, place: Anchor | None
) -> dict[str, Any]:
    """One quote as a Web Annotation."""
    selectors: list[dict[str, Any]] = []
    if place is None:  # an orphan: what was quoted, nowhere to point
        selectors.append({"type": "TextQuoteSelector", "exact": quote})
    else:
        selectors.append(
            {
                "type": "TextQuoteSelector",
                "exact": place.exact,
                "prefix": place.prefix,
                "suffix": place.suffix,
            }
        )
        selectors.append({"type": "TextPositionSelector", "start": place.start, "end": place.end})
    target: dict[str, Any] = {"source": source_iri(work), "selector": selectors}
    if work.file:
        target["textFile"] = work.file
    return {
        "id": f"urn:roa-evidence:annotation:{claim.id}:{kind}:{index}",
        "type": "Annotation",
        "motivation": "linking",
        "body": {
            "type": "TextualBody",
            "purpose": "describing",
            "format": "text/plain",
            "value": claim.statement,
            "claim": claim.id,
            "stance": STANCES[kind],
            "status": claim.status,
        },
        "target": target,
    }


def place_quotes(
    claims: list[ClaimRecord], works: dict[str, WorkRecord], texts: dict[str, str]
) -> tuple[list[dict[str, Any]], Placement]:
    """Every quote of `claims` placed in its document's text, with how they were placed."""
    items = []
    placement = Placement()
    for claim in claims:
        for kind in STANCES:
            for index, assertion in enumerate(getattr(claim, kind)):
                text = texts.get(assertion.document)
                place = anchor(text, assertion.quote) if text is not None else None
                where = f"{claim.id}: {assertion.document}"
                if place is None:
                    placement.orphans.append(where)
                elif place.fuzzy:
                    placement.fuzzy.append(where)
                else:
                    placement.exact += 1
                work = works[assertion.document]
                items.append(annotation(claim, kind, index, work, assertion.quote, place))
    return items, placement


def write(stream: TextIO, items: list[dict[str, Any]]) -> int:
    """The annotations as one AnnotationCollection with its one page; annotations written."""
    collection = {
        "@context": CONTEXT,
        "id": "urn:roa-evidence:annotations",
        "type": "AnnotationCollection",
        "label": "Quotes asserting or disputing the evidence base's claims",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    stream.write(json.dumps(collection, ensure_ascii=False, indent=2) + "\n")
    return len(items)


def export(stream: TextIO, selection: Selection) -> int:
    """The selection's quotes as Web Annotations; needs `selection.documents_dir`."""
    if selection.documents_dir is None:
        raise UnreadableDocument(
            "annotations need the documents' text: pass --documents DIR (or record "
            "`documents_dir:` in claims.yaml)"
        )
    claims = list(selection.claims())
    works = {w.key: w for w in iter_works(selection.conn, selection.flt)}
    texts = document_texts(list(works.values()), selection.documents_dir)
    items, placement = place_quotes(claims, works, texts)
    selection.report(placement)
    return write(stream, items)
