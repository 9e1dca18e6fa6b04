"""`export --format annotations`: every quote as a W3C Web Annotation, re-anchored when its
document changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import SHIPPED_DATA, Run
from roa_evidence.interchange.anchoring import anchor

EDITORS_NOTE = (
    "Editor's note (added later): this page was revised; the figures below are quoted as "
    "first published, “verbatim”.\n\n"
)


def _export(run: Run, tmp_path: Path, documents: Path, data: Path | None = None) -> Any:
    out = tmp_path / "annotations.jsonld"
    result = run(
        "export",
        "--format",
        "annotations",
        "--documents",
        str(documents),
        "-o",
        str(out),
        "--force",
        data=data,
    )
    assert result.exit_code == 0, result.stderr
    # what the export says, without the note that the database was built
    said = "".join(
        line for line in result.stderr.splitlines(keepends=True) if "the database" not in line
    )
    return json.loads(out.read_text(encoding="utf-8")), said


def _positions_hold(collection: Any, documents: Path) -> int:
    """Assert each annotation's position holds its exact text, prefix and suffix; count them."""
    count = 0
    for item in collection["first"]["items"]:
        quote, position = item["target"]["selector"]
        text = (documents / item["target"]["textFile"]).read_text(encoding="utf-8")
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[max(0, start - 32) : start] == quote["prefix"]
        assert text[end : end + 32] == quote["suffix"]
        count += 1
    return count


def test_every_quote_is_an_annotation_holding_its_exact_text(
    run: Run, evidence_dir: Path, tmp_path: Path
) -> None:
    collection, stderr = _export(run, tmp_path, evidence_dir)
    assert stderr == ""
    assert collection["type"] == "AnnotationCollection"
    assert collection["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == 6
    assert _positions_hold(collection, evidence_dir) == 6
    first = items[0]
    assert first["type"] == "Annotation"
    assert first["body"] == {
        "type": "TextualBody",
        "purpose": "describing",
        "format": "text/plain",
        "value": "IM ketamine is as effective as IV ketamine for depression.",
        "claim": "im-as-effective-as-iv",
        "stance": "asserts",
        "status": first["body"]["status"],
    }
    # the quote runs over a line break in the text: `exact` is the text as it is
    assert first["target"]["selector"][0]["exact"] == (
        "IM can be as effective\nas IV, even at lower doses"
    )
    assert [i["body"]["stance"] for i in items].count("disputes") == 1


def test_positions_follow_an_editors_note_added_at_the_top(
    run: Run, evidence_dir: Path, tmp_path: Path
) -> None:
    before, _ = _export(run, tmp_path, evidence_dir)
    for name in ("alpha.txt", "beta.txt"):
        path = evidence_dir / name
        path.write_text(EDITORS_NOTE + path.read_text(encoding="utf-8"), encoding="utf-8")
    after, stderr = _export(run, tmp_path, evidence_dir)
    assert stderr == ""
    assert _positions_hold(after, evidence_dir) == 6
    shift = len(EDITORS_NOTE)
    for old, new in zip(before["first"]["items"], after["first"]["items"], strict=True):
        assert (
            new["target"]["selector"][1]["start"] == old["target"]["selector"][1]["start"] + shift
        )
        assert new["target"]["selector"][0]["exact"] == old["target"]["selector"][0]["exact"]


@pytest.mark.slow  # every shipped quote, twice
def test_the_shipped_quotes_hold_before_and_after_an_editors_note(
    run: Run, shared_dir: Path, tmp_path: Path
) -> None:
    documents = tmp_path / "seeds"
    shutil.copytree(shared_dir / "seeds", documents)
    before, _ = _export(run, tmp_path, documents, data=SHIPPED_DATA)
    count = _positions_hold(before, documents)
    assert count == before["total"] > 100
    for path in documents.glob("*.txt"):
        path.write_text(EDITORS_NOTE + path.read_text(encoding="utf-8"), encoding="utf-8")
    after, _ = _export(run, tmp_path, documents, data=SHIPPED_DATA)
    assert _positions_hold(after, documents) == count


def test_a_changed_passage_is_placed_approximately_and_a_removed_one_is_an_orphan(
    run: Run, evidence_dir: Path, tmp_path: Path
) -> None:
    alpha = evidence_dir / "alpha.txt"
    text = alpha.read_text(encoding="utf-8")
    text = text.replace("even at lower doses", "even at low doses")  # an editor's change
    text = text.replace("And IM is cheaper.", "")
    alpha.write_text(text, encoding="utf-8")
    collection, stderr = _export(run, tmp_path, evidence_dir)
    items = {i["body"]["claim"] + i["id"][-12:]: i for i in collection["first"]["items"]}
    changed = next(i for k, i in items.items() if k.startswith("im-as-effective-as-iv"))
    quote, position = changed["target"]["selector"]
    assert text[position["start"] : position["end"]] == quote["exact"]
    assert "even at low doses" in quote["exact"]
    orphan = next(i for k, i in items.items() if k.startswith("im-cheaper"))
    assert orphan["target"]["selector"] == [{"type": "TextQuoteSelector", "exact": "IM is cheaper"}]
    assert "1 quotes placed approximately" in stderr
    assert "1 quotes could not be placed (orphans, exported without a position): im-cheaper" in (
        stderr
    )
    # validate names the orphan, and the changed quote with its closest passage
    result = run("validate", "--documents", str(evidence_dir))
    assert result.exit_code == 2
    assert 'the quote "IM is cheaper" is not in docalpha\'s text' in result.stderr
    assert "the closest passage is" in result.stderr


def test_an_unreadable_document_is_refused_and_nothing_written(
    run: Run, evidence_dir: Path, tmp_path: Path
) -> None:
    (evidence_dir / "beta.txt").unlink()
    out = tmp_path / "annotations.jsonld"
    result = run(
        "export", "--format", "annotations", "--documents", str(evidence_dir), "-o", str(out)
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines(keepends=True)[-1] == (
        f"Error: document 'docbeta': {(evidence_dir / 'beta.txt').resolve()} does not exist; "
        "check --documents DIR and its `file` field\n"
    )
    assert not out.exists()


def test_annotations_need_the_documents(run: Run) -> None:
    result = run("export", "--format", "annotations")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --format annotations needs the documents' text: pass --documents DIR (or "
        "record `documents_dir: DIR` in claims.yaml)\n"
    )


TEXT = "The drug works. Later: the drug works well in adults. Finally the drug works."


@pytest.mark.parametrize(
    ("prefix", "suffix", "near", "start"),
    [
        ("", "", None, 4),  # the first of three
        ("Later: ", " well in", None, 27),  # the context chooses
        ("Finally the ", ".", None, 66),
        ("", "", 60, 66),  # the old position chooses
    ],
)
def test_the_context_chooses_among_repeated_quotes(
    prefix: str, suffix: str, near: int | None, start: int
) -> None:
    found = anchor(TEXT, "drug works", prefix, suffix, near)
    assert found is not None
    assert (found.start, found.exact, found.fuzzy) == (start, "drug works", False)


def test_typographic_quotes_and_dashes_match_their_plain_spelling() -> None:
    text = "It said “40–60 minutes”\n  at most."
    found = anchor(text, '"40-60 minutes" at most')
    assert found is not None
    assert found.exact == "“40–60 minutes”\n  at most"
    assert text[found.start : found.end] == found.exact


def test_a_fuzzy_match_with_changed_surroundings_is_an_orphan() -> None:
    text = "Completely different words stand here now, about the weather in spring."
    assert anchor(text, "the drug works well in adults") is None
    assert anchor(TEXT, "the drug worked well in adults") is not None  # one word changed
    assert (
        anchor(TEXT, "the drug worked well in adults", prefix="zzzzzzzz", suffix="qqqqqq") is None
    )
