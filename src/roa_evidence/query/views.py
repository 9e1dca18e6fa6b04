"""Views over graded claims: conflicts, route comparisons and the evidence map.

Each view is a pure function of a list of `ClaimRecord`s (as `queries.find_claims`
returns them) and gives plain data with `to_dict()`; the CLI and the HTML report
render the same data.

- `conflicts(claims)`: every claim a document disputes or evidence contradicts,
  as two sides (quotes and evidence for, quotes and evidence against);
- `compare(claims, routes)`: the claims about each route, topic by topic, with
  the head-to-head claims (naming two or more of the routes) apart;
- `evidence_map(claims)`: routes x topics, each cell holding its claims, their
  count and the best certainty among them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .. import certainty, vocab
from ..mdescape import md_escape
from .records import AssertionRecord, ClaimRecord, EvidenceRecord

__all__ = [
    "CompareRow",
    "Comparison",
    "Conflict",
    "EvidenceMap",
    "MapCell",
    "Side",
    "best_certainty",
    "compare",
    "comparison_markdown",
    "conflicts",
    "conflicts_markdown",
    "evidence_map",
    "map_markdown",
    "md_escape",
]


def _level(certainty: str) -> int:
    return vocab.LEVEL_OF_CERTAINTY.get(certainty, 0)


def best_certainty(claims: Iterable[ClaimRecord]) -> str:
    """The highest certainty among the graded `claims` (`none` when there are none)."""
    graded = [c.certainty for c in claims if c.certainty is not None]
    return max(graded, key=_level, default="none")


def _design_level(design: str | None) -> int:
    return vocab.DESIGN_LEVEL.get(design or "", min(vocab.DESIGN_LEVEL.values()))


# --------------------------------------------------------------------------
# Conflicts


@dataclass(frozen=True)
class Side:
    """One side of a conflict: who says so (quotes) and the evidence behind it."""

    quotes: tuple[AssertionRecord, ...]
    evidence: tuple[EvidenceRecord, ...]

    @property
    def best_design(self) -> str | None:
        """The best study design on this side (None without evidence)."""
        if not self.evidence:
            return None
        return max(self.evidence, key=lambda e: _design_level(e.design)).design or "not appraised"

    @property
    def start(self) -> str:
        """The certainty this side's best design would start at, GRADE-style."""
        if not self.evidence:
            return "none"
        level = max(_design_level(e.design) for e in self.evidence)
        return vocab.CERTAINTY_OF_LEVEL[level]

    @property
    def total_n(self) -> int | None:
        known = [e.n for e in self.evidence if e.n is not None]
        return sum(known) if known else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "quotes": [q.to_dict() for q in self.quotes],
            "evidence": [
                {
                    "source": e.source,
                    "stance": e.stance,
                    "design": e.design,
                    "n": e.n,
                    "blinding": e.blinding,
                    "quality": list(e.quality),
                    "locator": e.locator,
                    "value": e.value,
                    "note": e.note,
                }
                for e in self.evidence
            ],
            "best_design": self.best_design,
            "start": self.start,
            "total_n": self.total_n,
        }


@dataclass(frozen=True)
class Conflict:
    """A claim with two sides: asserted and supported, against disputed and contradicted."""

    claim: ClaimRecord
    kinds: tuple[str, ...]  # "disputed" (by a document), "contradicted" (by evidence)
    for_side: Side
    against: Side
    qualifying: tuple[EvidenceRecord, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        c = self.claim
        return {
            "id": c.id,
            "kind": c.kind,
            "statement": c.statement,
            "routes": list(c.routes),
            "topic": c.topic,
            "condition": c.condition,
            "certainty": c.certainty,
            "certainty_against": c.certainty_against,
            "status": c.status,
            "kinds": list(self.kinds),
            "for": self.for_side.to_dict(),
            "against": self.against.to_dict(),
            "qualifying": [
                {"source": e.source, "design": e.design, "n": e.n, "note": e.note}
                for e in self.qualifying
            ],
        }


def conflicts(claims: Sequence[ClaimRecord]) -> list[Conflict]:
    """Every claim disputed by a document or contradicted by evidence, in the given order."""
    found: list[Conflict] = []
    for claim in claims:
        against = tuple(e for e in claim.evidence if e.stance == "contradicts")
        kinds = (("disputed",) if claim.disputed_by else ()) + (
            ("contradicted",) if against else ()
        )
        if not kinds:
            continue
        found.append(
            Conflict(
                claim=claim,
                kinds=kinds,
                for_side=Side(
                    claim.asserted_by, tuple(e for e in claim.evidence if e.stance == "supports")
                ),
                against=Side(claim.disputed_by, against),
                qualifying=tuple(e for e in claim.evidence if e.stance == "qualifies"),
            )
        )
    return found


# --------------------------------------------------------------------------
# Route comparison


@dataclass(frozen=True)
class CompareRow:
    """One topic: the claims about each route alone, and the head-to-head claims."""

    topic: str
    by_route: dict[str, tuple[ClaimRecord, ...]]
    head_to_head: tuple[ClaimRecord, ...]

    @property
    def empty(self) -> bool:
        return not self.head_to_head and not any(self.by_route.values())

    def to_dict(self) -> dict[str, Any]:
        def brief(claims: Sequence[ClaimRecord]) -> list[dict[str, Any]]:
            return [
                {
                    "id": c.id,
                    "kind": c.kind,
                    "statement": c.statement,
                    "routes": list(c.routes),
                    "certainty": c.certainty,
                    "certainty_against": c.certainty_against,
                    "status": c.status,
                    "total_n": c.total_n,
                }
                for c in claims
            ]

        return {
            "topic": self.topic,
            "routes": {route: brief(claims) for route, claims in self.by_route.items()},
            "head_to_head": brief(self.head_to_head),
            "best_certainty": {
                route: best_certainty(claims) for route, claims in self.by_route.items()
            },
        }


@dataclass(frozen=True)
class Comparison:
    """Routes side by side, one row per topic."""

    routes: tuple[str, ...]
    rows: tuple[CompareRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"routes": list(self.routes), "topics": [row.to_dict() for row in self.rows]}


def routes_note(claim: ClaimRecord, routes: Sequence[str], head_to_head: bool = False) -> str:
    """Which routes a claim in a comparison is about, where its column does not say: the
    compared routes of a head-to-head claim when more than two are compared ("IV vs IN"),
    else the routes outside the comparison a claim also names ("also IN")."""
    if head_to_head:
        named = [route for route in routes if route in claim.routes]
        return " vs ".join(named) if len(routes) > 2 else ""
    others = [route for route in claim.routes if route not in routes]
    return f"also {', '.join(others)}" if others else ""


def compare(
    claims: Sequence[ClaimRecord], routes: Sequence[str], topics: Sequence[str] = ()
) -> Comparison:
    """The claims about each of `routes`, topic by topic (vocabulary order).

    A claim naming two or more of the routes is a head-to-head claim and is
    listed once, apart. Without `topics`, every topic with a claim about one of
    the routes gets a row; a topic asked for gets a row even when empty.
    """
    wanted = tuple(dict.fromkeys(routes))
    rows: list[CompareRow] = []
    for topic in topics or vocab.active().topics:
        about = [c for c in claims if c.topic == topic]
        by_route: dict[str, tuple[ClaimRecord, ...]] = {}
        shared = [c for c in about if sum(route in c.routes for route in wanted) >= 2]
        shared_ids = {c.id for c in shared}
        for route in wanted:
            by_route[route] = tuple(
                c for c in about if route in c.routes and c.id not in shared_ids
            )
        row = CompareRow(topic, by_route, tuple(shared))
        if topics or not row.empty:
            rows.append(row)
    return Comparison(wanted, tuple(rows))


# --------------------------------------------------------------------------
# Evidence map


@dataclass(frozen=True)
class MapCell:
    """The claims about one route on one topic."""

    route: str
    topic: str
    claims: tuple[ClaimRecord, ...]

    @property
    def count(self) -> int:
        return len(self.claims)

    @property
    def best(self) -> str:
        """The best certainty in the cell (`none` for an empty cell)."""
        return best_certainty(self.claims)

    def statuses(self) -> dict[str, int]:
        """How many claims of each status the cell holds (only those present)."""
        return {s: n for s in vocab.STATUSES if (n := sum(c.status == s for c in self.claims))}

    def to_dict(self) -> dict[str, Any]:
        return {
            "route": self.route,
            "topic": self.topic,
            "count": self.count,
            "best_certainty": self.best,
            "statuses": self.statuses(),
            "claims": [c.id for c in self.claims],
        }


@dataclass(frozen=True)
class EvidenceMap:
    """Routes x topics; only routes and topics that some claim is about."""

    routes: tuple[str, ...]
    topics: tuple[str, ...]
    cells: dict[tuple[str, str], MapCell]

    def cell(self, route: str, topic: str) -> MapCell:
        return self.cells.get((route, topic), MapCell(route, topic, ()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "routes": list(self.routes),
            "topics": list(self.topics),
            "cells": [
                self.cell(r, t).to_dict()
                for t in self.topics
                for r in self.routes
                if self.cell(r, t).count
            ],
        }


def evidence_map(claims: Sequence[ClaimRecord]) -> EvidenceMap:
    """Group claims by route x topic; a claim about two routes sits in both rows."""
    grouped: dict[tuple[str, str], list[ClaimRecord]] = {}
    for claim in claims:
        for route in claim.routes:
            grouped.setdefault((route, claim.topic), []).append(claim)
    declared = vocab.active()  # the map's axes: the base's routes and topics, in its order
    routes = tuple(r for r in declared.routes if any(key[0] == r for key in grouped))
    topics = tuple(t for t in declared.topics if any(key[1] == t for key in grouped))
    cells = {key: MapCell(key[0], key[1], tuple(found)) for key, found in grouped.items()}
    return EvidenceMap(routes, topics, cells)


# --------------------------------------------------------------------------
# Markdown


def _md_side(side: Side) -> str:
    quotes = (
        "<br>".join(
            f"{md_escape(q.document)}: \u201c{md_escape(q.quote)}\u201d" for q in side.quotes
        )
        or "(no document)"
    )
    evidence = (
        "<br>".join(
            f"{md_escape(e.source)} ({md_escape(e.design or 'not appraised')}, "
            f"n {md_escape(e.n if e.n is not None else '?')})"
            for e in side.evidence
        )
        or "(none)"
    )
    return f"{quotes} | {evidence}"


def conflicts_markdown(found: Sequence[Conflict]) -> str:
    """The conflicts as Markdown: one section per claim, a two-row table of its sides."""
    out = [f"# Conflicts ({len(found)})", ""]
    for c in found:
        claim = c.claim
        out += [
            f"## {md_escape(claim.id)}: {md_escape(claim.statement)}",
            "",
            f"{md_escape(', '.join(claim.routes))} \u00b7 {md_escape(claim.topic)} \u00b7 "
            f"{md_escape(' and '.join(c.kinds))} \u00b7 certainty "
            f"{certainty.label(claim.certainty)} \u00b7 status {md_escape(claim.status)}",
            "",
            "| side | who says so | evidence | grade |",
            "|---|---|---|---|",
            f"| for | {_md_side(c.for_side)} | graded {certainty.label(claim.certainty)} |",
            f"| against | {_md_side(c.against)} | "
            + (
                f"graded {certainty.label(claim.certainty_against)} |"
                if c.against.evidence and claim.kind == "finding"
                else "no evidence cited against |"
                if not c.against.evidence
                else "refutes the description |"
            ),
            "",
        ]
    return "\n".join(out)


def comparison_markdown(comparison: Comparison) -> str:
    """The comparison as one Markdown table: a row per topic, a column per route."""
    routes = comparison.routes
    head = [*routes, " + ".join(routes) if len(routes) == 2 else "head to head"]

    def cell(claims: Sequence[ClaimRecord], head_to_head: bool = False) -> str:
        def line(c: ClaimRecord) -> str:
            note = routes_note(c, routes, head_to_head)
            about = f"; {md_escape(note)}" if note else ""
            return (
                f"{md_escape(c.id)} ({certainty.label(c.certainty)}, {md_escape(c.status)}{about})"
            )

        return "<br>".join(line(c) for c in claims) or "\u2014"

    out = [
        "| topic | " + " | ".join(md_escape(h) for h in head) + " |",
        "|---" * (len(head) + 1) + "|",
    ]
    for row in comparison.rows:
        cells = [cell(row.by_route[r]) for r in routes] + [cell(row.head_to_head, True)]
        out.append(f"| {md_escape(row.topic)} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def map_markdown(emap: EvidenceMap) -> str:
    """The evidence map as a Markdown table: count, best certainty and contested count per
    cell, with the legend under it."""
    out = [
        "| topic | " + " | ".join(md_escape(r) for r in emap.routes) + " |",
        "|---" * (len(emap.routes) + 1) + "|",
    ]
    for topic in emap.topics:
        cells = []
        for route in emap.routes:
            cell = emap.cell(route, topic)
            contested = cell.statuses().get("contested", 0) if cell.count else 0
            mark = f" !{contested}" if contested else ""
            shown = f"{cell.count} ({certainty.label(cell.best)}){mark}"
            cells.append(shown if cell.count else "\u2014")
        out.append(f"| {md_escape(topic)} | " + " | ".join(cells) + " |")
    out.append("\nEach cell: claims, the best certainty among them; !N: N of them contested.")
    return "\n".join(out) + "\n"
