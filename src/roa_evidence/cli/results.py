"""What each command prints, format by format: the claims and works lists, one claim or
work, and the views (conflicts, comparison, map). `output.render` picks the format."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence, Sized
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TextIO, TypeVar

from ..query.records import ClaimRecord
from .output import Output, print_rich

if TYPE_CHECKING:
    from ..query.records import ClaimRecord, WorkRecord
    from ..query.views import Comparison, Conflict, EvidenceMap


@dataclass
class ClaimList(Output):
    claims: list[ClaimRecord]
    empty: str = "No claims match those filters."
    title: str | None = None

    def data(self) -> Any:
        return [claim.to_dict() for claim in self.claims]

    def write_csv(self, stream: TextIO) -> None:
        # lazy: csv; the CLI starts without it
        from ..query.csvrows import CLAIM_COLUMNS, claim_row, write_csv

        write_csv(stream, CLAIM_COLUMNS, (claim_row(c) for c in self.claims))

    def write_md(self, stream: TextIO) -> None:
        # lazy: SQLAlchemy; the CLI starts without it
        from ..exporters.markdown import write as write_sof_markdown

        write_sof_markdown(stream, [(self.title or "Claims", self.claims)])

    def is_empty(self) -> bool:
        return not self.claims

    def show(self) -> None:
        # lazy: csv; the CLI starts without it
        from .piped import CLAIM_HEADER, claim_cells, grid, is_plain

        if is_plain():
            sys.stdout.write(grid(CLAIM_HEADER, [claim_cells(c) for c in self.claims], self.title))
            return
        # lazy: rich; the CLI starts without it
        from .render import claims_table

        print_rich(claims_table(self.claims, title=self.title))


@dataclass
class GapList(ClaimList):
    """`gaps`: its JSON holds the counts of each kind too."""

    summary: dict[str, dict[str, int]] | None = None

    def data(self) -> Any:
        return {"summary": self.summary, "claims": super().data()}


@dataclass
class WorkList(Output):
    works: list[WorkRecord]
    empty: str = "No works match those filters."

    def data(self) -> Any:
        return [work.to_dict() for work in self.works]

    def write_csv(self, stream: TextIO) -> None:
        # lazy: csv; the CLI starts without it
        from ..query.csvrows import WORK_COLUMNS, work_row, write_csv

        write_csv(stream, WORK_COLUMNS, (work_row(w) for w in self.works))

    def write_md(self, stream: TextIO) -> None:
        # lazy: SQLAlchemy; the CLI starts without it
        from ..exporters.markdown import write_works as write_works_markdown

        write_works_markdown(stream, self.works)

    def is_empty(self) -> bool:
        return not self.works

    def show(self) -> None:
        # lazy: csv; the CLI starts without it
        from .piped import WORK_HEADER, grid, is_plain, work_cells

        if is_plain():
            sys.stdout.write(grid(WORK_HEADER, [work_cells(w) for w in self.works]))
            return
        # lazy: rich; the CLI starts without it
        from .render import works_table

        print_rich(works_table(self.works))


@dataclass
class Detail(Output):
    """One claim (`show`) or one work (`source`): its record, or all of it drawn."""

    item: ClaimRecord | WorkRecord

    def data(self) -> Any:
        return self.item.to_dict()

    def show(self) -> None:
        # lazy: rich; the CLI starts without it
        from .render import claim_detail, work_detail

        item = self.item
        print_rich(claim_detail(item) if isinstance(item, ClaimRecord) else work_detail(item))


V = TypeVar("V")


@dataclass
class ViewOutput(Output, Generic[V]):
    """A view of the claims (`views`): conflicts, a comparison of routes or the evidence map.
    Each format is one function of the view; the constructors below choose them."""

    view: V
    json: Callable[[V], Any]
    markdown: Callable[[V], str]
    rows: Callable[[V], Sized]  # what the view shows; none, and the table is `empty`
    drawn: Callable[[V], list[Any]]  # the rich renderables the table prints, in order
    empty: str = ""

    def data(self) -> Any:
        return self.json(self.view)

    def write_md(self, stream: TextIO) -> None:
        stream.write(self.markdown(self.view))

    def is_empty(self) -> bool:
        return not self.rows(self.view)

    def show(self) -> None:
        for renderable in self.drawn(self.view):
            print_rich(renderable)


def conflicts_output(conflicts: Sequence[Conflict]) -> ViewOutput[Sequence[Conflict]]:
    """`conflicts`: each disputed or contradicted claim, its two sides."""
    # lazy: the views; the CLI starts without them
    from ..query.views import conflicts_markdown

    return ViewOutput(
        conflicts,
        lambda found: [c.to_dict() for c in found],
        conflicts_markdown,
        lambda found: found,
        _conflicts_drawn,
        "No conflicts: no matching claim is disputed or contradicted.",
    )


def comparison_output(comparison: Comparison, empty: str) -> ViewOutput[Comparison]:
    """`compare`: the routes side by side, topic by topic."""
    # lazy: the views; the CLI starts without them
    from ..query.views import Comparison, comparison_markdown

    return ViewOutput(
        comparison,
        Comparison.to_dict,
        comparison_markdown,
        lambda c: c.rows,
        _comparison_drawn,
        empty,
    )


def map_output(emap: EvidenceMap) -> ViewOutput[EvidenceMap]:
    """`map`: routes across, topics down."""
    # lazy: the views; the CLI starts without them
    from ..query.views import EvidenceMap, map_markdown

    empty = "No claims match those filters."
    return ViewOutput(
        emap, EvidenceMap.to_dict, map_markdown, lambda m: m.topics, _map_drawn, empty
    )


def _conflicts_drawn(conflicts: Sequence[Conflict]) -> list[Any]:
    # lazy: rich; the CLI starts without it
    from rich.text import Text

    from .viewrender import conflict_panel

    return [
        Text(f"{len(conflicts)} conflicts", style="bold"),
        *(conflict_panel(conflict) for conflict in conflicts),
    ]


def _comparison_drawn(comparison: Comparison) -> list[Any]:
    # lazy: rich; the CLI starts without it
    from .viewrender import comparison_table

    return [comparison_table(comparison)]


def _map_drawn(emap: EvidenceMap) -> list[Any]:
    # lazy: rich; the CLI starts without it
    from rich.text import Text

    from .viewrender import map_table

    return [
        Text("Evidence map: claims per route (across) and topic (down)", style="bold"),
        map_table(emap),
        Text(
            "Each cell: the number of claims, then the best certainty among them; "
            "!N: N of them contested.\nDetails: roa-evidence claims --route R --topic T"
        ),
    ]
