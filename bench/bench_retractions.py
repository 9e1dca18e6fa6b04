"""`retractions import` of a full-size Retraction Watch file: time and peak memory.

Writes a synthetic evidence base (bench/generate.py) and a synthetic CSV in the
published column order, of the published size (65,000 records, about 60 MB,
dates like `3/4/2023 0:00`), where some records name works of the base by DOI
(in other cases and with prefixes) or by PMID. Then runs the real command in a
child process, so the peak resident memory (ru_maxrss) is the command's own:
a first import, a re-import, and a forced rebuild that carries the notices.

Run by hand (not part of the tests):

    .venv/bin/python bench/bench_retractions.py
    .venv/bin/python bench/bench_retractions.py --data data      # the shipped base
    .venv/bin/python bench/bench_retractions.py --records 130000 --works 10000
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate

from roa_evidence.retractions.retraction_watch import HEADER

NATURES = ("Retraction",) * 8 + ("Correction", "Expression of concern", "Reinstatement")
REASONS = (
    "+Falsification/Fabrication of Data;",
    "+Investigation by Journal/Publisher;",
    "+Concerns/Issues About Data;",
    "+Duplication of Image;",
    "+Paper Mill;",
    "+Unreliable Results;",
    "+Concerns/Issues with Peer Review;",
)


def work_dois(bib: Path) -> list[str]:
    return [
        line.split("{", 1)[1].rstrip("},\n")
        for line in bib.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("doi")
    ]


def write_csv(path: Path, records: int, dois: list[str], seed: int = 7) -> int:
    """The synthetic file; returns how many records name a work of the base."""
    rng = random.Random(seed)
    matched = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(records):
            month, day, year = rng.randint(1, 12), rng.randint(1, 28), rng.randint(1990, 2025)
            if dois and rng.random() < 0.01:
                doi = rng.choice(dois)
                doi = rng.choice((doi, doi.upper(), f"https://doi.org/{doi}", f"doi:{doi}"))
                matched += 1
            else:
                doi = rng.choice((f"10.{rng.randint(1000, 9999)}/rw.{i:07d}", "unavailable"))
            fields = {
                "Record ID": str(i + 1),
                "Title": " ".join(rng.choices(("ketamine", "trial", "effect", "model"), k=14)),
                "Subject": "(HSC) Medicine - Oncology;(BLS) Biology - Cellular;",
                "Institution": "Department of Testing, Example University, Example City, "
                "Example Country; " * rng.randint(1, 4),
                "Journal": "Journal of Examples",
                "Publisher": "Example Press",
                "Country": "Example Country;",
                "Author": ";".join(f"Author{rng.randint(1, 9999)} A" for _ in range(6)),
                "URLS": "https://retractionwatch.com/example/;" * rng.randint(0, 2),
                "ArticleType": "Research Article;",
                "RetractionDate": f"{month}/{day}/{year} 0:00",
                "RetractionDOI": f"10.{rng.randint(1000, 9999)}/notice.{i:07d}",
                "RetractionPubMedID": str(rng.choice((0, rng.randint(1, 39_999_999)))),
                "OriginalPaperDate": f"{month}/{day}/{year - 1} 0:00",
                "OriginalPaperDOI": doi,
                "OriginalPaperPubMedID": str(rng.choice((0, rng.randint(1, 39_999_999)))),
                "RetractionNature": rng.choice(NATURES),
                "Reason": "".join(rng.sample(REASONS, rng.randint(1, 4))),
                "Paywalled": rng.choice(("No", "Yes")),
                "Notes": "See also the notice; " * rng.randint(0, 8),
            }
            writer.writerow([fields[name] for name in HEADER])
    return matched


def _drop_link_n(claims: Path) -> None:
    """generate.py draws a link's n without regard to its study's n, which a load now
    refuses (a link's n above its study's); the links fall back on the study's n."""
    lines = claims.read_text(encoding="utf-8").splitlines(keepends=True)
    claims.write_text(
        "".join(line for line in lines if not line.startswith("        n: ")), encoding="utf-8"
    )


def run(args: list[str]) -> tuple[float, float, str]:
    """Seconds, peak resident MB and stdout of one roa-evidence command in a child process
    (its own rusage, from wait4: not the largest child so far)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "roa_evidence", *args], stdout=out, stderr=err, text=True
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"failed: {' '.join(args)}\n{err.read()}")
        return seconds, usage.ru_maxrss / 1024, out.read().strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=65_000)
    parser.add_argument("--works", type=int, default=2_000)
    parser.add_argument("--claims", type=int, default=2_000)
    parser.add_argument(
        "--data",
        type=Path,
        help="use a copy of this evidence base (e.g. data) instead of a generated one; "
        "no record then names one of its works, real studies are not made to look retracted",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "base"
        if args.data is not None:
            shutil.copytree(args.data, data)
            dois: list[str] = []
            what = str(args.data)
        else:
            generate(data, args.works, args.claims)
            _drop_link_n(data / "claims.yaml")
            dois = work_dois(data / "studies.bib")
            what = f"{args.works:,} works, {args.claims:,} claims"
        rw = folder / "retraction_watch.csv"
        matched = write_csv(rw, args.records, dois)
        size = rw.stat().st_size / 1e6
        print(f"{args.records:,} records ({size:.1f} MB, {matched} naming a work); {what}")
        common = ["--data", str(data), "--db", f"sqlite:///{folder / 'evidence.sqlite'}"]
        steps = (
            ("first build, no notices", ["load"]),
            ("rebuild, no notices", ["load", "--force"]),
            ("import", ["retractions", "import", str(rw)]),
            ("re-import (same file)", ["retractions", "import", str(rw)]),
            ("rebuild carrying notices", ["load", "--force"]),
        )
        for label, step in steps:
            seconds, peak, out = run([*common, *step])
            print(f"  {label:<26} {seconds:6.2f} s   peak RSS {peak:6.0f} MB   {out[:90]}")


if __name__ == "__main__":
    main()
