"""Every terminal width, through a real pseudo-terminal: tables wrap on word boundaries
and never split a word, an id or a key; `map` keeps its contested counts at 70 columns;
`source` is readable at 70 columns and piped; `compare` says which routes a claim is about."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SHIPPED_DATA
from roa_evidence.cli import app

# Sweeps of every table at several terminal widths: the full run, not the quick loop.
pytestmark = pytest.mark.slow

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
FRAME = set("─━│┃┌┐└┘├┤┬┴┼╭╮╯╰═║+-|")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('widths') / 'e.sqlite'}"
    _cli(url, "load")
    return url


def _cli(db: str, *args: str) -> str:
    full = ["--data", str(SHIPPED_DATA), "--db", db, *args]
    result = CliRunner().invoke(app, full, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.stdout


def in_terminal(db: str, columns: int, *args: str) -> str:
    """The command's output on a pseudo-terminal `columns` wide, escape codes removed."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env["TERM"] = "xterm-256color"
    command = [sys.executable, "-m", "roa_evidence", "--data", str(SHIPPED_DATA), "--db", db]
    process = subprocess.Popen([*command, *args], stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert process.wait(timeout=60) == 0
    return ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")


def _tokens(text: str) -> list[str]:
    return [t for t in text.split() if not set(t) <= FRAME]


@pytest.mark.parametrize("columns", [70, 100, 120, 140, 160])
def test_claims_never_split_a_word_or_an_id(db: str, columns: int) -> None:
    claims = json.loads(_cli(db, "claims", "-f", "json"))
    known = {"id", "routes", "topic", "certainty", "status", "n", "statement", "·"}
    for claim in claims:
        known |= {claim["id"], ",".join(claim["routes"]), claim["topic"], claim["status"]}
        known |= set(claim["statement"].split()) | {str(claim["total_n"])}
    known |= {"not", "graded", "none", "very", "low", "moderate", "high", "n"}
    known |= {"⊕◯◯◯", "⊕⊕◯◯", "⊕⊕⊕◯", "⊕⊕⊕⊕", "◯◯◯◯"}
    shown = in_terminal(db, columns, "claims")
    lines = [line for line in shown.splitlines() if not line.startswith("roa-evidence:")]
    assert all(len(line) <= columns for line in lines)
    split = [t for t in _tokens("\n".join(lines)) if t not in known]
    assert not split, split[:10]
    for claim in claims:
        assert claim["id"] in shown


def test_show_at_120_columns_keeps_keys_whole(db: str) -> None:
    claim = json.loads(_cli(db, "show", "im-as-effective-as-iv-depression", "-f", "json"))
    shown = in_terminal(db, 120, "show", "im-as-effective-as-iv-depression")
    assert all(len(line) <= 120 for line in shown.splitlines())
    tokens = set(_tokens(shown))
    for link in claim["evidence"]:
        assert link["source"] in tokens


def test_map_keeps_its_contested_counts_at_70_columns(db: str) -> None:
    piped = _cli(db, "map")
    counts = re.findall(r"!\d+", piped)
    assert counts
    shown = in_terminal(db, 70, "map")
    assert "\u2026" not in shown  # nothing cut
    assert sorted(re.findall(r"!\d+", shown)) == sorted(counts)
    assert "bioavailability" in shown
    assert all(len(line) <= 70 for line in shown.splitlines())
    assert re.findall(r"!\d+", _cli(db, "map", "-f", "md")) == counts


def test_source_is_readable_at_70_columns_and_piped(db: str) -> None:
    piped = _cli(db, "source", "chilukuri2014acute")
    assert max(len(line) for line in piped.splitlines()) <= 100
    work = json.loads(_cli(db, "source", "chilukuri2014acute", "-f", "json"))
    words = set(piped.split())
    assert all(word in words for word in work["note"].split())
    assert all(
        claim_id.rstrip(",") in {w.rstrip(",") for w in words} for claim_id in work["cited_by"]
    )
    shown = in_terminal(db, 70, "source", "chilukuri2014acute")
    assert all(len(line) <= 70 for line in shown.splitlines())
    assert "chilukuri2014acute" in set(_tokens(shown))


def test_compare_says_which_routes_each_claim_is_about(db: str) -> None:
    three = _cli(db, "compare", "IM", "IV", "IN")
    line = next(x for x in three.splitlines() if "iv-more-relief-than-in" in x)
    assert "iv-more-relief-than-in [IV vs IN]" in line
    assert "[IM vs IV]" in three
    markdown = _cli(db, "compare", "IM", "IV", "--format", "md")
    cell = next(x for x in markdown.splitlines() if "in-cheaper-than-iv" in x)
    assert re.search(r"in-cheaper-than-iv \([^)]*also IN\)", cell)


def test_pseudo_terminal_helper_reports_the_width(db: str, tmp_path: Path) -> None:
    """The helper really gives the program a terminal of the width asked for."""
    script = tmp_path / "width.py"
    script.write_text("import shutil; print(shutil.get_terminal_size().columns)\n")
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 120, 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    process = subprocess.Popen([sys.executable, str(script)], stdout=child, env=env)
    os.close(child)
    output = os.read(main, 100).decode()
    process.wait(timeout=30)
    os.close(main)
    assert output.strip() == "120"
