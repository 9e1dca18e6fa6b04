"""How long `check` takes on a large draft of distinct prose (run by hand, not in CI).

    .venv/bin/python bench/check_speed.py            # a 10 MB Markdown draft
    .venv/bin/python bench/check_speed.py --mb 1     # a smaller one
    .venv/bin/python bench/check_speed.py --profile  # where the time goes

The draft is generated (seeded): paragraphs of sentences built from the words claims
use, the lay route words, numbers and hedges, so that no two sentences are alike
(the per-sentence caches do not help) and some match claims. The floor is issue 23's:
a 10 MB draft of distinct prose in under a minute on this two-core machine; the
script prints the time, the speed and the ratio to that floor (below 1.0 passes), and
the same for the CPU time the check used (what it costs when the machine is shared).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from roa_evidence import open_store
from roa_evidence.draftcheck import check, studied_conditions
from roa_evidence.query.queries import find_claims, find_works

REPO = Path(__file__).resolve().parents[1]
FLOOR_SECONDS_PER_MB = 6.0  # 10 MB in a minute

SUBJECTS = ["IV ketamine", "IM ketamine", "a drip", "a shot in the muscle", "nasal spray",
            "oral ketamine", "ketamine under the tongue", "the infusion", "the clinic",
            "our patients", "the second trial", "a small cohort"]  # fmt: skip
VERBS = ["has a bioavailability of", "takes effect within", "lasts about", "costs",
         "reduced scores by", "enrolled", "was followed for", "may be", "is probably",
         "caused nausea in", "works as well as", "is safer than"]  # fmt: skip
TAILS = ["%", "minutes", "hours", "days", "patients", "dollars", "mg/kg", "percent"]
WORDS = [
    *("depression", "pain", "anxiety", "children", "adults", "safety", "cost", "onset"),
    *("relief", "dose", "effect", "trial", "study", "review", "meadow", "river"),
    *("harbour", "lantern", "copper", "violet", "orchard"),
]


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the check's forked workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def sentence(rng: random.Random) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))
    number = f"{rng.randint(1, 999)}.{rng.randint(0, 99)}"
    return (
        f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {number} "
        f"{rng.choice(TAILS)} in the {words} group {rng.randint(1, 10**6)}."
    )


NOUNS = [
    "garden",
    "letter",
    "meeting",
    "window",
    "report",
    "village",
    "teacher",
    "market",
    "winter",
    "bridge",
    "kitchen",
    "station",
    "library",
    "painting",
    "morning",
    "harbour",
]
ACTS = ("opened", "described", "crossed", "painted", "followed", "visited", "mended")


def prose(rng: random.Random) -> str:
    """A sentence of ordinary prose, not about the evidence base."""
    return (
        f"The {rng.choice(NOUNS)} {rng.choice(ACTS)} the {rng.choice(NOUNS)} near the "
        f"{rng.choice(NOUNS)} on day {rng.randint(1, 10**6)}."
    )


def draft(megabytes: float, seed: int = 23, dense: float = 1.0) -> str:
    """Distinct paragraphs; a share `dense` of the sentences are about the routes."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    paragraphs: list[str] = []
    size = 0
    while size < target:
        paragraph = " ".join(
            sentence(rng) if rng.random() < dense else prose(rng) for _ in range(rng.randint(2, 6))
        )
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="the draft's size in MB")
    parser.add_argument("--profile", action="store_true", help="print the top functions")
    parser.add_argument(
        "--dense",
        type=float,
        default=1.0,
        help="the share of sentences about routes, with numbers (1.0: every one, the worst "
        "case; 0.2: a report where one sentence in five states something checkable)",
    )
    args = parser.parse_args()
    text = draft(args.mb, dense=args.dense)
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_store(REPO / "data", f"sqlite:///{tmp}/bench.sqlite") as conn,
    ):
        claims = find_claims(conn)
        works = find_works(conn)
        keys = [w.key for w in works]
        studied = studied_conditions(works)
    profiler = cProfile.Profile() if args.profile else None
    started, cpu = time.perf_counter(), _cpu_seconds()
    if profiler:
        profiler.enable()
    report = check(text, claims, "markdown", "speed.md", keys, studied=studied)
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu
    megabytes = len(text.encode()) / 1_000_000
    floor = FLOOR_SECONDS_PER_MB * megabytes
    print(
        f"{megabytes:.1f} MB, {report.sentences} sentences, {len(set(text.split('. ')))} "
        f"distinct: {elapsed:.1f} s ({megabytes * 1000 / elapsed:.0f} kB/s), CPU {cpu:.1f} s; "
        f"floor {floor:.0f} s; ratio {elapsed / floor:.2f} (below 1.00 passes; CPU "
        f"{cpu / floor:.2f}: CPU of this process and its workers, the ratio on one core)"
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
