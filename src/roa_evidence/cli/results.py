"""What each command prints, format by format: the claims and works lists, one claim or
work, and the views (conflicts, comparison, map). `output.render` picks the format."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from .output import Output, print_rich

if TYPE_CHECKING:
    from ..records import ClaimView, WorkView
    from ..views import Comparison, Conflict, EvidenceMap


@dataclass
class ClaimList(Output):
    claims: list[ClaimView]
    empty: str = "No claims match those filters."
    title: str | None = None

    def data(self) -> Any:
        return [claim.to_dict() for claim in self.claims]

    def write_csv(self, stream: TextIO) -> None:
        from ..tabular import CLAIM_COLUMNS, claim_row, write_csv

        write_csv(stream, CLAIM_COLUMNS, (claim_row(c) for c in self.claims))

    def write_md(self, stream: TextIO) -> None:
        from ..exporters.markdown import write as write_sof_markdown

        write_sof_markdown(stream, [(self.title or "Claims", self.claims)])

    def is_empty(self) -> bool:
        return not self.claims

    def show(self) -> None:
        from .plain import CLAIM_HEADER, claim_cells, grid, is_plain

        if is_plain():
            sys.stdout.write(grid(CLAIM_HEADER, [claim_cells(c) for c in self.claims], self.title))
            return
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
    works: list[WorkView]
    empty: str = "No works match those filters."

    def data(self) -> Any:
        return [work.to_dict() for work in self.works]

    def write_csv(self, stream: TextIO) -> None:
        from ..tabular import WORK_COLUMNS, work_row, write_csv

        write_csv(stream, WORK_COLUMNS, (work_row(w) for w in self.works))

    def write_md(self, stream: TextIO) -> None:
        from ..exporters.markdown import write_works as write_works_markdown

        write_works_markdown(stream, self.works)

    def is_empty(self) -> bool:
        return not self.works

    def show(self) -> None:
        from .plain import WORK_HEADER, grid, is_plain, work_cells

        if is_plain():
            sys.stdout.write(grid(WORK_HEADER, [work_cells(w) for w in self.works]))
            return
        from .render import works_table

        print_rich(works_table(self.works))


@dataclass
class Detail(Output):
    """One claim (`show`) or one work (`source`): its record, or all of it drawn."""

    item: ClaimView | WorkView

    def data(self) -> Any:
        return self.item.to_dict()

    def show(self) -> None:
        from ..records import ClaimView
        from .render import claim_detail, work_detail

        item = self.item
        print_rich(claim_detail(item) if isinstance(item, ClaimView) else work_detail(item))


@dataclass
class ConflictList(Output):
    conflicts: Sequence[Conflict]
    empty: str = "No conflicts: no matching claim is disputed or contradicted."

    def data(self) -> Any:
        return [c.to_dict() for c in self.conflicts]

    def write_md(self, stream: TextIO) -> None:
        from ..views import conflicts_markdown

        stream.write(conflicts_markdown(self.conflicts))

    def is_empty(self) -> bool:
        return not self.conflicts

    def show(self) -> None:
        from rich.text import Text

        from .viewrender import conflict_panel

        print_rich(Text(f"{len(self.conflicts)} conflicts", style="bold"))
        for conflict in self.conflicts:
            print_rich(conflict_panel(conflict))


@dataclass
class RouteComparison(Output):
    comparison: Comparison
    empty: str = ""

    def data(self) -> Any:
        return self.comparison.to_dict()

    def write_md(self, stream: TextIO) -> None:
        from ..views import comparison_markdown

        stream.write(comparison_markdown(self.comparison))

    def is_empty(self) -> bool:
        return not self.comparison.rows

    def show(self) -> None:
        from .viewrender import comparison_table

        print_rich(comparison_table(self.comparison))


@dataclass
class MapOutput(Output):
    emap: EvidenceMap
    empty: str = "No claims match those filters."

    def data(self) -> Any:
        return self.emap.to_dict()

    def write_md(self, stream: TextIO) -> None:
        from ..views import map_markdown

        stream.write(map_markdown(self.emap))

    def is_empty(self) -> bool:
        return not self.emap.topics

    def show(self) -> None:
        from rich.text import Text

        from .viewrender import map_table

        print_rich(Text("Evidence map: claims per route (across) and topic (down)", style="bold"))
        print_rich(map_table(self.emap))
        print_rich(
            Text(
                "Each cell: the number of claims, then the best certainty among them; "
                "!N: N of them contested.\nDetails: roa-evidence claims --route R --topic T"
            )
        )
