"""A hand-written data file read for the person who fixes it.

Its text, its YAML or its grading settings, or the problems saying why not;
and what a validation error in it means, with its line.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from ..bounded import MAX_DATA_FILE, Content, NotReadable, read_content
from ..errors import InvalidData, Problem
from ..grading import DEFAULT_CONFIG, GradingConfig
from .yamlfile import YamlError, line_of, parse_yaml


class Problems:
    """Problems found in data files, collected so that every one is reported at once,
    then raised together (`raise_any`), as pybtex's `errors` module collects them.
    `strict`: the caller only needs to know whether the files are valid (the incremental
    load), so it stops reading at the first file with a problem, and only the first is
    raised. Adding never raises: a reader reads a file whole, then its caller decides."""

    def __init__(self, strict: bool = False) -> None:
        self.strict = strict
        self.found: list[Problem] = []

    def add(self, *problems: Problem) -> None:
        self.found += problems

    def raise_any(self, files: list[Path]) -> None:
        """Raise InvalidData with every problem (the first, when `strict`), in the order
        of `files` and by line."""
        if self.found:
            order = {path: i for i, path in enumerate(files)}
            self.found.sort(key=lambda p: (order.get(p.path, len(order)), p.line or 0))
            raise InvalidData(self.found[:1] if self.strict else self.found)


def read_text(path: Path, limit: int = MAX_DATA_FILE) -> tuple[str | None, list[Problem]]:
    """A data file's text (a regular file of at most `limit` bytes), or the reason it
    cannot be read."""
    return decoded(path, read_content(path, limit))


def decoded(path: Path, content: Content) -> tuple[str | None, list[Problem]]:
    """The text of a file already read (`inputs.read_inputs`), or the reason it cannot be
    read or decoded."""
    if isinstance(content, OSError):
        return None, [Problem(path, None, _unreadable(content))]
    try:
        return content.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                path, line, f"byte 0x{content[exc.start]:02x} is not UTF-8; save the file as UTF-8"
            )
        ]


def _unreadable(error: OSError) -> str:
    if isinstance(error, NotReadable):
        advice = (
            "check it is the right file" if error.too_large else "put the file itself in its place"
        )
        return f"{error.reason}; {advice}"
    if isinstance(error, FileNotFoundError):
        return "the file is missing; create it or pass --data DIR"
    if isinstance(error, IsADirectoryError):
        return "this is a folder, not a file; put the file in its place"
    if isinstance(error, PermissionError):
        return "cannot be read (permission denied); check its permissions"
    return f"cannot be read ({error.strerror}); check the file"


def read_yaml_text(path: Path, text: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; a syntax problem comes back with its line."""
    try:
        return parse_yaml(text), []
    except YamlError as exc:
        return None, [Problem(path, exc.line, exc.message)]
    except RecursionError:
        return None, [Problem(path, None, "nesting is too deep to read; flatten the structure")]


def read_config(path: Path, content: Content) -> tuple[GradingConfig, list[Problem]]:
    """grading.toml's settings from its `content`, or the defaults and the problems found
    in it."""
    text, problems = decoded(path, content)
    if text is None:
        return DEFAULT_CONFIG, problems
    too_deep = _toml_too_deep(text)
    if too_deep is not None:
        return DEFAULT_CONFIG, [
            Problem(
                path,
                too_deep,
                f"arrays or tables nest more than {MAX_TOML_DEPTH} levels deep; flatten them",
            )
        ]
    try:
        raw = tomllib.loads(text)
    except RecursionError:  # not reached past the depth check; kept as a last guard
        return DEFAULT_CONFIG, [Problem(path, None, "nesting is too deep to read; flatten it")]
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        return DEFAULT_CONFIG, [
            Problem(
                path,
                int(match.group(1)) if match else None,
                f"TOML syntax error ({exc}); fix the syntax",
            )
        ]
    try:
        return GradingConfig.from_mapping(raw.get("grading", raw)), []
    except ValueError as exc:
        return DEFAULT_CONFIG, [Problem(path, None, f"{exc}; see docs/grading.md")]


MAX_TOML_DEPTH = 32  # tomllib recurses once per level, and a grading setting needs two


def _toml_too_deep(text: str) -> int | None:
    """The line where TOML's arrays and inline tables first nest deeper than
    MAX_TOML_DEPTH, or None; strings and comments are skipped, so brackets in them
    do not count."""
    depth, line, i, size = 0, 1, 0, len(text)
    while i < size:
        char = text[i]
        if char == "\n":
            line += 1
        elif char == "#":
            end = text.find("\n", i)
            i = size if end == -1 else end
            continue
        elif char in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else char
            j = i + len(quote)
            while j < size and not text.startswith(quote, j):
                if quote[0] == '"' and text[j] == "\\":
                    j += 1
                elif len(quote) == 1 and text[j] == "\n":
                    break  # an unclosed string: tomllib reports it
                j += 1
            line += text.count("\n", i, j)
            i = j + len(quote)
            continue
        elif char in "[{":
            depth += 1
            if depth > MAX_TOML_DEPTH:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None


def validation_problem(path: Path, raw: Any, error: Any, claim_id: object = None) -> Problem:
    """One pydantic error in `raw` (read from `path`) as a problem at its line."""
    location = tuple(error["loc"])
    # A failing AfterValidator reports the list index; drop pydantic's internal parts.
    location = tuple(step for step in location if not (isinstance(step, str) and "[" in step))
    line = line_of(raw, location)
    dotted = ".".join(str(step) for step in location) or "file"
    prefix = f"claim '{claim_id}': " if isinstance(claim_id, str) else ""
    return Problem(path, line, f"{prefix}{dotted}: {_describe(error)}")


def _describe(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field; remove it or check its spelling"
    if kind == "missing":
        return "required field is missing; add it"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"must be a whole number, not {error['input']!r}"
    if kind == "greater_than":
        return f"must be a positive number, not {error['input']!r}"
    if kind == "less_than_equal":
        return f"must be at most {error['ctx']['le']:,}, not {error['input']!r}"
    if kind == "literal_error":
        return f"{error['msg'].lower()}, not {error['input']!r}"
    if kind == "string_pattern_mismatch":
        return f"{error['input']!r} is not a valid id; use lowercase letters, digits and hyphens"
    return f"{str(error['msg']).lower()} (got {error['input']!r}); fix the value"
