"""`report`: one self-contained HTML page, checked as text and in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, SHIPPED_DATA, Run
from roa_evidence.cli import app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
SMALL_IDS = [
    "im-as-effective-as-iv",
    "iv-efficacy",
    "im-vomiting-minimal",
    "im-cheaper",
    "im-bad-trips",
]
HOSTILE = "<script>alert('x')</script> & \"quoted\" </article>"


def _write(run: Run, tmp_path: Path, *args: str) -> str:
    out = tmp_path / "report.html"
    result = run("report", "-o", str(out), *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Wrote {out}: 5 claims, 4 cited works.\n"
    return out.read_text(encoding="utf-8")


def test_report_holds_map_quality_chart_conflicts_and_every_claim(run: Run, tmp_path: Path) -> None:
    page = _write(run, tmp_path)
    assert page.startswith("<!DOCTYPE html>")
    assert '<svg class="map" id="map-svg"' in page
    assert '<svg class="quality" id="quality-svg"' in page
    assert re.findall(r'data-claim="([^"]+)"', page) == SMALL_IDS
    # each map cell links to its list of claims, which links to the claims
    assert 'href="#cell-IV-efficacy"' in page and 'id="cell-IV-efficacy"' in page
    cell = page[page.index('id="cell-IV-efficacy"') :]
    assert cell.index('href="#claim-im-as-effective-as-iv"') < cell.index("</section>")
    assert 'data-cell="IV/efficacy"' in page
    assert 'data-study="jones2006kids"' in page and 'data-study="patients2024"' in page
    assert 'id="conflict-im-as-effective-as-iv"' in page
    assert 'id="conflict-im-vomiting-minimal"' in page
    assert "How the grade was reached" in page
    assert "starts high (4): best supporting design rct (big2020trial)" in page


def test_report_loads_nothing_and_runs_nothing(run: Run, tmp_path: Path) -> None:
    page = _write(run, tmp_path)
    assert "<script" not in page
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r"\bsrc=", page)
    assert "http://" not in page and "https://" not in page
    assert "default-src 'none'" in page  # and the browser is told so


def test_every_field_is_escaped(run: Run, evidence_dir: Path, tmp_path: Path) -> None:
    claims = evidence_dir / "claims.yaml"
    text = claims.read_text()
    text = text.replace(
        "statement: IM treatment costs less than IV treatment.",
        f"statement: {HOSTILE!r}".replace("\\'", "''"),
    )
    text = text.replace('quote: "IM is cheaper"', "quote: '<img src=x onerror=alert(1)>'")
    claims.write_text(text)
    page = _write(run, tmp_path)
    assert "<script>" not in page and "<img" not in page
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot; "
        "&lt;/article&gt;"
    ) in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_report_will_not_overwrite_without_force(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("mine")
    result = run("report", "-o", str(out))
    assert result.exit_code == 2
    assert "already exists; pass --force" in result.stderr
    assert out.read_text() == "mine"
    assert run("report", "-o", str(out), "--force").exit_code == 0
    assert out.read_text().startswith("<!DOCTYPE html>")


def _chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with the network off (no proxy reachable, no name resolves)."""
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--proxy-server=127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1280,2000",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _console_errors(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if ":CONSOLE" in line or "Uncaught" in line or "Content Security Policy" in line
    ]


@pytest.mark.slow
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium)"
)
@pytest.mark.parametrize("data", ["small", "shipped"])
def test_report_in_headless_chromium(tmp_path: Path, evidence_dir: Path, data: str) -> None:
    data_dir = evidence_dir if data == "small" else SHIPPED_DATA
    if data == "small":  # a statement that would run if it were not escaped
        claims = evidence_dir / "claims.yaml"
        claims.write_text(
            claims.read_text().replace(
                "statement: IM treatment costs less than IV treatment.",
                "statement: '<script>console.error(\"ran\")</script> IM costs less'",
            )
        )
    page = tmp_path / "report.html"
    result = CliRunner().invoke(
        app,
        [
            "--data",
            str(data_dir),
            "--db",
            f"sqlite:///{tmp_path / 'db.sqlite'}",
            "report",
            "-o",
            str(page),
        ],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.stderr
    ids = re.findall(r'data-claim="([^"]+)"', page.read_text(encoding="utf-8"))
    assert ids

    dom = _chromium(tmp_path, page, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert _console_errors(dom.stderr) == []
    assert 'id="map-svg"' in dom.stdout and "<rect" in dom.stdout
    assert 'id="quality-svg"' in dom.stdout
    for claim_id in ids:
        assert f'data-claim="{claim_id}"' in dom.stdout, claim_id
    if data == "small":
        assert "<script" not in dom.stdout  # shown as text, never a script element
        assert "&lt;script&gt;console.error" in dom.stdout

    shot = tmp_path / f"report-{data}.png"
    taken = _chromium(tmp_path, page, f"--screenshot={shot}")
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert _console_errors(taken.stderr) == []
    assert shot.stat().st_size > 10_000
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(shot, ARTIFACTS / shot.name)
