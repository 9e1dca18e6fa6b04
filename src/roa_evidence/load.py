"""The evidence base on disk -> validated works and claims, every problem at once.

`read_evidence_base` reads `studies.bib`, `claims.yaml` (and/or
`claims/*.yaml`) and an optional `grading.toml`, validates them against the
vocabularies and each other, and either returns an `EvidenceBase` or raises
`InvalidData` listing every problem with its file and line.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import TypeAdapter, ValidationError

from . import fastyaml
from .bibfile import Work, read_bib
from .errors import DataNotFound, InvalidData, Problem
from .grading import DEFAULT_CONFIG, GradingConfig
from .inputs import BIB_NAME, GRADING_NAME, file_key, input_files
from .inputs import CLAIMS_DIR as CLAIMS_DIR  # re-exported: the names were defined here
from .inputs import CLAIMS_NAME as CLAIMS_NAME
from .inputs import fingerprint as fingerprint
from .schema import ClaimIn, ClaimsFileIn
from .vocab import POOLED_DESIGNS, nearest
from .yamlfile import LineDict, YamlError, line_of, parse_yaml


@dataclass(frozen=True)
class Claim:
    """A validated claim and where it was written."""

    spec: ClaimIn
    path: Path
    raw: Any = field(compare=False, repr=False)  # the parsed mapping, for line numbers
    position: int = 0
    start_line: int = field(default=0, compare=False)  # when `raw` keeps no lines

    @property
    def line(self) -> int:
        return line_of(self.raw, ()) or self.start_line

    def line_of(self, *location: str | int) -> int | None:
        raw = self.raw
        if not isinstance(raw, LineDict):  # read by the fast parser: locate it now
            raw = _located_claim(self.path, self.spec.id)
        return line_of(raw, location) if raw is not None else (self.start_line or None)


def _located_claim(path: Path, claim_id: str) -> LineDict | None:
    """The claim `claim_id` of `path` read again with line tracking, for a message."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return _located_claims(path, stat.st_mtime_ns, stat.st_size).get(claim_id)


@functools.lru_cache(maxsize=8)
def _located_claims(path: Path, mtime_ns: int, size: int) -> dict[str, LineDict]:
    text, _ = read_text(path)
    if text is None:
        return {}
    raw, problems = read_yaml_text(path, text)
    if problems or not isinstance(raw, LineDict) or not isinstance(raw.get("claims"), list):
        return {}
    return {
        claim["id"]: claim
        for claim in raw["claims"]
        if isinstance(claim, LineDict) and isinstance(claim.get("id"), str)
    }


@dataclass
class EvidenceBase:
    """Everything in one evidence base, validated and cross-checked."""

    data_dir: Path
    works: dict[str, Work]
    documents: list[str]
    claims: list[Claim]
    config: GradingConfig = DEFAULT_CONFIG
    warnings: list[Problem] = field(default_factory=list)
    # each claims file's `documents:` list, by its name relative to data_dir
    documents_by_file: dict[str, list[str]] = field(default_factory=dict)
    # the documents' text files, as a claims file's `documents_dir` names them
    documents_dir: Path | None = None


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


def read_evidence_base(
    data_dir: Path, while_waiting: Callable[[], object] | None = None
) -> EvidenceBase:
    """Read and validate an evidence base; raise InvalidData with every problem found.

    studies.bib is parsed in a second process while the claims files are read
    here with the fast YAML parser; only when something is wrong are the claims
    read again with line tracking, so that every problem names its line.
    """
    files = input_files(data_dir)
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
    lines: dict[str, int] = {}
    line, last = 1, 0
    for match in _ID_LINE.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        lines.setdefault(match.group(1), line)
    # No parsed mapping is kept (it has no lines, and would double the memory held);
    # a message that needs a line reads the file again (Claim.line_of).
    claims = [Claim(spec, path, None, i, lines.get(spec.id, 0)) for i, spec in enumerate(specs)]
    return ClaimsFile(path, list(top.documents), claims, _documents_dir(path, top))


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
        config, config_problems = _read_config(data_dir / GRADING_NAME)
        if config_problems:
            return None
    documents: list[tuple[str, Path, int | None]] = []
    claims: list[Claim] = []
    documents_dir = next((r.documents_dir for r in claim_files if r and r.documents_dir), None)
    for read in claim_files:
        assert read is not None
        documents += [(key, read.path, None) for key in read.documents]
        claims += [
            dataclasses.replace(claim, position=len(claims) + i)
            for i, claim in enumerate(read.claims)
        ]
    ids: Located = [(claim.spec.id, claim.path, None) for claim in claims]
    if _duplicate_ids(ids) or not _references_resolve(works, documents, claims):
        return None
    if any(next(claim_problems(works, claim), None) for claim in claims):
        return None
    base = _evidence_base(data_dir, files[0], works, documents, claims, config)
    return dataclasses.replace(base, documents_dir=documents_dir)


def _references_resolve(
    works: dict[str, Work], documents: list[tuple[str, Path, int | None]], claims: list[Claim]
) -> bool:
    """True when every key a claims file names is known (`_cross_check` says where not)."""
    listed = {key for key, _, _ in documents}
    if not listed <= works.keys():
        return False
    for claim in claims:
        spec = claim.spec
        for assertion in (*spec.asserted_by, *spec.disputed_by):
            if assertion.document not in listed:
                return False
        for link in spec.evidence:
            if link.source not in works:
                return False
    return True


def _evidence_base(
    data_dir: Path,
    bib_path: Path,
    works: dict[str, Work],
    documents: list[tuple[str, Path, int | None]],
    claims: list[Claim],
    config: GradingConfig,
) -> EvidenceBase:
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


def _read_located(data_dir: Path, files: list[Path], works_read: WorksRead) -> EvidenceBase:
    """The line-tracking read: slower, and every problem comes with its line."""
    bib_path = files[0]
    works, bib_problems, bib_read = works_read
    problems: list[Problem] = list(bib_problems)

    config = DEFAULT_CONFIG
    grading_path = data_dir / GRADING_NAME
    if grading_path in files:
        config, config_problems = _read_config(grading_path)
        problems += config_problems

    documents: list[tuple[str, Path, int | None]] = []
    claims: list[Claim] = []
    ids: list[tuple[str, Path, int | None]] = []
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

    problems += _duplicate_ids(ids)
    problems += _cross_check(works, documents, claims, known_works=bib_read)
    # A claim that failed validation still names documents and sources: check those too, so
    # that every mistake in a file surfaces in one run.
    problems += _cross_check_raw(works, documents, invalid, known_works=bib_read)
    if problems:
        order = {path: i for i, path in enumerate(files)}
        problems.sort(key=lambda p: (order.get(p.path, len(order)), p.line or 0))
        raise InvalidData(problems)
    base = _evidence_base(data_dir, bib_path, works, documents, claims, config)
    return dataclasses.replace(base, documents_dir=next(iter(dirs), None))


def _read_config(path: Path) -> tuple[GradingConfig, list[Problem]]:
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


Located = list[tuple[str, Path, int | None]]  # (key or id, file, line)


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
        return [], [], [], [_validation_problem(path, raw, error) for error in exc.errors()]
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
            problems += [_validation_problem(path, raw_claim, e, label) for e in exc.errors()]
            if invalid is not None:
                invalid.append((path, raw_claim))
            continue
        claims.append(Claim(spec, path, raw_claim, first_position + len(claims)))
    return documents, claims, ids, problems


def _duplicate_ids(ids: Located) -> list[Problem]:
    first: dict[str, tuple[Path, int | None]] = {}
    problems: list[Problem] = []
    for claim_id, path, line in ids:
        if claim_id in first:
            other_path, other_line = first[claim_id]
            problems.append(
                Problem(
                    path,
                    line,
                    f"duplicate claim id '{claim_id}' (first at "
                    f"{other_path.name}:{other_line}); give each claim its own id",
                )
            )
        else:
            first[claim_id] = (path, line)
    return problems


def read_yaml_text(path: Path, text: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; a syntax problem comes back with its line."""
    try:
        return parse_yaml(text), []
    except YamlError as exc:
        return None, [Problem(path, exc.line, exc.message)]
    except RecursionError:
        return None, [Problem(path, None, "nesting is too deep to read; flatten the structure")]


def _validation_problem(path: Path, raw: Any, error: Any, claim_id: object = None) -> Problem:
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


def _cross_check_raw(
    works: dict[str, Work],
    documents: list[tuple[str, Path, int | None]],
    invalid: list[tuple[Path, LineDict]],
    known_works: bool,
) -> list[Problem]:
    """The document and source keys of claims that failed validation, checked as far as
    they can be read."""
    if not known_works:
        return []
    listed = {key for key, _, _ in documents}
    problems: list[Problem] = []
    for path, raw in invalid:
        label = f"claim '{raw['id']}': " if isinstance(raw.get("id"), str) else ""
        places = [(kind, "document") for kind in ("asserted_by", "disputed_by")]
        for kind, field_name in (*places, ("evidence", "source")):
            items = raw.get(kind)
            if not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                key = item.get(field_name) if isinstance(item, dict) else None
                if not isinstance(key, str):
                    continue
                line = line_of(raw, (kind, i, field_name))
                if key not in works:
                    message = (
                        f"{field_name} '{key}' is not an entry in studies.bib; add it or fix "
                        f"the key ({nearest(key, list(works))})"
                    )
                    problems.append(Problem(path, line, label + message))
                elif field_name == "document" and key not in listed:
                    message = f"'{key}' is not listed under `documents:`; add it there"
                    problems.append(Problem(path, line, label + message))
    return problems


def _cross_check(
    works: dict[str, Work],
    documents: list[tuple[str, Path, int | None]],
    claims: list[Claim],
    known_works: bool,
) -> list[Problem]:
    problems: list[Problem] = []
    if not known_works:
        return problems  # every key would be "unknown"; the bib problem says why
    keys = list(works)

    def unknown(key: str, what: str) -> str:
        return (
            f"{what} '{key}' is not an entry in studies.bib; add it or fix the key "
            f"({nearest(key, keys)})"
        )

    document_keys = {key for key, _, _ in documents}
    for key, path, line in documents:
        if key not in works:
            problems.append(Problem(path, line, unknown(key, "document")))
    for claim in claims:
        spec = claim.spec
        for kind in ("asserted_by", "disputed_by"):
            for i, assertion in enumerate(getattr(spec, kind)):
                line = claim.line_of(kind, i, "document")
                if assertion.document not in works:
                    problems.append(
                        Problem(
                            claim.path,
                            line,
                            f"claim '{spec.id}': " + unknown(assertion.document, "document"),
                        )
                    )
                elif assertion.document not in document_keys:
                    problems.append(
                        Problem(
                            claim.path,
                            line,
                            f"claim '{spec.id}': "
                            f"'{assertion.document}' is not listed under "
                            "`documents:`; add it there",
                        )
                    )
        for i, link in enumerate(spec.evidence):
            if link.source not in works:
                problems.append(
                    Problem(
                        claim.path,
                        claim.line_of("evidence", i, "source"),
                        f"claim '{spec.id}': " + unknown(link.source, "source"),
                    )
                )
        problems += claim_problems(works, claim)
    return problems


class Appraised(Protocol):
    """What the link checks need of a work: its design and n."""

    @property
    def design(self) -> str | None: ...
    @property
    def n(self) -> int | None: ...


def claim_problems(works: Mapping[str, Appraised], claim: Claim) -> Iterator[Problem]:
    """What a claim's kind or links get wrong against the works they name.

    A generator, so the fast path can stop at the first problem without
    locating lines; the located read lists them all.
    """
    spec = claim.spec

    def problem(message: str, *location: str | int) -> Problem:
        return Problem(claim.path, claim.line_of(*location), f"claim '{spec.id}': {message}")

    if spec.kind == "description" and not spec.evidence:
        yield problem(
            "a description must link the source(s) it describes; add them under `evidence:`",
            "kind",
        )
    if spec.kind == "definition" and spec.rationale is None:
        yield problem(
            "a definition needs a `rationale:` saying why it holds by definition; add one",
            "kind",
        )
    if spec.kind != "finding" and spec.grade_override is not None:
        yield problem(
            f"a {spec.kind} is checked, not graded, so it takes no `grade_override`; "
            "remove it"
            + (" (the rationale says why it holds)" if spec.kind == "definition" else ""),
            "grade_override",
        )
    effect = spec.pooled_effect
    if spec.mid is not None and effect is not None and spec.mid.measure != effect.measure:
        yield problem(
            f"`mid` is on the {spec.mid.measure} scale but the pooled effect is a "
            f"{effect.measure}; give the MID on the effect's scale",
            "mid",
        )
    pooled = {
        link.source
        for link in spec.evidence
        if link.source in works and works[link.source].design in POOLED_DESIGNS
    }
    for i, link in enumerate(spec.evidence):
        work = works.get(link.source)
        if work is None:
            continue  # reported as an unknown source
        if link.n is not None and work.n is not None and link.n > work.n:
            yield problem(
                f"link to '{link.source}' has n {link.n}, above the study's n {work.n}; "
                "give the arm's n, or fix the study's n in studies.bib",
                "evidence",
                i,
                "n",
            )
        if link.within is not None and (link.within not in pooled or link.within == link.source):
            linked = {other.source for other in spec.evidence}
            if link.within == link.source:
                why = "is the link's own source"
            elif link.within not in works:
                why = f"is not an entry in studies.bib ({nearest(link.within, list(works))})"
            elif link.within not in linked:
                why = "is not linked on this claim"
            else:
                design = works[link.within].design or "not appraised"
                why = f"is a {design}, not a {' or '.join(POOLED_DESIGNS)}"
            yield problem(
                f"link to '{link.source}' says `within: {link.within}`, which {why}; "
                "name the pooled source that includes this study, or remove `within:`",
                "evidence",
                i,
                "within",
            )


_QUOTE_CHARS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_WHITESPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Whitespace, dashes and typographic quotes made uniform, for quote matching."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS)
    return _WHITESPACE.sub(" ", text).strip()


def check_quotes(base: EvidenceBase, documents_dir: Path) -> list[Problem]:
    """Every quote that is not a verbatim span of its document's text, as problems."""
    if not documents_dir.is_dir():
        raise DataNotFound(
            f"the documents folder {documents_dir} does not exist; "
            "pass --documents DIR with the documents' text files"
        )
    root = documents_dir.resolve()
    texts: dict[str, str | Problem] = {}
    problems: list[Problem] = []
    for claim in base.claims:
        for kind in ("asserted_by", "disputed_by"):
            for i, assertion in enumerate(getattr(claim.spec, kind)):
                key = assertion.document
                if key not in texts:
                    texts[key] = _document_text(base, key, root)
                text = texts[key]
                line = claim.line_of(kind, i, "quote")
                if isinstance(text, Problem):
                    problems.append(
                        Problem(claim.path, line, f"claim '{claim.spec.id}': {text.message}")
                    )
                elif normalise_text(assertion.quote) not in text:
                    closest = closest_passage(normalise_text(assertion.quote), text)
                    problems.append(
                        Problem(
                            claim.path,
                            line,
                            f"claim '{claim.spec.id}': the "
                            f'quote "{_shorten(assertion.quote)}" is not in '
                            f"{key}'s text; copy it verbatim from the document{closest}",
                        )
                    )
    return problems


def _document_text(base: EvidenceBase, key: str, root: Path) -> str | Problem:
    work = base.works[key]
    where = base.data_dir / BIB_NAME
    if not work.file:
        return Problem(
            where, work.line, f"document '{key}' has no `file` field naming its text; add one"
        )
    path = (root / work.file).resolve()
    if not path.is_relative_to(root):
        return Problem(
            where,
            work.field_lines.get("file", work.line),
            f"document '{key}': file "
            f"'{work.file}' points outside the documents folder; name a file inside it",
        )
    text, problems = read_text(path)
    if text is None:
        return Problem(path, None, f"document '{key}': {problems[0].message}")
    return normalise_text(text)


def closest_passage(quote: str, text: str) -> str:
    """' (the closest passage is "...": how it differs)' for a near-miss quote, or ""
    when nothing in `text` comes close."""
    import difflib

    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(quote, text, score_cutoff=70)
    if found is None:
        return ""
    start, end = found.dest_start, found.dest_end
    margin = max(20, len(quote) // 4)  # room for words the quote leaves out or adds
    window = text[max(0, start - margin) : end + margin].split()
    if start - margin > 0:
        window = window[1:]  # a word cut by the window
    if end + margin < len(text):
        window = window[:-1]
    ours = quote.split()
    matcher = difflib.SequenceMatcher(None, [_word(w) for w in ours], [_word(w) for w in window])
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return ""
    passage = window[blocks[0].b : blocks[-1].b + blocks[-1].size]
    return (
        f' (the closest passage is "{_shorten(" ".join(passage), 120)}": '
        f"{_differences(ours, passage)})"
    )


def _word(word: str) -> str:
    return word.strip(".,;:!?\"'()[]").lower()


def _differences(ours: list[str], theirs: list[str], limit: int = 3) -> str:
    """How the quote's words differ from the passage's, in a few plain phrases."""
    import difflib

    changes = []
    matcher = difflib.SequenceMatcher(None, [_word(w) for w in ours], [_word(w) for w in theirs])
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        said, written = " ".join(ours[i1:i2]), " ".join(theirs[j1:j2])
        if tag == "replace":
            changes.append(f"the document has '{written}' where the quote has '{said}'")
        elif tag == "delete":
            changes.append(f"the quote adds '{said}'")
        elif tag == "insert":
            changes.append(f"the quote leaves out '{written}'")
    if not changes:
        return "it differs only in letter case or punctuation"
    more = f", and {len(changes) - limit} more" if len(changes) > limit else ""
    return "; ".join(changes[:limit]) + more


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def unjudged(base: EvidenceBase) -> list[Claim]:
    """Supported claims graded on automatic judgements alone: no reviewer judgement of
    any domain and no override. A reviewer may want to look at these first."""
    return [
        claim
        for claim in base.claims
        if any(link.stance == "supports" for link in claim.spec.evidence)
        and claim.spec.grade_override is None
        and not (claim.spec.judgements and claim.spec.judgements.model_dump(exclude_none=True))
    ]
