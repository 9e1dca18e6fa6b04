"""A body of evidence as every rule reads it: a study's design level, the links whose
participants count, their total n, the keys a reason names; and `Rating`, what a
domain's automatic rule says of a body."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..vocab import DESIGN_LEVEL
from .types import Link, Study

LOWEST_LEVEL = min(DESIGN_LEVEL.values())


@dataclass(frozen=True)
class Rating:
    """An automatic judgement: how many levels down (0-2) and why."""

    levels: int
    reason: str


NO_CONCERN = Rating(0, "")


def design_level(study: Study) -> int:
    """The study's starting level; a study not appraised starts at the lowest."""
    if study.design is None:
        return LOWEST_LEVEL
    return DESIGN_LEVEL.get(study.design, LOWEST_LEVEL)


def design_name(study: Study) -> str:
    return study.design if study.design is not None else "not appraised"


def unique_studies(links: Iterable[Link]) -> list[Link]:
    """The first link of each study, in order."""
    seen: set[str] = set()
    out: list[Link] = []
    for link in links:
        if link.study.key not in seen:
            seen.add(link.study.key)
            out.append(link)
    return out


def joined_keys(links: Iterable[Link]) -> str:
    return ", ".join(link.study.key for link in unique_studies(links))


def show_number(x: float) -> str:
    return f"{x:g}"


def counted_links(body: Iterable[Link]) -> list[Link]:
    """The links whose participants count: a study `within` a pooled source that is
    itself in the body is already inside that source's n."""
    links = list(body)
    keys = {link.study.key for link in links}
    return [link for link in links if link.within is None or link.within not in keys]


def total_n(links: Iterable[Link]) -> int | None:
    known = [n for link in counted_links(links) if (n := link.participants) is not None]
    return sum(known) if known else None


def link_n(link: Link) -> int | None:
    """The link's participants, else its effect's n."""
    if link.participants is not None:
        return link.participants
    return link.effect.n if link.effect is not None else None
