"""Forked worker processes that never outlive the load that started them."""

from __future__ import annotations

import concurrent.futures
import ctypes
import multiprocessing
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def forked_pool(workers: int = 1) -> concurrent.futures.ProcessPoolExecutor:
    """`workers` forked workers (they inherit the parent's memory: nothing big is pickled).

    A parent killed with SIGKILL (the out-of-memory killer) runs no cleanup, so the
    worker asks the kernel to kill it when its parent dies.
    """
    return concurrent.futures.ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
