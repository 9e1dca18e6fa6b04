"""What `validate` accepts, every command can run on.

Evidence bases are generated with effects, values and judgements drawn from the
whole number line (reversed intervals, negative ratios, estimates outside their
interval, more events than participants). Each is either refused by `validate`
with file:line problems and exit 2, or accepted, and then every command runs on
it without an "unexpected" error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from roa_evidence import vocab
from roa_evidence.cli import app

NUMBER = st.floats(-50, 50, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2))


def _cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1"})


@st.composite
def effects(draw: st.DrawFn, pooled: bool = False) -> dict[str, Any]:
    measure = draw(st.sampled_from(vocab.EFFECT_MEASURES))
    low, estimate, high = (draw(NUMBER) for _ in range(3))
    if draw(st.booleans()):  # half of them coherent, so that many bases are accepted
        low, estimate, high = sorted((low, estimate, high))
        if measure in vocab.RATIO_MEASURES:
            low, estimate, high = (round(abs(x) / 10 + 0.01, 3) for x in (low, estimate, high))
            low, estimate, high = sorted((low, estimate, high))
    effect: dict[str, Any] = {"measure": measure, "estimate": estimate, "low": low, "high": high}
    if draw(st.booleans()):
        effect["n"] = draw(st.integers(1, 3000))
    if draw(st.booleans()):
        effect["events"] = draw(st.integers(0, 3000))
    if pooled and draw(st.booleans()):
        effect["n_studies"] = draw(st.integers(1, 40))
    return effect


@st.composite
def values(draw: st.DrawFn) -> dict[str, Any]:
    value = {name: draw(NUMBER) for name in ("estimate", "low", "high") if draw(st.booleans())}
    if draw(st.booleans()):
        value["unit"] = draw(st.sampled_from(["%", "min", "mg/kg"]))
    return value


@st.composite
def bases(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    designs = draw(st.lists(st.sampled_from(vocab.DESIGNS), min_size=2, max_size=4))
    bib = "\n".join(
        f"@article{{w{i},\n  title = {{Work {i}}},\n  year = {{2020}},\n  design = {{{design}}},\n"
        f"  n = {{{draw(st.integers(1, 4000))}}},\n  routes = {{IV, IM}}\n}}\n"
        for i, design in enumerate(designs)
    )
    claims = []
    for c in range(draw(st.integers(1, 3))):
        links = []
        for i in draw(st.lists(st.integers(0, len(designs) - 1), unique=True, max_size=3)):
            link: dict[str, Any] = {
                "source": f"w{i}",
                "stance": draw(st.sampled_from(vocab.STANCES)),
            }
            if draw(st.booleans()):
                link["effect"] = draw(effects())
            if draw(st.booleans()):
                link["value"] = draw(values())
            links.append(link)
        claim: dict[str, Any] = {
            "id": f"c{c}",
            "statement": f"Claim {c} about IM and IV.",
            "routes": ["IM", "IV"],
            "topic": draw(st.sampled_from(vocab.TOPICS)),
            "evidence": links,
        }
        if draw(st.booleans()):
            claim["pooled_effect"] = draw(effects(pooled=True))
        if draw(st.booleans()):
            claim["value"] = draw(values())
        claims.append(claim)
    return bib, {"version": 1, "documents": [], "claims": claims}


def _no_unexpected(result: Result, command: str) -> None:
    assert "unexpected" not in result.output.lower(), f"{command}: {result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{command}: {result.exception!r}"
    )
    assert result.exit_code in (0, 1), f"{command} exit {result.exit_code}: {result.output}"


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(base=bases())
def test_what_validate_accepts_every_command_runs_on(
    base: tuple[str, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("base")
    bib, claims = base
    (folder / "studies.bib").write_text(bib, encoding="utf-8")
    (folder / "claims.yaml").write_text(yaml.safe_dump(claims, sort_keys=False), "utf-8")
    common = ["--data", str(folder), "--db", f"sqlite:///{folder / 'evidence.sqlite'}"]

    checked = _cli(*common, "validate")
    assert "unexpected" not in checked.output.lower(), checked.output
    event("accepted" if checked.exit_code == 0 else "refused")
    if checked.exit_code == 2:
        problems = [line for line in checked.stderr.splitlines() if ": " in line]
        assert all(line.startswith(f"{folder / 'claims.yaml'}:") for line in problems[:-1]), (
            checked.stderr
        )
        return
    assert checked.exit_code == 0, checked.output

    commands = [
        ["load", "--force"],
        ["claims", "--format", "json"],
        ["claims", "--format", "csv"],
        ["claims", "--format", "md"],
        ["claims"],
        ["gaps"],
        ["conflicts"],
        ["compare", "IM", "IV"],
        ["map"],
        ["sources"],
        *(["show", claim["id"]] for claim in claims["claims"]),
        *(["show", claim["id"], "--format", "json"] for claim in claims["claims"]),
        *(["export", "--format", fmt] for fmt in ("csv", "json", "md", "bib", "csl-json")),
        ["report", "-o", str(folder / "report.html"), "--force"],
    ]
    for command in commands:
        _no_unexpected(_cli(*common, *command), " ".join(command))


@pytest.mark.parametrize(
    ("effect", "message"),
    [
        (
            {"measure": "RR", "estimate": 0.8, "low": 1.2, "high": 0.5},
            "the interval is reversed (low 1.2 is above high 0.5); swap low and high",
        ),
        (
            {"measure": "OR", "estimate": -3.8, "low": -6.2, "high": -2.4},
            "an OR is a ratio and must be above 0 (1 is no difference), not -6.2; give the"
            " ratio itself, or record a difference as MD or RD",
        ),
        (
            {"measure": "MD", "estimate": 4.0, "low": -1.0, "high": 2.0},
            "the estimate 4 lies outside its interval -1 to 2; check the numbers against the"
            " source",
        ),
        (
            {"measure": "RR", "estimate": 1.1, "low": 0.9, "high": 1.4, "n": 10, "events": 12},
            "12 events is more than the 10 participants; check both numbers against the source",
        ),
    ],
)
def test_an_incoherent_effect_is_refused_with_its_line(
    evidence_dir: Path, effect: dict[str, Any], message: str
) -> None:
    claims = yaml.safe_load((evidence_dir / "claims.yaml").read_text())
    claims["claims"][0]["evidence"][0]["effect"] = effect
    (evidence_dir / "claims.yaml").write_text(yaml.safe_dump(claims, sort_keys=False))
    lines = (evidence_dir / "claims.yaml").read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.strip().startswith("effect:"))
    db = evidence_dir / "evidence.sqlite"
    result = _cli("--data", str(evidence_dir), "--db", f"sqlite:///{db}", "validate")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{evidence_dir / 'claims.yaml'}:{line}: claim '{claims['claims'][0]['id']}': "
        f"evidence.0.effect: {message}"
    )
    assert not db.exists()


def test_a_reversed_range_is_refused(evidence_dir: Path) -> None:
    claims = yaml.safe_load((evidence_dir / "claims.yaml").read_text())
    claims["claims"][0]["value"] = {"low": 60.0, "high": 30.0, "unit": "min"}
    (evidence_dir / "claims.yaml").write_text(yaml.safe_dump(claims, sort_keys=False))
    db = evidence_dir / "evidence.sqlite"
    result = _cli("--data", str(evidence_dir), "--db", f"sqlite:///{db}", "validate")
    assert result.exit_code == 2
    assert "value: the range is reversed (low 60 is above high 30); swap low and high" in (
        result.stderr
    )
    assert not db.exists()
