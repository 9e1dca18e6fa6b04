"""Loading at scale: nothing parsed when nothing changed, only the changed claims file
parsed when one did, the parallel and fast paths equal to the plain ones.

No timings here (those are bench/run.py's, run by hand); these tests check that
each shortcut gives exactly the database a full rebuild gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import FIXTURES, SHIPPED_DATA, Run
from roa_evidence import latex
from roa_evidence.cli import app
from roa_evidence.load import fastyaml, read, rows
from roa_evidence.load.yamlfile import parse_yaml


def _cli(data: Path, db: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["--data", str(data), "--db", db, *args], env={"NO_COLOR": "1"}
    )
    return result.exit_code, result.stdout, result.stderr


def _everything(data: Path, db: str) -> tuple[object, object]:
    code, claims, err = _cli(data, db, "claims", "--format", "json")
    assert code == 0, err
    code, sources, err = _cli(data, db, "sources", "--format", "json")
    assert code == 0, err
    return json.loads(claims), json.loads(sources)


@pytest.fixture
def split_dir(tmp_path: Path) -> Path:
    """The small fixture with its claims split over claims/a.yaml and claims/b.yaml."""
    target = tmp_path / "split"
    (target / "claims").mkdir(parents=True)
    for path in (FIXTURES / "small").iterdir():
        if path.name != "claims.yaml":
            (target / path.name).write_bytes(path.read_bytes())
    whole = yaml.safe_load((FIXTURES / "small" / "claims.yaml").read_text(encoding="utf-8"))
    half = len(whole["claims"]) // 2
    for name, claims in (("a", whole["claims"][:half]), ("b", whole["claims"][half:])):
        part = {"version": 1, "documents": whole["documents"], "claims": claims}
        (target / "claims" / f"{name}.yaml").write_text(
            yaml.safe_dump(part, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return target


def _refuse(*args: object, **kwargs: object) -> object:
    raise AssertionError("this load should not have parsed that")


def test_an_unchanged_evidence_base_is_not_parsed_again(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("load").exit_code == 0
    monkeypatch.setattr(read, "read_evidence_base", _refuse)
    monkeypatch.setattr(read, "read_claims_file", _refuse)
    result = run("load")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Up to date: ")


def test_one_changed_claims_file_is_the_only_one_read_again(
    split_dir: Path, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = _cli(split_dir, db_url, "load")
    assert code == 0, err
    changed = split_dir / "claims" / "b.yaml"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace(
            "IM treatment costs less than IV treatment.", "IM treatment is cheaper than IV."
        ),
        encoding="utf-8",
    )
    with monkeypatch.context() as patch:
        patch.setattr(read, "read_works", _refuse)  # studies.bib is not parsed again
        patch.setattr(read, "read_evidence_base", _refuse)
        code, out, err = _cli(split_dir, db_url, "load")
    assert code == 0, err
    assert out.startswith("Updated "), out
    assert "claims/b.yaml" in out and "claims/a.yaml" not in out
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    assert _everything(split_dir, db_url) == _everything(split_dir, fresh)
    claims, _ = _everything(split_dir, db_url)
    assert "IM treatment is cheaper than IV." in [c["statement"] for c in claims]  # type: ignore[union-attr]


def test_removing_and_adding_claims_keeps_the_order_of_a_full_build(
    split_dir: Path, db_url: str, tmp_path: Path
) -> None:
    assert _cli(split_dir, db_url, "load")[0] == 0
    first = split_dir / "claims" / "a.yaml"
    part = yaml.safe_load(first.read_text(encoding="utf-8"))
    part["claims"] = part["claims"][1:]  # one claim fewer: later files' positions shift
    first.write_text(yaml.safe_dump(part, sort_keys=False), encoding="utf-8")
    (split_dir / "claims" / "0-new.yaml").write_text(
        "version: 1\ndocuments: [docalpha]\nclaims:\n  - id: brand-new\n"
        "    statement: A new claim.\n    routes: [IN]\n    topic: onset\n"
        '    asserted_by:\n      - document: docalpha\n        quote: "IM is cheaper"\n',
        encoding="utf-8",
    )
    code, out, err = _cli(split_dir, db_url, "load")
    assert code == 0, err
    assert out.startswith("Updated "), out
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    assert _everything(split_dir, db_url) == _everything(split_dir, fresh)
    claims, _ = _everything(split_dir, db_url)
    assert claims[0]["id"] == "brand-new"  # type: ignore[index]


def test_a_problem_in_a_changed_file_names_its_line_and_keeps_the_database(
    split_dir: Path, db_url: str
) -> None:
    assert _cli(split_dir, db_url, "load")[0] == 0
    before = _everything(split_dir, db_url)
    changed = split_dir / "claims" / "b.yaml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(
        text.replace("source: patients2024", "source: patients2042"), encoding="utf-8"
    )
    line = text[: text.index("source: patients2024")].count("\n") + 1
    code, _, err = _cli(split_dir, db_url, "load")
    assert code == 2
    assert f"{changed}:{line}: claim 'im-bad-trips': source 'patients2042' is not an entry" in err
    changed.write_text(text, encoding="utf-8")
    assert _everything(split_dir, db_url) == before


def test_a_changed_studies_bib_regrades_everything(
    split_dir: Path, sqlite_url: str, tmp_path: Path
) -> None:
    assert _cli(split_dir, sqlite_url, "load")[0] == 0
    bib = split_dir / "studies.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("n       = {520}", "n       = {52}"),
        encoding="utf-8",
    )
    code, out, err = _cli(split_dir, sqlite_url, "load")
    assert code == 0, err
    assert out.startswith("Loaded "), out
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    assert _everything(split_dir, sqlite_url) == _everything(split_dir, fresh)


@pytest.mark.slow  # worker processes
def test_parallel_reading_and_grading_give_the_same_database(
    evidence_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = f"sqlite:///{tmp_path / 'serial.sqlite'}"
    assert _cli(evidence_dir, serial, "load")[0] == 0
    monkeypatch.setattr(read, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(rows, "PARALLEL_MIN_CLAIMS", 1)
    monkeypatch.setattr(read.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(rows.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    parallel = f"sqlite:///{tmp_path / 'parallel.sqlite'}"
    code, _, err = _cli(evidence_dir, parallel, "load")
    assert code == 0, err
    assert _everything(evidence_dir, parallel) == _everything(evidence_dir, serial)


@pytest.mark.parametrize(
    "path",
    [FIXTURES / "small" / "claims.yaml", SHIPPED_DATA / "claims.yaml"],
    ids=["fixture", "shipped"],
)
def test_the_fast_yaml_parser_reads_what_the_line_tracking_one_reads(path: Path) -> None:
    if not fastyaml.AVAILABLE:
        pytest.skip("yaml-rs is not installed (pip install yaml-rs): only PyYAML is used")
    text = path.read_text(encoding="utf-8")
    assert fastyaml.loads(text) == parse_yaml(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system x\n",
        "a: !custom x\n",
        "base: &b {x: 1}\nother:\n  <<: *b\n",
    ],
)
def test_tags_and_merge_keys_are_left_to_the_line_tracking_parser(text: str) -> None:
    with pytest.raises(fastyaml.Unsupported):
        fastyaml.loads(text)


def test_a_tag_is_still_refused_with_its_line(run: Run, evidence_dir: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(
        text.replace("topic: cost", "topic: !!python/name:os.system cost"), encoding="utf-8"
    )
    line = text[: text.index("topic: cost")].count("\n") + 1
    result = run("validate")
    assert result.exit_code == 2
    assert f"{claims}:{line}: the tag" in result.stderr


@pytest.mark.parametrize(
    "value",
    [
        'Smith, Ann and M{\\"u}ller, Karl and Schr{\\"o}der, K.',
        "Une version compl{\\`e}te de {\\TeX} ``deux disquettes''",
        "{\\em A title in italics} and {\\c c}edilla",
        "\\c c and \\emph {spaced} argument",
        "Math $x + y$ and 50\\% of it",
        "A \\textit{two word} phrase -- with dashes",
    ],
)
def test_word_by_word_latex_decoding_equals_whole_string_decoding(value: str) -> None:
    whole = latex._SPACES.sub(" ", str(latex._decoder().latex_to_text(value))).strip()
    assert latex.latex_to_text(value) == whole
