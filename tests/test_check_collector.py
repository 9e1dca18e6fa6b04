"""`check` turns the cyclic garbage collector off while it works (a speed measure:
bench/check_speed.py) and leaves it as it found it, even when the draft is bad."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from roa_evidence.draftcheck import check


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


def test_the_collector_is_back_on_after_an_error(collector_state: None) -> None:
    """An unknown draft kind fails inside the check, after the collector was turned off."""
    gc.enable()
    with pytest.raises(ValueError, match="unknown draft kind"):
        check("IV ketamine is fast.", [], kind="nonsense")
    assert gc.isenabled()
