"""A SQLite database file kept safe: one build at a time, no leftovers of killed
loads, and never replacing a file that is not ours."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..atomic import stale_temporaries
from ..errors import StoreError


@contextlib.contextmanager
def build_lock(path: Path | None) -> Iterator[None]:
    """One build at a time per SQLite file: a second load waits, then finds it current.

    `path` is the SQLite file; None for a database server, where builds serialise on
    an advisory lock inside their transaction.
    """
    if path is None:
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(lock_path, "a")  # noqa: SIM115 - held across the yield
    except OSError as exc:
        raise StoreError(
            f"cannot write beside the database {path} ({os_reason(exc)}); "
            "choose a writable place with --db PATH"
        ) from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
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
