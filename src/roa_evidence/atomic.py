"""Files that appear only when whole: a temporary file beside the target, renamed into place.

The store's SQLite build and the exports both write this way, so a failure or a kill
leaves the previous file (or no file) and never a half-written one. Temporary files are
named `.<name>.<random>.tmp`, so a later run can sweep what a killed one left
(`stale_temporaries`).
"""

from __future__ import annotations

import fcntl
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TextIO

from .errors import OutputError


class Replacement:
    """A new, private temporary file beside `path` (created at once; OSError if it cannot be),
    which `commit` moves to `path`. Used as a context manager, it removes the temporary
    file when the block ends, so nothing is left behind whether the block commits or fails."""

    def __init__(self, path: Path) -> None:
        self.path = path
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self.handle = handle
        self.temp = Path(name)
        # Locked until the block ends (through a second descriptor: the writer closes
        # `handle`): a later run sweeps only unlocked temporaries, which killed writers left.
        self._lock = os.dup(handle)
        fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def commit(self, *, overwrite: bool = True) -> None:
        """Flush the temporary file to disk and move it to `path`. Without `overwrite`, raise
        FileExistsError if `path` exists (even if another process created it meanwhile)."""
        with open(self.temp, "rb+") as written:
            os.fsync(written.fileno())
        if overwrite:
            os.replace(self.temp, self.path)
            return
        try:
            os.link(self.temp, self.path)  # fails, atomically, if `path` appeared meanwhile
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            if self.path.exists():
                raise FileExistsError(self.path) from None
            os.replace(self.temp, self.path)

    def __enter__(self) -> Replacement:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.temp.unlink(missing_ok=True)
        os.close(self._lock)


def stale_temporaries(path: Path) -> Iterator[Path]:
    """The temporary files a killed `Replacement` of `path` may have left."""
    import glob

    return path.parent.glob(f".{glob.escape(path.name)}.*.tmp")


def sweep_abandoned(path: Path) -> None:
    """Remove the temporary files of `path` that killed writers left: those no live
    `Replacement` holds locked (another export of the same file may be running)."""
    for stale in stale_temporaries(path):
        try:
            with open(stale, "rb") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                stale.unlink()
        except OSError:
            continue  # held by a live writer, or gone already


def _not_regular(path: Path) -> str | None:
    """What `path` is when it exists and is not a regular file (symlinks followed)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


@contextmanager
def atomic_output(path: Path | None, *, force: bool = False) -> Iterator[TextIO]:
    """A UTF-8 text stream whose content appears at `path` only once the block completes
    (written to a temporary file beside it and renamed into place). None or `-` is stdout.

    Raises OutputError if `path` exists and `force` is false, or cannot be written.
    """
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    if path.is_dir():
        raise OutputError(f"{path} is a folder; name a file to write")
    kind = _not_regular(path)
    if kind is not None:  # --force would replace it with a file: /dev/null, a named pipe
        raise OutputError(
            f"{path} is {kind}, and -o writes only regular files (whole, or not at all); "
            "to send the output there, leave out -o and redirect standard output "
            f"(> {path}, or | COMMAND)"
        )
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; pass --force to overwrite it")
    folder = path.parent
    sweep_abandoned(path)
    try:
        replacement = Replacement(path)
    except FileNotFoundError:
        if folder.is_dir():  # /proc, /sys: a folder that takes no new files
            raise OutputError(
                f"cannot write {path}: no file can be created in the folder {folder}; "
                "choose another folder"
            ) from None
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise OutputError(f"cannot write {path} ({exc.strerror or exc})") from None
    with replacement:
        try:
            with open(replacement.handle, "w", encoding="utf-8", newline="") as stream:
                yield stream
            umask = os.umask(0)
            os.umask(umask)
            # mkstemp made it private; an export is an ordinary file
            os.chmod(replacement.temp, 0o666 & ~umask)
            try:
                replacement.commit(overwrite=force)
            except FileExistsError:
                raise OutputError(f"{path} already exists; pass --force to overwrite it") from None
        except OSError as exc:
            raise OutputError(f"cannot write {path} ({exc.strerror or exc})") from None
