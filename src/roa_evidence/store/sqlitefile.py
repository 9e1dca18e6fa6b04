"""A SQLite database file kept safe: one build at a time, no leftovers of killed
loads, and never replacing a file that is not ours."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from ..atomic import stale_temporaries
from ..errors import StoreError

DEFAULT_LOCK_WAIT = 120.0  # seconds a command waits for another one's build


@contextlib.contextmanager
def build_lock(
    path: Path | None,
    wait: float = DEFAULT_LOCK_WAIT,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """One build at a time per SQLite file: a second load waits, then finds it current.

    `path` is the SQLite file; None for a database server, where builds serialise on
    an advisory lock inside their transaction. When another process holds the lock,
    `on_wait` is told at once, and after `wait` seconds StoreError names the lock file.
    """
    if path is None:
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        if lock_path.exists() and not lock_path.is_file():  # opening a pipe would block
            raise IsADirectoryError(errno.EISDIR, "not a regular file", str(lock_path))
        lock = open(lock_path, "a")  # noqa: SIM115 - held across the yield
    except OSError as exc:
        raise StoreError(
            f"cannot write beside the database {path} ({os_reason(exc)}); "
            "choose a writable place with --db PATH"
        ) from None
    with lock:
        _acquire(lock, lock_path, wait, on_wait)
        try:
            _sweep(path)
            yield
        except BaseException:
            if not path.exists():  # a first load failed: leave no lock without a database
                with contextlib.suppress(OSError):
                    lock_path.unlink()
            raise
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _acquire(
    lock: IO[str], lock_path: Path, wait: float, on_wait: Callable[[str], None] | None
) -> None:
    """Take the build lock, waiting at most `wait` seconds for the process holding it."""
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    holder = _holder(lock_path)
    if on_wait is not None:
        on_wait(
            f"another roa-evidence process{holder} is updating the database (it holds "
            f"{lock_path}); waiting up to {wait:g} s (--wait SECONDS)"
        )
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"another roa-evidence process{holder} has held {lock_path} for over "
                    f"{wait:g} s (a long load, or one stopped or hung); nothing was changed; "
                    "run again when it is done, or wait longer with --wait SECONDS"
                ) from None
            time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))


def _holder(lock_path: Path) -> str:
    """' (process 1234)' when /proc/locks names who holds `lock_path`, else ''."""
    try:
        inode = lock_path.stat().st_ino
        with open("/proc/locks") as locks:
            for line in locks:
                fields = line.split()
                if "->" in fields:  # a waiter, not the holder
                    continue
                if len(fields) >= 6 and fields[5].rsplit(":", 1)[-1] == str(inode):
                    return f" (process {fields[4]})"
    except (OSError, ValueError):
        pass
    return ""


def _sweep(path: Path) -> None:
    """Remove what killed loads left; only safe while holding the build lock."""
    for stale in stale_temporaries(path):
        with contextlib.suppress(OSError):
            stale.unlink()
    _settle_journal(path)


def _settle_journal(path: Path) -> None:
    """Leave no rollback journal beside the database.

    A killed incremental update leaves one. A journal must never outlive the file
    it belongs to: beside a database renamed over the old one, SQLite would "roll
    back" the new file with the old file's pages. Opening the database rolls a hot
    journal back (SQLite then deletes it); a journal left after that is not hot
    and is removed. If the rollback itself fails, the journal is kept: it is the
    only copy of the old pages.
    """
    journal = path.with_name(path.name + "-journal")
    if not journal.exists():
        return
    if path.exists():
        try:
            with contextlib.closing(sqlite3.connect(path)) as conn:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            return
    with contextlib.suppress(OSError):
        journal.unlink()


def os_reason(exc: OSError) -> str:
    """An OSError in words a user can act on."""
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        return "a file is in the way where a folder is needed"
    if exc.errno == errno.EROFS:
        return "the location is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full"
    if exc.errno == errno.ENOENT:
        return "no file can be created there"
    return exc.strerror or str(exc)


def replaceable(path: Path) -> bool:
    """True unless `path` holds something other than a roa-evidence database.

    A load replaces the database file; it must never replace a user's other file
    named by mistake with --db.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False  # a named pipe or a device: opening it could block, never ours
        with open(path, "rb") as handle:
            header = handle.read(16)
    except OSError:
        return True  # absent (or not a file): creating it reports its own error
    if not header:
        return True
    if header != b"SQLite format 3\x00":
        return False
    try:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
            ).fetchone()
    except sqlite3.Error:
        return False
    return found is not None
