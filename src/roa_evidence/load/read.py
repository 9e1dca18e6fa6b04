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

from pydantic import TypeAdapter, ValidationError

from .. import vocab
from ..errors import InvalidData, Problem
from ..grading import DEFAULT_CONFIG, GradingConfig
from . import fastyaml
from .bibfile import Work, read_bib
from .crosscheck import (
    Located,
    absence_of_evidence_warnings,
    claim_problems,
    cross_check,
    cross_check_raw,
    duplicate_ids,
    incomplete_records,
    references_resolve,
)
from .datafile import read_config, read_text, read_yaml_text, validation_problem
from .evidence_base import Claim, EvidenceBase
from .inputs import GRADING_NAME, file_key, input_files
from .schema import ClaimIn, ClaimsFileIn
from .vocabfile import base_vocabulary
from .yamlfile import LineDict, line_of


def read_evidence_base(
    data_dir: Path, while_waiting: Callable[[], object] | None = None
) -> EvidenceBase:
    """Read and validate an evidence base; raise InvalidData with every problem found.

    studies.bib is parsed in a second process while the claims files are read
    here with the fast YAML parser; only when something is wrong are the claims
    read again with line tracking, so that every problem names its line.
    """
    files = input_files(data_dir)
    vocab.activate(base_vocabulary(data_dir))  # before the fork: the worker checks its terms
    bib = read_works_in_background(files[0])
    try:
        claim_files = [read_claims_fast(path) for path in files[1:] if path.suffix == ".yaml"]
        if while_waiting is not None:
            while_waiting()  # e.g. import what comes next, while studies.bib is still parsed
    finally:
        works_read = bib.result()
    base = _fast_base(data_dir, files, works_read, claim_files)
    if base is not None:
        return base
    return _read_located(data_dir, files, works_read)


WorksRead = tuple[dict[str, Work], list[Problem], bool]  # works, problems, whether read at all


def read_works(bib_path: Path) -> WorksRead:
    """studies.bib as works by key, with every problem found in it."""
    text, problems = read_text(bib_path)
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

    def __init__(self, bib_path: Path) -> None:
        from .workers import forked_pool

        self._pool = forked_pool()
        self._future = self._pool.submit(read_works, bib_path)

    def result(self) -> WorksRead:
        try:
            return self._future.result()
        finally:
            self._pool.shutdown()


def read_works_in_background(bib_path: Path) -> _Done | _Background:
    """Start reading studies.bib on another core when there is one and the file is large."""
    try:
        size = bib_path.stat().st_size
    except OSError:
        size = 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if size < PARALLEL_MIN_BYTES or (cores or 1) < 2 or os.name != "posix":
        return _Done(read_works(bib_path))
    return _Background(bib_path)


@dataclass
class ClaimsFile:
    """One claims file read by the fast parser: its documents and valid claims."""

    path: Path
    documents: list[str]
    claims: list[Claim]
    documents_dir: Path | None = None
    lined: bool = False  # each claim's start_line is its own `id:` line


_CLAIM_LIST: TypeAdapter[list[ClaimIn]] = TypeAdapter(list[ClaimIn])
_ID_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?id:[ \t]*[\"']?([^\s\"'#,]+)", re.MULTILINE)


def read_claims_fast(path: Path) -> ClaimsFile | None:
    """A claims file through the fast parser, or None if it has any problem at all
    (the caller then reads it with line tracking to say where)."""
    text, _ = read_text(path)
    if text is None:
        return None
    try:
        raw = fastyaml.loads(text)
    except fastyaml.Unsupported:
        return None
    if not isinstance(raw, dict):
        return None
    try:
        top = ClaimsFileIn.model_validate(raw)
        specs = _CLAIM_LIST.validate_python(top.claims)
    except ValidationError:
        return None
    found: list[tuple[str, int]] = []
    line, last = 1, 0
    for match in _ID_LINE.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        found.append((match.group(1), line))
    # One `id:` line per claim, in order: each claim's own line (duplicate ids can then be
    # reported without the slow line-tracking parse); otherwise an id's first line.
    lined = len(found) == len(specs) and all(
        found_id == spec.id for (found_id, _), spec in zip(found, specs, strict=True)
    )
    first: dict[str, int] = {}
    for found_id, found_line in found:
        first.setdefault(found_id, found_line)
    starts = [ln for _, ln in found] if lined else [first.get(s.id, 0) for s in specs]
    # No parsed mapping is kept (it has no lines, and would double the memory held);
    # a message that needs a line reads the file again (Claim.line_of).
    claims = [Claim(spec, path, None, i, starts[i]) for i, spec in enumerate(specs)]
    return ClaimsFile(path, list(top.documents), claims, _documents_dir(path, top), lined)


def _documents_dir(path: Path, top: ClaimsFileIn) -> Path | None:
    """The claims file's `documents_dir`, relative to the file's folder."""
    return path.parent / top.documents_dir if top.documents_dir else None


def _fast_base(
    data_dir: Path, files: list[Path], works_read: WorksRead, claim_files: list[ClaimsFile | None]
) -> EvidenceBase | None:
    """The evidence base from the fast path, or None when anything needs reporting."""
    works, bib_problems, _ = works_read
    if bib_problems or None in claim_files:
        return None
    config = DEFAULT_CONFIG
    if data_dir / GRADING_NAME in files:
        config, config_problems = read_config(data_dir / GRADING_NAME)
        if config_problems:
            return None
    documents: Located = []
    claims: list[Claim] = []
    documents_dir = next((r.documents_dir for r in claim_files if r and r.documents_dir), None)
    for read in claim_files:
        assert read is not None
        documents += [(key, read.path, None) for key in read.documents]
        claims += [
            dataclasses.replace(claim, position=len(claims) + i)
            for i, claim in enumerate(read.claims)
        ]
    ids: Located = [(claim.spec.id, claim.path, claim.start_line or None) for claim in claims]
    duplicates = duplicate_ids(ids)
    if duplicates and not all(read is not None and read.lined for read in claim_files):
        return None
    if not references_resolve(works, documents, claims):
        return None
    if any(next(claim_problems(works, claim), None) for claim in claims):
        return None
    if duplicates:  # the only problem, each with its line: no need for the slow read
        raise InvalidData(duplicates)
    base = _evidence_base(data_dir, files[0], works, documents, claims, config)
    return dataclasses.replace(base, documents_dir=documents_dir)


def _read_located(data_dir: Path, files: list[Path], works_read: WorksRead) -> EvidenceBase:
    """The line-tracking read: slower, and every problem comes with its line."""
    bib_path = files[0]
    works, bib_problems, bib_read = works_read
    problems: list[Problem] = list(bib_problems)

    config = DEFAULT_CONFIG
    grading_path = data_dir / GRADING_NAME
    if grading_path in files:
        config, config_problems = read_config(grading_path)
        problems += config_problems

    documents: Located = []
    claims: list[Claim] = []
    ids: Located = []
    invalid: list[tuple[Path, LineDict]] = []
    dirs: list[Path] = []
    for path in files[1:]:
        if path.suffix == ".yaml":
            file_documents, file_claims, file_ids, file_problems = _read_claims_file(
                path, len(claims), invalid, dirs
            )
            documents += file_documents
            claims += file_claims
            ids += file_ids
            problems += file_problems

    problems += duplicate_ids(ids)
    problems += cross_check(works, documents, claims, known_works=bib_read)
    # A claim that failed validation still names documents and sources: check those too, so
    # that every mistake in a file surfaces in one run.
    problems += cross_check_raw(works, documents, invalid, known_works=bib_read)
    if problems:
        order = {path: i for i, path in enumerate(files)}
        problems.sort(key=lambda p: (order.get(p.path, len(order)), p.line or 0))
        raise InvalidData(problems)
    base = _evidence_base(data_dir, bib_path, works, documents, claims, config)
    return dataclasses.replace(base, documents_dir=next(iter(dirs), None))


def _read_claims_file(
    path: Path,
    first_position: int,
    invalid: list[tuple[Path, LineDict]] | None = None,
    dirs: list[Path] | None = None,
) -> tuple[Located, list[Claim], Located, list[Problem]]:
    """One claims file: its documents, valid claims, every claim id seen, and problems;
    claims that fail validation are added to `invalid`, as read, and a `documents_dir`
    to `dirs`."""
    text, problems = read_text(path)
    if text is None:
        return [], [], [], problems
    raw, problems = read_yaml_text(path, text)
    if problems:
        return [], [], [], problems
    if raw is None:
        return (
            [],
            [],
            [],
            [Problem(path, None, "the file is empty; write `version: 1` and a `claims:` list")],
        )
    if not isinstance(raw, LineDict):
        return (
            [],
            [],
            [],
            [
                Problem(
                    path,
                    getattr(raw, "line", 1),
                    "the file must be a mapping "
                    "with `version`, `documents` and `claims`, not a list or a "
                    "value",
                )
            ],
        )
    try:
        top = ClaimsFileIn.model_validate(raw)
    except ValidationError as exc:
        return [], [], [], [validation_problem(path, raw, error) for error in exc.errors()]
    documents = [(key, path, line_of(raw, ("documents", i))) for i, key in enumerate(top.documents)]
    documents_dir = _documents_dir(path, top)
    if documents_dir is not None and dirs is not None:
        dirs.append(documents_dir)
    claims: list[Claim] = []
    ids: Located = []
    for index in range(len(top.claims)):
        raw_claim = raw["claims"][index]
        if not isinstance(raw_claim, LineDict):
            problems.append(
                Problem(
                    path,
                    line_of(raw, ("claims", index)),
                    "each claim must be a mapping with id, statement, routes, topic",
                )
            )
            continue
        if isinstance(raw_claim.get("id"), str):
            ids.append((raw_claim["id"], path, line_of(raw_claim, ("id",))))
        try:
            spec = ClaimIn.model_validate(raw_claim)
        except ValidationError as exc:
            label = raw_claim.get("id")
            problems += [validation_problem(path, raw_claim, e, label) for e in exc.errors()]
            if invalid is not None:
                invalid.append((path, raw_claim))
            continue
        claims.append(Claim(spec, path, raw_claim, first_position + len(claims)))
    return documents, claims, ids, problems


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
