"""A YAML file too deep to read is refused in roa-evidence's own words, whichever
layer notices first: its own shape check, libyaml's flow-level cap, or the pure
parser running out of recursion."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from roa_evidence.cli import app
from roa_evidence.load import fastyaml, yamlfile

MESSAGE = "nesting deeper than 64 levels; flatten the structure"
PARSERS = {
    "libyaml": yamlfile._LineLoader,
    "pure-python": yamlfile.line_loader(yaml.SafeLoader),
}


def _validate(data: Path) -> tuple[int, str]:
    db = data / "evidence.sqlite"
    result = CliRunner().invoke(
        app, ["--data", str(data), "--db", f"sqlite:///{db}", "validate"], env={"NO_COLOR": "1"}
    )
    assert "unexpected" not in result.output.lower(), result.output
    assert not db.exists()
    return result.exit_code, result.stderr


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(
    ("levels", "text"),
    [
        (100, "version: 1\nnote: {opening}{closing}\n"),  # caught by our own check
        (1000, "version: 1\nnote: {opening}{closing}\n"),  # libyaml caps flow at 1000
        (3000, "version: 1\nclaims: []\nnote: {opening}{closing}\n"),  # recursion
    ],
)
@pytest.mark.slow  # thousands of levels
def test_deep_nesting_is_refused_in_our_words(
    evidence_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    parser: str,
    levels: int,
    text: str,
) -> None:
    if parser == "libyaml" and not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML was built without libyaml")
    monkeypatch.setattr(yamlfile, "_LineLoader", PARSERS[parser])
    body = text.format(opening="[" * levels, closing="]" * levels)
    (evidence_dir / "claims.yaml").write_text(body, encoding="utf-8")
    line = body.splitlines().index(next(x for x in body.splitlines() if x.startswith("note"))) + 1
    code, stderr = _validate(evidence_dir)
    assert code == 2
    assert stderr.splitlines()[0] == f"{evidence_dir / 'claims.yaml'}:{line}: {MESSAGE}"


def test_a_parser_side_limit_is_translated(
    evidence_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a future parser says about depth, the user reads our sentence."""

    class Refusing(yamlfile._LineLoader):  # type: ignore[misc,valid-type]
        def get_single_node(self) -> yaml.Node:
            raise yaml.scanner.ScannerError(
                "while increasing flow level",
                None,
                "exceeded maximum nesting depth",
                yaml.Mark("<file>", 0, 1, 5, None, None),
            )

    monkeypatch.setattr(yamlfile, "_LineLoader", Refusing)
    monkeypatch.setattr(fastyaml, "loads", _unsupported)
    (evidence_dir / "claims.yaml").write_text("version: 1\nnote: " + "[" * 70 + "]" * 70 + "\n")
    code, stderr = _validate(evidence_dir)
    assert code == 2
    assert stderr.splitlines()[0] == f"{evidence_dir / 'claims.yaml'}:2: {MESSAGE}"


def _unsupported(text: str) -> object:
    raise fastyaml.Unsupported


@pytest.mark.slow  # a large hostile input
def test_deep_block_nesting_names_a_line(
    evidence_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlfile, "_LineLoader", PARSERS["pure-python"])
    lines = ["version: 1", "note:"] + [" " * (2 * i) + "-" for i in range(1, 1200)]
    (evidence_dir / "claims.yaml").write_text("\n".join(lines) + "\n")
    code, stderr = _validate(evidence_dir)
    assert code == 2
    assert stderr.splitlines()[0].startswith(f"{evidence_dir / 'claims.yaml'}:")
    assert stderr.splitlines()[0].endswith(MESSAGE)
