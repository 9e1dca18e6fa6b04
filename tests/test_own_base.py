"""A base of one's own: `init` and the vocabulary a base declares in vocabulary.yaml."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import Run
from roa_evidence import vocab
from roa_evidence.cli import app
from roa_evidence.grading import DEFAULT_CONFIG, GradingConfig
from roa_evidence.load.vocabfile import read_vocabulary

CLAIM = """\
version: 1
documents: [leaflet2024]
claims:
  - id: oral-psilocybin-mood
    statement: Oral psilocybin lifts mood within a week.
    routes: [{route}]
    topic: efficacy
    condition: depression
    asserted_by:
      - document: leaflet2024
        quote: "lifts mood within a week"
    evidence: []
"""
STUDIES = """\
@misc{leaflet2024,
  title  = {A leaflet},
  year   = {2024},
  design = {web-article},
}
"""


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def own_base(tmp_path: Path) -> Path:
    """A base made by `init` with a vocabulary of its own, holding one claim."""
    folder = tmp_path / "psilocybin"
    code, _, err = _cli(
        "init",
        str(folder),
        "--routes",
        "oral=po/by-mouth,IV=intravenous",
        "--topics",
        "efficacy,safety",
        "--conditions",
        "depression=mdd",
    )
    assert code == 0, err
    (folder / "claims.yaml").write_text(CLAIM.format(route="by-mouth"), encoding="utf-8")
    (folder / "studies.bib").write_text(STUDIES, encoding="utf-8")
    return folder


def test_init_writes_a_base_that_validates(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    code, out, _ = _cli("init", str(folder), "--routes", "IV,IM", "--topics", "efficacy")
    assert code == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md",
        "claims.yaml",
        "grading.toml",
        "studies.bib",
        "vocabulary.yaml",
    ]
    assert out.startswith(f"Created the evidence base {folder} (")
    assert "sources import" in (folder / "README.md").read_text()
    vocabulary, problems = read_vocabulary(
        folder / "vocabulary.yaml", (folder / "vocabulary.yaml").read_text()
    )
    assert problems == []
    assert vocabulary is not None
    assert (vocabulary.routes, vocabulary.topics, vocabulary.conditions) == (
        ("IV", "IM"),
        ("efficacy",),
        ("any",),
    )
    code, out, err = _cli("--data", str(folder), "validate")
    assert (code, out.split(" in ")[0]) == (0, "OK: 0 claims and 0 works"), err


def test_init_grading_settings_are_the_defaults_commented_out(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    assert _cli("init", str(folder), "--routes", "IV", "--topics", "efficacy")[0] == 0
    text = (folder / "grading.toml").read_text()
    assert tomllib.loads(text) == {"grading": {}}  # every setting commented out
    uncommented = "\n".join(  # each setting's line, its `# ` removed
        line.removeprefix("# ") for line in text.splitlines() if " = " in line and "<" not in line
    )
    settings = tomllib.loads(uncommented)
    assert GradingConfig.from_mapping(settings) == DEFAULT_CONFIG


def test_a_declared_route_is_accepted_and_its_alias_too(own_base: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    code, out, err = _cli("--data", str(own_base), "--db", db, "claims", "--route", "po")
    assert code == 0, err
    assert "oral-psilocybin-mood" in out
    code, out, _ = _cli("--data", str(own_base), "--db", db, "claims", "--format", "json")
    assert json.loads(out)[0]["routes"] == ["oral"]  # `by-mouth` in the file, stored as oral


def test_an_undeclared_route_is_refused_with_the_bases_list(own_base: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    code, out, err = _cli("--data", str(own_base), "--db", db, "claims", "--route", "IM")
    assert (code, out) == (2, "")
    assert err == "Error: unknown route 'IM'; expected one of oral, IV\n"
    code, _, err = _cli("--data", str(own_base), "--db", db, "claims", "--route", "orl")
    assert err == "Error: unknown route 'orl'; did you mean 'oral'? (one of oral, IV)\n"
    # ketamine's routes are not this base's
    code, _, err = _cli("--data", str(own_base), "--db", db, "claims", "--topic", "onset")
    assert (code, err) == (2, "Error: unknown topic 'onset'; expected one of efficacy, safety\n")


def test_a_term_removed_from_the_base_is_an_error_at_its_line(own_base: Path) -> None:
    (own_base / "claims.yaml").write_text(CLAIM.format(route="IV"), encoding="utf-8")
    assert _cli("--data", str(own_base), "validate")[0] == 0
    vocabulary = own_base / "vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text().replace("  IV:\n    aliases: [intravenous]\n", ""))
    code, out, err = _cli("--data", str(own_base), "validate")
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == (
        f"{own_base / 'claims.yaml'}:6: claim 'oral-psilocybin-mood': routes.0: unknown route "
        "'IV'; expected one of oral"
    )


def test_a_changed_vocabulary_rebuilds_the_database(own_base: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert _cli("--data", str(own_base), "--db", db, "claims")[0] == 0
    vocabulary = own_base / "vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text().replace("by-mouth", "swallowed"))
    code, _, err = _cli("--data", str(own_base), "--db", db, "claims")
    assert code == 2  # the claim's `by-mouth` is no longer a spelling of oral
    assert "unknown route 'by-mouth'" in err


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("routes: [IV]\ntopics: [a]\nconditions: [any]\nflavours: [x]\n", 4, "unknown section"),
        ("routes: [IV, iv]\ntopics: [a]\nconditions: [any]\n", 1, "'iv' already means 'IV'"),
        (
            "routes:\n  IV: {aliases: [intravenous]}\n  IM: {aliases: [intravenous]}\n"
            "topics: [a]\nconditions: [any]\n",
            3,
            "'intravenous' already means 'IV'",
        ),
        ("routes: []\ntopics: [a]\nconditions: [any]\n", 1, "declare at least one route"),
        ("routes: [IV]\ntopics: [a]\n", 1, "conditions: declare at least one condition"),
        ("routes: [IV]\ntopics: ['a, b']\nconditions: [any]\n", 2, "is not a term"),
        ("routes: [IV\n", 2, "list is not closed"),
        (
            "drug: [psilocybin, [magic]]\nroutes: [IV]\ntopics: [a]\nconditions: [any]\n",
            1,
            "drug: expected the drug's name as text, or a list of the names",
        ),
    ],
)
def test_a_broken_vocabulary_is_refused_at_its_line(
    run: Run, evidence_dir: Path, text: str, line: int, message: str
) -> None:
    (evidence_dir / "vocabulary.yaml").write_text(text, encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{evidence_dir / 'vocabulary.yaml'}:{line}: "), first
    assert message in first


def test_the_shipped_base_declares_ketamines_vocabulary() -> None:
    shipped = vocab.active()
    assert shipped.routes == ("IV", "IM", "IN", "oral", "SL", "rectal", "SC")
    assert shipped.route_aliases["intramuscular"] == "IM"
    assert shipped.condition_aliases["trd"] == "depression"
    assert "dosing" in shipped.topics
    assert shipped.drug == ("ketamine",)


DRUG_DRAFT = (
    "Magic mushrooms were tried by 40 % of the people we asked.\n\n"
    "Ketamine was tried by 40 % of the people we asked.\n"
)


def _not_checked(data: Path, tmp_path: Path) -> list[int]:
    """The lines of DRUG_DRAFT `check` lists as not checked, on the base in `data`."""
    draft = tmp_path / "draft.md"
    draft.write_text(DRUG_DRAFT, encoding="utf-8")
    db = tmp_path / f"{data.name}.sqlite"
    code, out, err = _cli("--data", str(data), "--db", str(db), "check", str(draft), "-f", "json")
    assert code == 0, err
    return [f["line"] for f in json.loads(out)["findings"] if f.get("not_checked")]


def test_a_base_declares_its_drug_and_check_reads_it(tmp_path: Path) -> None:
    folder = tmp_path / "psilocybin"
    args = ["--routes", "oral,IV", "--topics", "efficacy"]
    code, _, err = _cli(
        "init", str(folder), "--drug", "psilocybin", "--drug", "magic mushrooms", *args
    )
    assert code == 0, err
    vocabulary, problems = read_vocabulary(
        folder / "vocabulary.yaml", (folder / "vocabulary.yaml").read_text(encoding="utf-8")
    )
    assert problems == [] and vocabulary is not None
    assert vocabulary.drug == ("psilocybin", "magic mushrooms")
    # a sentence naming the base's drug is about it: unchecked, it is listed as such...
    assert _not_checked(folder, tmp_path) == [1]
    # ...and in a base that names no drug, neither drug makes a sentence its subject
    plain = tmp_path / "plain"
    assert _cli("init", str(plain), *args)[0] == 0
    assert _not_checked(plain, tmp_path) == []


def test_init_refuses_a_drug_without_a_name(tmp_path: Path) -> None:
    code, _, err = _cli(
        "init", str(tmp_path / "x"), "--drug", "  ", "--routes", "IV", "--topics", "a"
    )
    assert code == 2
    assert err == "Error: --drug names no drug; give its name, e.g. --drug psilocybin\n"


def test_completion_offers_the_bases_terms(own_base: Path) -> None:
    result = CliRunner().invoke(
        app,
        [],
        env={
            "_ROA_EVIDENCE_COMPLETE": "complete_bash",
            "COMP_WORDS": f"roa-evidence --data {own_base} claims --route ",
            "COMP_CWORD": "5",
        },
        prog_name="roa-evidence",
    )
    assert result.stdout.split() == ["oral", "IV"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--routes", "IV,iv", "--topics", "a"],
            "Error: --routes: 'iv' is given twice; give each spelling to one route\n",
        ),
        (
            ["--routes", "=intravenous", "--topics", "a"],
            "Error: --routes: '=intravenous' names no route; write TERM or TERM=ALIAS/ALIAS, "
            "e.g. IV=intravenous/infusion\n",
        ),
        (
            ["--routes", ",", "--topics", "a"],
            "Error: --routes names no route; give at least one, e.g. --routes IV,IM\n",
        ),
    ],
)
def test_init_refuses_a_bad_vocabulary(tmp_path: Path, args: list[str], message: str) -> None:
    folder = tmp_path / "new"
    code, out, err = _cli("init", str(folder), *args)
    assert (code, out, err) == (2, "", message)
    assert not folder.exists()


def test_init_refuses_a_folder_that_holds_files(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    code, out, err = _cli("init", str(folder), "--routes", "IV", "--topics", "a")
    assert (code, out) == (2, "")
    assert err == (
        f"Error: {folder} is not empty (it holds notes.txt); choose a new or empty folder, so "
        "that no file of yours is overwritten\n"
    )
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".mine")]  # no staging left


def test_init_fills_an_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert _cli("init", str(folder), "--routes", "IV", "--topics", "a")[0] == 0
    assert (folder / "vocabulary.yaml").is_file()


def test_routes_may_carry_the_lay_words_a_draft_uses() -> None:
    text = (
        "routes:\n  IV: {aliases: [intravenous], lay: [a drip, an infusion]}\n  IM: {}\n"
        "topics: [efficacy]\nconditions: [any]\n"
    )
    vocabulary, problems = read_vocabulary(Path("vocabulary.yaml"), text)
    assert problems == []
    assert vocabulary is not None
    assert vocabulary.lay == {"IV": ("a drip", "an infusion")}
    assert vocabulary.route_aliases == {"intravenous": "IV"}


def test_a_drug_name_with_punctuation_is_one_name_in_any_spelling(tmp_path: Path) -> None:
    folder = tmp_path / "dmt"
    code, _, err = _cli(
        "init", str(folder), "--drug", "N,N-DMT", "--routes", "IV,oral", "--topics", "onset"
    )
    assert code == 0, err
    vocabulary, _ = read_vocabulary(
        folder / "vocabulary.yaml", (folder / "vocabulary.yaml").read_text(encoding="utf-8")
    )
    assert vocabulary is not None and vocabulary.drug == ("N,N-DMT",)
    draft = tmp_path / "draft.md"
    draft.write_text("N,N-DMT was tried by 40 % of the people we asked.\n", encoding="utf-8")
    db = tmp_path / "dmt.sqlite"
    code, out, err = _cli("--data", str(folder), "--db", str(db), "check", str(draft), "-f", "json")
    assert code == 0, err
    assert json.loads(out)["findings"][0]["not_checked"], out
