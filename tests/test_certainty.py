"""How certainties are shown: one table per medium, and every output drawn from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run
from roa_evidence import certainty, vocab


@pytest.mark.parametrize("table", ["LABEL", "SYMBOL", "STYLE", "COLOUR", "INK"])
def test_every_certainty_is_shown_in_every_medium(table: str) -> None:
    assert set(getattr(certainty, table)) == set(vocab.CERTAINTIES)


@pytest.mark.parametrize(
    ("level", "shown"),
    [
        (-2, "none"),
        (0, "none"),
        (1, "very low"),
        (2, "low"),
        (3, "moderate"),
        (4, "high"),
        (6, "high"),
    ],
)
def test_a_derivation_level_is_named_within_none_to_high(level: int, shown: str) -> None:
    assert certainty.level_label(level) == shown


@pytest.mark.parametrize(("value", "shown"), [(None, "not graded"), ("very_low", "very low")])
def test_a_certainty_for_people(value: str | None, shown: str) -> None:
    assert certainty.label(value) == shown


def test_report_badges_use_the_shared_label_and_colours(run: Run, tmp_path: Path) -> None:
    claims = json.loads(run("claims", "--format", "json").stdout)
    out = tmp_path / "report.html"
    assert run("report", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    graded = [c for c in claims if c["certainty"] is not None]
    assert graded
    for claim in graded:
        value = claim["certainty"]
        article = page[page.index(f'data-claim="{claim["id"]}"') :]
        badge = (
            f'<span class="badge" style="background:{certainty.COLOUR[value]};'
            f'color:{certainty.INK[value]}">{certainty.LABEL[value]}</span>'
        )
        assert badge in article[: article.index("</article>")]
