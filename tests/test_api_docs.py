"""Every public name of the Python API is documented in docs/python-api.md, and every
name documented there is public (as datasette's test_docs does for its plugin hooks)."""

from __future__ import annotations

import re
from pathlib import Path

import roa_evidence

PAGE = Path(__file__).resolve().parents[1] / "docs" / "python-api.md"


def _documented() -> set[str]:
    return set(re.findall(r"^#{3,4} `([A-Za-z_][A-Za-z0-9_]*)`$", PAGE.read_text(), re.M))


def test_every_public_name_is_documented() -> None:
    missing = set(roa_evidence.__all__) - _documented()
    assert not missing, f"document these in docs/python-api.md: {sorted(missing)}"


def test_every_documented_name_is_public_and_importable() -> None:
    documented = _documented()
    assert documented - set(roa_evidence.__all__) == set()
    for name in documented:
        assert getattr(roa_evidence, name) is not None
