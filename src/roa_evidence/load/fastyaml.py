"""The fast YAML parser, kept in this one module so that it can be swapped.

`yaml-rs` (Rust) reads a claims file about 18 times faster than PyYAML's C
loader (measured when it was chosen), refuses duplicate keys and caps alias
expansion. It keeps no line numbers, so it is only the first try: when it
cannot read a file, or the file reads but does not validate, the loader reads
the file again with `yamlfile.parse_yaml`, whose messages carry lines.

yaml-rs reads YAML 1.2, PyYAML YAML 1.1. On a file that loads they agree
except on a few plain scalars, where 1.2 reads what a person means: `yes`,
`no`, `on`, `off` stay text (1.1: booleans), `010` is ten (1.1: eight) and
`1:20` stays text (1.1: eighty). A file with a tag or a merge key (`<<`) goes
straight to PyYAML, which refuses tags, as before.
"""

from __future__ import annotations

from typing import Any

try:
    import yaml_rs
except ImportError:  # pragma: no cover - depends on the installation
    yaml_rs = None  # type: ignore[assignment]

AVAILABLE = yaml_rs is not None

_BEFORE_TAG = frozenset(" \t\r\n[{,")


def _has_tag(text: str) -> bool:
    """True if a `!` starts a node (a tag), not just sits inside a text."""
    at = text.find("!")
    while at != -1:
        if at == 0 or text[at - 1] in _BEFORE_TAG:
            return True
        at = text.find("!", at + 1)
    return False


class Unsupported(Exception):
    """The fast parser cannot (or should not) read this text; use the line-tracking one."""


def loads(text: str) -> Any:
    """Parse one YAML document into plain dicts, lists and scalars, or raise Unsupported."""
    if yaml_rs is None or "<<" in text or _has_tag(text):
        raise Unsupported
    try:
        return yaml_rs.loads(text)
    except Exception as exc:  # yaml-rs raises its own decode error and ValueError
        raise Unsupported from exc
