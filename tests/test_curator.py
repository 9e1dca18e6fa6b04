"""The curator's loop: edit the files, run `validate`, read every problem at once, in
plain words, with quotes checked whenever the documents can be found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from roa_evidence.cli import app


def _validate(data: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--data", str(data), "validate", *args])
    return result.exit_code, result.stdout, result.stderr


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_problem_of_a_claim_surfaces_in_one_run(evidence_dir: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    _edit(claims, "    topic: efficacy\n", "    topic: efficacy\n    colour: red\n")
    _edit(
        claims,
        'document: docalpha\n        quote: "IM can',
        'document: docgamma\n        quote: "IM can',
    )
    _edit(
        claims,
        "stance: supports\n        locator: abstract",
        "stance: support\n        locator: abstract",
    )
    code, out, err = _validate(evidence_dir)
    assert (code, out) == (2, "")
    assert err == (
        f"{claims}:8: claim 'im-as-effective-as-iv': colour: unknown field; remove it or check its spelling\n"
        f"{claims}:11: claim 'im-as-effective-as-iv': document 'docgamma' is not an entry in studies.bib; add it or fix the key (did you mean 'docalpha'?)\n"
        f"{claims}:18: claim 'im-as-effective-as-iv': evidence.0.stance: unknown stance 'support'; did you mean 'supports'?\n"
        "Error: 3 problems in the evidence base. Fix the lines above and run again.\n"
    )


def test_validate_says_when_quotes_were_not_checked(evidence_dir: Path) -> None:
    code, out, err = _validate(evidence_dir)
    assert code == 0
    assert out.endswith("; the 6 quotes were not checked.\n")
    assert err == (
        "note: quotes were not checked against the documents: no documents folder is known; "
        "pass --documents DIR or record `documents_dir: DIR` in claims.yaml.\n"
    )


def test_documents_dir_in_claims_yaml_turns_quote_checks_on(evidence_dir: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    _edit(claims, "version: 1\n", "version: 1\ndocuments_dir: .\n")
    code, out, err = _validate(evidence_dir)
    assert (code, err) == (0, "")
    assert out.endswith("; all 6 quotes found verbatim in their documents.\n")
    _edit(claims, '"more bad trips with IM"', '"more bad trip with IM"')
    code, out, err = _validate(evidence_dir)
    assert code == 2
    assert 'the quote "more bad trip with IM" is not in docbeta\'s text' in err


def test_a_near_miss_quote_names_the_closest_passage_and_the_difference(evidence_dir: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    _edit(
        claims,
        'quote: "IV works best for depression"',
        'quote: "IV works better for the depression"',
    )
    code, _, err = _validate(evidence_dir, "--documents", str(evidence_dir))
    assert code == 2
    assert err.splitlines()[0] == (
        f"{claims}:14: claim 'im-as-effective-as-iv': the quote \"IV works better for the "
        "depression\" is not in docbeta's text (an orphan); copy it verbatim from the document (the "
        "closest passage is \"IV works best for depression.\": the document has 'best' where "
        "the quote has 'better'; the quote adds 'the')"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    routes: [IV]\n",
            "  routes: [IV]\n",
            ":23: column 3: a list item is indented differently from the items before it; "
            "start every item of the list with '-' at the same column (YAML said: did not find "
            "expected '-' indicator)",
        ),
        (
            "      - source: big2020trial\n",
            "    - source: big2020trial\n",
            ":31: column 15: a ':' where no key can start: this line or the one above is "
            "indented further than the keys around it, or a value holds an unquoted ': '; line "
            "up the keys, or put the value in quotes (YAML said: mapping values are not allowed "
            "in this context)",
        ),
        (
            "routes: [IM]\n    topic: tolerability",
            "routes: [IM\n    topic: tolerability",
            ":37: column 10: a '[' list is not closed with ']', or its items lack commas; close "
            "it (YAML said: did not find expected ',' or ']')",
        ),
    ],
)
def test_yaml_mistakes_name_line_column_and_likely_cause(
    evidence_dir: Path, old: str, new: str, expected: str
) -> None:
    claims = evidence_dir / "claims.yaml"
    _edit(claims, old, new)
    code, _, err = _validate(evidence_dir)
    assert code == 2
    assert err.splitlines()[0] == f"{claims}{expected}"


def test_the_installed_base_with_a_data_folder_here_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / "small", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    db = str(tmp_path / "e.sqlite")
    result = runner.invoke(app, ["--db", db, "claims", "--route", "SC", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "./data" in line]
    assert len(notes) == 1
    assert notes[0].startswith("roa-evidence: using the installed evidence base (")
    assert notes[0].endswith("), not ./data; pass --data ./data to use that one.")
    # another base is refused on that database (docs/scale.md): the curator's own one
    mine = str(tmp_path / "mine.sqlite")
    told = runner.invoke(app, ["--data", "data", "--db", mine, "claims", "--format", "json"])
    assert told.exit_code == 0 and "./data" not in told.stderr
