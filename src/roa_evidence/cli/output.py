"""Writing a command's result to stdout: `render(result, fmt)` for json, csv, md and table.

A result says how it is written in each format it offers (see `results`); the
commands do not repeat the branches.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from .common import err


class Output:
    """A command's result. Each format a command offers is one method here; the
    command's format option never offers one its result does not write."""

    empty = ""  # said on stderr instead of a table with no rows

    def data(self) -> Any:
        """What `--format json` prints."""
        raise NotImplementedError

    def write_csv(self, stream: TextIO) -> None:
        raise NotImplementedError

    def write_md(self, stream: TextIO) -> None:
        raise NotImplementedError

    def is_empty(self) -> bool:
        return False

    def show(self) -> None:
        """The table: rich on a terminal, plain text when piped."""
        raise NotImplementedError


def render(result: Output, fmt: str) -> None:
    """Write `result` to stdout as json, csv, md or table (`fmt`)."""
    if fmt == "json":
        emit_json(result.data())
    elif fmt == "csv":
        result.write_csv(sys.stdout)
    elif fmt == "md":
        result.write_md(sys.stdout)
    elif result.is_empty():
        err(result.empty)
    else:
        result.show()


def print_rich(renderable: Any) -> None:
    """Print a rich renderable; piped, as plain text without trailing spaces."""
    # lazy: csv and rich; the CLI starts without them
    from .piped import is_plain
    from .render import console

    out = console()
    if not is_plain():
        # no cropping: a key or id longer than the terminal is wrapped by it, never cut
        out.print(renderable, crop=False)
        return
    with out.capture() as captured:
        out.print(renderable)
    # Rich pads every cell to its column's width; piped text should not end in spaces.
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def emit_json(data: Any) -> None:
    # lazy: csv; the CLI starts without it
    from .piped import dump_json_bytes

    encoded = dump_json_bytes(data) + b"\n"
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (a test's capture): decode
        sys.stdout.write(encoded.decode())
        return
    sys.stdout.flush()  # keep anything written before in order
    buffer.write(encoded)  # megabytes of JSON: no decode to text and encode back
    buffer.flush()


def stream_json(data: object) -> None:
    """`emit_json`'s output, written as it is encoded: a large draft's report (a finding per
    sentence) never sits in memory as one string."""
    import json  # lazy: the CLI starts without it (2 ms), and only --format json uses it

    buffered: list[str] = []
    size = 0
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        buffered.append(chunk)
        size += len(chunk)
        if size > 1 << 16:
            sys.stdout.write("".join(buffered))
            buffered, size = [], 0
    sys.stdout.write("".join(buffered) + "\n")
