"""A derivation as shown: once a body has started, rating down stops at very low,
as the final grade does; 'none' is only for a body that never started."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import SHIPPED_DATA
from roa_evidence.cli import app
from roa_evidence.grading import levels_reached

DOMAINS = ("risk_of_bias", "imprecision", "inconsistency", "indirectness", "publication_bias")


@given(
    start=st.integers(0, 4),
    changes=st.lists(st.tuples(st.sampled_from(DOMAINS), st.integers(-2, 2)), max_size=6),
)
def test_levels_stay_in_range(start: int, changes: list[tuple[str, int]]) -> None:
    steps = [{"domain": "start", "change": start}] + [
        {"domain": domain, "change": change} for domain, change in changes
    ]
    levels = levels_reached(steps)
    assert levels[0] == start
    assert all((1 if start else 0) <= level <= 4 for level in levels)


def test_show_never_prints_none_inside_a_graded_body(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            *("--data", str(SHIPPED_DATA), "--db", f"sqlite:///{tmp_path}/e.sqlite"),
            *("show", "side-effects-rare-mild-transient"),
        ],
        env={"NO_COLOR": "1", "COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    against = result.stdout.split("How the contradicting evidence was graded", 1)[1]
    rows = [line.split() for line in against.splitlines()[2:] if line.strip()]
    assert rows and all("none" not in row[:4] for row in rows), against
