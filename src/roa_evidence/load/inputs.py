"""Which evidence base to read, the files it is built from, their bytes and hashes.

A load reads each input file once, here (`read_inputs`): the parsers take the bytes
that were hashed, so what is stored as "built from" is what was parsed, and the folder
is not looked at again. Kept apart from the parsers so that deciding "nothing changed"
costs a read of the files and no heavy import.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..bounded import MAX_DATA_FILE, MAX_GRADING_FILE, Content, open_regular, read_content
from ..errors import DataNotFound

BIB_NAME = "studies.bib"
CLAIMS_NAME = "claims.yaml"
CLAIMS_DIR = "claims"
GRADING_NAME = "grading.toml"
VOCABULARY_NAME = "vocabulary.yaml"


def default_data_dir() -> Path:
    """The evidence base shipped inside the package (or the checkout's, run from source)."""
    packaged = Path(__file__).parents[1] / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def unused_local_data(shipped: Path) -> bool:
    """True when ./data holds an evidence base other than `shipped` (a clone's copy that
    a curator edits while the installed one is read)."""
    here = Path("data")
    return (here / CLAIMS_NAME).is_file() and here.resolve() != shipped.resolve()


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


def file_key(data_dir: Path, path: Path) -> str:
    """A file's name relative to the evidence base (`claims/part-01.yaml`)."""
    return path.relative_to(data_dir).as_posix()


@dataclass(frozen=True)
class Inputs:
    """An evidence base's folder, read once: its input files, their bytes (or why they
    could not be read) by name, `vocabulary.yaml`'s among them when there is one, and
    their content hashes; handed down to every later step of a load."""

    data_dir: Path
    files: list[Path]
    contents: dict[str, Content]

    def content(self, path: Path) -> Content:
        """The bytes of the input file `path` as they were read and hashed."""
        return self.contents[file_key(self.data_dir, path)]

    @functools.cached_property
    def hashes(self) -> dict[str, str]:
        """Each input file's content hash, by its name relative to `data_dir`, in input order."""
        return {name: _hash_of(content) for name, content in self.contents.items()}

    @functools.cached_property
    def data_hash(self) -> str:
        """The fingerprint of the whole evidence base (`fingerprint`)."""
        return _digest(self.hashes)


def read_inputs(data_dir: Path) -> Inputs:
    """The folder's input files, each read once (a load's steps take them from here)."""
    files = input_files(data_dir)
    named = _named(data_dir, files)
    return Inputs(data_dir, files, {name: read_content(path, _limit(path)) for name, path in named})


def _named(data_dir: Path, files: list[Path]) -> list[tuple[str, Path]]:
    """Each input file by its name, and `vocabulary.yaml` when there is one: not read as a
    claims file, but a change to it regrades."""
    named = [(file_key(data_dir, path), path) for path in files]
    vocabulary = data_dir / VOCABULARY_NAME
    return [*named, (VOCABULARY_NAME, vocabulary)] if vocabulary.exists() else named


def _limit(path: Path) -> int:
    return MAX_GRADING_FILE if path.name == GRADING_NAME else MAX_DATA_FILE


def _hash_of(content: Content) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(b"\0<unreadable>" if isinstance(content, OSError) else content)
    return digest.hexdigest()


def fingerprint(data_dir: Path) -> str:
    """`read_inputs(data_dir).data_hash`, each file hashed in pieces and nothing kept: a
    command that only asks whether its database is current holds no file in memory."""
    named = _named(data_dir, input_files(data_dir))
    return _digest({name: _streamed_hash(path) for name, path in named})


def _streamed_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    try:  # in pieces, and only a regular file: the load says what is wrong with others
        with open_regular(path, _limit(path)) as handle:
            while piece := handle.read(1 << 20):
                digest.update(piece)
    except OSError:
        return _hash_of(OSError())
    return digest.hexdigest()


def _digest(hashes: dict[str, str]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for name, file_hash in hashes.items():
        digest.update(f"{name}\0{file_hash}\0".encode())
    return digest.hexdigest()
