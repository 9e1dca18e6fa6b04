"""The catalogue of bad inputs: each is refused with its exact message, exit 2, and
nothing written.

Every case starts from a good evidence base already loaded into a SQLite file,
breaks one thing, then runs `load` and `validate` through the real CLI. The
expected stderr lines are the catalogue in docs/troubleshooting.md.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from roa_evidence.cli import app

FOOTER_1 = (
    "Error: 1 problem in the evidence base; nothing was loaded. Fix the lines above and run again."
)


def _footer(count: int) -> str:
    return (
        f"Error: {count} problems in the evidence base; nothing was loaded. "
        "Fix the lines above and run again."
    )


def _edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        text = (data / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {name}"
        (data / name).write_text(text.replace(old, new), encoding="utf-8")

    return mutate


def _write(name: str, text: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        (data / name).write_text(text, encoding="utf-8")

    return mutate


def _append(name: str, text: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        with open(data / name, "a", encoding="utf-8") as handle:
            handle.write(text)

    return mutate


def _truncate_bib(data: Path) -> None:
    text = (data / "studies.bib").read_text(encoding="utf-8")
    (data / "studies.bib").write_text(text[: text.index("@article{jones2006kids") + 60])


def _latin1_bib(data: Path) -> None:
    text = (data / "studies.bib").read_text(encoding="utf-8")
    (data / "studies.bib").write_bytes(text.replace('M{\\"u}ller', "M\u00fcller").encode("latin-1"))


def _huge_field(data: Path) -> None:
    _edit(
        "studies.bib",
        "population = {adults with major depression}",
        "population = {" + "x" * 10_000_000 + "}",
    )(data)


def _remove(name: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        (data / name).unlink()

    return mutate


def _folder_instead(name: str) -> Callable[[Path], None]:
    def mutate(data: Path) -> None:
        (data / name).unlink()
        (data / name).mkdir()

    return mutate


def _unreadable(data: Path) -> None:
    path = data / "claims.yaml"
    if os.geteuid() != 0:
        path.chmod(0)
        return
    # root reads anything it is denied by mode bits; a symlink loop cannot be read by anyone
    path.unlink()
    path.symlink_to(path.name)


UNREADABLE = (
    "cannot be read (permission denied); check its permissions"
    if os.geteuid() != 0
    else "cannot be read (Too many levels of symbolic links); check the file"
)

ALIAS_BOMB = "version: 1\n" + "".join(
    f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9 if prev else ['"lol"'] * 9) + "]\n"
    for prev, name in zip([None, *"abcdefgh"], "abcdefghi", strict=True)
)


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, and the stderr lines it must produce."""

    mutate: Callable[[Path], None]
    lines: tuple[str, ...]  # {bib} / {yaml} / {data} stand for the paths


CATALOGUE: dict[str, Case] = {
    # -- BibTeX -------------------------------------------------------------------------
    "bib-truncated": Case(
        _truncate_bib,
        (
            "{bib}:35: the @article entry 'jones2006kids' is cut off: the file ends before the "
            "entry closes; complete the entry or remove it",
            "{yaml}:30: claim 'iv-efficacy': source 'big2020trial' is not an entry in studies.bib; "
            "add it or fix the key (expected one of jones2006kids, docalpha, docbeta, smith2014open)",
            "{yaml}:64: claim 'im-bad-trips': source 'patients2024' is not an entry in studies.bib; "
            "add it or fix the key (expected one of jones2006kids, docalpha, docbeta, smith2014open)",
            _footer(3),
        ),
    ),
    "bib-unbalanced-braces": Case(
        _edit("studies.bib", "year    = {2014},", "year    = {{2014},"),
        (
            "{bib}:20: the @article entry 'smith2014open' is still open at line 35, where the next "
            "entry starts: a brace or quote is unbalanced; check its braces",
            FOOTER_1,
        ),
    ),
    "bib-duplicate-key": Case(
        _append("studies.bib", "\n@misc{docbeta,\n  title = {again}\n}\n"),
        (
            "{bib}:69: duplicate key 'docbeta' (first at line 13); rename or remove one entry",
            FOOTER_1,
        ),
    ),
    "bib-unknown-string": Case(
        _edit(
            "studies.bib",
            "journal = jpm,\n  year    = {2014}",
            "journal = jtm,\n  year    = {2014}",
        ),
        (
            "{bib}:23: entry 'smith2014open': field 'journal' uses the @string macro 'jtm', which is "
            "not defined; define it with @string or put the value in braces",
            FOOTER_1,
        ),
    ),
    "bib-not-utf8": Case(
        _latin1_bib,
        (
            "{bib}:21: byte 0xfc is not UTF-8; save the file as UTF-8",
            FOOTER_1,
        ),
    ),
    "bib-10mb-field": Case(
        _huge_field,
        (
            "{bib}:28: entry 'smith2014open': field 'population' is 10,000,000 characters long; a "
            "field over 1,000,000 is surely an unclosed brace, check it",
            FOOTER_1,
        ),
    ),
    "bib-entry-without-key": Case(
        _append("studies.bib", "\n@article{,\n  title = {No key}\n}\n"),
        (
            "{bib}:69: an @article entry has no citation key; add one",
            FOOTER_1,
        ),
    ),
    # -- YAML ---------------------------------------------------------------------------
    "yaml-not-a-mapping": Case(
        _write("claims.yaml", "- im-cheaper\n- iv-efficacy\n"),
        (
            "{yaml}:1: the file must be a mapping with `version`, `documents` and `claims`, not a "
            "list or a value",
            FOOTER_1,
        ),
    ),
    "yaml-tabs": Case(
        _edit("claims.yaml", "  - id: iv-efficacy", "\t- id: iv-efficacy"),
        (
            "{yaml}:21: a tab character is not allowed for indentation in YAML; indent with spaces",
            FOOTER_1,
        ),
    ),
    "yaml-duplicate-key": Case(
        _edit("claims.yaml", "    topic: cost\n", "    topic: cost\n    topic: access\n"),
        (
            "{yaml}:52: duplicate key 'topic' (first at line 51); keep one",
            FOOTER_1,
        ),
    ),
    "yaml-alias-bomb": Case(
        _write("claims.yaml", ALIAS_BOMB),
        (
            "{yaml}:8: aliases expand to more than 2,000,000 values (an alias bomb?); write the "
            "values out",
            FOOTER_1,
        ),
    ),
    "yaml-python-tag": Case(
        _write(
            "claims.yaml", "version: 1\nclaims: !!python/object/apply:os.system ['touch pwned']\n"
        ),
        (
            "{yaml}:2: the tag '!!python/object/apply:os.system' is not allowed (only plain YAML "
            "values are); remove it",
            FOOTER_1,
        ),
    ),
    "yaml-1000-levels": Case(
        _write("claims.yaml", "version: 1\nnote: " + "[" * 1000 + "]" * 1000 + "\n"),
        (
            "{yaml}:2: nesting deeper than 64 levels; flatten the structure",
            FOOTER_1,
        ),
    ),
    "yaml-unknown-work": Case(
        _edit("claims.yaml", "source: big2020trial", "source: big2021trial"),
        (
            "{yaml}:30: claim 'iv-efficacy': source 'big2021trial' is not an entry in studies.bib; "
            "add it or fix the key (did you mean 'big2020trial'?)",
            FOOTER_1,
        ),
    ),
    "yaml-unknown-route": Case(
        _edit("claims.yaml", "routes: [IV]\n", "routes: [IVV]\n"),
        (
            "{yaml}:23: claim 'iv-efficacy': routes.0: unknown route 'IVV'; did you mean 'IV'? "
            "(one of IV, IM, IN, oral, SL, rectal, SC)",
            FOOTER_1,
        ),
    ),
    "yaml-unknown-topic": Case(
        _edit("claims.yaml", "topic: cost", "topic: costs"),
        (
            "{yaml}:51: claim 'im-cheaper': topic: unknown topic 'costs'; did you mean 'cost' or "
            "'onset'? (one of efficacy, onset, duration, bioavailability, metabolism, "
            "rate-control, safety, tolerability, experience, cost, access, evidence-base, purity, "
            "dosing, mechanism, practice)",
            FOOTER_1,
        ),
    ),
    "yaml-negative-n": Case(
        _edit("claims.yaml", "n: 27", "n: -27"),
        (
            "{yaml}:19: claim 'im-as-effective-as-iv': evidence.0.n: must be a positive number, "
            "not -27",
            FOOTER_1,
        ),
    ),
    "yaml-fractional-n": Case(
        _edit("claims.yaml", "n: 27", "n: 2.5"),
        (
            "{yaml}:19: claim 'im-as-effective-as-iv': evidence.0.n: must be a whole number, not 2.5",
            FOOTER_1,
        ),
    ),
    "yaml-text-n": Case(
        _edit("claims.yaml", "n: 27", "n: twenty"),
        (
            "{yaml}:19: claim 'im-as-effective-as-iv': evidence.0.n: must be a whole number, "
            "not 'twenty'",
            FOOTER_1,
        ),
    ),
    "yaml-unknown-stance": Case(
        _edit("claims.yaml", "stance: contradicts", "stance: refutes"),
        (
            "{yaml}:44: claim 'im-vomiting-minimal': evidence.0.stance: unknown stance 'refutes'; "
            "expected one of supports, contradicts, qualifies",
            FOOTER_1,
        ),
    ),
    # -- files --------------------------------------------------------------------------
    "yaml-empty-file": Case(
        _write("claims.yaml", ""),
        (
            "{yaml}: the file is empty; write `version: 1` and a `claims:` list",
            FOOTER_1,
        ),
    ),
    "missing-file": Case(
        _remove("claims.yaml"),
        (
            "{yaml}: the file is missing; create it or pass --data DIR",
            FOOTER_1,
        ),
    ),
    # -- claim kinds and links (design.md v2) ---------------------------------------------
    "kind-unknown": Case(
        _edit("claims.yaml", "  - id: im-cheaper\n", "  - id: im-cheaper\n    kind: descripton\n"),
        (
            "{yaml}:49: claim 'im-cheaper': kind: unknown kind 'descripton'; "
            "did you mean 'description' or 'definition'?",
            FOOTER_1,
        ),
    ),
    "description-without-source": Case(
        _edit("claims.yaml", "  - id: im-cheaper\n", "  - id: im-cheaper\n    kind: Description\n"),
        (
            "{yaml}:49: claim 'im-cheaper': a description must link the source(s) it describes; "
            "add them under `evidence:`",
            FOOTER_1,
        ),
    ),
    "definition-without-rationale": Case(
        _edit("claims.yaml", "  - id: im-cheaper\n", "  - id: im-cheaper\n    kind: definition\n"),
        (
            "{yaml}:49: claim 'im-cheaper': a definition needs a `rationale:` saying why it holds "
            "by definition; add one",
            FOOTER_1,
        ),
    ),
    "within-not-a-pooled-source": Case(
        _edit("claims.yaml", "        n: 27\n", "        n: 27\n        within: big2020trial\n"),
        (
            "{yaml}:20: claim 'im-as-effective-as-iv': link to 'smith2014open' says "
            "`within: big2020trial`, which is not linked on this claim; name the pooled source "
            "that includes this study, or remove `within:`",
            FOOTER_1,
        ),
    ),
    "within-a-trial": Case(
        _edit("claims.yaml", "        n: 27\n", "        n: 27\n        within: smith2014open\n"),
        (
            "{yaml}:20: claim 'im-as-effective-as-iv': link to 'smith2014open' says "
            "`within: smith2014open`, which is the link's own source; name the pooled source "
            "that includes this study, or remove `within:`",
            FOOTER_1,
        ),
    ),
    "override-on-a-definition": Case(
        _edit(
            "claims.yaml",
            "  - id: im-cheaper\n",
            "  - id: im-cheaper\n    kind: definition\n    rationale: by the price list\n"
            "    grade_override: {certainty: high, rationale: by the price list}\n",
        ),
        (
            "{yaml}:51: claim 'im-cheaper': a definition is checked, not graded, so it takes "
            "no `grade_override`; remove it (the rationale says why it holds)",
            FOOTER_1,
        ),
    ),
    "mid-on-another-scale": Case(
        _edit(
            "claims.yaml",
            "  - id: im-cheaper\n",
            "  - id: im-cheaper\n    mid: {measure: SMD, value: 0.5}\n"
            "    pooled_effect: {measure: RR, estimate: 0.8, low: 0.6, high: 0.9}\n",
        ),
        (
            "{yaml}:49: claim 'im-cheaper': `mid` is on the SMD scale but the pooled effect is "
            "a RR; give the MID on the effect's scale",
            FOOTER_1,
        ),
    ),
    "link-n-above-study-n": Case(
        _edit("claims.yaml", "        n: 27\n", "        n: 270\n"),
        (
            "{yaml}:19: claim 'im-as-effective-as-iv': link to 'smith2014open' has n 270, above "
            "the study's n 27; give the arm's n, or fix the study's n in studies.bib",
            FOOTER_1,
        ),
    ),
    "folder-instead-of-file": Case(
        _folder_instead("studies.bib"),
        (
            "{bib}: this is a folder, not a file; put the file in its place",
            FOOTER_1,
        ),
    ),
    "unreadable-file": Case(
        _unreadable,
        (
            "{yaml}: " + UNREADABLE,
            FOOTER_1,
        ),
    ),
}


def _cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1"})


def _beside(db: Path) -> dict[str, bytes]:
    """Every file in the database's folder with its bytes: nothing may change or appear."""
    return {p.name: p.read_bytes() for p in sorted(db.parent.iterdir()) if p.is_file()}


@pytest.fixture
def loaded(evidence_dir: Path, tmp_path: Path) -> tuple[Path, Path, str]:
    """A good evidence base, loaded into its own SQLite file in its own folder."""
    db = tmp_path / "db" / "evidence.sqlite"
    db.parent.mkdir()
    result = _cli("--data", str(evidence_dir), "--db", f"sqlite:///{db}", "load")
    assert result.exit_code == 0, result.stderr
    claims = _cli(
        "--data", str(evidence_dir), "--db", f"sqlite:///{db}", "claims", "--format", "json"
    )
    assert claims.exit_code == 0, claims.stderr
    return evidence_dir, db, claims.stdout


# The two that build large inputs (a 10 MB field, an alias bomb) are slow: the README's
# command and .ci/run still run them.
_LARGE = {"bib-10mb-field", "yaml-alias-bomb"}


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.slow) if n in _LARGE else n for n in CATALOGUE],
)
def test_bad_input_is_refused(
    name: str, loaded: tuple[Path, Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, db, claims_before = loaded
    pristine = tmp_path / "pristine"
    shutil.copytree(data, pristine)
    monkeypatch.chdir(tmp_path)
    before = _beside(db)
    case = CATALOGUE[name]
    case.mutate(data)
    expected = "".join(
        line.format(bib=data / "studies.bib", yaml=data / "claims.yaml", data=data) + "\n"
        for line in case.lines
    )
    url = f"sqlite:///{db}"

    result = _cli("--data", str(data), "--db", url, "load")
    assert (result.exit_code, result.stderr, result.stdout) == (2, expected, "")
    assert _beside(db) == before  # byte-identical, and no temp file left beside it

    checked = _cli("--data", str(data), "validate")  # validate loads nothing, and says so less
    validated = expected.replace("; nothing was loaded. ", ". ")
    assert (checked.exit_code, checked.stderr, checked.stdout) == (2, validated, "")

    queried = _cli("--data", str(data), "--db", url, "claims")  # a query refuses to rebuild too
    assert (queried.exit_code, queried.stderr) == (2, expected)
    assert _beside(db) == before

    # the previous database still answers the same queries (its data is current, no rebuild)
    after = _cli("--data", str(pristine), "--db", url, "claims", "--format", "json")
    assert (after.exit_code, after.stderr) == (0, "")
    assert after.stdout == claims_before
    assert not any(tmp_path.rglob("pwned"))  # the !!python tag ran nothing


def test_quote_not_in_its_document_is_refused(evidence_dir: Path) -> None:
    _edit("claims.yaml", 'quote: "IM is cheaper"', 'quote: "IM is much cheaper"')(evidence_dir)
    result = _cli("--data", str(evidence_dir), "validate", "--documents", str(evidence_dir))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{evidence_dir / 'claims.yaml'}:54: claim 'im-cheaper': the quote \"IM is much "
        "cheaper\" is not in docalpha's text (an orphan); copy it verbatim from the document (the closest "
        "passage is \"IM is cheaper.\": the quote adds 'much')\n"
        + FOOTER_1.replace("; nothing was loaded. ", ". ")
        + "\n"
    )


def test_debug_shows_the_traceback_instead(evidence_dir: Path) -> None:
    _truncate_bib(evidence_dir)
    result = CliRunner().invoke(app, ["--debug", "--data", str(evidence_dir), "validate"])
    assert result.exit_code != 0
    assert result.exception is not None
    assert type(result.exception).__name__ == "InvalidData"


def test_data_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    result = _cli("--data", str(tmp_path / "notes.txt"), "validate")
    assert result.exit_code == 2
    assert "is a file" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_problem_is_listed_at_once(evidence_dir: Path) -> None:
    _edit("claims.yaml", "topic: cost", "topic: costs")(evidence_dir)
    _edit("claims.yaml", "stance: contradicts", "stance: refutes")(evidence_dir)
    _edit("studies.bib", "n       = {520}", "n       = {-5}")(evidence_dir)
    result = _cli("--data", str(evidence_dir), "validate")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 4
    assert lines[-1] == _footer(3).replace("; nothing was loaded. ", ". ")
    assert lines[0].startswith(
        f"{evidence_dir / 'studies.bib'}:56: entry 'big2020trial': n must be"
    )


def test_claim_kind_and_link_problems_are_listed_at_once(evidence_dir: Path) -> None:
    _edit("claims.yaml", "  - id: im-cheaper\n", "  - id: im-cheaper\n    kind: definition\n")(
        evidence_dir
    )
    _edit("claims.yaml", "        n: 27\n", "        n: 270\n        within: jones2006kid\n")(
        evidence_dir
    )
    result = _cli("--data", str(evidence_dir), "validate")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    yaml = evidence_dir / "claims.yaml"
    assert lines == [
        f"{yaml}:19: claim 'im-as-effective-as-iv': link to 'smith2014open' has n 270, above "
        "the study's n 27; give the arm's n, or fix the study's n in studies.bib",
        f"{yaml}:20: claim 'im-as-effective-as-iv': link to 'smith2014open' says "
        "`within: jones2006kid`, which is not an entry in studies.bib (did you mean "
        "'jones2006kids'?); name the pooled source that includes this study, or remove `within:`",
        f"{yaml}:50: claim 'im-cheaper': a definition needs a `rationale:` saying why it holds "
        "by definition; add one",
        _footer(3).replace("; nothing was loaded. ", ". "),
    ]
