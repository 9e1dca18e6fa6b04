"""`check` turns the cyclic garbage collector off while it works (a speed measure:
bench/check_speed.py) and leaves it as it found it, even when the draft is bad."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from roa_evidence.draftcheck import check
from roa_evidence.draftcheck.drafts import BadDraft


@pytest.fixture
def collector_state() -> Iterator[None]:
    """Whatever a test does to the collector, it is on again after it."""
    yield
    gc.enable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(collector_state: None, enabled: bool) -> None:
    gc.enable() if enabled else gc.disable()
    seen: list[bool] = []
    check("IV ketamine is fast.", [], progress=lambda _: seen.append(gc.isenabled()))
    assert seen == [False]  # off while judging
    assert gc.isenabled() is enabled


def test_the_collector_is_back_on_after_a_bad_draft(collector_state: None) -> None:
    gc.enable()
    with pytest.raises((BadDraft, ValueError)):
        check("\\begin{document} unclosed {", [], kind="nonsense")
    assert gc.isenabled()
