"""Shell completion for vocabulary terms, claim ids and citation keys.

A completion runs on every Tab press, so it reads no database and imports no
framework: ids and keys are picked out of the data files with a regular expression.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import typer

from .. import vocab
from ..bounded import MAX_DATA_FILE, read_bytes
from ..errors import EvidenceError
from ..load.inputs import default_data_dir
from ..load.vocabfile import base_vocabulary

_CLAIM_ID = re.compile(r"^[ \t]*(?:-[ \t]+)?id:[ \t]*[\"']?([A-Za-z0-9][\w.-]*)", re.MULTILINE)
_BIB_KEY = re.compile(r"^[ \t]*@(\w+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.MULTILINE)
_NOT_ENTRIES = {"string", "comment", "preamble"}


def _matching(terms: Iterable[str], incomplete: str) -> list[str]:
    """Terms starting with what was typed (case-insensitive); after a comma
    (`--route IM,I`), the last item completes and the ones before stay."""
    done, _, last = incomplete.rpartition(",")
    head = done + "," if done else ""
    return [head + t for t in terms if t.lower().startswith(last.lower())]


def _data_dir(ctx: typer.Context) -> Path:
    root = ctx.find_root()
    chosen = root.params.get("data") or os.environ.get("ROA_EVIDENCE_DATA")
    if chosen:
        return Path(chosen)

    return default_data_dir()


def _read(path: Path) -> str:
    try:  # a regular file only: a symlink to /dev/zero must not hang the shell
        return read_bytes(path, MAX_DATA_FILE).decode("utf-8", errors="replace")
    except OSError:
        return ""


def claim_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    data = _data_dir(ctx)
    files = [data / "claims.yaml", *sorted((data / "claims").glob("*.yaml"))]
    ids = (m.group(1) for path in files for m in _CLAIM_ID.finditer(_read(path)))
    return _matching(dict.fromkeys(ids), incomplete)


def citation_keys(ctx: typer.Context, incomplete: str) -> list[str]:
    text = _read(_data_dir(ctx) / "studies.bib")
    keys = (m.group(2) for m in _BIB_KEY.finditer(text) if m.group(1).lower() not in _NOT_ENTRIES)
    return _matching(dict.fromkeys(keys), incomplete)


def _terms(kind: str) -> Callable[[typer.Context, str], list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        if kind in ("route", "topic", "condition"):  # the base's own (its vocabulary.yaml)
            try:
                return _matching(base_vocabulary(_data_dir(ctx)).terms(kind), incomplete)
            except (EvidenceError, OSError):
                return []  # a broken vocabulary: nothing to offer; validate says why
        terms = {
            "design": vocab.DESIGNS,
            "status": vocab.STATUSES,
            "certainty": vocab.CERTAINTIES[1:],
        }[kind]
        return _matching(terms, incomplete)

    return complete


routes = _terms("route")
topics = _terms("topic")
designs = _terms("design")
conditions = _terms("condition")
statuses = _terms("status")
certainties = _terms("certainty")
