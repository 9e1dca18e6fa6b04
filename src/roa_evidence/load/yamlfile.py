"""Reading YAML safely, with the line of every key kept for error messages.

Hand-edited files deserve messages that point at a line, so mappings and
sequences are built as `LineDict` / `LineList`, which remember where each key
and item started. Only YAML's safe tags are accepted; duplicate keys, alias
bombs and absurd nesting are refused before anything is built from them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

try:  # libyaml's parser is several times faster; the pure one is the fallback.
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 2_000_000


class LineDict(dict[Any, Any]):
    """A mapping that knows the line of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence that knows the line of each of its items (1-based)."""

    line: int = 0
    item_lines: list[int]


class YamlError(Exception):
    """A YAML file could not be read; carries the line where it went wrong."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise YamlError(line, "a mapping key must be a plain value")
        if key in result:
            raise YamlError(
                line, f"duplicate key '{key}' (first at line {result.key_lines[key]}); keep one"
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [item.start_mark.line + 1 for item in node.value]
    return result


def line_loader(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """A safe loader over `base` (libyaml's or the pure one) that keeps lines."""

    class LineLoader(base):  # type: ignore[valid-type,misc]
        pass

    LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
    return LineLoader


_LineLoader = line_loader(_BaseLoader)

TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels; flatten the structure"
# Limits a parser may enforce before our own checks run (libyaml's flow-level cap,
# the pure parser's recursion): reported in the same words as our own check.
_PARSER_DEPTH_LIMITS = ("nesting depth", "recursion")


def _check_shape(root: yaml.Node) -> None:
    """Refuse alias bombs and deep nesting before constructing anything.

    Aliases share one node, so the walk is memoised per node and the expanded
    size is computed without expanding it.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if depth > MAX_DEPTH:
            raise YamlError(node.start_mark.line + 1, TOO_DEEP)
        children: Sequence[yaml.Node]
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = ()
        if children_done:
            size = 1 + sum(sizes[id(child)] for child in children)
            if size > MAX_EXPANDED_NODES:
                raise YamlError(
                    node.start_mark.line + 1,
                    "aliases expand to more than "
                    f"{MAX_EXPANDED_NODES:,} values (an alias bomb?); write the values out",
                )
            sizes[id(node)] = size
            continue
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in sizes)


def parse_yaml(text: str) -> Any:
    """Parse one YAML document into LineDict / LineList / scalars, or raise YamlError."""
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_shape(node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        if any(limit in str(exc.problem) for limit in _PARSER_DEPTH_LIMITS):
            raise YamlError(_first_deep_line(text) or line, TOO_DEEP) from None
        raise YamlError(line, _explain(exc, column)) from None
    except RecursionError:
        raise YamlError(_first_deep_line(text), TOO_DEEP) from None
    except yaml.YAMLError as exc:
        raise YamlError(None, str(exc).splitlines()[0]) from None
    finally:
        loader.dispose()


def _first_deep_line(text: str) -> int | None:
    """Where a parser that gave up on the depth without saying where should point:
    the first line where brackets nest deeper than MAX_DEPTH (quoted text skipped),
    else the most indented line (block nesting)."""
    depth = 0
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        quote = ""
        for char in line:
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return number
            elif char in "]}":
                depth -= 1
    if not lines:
        return None
    indents = [len(line) - len(line.lstrip(" -")) for line in lines]
    return indents.index(max(indents)) + 1


# PyYAML's wording -> what usually causes it, in plain words (the first match wins).
_LIKELY_CAUSES = (
    (
        "expected '-' indicator",
        "a list item is indented differently from the items before it; start every item of "
        "the list with '-' at the same column",
    ),
    (
        "did not find expected key",
        "this line is indented differently from the keys before it, a quote above is left "
        "open, or a value holds an unquoted ': '; line up the keys of the mapping, close the "
        "quote, or put the value in quotes",
    ),
    (
        "mapping values are not allowed",
        "a ':' where no key can start: this line or the one above is indented further than "
        "the keys around it, or a value holds an unquoted ': '; line up the keys, or put the "
        "value in quotes",
    ),
    (
        "expected <block end>",
        "this line is indented less or more than the block it belongs to; line it up with "
        "the keys or items above it",
    ),
    (
        "found unexpected end of stream",
        "a quote opened earlier is never closed; close it",
    ),
    (
        "did not find expected node content",
        "a value is missing after a '[', '{' or ',' (a list or mapping left open, or a stray "
        "comma); finish or close it",
    ),
    (
        "did not find expected ',' or ']'",
        "a '[' list is not closed with ']', or its items lack commas; close it",
    ),
    (
        "did not find expected ',' or '}'",
        "a '{' mapping is not closed with '}', or its entries lack commas; close it",
    ),
    (
        "found undefined alias",
        "a '*name' refers to an anchor '&name' that is not defined above; define it or quote "
        "the value",
    ),
    (
        "found character that cannot start any token",
        "a value starts with a character YAML reserves (such as '@' or '`'); put the value "
        "in quotes",
    ),
)


def _explain(exc: yaml.MarkedYAMLError, column: int | None = None) -> str:
    problem = (exc.problem or str(exc)).strip()
    if "'\\t'" in problem or "tab" in problem:
        return "a tab character is not allowed for indentation in YAML; indent with spaces"
    if "could not determine a constructor" in problem or "python/" in problem:
        tag = problem.split("for the tag", 1)[-1].strip(" '")
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return f"the tag '{tag}' is not allowed (only plain YAML values are); remove it"
    at = f"column {column}: " if column else ""
    for wording, cause in _LIKELY_CAUSES:
        if wording in problem:
            return f"{at}{cause} (YAML said: {problem})"
    context = f"{exc.context.strip()}, " if exc.context else ""
    return f"{at}YAML syntax error: {context}{problem}; fix the syntax there"


def line_of(root: Any, location: Sequence[str | int]) -> int | None:
    """The line of the deepest key or item on the path `location` under `root`."""
    line: int | None = getattr(root, "line", None) or None
    node = root
    for step in location:
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line
