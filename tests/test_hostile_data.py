"""Hostile data files: integers past the column, NUL bytes, deep nesting, BibTeX macros
and keys, many duplicate ids.

The red team's reproducers (../shared/reviews/red-team.md, round two), each a test that
failed before its fix: a refusal in one sentence, in seconds, with nothing lost and
nothing disclosed. Case numbers are the report's."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import Run
from roa_evidence.cli import app
from test_retractions import ok

# --------------------------------------------------------------------------
# Data files: integers, NUL, nesting, BibTeX macros and keys (cases 22, 26, 32-33, 35, 43,
# 48, 50-52, 139-141)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize("n", [2**70, 2**40])
def test_a_sample_size_too_big_for_the_column_is_refused_on_every_back_end(
    run: Run, evidence_dir: Path, n: int
) -> None:
    bib = evidence_dir / "studies.bib"
    _edit(bib, "n       = {27}", f"n       = {{{n}}}")
    result = run("load")
    assert result.exit_code == 2
    assert (
        f"{bib}:26: entry 'smith2014open': n must be at most 2,147,483,647 participants, "
        f"not {n}\n" in result.stderr
    )


def test_a_link_n_too_big_for_the_column_is_refused(run: Run, evidence_dir: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    _edit(claims, "        n: 27\n", f"        n: {2**70}\n")
    result = run("load")
    assert result.exit_code == 2
    assert f"must be at most 2,147,483,647, not {2**70}" in result.stderr
    assert "unexpected" not in result.stderr


def test_a_nul_byte_in_studies_bib_is_refused_with_its_line(run: Run, evidence_dir: Path) -> None:
    bib = evidence_dir / "studies.bib"
    _edit(bib, "title   = {Route of Administration}", "title   = {Route of\0 Administration}")
    result = run("load")
    assert result.exit_code == 2
    assert (
        f"{bib}:14: a NUL byte (0x00) is in the file, where no text may hold one; remove it\n"
        in result.stderr
    )


@pytest.mark.parametrize("depth", [300, 20_000])
def test_deep_latex_groups_in_a_title_are_refused_with_the_line(
    run: Run, evidence_dir: Path, depth: int
) -> None:
    bib = evidence_dir / "studies.bib"
    deep = "\\emph" + "{" * depth + "x" + "}" * depth
    _edit(bib, "{An open-label comparison of {IM} and {IV} ketamine}", "{An " + deep + "}")
    result = run("load")
    assert result.exit_code == 2
    assert (
        f"{bib}:22: entry 'smith2014open': field 'title' nests braces more than 64 levels "
        "deep; remove the extra braces\n" in result.stderr
    )


@pytest.mark.slow
def test_deep_braces_in_a_large_bib_read_in_a_worker_are_refused(
    run: Run, evidence_dir: Path
) -> None:
    bib = evidence_dir / "studies.bib"
    filler = "".join(
        f"@misc{{filler{i},\n  title = {{Filler entry {i} for a large file}},\n  "
        "design = {web-article}\n}\n"
        for i in range(3000)
    )
    _edit(
        bib,
        "{An open-label comparison of {IM} and {IV} ketamine}",
        "{" + "{" * 100_000 + "x" + "}" * 100_000 + "}",
    )
    bib.write_text(bib.read_text() + filler)
    result = run("load")
    assert result.exit_code == 2
    assert "field 'title' nests braces more than 64 levels deep" in result.stderr


def test_deep_toml_arrays_are_refused_with_the_line(run: Run, evidence_dir: Path) -> None:
    grading = evidence_dir / "grading.toml"
    grading.write_text("# [[[ not counted\n[grading]\nimprecision_n = " + "[" * 5000 + "]" * 5000)
    result = run("load")
    assert result.exit_code == 2
    assert (
        f"{grading}:3: arrays or tables nest more than 32 levels deep; flatten them\n"
        in result.stderr
    )


def test_bibtex_concatenation_and_month_macros_are_read(run: Run, evidence_dir: Path) -> None:
    import json

    bib = evidence_dir / "studies.bib"
    _edit(bib, "journal = jpm,", 'journal = jpm # { Supplement} # ", Part " # 2,\n  month = jan,')
    shown = json.loads(ok(run("source", "smith2014open", "--format", "json")))
    assert shown["container"] == "Journal of Test Medicine Supplement, Part 2"


@pytest.mark.parametrize(
    ("strings", "message"),
    [
        (
            "@string{cc = cc # { x}}",
            "uses the @string macro 'cc', whose definition refers back to itself",
        ),
        (
            "@string{s0 = {ab}}\n"
            + "".join(f"@string{{s{i} = s{i - 1} # s{i - 1}}}\n" for i in range(1, 27)),
            "nests @string macros more than 16 deep",
        ),
    ],
)
def test_macros_that_loop_or_explode_are_refused_in_words(
    run: Run, evidence_dir: Path, strings: str, message: str
) -> None:
    bib = evidence_dir / "studies.bib"
    macro = strings.split("{", 1)[1].split(" ", 1)[0] if "cc" in strings else "s26"
    _edit(bib, "journal = jpm,", f"journal = {macro},")
    bib.write_text(strings + "\n" + bib.read_text())
    started = time.monotonic()
    result = run("load")
    assert time.monotonic() - started < 20
    assert result.exit_code == 2
    assert f"entry 'smith2014open': field 'journal' {message}\n" in result.stderr


def test_a_key_bibtex_cannot_read_is_refused_at_load(run: Run, evidence_dir: Path) -> None:
    bib = evidence_dir / "studies.bib"
    bib.write_text(bib.read_text() + "\n@misc{a b,\n  title = {Spaced}\n}\n")
    result = run("load")
    assert result.exit_code == 2
    assert (
        "citation key 'a b' holds a space, which BibTeX cannot read in a key; rename it "
        "(letters, digits and - _ : . / are safe)\n" in result.stderr
    )


# --------------------------------------------------------------------------
# Many duplicate ids cost what a valid base does (case 18)


def test_duplicate_ids_are_reported_without_the_slow_line_tracking_read(
    evidence_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roa_evidence.load import read

    def refuse(*args: object) -> object:
        raise AssertionError("duplicate ids alone should not need the line-tracking read")

    monkeypatch.setattr(read, "_read_located", refuse)
    claims = evidence_dir / "claims.yaml"
    text = claims.read_text()
    first = text.split("\n  - id: ", 2)[1]
    claims.write_text(text + "  - id: " + first.rstrip("\n") + "\n")
    result = CliRunner().invoke(app, ["--data", str(evidence_dir), "validate"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{claims}:")
    assert lines[0].endswith(
        ": duplicate claim id 'im-as-effective-as-iv' (first at claims.yaml:4); give each "
        "claim its own id"
    )
