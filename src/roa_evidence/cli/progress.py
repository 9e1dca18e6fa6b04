"""A progress bar on stderr for jobs that may take a while (loads, exports, checks)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class _Progress:
    """A progress bar on stderr that appears only if the work lasts over a second,
    and never when stderr is not a terminal. Use it through `progress()`."""

    DELAY = 1.0

    def __init__(self, description: str, total: float | None) -> None:
        self._lock = threading.Lock()
        self._bar: Any = None
        self._task: Any = None
        self._description, self._total, self._done = description, total, 0.0
        self._timer: threading.Timer | None = None
        if sys.stderr.isatty():
            self._timer = threading.Timer(self.DELAY, self._show)
            self._timer.daemon = True
            self._timer.start()

    def _show(self) -> None:
        # lazy: rich; the CLI starts without it
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._timer is None:
                return
            self._bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task(
                self._description, total=self._total, completed=self._done
            )
            self._bar.start()

    def stage(self, description: str) -> None:
        """A new stage of a job counted in stages: say what, and advance one."""
        self.advance(1, description[:1].upper() + description[1:])

    def advance(self, amount: float = 1, description: str | None = None) -> None:
        with self._lock:
            self._done += amount
            if description is not None:
                self._description = description
            if self._bar is not None:
                self._bar.update(self._task, completed=self._done, description=self._description)

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._bar is not None:
                self._bar.stop()
                self._bar = None


@contextmanager
def progress(description: str, total: float | None = None) -> Iterator[_Progress]:
    """A progress bar for a job that may take a while (loads, exports).

    `total` is the amount of work (rows, bytes...), advanced with `.advance(n)`;
    without it, the job is counted in stages, each announced with `.stage(text)`.
    """
    bar = _Progress(description, total)
    try:
        yield bar
    finally:
        bar.close()
