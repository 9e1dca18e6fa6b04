"""The command line's small interface rules (design.md v2 "Small interface changes") and the
new-user trial's surprises, each through the real CLI."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SHIPPED_DATA, Run
from roa_evidence.cli import app


def _ids(result: object) -> list[str]:
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    claims = found["claims"] if isinstance(found, dict) else found  # gaps: {summary, claims}
    return [c["id"] for c in claims]


def test_db_takes_a_plain_file_path(
    evidence_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["--data", str(evidence_dir), "--db", "evidence.db", "load"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "evidence.db").read_bytes()[:16] == b"SQLite format 3\x00"
    assert f"into {tmp_path / 'evidence.db'}" in result.stdout
    nested = tmp_path / "sub" / "e.sqlite"
    nested.parent.mkdir()
    result = runner.invoke(
        app,
        ["--data", str(evidence_dir), "claims", "--format", "json"],
        env={"ROA_EVIDENCE_DB": str(nested)},
    )
    assert result.exit_code == 0, result.stderr
    assert nested.exists()


def test_filters_take_several_values_by_comma_or_repetition(query: Run) -> None:
    both = _ids(query("claims", "--route", "IM,IV", "--format", "json"))
    assert both == _ids(query("claims", "--route", "IM", "--route", "IV", "--format", "json"))
    only_iv = _ids(query("claims", "--route", "IV", "--format", "json"))
    assert set(only_iv) < set(both)
    topics = _ids(query("claims", "--topic", "efficacy,cost", "--format", "json"))
    assert topics == ["im-as-effective-as-iv", "iv-efficacy", "im-cheaper"]
    statuses = _ids(
        query(
            "claims", "--status", "unsupported", "--status", "contested,contradicted", "-f", "json"
        )
    )
    assert statuses == ["im-as-effective-as-iv", "im-vomiting-minimal", "im-cheaper"]


def test_all_routes_requires_every_route(query: Run) -> None:
    assert _ids(
        query("claims", "--route", "IM", "--route", "IV", "--all-routes", "--format", "json")
    ) == ["im-as-effective-as-iv"]
    assert _ids(query("gaps", "--route", "IM,IV", "--all-routes", "--format", "json")) == [
        "im-as-effective-as-iv"
    ]
    result = query("claims", "--route", "IM", "--all-routes")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --all-routes needs two or more routes, e.g. --route IM --route IV --all-routes\n",
    )


def test_sources_design_repeats_and_knows_aliases(query: Run) -> None:
    result = query("sources", "--design", "rct", "--design", "patient-reports", "--format", "json")
    keys = [w["key"] for w in json.loads(result.stdout)]
    assert keys == ["smith2014open", "jones2006kids", "big2020trial", "patients2024"]
    randomized = query("sources", "--design", "randomized", "--format", "json")
    assert [w["key"] for w in json.loads(randomized.stdout)] == keys[:3]
    result = query("sources", "--design", "randomzied")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown design 'randomzied'; did you mean 'rct'")


def test_gaps_takes_condition(query: Run) -> None:
    assert _ids(query("gaps", "--condition", "sedation", "--format", "json")) == [
        "im-vomiting-minimal"
    ]


def test_every_example_in_help_runs_on_the_shipped_data(tmp_path: Path) -> None:
    """Each command's help ends with an example; the ones needing no file must work as written."""
    runner = CliRunner()
    db = str(tmp_path / "shipped.sqlite")
    commands = ["claims", "show", "sources", "source", "gaps", "conflicts", "compare", "map"]
    for command in commands:
        help_text = runner.invoke(app, [command, "--help"]).stdout
        example = re.search(r"Example: roa-evidence (.+)", help_text)
        assert example, command
        args = shlex.split(example.group(1))
        result = runner.invoke(app, ["--data", str(SHIPPED_DATA), "--db", db, *args])
        expected = 1 if "--fail" in args else 0  # gaps --fail exits 1 when there are gaps
        assert result.exit_code == expected, (command, args, result.stderr)
        assert result.stdout.strip(), (command, args)


def test_bare_command_prints_help_and_version_has_a_short_flag() -> None:
    runner = CliRunner()
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: roa-evidence [OPTIONS] COMMAND [ARGS]...")
    assert "Commands:" in result.stdout
    from roa_evidence import __version__

    version = runner.invoke(app, ["-V"])
    assert (version.exit_code, version.stdout) == (0, f"roa-evidence {__version__}\n")


def test_a_failed_first_load_leaves_no_lock_file(evidence_dir: Path, tmp_path: Path) -> None:
    (evidence_dir / "claims.yaml").write_text("version: 1\nclaims: [\n")
    cache = tmp_path / "cache"
    cache.mkdir()
    result = CliRunner().invoke(
        app, ["--data", str(evidence_dir), "--db", f"sqlite:///{cache / 'e.sqlite'}", "load"]
    )
    assert result.exit_code == 2
    assert list(cache.iterdir()) == []


def _complete(*words: str) -> list[str]:
    """What bash completion offers after `roa-evidence WORDS...` (the last one being typed)."""
    env = {
        "_ROA_EVIDENCE_COMPLETE": "complete_bash",
        "COMP_WORDS": " ".join(("roa-evidence", *words)),
        "COMP_CWORD": str(len(words)),
    }
    result = CliRunner().invoke(app, [], prog_name="roa-evidence", env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


def test_shell_completion_offers_terms_ids_and_keys(evidence_dir: Path) -> None:
    data = ("--data", str(evidence_dir))
    assert _complete("claims", "--route", "I") == ["IV", "IM", "IN"]
    assert _complete("claims", "--route", "IM,I") == ["IM,IV", "IM,IM", "IM,IN"]
    assert _complete("claims", "--topic", "dur") == ["duration"]
    assert _complete("sources", "--design", "crossover") == ["crossover-rct"]
    assert _complete("compare", "IV", "S") == ["SL", "SC"]
    assert _complete(*data, "show", "im-") == [
        "im-as-effective-as-iv",
        "im-vomiting-minimal",
        "im-cheaper",
        "im-bad-trips",
    ]
    assert _complete(*data, "source", "doc") == ["docalpha", "docbeta"]
    assert _complete(*data, "claims", "--source", "b") == ["big2020trial"]
    assert "im-bioavailability-93" in _complete("show", "im-bio")  # the shipped base


@pytest.mark.slow  # fresh processes
def test_a_load_with_nothing_to_do_answers_like_the_full_command(
    evidence_dir: Path, tmp_path: Path
) -> None:
    """`load` on an up-to-date database is answered before the framework is imported;
    its answer is the full command's, and anything else still reaches the full command."""
    import subprocess
    import sys

    db = tmp_path / "e.sqlite"
    base = [sys.executable, "-m", "roa_evidence", "--data", str(evidence_dir), "--db", str(db)]

    def load(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*base, "load", *extra], capture_output=True, text=True)

    first = load()
    assert first.returncode == 0 and first.stdout.startswith("Loaded "), first.stderr
    again = load()
    expected = f"Up to date: {db} already holds {evidence_dir} as it is.\n"
    assert (again.returncode, again.stdout, again.stderr) == (0, expected, "")
    full = CliRunner().invoke(app, ["--data", str(evidence_dir), "--db", str(db), "load"])
    assert full.stdout == expected
    forced = load("--force")
    assert forced.stdout.startswith("Loaded "), forced.stderr
    (evidence_dir / "claims.yaml").write_text("version: 1\nclaims: [\n")
    broken = load()
    assert broken.returncode == 2 and "Error:" in broken.stderr
