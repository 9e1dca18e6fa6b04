"""Exports stream: peak memory stays flat as the evidence base grows.

Builds synthetic SQLite stores (5 links per claim, one work per 50 links) straight
through the tables, then exports each format to a null stream and reports the time
and the peak of Python allocations (tracemalloc) during the export alone. For
contrast it also shows the peak of materialising every claim with `find_claims`.

Run by hand (not part of the tests):

    .venv/bin/python bench/bench_export.py              # 10k and 100k links
    .venv/bin/python bench/bench_export.py --links 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

import roa_evidence.store.models  # noqa: F401 - defines the tables
from roa_evidence.exporters import FORMATS, export
from roa_evidence.query.queries import find_claims

LINKS_PER_CLAIM = 5
ROUTES = ("IV", "IM", "IN", "oral", "SL")
TOPICS = ("efficacy", "onset", "safety", "bioavailability")


class Null:
    """A text stream that counts what it is given and keeps nothing."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)

    def flush(self) -> None:
        pass


def build(path: Path, links: int) -> None:
    engine = sa.create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    t = SQLModel.metadata.tables
    claims = links // LINKS_PER_CLAIM
    works = max(10, links // 50)
    with engine.begin() as conn:
        conn.execute(
            t["work"].insert(),
            [
                {
                    "key": f"w{i}",
                    "position": i,
                    "entry_type": "article",
                    "title": f"A trial of route {ROUTES[i % 5]} number {i}",
                    "authors": f"Author, A{i}",
                    "year": 1990 + i % 35,
                    "design": "rct",
                    "level": 4,
                    "n": 20 + i % 500,
                    "blinding": "double-blind",
                    "population": "adults with depression",
                    "quality": "small-sample",
                    "verification": "verified",
                    "fields_json": json.dumps(
                        {
                            "author": f"Author, A{i}",
                            "title": f"A trial {i}",
                            "journal": "J Test",
                            "year": str(1990 + i % 35),
                        }
                    ),
                }
                for i in range(works)
            ],
        )
        conn.execute(
            t["claim"].insert(),
            [
                {
                    "id": f"c{i}",
                    "position": i,
                    "statement": f"=Claim {i} about ketamine, quoted",
                    "topic": TOPICS[i % 4],
                    "condition": "depression",
                    "certainty": "low",
                    "level": 2,
                    "status": "weak",
                    "total_n": 200,
                    "grading_json": json.dumps(
                        [
                            {"domain": "start", "change": 4, "reason": "rct"},
                            {"domain": "imprecision", "change": -2, "reason": "total n below 400"},
                        ]
                    ),
                }
                for i in range(claims)
            ],
        )
        conn.execute(
            t["claim_route"].insert(),
            [{"claim_id": f"c{i}", "route": ROUTES[i % 5]} for i in range(claims)],
        )
        conn.execute(
            t["assertion"].insert(),
            [
                {"claim_id": f"c{i}", "document": "w0", "kind": "asserted", "quote": f"quote {i}"}
                for i in range(claims)
            ],
        )
        conn.execute(
            t["evidence_link"].insert(),
            [
                {
                    "claim_id": f"c{i // LINKS_PER_CLAIM}",
                    "source": f"w{(i * 7) % works}",
                    "stance": "supports",
                    "position": i % LINKS_PER_CLAIM,
                    "locator": "table 2",
                    "note": "a note",
                }
                for i in range(claims * LINKS_PER_CLAIM)
            ],
        )
    engine.dispose()


def measure(run: Callable[[], Any]) -> tuple[float, float, Any]:
    """Seconds `run` takes, and the peak MB of Python allocations while it runs (measured
    in a second run: tracing allocations slows Python down several times)."""
    started = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, peak / 1e6, result


def export_chars(conn: Any, fmt: str, what: str) -> int:
    sink = Null()
    export(conn, sink, fmt, what)  # type: ignore[arg-type]
    return sink.chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print(f"{'links':>9} {'format':>9} {'what':>9} {'seconds':>8} {'peak MB':>8} {'out MB':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for links in args.links:
            path = Path(folder) / f"bench-{links}.sqlite"
            build(path, links)
            engine = sa.create_engine(f"sqlite:///{path}")
            with engine.connect() as conn:
                for fmt in FORMATS:
                    for what in ("evidence", "sources"):
                        seconds, peak, chars = measure(lambda: export_chars(conn, fmt, what))  # noqa: B023
                        print(
                            f"{links:>9} {fmt:>9} {what:>9} {seconds:>8.2f} {peak:>8.1f} "
                            f"{chars / 1e6:>7.1f}"
                        )
                seconds, peak, _ = measure(lambda: find_claims(conn))
                print(
                    f"{links:>9} {'(list)':>9} {'claims':>9} {seconds:>8.2f} {peak:>8.1f}"
                    "        find_claims, for contrast"
                )
            engine.dispose()
            os.unlink(path)


if __name__ == "__main__":
    main()
