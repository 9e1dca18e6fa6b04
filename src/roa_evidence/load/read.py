"""The evidence base on disk -> validated works and claims, every problem at once.

`read_evidence_base` reads `studies.bib`, `claims.yaml` (and/or
`claims/*.yaml`) and an optional `grading.toml`, validates them against the
vocabularies and each other (`crosscheck`), and either returns an
`EvidenceBase` or raises `InvalidData` listing every problem with its file and
line.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .. import vocab
from ..bounded import Content
from ..errors import Problem
from ..grading import DEFAULT_CONFIG, GradingConfig
from . import fastyaml
from .bibfile import Work, read_bib
from .crosscheck import (
    Located,
    absence_of_evidence_warnings,
    cross_check,
    cross_check_raw,
    duplicate_ids,
    incomplete_records,
)
from .datafile import Problems, decoded, read_config, read_yaml_text, validation_problem
from .evidence_base import Claim, EvidenceBase
from .inputs import GRADING_NAME, Inputs, file_key, read_inputs
from .schema import ClaimIn, ClaimsFileIn
from .vocabfile import inputs_vocabulary
from .workers import forked_pool
from .yamlfile import line_of


def read_evidence_base(
    data_dir: Path,
    while_waiting: Callable[[], object] | None = None,
    strict: bool = False,
) -> EvidenceBase:
    """Read and validate an evidence base; raise InvalidData with every problem found
    (`strict`: with the first one, for a caller that only needs to know whether it is valid).
    """
    inputs = read_inputs(data_dir)
    vocab.activate(inputs_vocabulary(inputs))  # before the fork: the worker checks its terms
    return read_base_files(inputs, while_waiting, strict)


def read_base_files(
    inputs: Inputs,
    while_waiting: Callable[[], object] | None = None,
    strict: bool = False,
) -> EvidenceBase:
    """`read_evidence_base` on the input files a load has already read and hashed
    (`inputs.read_inputs`), with the base's vocabulary already active: the folder is
    not looked at again.

    studies.bib is parsed in a second process while the claims files are read here.
    """
    data_dir, files = inputs.data_dir, inputs.files
    problems = Problems(strict)
    bib = read_works_in_background(files[0], inputs.content(files[0]))
    claim_files: list[ClaimsFile] = []
    try:
        for path in files[1:]:
            if path.suffix == ".yaml":
                first = sum(len(read.claims) for read in claim_files)
                claim_files.append(read_claims_file(path, inputs.content(path), problems, first))
                if problems.strict and problems.found:
                    problems.raise_any(files)  # the caller asked only whether the base is valid
        if while_waiting is not None:
            while_waiting()  # e.g. import what comes next, while studies.bib is still parsed
    finally:
        works, bib_problems, bib_read = bib.result()
    problems.add(*bib_problems)
    config = DEFAULT_CONFIG
    if data_dir / GRADING_NAME in files:
        config, config_problems = read_config(
            data_dir / GRADING_NAME, inputs.content(data_dir / GRADING_NAME)
        )
        problems.add(*config_problems)
    listed = {key for read in claim_files for key, _, _ in read.documents}
    if bib_read and not listed <= works.keys():
        for read in claim_files:
            read.documents = read.locate_documents()  # one will be reported, with its line
    documents = [place for read in claim_files for place in read.documents]
    claims = [claim for read in claim_files for claim in read.claims]
    problems.add(*duplicate_ids([place for read in claim_files for place in read.ids]))
    problems.add(*cross_check(works, documents, claims, known_works=bib_read))
    # A claim that failed validation still names documents and sources: check those too, so
    # that every mistake in a file surfaces in one run.
    invalid = [place for read in claim_files for place in read.invalid]
    problems.add(*cross_check_raw(works, documents, invalid, known_works=bib_read))
    problems.raise_any(files)
    base = _evidence_base(data_dir, files[0], works, documents, claims, config)
    documents_dir = next((read.documents_dir for read in claim_files if read.documents_dir), None)
    return dataclasses.replace(base, documents_dir=documents_dir)


WorksRead = tuple[dict[str, Work], list[Problem], bool]  # works, problems, whether read at all


def read_works(bib_path: Path, content: Content) -> WorksRead:
    """studies.bib (its `content`) as works by key, with every problem found in it."""
    text, problems = decoded(bib_path, content)
    if text is None:
        return {}, problems, False
    bib_works, bib_problems = read_bib(bib_path, text)
    return {work.key: work for work in bib_works}, problems + bib_problems, True


# Below this size a second process costs more than it saves.
PARALLEL_MIN_BYTES = 200_000


class _Done:
    def __init__(self, value: WorksRead) -> None:
        self._value = value

    def result(self) -> WorksRead:
        return self._value


class _Background:
    """read_works running in a forked worker process."""

    def __init__(self, bib_path: Path, content: Content) -> None:
        self._pool = forked_pool()
        self._future = self._pool.submit(read_works, bib_path, content)

    def result(self) -> WorksRead:
        try:
            return self._future.result()
        finally:
            self._pool.shutdown()


def read_works_in_background(bib_path: Path, content: Content) -> _Done | _Background:
    """Start parsing studies.bib on another core when there is one and the file is large."""
    size = 0 if isinstance(content, OSError) else len(content)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if size < PARALLEL_MIN_BYTES or (cores or 1) < 2 or os.name != "posix":
        return _Done(read_works(bib_path, content))
    return _Background(bib_path, content)


@dataclass
class ClaimsFile:
    """One claims file read: its documents, valid claims, every claim id seen (with
    lines), the claims that failed validation (as read), and its `documents_dir`."""

    path: Path
    documents: Located = dataclasses.field(default_factory=list)
    claims: list[Claim] = dataclasses.field(default_factory=list)
    ids: Located = dataclasses.field(default_factory=list)
    invalid: list[tuple[Path, Any]] = dataclasses.field(default_factory=list)
    documents_dir: Path | None = None
    # the documents with their lines: parsed again only when one of them is reported
    locate_documents: Callable[[], Located] = dataclasses.field(default=list, repr=False)


_CLAIM_LIST: TypeAdapter[list[ClaimIn]] = TypeAdapter(list[ClaimIn])
_ID_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?id:[ \t]*[\"']?([^\s\"'#,]+)", re.MULTILINE)


def read_claims_file(
    path: Path, content: Content, problems: Problems, first_position: int = 0
) -> ClaimsFile:
    """One claims file, its problems added to `problems`: the one claims reader.

    The values come from one parse (the fast parser, or the line-tracking one for what
    the fast one does not read), in one YAML dialect either way; the file is parsed
    again with line tracking only when a problem needs its line.
    """
    text, text_problems = decoded(path, content)
    if text is None:
        problems.add(*text_problems)
        return ClaimsFile(path)
    found = Problems()
    try:
        read = _read_claims(path, text, found, first_position)
    except _Unreadable as exc:  # what the fast parser read, the line-tracking one refuses
        problems.add(*exc.problems)
        return ClaimsFile(path)
    problems.add(*found.found)
    return read


class _Unreadable(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems


def _read_claims(path: Path, text: str, problems: Problems, first_position: int) -> ClaimsFile:
    read = ClaimsFile(path)
    located: Any = None
    try:
        raw = fastyaml.loads(text)
    except fastyaml.Unsupported:
        raw, yaml_problems = read_yaml_text(path, text)
        if yaml_problems:
            problems.add(*yaml_problems)
            return read
        located = raw

    def lines() -> Any:
        """The same values with the line of each key (parsed on first use)."""
        nonlocal located
        if located is None:
            located, refused = read_yaml_text(path, text)
            if refused:  # too deep, an alias bomb...: its limits hold for every file
                raise _Unreadable(refused)
        return located

    def located_claim(index: int) -> Any:
        try:
            return lines()["claims"][index]
        except (KeyError, IndexError):  # the line-tracking parser read no such claim
            return None

    if raw is None:
        problems.add(
            Problem(path, None, "the file is empty; write `version: 1` and a `claims:` list")
        )
        return read
    if not isinstance(raw, dict):
        message = (
            "the file must be a mapping with `version`, `documents` and `claims`, "
            "not a list or a value"
        )
        problems.add(Problem(path, getattr(lines(), "line", 1), message))
        return read
    try:
        top = ClaimsFileIn.model_validate(raw)
    except ValidationError as exc:
        problems.add(*(validation_problem(path, lines(), error) for error in exc.errors()))
        return read
    read.documents = [(key, path, None) for key in top.documents]
    read.locate_documents = lambda: [
        (key, path, line_of(lines(), ("documents", i))) for i, key in enumerate(top.documents)
    ]
    read.documents_dir = path.parent / top.documents_dir if top.documents_dir else None
    try:
        specs: list[ClaimIn | None] = list(_CLAIM_LIST.validate_python(top.claims))
    except ValidationError:
        specs = [
            _valid_claim(path, problems, top.claims, index, lines, located_claim)
            for index in range(len(top.claims))
        ]
    items: list[Any] = list(top.claims)
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    start_lines = _id_lines(text, ids) if located is None else [0] * len(ids)
    for index, spec in enumerate(specs):
        raw_claim = located_claim(index) if located is not None else None
        if spec is None:
            if isinstance(located_claim(index), dict):
                read.invalid.append((path, located_claim(index)))
        else:
            claim = Claim(
                spec,
                path,
                raw_claim,
                first_position + len(read.claims),
                start_lines[index],
            )
            read.claims.append(claim)
        claim_id = ids[index]
        if isinstance(claim_id, str):
            line = line_of(raw_claim, ("id",)) if raw_claim is not None else start_lines[index]
            read.ids.append((claim_id, path, line or None))
    return read


def _valid_claim(
    path: Path,
    problems: Problems,
    claims: list[Any],
    index: int,
    lines: Callable[[], Any],
    located_claim: Callable[[int], Any],
) -> ClaimIn | None:
    """Claim `index` validated, or None with its problems added."""
    raw_claim = claims[index]
    if not isinstance(raw_claim, dict):
        line = line_of(lines(), ("claims", index))
        problems.add(
            Problem(path, line, "each claim must be a mapping with id, statement, routes, topic")
        )
        return None
    try:
        return ClaimIn.model_validate(raw_claim)
    except ValidationError as exc:
        label = raw_claim.get("id")
        located = located_claim(index)
        problems.add(*(validation_problem(path, located, e, label) for e in exc.errors()))
        return None


def _id_lines(text: str, ids: list[object]) -> list[int]:
    """Each claim's line (0: not found), from its `id:` line in the text: no second parse.

    One `id:` line per claim, in order: each claim's own line, so duplicate ids are
    reported at their lines without the slow line-tracking parse; otherwise an id's
    first line."""
    found: list[tuple[str, int]] = []
    line, last = 1, 0
    for match in _ID_LINE.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        found.append((match.group(1), line))
    if [found_id for found_id, _ in found] == ids:
        return [found_line for _, found_line in found]
    first: dict[str, int] = {}
    for found_id, found_line in found:
        first.setdefault(found_id, found_line)
    return [first.get(claim_id, 0) if isinstance(claim_id, str) else 0 for claim_id in ids]


def _evidence_base(
    data_dir: Path,
    bib_path: Path,
    works: dict[str, Work],
    documents: Located,
    claims: list[Claim],
    config: GradingConfig,
) -> EvidenceBase:
    """The evidence base from its checked parts, warning of each work not yet appraised."""
    warnings = [
        Problem(
            bib_path,
            work.line,
            f"entry '{work.key}' has no design: it counts as the "
            "lowest level of evidence until appraised; add design = {...}",
        )
        for work in works.values()
        if work.design is None
    ]
    warnings += absence_of_evidence_warnings(works, claims, config)
    warnings += incomplete_records(bib_path, works, claims)
    by_file: dict[str, list[str]] = {}
    for key, path, _ in documents:
        by_file.setdefault(file_key(data_dir, path), []).append(key)
    return EvidenceBase(
        data_dir=data_dir,
        works=works,
        documents=list(dict.fromkeys(key for key, _, _ in documents)),
        claims=claims,
        config=config,
        warnings=warnings,
        documents_by_file=by_file,
    )
