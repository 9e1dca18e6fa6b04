"""Calibrate the grader against published GRADE judgements (run by hand, not in CI).

For each row of ../shared/calibration/sof-train.jsonl (relative to the repository),
build a one-claim evidence base in the shipped file format (studies.bib with the
row's studies, claims.yaml with the pooled effect and the reviewers' judgements for
every domain but imprecision), grade it with roa-evidence, and compare the
certainty with the reviewers'.

    .venv/bin/python bench/calibrate.py            # through the CLI (roa-evidence claims)
    .venv/bin/python bench/calibrate.py --direct   # calling roa_evidence.grading directly
    .venv/bin/python bench/calibrate.py --rows other.jsonl

Mapping rules (general, not tuned to one source):
- designs: "RCT(s)" -> rct; "NRSI", "observational", "non-randomized" -> cohort; a body
  printed as a mix of randomized and non-randomized studies is entered at the
  non-randomized design, since a pooled estimate that mixes them is, as a whole, a
  non-randomized comparison;
- n_participants is shared out evenly over the n_studies studies; the pooled effect
  carries the total;
- reviewers' downgrades per domain are summed (at most 2) into a judgement; an
  "other" downgrade (GRADEpro's "other considerations" column) counts as publication
  bias; a domain with no downgrade is judged not serious; imprecision is left to the
  tool;
- upgrades for a large effect or a dose-response gradient become link flags.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CALIBRATION = REPO.parent / "shared" / "calibration"
CLI = REPO / ".venv" / "bin" / "roa-evidence"
# How rows are graded unless --cli or --direct says otherwise: "cli" once
# `roa-evidence claims --format json` works end to end, "direct" until then.
DEFAULT_MODE = "cli"

sys.path.insert(0, str(REPO / "src"))

from roa_evidence.grading import (  # noqa: E402
    DEFAULT_CONFIG,
    ClaimEvidence,
    Effect,
    GradingConfig,
    Judgement,
    Link,
    Study,
    grade,
)
from roa_evidence.vocab import JUDGEMENT_DOMAINS  # noqa: E402

LEVELS = ("very_low", "low", "moderate", "high")
SHORT = {"very_low": "VL", "low": "L", "moderate": "M", "high": "H", "none": "-"}
NUMBER = r"[-\u2212]?\d*\.?\d+"
EFFECT_RE = re.compile(
    rf"^\s*(?P<measure>RR|OR|HR|RD|MD|SMD)\s+(?P<est>{NUMBER})\s*%?\s*[a-z ]*?\s*"
    rf"\(\s*(?:95\s*%\s*CI\s*[,:]?\s*)?(?P<low>{NUMBER})\s*%?\s*(?:to|,|\u2013|\u2014|-)\s*"
    rf"(?P<high>{NUMBER})",
    re.IGNORECASE,
)
ROUTES = ["IV"]
CONDITION = "any"


class CalibrationError(Exception):
    """The CLI failed on a calibration row."""


@dataclass(frozen=True)
class Case:
    """One calibration row turned into an evidence base."""

    row_id: str
    expected: str
    studies: list[dict[str, Any]]
    claim: dict[str, Any]


# ---------------------------------------------------------------- row -> evidence base


def _number(text: str) -> float:
    return float(text.replace("\u2212", "-"))


def parse_effect(text: str | None) -> dict[str, Any] | None:
    """`RR 0.77 (95% CI, 0.60-0.99; PI ...)` -> {measure, estimate, low, high}, or None."""
    if not text:
        return None
    match = EFFECT_RE.match(text)
    if match is None:
        return None
    return {
        "measure": match["measure"].upper(),
        "estimate": _number(match["est"]),
        "low": _number(match["low"]),
        "high": _number(match["high"]),
    }


def map_designs(text: str | None) -> str:
    """The design vocabulary term for a printed body of evidence."""
    t = (text or "").lower()
    randomized = bool(re.search(r"\brcts?\b|randomi[sz]ed controlled", t))
    non_randomized = bool(
        re.search(r"nrsi|observational|non-?randomi[sz]ed|cohort|case-control", t)
    )
    if non_randomized or not randomized:
        return "cohort"  # including mixed bodies (see the module docstring)
    return "rct"


def _level_name(levels: int) -> str:
    return {0: "not-serious", 1: "serious"}.get(levels, "very-serious")


def build_case(row: dict[str, Any]) -> Case:
    n_studies = row.get("n_studies") or 1
    total = row.get("n_participants")
    design = map_designs(row.get("study_designs"))
    flags: list[str] = []
    for up in row.get("upgrades") or []:
        name = str(up.get("domain", "")).lower()
        if "large" in name:
            flags.append("large-effect")
        elif "dose" in name:
            flags.append("dose-response")
    studies = []
    for i in range(n_studies):
        n = None if total is None else total // n_studies + (1 if i < total % n_studies else 0)
        studies.append(
            {
                "key": f"{row['row_id']}_s{i + 1}",
                "design": design,
                "n": n,
                "routes": ROUTES,
                "condition": CONDITION,
            }
        )
    down: Counter[str] = Counter()
    notes: dict[str, list[str]] = {}
    for d in row.get("downgrades") or []:
        domain = "publication_bias" if d["domain"] == "other" else d["domain"]
        if domain not in JUDGEMENT_DOMAINS:
            continue
        down[domain] += int(d.get("levels") or 1)
        notes.setdefault(domain, []).append(
            (d.get("note") or d.get("original_label") or "").strip()
        )
    judgements = {}
    for domain in JUDGEMENT_DOMAINS:
        if domain == "imprecision":
            continue
        levels = min(2, down[domain])
        reason = (
            " ".join(n for n in notes.get(domain, []) if n) or f"{_level_name(levels)} (as printed)"
        )
        judgements[domain] = {"level": _level_name(levels), "reason": reason}
    claim: dict[str, Any] = {
        "id": re.sub(r"[^a-z0-9]+", "-", row["row_id"].lower()).strip("-"),
        "statement": f"{row.get('comparison')}: {row.get('outcome')}",
        "routes": ROUTES,
        "topic": "efficacy",
        "condition": CONDITION,
        "evidence": [
            {"source": s["key"], "stance": "supports", **({"flags": flags} if flags else {})}
            for s in studies
        ],
        "judgements": judgements,
    }
    effect = parse_effect(row.get("effect_estimate"))
    if effect is not None:
        effect["n_studies"] = n_studies
        if total is not None:
            effect["n"] = total
        claim["pooled_effect"] = effect
    return Case(row["row_id"], row["certainty"].replace(" ", "_"), studies, claim)


# ---------------------------------------------------------------- grading, two ways


def grade_direct(
    case: Case, config: GradingConfig = DEFAULT_CONFIG
) -> tuple[str, list[dict[str, Any]]]:
    """Grade by calling roa_evidence.grading on the same data the files would hold."""
    by_key = {
        s["key"]: Study(
            key=s["key"],
            design=s["design"],
            n=s["n"],
            routes=frozenset(s["routes"]),
            condition=s["condition"],
        )
        for s in case.studies
    }
    links = tuple(
        Link(study=by_key[e["source"]], stance=e["stance"], flags=frozenset(e.get("flags", ())))
        for e in case.claim["evidence"]
    )
    pooled = case.claim.get("pooled_effect")
    evidence = ClaimEvidence(
        routes=frozenset(case.claim["routes"]),
        condition=case.claim["condition"],
        links=links,
        pooled_effect=Effect(**pooled) if pooled else None,
        judgements={d: Judgement(**j) for d, j in case.claim["judgements"].items()},
    )
    g = grade(evidence, config)
    return g.certainty, [
        {"domain": s.domain, "change": s.change, "reason": s.reason} for s in g.steps
    ]


def _bib(studies: list[dict[str, Any]]) -> str:
    out = []
    for s in studies:
        fields = {
            "title": f"Calibration study {s['key']}",
            "author": "Calibration, Row",
            "year": "2025",
            "design": s["design"],
            "routes": ", ".join(s["routes"]),
            "condition": s["condition"],
        }
        if s["n"] is not None:
            fields["n"] = str(s["n"])
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        out.append(f"@article{{{s['key']},\n{body}\n}}\n")
    return "\n".join(out)


def grade_cli(case: Case, workdir: Path) -> tuple[str, list[dict[str, Any]]]:
    """Grade by writing studies.bib + claims.yaml and running `roa-evidence claims`."""
    import yaml

    data = workdir / case.row_id
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    (data / "studies.bib").write_text(_bib(case.studies), encoding="utf-8")
    doc = {"version": 1, "documents": [], "claims": [case.claim]}
    (data / "claims.yaml").write_text(
        yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    result = subprocess.run(
        [
            str(CLI),
            "--data",
            str(data),
            "--db",
            f"sqlite:///{data}/x.db",
            "claims",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise CalibrationError(f"{case.row_id}: roa-evidence exited {result.returncode}: {last}")
    (claim,) = json.loads(result.stdout)
    return str(claim["certainty"]), list(claim["grading"])


def cli_works() -> bool:
    if not CLI.exists():
        return False
    result = subprocess.run([str(CLI), "--help"], capture_output=True, text=True, check=False)
    return result.returncode == 0 and "claims" in result.stdout


# ---------------------------------------------------------------- report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--direct",
        dest="mode",
        action="store_const",
        const="direct",
        help="call roa_evidence.grading on the rows, without files or the CLI",
    )
    mode.add_argument(
        "--cli",
        dest="mode",
        action="store_const",
        const="cli",
        help="write each row as an evidence base and run `roa-evidence claims --format json`",
    )
    parser.add_argument("--rows", type=Path, help="a JSONL file of rows (default: sof-train.jsonl)")
    parser.add_argument(
        "--keep", type=Path, help="keep the generated evidence bases in this directory"
    )
    parser.add_argument(
        "--all", action="store_true", help="print every row, not only disagreements"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="with --direct: a grading setting (JSON value), e.g. --set precise_null=false",
    )
    args = parser.parse_args(argv)
    args.direct = (args.mode or DEFAULT_MODE) == "direct"
    settings = {k: json.loads(v) for k, v in (item.split("=", 1) for item in args.set)}
    if settings and not args.direct:
        parser.error("--set needs --direct (the CLI reads its settings from data/grading.toml)")
    config = GradingConfig.from_mapping(settings)

    rows_file = args.rows or CALIBRATION / "sof-train.jsonl"
    if args.rows is None and not rows_file.exists():
        print(f"calibration skipped: {CALIBRATION} not found (it lives beside the repository)")
        return 0
    if not rows_file.exists():
        print(f"error: {rows_file} not found", file=sys.stderr)
        return 2
    if not args.direct and not cli_works():
        print(f"{CLI} is not installed or has no `claims` command; use --direct", file=sys.stderr)
        return 2

    rows = [
        json.loads(line)
        for line in rows_file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    cases = [build_case(row) for row in rows]
    results: list[tuple[Case, str, list[dict[str, Any]]]] = []
    with tempfile.TemporaryDirectory(prefix="roa-calibrate-") as tmp:
        workdir = args.keep or Path(tmp)
        for case in cases:
            try:
                certainty, steps = (
                    grade_direct(case, config) if args.direct else grade_cli(case, workdir)
                )
            except CalibrationError as error:
                print(f"error: {error} (try --direct)", file=sys.stderr)
                return 2
            results.append((case, certainty, steps))

    def rank(c: str) -> int:
        return LEVELS.index(c) if c in LEVELS else -1

    exact = sum(1 for case, got, _ in results if got == case.expected)
    within = sum(1 for case, got, _ in results if abs(rank(got) - rank(case.expected)) <= 1)
    total = len(results)
    how = "direct" if args.direct else "CLI"
    print(f"rows: {total} ({how}; {rows_file.name}; settings {settings or 'default'})")
    print(f"exact agreement:      {exact}/{total} = {exact / total:.0%}")
    print(f"within one level:     {within}/{total} = {within / total:.0%}")
    print()
    labels = [*reversed(LEVELS), "none"]
    table = Counter((case.expected, got) for case, got, _ in results)
    print("reviewers \\ tool  " + "".join(f"{SHORT[c]:>5}" for c in labels))
    for expected in reversed(LEVELS):
        print(f"{expected:<17}" + "".join(f"{table[(expected, got)]:>5}" for got in labels))
    print()
    for case, got, steps in results:
        if got == case.expected and not args.all:
            continue
        mark = "  " if got == case.expected else "!="
        print(f"{mark} {case.row_id}: reviewers {case.expected}, tool {got}")
        for step in steps:
            print(f"     {step['domain']:<16} {step['change']:+d}  {step['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
