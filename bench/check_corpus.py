"""Precision and recall of `check` on the labelled corpus, per problem kind.

    .venv/bin/python bench/check_corpus.py                # the corpus against data/
    .venv/bin/python bench/check_corpus.py --misses       # also list every wrong sentence
    .venv/bin/python bench/check_corpus.py --splitters    # pysbd vs syntok on the documents

The corpus (tests/fixtures/drafts/corpus.yaml) holds sentences written for the
shipped evidence base, each labelled with the problems it must get. They are
checked as one Markdown draft, a paragraph each, through the library.
`--splitters` counts the sentences each splitter finds in the tracked documents'
text (../shared/seeds, when present) and in the corpus, the known traps each
gets wrong, and its speed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

from roa_evidence import open_store
from roa_evidence.draftcheck import PROBLEM_KINDS, check, studied_conditions
from roa_evidence.query.queries import find_claims, find_works

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "fixtures" / "drafts" / "corpus.yaml"
SEEDS = REPO.parent / "shared" / "seeds"


def load_corpus(path: Path = CORPUS) -> list[dict[str, object]]:
    """The labelled sentences, in order (the held-out ones carry no `claim` label)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["sentences"])


def corpus_draft(sentences: list[dict[str, object]]) -> str:
    """The corpus as one Markdown draft: sentence i is the paragraph on line 2i + 1."""
    return "\n\n".join(str(s["text"]) for s in sentences) + "\n"


def score(
    sentences: list[dict[str, object]], found: dict[int, set[str]]
) -> dict[str, dict[str, float]]:
    """Per kind: true and false positives, misses, precision and recall."""
    tally: dict[str, Counter[str]] = {k: Counter() for k in PROBLEM_KINDS}
    for index, sentence in enumerate(sentences):
        expected = set(sentence["problems"])  # type: ignore[call-overload]
        got = found.get(2 * index + 1, set())
        for kind in PROBLEM_KINDS:
            if kind in expected and kind in got:
                tally[kind]["tp"] += 1
            elif kind in got:
                tally[kind]["fp"] += 1
            elif kind in expected:
                tally[kind]["fn"] += 1
    result: dict[str, dict[str, float]] = {}
    for kind, counts in tally.items():
        tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
        result[kind] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
        }
    return result


def run_corpus(data_dir: Path, show_misses: bool, corpus: Path = CORPUS) -> int:
    sentences = load_corpus(corpus)
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_store(data_dir, f"sqlite:///{tmp}/bench.sqlite") as conn,
    ):
        claims = find_claims(conn)
        works = find_works(conn)
        keys = [w.key for w in works]
        studied = studied_conditions(works)
    started = time.perf_counter()
    report = check(corpus_draft(sentences), claims, "markdown", "corpus.md", keys, studied=studied)
    elapsed = time.perf_counter() - started
    found: dict[int, set[str]] = {}
    matched: dict[int, str | None] = {}
    for finding in report.findings:
        found.setdefault(finding.line, set()).update(p.kind for p in finding.problems)
        matched.setdefault(finding.line, finding.claim.id if finding.claim else None)
    results = score(sentences, found)
    print(f"{len(sentences)} labelled sentences, {report.sentences} found, in {elapsed:.2f} s")
    print(f"{'kind':<14}{'labelled':>9}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    for kind, r in results.items():
        labelled = int(r["tp"] + r["fn"])
        print(
            f"{kind:<14}{labelled:>9}{int(r['tp']):>5}{int(r['fp']):>5}{int(r['fn']):>5}"
            f"{r['precision']:>11.2f}{r['recall']:>8.2f}"
        )
    labelled = [(2 * i + 1, s["claim"]) for i, s in enumerate(sentences) if "claim" in s]
    right = sum(matched.get(line) == claim for line, claim in labelled)
    print(f"claim matched as labelled: {right}/{len(labelled)} (of the sentences with a label)")
    clean = [2 * i + 1 for i, s in enumerate(sentences) if not s["problems"]]
    alarms = [line for line in clean if found.get(line)]
    print(f"false alarms on clean sentences: {len(alarms)} of {len(clean)}")
    green = {"confirmed", "strong"}
    wrong_green = [
        f.line
        for f in report.findings
        if f.verdict in green and sentences[(f.line - 1) // 2]["problems"]
    ]
    print(f"sentences with a labelled problem reported green: {len(wrong_green)}")
    if show_misses:
        for index, sentence in enumerate(sentences):
            line = 2 * index + 1
            expected = set(sentence["problems"])  # type: ignore[call-overload]
            got = found.get(line, set())
            wrong_claim = "claim" in sentence and matched.get(line) != sentence["claim"]
            if got != expected or wrong_claim:
                print(
                    f"line {line}: expected {sorted(expected)} {sentence.get('claim')}, "
                    f"got {sorted(got)} {matched.get(line)}\n    {sentence['text']}"
                )
    return 0


def _pysbd(paragraphs: list[str]) -> list[str]:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return [s.strip() for p in paragraphs for s in segmenter.segment(p) if s.strip()]


def _syntok(paragraphs: list[str]) -> list[str]:
    from syntok import segmenter

    found: list[str] = []
    for paragraph in paragraphs:
        for block in segmenter.analyze(paragraph):
            for sentence in block:
                start = sentence[0].offset
                end = sentence[-1].offset + len(sentence[-1].value)
                found.append(paragraph[start:end].strip())
    return found


TRAPS = [  # text, the sentences a careful reader sees
    ("IM ketamine has a bioavailability of 39 %. IV ketamine has 100 % bioavailability.", 2),
    ("See e.g. Smith et al. 2014 for this. Next one.", 2),
    ("The dose was 0.5 mg/kg. It was given i.v. by Dr. J. R. Smith. It worked.", 3),
    ("Onset took 1-2 min. Effects lasted 2 h. Patients went home.", 3),
    ("Vomiting was 26.3 % with IM vs. 11.9 % with IV. That is a difference.", 2),
    ("Costs vary, etc. But most patients pay.", 2),
    ("IM is as effective as IV (Chilukuri et al., 2014). It is cheaper.", 2),
]


def run_splitters() -> int:
    try:
        import syntok  # noqa: F401
    except ImportError:
        print("syntok is not installed (pip install syntok) : nothing to compare")
        return 2
    texts: dict[str, list[str]] = {}
    if SEEDS.is_dir():
        seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
        texts["tracked documents"] = [
            " ".join(p.split()) for s in seeds for p in s.split("\n\n") if p.strip()
        ]
    else:
        print(f"{SEEDS} is absent: the documents are left out")
    texts["corpus"] = [str(s["text"]) for s in load_corpus()]
    for name, split in (("pysbd", _pysbd), ("syntok", _syntok)):
        for label, paragraphs in texts.items():
            chars = sum(map(len, paragraphs))
            started = time.perf_counter()
            count = len(split(paragraphs))
            elapsed = time.perf_counter() - started
            print(
                f"{name:<7} {label:<18} {count:>4} sentences  {chars / elapsed / 1000:>7.0f} kB/s"
            )
        wrong = [t for t, n in TRAPS if len(split([t])) != n]
        print(f"{name:<7} traps split wrongly: {len(wrong)}/{len(TRAPS)}")
        for text in wrong:
            print(f"        {split([text])}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "data", help="the evidence base")
    parser.add_argument("--misses", action="store_true", help="list every wrong sentence")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS,
        help="the labelled sentences (paraphrase-tuning.yaml, paraphrase-heldout.yaml...)",
    )
    parser.add_argument("--splitters", action="store_true", help="compare pysbd and syntok")
    args = parser.parse_args()
    if args.splitters:
        return run_splitters()
    return run_corpus(args.data, args.misses, args.corpus)


if __name__ == "__main__":
    sys.exit(main())
