"""Lists on terminals of 60, 80 and 200 columns, drawn through a real pseudo-terminal:
nothing wider than the terminal, ids and citation keys never cut or split, text wrapped
on words; below 100 columns the lists are stacked."""

from __future__ import annotations

import fcntl
import json
import os
import re
import struct
import subprocess
import sys
import termios

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from conftest import SHIPPED_DATA
from roa_evidence.cli import app

# Sweeps of every table at several terminal widths: the full run, not the quick loop.
pytestmark = pytest.mark.slow

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
WIDTHS = (60, 80, 200)


def _on_terminal(db: str, columns: int, *args: str) -> str:
    """The command's output on a pseudo-terminal `columns` wide, colour codes removed."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env["TERM"] = "xterm-256color"
    command = [sys.executable, "-m", "roa_evidence", "--data", str(SHIPPED_DATA), "--db", db]
    process = subprocess.Popen(
        [*command, *args], stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr.decode()
    return ANSI.sub("", b"".join(chunks).decode()).replace("\r\n", "\n")


def _json(db: str, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["--data", str(SHIPPED_DATA), "--db", db, *args])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return data if isinstance(data, list) else [data]


def _check(out: str, columns: int, keys: list[str], texts: list[str]) -> None:
    for line in out.splitlines():
        assert cell_len(line.rstrip()) <= columns, line
    assert "\u2026" not in out  # nothing cut with an ellipsis
    for key in keys:
        assert re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", out), key
    tokens = set(re.sub(r"[\u2502\u256d\u256e\u2570\u256f]", " ", out).split())
    for text in texts:
        for word in text.split():
            assert word in tokens, (word, text)


@pytest.mark.parametrize("columns", WIDTHS)
def test_claims_fit_the_terminal(shipped_db: str, columns: int) -> None:
    claims = _json(shipped_db, "claims", "--route", "IN", "--format", "json")
    out = _on_terminal(shipped_db, columns, "claims", "--route", "IN")
    _check(out, columns, [str(c["id"]) for c in claims], [str(c["statement"]) for c in claims])
    lines = [line.strip() for line in out.splitlines()]
    first = claims[0]
    stacked = str(first["id"]) in lines  # the id alone on its line
    assert stacked == (columns < 100)
    if not stacked:  # a table: the id and the start of its statement share a line
        assert any(
            line.startswith(str(first["id"])) and str(first["statement"])[:20] in line
            for line in lines
        )


@pytest.mark.parametrize("columns", WIDTHS)
def test_sources_fit_the_terminal(shipped_db: str, columns: int) -> None:
    works = _json(shipped_db, "sources", "--format", "json")
    out = _on_terminal(shipped_db, columns, "sources")
    _check(out, columns, [str(w["key"]) for w in works], [])


@pytest.mark.parametrize("columns", WIDTHS)
def test_show_fits_the_terminal(shipped_db: str, columns: int) -> None:
    claim_id = "im-as-effective-as-iv-depression"
    (claim,) = _json(shipped_db, "show", claim_id, "--format", "json")
    out = _on_terminal(shipped_db, columns, "show", claim_id)
    evidence = [str(e["source"]) for e in claim["evidence"]]  # type: ignore[attr-defined]
    reasons = [str(step["reason"]) for step in claim["grading"]]  # type: ignore[attr-defined]
    _check(out, columns, [claim_id, *evidence], [str(claim["statement"]), *reasons])


@pytest.mark.parametrize("columns", WIDTHS)
def test_compare_keeps_ids_whole(shipped_db: str, columns: int) -> None:
    comparison = _json(shipped_db, "compare", "IV", "IM", "--format", "json")[0]
    ids = re.findall(r'"id": "([^"]+)"', json.dumps(comparison))
    assert len(ids) > 10
    out = _on_terminal(shipped_db, columns, "compare", "IV", "IM")
    _check(out, columns, ids, [])
