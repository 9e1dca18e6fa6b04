"""`init`: a new, empty evidence base with its own vocabulary, ready for `validate`.

The folder appears whole or not at all: the files are written into a temporary folder
beside it, which is then renamed into place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path

from ..errors import EvidenceError
from ..grading import DEFAULT_CONFIG
from ..load.inputs import BIB_NAME, CLAIMS_NAME, GRADING_NAME, VOCABULARY_NAME
from ..load.vocabfile import Vocabulary, vocabulary_yaml


class InvalidVocabulary(EvidenceError):
    """A term or alias given to `init` cannot be declared."""


class FolderNotEmpty(EvidenceError):
    """`init` was pointed at a folder that already holds files."""


def parse_declared(kind: str, values: Iterable[str]) -> tuple[tuple[str, ...], dict[str, str]]:
    """Terms as `init` takes them, `TERM=ALIAS/ALIAS` separated by commas (`IV=intravenous,IM`),
    as the terms in order and their aliases (lowercase alias -> term).

    Raises InvalidVocabulary for an empty term or a spelling given twice.
    """
    terms: list[str] = []
    aliases: dict[str, str] = {}
    taken: dict[str, str] = {}
    for item in (part.strip() for value in values for part in value.split(",")):
        if not item:
            continue
        term, _, spelled = item.partition("=")
        term = term.strip()
        others = [alias.strip() for alias in spelled.split("/") if alias.strip()]
        if not term or " " in term:
            raise InvalidVocabulary(
                f"--{kind}s: '{item}' names no {kind}; write TERM or TERM=ALIAS/ALIAS, "
                "e.g. IV=intravenous/infusion"
            )
        for spelling in (term, *others):
            owner = taken.setdefault(spelling.lower(), term)
            if owner != term or (spelling == term and term in terms):
                raise InvalidVocabulary(
                    f"--{kind}s: '{spelling}' is given twice; give each spelling to one {kind}"
                )
            if spelling != term:
                aliases[spelling.lower()] = term
        terms.append(term)
    return tuple(terms), aliases


def create_base(folder: Path, vocabulary: Vocabulary) -> list[Path]:
    """Create an evidence base in `folder` (new, or empty) declaring `vocabulary`; return
    the files written. Raises FolderNotEmpty, or EvidenceError when it cannot be written."""
    if folder.exists() and not folder.is_dir():
        raise FolderNotEmpty(f"{folder} is a file; choose a new folder for the evidence base")
    if folder.is_dir() and any(folder.iterdir()):
        held = sorted(path.name for path in folder.iterdir())
        shown = ", ".join(held[:3]) + (", ..." if len(held) > 3 else "")
        raise FolderNotEmpty(
            f"{folder} is not empty (it holds {shown}); choose a new or empty folder, so that "
            "no file of yours is overwritten"
        )
    files = {
        VOCABULARY_NAME: vocabulary_yaml(vocabulary),
        CLAIMS_NAME: _CLAIMS,
        BIB_NAME: _STUDIES,
        GRADING_NAME: grading_toml(),
        "README.md": _readme(folder, vocabulary),
    }
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as exc:
        raise EvidenceError(
            f"cannot create {folder} ({exc.strerror}); check the folder above it"
        ) from None
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        staging.chmod(0o777 & ~_umask())
        os.replace(staging, folder)  # an empty folder is replaced; a filled one refuses
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise EvidenceError(
            f"cannot create {folder} ({exc.strerror}); nothing was written"
        ) from None
    return [folder / name for name in files]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def grading_toml() -> str:
    """Every grading setting with its default, commented out: the base grades by GRADE's
    defaults until a line is uncommented and changed."""
    lines = [
        "# Grading settings (docs/grading.md). Each line below is a default: uncomment it",
        "# and change the value to grade this base differently.",
        "[grading]",
    ]
    for setting in fields(DEFAULT_CONFIG):
        value = getattr(DEFAULT_CONFIG, setting.name)
        lines.append(f"# {setting.name} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    if value is None:
        return "<a number>  (unset by default)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(f'"{item}"' for item in value) + "]"
    return repr(value)


_CLAIMS = """\
# The claims this base tracks: docs/data-format.md describes every field.
version: 1
documents: []          # citation keys of the documents whose claims you track
# documents_dir: texts # where their text files are, for `validate --documents`
claims: []
# An example, to copy:
#  - id: iv-efficacy-depression
#    statement: Intravenous ketamine reduces depressive symptoms within a day.
#    routes: [IV]
#    topic: efficacy
#    condition: depression
#    asserted_by:
#      - document: somedocument2024
#        quote: "a verbatim span of the document"
#    evidence:
#      - source: somestudy2020
#        stance: supports
"""

_STUDIES = """\
% Every work of this base: the documents and the studies they cite, in BibTeX.
% `roa-evidence sources import FILE.ris` adds a reference manager's export here;
% appraise each entry with design, n, blinding, population, condition, routes and
% quality (docs/data-format.md).
"""


def _readme(folder: Path, vocabulary: Vocabulary) -> str:
    return f"""\
# {folder.name}: an evidence base

Made by `roa-evidence init`. It declares its vocabulary in `vocabulary.yaml`:

- routes: {", ".join(vocabulary.routes)}
- topics: {", ".join(vocabulary.topics)}
- conditions: {", ".join(vocabulary.conditions)}

Next steps:

1. Import your studies from a reference manager (RIS):
   `roa-evidence --data {folder} sources import references.ris`
2. Appraise each new entry of `studies.bib` (design, n, blinding, ...):
   `roa-evidence --data {folder} validate` lists what each one still needs.
3. Add the documents you track to `studies.bib` and `documents:` in `claims.yaml`,
   then write claims, with the quotes that assert them and the evidence behind them.
4. Check the quotes against the documents' text:
   `roa-evidence --data {folder} validate --documents DIR`
5. Query and export: `roa-evidence --data {folder} claims`, `export --format fhir`.

A term the vocabulary does not declare is refused; add it to `vocabulary.yaml` first.
Grading settings are in `grading.toml` (all defaults until you change one).
"""
