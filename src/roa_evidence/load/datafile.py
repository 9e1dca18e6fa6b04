"""A hand-written data file read for the person who fixes it.

Its text, its YAML or its grading settings, or the problems saying why not;
and what a validation error in it means, with its line.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..grading import DEFAULT_CONFIG, GradingConfig
from .yamlfile import YamlError, line_of, parse_yaml


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """A data file's text, or the reason it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(path, None, "the file is missing; create it or pass --data DIR")]
    except IsADirectoryError:
        return None, [
            Problem(path, None, "this is a folder, not a file; put the file in its place")
        ]
    except PermissionError:
        return None, [
            Problem(path, None, "cannot be read (permission denied); check its permissions")
        ]
    except OSError as exc:
        return None, [Problem(path, None, f"cannot be read ({exc.strerror}); check the file")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                path, line, f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8"
            )
        ]


def read_yaml_text(path: Path, text: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; a syntax problem comes back with its line."""
    try:
        return parse_yaml(text), []
    except YamlError as exc:
        return None, [Problem(path, exc.line, exc.message)]
    except RecursionError:
        return None, [Problem(path, None, "nesting is too deep to read; flatten the structure")]


def read_config(path: Path) -> tuple[GradingConfig, list[Problem]]:
    """grading.toml's settings, or the defaults and the problems found in it."""
    text, problems = read_text(path)
    if text is None:
        return DEFAULT_CONFIG, problems
    try:
        raw = tomllib.loads(text)
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
    if kind == "literal_error":
        return f"{error['msg'].lower()}, not {error['input']!r}"
    if kind == "string_pattern_mismatch":
        return f"{error['input']!r} is not a valid id; use lowercase letters, digits and hyphens"
    return f"{str(error['msg']).lower()} (got {error['input']!r}); fix the value"
