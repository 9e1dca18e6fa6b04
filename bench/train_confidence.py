"""Learn the weights of `check`'s problem confidence from the labelled rounds, and say what
they are worth on rounds held out.

    .venv/bin/python bench/train_confidence.py --train 2-100 --evaluate 101-114
    .venv/bin/python bench/train_confidence.py --train 2-252 --write   # the shipped weights
    .venv/bin/python bench/train_confidence.py --check                 # shipped == retrained

Each round (tests/fixtures/drafts/paraphrase-heldout-N.yaml) is checked as one draft
against data/; every problem of a scored kind is an example, right when the round's label
has that kind. One logistic model per kind (full-batch gradient descent with an L2 penalty:
deterministic, so `--check` can compare). `--evaluate` prints, for each threshold, what
`check --min-confidence` would give on the rounds named: combined recall (opposite,
mismatch, cited-against), precision over the four kinds, false alarms per 41 clean
sentences and overclaim recall. `--rounds-dir` adds rounds kept outside the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml
from check_corpus import corpus_draft  # the same draft: sentence i on line 2i + 1

from roa_evidence import open_store
from roa_evidence.draftcheck import check, studied_conditions
from roa_evidence.draftcheck.confidence import (
    SCORED_KINDS,
    WORD,
    features,
    probability,
    sorted_out,
    words,
)
from roa_evidence.draftcheck.findings import Finding, SentenceProblem
from roa_evidence.query.queries import find_claims, find_works

REPO = Path(__file__).resolve().parents[1]
ROUNDS = REPO / "tests" / "fixtures" / "drafts"
WEIGHTS = REPO / "src" / "roa_evidence" / "draftcheck" / "confidence.json"
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6)
L2, STEPS, RATE = 0.3, 3000, 0.5  # L2 chosen on rounds held out: docs/check.md, 24th pass
MIN_SENTENCES = 10  # a word weighed is in at least this many training sentences

Example = tuple[dict[str, float], bool]  # a problem's features, and whether it is right


def numbers_in(spec: str) -> list[int]:
    """ "2-100,105" -> [2, 3, ..., 100, 105]."""
    found: list[int] = []
    for part in spec.split(","):
        low, _, high = part.partition("-")
        found += range(int(low), int(high or low) + 1)
    return found


def labelled_rounds(
    numbers: list[int], extra: Path | None
) -> list[tuple[int, list[dict[str, object]]]]:
    """The rounds that exist among `numbers`, each with its labelled sentences."""
    rounds = []
    for number in numbers:
        name = f"paraphrase-heldout-{number}.yaml"
        path = ROUNDS / name if (ROUNDS / name).exists() else (extra or ROUNDS) / name
        if path.exists():
            rounds.append((number, yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]))
    return rounds


Labelled = tuple[set[str], list[Finding]]  # a sentence's expected kinds, and its findings


def checked(rounds: list[tuple[int, list[dict[str, object]]]]) -> list[Labelled]:
    """Each labelled sentence's expected kinds and its findings (the splitter may cut a
    sentence in two: each piece is a finding of the same sentence), every problem kept."""
    labelled: list[Labelled] = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_store(REPO / "data", f"sqlite:///{tmp}/bench.sqlite") as conn,
    ):
        claims, works = find_claims(conn), find_works(conn)
        keys = [w.key for w in works]
        studied = studied_conditions(works)  # as the CLI passes it
        for _, sentences in rounds:
            report = check(
                corpus_draft(sentences),
                claims,
                "markdown",
                "round.md",
                keys,
                min_confidence=0.0,
                studied=studied,
            )
            pieces: dict[int, list[Finding]] = {}
            for finding in report.findings:
                pieces.setdefault((finding.line - 1) // 2, []).append(finding)
            labelled += [
                (set(s["problems"]), pieces.get(i, []))  # type: ignore[call-overload]
                for i, s in enumerate(sentences)
            ]
    return labelled


def fit(examples: list[Example]) -> dict[str, float]:
    """Logistic regression weights for one kind (the bias is not penalised)."""
    names = sorted({name for found, _ in examples for name in found})
    column = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(examples), len(names)))
    for row, (found, _) in enumerate(examples):
        for name, value in found.items():
            x[row, column[name]] = value
    y = np.array([float(right) for _, right in examples])
    w = np.zeros(len(names))
    penalty = np.full(len(names), L2 / len(y))
    penalty[column["bias"]] = 0.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        w -= RATE * (x.T @ (p - y) / len(y) + penalty * w)
    return {name: round(float(w[i]), 4) for name, i in column.items() if abs(w[i]) >= 1e-4}


def vocabulary(labelled: list[Labelled]) -> set[str]:
    """The words weighed: those of at least `MIN_SENTENCES` of the training sentences (a
    rarer word would learn one round's wording)."""
    seen = Counter(w for _, findings in labelled for f in findings for w in words(f.sentence))
    return {WORD + w for w, count in seen.items() if count >= MIN_SENTENCES}


def train(labelled: list[Labelled]) -> dict[str, dict[str, float]]:
    known = vocabulary(labelled)
    examples: dict[str, list[Example]] = {kind: [] for kind in SCORED_KINDS}
    for expected, findings in labelled:
        for finding in findings:
            for problem in finding.problems:
                if problem.kind in examples:
                    right = problem.kind in expected
                    found = features(finding, problem, finding.keys, finding.sentence)
                    found = {n: v for n, v in found.items() if not n.startswith(WORD) or n in known}
                    examples[problem.kind].append((found, right))
    return {kind: fit(found) for kind, found in examples.items() if found}


def _confidence(weights: dict[str, float], finding: Finding, problem: SentenceProblem) -> float:
    """`confidence.confidence`, with these weights rather than the shipped ones."""
    found = features(finding, problem, finding.keys, finding.sentence)
    return round(probability(weights, found), 2)


def evaluate(labelled: list[Labelled], weights: dict[str, dict[str, float]]) -> None:
    combined = ("opposite", "mismatch", "cited-against")
    print(f"{'min confidence':>15}{'combined':>10}{'precision':>11}{'FA / 41':>9}{'overclaim':>11}")
    for threshold in THRESHOLDS:
        tally: Counter[str] = Counter()
        alarms = clean = 0
        for expected, findings in labelled:
            kept = {
                p.kind
                for finding in findings
                for p in sorted_out(
                    [
                        replace(p, confidence=_confidence(weights[p.kind], finding, p))
                        if p.kind in weights
                        else p
                        for p in finding.problems
                    ],
                    threshold,
                )[0]
            }
            for kind in SCORED_KINDS:
                right, said = kind in expected, kind in kept
                outcome = "tp" if right and said else "fp" if said else "fn" if right else "tn"
                tally[kind + outcome] += 1
            if not expected:
                clean += 1
                alarms += bool(kept)
        tp = sum(tally[k + "tp"] for k in combined)
        fn = sum(tally[k + "fn"] for k in combined)
        tp4 = sum(tally[k + "tp"] for k in SCORED_KINDS)
        fp4 = sum(tally[k + "fp"] for k in SCORED_KINDS)
        over = tally["overclaimtp"] / max(1, tally["overclaimtp"] + tally["overclaimfn"])
        print(
            f"{threshold:>15.1f}{tp / max(1, tp + fn):>10.2f}{tp4 / max(1, tp4 + fp4):>11.2f}"
            f"{41 * alarms / max(1, clean):>9.1f}{over:>11.2f}"
        )


def _close(shipped: dict[str, object], learned: dict[str, object]) -> bool:
    """The same weights, to a rounding a BLAS may differ by."""
    a, b = shipped["weights"], learned["weights"]
    assert isinstance(a, dict) and isinstance(b, dict)
    if shipped["trained_on"] != learned["trained_on"] or a.keys() != b.keys():
        return False
    for kind in a:
        names = a[kind].keys() | b[kind].keys()
        if any(abs(a[kind].get(n, 0.0) - b[kind].get(n, 0.0)) > 1e-3 for n in names):
            return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", default="2-252", help="rounds to learn from (e.g. 2-100)")
    parser.add_argument("--evaluate", help="rounds to measure on (e.g. 101-114)")
    parser.add_argument("--rounds-dir", type=Path, help="more rounds, outside the repository")
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS.name}")
    parser.add_argument("--check", action="store_true", help="fail if the shipped weights differ")
    args = parser.parse_args()
    trained_on = labelled_rounds(numbers_in(args.train), args.rounds_dir)
    weights = train(checked(trained_on))
    print(f"trained on {len(trained_on)} rounds ({args.train})")
    document = {"trained_on": args.train, "weights": weights}
    if args.check:
        shipped = json.loads(WEIGHTS.read_text(encoding="utf-8"))
        if not _close(shipped, document):
            print(f"{WEIGHTS} differs from the weights learned now: run with --write")
            return 1
        print(f"{WEIGHTS.name} is what training on {args.train} gives")
    if args.write:
        WEIGHTS.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")
    if args.evaluate:
        measured = labelled_rounds(numbers_in(args.evaluate), args.rounds_dir)
        print(f"measured on {len(measured)} rounds ({args.evaluate}):")
        evaluate(checked(measured), weights)
    return 0


if __name__ == "__main__":
    sys.exit(main())
