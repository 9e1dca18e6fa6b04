"""`check` shows a loose match as such: the reasons a claim may not be what the sentence
says (its wording only near, a route or design the claim lacks), in the text line and in
the JSON, while a close match shows none. Through the CLI on the shipped base."""

from __future__ import annotations

from pathlib import Path

from conftest import Run, check_one

LOOSE = "Nasal spray ketamine is poorly absorbed compared with an injection."
CLOSE = "IM ketamine has a bioavailability of about 93 %."


def _line(shipped: Run, tmp_path: Path, sentence: str) -> str:
    draft = tmp_path / "draft.md"
    draft.write_text(sentence + "\n", encoding="utf-8")
    result = shipped("check", str(draft))
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[0]


def test_a_loose_match_says_why_in_the_text_line(shipped: Run, tmp_path: Path) -> None:
    line = _line(shipped, tmp_path, LOOSE)
    assert "in-bioavailability-25-50 (very low, contradicted; loose match: " in line, line
    assert "routes differ" in line, line


def test_a_close_match_is_not_called_loose(shipped: Run, tmp_path: Path) -> None:
    line = _line(shipped, tmp_path, CLOSE)
    assert "im-bioavailability-93" in line and "loose match" not in line, line


def test_the_json_lists_the_reasons_and_leaves_out_the_judged_parts(
    shipped: Run, tmp_path: Path
) -> None:
    loose = check_one(shipped, tmp_path, LOOSE)
    assert "routes differ" in loose["loose"], loose
    # the overclaim is the problem it has, not a doubt about which claim it repeats
    assert loose["parts"]["hedging"] == "differs" and "hedging differs" not in loose["loose"]
    assert check_one(shipped, tmp_path, CLOSE)["loose"] == []
