"""docs/reference.md is generated from --help; this test fails when they drift.

Regenerate it with: python tests/test_readme.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from typer.testing import CliRunner

from roa_evidence.cli import app

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
REFERENCE = REPO / "docs" / "reference.md"
START, END = "<!-- commands:start -->", "<!-- commands:end -->"


def _help(*args: str) -> str:
    result = CliRunner().invoke(
        app, [*args, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"}, prog_name="roa-evidence"
    )
    assert result.exit_code == 0, result.output
    return result.stdout.rstrip()


def command_reference() -> str:
    top = _help()
    names = re.findall(r"^  ([a-z][a-z-]*)\s", top.split("Commands:", 1)[1], flags=re.M)
    parts = ["```text", "$ roa-evidence --help", top, "```"]
    for name in names:
        parts += [
            "",
            f"### `roa-evidence {name}`",
            "",
            "```text",
            f"$ roa-evidence {name} --help",
            _help(name),
            "```",
        ]
    return "\n".join(parts)


def _section(text: str) -> str:
    return text.split(START, 1)[1].split(END, 1)[0].strip()


_BOX = re.compile(r"[\u2500-\u257f]")  # the panels' box-drawing characters


def _words(text: str) -> list[str]:
    """Help text as its words in order: the options and what they say, without typer's
    line wrapping and panel borders (which move with the terminal and typer's version)."""
    return _BOX.sub(" ", text).split()


def test_command_reference_matches_help() -> None:
    assert START in REFERENCE.read_text(), "docs/reference.md lacks its markers"
    assert _words(_section(REFERENCE.read_text())) == _words(command_reference()), (
        "docs/reference.md is stale: run `python tests/test_readme.py`"
    )


def test_the_reference_comparison_ignores_wrapping_only() -> None:
    text = "│ --route ROUTE  Keep claims about this route │\n│                (repeatable).   │"
    rewrapped = "│ --route ROUTE  Keep claims about │\n│   this route (repeatable).  │"
    assert _words(text) == _words(rewrapped)
    assert _words(text) != _words(text.replace("--route", "--routes"))


def test_readme_gives_the_two_commands() -> None:
    text = README.read_text()
    assert "pip install . && .venv/bin/roa-evidence claims --route IM" in text
    assert "pip install -e '.[test]' && .venv/bin/pytest" in text


def test_readme_is_a_short_front_door() -> None:
    assert len(README.read_text().splitlines()) <= 200, "move detail into docs/"


if __name__ == "__main__":
    text = REFERENCE.read_text()
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    REFERENCE.write_text(f"{head}{START}\n{command_reference()}\n{END}{tail}")
    print(f"updated {REFERENCE}", file=sys.stderr)
