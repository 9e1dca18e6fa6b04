"""Security: hostile data never becomes an attack on the people who open the exports.

No SQL is built from user input; YAML is read safely; CSV neutralises formulas;
Markdown escapes pipes and HTML; the HTML report escapes every field; a `file`
field cannot read outside the documents folder.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from roa_evidence.cli import app
from roa_evidence.load.yamlfile import YamlError, parse_yaml

SCRIPT = "<script>alert('pwned')</script>"
IMG = '<img src=x onerror="alert(2)">'
HOSTILE_CLAIMS = {
    "pct": "IM bioavailability is 93% in adults.",
    "under": "The salt is ketamine_hcl in every vial.",
    "quote": 'It\'s "fast", they say.',
    "sql": "Patients said DROP TABLE claim; -- and left.",
    "plain": "Nothing special: 1x3 and a to z.",
    "formula": '=HYPERLINK("http://evil.example","click")',
    "plus": "+1 more patient",
    "minus": "-2+3 was the dose",
    "at": "@SUM(A1:A9)",
    "tab": "\tindented",
    "html": f"Rectal {SCRIPT} | piped {IMG} & more",
}


def _base(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "studies.bib").write_text(
        "@misc{doc,\n  title = {A page},\n  design = {web-article},\n  file = {doc.txt}\n}\n\n"
        "@article{study1,\n  title = {Trial " + SCRIPT + "},\n  author = {Doe, Jane},\n"
        "  year = {2020},\n  journal = {Journal of Tests},\n  design = {rct},\n  n = {40},\n"
        "  population = {" + IMG + " | adults},\n  routes = {IM},\n  condition = {any}\n}\n",
        encoding="utf-8",
    )
    (folder / "doc.txt").write_text(
        "The page says: " + " ".join(HOSTILE_CLAIMS.values()), encoding="utf-8"
    )
    claims = [
        {
            "id": key,
            "statement": statement,
            "routes": ["IM"],
            "topic": "efficacy",
            "asserted_by": [{"document": "doc", "quote": statement.strip()}],
            "evidence": [{"source": "study1", "stance": "supports", "note": SCRIPT}],
        }
        for key, statement in HOSTILE_CLAIMS.items()
    ]
    (folder / "claims.yaml").write_text(
        yaml.safe_dump({"version": 1, "documents": ["doc"], "claims": claims}, sort_keys=False),
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def hostile(tmp_path: Path, db_url: str) -> tuple[Path, str]:
    return _base(tmp_path / "hostile"), db_url


def _cli(data: Path, url: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["--data", str(data), "--db", url, *args], env={"NO_COLOR": "1"})


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("%", ["pct"]),
        ("93%", ["pct"]),
        ("_", ["under"]),
        ("e_h", ["under"]),
        ("1_3", []),  # a LIKE wildcard would match "1x3"
        ("a%z", []),  # ... and this "a to z"
        ("'", ["quote", "html"]),  # the script's alert('pwned') has one too
        ('"fast"', ["quote"]),
        ("DROP TABLE claim; --", ["sql"]),
        ("' OR '1'='1", []),
        ('" OR ""="', []),
        ("'; DROP TABLE claim; --", []),
        ("\\", []),
        ("select", []),
    ],
)
def test_search_is_literal(text: str, found: list[str], hostile: tuple[Path, str]) -> None:
    data, url = hostile
    result = _cli(data, url, "claims", "--search", text, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [c["id"] for c in json.loads(result.stdout)] == found
    every = _cli(data, url, "claims", "--format", "json")
    assert len(json.loads(every.stdout)) == len(HOSTILE_CLAIMS)  # nothing was dropped


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch pwned']",
        "!!python/object/new:os.system ['touch pwned']",
        "!!python/name:os.system",
        "!!python/module:os",
        "!custom value",
    ],
)
def test_yaml_refuses_every_tag_that_could_build_objects(
    tag: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(YamlError, match="is not allowed"):
        parse_yaml(f"version: 1\nclaims: {tag}\n")
    assert not (tmp_path / "pwned").exists()


def test_csv_exports_neutralise_formulas(hostile: tuple[Path, str]) -> None:
    data, url = hostile
    for what in ("claims", "evidence"):
        result = _cli(data, url, "export", "--format", "csv", "--what", what)
        assert result.exit_code == 0, result.stderr
        rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
        statements = {row["claim_id"]: row["statement"] for row in rows}
        assert statements["tab"] == "indented"  # statements are stripped on input
        for key in ("formula", "plus", "minus", "at"):
            assert statements[key] == "'" + HOSTILE_CLAIMS[key], (what, key)
        assert statements["pct"] == HOSTILE_CLAIMS["pct"]  # harmless text is left alone
        for row in rows:
            for cell in row.values():
                assert not (cell or "").startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_markdown_exports_escape_pipes_and_html(hostile: tuple[Path, str]) -> None:
    data, url = hostile
    for what in ("claims", "sources"):
        result = _cli(data, url, "export", "--format", "md", "--what", what)
        assert result.exit_code == 0, result.stderr
        out = result.stdout
        assert "<script" not in out and "<img" not in out, what
        for line in out.splitlines():
            if line.startswith("|") and "piped" in line:
                assert "Rectal &lt;script&gt;" in line
                assert " \\| piped" in line  # the pipe stays inside its cell
    table = _cli(data, url, "export", "--format", "md", "--what", "claims").stdout
    row = next(line for line in table.splitlines() if "piped" in line)
    header = next(line for line in table.splitlines() if line.startswith("|"))
    assert row.replace("\\|", "").count("|") == header.count("|")


def test_html_report_escapes_every_field(hostile: tuple[Path, str], tmp_path: Path) -> None:
    data, url = hostile
    out = tmp_path / "report.html"
    result = _cli(data, url, "report", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "alert('pwned')" not in html.replace("&#x27;", "'").split("&lt;script&gt;")[0]
    assert "<script>alert" not in html
    assert "<img src=x" not in html and 'onerror="alert' not in html
    assert "&lt;script&gt;" in html  # shown as text, never run
    assert "HYPERLINK" in html


@pytest.mark.parametrize(
    ("file_field", "why"),
    [
        ("../secret.txt", "points outside the documents folder"),
        ("/etc/passwd", "points outside the documents folder"),
        ("sub/../../secret.txt", "points outside the documents folder"),
        ("link.txt", "points outside the documents folder"),  # a symlink leading out
    ],
)
def test_a_file_field_cannot_read_outside_the_documents_folder(
    file_field: str, why: str, tmp_path: Path
) -> None:
    data = _base(tmp_path / "data")
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "sub").mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("The page says: " + " ".join(HOSTILE_CLAIMS.values()))
    (documents / "link.txt").symlink_to(secret)
    bib = data / "studies.bib"
    bib.write_text(bib.read_text().replace("file = {doc.txt}", f"file = {{{file_field}}}"))
    result = CliRunner().invoke(
        app, ["--data", str(data), "validate", "--documents", str(documents)]
    )
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == len(HOSTILE_CLAIMS) + 1
    assert lines[0] == (
        f"{data / 'claims.yaml'}:12: claim 'pct': document 'doc': file "
        f"'{file_field}' {why}; name a file inside it"
    )
    assert "The page says" not in result.stdout + result.stderr


def test_the_same_quotes_pass_when_the_file_is_inside(tmp_path: Path) -> None:
    data = _base(tmp_path / "data")
    result = CliRunner().invoke(app, ["--data", str(data), "validate", "--documents", str(data)])
    assert result.exit_code == 0, result.stderr
    assert f"all {len(HOSTILE_CLAIMS)} quotes found verbatim" in result.stdout
