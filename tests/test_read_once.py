"""A load reads each input file once: what it parses is what it hashed and records.

`inputs.read_inputs` reads the files; the parsers, the vocabulary and the fingerprint
all take those bytes, so a file edited while a load runs cannot be parsed in one
version and recorded as built from another.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from roa_evidence import vocab
from roa_evidence.errors import InvalidData
from roa_evidence.load.inputs import fingerprint, read_inputs
from roa_evidence.load.read import read_base_files, read_evidence_base
from roa_evidence.load.vocabfile import inputs_vocabulary

OLD = "IV ketamine relieves depression within a day."
NEW = "IV ketamine relieves depression within an hour."


def test_what_is_parsed_is_what_was_hashed(evidence_dir: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    inputs = read_inputs(evidence_dir)
    hashed = inputs.data_hash
    assert hashed == fingerprint(evidence_dir)

    claims.write_text(claims.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    vocab.activate(inputs_vocabulary(inputs))
    base = read_base_files(inputs)

    statements = {claim.spec.statement for claim in base.claims}
    assert OLD in statements and NEW not in statements  # the bytes read, not the file now
    assert inputs.data_hash == hashed != fingerprint(evidence_dir)


def test_strict_reads_stop_at_the_first_problem(evidence_dir: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    broken = text.replace("routes: [IM, IV]", "routes: [IM, XX]", 1).replace(
        "statement: IM ketamine rarely", "colour: red\n    statement: IM ketamine rarely", 1
    )
    assert broken.count("XX") == 1 and "colour: red" in broken
    claims.write_text(broken, encoding="utf-8")

    with pytest.raises(InvalidData) as every:
        read_evidence_base(evidence_dir)
    with pytest.raises(InvalidData) as first:
        read_evidence_base(evidence_dir, strict=True)

    assert len(every.value.problems) >= 2
    assert first.value.problems == every.value.problems[:1]  # the first, by file and line


READERS = ("read_text", "read_content", "read_bytes", "open_regular", "open")
PIPELINE = ("refresh.py", "incremental.py", "read.py", "rows.py")


def test_no_step_after_read_inputs_opens_a_file() -> None:
    """The steps after `read_inputs` take its bytes; none opens an input file again."""
    load = Path(__file__).resolve().parents[1] / "src" / "roa_evidence" / "load"
    opened = [
        f"{name}:{node.lineno} {ast.unparse(node.func)}"
        for name in PIPELINE
        for node in ast.walk(ast.parse((load / name).read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) in READERS
    ]
    assert opened == []
