"""The evidence base on disk -> validated works and claims, every problem at once.

`read_evidence_base` reads `studies.bib`, `claims.yaml` (and/or
`claims/*.yaml`) and an optional `grading.toml`, validates them against the
vocabularies and each other, and either returns an `EvidenceBase` or raises
`InvalidData` listing every problem with its file and line.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .bibfile import Work, read_bib
from .errors import DataNotFound, InvalidData, Problem
from .grading import DEFAULT_CONFIG, GradingConfig
from .schema import ClaimIn, ClaimsFileIn, nearest
from .yamlfile import LineDict, YamlError, line_of, parse_yaml

BIB_NAME = "studies.bib"
CLAIMS_NAME = "claims.yaml"
CLAIMS_DIR = "claims"
GRADING_NAME = "grading.toml"


@dataclass(frozen=True)
class Claim:
    """A validated claim and where it was written."""

    spec: ClaimIn
    path: Path
    raw: Any = field(compare=False, repr=False)  # the parsed mapping, for line numbers
    position: int = 0

    @property
    def line(self) -> int:
        return line_of(self.raw, ()) or 0

    def line_of(self, *location: str | int) -> int | None:
        return line_of(self.raw, location)


@dataclass
class EvidenceBase:
    """Everything in one evidence base, validated and cross-checked."""

    data_dir: Path
    works: dict[str, Work]
    documents: list[str]
    claims: list[Claim]
    config: GradingConfig = DEFAULT_CONFIG
    warnings: list[Problem] = field(default_factory=list)


def input_files(data_dir: Path) -> list[Path]:
    """The files an evidence base is built from, in a stable order."""
    if not data_dir.is_dir():
        what = "is not a folder" if data_dir.exists() else "does not exist"
        raise DataNotFound(
            f"the evidence base {data_dir} {what}; pass --data DIR with a folder holding "
            f"{BIB_NAME} and {CLAIMS_NAME}"
        )
    files = [data_dir / BIB_NAME]
    if (data_dir / CLAIMS_NAME).exists() or not (data_dir / CLAIMS_DIR).is_dir():
        files.append(data_dir / CLAIMS_NAME)
    if (data_dir / CLAIMS_DIR).is_dir():
        files.extend(sorted((data_dir / CLAIMS_DIR).glob("*.yaml")))
    if (data_dir / GRADING_NAME).exists():
        files.append(data_dir / GRADING_NAME)
    return files


def fingerprint(data_dir: Path) -> str:
    """A content hash of every input file: equal hashes mean nothing to reload."""
    digest = hashlib.blake2b(digest_size=16)
    for path in input_files(data_dir):
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """A data file's text, or the reason it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(path, None, "the file is missing; create it or pass --data DIR")]
    except IsADirectoryError:
        return None, [Problem(path, None, "is a folder, not a file; move it aside")]
    except PermissionError:
        return None, [Problem(path, None, "cannot be read (permission denied); check its permissions")]
    except OSError as exc:
        return None, [Problem(path, None, f"cannot be read ({exc.strerror}); check the file")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8")]


def read_evidence_base(data_dir: Path) -> EvidenceBase:
    """Read and validate an evidence base; raise InvalidData with every problem found."""
    files = input_files(data_dir)
    bib_path = files[0]
    problems: list[Problem] = []

    text, read_problems = read_text(bib_path)
    problems += read_problems
    works: dict[str, Work] = {}
    if text is not None:
        bib_works, bib_problems = read_bib(bib_path, text)
        problems += bib_problems
        works = {work.key: work for work in bib_works}

    config = DEFAULT_CONFIG
    grading_path = data_dir / GRADING_NAME
    if grading_path in files:
        config, config_problems = _read_config(grading_path)
        problems += config_problems

    documents: list[tuple[str, Path, int | None]] = []
    claims: list[Claim] = []
    ids: list[tuple[str, Path, int | None]] = []
    for path in files[1:]:
        if path.suffix == ".yaml":
            file_documents, file_claims, file_ids, file_problems = _read_claims_file(
                path, len(claims))
            documents += file_documents
            claims += file_claims
            ids += file_ids
            problems += file_problems

    problems += _duplicate_ids(ids)
    problems += _cross_check(works, documents, claims, known_works=text is not None)
    if problems:
        order = {path: i for i, path in enumerate(files)}
        problems.sort(key=lambda p: (order.get(p.path, len(order)), p.line or 0))
        raise InvalidData(problems)
    warnings = [
        Problem(bib_path, work.line, f"entry '{work.key}' has no design: it counts as the "
                "lowest level of evidence until appraised; add design = {...}")
        for work in works.values()
        if work.design is None
    ]
    return EvidenceBase(
        data_dir=data_dir,
        works=works,
        documents=list(dict.fromkeys(key for key, _, _ in documents)),
        claims=claims,
        config=config,
        warnings=warnings,
    )


def _read_config(path: Path) -> tuple[GradingConfig, list[Problem]]:
    text, problems = read_text(path)
    if text is None:
        return DEFAULT_CONFIG, problems
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        return DEFAULT_CONFIG, [Problem(path, int(match.group(1)) if match else None,
                                        f"TOML syntax error ({exc}); fix the syntax")]
    try:
        return GradingConfig.from_mapping(raw.get("grading", raw)), []
    except ValueError as exc:
        return DEFAULT_CONFIG, [Problem(path, None, f"{exc}; see the README's grading section")]


Located = list[tuple[str, Path, int | None]]  # (key or id, file, line)


def _read_claims_file(
    path: Path, first_position: int
) -> tuple[Located, list[Claim], Located, list[Problem]]:
    """One claims file: its documents, valid claims, every claim id seen, and problems."""
    text, problems = read_text(path)
    if text is None:
        return [], [], [], problems
    raw, problems = read_yaml_text(path, text)
    if problems:
        return [], [], [], problems
    if raw is None:
        return [], [], [], [Problem(path, None, "the file is empty; write `version: 1` and a "
                                    "`claims:` list")]
    if not isinstance(raw, LineDict):
        return [], [], [], [Problem(path, getattr(raw, "line", 1), "the file must be a mapping "
                                    "with `version`, `documents` and `claims`, not a list or a value")]
    try:
        top = ClaimsFileIn.model_validate(raw)
    except ValidationError as exc:
        return [], [], [], [_validation_problem(path, raw, error) for error in exc.errors()]
    documents = [(key, path, line_of(raw, ("documents", i))) for i, key in enumerate(top.documents)]
    claims: list[Claim] = []
    ids: Located = []
    for index in range(len(top.claims)):
        raw_claim = raw["claims"][index]
        if not isinstance(raw_claim, LineDict):
            problems.append(Problem(path, line_of(raw, ("claims", index)),
                                    "each claim must be a mapping with id, statement, routes, topic"))
            continue
        if isinstance(raw_claim.get("id"), str):
            ids.append((raw_claim["id"], path, line_of(raw_claim, ("id",))))
        try:
            spec = ClaimIn.model_validate(raw_claim)
        except ValidationError as exc:
            label = raw_claim.get("id")
            problems += [_validation_problem(path, raw_claim, e, label) for e in exc.errors()]
            continue
        claims.append(Claim(spec, path, raw_claim, first_position + len(claims)))
    return documents, claims, ids, problems


def _duplicate_ids(ids: Located) -> list[Problem]:
    first: dict[str, tuple[Path, int | None]] = {}
    problems: list[Problem] = []
    for claim_id, path, line in ids:
        if claim_id in first:
            other_path, other_line = first[claim_id]
            problems.append(Problem(path, line, f"duplicate claim id '{claim_id}' (first at "
                                    f"{other_path.name}:{other_line}); give each claim its own id"))
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
        return f"{what} '{key}' is not an entry in studies.bib; add it or fix the key ({nearest(key, keys)})"

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
                    problems.append(Problem(claim.path, line, f"claim '{spec.id}': "
                                            + unknown(assertion.document, "document")))
                elif assertion.document not in document_keys:
                    problems.append(Problem(claim.path, line, f"claim '{spec.id}': "
                                            f"'{assertion.document}' is not listed under "
                                            "`documents:`; add it there"))
        for i, link in enumerate(spec.evidence):
            if link.source not in works:
                problems.append(Problem(claim.path, claim.line_of("evidence", i, "source"),
                                        f"claim '{spec.id}': " + unknown(link.source, "source")))
    return problems


_QUOTE_CHARS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ",
})
_WHITESPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Whitespace, dashes and typographic quotes made uniform, for quote matching."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS)
    return _WHITESPACE.sub(" ", text).strip()


def check_quotes(base: EvidenceBase, documents_dir: Path) -> list[Problem]:
    """Every quote that is not a verbatim span of its document's text, as problems."""
    if not documents_dir.is_dir():
        raise DataNotFound(f"the documents folder {documents_dir} does not exist; "
                           "pass --documents DIR with the documents' text files")
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
                    problems.append(Problem(claim.path, line, f"claim '{claim.spec.id}': {text.message}"))
                elif normalise_text(assertion.quote) not in text:
                    problems.append(Problem(claim.path, line, f"claim '{claim.spec.id}': the quote "
                                            f"\"{_shorten(assertion.quote)}\" is not in {key}'s text; "
                                            "copy it verbatim from the document"))
    return problems


def _document_text(base: EvidenceBase, key: str, root: Path) -> str | Problem:
    work = base.works[key]
    where = base.data_dir / BIB_NAME
    if not work.file:
        return Problem(where, work.line, f"document '{key}' has no `file` field naming its text; add one")
    path = (root / work.file).resolve()
    if not path.is_relative_to(root):
        return Problem(where, work.field_lines.get("file", work.line), f"document '{key}': file "
                       f"'{work.file}' points outside the documents folder; name a file inside it")
    text, problems = read_text(path)
    if text is None:
        return Problem(path, None, f"document '{key}': {problems[0].message}")
    return normalise_text(text)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
