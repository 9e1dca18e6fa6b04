"""One YAML dialect: what a claims file means never depends on another problem in it,
nor on which parser read it.

YAML 1.1 (PyYAML) and 1.2 (yaml-rs) read some plain scalars differently: `no` is
false or text, `010` eight or ten, `1:20` eighty or text. The loader once read a valid
file as 1.2 and, as soon as the file had any problem, read it again as 1.1, so an
unrelated mistake added a false one ("note: input should be a valid string").
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roa_evidence.errors import InvalidData
from roa_evidence.load import fastyaml, yamlfile
from roa_evidence.load.read import read_evidence_base

SMALL = Path(__file__).parent / "fixtures" / "small"

# Plain scalars that YAML 1.1 and 1.2 read differently (and a few they read alike).
SCALARS = (
    *("yes", "no", "on", "off", "Yes", "NO", "On", "OFF", "y", "n"),
    *("010", "0o10", "0x1A", "0b101", "1:20", "12:30", "1e3", "1_000", "+.5", "-010"),
    *("true", "False", "null", "~", "text", "1.5", "3"),
)
# Where a claim can hold a free scalar: the claim's note, and an evidence link's note.
PLACES = {
    "note": ("    statement: IV ketamine relieves depression within a day.\n", "    note: {}\n"),
    "link": ("        locator: table 2\n", "        note: {}\n"),
}
MISTAKE = "    colour: red\n"  # an unknown field on another claim
MISTAKE_AFTER = "    statement: IM ketamine rarely causes vomiting.\n"


def _claims_text(place: str, scalar: str, mistake: bool) -> str:
    text = (SMALL / "claims.yaml").read_text(encoding="utf-8")
    anchor, line = PLACES[place]
    assert anchor in text, anchor
    text = text.replace(anchor, anchor + line.format(scalar), 1)
    if mistake:
        assert MISTAKE_AFTER in text
        text = text.replace(MISTAKE_AFTER, MISTAKE_AFTER + MISTAKE, 1)
    return text


@contextmanager
def _base(claims: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "evidence"
        shutil.copytree(SMALL, data)
        (data / "claims.yaml").write_text(claims, encoding="utf-8")
        yield data


def _read(claims: str) -> tuple[dict[str, object] | None, list[str]]:
    """The claims' and their links' notes as read (None when invalid), and every problem."""
    with _base(claims) as data:
        try:
            base = read_evidence_base(data)
        except InvalidData as exc:
            return None, [f"{p.path.name}:{p.line}: {p.message}" for p in exc.problems]
    values = {
        claim.spec.id: (claim.spec.note, [link.note for link in claim.spec.evidence])
        for claim in base.claims
    }
    return values, []


@pytest.mark.slow  # a property over generated files
@settings(max_examples=60, deadline=None)
@given(place=st.sampled_from(sorted(PLACES)), scalar=st.sampled_from(SCALARS))
def test_problems_do_not_depend_on_another_problem(place: str, scalar: str) -> None:
    values, alone = _read(_claims_text(place, scalar, mistake=False))
    _, with_mistake = _read(_claims_text(place, scalar, mistake=True))
    mistake = [p for p in with_mistake if "colour: unknown field" in p]
    assert len(mistake) == 1  # the injected mistake is found...
    others = [p for p in with_mistake if p not in mistake]
    # ...and the rest is exactly what the file says without it (lines shift by one below
    # the injected line, so compare messages)
    assert [p.split(": ", 1)[1] for p in others] == [p.split(": ", 1)[1] for p in alone]
    if values is not None:  # valid: the value is the scalar as YAML 1.2 reads it
        note, link_notes = values["iv-efficacy"]
        read = note if place == "note" else link_notes[0]
        assert read == yamlfile.parse_yaml(f"a: {scalar}\n")["a"]
        assert isinstance(read, str) or read is None


@settings(max_examples=40, deadline=None)
@given(place=st.sampled_from(sorted(PLACES)), scalar=st.sampled_from(SCALARS))
def test_both_parsers_read_one_dialect(place: str, scalar: str) -> None:
    """The line-tracking parser (PyYAML, made to read YAML 1.2) means what the fast one
    does, so a file reads the same whichever of them reads it."""
    if not fastyaml.AVAILABLE:
        pytest.skip("yaml-rs is not installed: only one parser reads here")
    text = _claims_text(place, scalar, mistake=False)
    fast = _read(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fastyaml, "loads", _unsupported)
        assert _read(text) == fast


def _unsupported(text: str) -> object:
    raise fastyaml.Unsupported


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("010", 10),
        ("0o10", 8),
        ("1:20", "1:20"),
        ("1e3", 1000.0),
        ("true", True),
        ("~", None),
    ],
)
def test_the_line_tracking_parser_reads_yaml_1_2(scalar: str, value: object) -> None:
    assert yamlfile.parse_yaml(f"a: {scalar}\n")["a"] == value


def test_note_no_validates_with_or_without_another_problem() -> None:
    """The reported case: `note: no` is text, and adding `colour: red` elsewhere adds
    exactly one problem."""
    values, alone = _read(_claims_text("note", "no", mistake=False))
    assert alone == [] and values is not None and values["iv-efficacy"][0] == "no"
    _, problems = _read(_claims_text("note", "no", mistake=True))
    assert problems == [
        "claims.yaml:37: claim 'im-vomiting-minimal': colour: unknown field; remove it or "
        "check its spelling"
    ]


def test_a_merge_key_can_be_overridden() -> None:
    assert yamlfile.parse_yaml("base: &b\n  id: one\n  n: 2\nc:\n  <<: *b\n  id: other\n") == {
        "base": {"id": "one", "n": 2},
        "c": {"id": "other", "n": 2},
    }
    with pytest.raises(yamlfile.YamlError, match=r"duplicate key 'id' \(first at line 2\)"):
        yamlfile.parse_yaml("c:\n  id: one\n  id: two\n")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\n\tb: 2\n", 2, "a tab character is not allowed for indentation"),
        ("a:\n  - x\n\t- y\n", 3, "a tab character is not allowed for indentation"),
        ('a: 1\nb: "x\x00y"\n', 2, "the control character #x0000 is not allowed"),
    ],
)
def test_tabs_and_control_characters_are_named_with_their_line(
    text: str, line: int, message: str
) -> None:
    with pytest.raises(yamlfile.YamlError) as caught:
        yamlfile.parse_yaml(text)
    assert caught.value.line == line
    assert caught.value.message.startswith(message)
