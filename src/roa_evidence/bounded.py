"""Reading files a hostile evidence base may name: regular files of bounded size only.

A data file can be a symlink (git carries them) to /dev/zero or /dev/urandom, or a
named pipe nobody writes to; reading such a thing whole exhausts memory or blocks
forever. Every file roa-evidence reads goes through `open_regular`, which refuses
anything but a regular file at once (opening without blocking, then checking what was
opened) and anything over the limit for its kind (docs/scale.md lists them).
"""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path
from typing import BinaryIO

# The limits, by what a file is (each far above any real one; docs/scale.md).
MAX_DATA_FILE = 512 * 2**20  # studies.bib, claims.yaml, claims/*.yaml
MAX_GRADING_FILE = 2**20  # grading.toml
MAX_DOCUMENT_FILE = 64 * 2**20  # a document's text, for quote checks
MAX_RETRACTIONS_FILE = 2 * 2**30  # the Retraction Watch CSV (about 60 MB in 2026)
MAX_DRAFT_FILE = 16 * 2**20  # a draft to check: some 2,000 pages, checked in about 2 minutes

_PIECE = 1 << 20


class NotReadable(OSError):
    """The path is not a regular file, or is larger than its limit; `reason` says which
    in a phrase (`is a named pipe, not a regular file`), `too_large` whether it is the
    size."""

    def __init__(self, path: Path, reason: str, too_large: bool = False) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason
        self.too_large = too_large


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode):
        return "a device (such as /dev/zero)"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: Path, limit: int) -> BinaryIO:
    """`path` opened for reading in binary; raises NotReadable, without blocking, when it
    is not a regular file (symlinks followed) or is larger than `limit` bytes, and
    OSError when it cannot be opened."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            kind = _kind(info.st_mode)
            what = kind if kind == "not a regular file" else f"{kind}, not a regular file"
            raise NotReadable(path, f"is {what}")
        if info.st_size > limit:
            raise NotReadable(path, _too_large(info.st_size, limit), too_large=True)
        return open(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path, limit: int) -> bytes:
    """A regular file's content, read in pieces and never more than `limit` bytes
    (a file growing while read is refused too)."""
    with open_regular(path, limit) as handle:
        buffer = io.BytesIO()
        while piece := handle.read(_PIECE):
            buffer.write(piece)
            if buffer.tell() > limit:
                raise NotReadable(path, _too_large(buffer.tell(), limit), too_large=True)
        return buffer.getvalue()


Content = bytes | OSError  # a file's bytes, or why they could not be read


def read_content(path: Path, limit: int) -> Content:
    """`read_bytes`, with the reason it failed kept as a value: the reader that needs the
    file later says what is wrong, in its own words and at its place among the problems."""
    try:
        return read_bytes(path, limit)
    except OSError as exc:
        return exc


def _too_large(size: int, limit: int) -> str:
    return f"is {max(1, size // 2**20):,} MB, over the {_mb(limit)} limit for such a file"


def _mb(limit: int) -> str:
    return f"{limit // 2**30} GB" if limit >= 2**30 else f"{limit // 2**20} MB"
